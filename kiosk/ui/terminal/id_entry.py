"""The ID-number step shared by registration, check-in and 我想干: keypad with X and 清空,
checked as typed, the same everywhere."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.core.errors import N_, Err
from kiosk.ui.terminal.base import Session
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.keypad import GROUPS_ID, NumericKeypad

ID_LENGTH = 18


class IdEntry(QWidget):
    """Emits `entered(id_number)` with a valid, normalised number as soon as the 18th
    character makes one (one tap fewer), or when 确定 is tapped; 确定 is always tappable
    and says what is missing or wrong. `auto=False` waits for 确定."""

    entered = Signal(str)

    def __init__(self, session: Session, *, auto: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.auto = auto
        self.prompt = label("", "")
        self.keypad = NumericKeypad(ID_LENGTH, GROUPS_ID, allow_x=True)
        self.message = label("", "error")
        self.message.hide()
        self.confirm = big_button("", "primary")
        self.confirm.setEnabled(False)
        self.confirm.clicked.connect(self._confirm)
        self.keypad.changed.connect(self._typed)
        side = self._side = QVBoxLayout()
        for widget in (self.prompt, self.keypad.display, self.message):
            side.addWidget(widget)
        side.addStretch(1)
        side.addWidget(self.confirm)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(side, 1)
        self._layout.addWidget(self.keypad, 1)
        self._valid = ""

    def add_lead(self, widget: QWidget) -> None:
        """A line above the prompt, beside the keys (not above them: the keys keep the
        height the screen has, in 大字 too)."""
        self._side.insertWidget(0, widget)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Side by side on a landscape screen (keys on the right); stacked in portrait."""
        portrait = self.height() > self.width()
        self._layout.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                  else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    def retranslate(self) -> None:
        t = self.session.t
        self.prompt.setText(t(N_("Enter the 18 characters of your ID card number.")))
        self.keypad.retranslate(t(N_("Clear")))
        self.confirm.setText(t(N_("OK")))
        self._check(self.keypad.text())

    def _check(self, text: str) -> None:
        """Complete numbers are checked at once; a wrong one says why, in words."""
        self._valid = ""
        if len(text) < ID_LENGTH:
            self._show_error("")
        else:
            result = self.session.services.check_id_number(text)
            if isinstance(result, Err):
                self._show_error(self.session.error_text(result.errors[0]))
            else:
                self._valid = result.value
                self._show_error("")
        self.confirm.setEnabled(bool(self._valid) or self.auto)

    def _typed(self, text: str) -> None:
        self._check(text)
        if self.auto and self._valid:
            self.entered.emit(self._valid)

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.keypad.set_invalid(bool(text))

    def _confirm(self) -> None:
        if self._valid:
            self.entered.emit(self._valid)
            return
        result = self.session.services.check_id_number(self.keypad.text())
        if isinstance(result, Err):  # too short, or wrong: say which, in words
            self._show_error(self.session.error_text(result.errors[0]))

    def clear(self) -> None:
        self.keypad.clear()
        self._show_error("")
