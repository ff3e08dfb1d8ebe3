"""Ticket images → ESC/POS bytes via python-escpos: initialise, raster image, feed and cut.

Chinese is printed as an image: that works on every printer, whereas python-escpos's text
path hard-codes GB18030 and breaks on full-width punctuation.
"""

from __future__ import annotations

from escpos.printer import Dummy
from PIL import Image


def escpos_bytes(image: Image.Image, width_dots: int, *, cut: bool = True) -> bytes:
    printer = Dummy()
    # python-escpos refuses images wider than the profile's media width. The profile's data
    # is one dict per printer model, shared by every printer object in the process: give
    # this printer its own copy rather than change the width for all of them.
    data = printer.profile.profile_data
    media = {**data.get("media", {}), "width": {"mm": "Unknown", "pixels": width_dots}}
    printer.profile.profile_data = {**data, "media": media}
    printer.hw("INIT")
    printer.image(image, impl="bitImageRaster", center=False)
    if cut:
        printer.cut(feed=True)
    return bytes(printer.output)
