"""小票: a ticket that stopped mid-send reaches the counter as "may have printed partly";
staff reprint it with one tap and it comes out, read back from the printer's bytes; or
cancel it. A job a live print worker is sending is never taken from it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import iso_utc
from kiosk.core.errors import Err, Ok
from kiosk.core.records import AuditAction
from kiosk.services import print_desk
from kiosk.services.hall import Services
from kiosk.services.printing import STUCK_AFTER, PrintWorker, TicketSource
from kiosk.store.print_queue import PrintState
from kiosk.store.store import Store
from kiosk.system.printer_profile import PrinterProfile
from kiosk.ui.counter.pages import PRINTS
from kiosk.ui.counter.prints_page import PrintsPage
from printers import raster
from printers.transports import FailureReason, PrintFailure
from tests.conftest import FixedClock, worker_draft
from tests.printers import hall, parse_escpos, read_qr
from tests.services.test_printing import FakePrinter
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, Factory

SHOTS = Path("/tmp/counter-shots")
STALL = PrintFailure(FailureReason.TIMEOUT, "the printer took 12288 of 32416 bytes",
                     partial=True)


@pytest.fixture
def worker_store(store: Store) -> Iterator[Store]:
    own = Store(store.path)  # the print worker's own connection, as in the app
    yield own
    own.close()


def print_worker(worker_store: Store, catalogue: Catalogue, clock: FixedClock,
                 printer: FakePrinter) -> PrintWorker:
    source = TicketSource(worker_store, catalogue, hall())
    return PrintWorker(worker_store, source,
                       PrinterProfile("ticket", printer, raster.DOTS_58MM), clock.now)


def registered_with_card(services: Services) -> str:
    made = services.register_worker(worker_draft(), print_card=True)
    assert isinstance(made, Ok)
    [job] = services.store.print_queue.queued()
    return job.id


def test_a_ticket_cut_short_is_reprinted_from_the_counter_with_one_tap(
        make_counter: Factory, services: Services, worker_store: Store, catalogue: Catalogue,
        clock: FixedClock) -> None:
    job_id = registered_with_card(services)
    printer = FakePrinter(STALL)
    worker = print_worker(worker_store, catalogue, clock, printer)
    assert worker.run_once() == 0  # the card stopped part-way
    window = make_counter()
    window.update_status()
    assert "需要处理的小票：1" in window.pending.text()
    page = window.show_page(PRINTS)
    assert isinstance(page, PrintsPage)
    assert page.jobs.rowCount() == 1 and not page.reprint_button.isEnabled()
    assert [page.jobs.item(0, c).text() for c in (0, 2, 3)] == [
        "零工登记卡", "打印机中途停止：小票可能只打印了一部分。请重印或取消。", "等待工作人员处理"]
    grab(window, SHOTS / "prints-zh.png")
    assert page.jobs.select_id(job_id) and page.reprint_button.isEnabled()
    page.reprint_button.click()
    assert page.message.text().startswith("已重新排队")
    assert services.store.print_queue.get(job_id).state is PrintState.QUEUED  # type: ignore[union-attr]
    [event] = [e for e in services.store.audit_events.where()
               if e.action is AuditAction.PRINT_REPRINT]
    assert event.staff_id == CLERK and job_id in event.detail
    assert worker.run_once() == 1  # the printer is reset first, then the card comes out
    [(name, data)] = printer.printed
    assert name.endswith(job_id)
    [code] = read_qr(parse_escpos(data).image())  # the whole card, its QR readable
    assert code.startswith("LGW")
    page.refresh()
    assert page.jobs.rowCount() == 0 and page.empty.text() == "所有小票都已打印。"


def test_staff_may_cancel_a_ticket_instead(make_counter: Factory, services: Services,
                                           worker_store: Store, catalogue: Catalogue,
                                           clock: FixedClock) -> None:
    job_id = registered_with_card(services)
    assert print_worker(worker_store, catalogue, clock, FakePrinter(STALL)).run_once() == 0
    window = make_counter()
    window.t.set_language("en")
    window.retranslate()
    page = window.show_page(PRINTS)
    assert isinstance(page, PrintsPage)
    grab(window, SHOTS / "prints-en.png")
    assert page.jobs.select_id(job_id)
    page.cancel_button.click()
    assert services.store.print_queue.get(job_id).state is PrintState.CANCELLED  # type: ignore[union-attr]
    assert page.message.text() == "Cancelled: it will not print."
    assert isinstance(print_desk.cancel(services, job_id), Err)  # only once


def test_a_job_being_sent_is_left_to_its_worker_until_it_is_stuck(
        services: Services, clock: FixedClock) -> None:
    job_id = registered_with_card(services)
    assert services.store.print_queue.claim(job_id, iso_utc(clock.now()))  # a live send
    assert print_desk.tickets_needing_staff(services, clock.now()) == []
    assert isinstance(print_desk.reprint(services, job_id), Err)
    clock.advance(seconds=(STUCK_AFTER + timedelta(seconds=1)).total_seconds())
    [trouble] = print_desk.tickets_needing_staff(services, clock.now())
    assert trouble.reason == print_desk.STOPPED_WHILE_PRINTING
    assert isinstance(print_desk.reprint(services, job_id), Ok)
    assert services.store.print_queue.get(job_id).state is PrintState.QUEUED  # type: ignore[union-attr]
