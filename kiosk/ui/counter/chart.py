"""Supply vs demand by trade as horizontal bar pairs, drawn with QPainter.

Supply is a solid blue bar, demand a red bar with diagonal hatching; each bar carries its
number, and a legend names both in words: colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui import fonts
from kiosk.ui.theme import TouchColours

SUPPLY = QColor(TouchColours.SECONDARY)
DEMAND = QColor(TouchColours.PRIMARY)
INK = QColor(TouchColours.TEXT)
MUTED = QColor(TouchColours.MUTED)
GRID = QColor("#D6D0C2")
TEXT_PX = 16
BAR = 16
MIN_BAR = 8
BAR_GAP = 3
ROW_GAP = 12
LEGEND = 34
PAD = 10
LABEL_WIDTH = 72  # at least; as wide as the longest trade name up to a third
NUMBER_WIDTH = 44


@dataclass(frozen=True, slots=True)
class Pair:
    label: str
    supply: int
    demand: int


class SupplyDemandChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pairs: tuple[Pair, ...] = ()
        self.supply_text = ""
        self.demand_text = ""
        self.empty_text = ""
        self.painted = 0  # paint events handled (tests check that it draws)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_texts(self, supply: str, demand: str, empty: str) -> None:
        self.supply_text, self.demand_text, self.empty_text = supply, demand, empty
        self.update()

    def set_pairs(self, pairs: tuple[Pair, ...]) -> None:
        self.pairs = pairs
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        rows = max(1, len(self.pairs))
        return QSize(480, PAD * 2 + LEGEND + rows * (2 * BAR + BAR_GAP + ROW_GAP))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, PAD * 2 + LEGEND + 2 * BAR + BAR_GAP + ROW_GAP)

    # -- painting ---------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self.painted += 1
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(_font())
        p.fillRect(self.rect(), QColor(TouchColours.SURFACE))
        self._legend(p)
        if not self.pairs:
            p.setPen(MUTED)
            p.drawText(self.rect().adjusted(PAD, LEGEND + PAD, -PAD, -PAD),
                       Qt.AlignmentFlag.AlignCenter, self.empty_text)
        else:
            self._bars(p)
        p.end()

    def _legend(self, p: QPainter) -> None:
        x = PAD
        for text, colour, hatched in ((self.supply_text, SUPPLY, False),
                                      (self.demand_text, DEMAND, True)):
            swatch = QRect(x, PAD + 4, 28, BAR)
            _bar(p, swatch, colour, hatched)
            width = p.fontMetrics().horizontalAdvance(text)
            p.setPen(INK)
            p.drawText(QRect(x + 36, PAD, width + 4, LEGEND - 8),
                       Qt.AlignmentFlag.AlignVCenter, text)
            x += 36 + width + 28

    def _bars(self, p: QPainter) -> None:
        widest = max(p.fontMetrics().horizontalAdvance(pair.label) for pair in self.pairs)
        label_width = min(max(LABEL_WIDTH, widest), self.width() // 3)
        left = PAD + label_width + 8
        span = max(10, self.width() - left - NUMBER_WIDTH - PAD)
        top = PAD + LEGEND
        bar, pitch = self._bar_size(top)
        most = max(1, *(max(pair.supply, pair.demand) for pair in self.pairs))
        p.setPen(QPen(GRID, 1))
        p.drawLine(left, top, left, top + len(self.pairs) * pitch)
        for i, pair in enumerate(self.pairs):
            y = top + i * pitch
            p.setPen(INK)
            p.drawText(QRect(PAD, y, label_width, 2 * bar + BAR_GAP),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       p.fontMetrics().elidedText(pair.label, Qt.TextElideMode.ElideRight,
                                                  label_width))
            _value_bar(p, QRect(left, y, span, bar), pair.supply, most,
                       colour=SUPPLY, hatched=False)
            _value_bar(p, QRect(left, y + bar + BAR_GAP, span, bar), pair.demand, most,
                       colour=DEMAND, hatched=True)

    def _bar_size(self, top: int) -> tuple[int, int]:
        """(bar height, row pitch): thinner bars when the widget is short, never below 8."""
        room = (self.height() - top - PAD) // max(1, len(self.pairs))
        bar = max(MIN_BAR, min(BAR, (room - BAR_GAP - ROW_GAP // 2) // 2))
        gap = max(ROW_GAP // 2, min(ROW_GAP, room - 2 * bar - BAR_GAP))
        return bar, 2 * bar + BAR_GAP + gap


def _value_bar(p: QPainter, room: QRect, value: int, most: int, *, colour: QColor,
               hatched: bool) -> None:
    """A bar as long as `value` is of `most` in `room`, and the number after it."""
    length = round(room.width() * value / most)
    if length:
        _bar(p, QRect(room.x(), room.y(), length, room.height()), colour, hatched)
    p.setPen(INK)
    p.drawText(QRect(room.x() + length + 6, room.y() - 2, NUMBER_WIDTH, room.height() + 4),
               Qt.AlignmentFlag.AlignVCenter, str(value))


def _bar(p: QPainter, rect: QRect, colour: QColor, hatched: bool) -> None:
    p.fillRect(rect, colour)
    if hatched:
        p.fillRect(rect, QBrush(QColor("#FFFFFF"), Qt.BrushStyle.BDiagPattern))
    p.setPen(QPen(colour.darker(130), 1))
    p.drawRect(rect.adjusted(0, 0, -1, -1))


def _font() -> QFont:
    font = QFont(fonts.family())
    font.setPixelSize(TEXT_PX)
    return font
