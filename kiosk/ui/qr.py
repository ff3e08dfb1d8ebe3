"""QR codes for the screen: zxing-cpp's encoder, one pixel per module, cached.

zxing-cpp (C++) makes a code in about 0.3 ms; the pure-Python `qrcode` package took 8 ms
and more, long enough to make the ticker stutter when a page of codes was made at once.
The image has one pixel per module (quiet zone included); painters scale it by a whole
number with no smoothing, so every module stays a crisp square a phone or zxing can read.
"""

from __future__ import annotations

from collections import OrderedDict

import zxingcpp
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter


def qr_image(text: str) -> QImage:
    """One pixel per module with the standard 4-module quiet zone; 8-bit grey, 0 = dark."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = code.to_image(scale=1, add_quiet_zones=True)
    pixels = memoryview(modules)  # type: ignore[arg-type]  # a buffer; the stubs omit it
    height, width = pixels.shape or ()
    image = QImage(pixels.tobytes(), width, height, width, QImage.Format.Format_Grayscale8)
    return image.copy()  # owns its pixels: the bytes above are a temporary


class QrCache:
    """The most recently used QR images, bounded so a 12-hour day does not grow memory."""

    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._images: OrderedDict[str, QImage] = OrderedDict()

    def __len__(self) -> int:
        return len(self._images)

    def __contains__(self, text: str) -> bool:
        return text in self._images

    def image(self, text: str) -> QImage:
        found = self._images.get(text)
        if found is not None:
            self._images.move_to_end(text)
            return found
        made = qr_image(text)
        self._images[text] = made
        while len(self._images) > self.capacity:
            self._images.popitem(last=False)
        return made


def draw_qr(painter: QPainter, image: QImage, area: QRect) -> QRect:
    """Draw `image` as large as whole-pixel modules allow, centred in `area`; the rect used."""
    modules = image.width()
    scale = max(1, min(area.width(), area.height()) // modules)
    side = modules * scale
    target = QRect(area.x() + (area.width() - side) // 2,
                   area.y() + (area.height() - side) // 2, side, side)
    painter.fillRect(target, QColor(255, 255, 255))
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.drawImage(target, image)
    return target
