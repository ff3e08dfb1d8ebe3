"""Tickets as PDF: the text reads back in Chinese, the CJK TrueType font is embedded, the
QR image decodes, and the page is the paper roll's width."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.lib.units import mm

from kiosk.core import payloads
from kiosk.core.catalogue import Catalogue
from kiosk.core.privacy import mask_name
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from kiosk.system.config import PrinterConfig, default_config, load_config, write_config
from kiosk.system.printer_profile import PrinterProfile, profile_from_config
from printers import tickets as layouts
from printers.pdf import render_pdf
from printers.tickets import Issuer, Ticket
from printers.transports import FileTransport
from tests.conftest import FixedClock
from tests.printers import (
    COMPLAINANT,
    COMPLAINANT_PHONE,
    OTHER_ID_NUMBER,
    OTHER_NAME,
    OTHER_PHONE,
    WORKER_ID_NUMBER,
    WORKER_NAME,
    WORKER_PHONE,
    Samples,
    hall,
    read_qr,
    seed,
)

HALL_NAME = "济南市槐荫区段店北路街道零工市场"
PRIVATE = (WORKER_ID_NUMBER, WORKER_PHONE, WORKER_NAME, OTHER_ID_NUMBER, OTHER_PHONE,
           OTHER_NAME, COMPLAINANT, COMPLAINANT_PHONE)


@pytest.fixture
def samples(services: Services) -> Samples:
    return seed(services)


@pytest.fixture
def tickets(samples: Samples, store: Store, catalogue: Catalogue,
            clock: FixedClock) -> dict[str, Ticket]:
    source = TicketSource(store, catalogue, hall())
    now = clock.now()
    return {
        "card": source.ticket(PrintKind.CARD, samples.worker.id, now),
        "queue": source.ticket(PrintKind.QUEUE, samples.checkin.id, now),
        "referral": source.ticket(PrintKind.REFERRAL, samples.referral.id, now),
        "interest": source.ticket(PrintKind.INTEREST, samples.interest.id, now),
        "complaint": source.ticket(PrintKind.COMPLAINT, samples.complaint.id, now),
        "test": layouts.test_ticket(
            Issuer(hall(), now.astimezone(ZoneInfo(hall().timezone))), "a4", 384),
    }


# What each layout must say, as extracted from the PDF (compared without white space).
EXPECTED = {
    "card": ["零工登记卡", "张*国", "瓦工、装修杂工", "签到、找活请扫此码"],
    "queue": ["签到排队号", "001", "前面等候", "2026-11-23"],
    "referral": ["派工单", "小区外墙砌砖", "李先生", "槐荫区腊山河西路", "¥350/天", "日结",
                 "欧**娜", "投诉渠道", "拖欠工资"],
    "interest": ["我想干", "001", "小区外墙砌砖", "岗位码"],
    "complaint": ["投诉回执", "查投诉进度", "TS20261123-T01-001", "刘*傅", "¥1,200"],
    "test": ["打印测试", "瓦工、电工（日结）¥350/天。"],
}
QR = {
    "card": lambda s: [payloads.worker_card(s.worker.id)],
    "queue": lambda s: [],
    "referral": lambda s: [payloads.referral_slip(s.referral.id, s.referral.job_id,
                                                  mask_name(s.other.name))],
    "interest": lambda s: [payloads.job(s.job.id)],
    "complaint": lambda s: [payloads.complaint(s.complaint.id)],
    "test": lambda s: [payloads.job("00000000-0000-7000-8000-000000000000")],
}


def fonts(reader: PdfReader) -> list[DictionaryObject]:
    resources = reader.pages[0]["/Resources"].get_object()
    return [font.get_object() for font in resources["/Font"].get_object().values()]


@pytest.mark.parametrize("paper_mm", [58, 80])
@pytest.mark.parametrize("kind", list(EXPECTED))
def test_pdf_text_font_and_qr(kind: str, paper_mm: int, tickets: dict[str, Ticket],
                              samples: Samples, tmp_path: Path) -> None:
    data = render_pdf(tickets[kind], paper_mm)
    (tmp_path / f"{kind}-{paper_mm}mm.pdf").write_bytes(data)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(tmp_path / f"{kind}-{paper_mm}mm.pdf")
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) == pytest.approx(paper_mm * mm)

    text = "".join(page.extract_text().split())  # pypdf puts spaces at some line breaks
    for expected in [HALL_NAME, "服务热线", "0531-12333", *EXPECTED[kind]]:
        assert "".join(expected.split()) in text, (kind, expected)
    for secret in PRIVATE:
        assert secret not in text

    used = fonts(reader)
    assert used, "no fonts at all"
    for font in used:  # every font the page uses is the CJK TrueType one, embedded
        assert "WenQuanYiMicroHei" in str(font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # TrueType font program embedded
        assert len(descriptor["/FontFile2"].get_object().get_data()) > 1000

    images = [image.image for image in page.images]
    assert [code for image in images for code in read_qr(image)] == QR[kind](samples)


def test_pdf_through_a_pdf_printer_profile(tickets: dict[str, Ticket], tmp_path: Path) -> None:
    profile = PrinterProfile("a4", FileTransport(tmp_path), paper_mm=80, output="pdf")
    data, suffix = profile.render(tickets["referral"])
    assert suffix == ".pdf"
    profile.transport.send(data, suffix, "slip")
    reader = PdfReader(tmp_path / "slip.pdf")
    assert float(reader.pages[0].mediabox.width) == pytest.approx(80 * mm)
    assert "派工单" in reader.pages[0].extract_text()


def test_long_tickets_make_long_pages(tickets: dict[str, Ticket]) -> None:
    def height(kind: str) -> float:
        reader = PdfReader(io.BytesIO(render_pdf(tickets[kind], 58)))
        return float(reader.pages[0].mediabox.height)
    assert height("referral") > height("queue") > 58 * mm


# -- the printable band ------------------------------------------------------------------------

DOTS_PER_MM = 8  # rendered like a 203 dpi head


def ink_columns_mm(data: bytes) -> tuple[float, float]:
    """The leftmost and rightmost inked columns of the rendered page, in mm from the left
    edge of the paper (pypdfium2, as a driver would rasterise it)."""
    pdf = pdfium.PdfDocument(data)
    try:
        bitmap = pdf[0].render(scale=DOTS_PER_MM * 25.4 / 72, grayscale=True)
        image = bitmap.to_pil().convert("L")
    finally:
        pdf.close()
    inked = image.point(lambda v: 255 if v < 200 else 0).getbbox()
    assert inked is not None, "a blank page"
    return inked[0] / DOTS_PER_MM, inked[2] / DOTS_PER_MM


@pytest.mark.parametrize(("paper_mm", "printable_mm"), [(58, 48), (80, 72)])
@pytest.mark.parametrize("kind", list(EXPECTED))
def test_no_ink_outside_the_printable_band(kind: str, paper_mm: int, printable_mm: int,
                                           tickets: dict[str, Ticket]) -> None:
    left, right = ink_columns_mm(render_pdf(tickets[kind], paper_mm))
    edge = (paper_mm - printable_mm) / 2
    tolerance = 1 / DOTS_PER_MM  # one dot of anti-aliasing
    assert left >= edge - tolerance and right <= paper_mm - edge + tolerance, (left, right)
    assert right - left > printable_mm * 0.9  # the band is used (the rules span it)


def test_a_configured_printable_width_is_kept(tickets: dict[str, Ticket],
                                              tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    write_config(config, replace(default_config("T01"), printers=(
        PrinterConfig("slip", paper_mm=80, output="pdf", printable_mm=64),)))
    [printer] = load_config(config).printers
    profile = profile_from_config(printer, tmp_path)
    assert profile.printable_width_mm == 64
    data, _ = profile.render(tickets["referral"])
    left, right = ink_columns_mm(data)
    assert left >= 8 - 0.125 and right <= 72 + 0.125 and right - left > 60
    assert PrinterProfile("x", FileTransport(tmp_path)).printable_width_mm == 48
    assert PrinterProfile("x", FileTransport(tmp_path), paper_mm=80).printable_width_mm == 72
