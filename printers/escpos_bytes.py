"""Ticket images → ESC/POS bytes via python-escpos: initialise, raster image, feed and cut.

Chinese is printed as an image: that works on every printer, whereas python-escpos's text
path hard-codes GB18030 and breaks on full-width punctuation.
"""

from __future__ import annotations

from escpos.printer import Dummy
from PIL import Image


def escpos_bytes(image: Image.Image, width_dots: int, *, cut: bool = True) -> bytes:
    printer = Dummy()
    # python-escpos refuses images wider than the profile's media width.
    printer.profile.profile_data["media"]["width"]["pixels"] = width_dots
    printer.hw("INIT")
    printer.image(image, impl="bitImageRaster", center=False)
    if cut:
        printer.cut(feed=True)
    return bytes(printer.output)
