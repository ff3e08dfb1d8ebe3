"""Images → ESC/POS bytes, checked bit by bit against known images."""

from __future__ import annotations

import pytest
from escpos.exceptions import ImageWidthError
from escpos.printer import Dummy
from PIL import Image, ImageDraw

from printers.escpos_bytes import escpos_bytes
from tests.printers import CUT, ESC_INIT, FEED, RASTER, parse_escpos


def pattern(width: int, height: int) -> Image.Image:
    """White paper with a few black marks at known places."""
    image = Image.new("1", (width, height), 255)
    draw = ImageDraw.Draw(image)
    draw.point((0, 0), fill=0)  # top-left dot: the first bit of the first byte
    draw.point((width - 1, 0), fill=0)  # top-right dot: the last bit of row 0
    draw.rectangle((8, 2, 15, 2), fill=0)  # one full byte in row 2
    draw.line((0, height - 1, width - 1, height - 1), fill=0)  # the last row, all black
    return image


def test_header_and_bits_of_a_small_image() -> None:
    image = pattern(384, 10)
    data = escpos_bytes(image, 384)
    row = 384 // 8
    header = ESC_INIT + RASTER + bytes([0, row % 256, row // 256, 10, 0])
    assert data.startswith(header)
    body = data[len(header):len(header) + row * 10]
    assert body[0] == 0x80 and body[row - 1] == 0x01  # MSB first, 1 = black
    assert body[1:row - 1] == bytes(row - 2)
    assert body[2 * row:3 * row] == bytes([0, 0xFF]) + bytes(row - 2)
    assert body[9 * row:] == b"\xff" * row
    assert data[len(header) + row * 10:] == FEED + bytes([6]) + CUT + b"\x00"


def test_decoding_gives_back_the_image() -> None:
    image = pattern(576, 37)
    parts = parse_escpos(escpos_bytes(image, 576))
    assert len(parts.bands) == 1
    assert parts.image().tobytes() == image.tobytes()


def test_tall_images_are_split_into_256_row_bands_in_order() -> None:
    """Short bands: a printer left half-way through one is owed at most 256 rows, which
    the reset after a stall supplies."""
    image = pattern(384, 600)
    ImageDraw.Draw(image).line((0, 256, 383, 256), fill=0)  # first row of the second band
    parts = parse_escpos(escpos_bytes(image, 384))
    assert [band.size for band in parts.bands] == [(384, 256), (384, 256), (384, 88)]
    assert parts.bands[1].getpixel((100, 0)) == 0 and parts.bands[0].getpixel((100, 255)) == 255
    assert parts.image().tobytes() == image.tobytes()


def test_no_cut_means_no_feed_and_no_cut() -> None:
    data = escpos_bytes(pattern(384, 4), 384, cut=False)
    assert parse_escpos(data).tail == b""
    assert CUT not in data[-8:]


def test_an_image_wider_than_the_paper_is_refused() -> None:
    with pytest.raises(ImageWidthError):
        escpos_bytes(pattern(576, 4), 384)


def test_the_paper_width_does_not_leak_into_other_printers() -> None:
    """python-escpos keeps one profile dict per model, shared by every printer object: setting
    the media width on it would change it for every other printer in the process (a 58 mm
    worker thread could make an 80 mm one refuse its tickets)."""
    before = Dummy().profile.profile_data["media"]["width"]["pixels"]
    escpos_bytes(pattern(576, 4), 576)
    assert Dummy().profile.profile_data["media"]["width"]["pixels"] == before
    escpos_bytes(pattern(384, 4), 384)
    # ...and a wide image after a narrow one is still accepted at its own width.
    assert parse_escpos(escpos_bytes(pattern(576, 4), 576)).bands[0].width == 576
