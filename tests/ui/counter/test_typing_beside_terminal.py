"""`kiosk run --role terminal,counter,board` (the demo) is one process: the touchscreen's
scanner watches the keys typed at the touchscreen only, never a clerk's typing at the
counter, however fast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.services.hall import Services
from kiosk.system.config import default_config
from kiosk.ui.terminal.window import TerminalWindow
from tests.ui.conftest import window_of
from tests.ui.counter.conftest import Factory


@pytest.fixture
def terminal(qtbot: QtBot, services: Services) -> Iterator[TerminalWindow]:
    window = TerminalWindow(services, default_config("T01"), printing=False)
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()


def type_timed(window: QWindow, text: str, *, gap_ms: int, start_ms: int = 50_000) -> None:
    """Keys as a keyboard delivers them to the window with the focus, each stamped
    `gap_ms` after the one before (the scanner times keys by their stamps)."""
    for i, char in enumerate(text):
        key = Qt.Key.Key_Return if char == "\r" else ord(char.upper())
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            event.setTimestamp(start_ms + i * gap_ms)
            QApplication.sendEvent(window, event)


def test_keys_typed_30_ms_apart_at_the_counter_all_reach_its_field(
        terminal: TerminalWindow, make_counter: Factory) -> None:
    counter = make_counter(sign_in=None)
    field = counter.login.staff_id
    field.setFocus()
    type_timed(window_of(counter), "S001", gap_ms=30)
    assert field.text() == "S001"


def test_a_scan_at_the_touchscreen_is_still_swallowed_there(
        terminal: TerminalWindow, make_counter: Factory) -> None:
    counter = make_counter(sign_in=None)
    counter.login.staff_id.setFocus()
    scanned: list[str] = []
    terminal.scan_inputs.scanned.disconnect()
    terminal.scan_inputs.scanned.connect(scanned.append)
    type_timed(window_of(terminal), "LGJ1:abcdefgh\r", gap_ms=5)
    assert scanned == ["LGJ1:abcdefgh"]
    assert counter.login.staff_id.text() == ""  # the counter's scanner did not see it
