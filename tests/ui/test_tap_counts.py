"""Taps measured, not claimed: real clicks on real widgets, counted by an event filter on
the application (every mouse release on a button, whoever sends it), for a returning
worker checking in by worker card, by ID-card reader (SAM driver and keyboard mode) and by
typing the ID number; 我想干 by worker card; and a first-timer registering with a reader.
The goals of issue 20 are asserted and the counts printed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.core.records import ReferralOrigin
from kiosk.services.hall import Services
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.job_tile import JobTile
from kiosk.ui.terminal.jobs import JobsScreen
from kiosk.ui.terminal.register import DONE, PHONE, REVIEW, TRADES
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import employer_draft, id_number, job_draft, worker_draft
from tests.system.hostile_reader import HostilePort, good_answers
from tests.ui.test_id_reader import attach
from tests.ui.test_register import Taps
from tests.ui.test_scanning import scan
from tests.ui.test_terminal import Factory, make_terminal

__all__ = ["make_terminal"]  # the fixture

COUNTS: dict[str, int] = {}


# What a finger taps on the touchscreen: buttons and keys, and the job cards.
TAPPABLE = (QAbstractButton, JobTile)


class ClickCounter(QObject):
    """Counts the clicks tappable widgets receive: a mouse release on one of them."""

    def __init__(self) -> None:
        super().__init__()
        self.clicks = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's
        if (event.type() == QEvent.Type.MouseButtonRelease
                and isinstance(watched, TAPPABLE)):
            self.clicks += 1
        return False


@pytest.fixture
def clicks(qapp: QApplication) -> Iterator[ClickCounter]:
    counter = ClickCounter()
    qapp.installEventFilter(counter)
    yield counter
    qapp.removeEventFilter(counter)


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print("\ntap counts (real clicks):", ", ".join(f"{k} {v}" for k, v in COUNTS.items()))


def _measured(name: str, clicks: ClickCounter, taps: Taps, goal: int) -> int:
    assert clicks.clicks == taps.count  # every tap is a real click, and nothing else was
    COUNTS[name] = clicks.clicks
    print(f"{name}: {clicks.clicks} taps (goal ≤ {goal})")
    assert clicks.clicks <= goal
    return clicks.clicks


def _up(qtbot: QtBot, make_terminal: Factory) -> TerminalWindow:
    """A touchscreen up a moment: every screen built (QTest stamps scanner keys as it
    sends them; screens still being built would run between them)."""
    window = make_terminal()
    qtbot.waitUntil(lambda: window.built, timeout=20_000)
    return window


def _registered(services: Services, seq: int) -> tuple[str, str]:
    number = id_number(seq=seq)
    worker = services.register_worker(worker_draft(id_number=number))
    assert isinstance(worker, Ok)
    return worker.value.id, number


def test_a_returning_worker_checks_in_by_card_without_a_tap(
        qtbot: QtBot, services: Services, make_terminal: Factory,
        clicks: ClickCounter) -> None:
    worker_id, _ = _registered(services, 51)
    window = _up(qtbot, make_terminal)
    taps = Taps(qtbot)
    scan(window, services.card_text(worker_id))
    screen = cast("CheckInScreen", window.page("checkin"))
    assert window.current == "checkin" and screen.number.text() == "1"
    assert _measured("check-in by worker card", clicks, taps, goal=1) == 0


def test_a_returning_worker_checks_in_by_id_reader_without_a_tap(
        qtbot: QtBot, services: Services, make_terminal: Factory,
        clicks: ClickCounter) -> None:
    _, number = _registered(services, 52)
    other, other_number = _registered(services, 53)
    window = _up(qtbot, make_terminal)
    taps = Taps(qtbot)
    attach(window, HostilePort(good_answers(number=number))).poll_once()  # SAM reader
    screen = cast("CheckInScreen", window.page("checkin"))
    assert window.current == "checkin" and screen.number.text() == "1"
    window.reset_all()
    scan(window, other_number)  # a reader in keyboard mode: 18 characters, then Enter
    assert window.current == "checkin" and screen.number.text() == "2"
    assert services.todays_checkin(other) is not None
    assert _measured("check-in by ID-card reader", clicks, taps, goal=1) == 0


def test_check_in_after_typing_the_id_number_on_the_keypad(
        qtbot: QtBot, services: Services, make_terminal: Factory,
        clicks: ClickCounter) -> None:
    _, number = _registered(services, 54)
    window = _up(qtbot, make_terminal)
    taps = Taps(qtbot)
    taps(window.page("home").buttons["checkin"])  # type: ignore[attr-defined]
    screen = cast("CheckInScreen", window.page("checkin"))
    typed = taps.count
    taps.keys(screen.entry.keypad.keys, number)  # the 18th character checks in
    assert screen.number.text() == "1"
    after = taps.count - typed - len(number)
    print(f"taps after the 18 characters of the ID number: {after}")
    assert after == 0
    _measured("check-in by typing the ID number", clicks, taps, goal=1 + len(number) + 1)


def test_i_want_this_job_by_worker_card(
        qtbot: QtBot, services: Services, make_terminal: Factory,
        clicks: ClickCounter) -> None:
    worker_id, _ = _registered(services, 55)
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok)
    window = _up(qtbot, make_terminal)
    taps = Taps(qtbot)
    taps(window.page("home").buttons["jobs"])  # type: ignore[attr-defined]
    jobs = cast("JobsScreen", window.page("jobs"))
    taps(jobs.job_buttons[0])
    taps(jobs.want_button)
    assert jobs.wants_id
    scan(window, services.card_text(worker_id))  # the card answers the ID step
    assert window.current == "jobs" and jobs.wanted_number.text() == "1"
    [referral] = services.store.referrals.where("job_id = ?", [job.value.id])
    assert (referral.worker_id, referral.origin) == (worker_id, ReferralOrigin.TOUCHSCREEN)
    _measured("我想干 by worker card", clicks, taps, goal=3)


def test_a_first_timer_registers_with_the_reader_in_at_most_30_taps(
        qtbot: QtBot, services: Services, make_terminal: Factory,
        clicks: ClickCounter) -> None:
    number = id_number(seq=56)
    window = _up(qtbot, make_terminal)
    taps = Taps(qtbot)
    attach(window, HostilePort(good_answers(name="赵铁柱", number=number))).poll_once()
    register = window.register
    assert window.current == "register"
    taps(register.agree)
    assert register.step == PHONE
    taps.keys(register.phone_keypad.keys, "13905310056")
    if register.step != TRADES:
        taps(register.phone_next)
    assert register.step == TRADES  # the name came from the card
    taps(register.trade_tiles.buttons["C01"])
    taps(register.trades_next)
    assert register.step == REVIEW
    taps(register.submit)
    assert register.step == DONE
    worker = services.find_worker_by_id_number(number)
    assert worker is not None and worker.name == "赵铁柱"
    _measured("first-time registration with an ID-card reader", clicks, taps, goal=30)
