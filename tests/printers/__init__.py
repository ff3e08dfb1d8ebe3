"""Printer tests, and the helpers they share: taking printed ESC/POS bytes apart again,
reading QR codes back, and one record of each printable kind written through the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

import zxingcpp
from PIL import Image

from kiosk.core.drafts import ComplaintDraft
from kiosk.core.errors import Ok, Result
from kiosk.core.records import (
    CheckIn,
    Complaint,
    Employer,
    JobPost,
    Referral,
    ReferralOrigin,
    Worker,
)
from kiosk.services.hall import Services
from kiosk.system.config import HallInfo, default_config
from tests.conftest import TODAY, employer_draft, id_number, job_draft, worker_draft

ESC_INIT = b"\x1b@"
RASTER = b"\x1dv0"  # GS v 0: raster bit image
FEED = b"\x1bd"  # ESC d n: print and feed n lines
CUT = b"\x1dV"  # GS V m: cut
V = TypeVar("V")

# The records' private data: none of it may appear on a ticket.
WORKER_NAME, WORKER_ID_NUMBER, WORKER_PHONE = "张建国", id_number(), "13805311234"
OTHER_NAME, OTHER_ID_NUMBER, OTHER_PHONE = "欧阳丽娜", id_number(seq=224), "13605312468"
COMPLAINANT, COMPLAINANT_PHONE = "刘师傅", "13705319999"


def hall() -> HallInfo:
    return default_config("T01").hall


@dataclass(frozen=True, slots=True)
class Escpos:
    """ESC/POS bytes taken apart: what comes before the first image, the raster bands,
    and what comes after the last one."""

    head: bytes
    bands: tuple[Image.Image, ...]
    densities: tuple[int, ...]
    tail: bytes

    def image(self) -> Image.Image:
        """The bands stacked back into one image (black ink = 0, as PIL draws it)."""
        width = self.bands[0].width
        assert all(band.width == width for band in self.bands)
        whole = Image.new("1", (width, sum(band.height for band in self.bands)), 255)
        y = 0
        for band in self.bands:
            whole.paste(band, (0, y))
            y += band.height
        return whole


def parse_escpos(data: bytes) -> Escpos:
    """Split at each GS v 0 m xL xH yL yH header: xL + 256·xH bytes per row, yL + 256·yH rows,
    one bit per dot, most significant bit first, 1 = burn a dot. python-escpos splits a
    tall image into several such bands."""
    bands: list[Image.Image] = []
    densities: list[int] = []
    first = data.find(RASTER)
    assert first >= 0, "no GS v 0 raster image in the bytes"
    pos = first
    while data.startswith(RASTER, pos):
        density, xl, xh, yl, yh = data[pos + 3:pos + 8]
        row_bytes, rows = xl + 256 * xh, yl + 256 * yh
        start = pos + 8
        body = data[start:start + row_bytes * rows]
        assert len(body) == row_bytes * rows, "raster band cut short"
        # In "1" mode PIL stores 1 = white; the printer's 1 is a black dot.
        band = Image.frombytes("1", (row_bytes * 8, rows), body)
        bands.append(band.point(lambda v: 255 - v))
        densities.append(density)
        pos = start + len(body)
    return Escpos(data[:first], tuple(bands), tuple(densities), data[pos:])


def read_qr(image: Image.Image) -> list[str]:
    """Every QR code zxing-cpp finds in the image."""
    return [found.text for found in zxingcpp.read_barcodes(image.convert("L"))
            if found.format == zxingcpp.BarcodeFormat.QRCode]


@dataclass(frozen=True, slots=True)
class Samples:
    """One record of each printable kind, written through the services."""

    worker: Worker
    other: Worker  # referred by staff
    employer: Employer
    job: JobPost
    checkin: CheckIn
    interest: Referral  # 我想干 from the touchscreen, with a request number
    referral: Referral  # 派工单 from the counter
    complaint: Complaint


def ok(result: Result[V]) -> V:
    assert isinstance(result, Ok), result
    return result.value


def seed(services: Services, *, print_tickets: bool = False) -> Samples:
    """A worker who registers, checks in and asks for a job (我想干), a second worker whom
    staff refer to it (派工单), and a wage complaint; with `print_tickets`, each queues its
    print job in the same transaction, in that order."""
    p = print_tickets
    worker = ok(services.register_worker(worker_draft(
        name=WORKER_NAME, id_number=WORKER_ID_NUMBER, phone=WORKER_PHONE), print_card=p))
    employer = ok(services.register_employer(employer_draft()))
    job = ok(services.post_job(job_draft(employer.id, start_time="07:30")))
    checkin = ok(services.check_in(worker.id, print_ticket=p)).checkin
    interest = ok(services.refer(job.id, worker.id, ReferralOrigin.TOUCHSCREEN, print_ticket=p))
    other = ok(services.register_worker(worker_draft(
        name=OTHER_NAME, id_number=OTHER_ID_NUMBER, phone=OTHER_PHONE, trades=["C09"])))
    referral = ok(services.refer(job.id, other.id, print_ticket=p))
    complaint = ok(services.file_complaint(ComplaintDraft(
        complainant_name=COMPLAINANT, phone=COMPLAINANT_PHONE, employer_name="某装修队",
        amount="1200", period_from=TODAY - timedelta(days=30),
        period_to=TODAY - timedelta(days=1), description="十月份工资未结",
        worker_id=worker.id), print_receipt=p))
    return Samples(worker, other, employer, job, checkin, interest, referral, complaint)
