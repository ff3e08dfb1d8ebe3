"""Tickets as 1-bit images at the printer's dot width (Chinese drawn with the CJK font)."""

from __future__ import annotations

import functools

import qrcode
from PIL import Image, ImageDraw, ImageFont

from kiosk.system.fonts import Face, font_chain, runs
from printers.layout import HLine, QRBox, TextRun, layout
from printers.tickets import Ticket

DOTS_58MM = 384
DOTS_80MM = 576


@functools.cache
def _font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(face.path), size, index=face.index)


def _measure(text: str, size: float) -> float:
    return float(sum(_font(face, round(size)).getlength(part) for face, part in runs(text)))


def draw_text(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, size: int) -> None:
    """Text whose line top is at `y`, run by run through the font chain, on the main
    font's baseline."""
    parts = runs(text)
    if len(parts) == 1 and parts[0][0] == font_chain()[0]:  # the common case: one font
        draw.text((x, y), text, fill=0, font=_font(parts[0][0], size))
        return
    baseline = y + _font(font_chain()[0], size).getmetrics()[0]
    for face, part in parts:
        font = _font(face, size)
        draw.text((x, baseline), part, fill=0, font=font, anchor="ls")
        x += font.getlength(part)


def render_image(ticket: Ticket, width_dots: int = DOTS_58MM) -> Image.Image:
    """The ticket as a black-on-white 1-bit image exactly `width_dots` wide."""
    page = layout(ticket, width_dots, _measure)
    image = Image.new("L", (width_dots, round(page.height)), 255)
    draw = ImageDraw.Draw(image)
    for item in page.items:
        if isinstance(item, TextRun):
            draw_text(draw, item.x, item.y, item.text, round(item.size))
        elif isinstance(item, QRBox):
            image.paste(qr_image(item.payload, round(item.side)), (round(item.x), round(item.y)))
        elif isinstance(item, HLine):
            draw.line((0, item.y, width_dots, item.y), fill=0, width=2)
    return image.point(lambda v: 255 if v > 140 else 0, mode="1")


def qr_image(payload: str, side: int) -> Image.Image:
    """A QR code scaled to `side` pixels with whole-pixel modules (sharp on thermal paper)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(payload)
    code.make(fit=True)
    modules = code.modules_count + 2 * code.border
    box = max(1, side // modules)
    matrix = code.make_image(fill_color="black", back_color="white").get_image()
    scaled = matrix.convert("L").resize((modules * box, modules * box), Image.Resampling.NEAREST)
    canvas = Image.new("L", (side, side), 255)
    offset = (side - scaled.width) // 2
    canvas.paste(scaled, (offset, offset))
    return canvas
