"""Latency of turning a ticket into printer bytes, against trivial renders in the same run.

    .venv/bin/python bench/tickets.py [--n 200] [--warmup 10] [--out /tmp/tickets]

The tickets are the six layouts (worker card, queue ticket, 派工单, 我想干, complaint
receipt, printer test) built by `TicketSource` from real records in a throwaway store;
the measured loop cycles through them.

- ESC/POS, at 384 dots (58 mm) and 576 dots (80 mm): `PrinterProfile.render`, i.e. the
  ticket laid out and drawn as a 1-bit image with the CJK font, QR codes included, then
  python-escpos's init, GS v 0 raster bands, feed and cut. Baseline: a plain PIL image of
  the same size with one line of text in the same font, thresholded to 1 bit.
- PDF, 58 and 80 mm wide: `render_pdf`, with the TrueType font subset embedded. Baseline:
  a reportlab canvas of the same page size with one line of text in the same embedded font.

Each measured render is followed by its baseline, so that CPU drift hits both alike. The
first ever render of each kind (fonts loaded, reportlab font registered) is reported
separately as `cold_ms`. With --out, every layout is also written as PNG at both widths,
PDF at 58 and 80 mm, and ESC/POS .bin, for looking at.

Prints one JSON object. It asserts nothing: it is a measurement tool.
"""

from __future__ import annotations

import argparse
import functools
import gc
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from kiosk.core.catalogue import load_catalogue
from kiosk.core.drafts import ComplaintDraft, EmployerDraft, JobDraft, WorkerDraft
from kiosk.core.errors import Err, Result
from kiosk.core.fields import with_check_digit
from kiosk.core.privacy import new_blind_index_key
from kiosk.core.records import ReferralOrigin
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from kiosk.system.config import default_config
from kiosk.system.fonts import FONT_INDEX, cjk_font_path
from kiosk.system.printer_profile import PrinterProfile
from printers.escpos_bytes import escpos_bytes
from printers.layout import layout
from printers.pdf import register_font, render_pdf
from printers.raster import DOTS_58MM, DOTS_80MM, render_image
from printers.tickets import Issuer, Ticket, test_ticket
from printers.transports import FileTransport

T = TypeVar("T")
TARGET_ESCPOS_P95_MS = 150.0
TARGET_PDF_P95_MS = 250.0
MORNING = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)  # 09:30 in the hall
BASELINE_TEXT = "零工驿站 0531-12333"


class _Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def _ok(result: Result[T]) -> T:
    if isinstance(result, Err):
        raise SystemExit(f"sample record refused: {result.errors}")
    return result.value


def sample_tickets(directory: Path) -> dict[str, Ticket]:
    """One ticket of each layout, from records written through the services."""
    config = default_config("T01")
    catalogue = load_catalogue()
    store = Store(directory / "kiosk.sqlite3")
    try:
        clock = _Clock(MORNING)
        services = Services(store, HallSettings(
            hall_id=config.hall.id, terminal_id="T01", blind_index_key=new_blind_index_key(),
            areas=frozenset(config.areas)), catalogue, clock)
        worker = _ok(services.register_worker(WorkerDraft(
            name="张建国", id_number=with_check_digit("37010419750314123"),
            phone="13805311234", trades=["C01", "C09"], consent_given=True)))
        employer = _ok(services.register_employer(EmployerDraft(
            kind="individual", name="王建军", phone="13905317788")))
        job = _ok(services.post_job(JobDraft(
            employer_id=employer.id, trade="C01", title="小区外墙砌砖（急招）",
            place="槐荫区腊山河西路 阳光小区3号楼", start_date=MORNING.date(),
            start_time="07:30", pay_amount="350", pay_unit="day", settlement="daily",
            headcount=3)))
        checkin = _ok(services.check_in(worker.id)).checkin
        interest = _ok(services.refer(job.id, worker.id, ReferralOrigin.TOUCHSCREEN))
        clock.moment += timedelta(minutes=5)
        other = _ok(services.register_worker(WorkerDraft(
            name="欧阳丽娜", id_number=with_check_digit("37010419880621224"),
            phone="13605312468", trades=["C09"], consent_given=True)))
        referral = _ok(services.refer(job.id, other.id))
        complaint = _ok(services.file_complaint(ComplaintDraft(
            complainant_name="刘德华", phone="13805311234", employer_name="某装修队",
            amount="1200", period_from=MORNING.date() - timedelta(days=30),
            period_to=MORNING.date() - timedelta(days=1), description="十月份工资未结")))
        source = TicketSource(store, catalogue, config.hall)
        now = clock.now()
        issuer = Issuer(config.hall, now.astimezone(ZoneInfo(config.hall.timezone)))
        return {
            "card": source.ticket(PrintKind.CARD, worker.id, now),
            "queue": source.ticket(PrintKind.QUEUE, checkin.id, now),
            "referral": source.ticket(PrintKind.REFERRAL, referral.id, now),
            "interest": source.ticket(PrintKind.INTEREST, interest.id, now),
            "complaint": source.ticket(PrintKind.COMPLAINT, complaint.id, now),
            "test": test_ticket(issuer, "ticket", DOTS_58MM),
        }
    finally:
        store.close()


def write_samples(tickets: dict[str, Ticket], out: Path) -> list[Path]:
    """PNG and ESC/POS .bin at both widths and PDF at 58 and 80 mm, of every layout."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, ticket in tickets.items():
        for dots, paper_mm in ((DOTS_58MM, 58), (DOTS_80MM, 80)):
            image = render_image(ticket, dots)
            image.save(out / f"{name}-{dots}.png")
            (out / f"{name}-{dots}.bin").write_bytes(escpos_bytes(image, dots))
            (out / f"{name}-{paper_mm}mm.pdf").write_bytes(render_pdf(ticket, paper_mm))
            written += [out / f"{name}-{dots}.png", out / f"{name}-{dots}.bin",
                        out / f"{name}-{paper_mm}mm.pdf"]
    return written


@functools.cache
def _baseline_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(cjk_font_path()), size, index=FONT_INDEX)


def baseline_image(width: int, height: int) -> bytes:
    """A blank image of the ticket's size with one line of text (font loaded once, as the
    tickets' are), thresholded to 1 bit."""
    image = Image.new("L", (width, height), 255)
    ImageDraw.Draw(image).text((8, 8), BASELINE_TEXT, fill=0,
                               font=_baseline_font(round(width / 16)))
    return image.point(lambda v: 255 if v > 140 else 0, mode="1").tobytes()


def baseline_pdf(width: float, height: float) -> bytes:
    """A one-line reportlab page of the same size, in the same embedded font."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(width, height), pageCompression=1)
    pdf.setFont(register_font(), 12)
    pdf.drawString(8, height - 20, BASELINE_TEXT)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def summary(samples_ns: list[int]) -> dict[str, float]:
    cuts = statistics.quantiles(samples_ns, n=100, method="inclusive")
    return {"p50_ms": round(statistics.median(samples_ns) / 1e6, 3),
            "p95_ms": round(cuts[94] / 1e6, 3)}


def _timed(action: Callable[[], object]) -> int:
    started = time.perf_counter_ns()
    action()
    return time.perf_counter_ns() - started


Pair = tuple[Callable[[], object], Callable[[], object]]


def measure(pairs: list[Pair], names: list[str], n: int, warmup: int,
            target_p95_ms: float) -> dict[str, object]:
    """Run pair i % len (the render, then its baseline); summarise the times after warmup,
    overall and by layout."""
    measured: list[int] = []
    base: list[int] = []
    by_layout: dict[str, list[int]] = {name: [] for name in names}
    gc.collect()
    for i in range(warmup + n):
        render, baseline = pairs[i % len(pairs)]
        took = _timed(render)
        base_took = _timed(baseline)
        if i >= warmup:
            measured.append(took)
            base.append(base_took)
            by_layout[names[i % len(pairs)]].append(took)
    mine, theirs = summary(measured), summary(base)
    return {
        **mine,
        "p50_ms_by_layout": {name: round(statistics.median(times) / 1e6, 1)
                             for name, times in by_layout.items() if times},
        "baseline": theirs,
        "ratio_p50": round(mine["p50_ms"] / theirs["p50_ms"], 2),
        "ratio_p95": round(mine["p95_ms"] / theirs["p95_ms"], 2),
        "target_p95_ms": target_p95_ms,
        "meets_target": mine["p95_ms"] <= target_p95_ms,
    }


def escpos_pairs(tickets: list[Ticket], profile: PrinterProfile) -> list[Pair]:
    """`PrinterProfile.render` (what the print worker sends), and a blank image as tall."""
    pairs: list[Pair] = []
    for ticket in tickets:
        height = render_image(ticket, profile.width_dots).height
        pairs.append((functools.partial(profile.render, ticket),
                      functools.partial(baseline_image, profile.width_dots, height)))
    return pairs


def pdf_pairs(tickets: list[Ticket], paper_mm: float) -> list[Pair]:
    """`render_pdf`, and a one-line page as long."""
    font = register_font()
    width = paper_mm * mm
    pairs: list[Pair] = []
    for ticket in tickets:
        height = layout(ticket, width,
                        lambda text, size: float(stringWidth(text, font, size))).height
        pairs.append((functools.partial(render_pdf, ticket, paper_mm),
                      functools.partial(baseline_pdf, width, height)))
    return pairs


def run(n: int, warmup: int, out: Path | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-tickets-") as tmp:
        tickets = sample_tickets(Path(tmp))
        names, order = list(tickets), list(tickets.values())
        profiles = [PrinterProfile(f"bench-{dots}", FileTransport(Path(tmp)), dots)
                    for dots in (DOTS_58MM, DOTS_80MM)]
        # The first render of a process loads the fonts and registers the PDF font.
        results: dict[str, object] = {
            "n": n, "layouts": names,
            "cold_ms": {"escpos_384": round(_timed(lambda: profiles[0].render(order[0])) / 1e6, 1),
                        "pdf_58mm": round(_timed(lambda: render_pdf(order[0], 58)) / 1e6, 1)},
        }
        for profile in profiles:
            results[f"escpos_{profile.width_dots}"] = measure(
                escpos_pairs(order, profile), names, n, warmup, TARGET_ESCPOS_P95_MS)
        for paper_mm in (58, 80):
            results[f"pdf_{paper_mm}mm"] = measure(
                pdf_pairs(order, paper_mm), names, n, warmup, TARGET_PDF_P95_MS)
        results["meets_target"] = all(
            bool(figures["meets_target"]) for key, figures in results.items()
            if key.startswith(("escpos_", "pdf_")) and isinstance(figures, dict))
        if out is not None:
            results["written"] = len(write_samples(tickets, out))
            results["out"] = str(out)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=200,
                        help="measured renders per series (cycling through the layouts)")
    parser.add_argument("--warmup", type=int, default=12, help="unmeasured ones first")
    parser.add_argument("--out", type=Path, help="also write every layout as PNG/PDF/.bin here")
    args = parser.parse_args(argv)
    if args.n < 2:
        parser.error("--n must be at least 2")
    print(json.dumps(run(args.n, args.warmup, args.out)))


if __name__ == "__main__":
    main()
