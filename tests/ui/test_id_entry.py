"""The ID-number keypad is the same at registration, check-in and 我想干: the same keys
(清空 included), moving on by itself at a valid 18th character, 确定 saying what is wrong."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.services.hall import Services
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.id_entry import IdEntry
from kiosk.ui.terminal.register import PHONE
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import id_number, worker_draft


@pytest.fixture
def window(make_terminal: Callable[..., TerminalWindow]) -> TerminalWindow:
    return make_terminal()


def entries(window: TerminalWindow) -> dict[str, IdEntry]:
    checkin = window.page("checkin")
    assert isinstance(checkin, CheckInScreen)
    return {"register": window.register.id_entry, "checkin": checkin.entry,
            "jobs": window.page("jobs").want}  # type: ignore[attr-defined]


def press(qtbot: QtBot, entry: IdEntry, keys: str) -> None:
    for key in keys:
        qtbot.mouseClick(entry.keypad.keys[key], Qt.MouseButton.LeftButton)


def test_every_id_keypad_has_the_same_keys_with_clear(window: TerminalWindow) -> None:
    layouts = {name: sorted(e.keypad.keys) for name, e in entries(window).items()}
    assert layouts["register"] == layouts["checkin"] == layouts["jobs"]
    assert "C" in layouts["register"] and "X" in layouts["register"]
    for entry in entries(window).values():
        assert entry.keypad.keys["C"].text() == "清空" and entry.auto


def test_clear_empties_the_number_and_is_off_when_there_is_none(
        qtbot: QtBot, window: TerminalWindow) -> None:
    window.show_screen("checkin")
    entry = entries(window)["checkin"]
    clear = entry.keypad.keys["C"]
    assert not clear.isEnabled()
    press(qtbot, entry, "370104")
    assert clear.isEnabled() and clear.isVisible()
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert entry.keypad.text() == "" and entry.keypad.display.text().strip() == ""
    assert not clear.isEnabled()


def test_registration_and_check_in_both_move_on_at_the_18th_character(
        qtbot: QtBot, window: TerminalWindow, services: Services) -> None:
    services.register_worker(worker_draft())
    window.show_screen("checkin")
    checkin = window.page("checkin")
    assert isinstance(checkin, CheckInScreen)
    press(qtbot, checkin.entry, id_number())
    assert checkin.number.isVisible() and checkin.number.text() == "1"
    window.reset_all()
    window.show_screen("register")
    window.register.agree.click()
    press(qtbot, window.register.id_entry, id_number(seq=246))
    assert window.register.step == PHONE


def test_ok_on_a_short_number_says_so_in_both(qtbot: QtBot, window: TerminalWindow) -> None:
    for name in ("register", "checkin"):
        window.show_screen(name)
        if name == "register":
            window.register.agree.click()
        entry = entries(window)[name]
        press(qtbot, entry, id_number()[:17])
        qtbot.mouseClick(entry.confirm, Qt.MouseButton.LeftButton)
        assert entry.message.isVisible() and "18" in entry.message.text(), name
        window.reset_all()

