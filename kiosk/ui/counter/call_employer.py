"""一键联系用工方: the employer's number in large type for the phone on the desk (a PC
cannot dial), a copy button, 已致电, which records the call on the referral's audit, and
用工方未到 when the call is because the employer did not come to meet the worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import N_, Err, Result
from kiosk.core.i18n import Translator
from kiosk.services.arrivals import EmployerContact
from kiosk.ui.widgets.buttons import label, set_role

Called = Callable[[], "Result[Any]"]


class CallEmployerDialog(QDialog):
    def __init__(self, t: Translator, contact: EmployerContact, called: Called,
                 absent: Called, parent: QWidget) -> None:
        super().__init__(parent)
        self.t, self.contact, self.called, self.absent = t, contact, called, absent
        self.setWindowTitle(t(N_("Call the employer")))
        who = " · ".join(part for part in (contact.display_name, contact.contact_name) if part)
        self.who = label(who, "title")
        self.number = label(_spaced(contact.phone) or t(N_(
            "No phone number here: the employer registered at another hall, and this "
            "terminal is not registered as a staff counter at the city hub.")), "phone")
        self.number.setObjectName("employerPhone")
        self.status = label(t(N_("Dial the number on the desk phone, then tap Called.")), "hint")
        self.copy_button = QPushButton(t(N_("Copy the number")))
        self.copy_button.clicked.connect(self.copy)
        self.called_button = QPushButton(t(N_("Called")))
        set_role(self.called_button, "primary")
        self.called_button.clicked.connect(self.note_call)
        self.absent_button = QPushButton(t(N_("Employer did not come")))
        self.absent_button.clicked.connect(self.note_absent)
        close = QPushButton(t(N_("Close")))
        close.clicked.connect(self.accept)
        for button in (self.copy_button, self.called_button):
            button.setEnabled(bool(contact.phone))
        row = QHBoxLayout()
        for button in (self.copy_button, self.called_button, self.absent_button, close):
            row.addWidget(button)
        box = QVBoxLayout(self)
        for widget in (self.who, self.number, self.status):
            box.addWidget(widget)
        box.addLayout(row)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.contact.phone)
        self.status.setText(self.t(N_("The number is copied.")))

    def note_call(self) -> None:
        if self._said(self.called(), N_("The call is recorded on the referral.")):
            self.called_button.setEnabled(False)

    def note_absent(self) -> None:
        if self._said(self.absent(), N_("The employer's no-show is recorded.")):
            self.absent_button.setEnabled(False)

    def _said(self, result: Result[Any], done: str) -> bool:
        if isinstance(result, Err):
            set_role(self.status, "error")
            self.status.setText("\n".join(e.text(self.t.language) for e in result.errors))
            return False
        set_role(self.status, "ok")
        self.status.setText(self.t(done))
        return True


def _spaced(phone: str) -> str:
    """138 0531 7788: a mobile number in the groups people read aloud."""
    if len(phone) == 11 and phone.isdigit():
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    return phone
