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
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.theme import ButtonLook, TouchSize, button_look, draw_text
from kiosk.ui.widgets.faces import FACES, new_face, paint_rounded, screen_scale

ICON_GAP = 8  # px at 1080p between a tile's pictogram and its text
TILE_PADDING = 18  # a tile's text is left-aligned, this far from its edge
TEXT_MARGIN = 8  # px at 1080p a button's text keeps from its right (and, centred, left) edge
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
        pictogram = self._pictogram() if frame.role == "tile" else None
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

    def _paint_content(self, p: QPainter, left: bool, scale: float, text: str) -> None:
        area = self.rect()
        if left:
            area = area.adjusted(round(TILE_PADDING * scale), 0, 0, 0)
            icon = self.icon()
            if not icon.isNull():
                size = self.iconSize()
                top = area.y() + (area.height() - size.height()) // 2
                icon.paint(p, QRect(area.x(), top, size.width(), size.height()))
                area = area.adjusted(size.width() + round(ICON_GAP * scale), 0, 0, 0)
        area = area.adjusted(0, 0, -round(TEXT_MARGIN * scale), 0)
        if not left:
            area = area.adjusted(round(TEXT_MARGIN * scale), 0, 0, 0)
        align = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignHCenter)
        font = fitted_font(self.font(), text, area.width(), round(TouchSize.SMALL * scale))
        draw_text(p, area, align | Qt.TextFlag.TextShowMnemonic, text, font)


def fitted_font(font: QFont, text: str, width: int, floor_px: int) -> QFont:
    """`font`, smaller if a line of `text` (as a button shows it: "&&" is one "&") is wider
    than `width`, but never below `floor_px`. Large text (大字) on a seven-column grid of
    trade tiles would otherwise cut a four-character trade name."""
    metrics = QFontMetrics(font)
    widest = max(metrics.horizontalAdvance(line) for line in text.replace("&&", "&").split("\n"))
    if widest <= width or font.pixelSize() <= floor_px:
        return font
    smaller = QFont(font)
    smaller.setPixelSize(max(floor_px, font.pixelSize() * width // widest))
    return smaller
