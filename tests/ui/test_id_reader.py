"""An ID card on the reader does the typing: on the touchscreen it checks a registered
worker in, starts registration with the number and name for a newcomer, answers 我想干's
ID step; a reader in keyboard mode does the same; a hostile reader (stalls, garbage) is
reported to staff and never stops the terminal. Real widgets, a real SQLite file, the
SAM-protocol driver over the hostile fake port."""

from __future__ import annotations

from typing import cast

from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.services.hall import Services
from kiosk.system.idcard import FIND, SamReader
from kiosk.ui.id_reader import IdCardWatcher
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.jobs import JobsScreen
from kiosk.ui.terminal.register import TRADES
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import employer_draft, id_number, job_draft, worker_draft
from tests.system.hostile_reader import HostilePort, good_answers
from tests.ui.test_terminal import Factory, make_terminal, tap

__all__ = ["make_terminal"]  # the fixture


def attach(window: TerminalWindow, port: HostilePort) -> IdCardWatcher:
    watcher = IdCardWatcher(SamReader(port, timeout_s=2.0, clock=port.clock), window)
    window.attach_id_reader(watcher, start=False)  # polled by the test, not a thread
    return watcher


def test_a_registered_worker_checks_in_by_putting_the_card_down(
        qtbot: QtBot, services: Services, make_terminal: Factory) -> None:
    number = id_number(seq=31)
    assert isinstance(services.register_worker(worker_draft(id_number=number)), Ok)
    window = make_terminal()
    port = HostilePort(good_answers(number=number), chunk=5)
    watcher = attach(window, port)
    watcher.poll_once()
    assert window.current == "checkin"
    screen = cast("CheckInScreen", window.page("checkin"))
    assert screen.number.text() == "1"
    watcher.poll_once()  # still on the reader: not a second check-in
    assert services.store.checkins.count() == 1 and port.commands.count(FIND) == 2


def test_a_newcomer_s_card_starts_registration_with_number_and_name(
        qtbot: QtBot, services: Services, make_terminal: Factory) -> None:
    number = id_number(seq=32)
    window = make_terminal()
    watcher = attach(window, HostilePort(good_answers(name="赵铁柱", number=number)))
    watcher.poll_once()
    assert window.current == "register"
    register = window.register
    tap(qtbot, register.agree)
    assert register.answers.id_number == number and register.answers.name == "赵铁柱"
    for key in "13905310032":
        tap(qtbot, register.phone_keypad.keys[key])
    if register.step != TRADES:
        tap(qtbot, register.phone_next)
    assert register.step == TRADES  # neither the ID number nor the name was typed


def test_the_card_answers_i_want_this_job(
        qtbot: QtBot, services: Services, make_terminal: Factory) -> None:
    number = id_number(seq=33)
    assert isinstance(services.register_worker(worker_draft(id_number=number)), Ok)
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id, start_date=services.today()))
    assert isinstance(job, Ok)
    window = make_terminal()
    window.show_screen("jobs")
    jobs = cast("JobsScreen", window.page("jobs"))
    assert jobs.open_job_id(job.value.id)
    jobs.ask_id()
    attach(window, HostilePort(good_answers(number=number))).poll_once()
    assert jobs.wanted_number.text() == "1"


def test_a_reader_in_keyboard_mode_checks_in_too(
        qtbot: QtBot, services: Services, make_terminal: Factory) -> None:
    number = id_number(seq=34)
    assert isinstance(services.register_worker(worker_draft(id_number=number)), Ok)
    window = make_terminal()
    window.on_scan(number)
    assert window.current == "checkin"
    assert cast("CheckInScreen", window.page("checkin")).number.text() == "1"


def test_a_stalling_or_babbling_reader_is_told_to_staff_and_recovers(
        qtbot: QtBot, services: Services, make_terminal: Factory) -> None:
    window = make_terminal()
    port = HostilePort({})  # never answers
    watcher = attach(window, port)
    watcher.poll_once()
    assert "身份证读卡器无响应" in window.pending.text()
    assert window.current == "home" and services.store.checkins.count() == 0
    port.answers = {FIND: bytes(range(256)) * 40}
    watcher.poll_once()
    assert "身份证读卡器无响应" in window.pending.text()
    port.pending = b""
    port.answers = {FIND: good_answers()[FIND][:5] + b"\x00\x04\x00\x00\x80\x84"}
    watcher.poll_once()  # "no card": the reader works again
    assert "身份证读卡器" not in window.pending.text()
