"""Pictures of the touchscreen's painted parts (button faces), cached.

A widget that paints itself draws its picture once per look and copies it on later paints:
QStyleSheetStyle works out its rules and strokes rounded borders on every paint, which
was most of a screen's repaint.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import ButtonLook, TouchSize, touch_scale

FACE_CACHE_BYTES = 48 * 1024 * 1024  # every face of every screen at 4K fits


class FaceCache:
    """Pictures by key, the least recently used dropped beyond `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._faces: OrderedDict[Hashable, QPixmap] = OrderedDict()

    def __len__(self) -> int:
        return len(self._faces)

    def get(self, key: Hashable) -> QPixmap | None:
        face = self._faces.get(key)
        if face is not None:
            self._faces.move_to_end(key)
        return face

    def put(self, key: Hashable, face: QPixmap) -> None:
        if key in self._faces:
            self.bytes -= _size(self._faces.pop(key))
        self._faces[key] = face
        self.bytes += _size(face)
        while self.bytes > self.max_bytes and len(self._faces) > 1:
            _key, dropped = self._faces.popitem(last=False)
            self.bytes -= _size(dropped)


def _size(face: QPixmap) -> int:
    return face.width() * face.height() * max(1, face.depth() // 8)


FACES = FaceCache(FACE_CACHE_BYTES)


def screen_scale(widget: QWidget) -> float:
    """The touch scale the window's style sheet was made for (from the outermost window's
    size, as `TerminalWindow` computes it)."""
    window = widget.window()
    while (parent := window.parentWidget()) is not None:
        window = parent.window()
    return touch_scale(window.width(), window.height())


def new_face(width: int, height: int, ratio: float, paint: Callable[[QPainter], None],
             ) -> QPixmap:
    """A transparent picture of `width`×`height` device-independent pixels, painted by
    `paint` with antialiasing."""
    face = QPixmap(round(width * ratio), round(height * ratio))
    face.setDevicePixelRatio(ratio)
    face.fill(Qt.GlobalColor.transparent)
    p = QPainter(face)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint(p)
    finally:
        p.end()
    return face


def paint_rounded(p: QPainter, area: QRectF, look: ButtonLook, scale: float) -> None:
    """A rounded rectangle filling `area` in `look`'s fill and border (drawn inside it),
    border and radius scaled by `scale`."""
    width = look.border_px * scale if look.border else 0.0
    frame = area.adjusted(width / 2, width / 2, -width / 2, -width / 2)
    p.setPen(QPen(QColor(look.border), width) if look.border else Qt.PenStyle.NoPen)
    p.setBrush(QColor(look.fill) if look.fill else Qt.BrushStyle.NoBrush)
    radius = TouchSize.RADIUS * scale
    p.drawRoundedRect(frame, radius, radius)
