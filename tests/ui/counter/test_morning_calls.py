"""A hall's morning across roles in one process, on one real SQLite file: workers check in
at the touchscreen (a card scan, or the ID number), their ticket prints — or the printer
fails and the screen says what to do instead —, 我想干 keeps the check-in number, staff
call the next number at the counter and the board shows it. An ID number not registered
goes to registration with the number kept."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from pytestqt.qtbot import QtBot

from kiosk.core import payloads
from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import Ok
from kiosk.core.records import Worker
from kiosk.services.hall import Services
from kiosk.services.printing import PrintWorker, TicketSource
from kiosk.store.print_queue import PrintKind, PrintState
from kiosk.store.store import Store
from kiosk.system.printer_profile import PrinterProfile
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.jobs import JobsScreen
from kiosk.ui.terminal.register import PHONE, RegisterScreen
from printers import raster
from printers.transports import FailureReason, PrintFailure
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.printers import hall
from tests.services.test_printing import FakePrinter
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory as CounterFactory
from tests.ui.test_board import BoardFactory, make_board
from tests.ui.test_terminal import Factory, make_terminal, tap, type_id

__all__ = ["make_board", "make_terminal"]  # fixtures
SHOTS = Path("/tmp/shots-calls")


def register(services: Services, seq: int, name: str) -> Worker:
    result = services.register_worker(worker_draft(name=name, id_number=id_number(seq=seq),
                                                    phone=f"1380531{seq:04d}"))
    assert isinstance(result, Ok), result
    return result.value


def printer(store: Store, catalogue: Catalogue, clock: FixedClock,
            fake: FakePrinter) -> PrintWorker:
    return PrintWorker(store, TicketSource(store, catalogue, hall()),
                       PrinterProfile("ticket", fake, raster.DOTS_58MM), clock.now)


def test_check_in_ticket_call_and_board_across_roles(
        qtbot: QtBot, services: Services, store: Store, *, catalogue: Catalogue,
        clock: FixedClock, make_terminal: Factory, make_counter: CounterFactory,
        make_board: BoardFactory) -> None:
    wang = register(services, 11, "王建国")
    register(services, 12, "李秀英")
    terminal, board = make_terminal(), make_board()
    counter = make_counter()

    # 王 scans the worker card: 0 taps, number 1, the ticket is printing
    terminal.on_scan(payloads.worker_card(wang.id))
    screen = cast("CheckInScreen", terminal.page("checkin"))
    assert screen.number.text() == "1" and screen.ahead.text() == "前面还有 0 人"
    assert screen.detail.text() == "正在打印小票…"
    fake = FakePrinter()
    assert printer(store, catalogue, clock, fake).run_once() == 1
    checkin = services.todays_checkin(wang.id)
    assert checkin is not None
    job = store.print_queue.latest_for("checkin", checkin.id)
    assert job is not None and job.state is PrintState.PRINTED and len(fake.printed) == 1
    ticket = TicketSource(store, catalogue, hall()).ticket(PrintKind.QUEUE, checkin.id,
                                                           clock.now())
    assert "001" in ticket.texts()
    screen.ticket.poll()
    assert screen.detail.text() == "小票已打印，请取好小票，等候叫号。"
    SHOTS.mkdir(exist_ok=True)
    grab(terminal, SHOTS / "checkin-printed-zh.png")

    # 李 types her ID number; the printer is out of paper: no "take your ticket"
    terminal.reset_all()
    tap(qtbot, terminal.page("home").buttons["checkin"])  # type: ignore[attr-defined]
    type_id(qtbot, screen.entry.keypad.keys, id_number(seq=12))
    assert screen.number.text() == "2" and screen.ahead.text() == "前面还有 1 人"
    out = FakePrinter(PrintFailure(FailureReason.PAPER_OUT))
    assert printer(store, catalogue, clock, out).run_once() == 0
    screen.ticket.poll()
    assert "取好小票" not in screen.detail.text()
    assert screen.detail.text() == (
        "小票打印机出了故障。请记住屏幕上的号码，服务台工作人员可以帮您。")
    assert screen.number.isVisible()
    grab(terminal, SHOTS / "checkin-printer-failed-zh.png")

    # 王 asks for a job (我想干): the same number 1, said so on the screen
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    posted = services.post_job(job_draft(employer.value.id, start_date=services.today()))
    assert isinstance(posted, Ok)
    terminal.reset_all()
    jobs = cast("JobsScreen", terminal.page("jobs"))
    terminal.show_screen("jobs")
    assert jobs.open_job_id(posted.value.id)
    jobs.ask_id()
    type_id(qtbot, jobs.want.keypad.keys, id_number(seq=11))
    assert jobs.wanted_number.text() == "1"
    assert jobs.wanted_detail.text().startswith("这是您今天签到的号码，号码不变。")
    grab(terminal, SHOTS / "i-want-this-same-number-zh.png")

    # the counter calls the next number: 1, to window 1; the board shows and says it
    assert counter.call_bar is not None
    qtbot.waitUntil(counter.call_bar.next_button.isEnabled, timeout=2000)  # 2 now wait
    counter.call_bar.next_button.click()
    assert counter.call_bar.serving_number == 1
    qtbot.waitUntil(lambda: board.announced == [(1, "1")], timeout=2000)
    texts = board.now_serving.texts
    assert texts is not None and texts.now == "1 号 → 1 号窗口"
    counter.call_bar.skip_button.click()  # 王 went to the job's employer: 2 is called
    qtbot.waitUntil(lambda: board.announced == [(1, "1"), (2, "1")], timeout=2000)
    assert services.ticket_state(None) is None


def test_an_unregistered_id_goes_to_registration_with_the_number_kept(
        qtbot: QtBot, services: Services, make_terminal: Factory) -> None:
    terminal = make_terminal()
    tap(qtbot, terminal.page("home").buttons["checkin"])  # type: ignore[attr-defined]
    screen = cast("CheckInScreen", terminal.page("checkin"))
    typed = id_number(seq=77)
    type_id(qtbot, screen.entry.keypad.keys, typed)
    assert screen.greeting.text() == "这个身份证号码还没有登记。"
    assert screen.done.text() == "回首页"
    SHOTS.mkdir(exist_ok=True)
    grab(terminal, SHOTS / "checkin-unregistered-zh.png")
    tap(qtbot, screen.register_button)
    register_screen = cast("RegisterScreen", terminal.page("register"))
    assert terminal.current == "register"
    tap(qtbot, register_screen.agree)
    assert register_screen.step == PHONE  # the ID number is not asked again
    assert register_screen.answers.id_number == typed
    assert services.store.workers.count() == 0  # nothing stored until submitted
