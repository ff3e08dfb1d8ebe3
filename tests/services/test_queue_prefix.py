"""Queue numbers unique across a hall's touchscreens: each numbers with its own letter
(A001, B001), the counter calls the oldest waiting check-in whatever its letter, the board
shows and the voice says the letter, tickets print it; on a real SQLite file shared as in a
one-machine hall, and the ticket decoded back from its ESC/POS bytes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PIL import Image

from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import Ok
from kiosk.core.queue_numbers import queue_label
from kiosk.core.records import CheckIn, ReferralOrigin
from kiosk.core.schema import check_record
from kiosk.services import calling
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.board import BoardReader
from kiosk.store.print_queue import PrintKind
from kiosk.ui.board.calls import call_texts
from kiosk.ui.voice_calls import call_clips
from printers.escpos_bytes import escpos_bytes
from printers.raster import DOTS_58MM, render_image
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.printers import hall, parse_escpos
from tests.printers import ok as okay

SHOTS = Path("/tmp/shots-hall")


def _touchscreen(services: Services, terminal: str, letter: str) -> Services:
    settings = replace(services.settings, terminal_id=terminal, queue_prefix=letter)
    return Services(services.store, settings, services.catalogue, services.clock)


def _check_in(services: Services, seq: int, clock: FixedClock) -> CheckIn:
    worker = okay(services.register_worker(worker_draft(
        id_number=id_number(seq=seq), phone=f"138053{seq:05d}")))
    clock.advance(seconds=30)
    result = services.check_in(worker.id)
    assert isinstance(result, Ok)
    return result.value.checkin


def test_two_touchscreens_never_hand_out_the_same_number(
        services: Services, clock: FixedClock, catalogue: Catalogue) -> None:
    a, b = _touchscreen(services, "T01", "A"), _touchscreen(services, "T02", "B")
    made = [_check_in(a, 1, clock), _check_in(b, 2, clock), _check_in(a, 3, clock),
            _check_in(b, 4, clock)]
    labels = [queue_label(c.queue_prefix, c.queue_no or 0) for c in made]
    assert labels == ["A001", "B001", "A002", "B002"]
    assert all(check_record(c) == [] for c in made)
    assert check_record(replace(made[0], queue_prefix="Z")) != []  # the schema's letters
    # the counter takes the oldest waiting first, whatever the letter
    counter = _touchscreen(services, "T09", "").as_staff("S001")
    assert calling.waiting_before(counter, 2, "A") == 2  # A001 and B001 came first
    order = []
    for _ in made:
        call = calling.call_next(counter, "3")
        assert isinstance(call, Ok)
        order.append(queue_label(call.value.queue_prefix, call.value.queue_no))
    assert order == labels
    state = calling.window_state(counter, "3")
    assert state.serving_label == "B002" and state.waiting == 0
    again = calling.recall(counter, "3")
    assert isinstance(again, Ok) and (again.value.queue_prefix, again.value.queue_no) == (
        "B", 2)
    # the board shows the letter and the voice says it
    reader = BoardReader(services.store.path, services.settings.hall_id)
    try:
        snapshot = reader.load(services.now())
    finally:
        reader.close()
    texts = call_texts(snapshot.calls, "zh_CN")
    assert texts is not None and texts.now.startswith("B002")
    assert "A002" in texts.earlier
    assert call_clips(2, "3", "zh_CN", "B")[:3] == ["Number", "B", "two"]
    assert call_clips(12, "3", "en", "A")[:4] == ["Number", "A", "one", "two"]


def test_i_want_this_job_takes_the_letter_and_the_ticket_prints_it(
        services: Services, clock: FixedClock, catalogue: Catalogue) -> None:
    a = _touchscreen(services, "T01", "A")
    checkin = _check_in(a, 5, clock)
    employer = okay(a.register_employer(employer_draft()))
    job = okay(a.post_job(job_draft(employer.id)))
    newcomer = okay(a.register_worker(worker_draft(id_number=id_number(seq=6),
                                                   phone="13805300006")))
    asked = okay(a.refer(job.id, newcomer.id, ReferralOrigin.TOUCHSCREEN))
    assert (asked.queue_prefix, asked.queue_no) == ("A", 2)  # joins the same queue
    source = TicketSource(services.store, catalogue, hall())
    SHOTS.mkdir(exist_ok=True)
    for kind, ref, number in ((PrintKind.QUEUE, checkin.id, "A001"),
                              (PrintKind.INTEREST, asked.id, "A002")):
        ticket = source.ticket(kind, ref, services.now())
        assert number in ticket.texts()
        image = render_image(ticket, DOTS_58MM)
        printed = parse_escpos(escpos_bytes(image, DOTS_58MM)).image()
        assert printed.size == image.size  # what the printer gets is the image shown
        image.save(SHOTS / f"ticket-{kind.value}-{number}.png")
        assert isinstance(printed, Image.Image)
