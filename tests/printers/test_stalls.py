"""A network printer that stalls mid-ticket, at random offsets, one hundred times: every
ticket that comes out is decoded by an independent ESC/POS decoder; none is garbled, and
every job comes out whole exactly once (after staff, told it "may have printed partly",
look at the tray and reprint it if it did not)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.core.codec import iso_utc
from kiosk.services.printing import PrintWorker
from kiosk.store.print_queue import PrintKind, PrintState
from kiosk.store.store import Store
from kiosk.system.printer_profile import PrinterProfile
from printers import tickets
from printers.escpos_bytes import escpos_bytes, reset_bytes
from printers.raster import DOTS_58MM, DOTS_80MM, render_image
from printers.tickets import Issuer, Ticket
from printers.transports import FailureReason, NetworkTransport
from tests.conftest import FixedClock
from tests.printers import hall
from tests.printers.escpos_stream import Paper, Piece, decode
from tests.printers.hostile_printer import HostilePrinter

STALLS = 100
PRINTED_AT = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


class OwnTickets:
    """Each job's ticket is the real printer-test layout naming the job, so that every
    ticket on the paper says whose it is (and a reprint looks like the first print)."""

    def __init__(self, width: int) -> None:
        self.width = width

    def ticket(self, kind: PrintKind, ref_id: str, now: datetime) -> Ticket:
        return tickets.test_ticket(Issuer(hall(), PRINTED_AT), ref_id, self.width)


def ink(ticket: Ticket, width: int) -> bytes:
    """The dots a ticket puts on paper, read back by the decoder."""
    paper = decode(escpos_bytes(render_image(ticket, width), width))
    assert len(paper.pieces) == 1 and not paper.pieces[0].junk
    return paper.pieces[0].ink()


def whole(pieces: list[Piece], expected: bytes) -> int:
    return sum(1 for piece in pieces if piece.ink() == expected)


def check_paper(paper: Paper, expected: dict[str, bytes], told_partly: set[str]) -> Counter[str]:
    """Every piece is blank, a whole ticket, or the top of a ticket staff were told about;
    nothing is junk. Returns how many whole tickets each job has."""
    wholes: Counter[str] = Counter()
    for index, piece in enumerate(paper.pieces):
        assert not piece.junk, f"piece {index} is garbled: {piece.junk[:5]}"
        dots = piece.ink()
        if not dots:
            continue
        owners = [ref for ref, full in expected.items() if full == dots]
        if owners:
            wholes.update(owners)
            continue
        tops = [ref for ref, full in expected.items() if full.startswith(dots)]
        assert set(tops) & told_partly, f"piece {index} is neither a ticket nor a top of one"
    assert paper.pending == b"" and not paper.remnant.ink() and not paper.remnant.junk
    return wholes


def test_a_hundred_random_stalls_give_no_garbled_lost_or_doubled_ticket(
        store: Store, clock: FixedClock) -> None:
    rng = random.Random(20261123)
    printer = HostilePrinter(rng, max_stalls=STALLS, stall_chance=0.9, stall_s=0.18,
                             stall_within=34_000)
    width = DOTS_58MM
    try:
        transport = NetworkTransport("127.0.0.1", printer.port, timeout_s=0.1,
                                     status_wait_s=0.05, send_buffer_bytes=2048)
        worker = PrintWorker(store, OwnTickets(width),  # type: ignore[arg-type]
                             PrinterProfile("ticket", transport, width), clock.now)
        queue = store.print_queue
        made: list[str] = []
        told_partly: set[str] = set()
        expected: dict[str, bytes] = {}
        for _ in range(5000):
            while printer.stalls < STALLS and len(queue.queued()) < 3:
                ref = f"job-{len(made):03d}"
                made.append(ref)
                expected[ref] = ink(OwnTickets(width).ticket(PrintKind.CARD, ref, PRINTED_AT),
                                    width)
                queue.enqueue(PrintKind.CARD, "workers", ref, iso_utc(clock.now()))
            worker.run_once()
            for job in queue.needing_attention():
                if job.state is PrintState.QUEUED:  # the printer refused it whole: retried
                    assert job.error_code in (FailureReason.TIMEOUT, FailureReason.OFFLINE)
                    continue
                assert job.error_code == FailureReason.PARTIAL.value, job
                told_partly.add(job.ref_id)
                # Staff look at the tray once the printer is clean and has caught up.
                settle(worker, printer, clock)
                came_out = whole(decode(bytes(printer.stream)).pieces, expected[job.ref_id])
                action = queue.cancel if came_out else queue.reprint
                assert action(job.id, iso_utc(clock.now()))
            clock.advance(seconds=301)
            if printer.stalls >= STALLS and not queue.queued() and not worker.needs_reset:
                break
        printer.wait_idle()
        assert printer.stalls >= STALLS
        assert len(told_partly) >= 10, "too few stalls cut a ticket short to tell anything"
        wholes = check_paper(decode(bytes(printer.stream)), expected, told_partly)
        assert wholes == Counter(made), "a job lost or doubled"
        print(f"{printer.stalls} stalls, {len(made)} jobs, {len(told_partly)} cut short, "
              f"{printer.connections} connections")
        assert queue.needing_attention() == []
        states = {j: queue.counts_by_state()[j] for j in ("queued", "printing", "failed")}
        assert states == {"queued": 0, "printing": 0, "failed": 0}
    finally:
        printer.close()


def settle(worker: PrintWorker, printer: HostilePrinter, clock: FixedClock) -> None:
    """Let the worker reset the printer (retrying while it stalls), then wait for the
    printer to have read everything."""
    for _ in range(100):
        if not worker.needs_reset:
            break
        clock.advance(seconds=301)
        worker.run_once()
    assert not worker.needs_reset
    printer.wait_idle()


def test_reset_bytes_bring_a_printer_stopped_anywhere_back_to_a_clean_start() -> None:
    """Cut a real ticket at every kind of place (in a header, in a band, in the cut), add
    the reset bytes and a second ticket: the second always comes out whole, and the first
    as its own piece, never mixed."""
    for width in (DOTS_58MM, DOTS_80MM):
        first = tickets.test_ticket(Issuer(hall(), PRINTED_AT), "A", width)
        data = escpos_bytes(render_image(first, width), width)
        second = tickets.test_ticket(Issuer(hall(), PRINTED_AT), "B", width)
        second_ink = ink(second, width)
        second_data = escpos_bytes(render_image(second, width), width)
        first_ink = decode(data).pieces[0].ink()
        for cut_at in [*range(0, 40), *range(len(data) - 40, len(data)),
                       *random.Random(width).sample(range(len(data)), 200)]:
            stream = data[:cut_at] + reset_bytes(width) + second_data
            paper = decode(stream)
            assert [p.junk for p in paper.pieces] == [[]] * len(paper.pieces), cut_at
            inked = [p.ink() for p in paper.pieces if p.ink()]  # blank strips aside
            assert inked[-1] == second_ink, cut_at
            assert len(inked) == 1 or (len(inked) == 2 and first_ink.startswith(inked[0]))
