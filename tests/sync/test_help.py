"""Calls for staff travel through a real hub (PostgreSQL and SQLite): a touchscreen asks,
the hall's counter on another machine learns of it from the feed, handles it, and the
touchscreen learns it was handled; another hall sees nothing, and no terminal may ask in
another's name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import to_payload
from kiosk.core.errors import Ok
from kiosk.core.records import HelpPlace, StaffCallStatus
from kiosk.core.staff import StaffRole
from kiosk.services import help as staff_help
from kiosk.services.staff import StaffAccounts
from kiosk.system.config import default_config
from kiosk.ui.counter.window import CounterWindow
from kiosk.ui.fonts import install_cjk_font
from kiosk.ui.terminal.register import KEYS_PHONE, NAME
from kiosk.ui.terminal.window import TerminalWindow
from sync.protocol import Reason, Result
from tests.conftest import FixedClock
from tests.store import samples
from tests.sync.conftest import HALL_A, HALL_B, Hub, Terminal, make_terminal
from tests.sync.hostile import change_of, push_dicts
from tests.ui.conftest import grab
from tests.ui.counter.fit import clipped_texts, unreachable_buttons

SHOTS = Path("/tmp/shots-help")


def test_a_call_reaches_the_halls_counter_and_its_answer_comes_back(
        tmp_path: Path, hub: Hub, hall_a: Terminal, hall_b: Terminal, *,
        catalogue: Catalogue, clock: FixedClock) -> None:
    asked = staff_help.ask(hall_a.services, HelpPlace.NAME)
    assert isinstance(asked, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    counter = make_terminal(tmp_path / "counter.sqlite3", hub, HALL_A, catalogue, clock)
    try:
        assert counter.agent(hub.client).sync_once().ok
        [seen] = staff_help.waiting(counter.services)
        assert (seen.id, seen.terminal_id, seen.place) == (
            asked.value.id, hall_a.credentials.terminal, HelpPlace.NAME)
        clock.advance(minutes=3)
        assert isinstance(staff_help.handle(counter.services.as_staff("S01"), seen.id), Ok)
        assert counter.agent(hub.client).sync_once().ok
    finally:
        counter.store.close()
    assert staff_help.is_open(hall_a.services, asked.value.id)  # not before the feed
    assert hall_a.agent(hub.client).sync_once().ok
    assert not staff_help.is_open(hall_a.services, asked.value.id)
    assert staff_help.waiting(hall_a.services) == []
    assert hall_b.agent(hub.client).sync_once().ok
    assert hall_b.store.staff_calls.count() == 0


def test_no_terminal_asks_in_anothers_name_nor_for_another_hall(
        hub: Hub, clock: FixedClock) -> None:
    a, other, b = hub.provision(HALL_A), hub.provision(HALL_A), hub.provision(HALL_B)
    call = to_payload(samples.staff_call(hall_id=HALL_A, terminal_id=a.terminal,
                                           created_at=clock.now(), updated_at=clock.now()))
    status, answer = push_dicts(hub, other, [change_of("staff_call", call)])
    assert status == 200 and answer is not None
    assert (answer.answers[0].result, answer.answers[0].reason) == (
        Result.REJECTED, Reason.TERMINAL_MISMATCH)
    status, answer = push_dicts(hub, b, [change_of("staff_call", {
        **call, "terminal_id": b.terminal})])
    assert answer is not None and (answer.answers[0].result, answer.answers[0].reason) == (
        Result.REJECTED, Reason.HALL_MISMATCH)
    status, answer = push_dicts(hub, a, [change_of("staff_call", call)])
    assert answer is not None and answer.answers[0].result is Result.STORED
    # the hall's counter (another terminal) marks it handled; another hall may not
    handled = {**call, "status": StaffCallStatus.HANDLED.value}
    status, answer = push_dicts(hub, b, [change_of("staff_call", handled, op="update")])
    assert answer is not None and answer.answers[0].result is Result.REJECTED
    status, answer = push_dicts(hub, other, [change_of("staff_call", handled, op="update")])
    assert answer is not None and answer.answers[0].result is Result.STORED
    bad = {**call, "id": samples.staff_call().id, "place": "roof", "status": "shouting"}
    status, answer = push_dicts(hub, a, [change_of("staff_call", bad)])
    assert answer is not None and answer.answers[0].result is Result.REJECTED


def test_across_roles_a_touchscreen_asks_the_counter_on_another_machine_handles_it(
        qtbot: QtBot, tmp_path: Path, hub: Hub, hall_a: Terminal, *,
        catalogue: Catalogue, clock: FixedClock) -> None:
    """The touchscreen's 请工作人员帮助 → its agent pushes to a real hub → the counter's
    agent pulls it → the counter's call bar names the terminal and where → 已处理 → the
    counter's agent pushes → the touchscreen's agent pulls → "staff are on their way" goes,
    and the name typed so far is still there."""
    install_cjk_font()
    touch = TerminalWindow(hall_a.services, default_config(hall_a.credentials.terminal),
                           printing=False)
    qtbot.addWidget(touch)
    touch.resize(1920, 1080)
    touch.show()
    desk = make_terminal(tmp_path / "counter.sqlite3", hub, HALL_A, catalogue, clock)
    accounts = StaffAccounts(desk.services)
    assert isinstance(accounts.add("S001", "王芳", StaffRole.CLERK, "258036"), Ok)
    counter = CounterWindow(desk.services, default_config(desk.credentials.terminal))
    qtbot.addWidget(counter)
    counter.resize(1366, 768)
    counter.show()
    try:
        counter.login.staff_id.setText("S001")
        counter.login.pin.setText("258036")
        counter.login.submit.click()
        QApplication.processEvents()  # the call bar shows in the top bar
        bar = counter.call_bar
        assert bar is not None and not bar.help_alert.isVisible()

        touch.show_screen("register")
        screen = touch.register
        screen.go(NAME)
        screen.choose_input(KEYS_PHONE)
        for key in "94264":
            qtbot.mouseClick(screen.name_keypad.phone_keys[key], Qt.MouseButton.LeftButton)
        texts = [b.text() for b in screen.name_keypad.candidate_buttons]
        qtbot.mouseClick(screen.name_keypad.candidate_buttons[texts.index("张")],
                         Qt.MouseButton.LeftButton)
        qtbot.mouseClick(screen.header.help, Qt.MouseButton.LeftButton)
        assert screen.header.help_waiting.isVisible()
        assert screen.header.help_waiting.text() == "已通知工作人员，请稍候。"

        assert [c.place for c in staff_help.waiting(hall_a.services)] == [HelpPlace.NAME]
        assert hall_a.agent(hub.client).sync_once().ok
        assert desk.agent(hub.client).sync_once().ok  # the counter's store announces it
        assert len(staff_help.waiting(desk.services)) == 1
        counter.refresh_current()
        assert bar.help_alert.isVisible() and bar.help_done.isVisible()
        assert bar.help_alert.text() == (
            f"{hall_a.credentials.terminal} 请求帮助\n登记·姓名，08:00 起")
        grab(counter, SHOTS / "counter-help-alert-zh-1366x768.png")
        assert unreachable_buttons(counter) == [] and clipped_texts(counter) == []
        counter.toggle_language()
        assert bar.help_alert.text() == (f"{hall_a.credentials.terminal} asks for staff\n"
                                         "registration, name, since 08:00")
        assert counter.size().toTuple() == (1366, 768)
        grab(counter, SHOTS / "counter-help-alert-en-1366x768.png")
        assert unreachable_buttons(counter) == [] and clipped_texts(counter) == []

        clock.advance(minutes=4)
        qtbot.mouseClick(bar.help_done, Qt.MouseButton.LeftButton)
        assert not bar.help_alert.isVisible()
        assert screen.header.help_waiting.isVisible()  # not before the feed brings it
        assert desk.agent(hub.client).sync_once().ok
        assert screen.header.help_waiting.isVisible()
        assert hall_a.agent(hub.client).sync_once().ok  # the pull announces the change
        assert not screen.header.help_waiting.isVisible()
        assert screen.header.help.isVisible()
        assert screen.step == NAME and screen.name_keypad.name == "张"
    finally:
        counter.shutdown()
        touch.shutdown()
        desk.store.close()
