"""Complaints and disputes (S8): the form (wage arrears, injury, deposit or ID withheld,
unpaid overtime, other), the printed receipt with the complaint number and hotline, and the
hall's recent complaints. Their casework is the next tab (cases_page)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import formatting
from kiosk.core.casework import KIND_NAMES
from kiosk.core.drafts import ComplaintDraft
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.privacy import mask_phone
from kiosk.core.records import Complaint, ComplaintKind, Worker
from kiosk.services import casework
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import DateField, FitCombo, Form, say
from kiosk.ui.counter.table import action_button, table_box
from kiosk.ui.widgets.buttons import label

DESCRIPTION_HEIGHT = 110


class ComplaintsPage(CounterPage):
    TITLE = N_("Complaint")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.errors: tuple[FieldError, ...] = ()  # of the last try, shown until it is filed
        row = QHBoxLayout(self)
        row.addWidget(self._form_box(), 5)
        row.addWidget(self._list_box(), 6)

    # -- building ---------------------------------------------------------------------
    def _form_box(self) -> QGroupBox:
        self.form_box = QGroupBox()
        self.form = Form()
        self.form.add("worker", self._worker_row())
        self.kind = self.form.add("kind", FitCombo())
        for kind in ComplaintKind:
            self.kind.addItem("", kind.value)
        self.name = self.form.add("complainant_name", QLineEdit())
        self.phone = self.form.add("phone", QLineEdit())
        self.employer = self.form.add("employer_name", QLineEdit())
        self.amount = self.form.add("amount", QLineEdit())
        self.form.add("period", self._period_row())
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(DESCRIPTION_HEIGHT)
        self.form.add("description", self.description)
        self.submit = action_button("primary", self.file)
        self.message = label("", "hint")
        box = QVBoxLayout(self.form_box)
        box.addWidget(self.form)
        box.addWidget(self.submit)
        box.addWidget(self.message)
        box.addWidget(self._receipt_box())
        box.addStretch(1)
        return self.form_box

    def _worker_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.worker_search = QLineEdit()
        self.worker_search.returnPressed.connect(self.find_worker)
        self.find_button = QPushButton()
        self.find_button.clicked.connect(self.find_worker)
        self.worker_choice = FitCombo()
        self.worker_choice.setMinimumWidth(200)
        self.worker_choice.activated.connect(lambda _index: self._worker_chosen())
        layout.addWidget(self.worker_search, 2)
        layout.addWidget(self.find_button)
        layout.addWidget(self.worker_choice, 3)
        return row

    def _period_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.period_from = DateField(self.ctx.services.today)
        self.period_to = DateField(self.ctx.services.today)
        self.period_dash = label("", "", wrap=False)
        layout.addWidget(self.period_from)
        layout.addWidget(self.period_dash)
        layout.addWidget(self.period_to)
        layout.addStretch(1)
        return row

    def _receipt_box(self) -> QWidget:
        self.receipt = QWidget()
        box = QVBoxLayout(self.receipt)
        box.setContentsMargins(0, 8, 0, 0)
        self.receipt_caption = label("", "hint")
        self.number = label("", "figure", wrap=False)
        self.receipt_note = label("", "ok")
        for widget in (self.receipt_caption, self.number, self.receipt_note):
            box.addWidget(widget)
        self.receipt.hide()
        return self.receipt

    def _list_box(self) -> QGroupBox:
        self.list_box, self.recent = table_box(stretch_column=1)
        return self.list_box

    # -- the worker (optional) --------------------------------------------------------
    def find_worker(self) -> None:
        found = casework.find_workers(self.ctx.services, self.worker_search.text())
        self._fill_workers(found)
        if not found:
            say(self.message, self.t(N_("No registered worker has this phone number or name.")),
                error=True)
            return
        say(self.message, self.t(N_("Choose the worker in the list.")))
        if len(found) == 1:
            self.worker_choice.setCurrentIndex(1)
            self._worker_chosen()

    def _fill_workers(self, found: list[Worker]) -> None:
        self.worker_choice.clear()
        self.worker_choice.addItem(self.t(N_("Not linked")), None)
        for worker in found:
            self.worker_choice.addItem(f"{worker.name}  {mask_phone(worker.phone)}", worker)

    def _worker_chosen(self) -> None:
        worker = self.worker_choice.currentData()
        if worker is None:
            return
        self.name.setText(worker.name)
        self.phone.setText(worker.phone)

    def _worker_id(self) -> str | None:
        worker = self.worker_choice.currentData()
        return None if worker is None else str(worker.id)

    # -- acting -----------------------------------------------------------------------
    def draft(self) -> ComplaintDraft:
        return ComplaintDraft(
            complainant_name=self.name.text(), phone=self.phone.text(),
            employer_name=self.employer.text(), amount=self.amount.text(),
            period_from=self.period_from.value(), period_to=self.period_to.value(),
            description=self.description.toPlainText(), worker_id=self._worker_id(),
            kind=str(self.kind.currentData()))

    def file(self) -> None:
        """File the complaint and queue its receipt; every bad field says why."""
        result = self.ctx.services.file_complaint(self.draft(), print_receipt=True)
        if isinstance(result, Err):
            self.errors = result.errors
            self._show_errors()
            return
        self.errors = ()
        self.form.clear_errors()
        self._show_receipt(result.value)
        self.clear()
        self.refresh()

    def _show_errors(self) -> None:
        left = self.form.show_errors(self.errors, self.ctx.t.language)
        text = "\n".join([self.t(N_("Please correct the marked fields.")), *left])
        say(self.message, text, error=True)

    def _show_receipt(self, complaint: Complaint) -> None:
        self.number.setText(complaint.number)
        self.receipt.show()
        self._said_filed()

    def _said_filed(self) -> None:
        self._receipt_texts()
        say(self.message, self.t(N_("The complaint is filed and will be sent to the city.")))

    def _receipt_texts(self) -> None:
        self.receipt_caption.setText(self.t(N_("Complaint number")))
        self.receipt_note.setText(self.t(N_(
            "The receipt is printing: give it to the complainant. With this number they "
            "can see how the complaint is going at the touchscreen or ask at the counter.")))

    def clear(self) -> None:
        for field in (self.worker_search, self.name, self.phone, self.employer, self.amount):
            field.clear()
        self.description.clear()
        self.kind.setCurrentIndex(0)
        self.period_from.set_value(None)
        self.period_to.set_value(None)
        self._fill_workers([])

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        services = self.ctx.services
        self.recent.set_rows([(c.id, (
            c.number,  # it begins with the day it was filed
            c.employer_name,
            self.t(KIND_NAMES[c.kind]) if c.amount_cents is None  # the sum under its kind
            else f"{self.t(KIND_NAMES[c.kind])}\n{formatting.yuan(c.amount_cents)}",
            self.t(casework.COMPLAINT_STATUS_NAMES[c.status]),
        )) for c in casework.recent_complaints(services)])

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.form_box.setTitle(t(N_("File a complaint or dispute")))
        for i, kind in enumerate(ComplaintKind):
            self.kind.setItemText(i, t(KIND_NAMES[kind]))
        for name, caption in (
                ("worker", N_("Registered worker (optional)")),
                ("kind", N_("Type of dispute")),
                ("complainant_name", N_("Complainant")),
                ("phone", N_("Phone")),
                ("employer_name", N_("Employer")),
                ("amount", N_("Amount owed (yuan)")),
                ("period", N_("When it happened")),
                ("description", N_("What happened"))):
            self.form.caption(name, t(caption))
        self.worker_search.setPlaceholderText(t(N_("Phone or name")))
        self.find_button.setText(t(N_("Find")))
        if self.worker_choice.count() == 0:
            self._fill_workers([])
        else:
            self.worker_choice.setItemText(0, t(N_("Not linked")))
        self.employer.setPlaceholderText(t(N_("Company or person the dispute is with")))
        self.amount.setPlaceholderText(t(N_("e.g. 3200 (optional for an injury or an ID)")))
        self.period_dash.setText(t(N_("to")))
        self.description.setPlaceholderText(t(N_(
            "What happened, where, and what the employer said")))
        self.submit.setText(t(N_("File the complaint and print the receipt")))
        if self.errors:
            self._show_errors()
        elif not self.receipt.isHidden():
            self._said_filed()
        else:
            self.message.clear()
        self.list_box.setTitle(t(N_("Recent complaints")))
        self.recent.set_headers([t(N_("Complaint number")), t(N_("Employer")),
                                 t(N_("Type of dispute")), t(N_("Status"))])
        self.refresh()
