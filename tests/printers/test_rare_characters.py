"""Names with characters from CJK extensions A and B print: on the raster ticket each glyph
is the fallback font's own rendering (compared bitmap to bitmap, no OCR), never a box; in
the PDF the characters are there, in the embedded fallback font."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from kiosk.system.fonts import characters, font_chain, runs
from printers import raster
from printers.layout import TextRun, layout
from printers.pdf import render_pdf
from printers.raster import DOTS_58MM, DOTS_80MM, render_image
from printers.tickets import Paragraph, Ticket, TicketKind

NAMES = ("陈小䶮", "𠮷大明", "王㛃", "李𪚥")


def glyph(face_path: str, index: int, ch: str, size: int) -> Image.Image:
    """The character as the font file itself draws it, alone, thresholded like a ticket."""
    font = ImageFont.truetype(face_path, size, index=index)
    image = Image.new("L", (round(font.getlength(ch)) + 2, size * 2), 255)
    ImageDraw.Draw(image).text((0, size), ch, fill=0, font=font, anchor="ls")
    return image.point(lambda v: 255 if v > 140 else 0, mode="1")


@pytest.mark.parametrize("width", [DOTS_58MM, DOTS_80MM])
@pytest.mark.parametrize("name", NAMES)
def test_rare_characters_print_as_the_fallback_fonts_glyphs(name: str, width: int) -> None:
    ticket = Ticket(TicketKind.TEST, (Paragraph(name),))
    page = layout(ticket, width, raster._measure)
    run = next(item for item in page.items if isinstance(item, TextRun))
    image = render_image(ticket, width)
    size = round(run.size)
    main = font_chain()[0]
    baseline = run.y + ImageFont.truetype(str(main.path), size, index=main.index).getmetrics()[0]
    x = run.x
    for face, part in runs(name):
        for ch in part:
            expected = glyph(str(face.path), face.index, ch, size)
            top = round(baseline) - size
            crop = image.crop((round(x), top, round(x) + expected.width, top + expected.height))
            if ord(ch) not in characters(main):  # a rare one: drawn by a fallback font
                assert face != main
                # the glyph's own advance only: the next character may start in the margin
                box = (0, 0, expected.width - 2, expected.height)
                diff = ImageChops.difference(crop.crop(box).convert("L"),
                                             expected.crop(box).convert("L"))
                assert diff.getbbox() is None, f"{ch} is not the fallback font's glyph"
                assert expected.crop(box).convert("L").getextrema()[0] == 0  # it has ink
                tofu = glyph(str(main.path), main.index, ch, size)
                assert tofu.tobytes() != expected.tobytes()
            x += ImageFont.truetype(str(face.path), size, index=face.index).getlength(ch)


@pytest.mark.parametrize("name", NAMES)
def test_rare_characters_are_in_the_pdf_in_the_fallback_font(name: str) -> None:
    data = render_pdf(Ticket(TicketKind.TEST, (Paragraph(name),)), 58)
    page = pdfium.PdfDocument(io.BytesIO(data))[0]
    text = page.get_textpage().get_text_range().replace("\r", "").replace("\n", "")
    # reportlab's ToUnicode map keeps 16 bits: beyond the BMP (𠮷 U+20BB7) the glyph is
    # right but copying text out of the PDF gives another character. Printing is unharmed.
    assert len(text) == len(name)
    if all(ord(ch) < 0x10000 for ch in name):
        assert text == name
    assert b"HanaMin" in data  # the fallback font is embedded (subset)
    bitmap = page.render(scale=4).to_pil().convert("L")
    assert bitmap.getextrema()[0] < 128  # ink on the page
