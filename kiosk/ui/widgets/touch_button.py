"""A touchscreen button that paints itself from a cached picture of its face.

The style sheet still gives it its font and its size (min-height, padding); its face (frame,
pictogram, text) is drawn here with the colours of `theme.button_look`, once per look, and
later paints copy that picture (see `faces`). Painted by QStyleSheetStyle, the pinyin
page's 41 keys were two thirds of the screen's repaint, and every tap repaints the key at
once to show it pressed.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QIcon,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.theme import ButtonLook, TouchSize, button_look, draw_text
from kiosk.ui.widgets.faces import FACES, new_face, paint_rounded, screen_scale
from kiosk.ui.widgets.fit_text import Fitted, fit_text

ICON_GAP = 8  # px at 1080p between a tile's pictogram and its text
TILE_PADDING = 18  # a tile's text is left-aligned, this far from its edge
TEXT_MARGIN = 8  # px at 1080p a button's text keeps from its edges (a tile's: but the left)
# a tile's pictogram shrinks to these shares, in turn, when its name needs the room (a long
# English trade name in a narrow tile: "Production-line worker")
SMALL_ICONS = (0.75, 0.5)
_RESTYLED = frozenset({QEvent.Type.StyleChange, QEvent.Type.FontChange,
                       QEvent.Type.PaletteChange})


class Frame(NamedTuple):
    """What a button's face depends on besides its state and text: changed only by a
    resize or a restyle (the touchscreen has one font family)."""

    size: tuple[int, int]
    scale: float
    ratio: float
    font_px: int
    bold: bool
    role: str


class TouchButton(QPushButton):
    """Paints the face cached for its look. Each paint asks Qt only for the state, the text
    (and a tile's pictogram): every call from Python into Qt costs microseconds, and a
    keypad page paints forty buttons."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._frame: Frame | None = None
        self._icon_above = False  # a centred button given a pictogram (a home tile)

    def setIcon(self, icon: QIcon | QPixmap) -> None:  # noqa: N802 - Qt's name
        super().setIcon(icon)
        self._icon_above = not self.icon().isNull()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._frame = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in _RESTYLED:
            self._frame = None
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        frame = self._frame or self._measure()
        enabled, down, checked, text = (self.isEnabled(), self.isDown(), self.isChecked(),
                                        self.text())
        pictogram = self._pictogram() if frame.role == "tile" or self._icon_above else None
        key = (frame, enabled, down, checked, text, pictogram)
        face = FACES.get(key)
        if face is None:
            look = button_look(frame.role, enabled=enabled, down=down, checked=checked)
            face = self._face(frame, look, text)
            FACES.put(key, face)
        p = QPainter(self)
        p.drawPixmap(0, 0, face)
        p.end()

    def _measure(self) -> Frame:
        font = self.font()
        self._frame = Frame(self.size().toTuple(), screen_scale(self), self.devicePixelRatioF(),
                            font.pixelSize(), font.bold(), str(self.property("role") or ""))
        return self._frame

    def _pictogram(self) -> tuple[int, tuple[int, int]] | None:
        icon = self.icon()
        return None if icon.isNull() else (icon.cacheKey(), self.iconSize().toTuple())

    def _face(self, frame: Frame, look: ButtonLook, text: str) -> QPixmap:
        def paint(p: QPainter) -> None:
            paint_rounded(p, QRectF(self.rect()), look, frame.scale)
            p.setPen(QColor(look.text))
            self._paint_content(p, frame.role == "tile", frame.scale, text)

        return new_face(self.width(), self.height(), frame.ratio, paint)

    def text_cut(self) -> bool:
        """Whether the text, fitted as it is painted, still ends in "…" (too long for the
        button even on three lines at the least size)."""
        frame = self._frame or self._measure()
        return self._fitted(frame.role == "tile", frame.scale, self.text())[2].cut

    def _fitted(self, left: bool, scale: float, text: str) -> tuple[QRect, QRect, Fitted]:
        """Where the pictogram and the text go, and the text fitted to its room; a tile
        whose name does not fit even so gets a smaller pictogram."""
        icon = self.icon() if left else QIcon()
        for icon_share in (1.0, *SMALL_ICONS) if not icon.isNull() else (1.0,):
            icon_rect, area = self._areas(left, scale, icon_share if not icon.isNull() else 0)
            fitted = fit_text(self.font(), text, area.width(),
                              area.height() - round(2 * TEXT_MARGIN * scale),
                              round(TouchSize.SMALL * scale))
            if not fitted.cut:
                break
        return icon_rect, area, fitted

    def _paint_content(self, p: QPainter, left: bool, scale: float, text: str) -> None:
        """The text (a tile's left-aligned after its pictogram), fitted to the room left."""
        if not left and self._icon_above:
            self._paint_above(p, scale, text)
            return
        icon = self.icon() if left else QIcon()
        icon_rect, area, fitted = self._fitted(left, scale, text)
        if not icon.isNull():
            icon.paint(p, icon_rect)
        align = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignHCenter)
        draw_text(p, area, align, fitted.text, fitted.font)

    def _paint_above(self, p: QPainter, scale: float, text: str) -> None:
        """The pictogram centred above the centred text, the two together in the middle."""
        margin, gap = round(TEXT_MARGIN * scale), round(ICON_GAP * scale)
        side = self.iconSize()
        rect = self.rect()
        room_h = rect.height() - side.height() - gap - 2 * margin
        fitted = fit_text(self.font(), text, rect.width() - 2 * margin, room_h,
                          round(TouchSize.SMALL * scale))
        text_h = QFontMetrics(fitted.font).lineSpacing() * (fitted.text.count("\n") + 1)
        top = rect.y() + max(margin, (rect.height() - side.height() - gap - text_h) // 2)
        self.icon().paint(p, QRect(rect.center().x() - side.width() // 2, top, side.width(),
                                   side.height()))
        draw_text(p, QRect(rect.x() + margin, top + side.height() + gap,
                           rect.width() - 2 * margin, text_h + margin),
                  Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, fitted.text,
                  fitted.font)

    def _areas(self, left: bool, scale: float, icon_share: float) -> tuple[QRect, QRect]:
        """Where the pictogram (`icon_share` of its size; 0: none) and the text go."""
        area = self.rect().adjusted(0, 0, -round(TEXT_MARGIN * scale), 0)
        if not left:
            return QRect(), area.adjusted(round(TEXT_MARGIN * scale), 0, 0, 0)
        area = area.adjusted(round(TILE_PADDING * scale), 0, 0, 0)
        if not icon_share:
            return QRect(), area
        size = self.iconSize() * icon_share
        top = area.y() + (area.height() - size.height()) // 2
        icon_rect = QRect(area.x(), top, size.width(), size.height())
        return icon_rect, area.adjusted(size.width() + round(ICON_GAP * scale), 0, 0, 0)
