"""Staff sign-in: staff id and PIN. Wrong PINs count toward the lock (see kiosk.services.staff)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.errors import N_, Err
from kiosk.core.i18n import Translator
from kiosk.core.staff import StaffMember
from kiosk.services.staff import StaffAccounts
from kiosk.ui.counter.table import action_button
from kiosk.ui.widgets.buttons import label


class LoginPage(QWidget):
    signed_in = Signal(object)  # StaffMember

    def __init__(self, accounts: StaffAccounts, t: Translator,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.t = t
        self.title = label("", "title")
        self.hint = label("", "hint")
        self.staff_id = QLineEdit()
        self.staff_id.setMaxLength(16)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.error = label("", "error")
        self.error.hide()
        self.submit = action_button("primary", self.try_sign_in)
        self.staff_id.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.try_sign_in)
        self.staff_id_label, self.pin_label = label("", "", wrap=False), label("", "", wrap=False)
        self.form = QFormLayout()
        self.form.addRow(self.staff_id_label, self.staff_id)
        self.form.addRow(self.pin_label, self.pin)
        box = QWidget()
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.setSpacing(16)
        inner.addWidget(self.title)
        inner.addWidget(self.hint)
        inner.addLayout(self.form)
        inner.addWidget(self.error)
        inner.addWidget(self.submit)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.retranslate()

    def try_sign_in(self) -> None:
        result = self.accounts.sign_in(self.staff_id.text(), self.pin.text())
        self.pin.clear()
        if isinstance(result, Err):
            self.error.setText("\n".join(e.text(self.t.language) for e in result.errors))
            self.error.show()
            self.pin.setFocus()
            return
        self.clear()
        self.signed_in.emit(result.value)

    def clear(self) -> None:
        self.staff_id.clear()
        self.pin.clear()
        self.error.hide()
        self.staff_id.setFocus()

    def retranslate(self) -> None:
        t = self.t
        self.title.setText(t(N_("Staff sign-in")))
        # one sentence a line: a narrow box wrapped 无人操/作 mid-word
        self.hint.setText(t(N_("Sign in with your staff id and PIN.\nThe console signs you "
                               "out by itself when nobody uses it.")))
        self.staff_id.setPlaceholderText(t(N_("Staff id, e.g. S001")))
        self.pin.setPlaceholderText(t(N_("PIN")))
        self.staff_id_label.setText(t(N_("Staff id")))
        self.pin_label.setText(t(N_("PIN")))
        self.submit.setText(t(N_("Sign in")))


def signed_in_text(member: StaffMember, t: Translator) -> str:
    role = t(N_("supervisor")) if member.is_supervisor else t(N_("clerk"))
    return f"{member.name} ({member.id}, {role})"
