"""Tickets as PDF pages the width of the paper roll, with the CJK font embedded."""

from __future__ import annotations

import functools
import io

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from kiosk.system.fonts import Face, font_chain, runs
from printers.layout import HLine, Page, QRBox, TextRun, layout
from printers.raster import qr_image
from printers.tickets import Ticket

PDF_FONT = "WenQuanYiMicroHei"


@functools.cache
def register_font() -> str:
    """Register the TrueType CJK font with reportlab once; it is embedded (subset) in PDFs."""
    return _register(font_chain()[0])


@functools.cache
def _register(face: Face) -> str:
    """Each font of the chain once, the first time a text needs it (the fallbacks are big)."""
    pdfmetrics.registerFont(TTFont(face.name, str(face.path), subfontIndex=face.index))
    return face.name


def _measure(text: str, size: float) -> float:
    return float(sum(pdfmetrics.stringWidth(part, _register(face), size)
                     for face, part in runs(text)))


def draw_text(pdf: canvas.Canvas, x: float, baseline: float, text: str, size: float) -> None:
    """Text run by run through the font chain, so that no character is dropped."""
    for face, part in runs(text):
        name = _register(face)
        pdf.setFont(name, size)
        pdf.drawString(x, baseline, part)
        x += pdfmetrics.stringWidth(part, name, size)


# What a thermal head prints of each common roll (the rest is the paper's unprinted edges);
# other paper: 5 mm each side.
PRINTABLE_MM = {58.0: 48.0, 80.0: 72.0}
EDGE_MM = 5.0


def default_printable_mm(paper_mm: float) -> float:
    """The printable width of a roll `paper_mm` wide: 48 mm of 58, 72 mm of 80."""
    return PRINTABLE_MM.get(float(paper_mm), max(paper_mm - 2 * EDGE_MM, paper_mm / 2))


def render_pdf(ticket: Ticket, paper_mm: float = 58, printable_mm: float | None = None) -> bytes:
    """One page, `paper_mm` wide and as long as the ticket, with everything inside the
    printable band (`printable_mm` wide, centred): a driver that does not scale clips
    nothing."""
    font = register_font()
    band_mm = min(paper_mm, printable_mm or default_printable_mm(paper_mm))
    band = band_mm * mm
    left = (paper_mm * mm - band) / 2
    page = layout(ticket, band, _measure, band_mm)
    out = io.BytesIO()
    # The initial font too: otherwise reportlab's default Helvetica, never embedded, is
    # referenced on every page.
    pdf = canvas.Canvas(out, pagesize=(paper_mm * mm, page.height), pageCompression=1,
                        initialFontName=font)
    pdf.setTitle(ticket.kind.value)
    pdf.translate(left, 0)  # the layout's x = 0 is the band's left edge
    for item in page.items:
        _draw(pdf, page, item)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _draw(pdf: canvas.Canvas, page: Page, item: TextRun | QRBox | HLine) -> None:
    # PDF y grows upwards; the layout's grows downwards from the top.
    height = page.height
    if isinstance(item, TextRun):
        draw_text(pdf, item.x, height - item.y - item.size * 0.95, item.text, item.size)
    elif isinstance(item, QRBox):
        image = ImageReader(qr_image(item.payload, 400))
        pdf.drawImage(image, item.x, height - item.y - item.side, item.side, item.side)
    else:
        pdf.setLineWidth(0.8)
        pdf.line(0, height - item.y, page.width, height - item.y)
