"""Names by finger: write one character on a square pad, then tap it among big candidates.

The pad draws each stroke under the finger as it moves and, when the finger lifts, asks
the recogniser (`kiosk.system.handwriting`) for the likeliest characters, ranked for a name
(`kiosk.core.handwriting.rank_for_name`: surnames first for the first character). Undo
takes back the last stroke, 重写 clears the pad, ⌫ takes back the last character of the
name. The owner (the name step) keeps the name and says which character comes next
(`position`); `chosen(char)` asks it to add one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.handwriting import MAX_STROKES, Stroke, fit_strokes, rank_for_name
from kiosk.core.pinyin_input import PinyinIndex
from kiosk.system.handwriting import Recogniser
from kiosk.ui.theme import TouchColours
from kiosk.ui.widgets.buttons import ButtonStates, big_button
from kiosk.ui.widgets.faces import screen_scale

CANDIDATES = 10
CANDIDATE_COLUMNS = 5
GUESSES = 40  # asked of the recogniser; the name filter keeps about half
PAD_MIN = 420  # px at 1080p: a finger-sized square (~11 cm on a 21.5-inch panel)
INK_PX = 14  # stroke width at 1080p
BACKSPACE = "⌫"


class StrokePad(QWidget):
    """A square writing area: strokes are drawn as the finger moves; `stroke_done` when
    it lifts. `strokes` are in the pad's coordinates (y down), in writing order."""

    stroke_done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self._writing = False
        self.side = 0  # the square's side its panel chose (0: the least)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        # at most the chosen side, and less when the screen needs the height (a band
        # shown above): a fixed size would hold the page at its old height
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        side = round(PAD_MIN * screen_scale(self))
        return QSize(side, side)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        least = self.minimumSizeHint()
        return QSize(max(self.side, least.width()), max(self.side, least.height()))

    def set_side(self, side: int) -> None:
        if side != self.side:
            self.side = side
            self.updateGeometry()

    def points(self) -> list[Stroke]:
        return fit_strokes(([(p.x(), p.y()) for p in s] for s in self.strokes),
                           float(self.width()), float(self.height()))

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self._writing = False
            self.update()

    def clear(self) -> None:
        self.strokes.clear()
        self._writing = False
        self.update()

    # -- the finger ----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton or len(self.strokes) >= MAX_STROKES:
            return
        self.strokes.append([event.position()])
        self._writing = True
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._writing and self.strokes:
            self.strokes[-1].append(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._writing or event.button() != Qt.MouseButton.LeftButton:
            return
        self._writing = False
        self.strokes[-1].append(event.position())
        self.update()
        self.stroke_done.emit()

    # -- drawing -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        scale = screen_scale(self)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        p.fillRect(rect, QColor(TouchColours.SURFACE))
        self._paint_guides(p, rect, scale)
        ink = QPen(QColor(TouchColours.TEXT), INK_PX * scale, Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        p.setPen(ink)
        for stroke in self.strokes:
            if len(stroke) == 1:
                p.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            p.drawPath(path)
        p.end()

    @staticmethod
    def _paint_guides(p: QPainter, rect: QRectF, scale: float) -> None:
        """The 田字格 of a copybook: a frame and a dashed cross, for size and centre."""
        frame = QPen(QColor(TouchColours.BORDER), 3 * scale)
        p.setPen(frame)
        p.drawRect(rect.adjusted(1.5 * scale, 1.5 * scale, -1.5 * scale, -1.5 * scale))
        cross = QPen(QColor("#C9C2B2"), 2 * scale, Qt.PenStyle.DashLine)
        p.setPen(cross)
        centre = rect.center()
        p.drawLine(QPointF(rect.left(), centre.y()), QPointF(rect.right(), centre.y()))
        p.drawLine(QPointF(centre.x(), rect.top()), QPointF(centre.x(), rect.bottom()))


class HandwritingPanel(QWidget):
    """The pad, its candidates and its buttons. `position` (the number of characters in
    the name so far) is set by the owner before each character."""

    chosen = Signal(str)  # a character to add to the name
    delete_char = Signal()  # ⌫: take back the name's last character

    def __init__(self, recogniser: Recogniser, index: PinyinIndex,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recogniser = recogniser
        self.index = index
        self.position = 0
        self.name_full = False
        self.candidates: list[str] = []
        self._states = ButtonStates()
        self.pad = StrokePad()
        self.pad.stroke_done.connect(self.recognise)
        self.candidate_buttons = [big_button("", "candidate") for _ in range(CANDIDATES)]
        for i, button in enumerate(self.candidate_buttons):
            button.clicked.connect(self._choose(i))
        self.undo = big_button("", "")
        self.undo.clicked.connect(self._undo)
        self.rewrite = big_button("", "")
        self.rewrite.clicked.connect(self.clear)
        self.backspace = big_button(BACKSPACE, "key")
        self.backspace.clicked.connect(self.delete_char.emit)
        self._candidate_grid = QGridLayout()
        tools = QHBoxLayout()
        for button in (self.undo, self.rewrite, self.backspace):
            tools.addWidget(button)
        self._side = side = QVBoxLayout()
        side.addLayout(self._candidate_grid)
        side.addStretch(1)
        side.addLayout(tools)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignCenter)
        self._layout.addLayout(side, 1)
        self._portrait: bool | None = None
        self.set_portrait(False)
        self.refresh()

    def _choose(self, i: int) -> Callable[[], None]:
        return lambda: self.choose(i)

    def retranslate(self, undo: str, rewrite: str) -> None:
        self.undo.setText(undo)
        self.rewrite.setText(rewrite)

    def set_portrait(self, portrait: bool) -> None:
        """Landscape: the pad left, candidates right. Portrait: the pad above them."""
        if portrait == self._portrait:
            return
        self._portrait = portrait
        columns = CANDIDATE_COLUMNS
        for i, button in enumerate(self.candidate_buttons):
            self._candidate_grid.removeWidget(button)
            self._candidate_grid.addWidget(button, i // columns, i % columns)
        self._layout.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                  else QBoxLayout.Direction.LeftToRight)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """The pad stays square: as tall as the panel in landscape (at most half its
        width), as wide as it in portrait (leaving the candidates room below)."""
        super().resizeEvent(event)
        width, height = event.size().width(), event.size().height()
        if self._portrait:
            side = min(width, height - self._side.sizeHint().height())
        else:
            side = min(height, width // 2)
        self.pad.set_side(max(side, self.pad.minimumSizeHint().width()))

    def set_position(self, position: int, *, full: bool) -> None:
        """The name has `position` characters (`full`: no more fit); candidates follow."""
        self.position, self.name_full = position, full
        self.recognise()

    # -- input ---------------------------------------------------------------------------
    def recognise(self) -> None:
        strokes = self.pad.points()
        guesses = self.recogniser.classify(strokes, GUESSES) if strokes else []
        self.candidates = rank_for_name(guesses, self.index, self.position, CANDIDATES)
        self.refresh()

    def choose(self, i: int) -> None:
        if i >= len(self.candidates) or self.name_full:
            return
        char = self.candidates[i]
        self.clear()
        self.chosen.emit(char)

    def _undo(self) -> None:
        self.pad.undo()
        self.recognise()

    def clear(self) -> None:
        self.pad.clear()
        self.candidates = []
        self.refresh()

    def refresh(self) -> None:
        states = self._states
        for i, button in enumerate(self.candidate_buttons):
            states.text(button, self.candidates[i] if i < len(self.candidates) else "")
            states.enable(button, i < len(self.candidates) and not self.name_full)
        written = bool(self.pad.strokes)
        states.enable(self.undo, written)
        states.enable(self.rewrite, written)
        states.enable(self.backspace, self.position > 0)

