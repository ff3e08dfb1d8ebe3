"""A counter window on a real SQLite file, a clerk and a supervisor, and a signed-in helper."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.core.staff import StaffRole
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from kiosk.system.config import default_config
from kiosk.ui.counter.window import CounterWindow

CLERK, CLERK_PIN = "S001", "258036"
SUPERVISOR, SUPERVISOR_PIN = "S900", "730519"
SIZE = (1600, 900)

Factory = Callable[..., CounterWindow]


@pytest.fixture
def staff(services: Services) -> StaffAccounts:
    accounts = StaffAccounts(services)
    assert isinstance(accounts.add(CLERK, "王芳", StaffRole.CLERK, CLERK_PIN), Ok)
    assert isinstance(accounts.add(SUPERVISOR, "赵主任", StaffRole.SUPERVISOR,
                                   SUPERVISOR_PIN), Ok)
    return accounts


@pytest.fixture
def make_counter(qtbot: QtBot, services: Services, staff: StaffAccounts,
                 ) -> Iterator[Factory]:
    made: list[CounterWindow] = []

    def make(*, sign_in: str | None = CLERK, idle_minutes: int = 10) -> CounterWindow:
        window = CounterWindow(services, default_config("T01"), idle_minutes=idle_minutes)
        qtbot.addWidget(window)
        window.resize(*SIZE)
        window.show()
        qtbot.waitExposed(window)
        if sign_in is not None:
            pin = CLERK_PIN if sign_in == CLERK else SUPERVISOR_PIN
            window.login.staff_id.setText(sign_in)
            window.login.pin.setText(pin)
            window.login.submit.click()
            assert window.signed_in is not None
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()


def approve_in_dialog(staff_id: str = SUPERVISOR, pin: str = SUPERVISOR_PIN,
                      ) -> Callable[[], None]:
    """What a supervisor does in the modal SupervisorDialog: id, PIN, OK (for a
    QTimer.singleShot before the click that opens it)."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.counter.supervisor import SupervisorDialog

    def approve() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SupervisorDialog)
        dialog.staff_id.setText(staff_id)
        dialog.pin.setText(pin)
        dialog.approve()
    return approve
