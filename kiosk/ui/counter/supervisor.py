"""A supervisor's id and PIN approve what a clerk may not do alone (a post the check
blocked, erasing a worker's data): the dialog runs the approved action with them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from kiosk.core.errors import N_, Err, Result
from kiosk.core.i18n import Translator
from kiosk.ui.widgets.buttons import label

# The action, given the supervisor's staff id and PIN: the approver's id, or why not (an
# Err is shown and the dialog stays open).
Approved = Callable[[str, str], Result[str]]


class SupervisorDialog(QDialog):
    def __init__(self, t: Translator, explanation: str, act: Approved,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.t = t
        self.act = act
        self.supervisor_id: str | None = None
        self.setWindowTitle(t(N_("Supervisor approval")))
        self.staff_id = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = label("", "error")
        self.error.hide()
        form = QFormLayout(self)
        form.addRow(label(t(explanation), ""))
        form.addRow(t(N_("Supervisor's staff id")), self.staff_id)
        form.addRow(t(N_("PIN")), self.pin)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.approve)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def approve(self) -> None:
        result = self.act(self.staff_id.text(), self.pin.text())
        self.pin.clear()
        if isinstance(result, Err):
            self.error.setText("\n".join(e.text(self.t.language) for e in result.errors))
            self.error.show()
            return
        self.supervisor_id = result.value
        self.accept()
