"""Lockdown: the hidden corner gesture and a staff PIN are the only way out of the
touchscreen; the exit is audited; wrong PINs count toward the lock."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.core.i18n import Translator
from kiosk.core.records import AuditAction
from kiosk.core.staff import StaffRole
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from kiosk.system.config import default_config
from kiosk.ui.input_watch import unwatch_input, watch_input
from kiosk.ui.staff_exit import CornerTaps, StaffExitDialog
from kiosk.ui.terminal.window import TerminalWindow
from tests.ui.conftest import window_of

NO_KEYS = Qt.KeyboardModifier.NoModifier


def type_pin(dialog: StaffExitDialog, pin: str) -> None:
    for digit in pin:
        dialog.keypad.keys[digit].click()


def test_five_corner_taps_within_four_seconds_open_the_staff_exit(
        qtbot: QtBot, services: Services) -> None:
    window = TerminalWindow(services, default_config("T01"), printing=False)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    taps = CornerTaps(window)
    watch_input(taps)  # as `kiosk run` does
    handle = window_of(window)
    try:
        fired: list[bool] = []
        taps.triggered.connect(lambda: fired.append(True))
        for i in range(4):  # at the window, as a finger's taps arrive
            QTest.mouseClick(handle, Qt.MouseButton.LeftButton, NO_KEYS, QPoint(20 + i, 20))
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, NO_KEYS, QPoint(600, 400))
        assert fired == []  # four in the corner are not enough; elsewhere does not count
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, NO_KEYS, QPoint(30, 30))
        assert fired == [True]
    finally:
        unwatch_input(taps)
        window.shutdown()


def test_taps_too_far_apart_do_not_count(qtbot: QtBot, services: Services) -> None:
    window = TerminalWindow(services, default_config("T01"), printing=False)
    qtbot.addWidget(window)
    taps = CornerTaps(window)
    fired: list[bool] = []
    taps.triggered.connect(lambda: fired.append(True))
    for i in range(10):
        taps.tap(100.0 + i * 1.5)  # five taps span six seconds
    assert fired == []
    window.shutdown()


def test_a_staff_pin_closes_the_kiosk_and_is_audited(qtbot: QtBot, services: Services) -> None:
    accounts = StaffAccounts(services)
    assert isinstance(accounts.add("S001", "王芳", StaffRole.CLERK, "258036"), Ok)
    dialog = StaffExitDialog(accounts, Translator("zh_CN"))
    qtbot.addWidget(dialog)
    dialog.confirm()
    assert "姓名" in dialog.error.text() and dialog.staff_id is None  # tap your name first
    dialog.name_buttons["S001"].click()
    type_pin(dialog, "111222")
    assert dialog.pin_dots.text() == "●" * 6  # the PIN never shows
    dialog.confirm()
    assert dialog.staff_id is None and "密码" in dialog.error.text()
    type_pin(dialog, "258036")
    dialog.confirm()
    assert dialog.staff_id == "S001" and dialog.result() == StaffExitDialog.DialogCode.Accepted
    actions = [e.action for e in services.store.audit_events.where(order_by="created_at, rowid")]
    assert actions[-1] is AuditAction.EXIT
