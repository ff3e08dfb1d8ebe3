"""The training screens (培训) in both languages, in large text and portrait: every button
in view and a big target; screenshots saved to /tmp/shots-train for review. The courses
are the demo's, kept the way the sync agent keeps a signed asset; the clock is moved to a
day their sign-up is open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.services.hall import Services
from kiosk.store.training import keep_seats
from kiosk.ui.terminal.base import HOME, TRAINING
from kiosk.ui.terminal.training import TrainingScreen
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import FixedClock, id_number, worker_draft
from tests.courses import OPEN_DAY, keep_demo_courses
from tests.ui.conftest import grab

SHOTS = Path("/tmp/shots-train2")
Factory = Callable[..., TerminalWindow]
MIN_TARGET_PX = 90  # as tests/ui/test_terminal.py: 20 mm on a 21.5-inch 1080p panel


def in_view(window: TerminalWindow, name: str) -> None:
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    assert buttons, name
    for button in buttons:
        assert button.height() >= MIN_TARGET_PX, (name, button.text(), button.height())
        top_left = button.mapTo(window, button.rect().topLeft())
        assert window.rect().contains(button.rect().translated(top_left)), (name, button.text())


LOOKS = {"zh": ((1920, 1080), False, False), "en": ((1920, 1080), True, False),
         "zh-large": ((1920, 1080), False, True), "en-large": ((1920, 1080), True, True),
         "zh-portrait": ((1080, 1920), False, False),
         "en-large-portrait": ((1080, 1920), True, True)}  # size, English, 大字


@pytest.mark.parametrize("tag", LOOKS)
def test_each_training_screen_fits_and_is_saved(
        qtbot: QtBot, services: Services, clock: FixedClock, make_terminal: Factory,
        tag: str) -> None:
    size, english, large = LOOKS[tag]
    clock.moment = OPEN_DAY
    keep_demo_courses(services.store)
    worker = services.register_worker(worker_draft(trades=["C03"]))
    assert isinstance(worker, Ok)
    window = make_terminal(size=size)
    if english:
        window.toggle_language()
    window.set_large_text(large)
    SHOTS.mkdir(exist_ok=True)
    window.show_screen(HOME)
    qtbot.wait(1)
    in_view(window, "home")
    grab(window, SHOTS / f"home-{tag}.png")

    window.show_screen(TRAINING)
    training = window.page(TRAINING)
    assert isinstance(training, TrainingScreen)
    qtbot.waitUntil(training.trade_tiles.buttons["C03"].isVisible)
    assert len(training.trade_tiles.buttons) == 9
    in_view(window, "trades")
    grab(window, SHOTS / f"training-trades-{tag}.png")

    training.show_trade("C03")
    qtbot.wait(1)
    in_view(window, "courses")
    grab(window, SHOTS / f"training-courses-{tag}.png")

    training.open_course(0)
    qtbot.wait(1)
    in_view(window, "detail")
    body = training.detail_body  # long text scrolls whole, never cut (ReadingPageStack)
    assert body.height() >= body.heightForWidth(body.width()), tag
    grab(window, SHOTS / f"training-detail-{tag}.png")

    training.ask_id()
    qtbot.wait(1)
    in_view(window, "identify")
    grab(window, SHOTS / f"training-identify-{tag}.png")

    training.sign_up_id(id_number())
    qtbot.wait(1)
    assert training.done_title.text() in ("报名已登记", "Your sign-up is recorded")
    in_view(window, "done")
    grab(window, SHOTS / f"training-done-{tag}.png")

    training.show_trade("C03")
    training.open_course(0)
    training.ask_id()
    training.sign_up_id(id_number())  # the same worker again: told so politely
    qtbot.wait(1)
    grab(window, SHOTS / f"training-again-{tag}.png")

    # 我的报名: the worker's sign-ups, the city's answer on each, and the cancel (two taps)
    training.reset()
    training.ask_mine()
    qtbot.wait(1)
    in_view(window, "mine-identify")
    grab(window, SHOTS / f"training-mine-identify-{tag}.png")
    training.sign_up_id(id_number())
    qtbot.wait(1)
    in_view(window, "mine")
    assert training.mine_rows[0][0].isVisible()
    grab(window, SHOTS / f"training-mine-{tag}.png")
    training.cancel_row(0)
    qtbot.wait(1)
    in_view(window, "mine-armed")
    grab(window, SHOTS / f"training-mine-armed-{tag}.png")
    training.cancel_row(0)
    qtbot.wait(1)
    assert training.done_title.text() in ("已取消报名", "Sign-up cancelled")
    in_view(window, "cancelled")
    grab(window, SHOTS / f"training-cancelled-{tag}.png")

    # a full course (the other halls took its seats): the waiting list, said plainly
    with services.store.write():
        keep_seats(services.store.conn, {"course_id": "jn-2612-elec-5",
                                         "taken": {"370112-HSL": 30}})
    training.reset()
    training.show_trade("C03")
    training.open_course(0)
    qtbot.wait(1)
    assert training.full_note.isVisible()
    in_view(window, "full")
    grab(window, SHOTS / f"training-full-{tag}.png")
    training.ask_id()
    training.sign_up_id(id_number())
    qtbot.wait(1)
    assert training.done_title.text() in ("已加入候补名单", "You are on the waiting list")
    in_view(window, "waiting")
    grab(window, SHOTS / f"training-waiting-{tag}.png")


def test_the_worker_card_signs_up_with_four_taps_and_a_scan(
        qtbot: QtBot, services: Services, clock: FixedClock, make_terminal: Factory) -> None:
    """The card at the scanner answers the sign-up step (as at check-in and 我想干); a
    card shown elsewhere on the screen still checks in."""
    clock.moment = OPEN_DAY
    keep_demo_courses(services.store)
    worker = services.register_worker(worker_draft(trades=["C03"]))
    assert isinstance(worker, Ok)
    window = make_terminal(printing=True)
    taps = 0

    def tap(widget: QPushButton | QWidget) -> None:
        nonlocal taps
        assert widget.isVisible() and widget.isEnabled(), widget
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        taps += 1

    tap(window.page(HOME).buttons[TRAINING])  # type: ignore[attr-defined]
    training = window.page(TRAINING)
    assert isinstance(training, TrainingScreen)
    tap(training.trade_tiles.buttons["C03"])
    tap(training.cards[0])
    tap(training.sign_up_button)
    assert training.wants_id
    window.on_scan(services.card_text(worker.value.id))
    assert taps == 4 and training.done_title.text() == "报名已登记"
    signup, = services.store.course_signups.where()
    assert (signup.worker_id, signup.course_id) == (worker.value.id, "jn-2612-elec-5")
    job, = services.store.print_queue.queued()
    assert job.ref_id == signup.id and training.ticket.state.value == "printing"

    window.show_screen(HOME)
    window.on_scan(services.card_text(worker.value.id))  # not signing up: a check-in
    assert window.current == "checkin" and services.store.course_signups.count() == 1


def test_an_unregistered_id_number_leads_to_registration_with_it_kept(
        qtbot: QtBot, services: Services, clock: FixedClock, make_terminal: Factory) -> None:
    clock.moment = OPEN_DAY
    keep_demo_courses(services.store)
    window = make_terminal()
    window.show_screen(TRAINING)
    training = window.page(TRAINING)
    assert isinstance(training, TrainingScreen)
    training.show_trade("C03")
    training.open_course(0)
    training.ask_id()
    window.on_id_card(id_number(seq=777))  # the reader: nobody registered with it
    assert training.done_title.text() == "这个身份证号码还没有登记。"
    assert services.store.course_signups.count() == 0
    qtbot.mouseClick(training.register_button, Qt.MouseButton.LeftButton)
    assert window.current == "register"
    assert window.register.answers.id_number == id_number(seq=777)
