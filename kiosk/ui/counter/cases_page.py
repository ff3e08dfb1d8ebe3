"""A complaint's casework (S8): the hall's complaints, the chosen one's details and steps,
and the next step — taken up, a mediation (who, when, what came of it, the sum
recovered), a hand-off to 劳动保障监察 with its printed sheet, resolved or closed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import casework as rules
from kiosk.core import formatting
from kiosk.core.drafts import CaseStepDraft
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.privacy import mask_phone
from kiosk.core.records import CaseAction, Complaint
from kiosk.services import casework
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import DateField, FitCombo, Form, say
from kiosk.ui.counter.table import RowTable, action_button
from kiosk.ui.widgets.buttons import label

STEPS_HEIGHT = 150


class CasesPage(CounterPage):
    TITLE = N_("Cases")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.errors: tuple[FieldError, ...] = ()
        self.done = ""  # what the last step did, until another row is chosen
        row = QHBoxLayout(self)
        row.addWidget(self._list_box(), 5)
        row.addWidget(self._case_box(), 6)

    # -- building ---------------------------------------------------------------------
    def _list_box(self) -> QGroupBox:
        self.list_box = QGroupBox()
        box = QVBoxLayout(self.list_box)
        self.open_only = QCheckBox()
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.table = RowTable(stretch_column=2)
        self.table.itemSelectionChanged.connect(self._chosen)
        box.addWidget(self.open_only)
        box.addWidget(self.table)
        return self.list_box

    def _case_box(self) -> QGroupBox:
        self.case_box = QGroupBox()
        box = QVBoxLayout(self.case_box)
        self.summary = label("", "")
        self.steps = RowTable(stretch_column=3)
        self.steps.setMaximumHeight(STEPS_HEIGHT)
        box.addWidget(self.summary)
        box.addWidget(self.steps)
        box.addWidget(self._step_form())
        self.message = label("", "hint")
        box.addWidget(self.message)
        box.addStretch(1)
        return self.case_box

    def _step_form(self) -> QWidget:
        self.step_box = QWidget()
        self.form = Form()
        self.action = self.form.add("action", FitCombo())
        self.action.currentIndexChanged.connect(lambda _i: self._action_changed())
        self.happened_on = self.form.add("happened_on", DateField(self.ctx.services.today))
        self.party = self.form.add("party", QLineEdit())
        self.outcome = self.form.add("outcome", QLineEdit())
        self.recovered = self.form.add("recovered", QLineEdit())
        self.print_sheet = QCheckBox()
        self.print_sheet.setChecked(True)
        self.save = action_button("primary", self.add_step)
        box = QVBoxLayout(self.step_box)
        box.setContentsMargins(0, 0, 0, 0)
        for widget in (self.form, self.print_sheet, self.save):
            box.addWidget(widget)
        return self.step_box

    # -- the chosen complaint ----------------------------------------------------------
    def chosen(self) -> Complaint | None:
        chosen_id = self.table.selected_id()
        return None if chosen_id is None else self.ctx.services.store.complaints.get(chosen_id)

    def _chosen(self) -> None:
        self.errors = ()
        self.done = ""
        self.form.clear_errors()
        self.happened_on.set_value(self.ctx.services.today())  # most steps are today's
        self._show_case()

    def _show_case(self) -> None:
        complaint = self.chosen()
        self.step_box.setVisible(complaint is not None and complaint.status in rules.OPEN)
        if complaint is None:
            self.summary.setText(self.t(N_("Choose a complaint in the list.")))
            self.steps.set_rows([])
            self._say_done()
            return
        self.summary.setText(self._summary(complaint))
        self.steps.set_rows([(s.id, (
            f"{s.happened_on:%Y-%m-%d}", self.t(rules.ACTION_NAMES[s.action]), s.party,
            s.outcome, "" if s.recovered_cents is None else formatting.yuan(s.recovered_cents),
            s.staff_id)) for s in casework.case_steps(self.ctx.services, complaint.id)])
        self._fill_actions(complaint)
        self._say_done()

    def _say_done(self) -> None:
        if self.done:
            say(self.message, self.done)
        elif not self.errors:
            self.message.clear()

    def _summary(self, c: Complaint) -> str:
        t = self.t
        owed = "—" if c.amount_cents is None else formatting.yuan(c.amount_cents)
        lines = (
            f"{c.number}  ·  {t(rules.KIND_NAMES[c.kind])}  ·  "
            f"{t(rules.STATUS_NAMES[c.status])}",
            f"{t(N_('Complainant'))}: {c.complainant_name}  {mask_phone(c.phone)}",
            f"{t(N_('Employer'))}: {c.employer_name}",
            f"{t(N_('Amount owed'))}: {owed}  ·  {t(N_('Recovered so far'))}: "
            f"{formatting.yuan(c.recovered_cents)}",
        )
        return "\n".join(lines)

    def _fill_actions(self, complaint: Complaint) -> None:
        keep = self.action.currentData()
        self.action.blockSignals(True)
        self.action.clear()
        for action in rules.allowed_actions(complaint.status):
            self.action.addItem(self.t(rules.ACTION_NAMES[action]), action.value)
        found = self.action.findData(keep)
        self.action.setCurrentIndex(max(found, 0))
        self.action.blockSignals(False)
        self._action_changed()

    def _action_changed(self) -> None:
        refer = self.action.currentData() == CaseAction.REFER.value
        self.print_sheet.setVisible(refer)
        self.form.caption("party", self.t(N_("Handed to") if refer else N_("Who took part")))

    # -- acting -----------------------------------------------------------------------
    def draft(self) -> CaseStepDraft:
        return CaseStepDraft(
            action=str(self.action.currentData() or ""), happened_on=self.happened_on.value(),
            party=self.party.text(), outcome=self.outcome.text(),
            recovered=self.recovered.text())

    def add_step(self) -> None:
        """Record the step for the chosen complaint; every bad field says why."""
        complaint = self.chosen()
        if complaint is None:
            return
        result = self.ctx.services.add_case_step(
            complaint.id, self.draft(),
            print_handoff=self.print_sheet.isChecked() and self.print_sheet.isVisible())
        if isinstance(result, Err):
            self.errors = result.errors
            self._show_errors()
            return
        self.errors = ()
        self.form.clear_errors()
        moved, step = result.value
        self.done = self._done_text(moved, step.action)
        for field in (self.party, self.outcome, self.recovered):
            field.clear()
        done = self.done
        self.refresh()
        self.table.select_id(moved.id)  # gone from the list when it is finished
        self.done = done
        self._show_case()

    def _done_text(self, moved: Complaint, action: CaseAction) -> str:
        text = self.t(N_("Saved: the complaint is now {status}.")).format(
            status=self.t(rules.STATUS_NAMES[moved.status]))
        if action is CaseAction.REFER and self.print_sheet.isChecked():
            text += " " + self.t(N_("The hand-off sheet is printing."))
        return text

    def _show_errors(self) -> None:
        left = self.form.show_errors(self.errors, self.ctx.t.language)
        say(self.message, "\n".join([self.t(N_("Please correct the marked fields.")), *left]),
            error=True)

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        services = self.ctx.services
        self.table.set_rows([(c.id, (
            c.number, services.local_time(c.created_at).strftime("%Y-%m-%d"),
            c.employer_name, self.t(rules.KIND_NAMES[c.kind]),
            self.t(rules.STATUS_NAMES[c.status]),
        )) for c in casework.recent_complaints(services, open_only=self.open_only.isChecked())])
        self._show_case()

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.list_box.setTitle(t(N_("This hall's complaints")))
        self.open_only.setText(t(N_("Only those not finished")))
        self.table.set_headers([t(N_("Complaint number")), t(N_("Date")), t(N_("Employer")),
                                t(N_("Type of dispute")), t(N_("Status"))])
        self.case_box.setTitle(t(N_("The complaint and its steps")))
        self.steps.set_headers([t(N_("Date")), t(N_("Step")), t(N_("Who took part")),
                                t(N_("Outcome")), t(N_("Recovered")), t(N_("Staff"))])
        for name, caption in (("action", N_("Next step")), ("happened_on", N_("Date")),
                              ("outcome", N_("Outcome")),
                              ("recovered", N_("Recovered (yuan)"))):
            self.form.caption(name, t(caption))
        self.party.setPlaceholderText(t(N_("e.g. the employer's site manager Mr Zhang")))
        self.outcome.setPlaceholderText(t(N_("What was agreed or decided")))
        self.recovered.setPlaceholderText(t(N_("optional")))
        self.print_sheet.setText(t(N_("Print the hand-off sheet for labour inspection")))
        self.save.setText(t(N_("Save the step")))
        if self.errors:
            self._show_errors()
        self.refresh()
