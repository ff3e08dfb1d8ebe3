"""Ticket images → ESC/POS bytes via python-escpos: initialise, raster image, feed and cut;
and the bytes that bring a printer back to a clean start after a ticket was cut short.

Chinese is printed as an image: that works on every printer, whereas python-escpos's text
path hard-codes GB18030 and breaks on full-width punctuation.
"""

from __future__ import annotations

from escpos.printer import Dummy
from PIL import Image

# Raster bands (GS v 0) at most this many dot rows high: a printer left half-way through a
# band by a stall is owed at most one band's bytes, which `reset_bytes` then supplies.
BAND_ROWS = 256
RASTER_HEADER = 8  # GS v 0 m xL xH yL yH
ESC_INIT = b"\x1b@"
FEED_AND_CUT = b"\x1bd\x03\x1dV\x01"  # ESC d 3, GS V 1 (partial cut)


def escpos_bytes(image: Image.Image, width_dots: int, *, cut: bool = True) -> bytes:
    printer = Dummy()
    # python-escpos refuses images wider than the profile's media width. The profile's data
    # is one dict per printer model, shared by every printer object in the process: give
    # this printer its own copy rather than change the width for all of them.
    data = printer.profile.profile_data
    media = {**data.get("media", {}), "width": {"mm": "Unknown", "pixels": width_dots}}
    printer.profile.profile_data = {**data, "media": media}
    printer.hw("INIT")
    printer.image(image, impl="bitImageRaster", center=False, fragment_height=BAND_ROWS)
    if cut:
        printer.cut(feed=True)
    return bytes(printer.output)


def reset_bytes(width_dots: int, *, cut: bool = True) -> bytes:
    """What to send before anything else once a send was cut short.

    The printer may be anywhere in the last document: inside a raster band (every byte it
    receives is taken as dots until the band is complete), inside a command's parameters,
    or between commands. NUL bytes are dots left blank inside a band, harmless parameters
    (a zero feed, a zero-sized band) and ignored between commands; one band's worth plus a
    header always brings the printer back between commands, whatever it was doing. Then
    ESC @ clears its modes, and a feed and cut part the half ticket from what follows.
    """
    pad = bytes(RASTER_HEADER + (width_dots + 7) // 8 * BAND_ROWS)
    return pad + ESC_INIT + (FEED_AND_CUT if cut else b"")
