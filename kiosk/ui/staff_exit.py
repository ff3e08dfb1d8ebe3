"""The staff's only way out of a locked-down touchscreen or board: a hidden gesture (five
taps in the top-left corner within four seconds), then a staff member's name and PIN on
an on-screen keypad (there is no keyboard). The exit is audited; `kiosk run` then exits
with EXIT_STAFF, which the systemd unit does not restart (RestartPreventExitStatus)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.errors import N_, Err
from kiosk.core.i18n import Translator
from kiosk.services.staff import StaffAccounts
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.keypad import NumericKeypad

EXIT_STAFF = 64  # `kiosk run` exit status when staff closed it on purpose
TAPS, WITHIN_S, CORNER_PX = 5, 4.0, 120


class CornerTaps(QObject):
    """`triggered` after `taps` presses in the window's top-left corner within `within_s`."""

    triggered = Signal()

    def __init__(self, window: QWidget, taps: int = TAPS, within_s: float = WITHIN_S,
                 corner_px: int = CORNER_PX) -> None:
        super().__init__(window)
        self.window = window
        self.taps, self.within = taps, within_s
        self.corner = QRect(0, 0, corner_px, corner_px)
        self._times: list[float] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        point = _press_point(event)
        if point is not None and self.corner.contains(self.window.mapFromGlobal(point)):
            self.tap(time.monotonic())
        return False

    def tap(self, now: float) -> None:
        self._times = [t for t in self._times if now - t <= self.within] + [now]
        if len(self._times) >= self.taps:
            self._times = []
            self.triggered.emit()


def _press_point(event: QEvent) -> QPoint | None:
    if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
        return event.globalPosition().toPoint()
    if event.type() == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
        points = event.points()
        return points[0].globalPosition().toPoint() if points else None
    return None


class StaffExitDialog(QDialog):
    """Tap your name, type your PIN: the window closes for maintenance (audited)."""

    def __init__(self, accounts: StaffAccounts, t: Translator,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.t = t
        self.staff_id: str | None = None
        self.chosen: str | None = None
        self.setWindowTitle(t(N_("Staff exit")))
        self.heading = label(t(N_("Staff only: tap your name, then type your PIN.")), "title")
        self.names = QGridLayout()
        self.name_buttons = {}
        for i, member in enumerate(m for m in accounts.members() if m.active):
            button = big_button(member.name, "tile")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, staff=member.id: self.choose(staff))
            self.names.addWidget(button, i // 3, i % 3)
            self.name_buttons[member.id] = button
        self.keypad = NumericKeypad(8, (8,))
        self.keypad.retranslate(t(N_("Clear")))
        self.pin_dots = label("", "entry", wrap=False)
        self.keypad.changed.connect(lambda text: self.pin_dots.setText("●" * len(text) or " "))
        self.error = label("", "error")
        self.error.hide()
        self.ok_button = big_button(t(N_("Close the kiosk")), "primary")
        self.ok_button.clicked.connect(self.confirm)
        self.cancel_button = big_button(t(N_("Cancel")), "")
        self.cancel_button.clicked.connect(self.reject)
        self._layout()

    def _layout(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addLayout(self.names)
        column.addWidget(self.pin_dots)
        column.addWidget(self.keypad)
        column.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        column.addLayout(row)

    def choose(self, staff_id: str) -> None:
        self.chosen = staff_id
        for member_id, button in self.name_buttons.items():
            button.setChecked(member_id == staff_id)

    def confirm(self) -> None:
        if self.chosen is None:
            self._say(self.t(N_("Tap your name first.")))
            return
        result = self.accounts.exit_app(self.chosen, self.keypad.text())
        self.keypad.clear()
        if isinstance(result, Err):
            self._say("\n".join(e.text(self.t.language) for e in result.errors))
            return
        self.staff_id = self.chosen
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
