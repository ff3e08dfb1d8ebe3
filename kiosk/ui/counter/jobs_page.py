"""岗位管理: this hall's jobs over their life. Choose one to edit it (in 招工登记), cancel it
with a reason, mark it filled, re-open it, extend it to a later last day, or record that
the employer did not come. Each is audited and reaches the other halls' boards through the
city; another hall's job is only listed in 即时快招, never changed here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core import formatting
from kiosk.core.errors import N_, Err, Result
from kiosk.core.job_window import listed_until
from kiosk.core.records import JobPost, JobStatus
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import DateField, say
from kiosk.ui.counter.table import action_button, table_box
from kiosk.ui.widgets.buttons import label

STATUS_NAMES = {JobStatus.OPEN: N_("Open"), JobStatus.FILLED: N_("Filled"),
                JobStatus.CLOSED: N_("Cancelled"), JobStatus.EXPIRED: N_("Ended")}


class JobsPage(CounterPage):
    TITLE = N_("Jobs")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        column = QVBoxLayout(self)
        column.addWidget(self._list_box(), 1)
        column.addWidget(self._actions_box())
        self._chosen_changed()

    # -- building ---------------------------------------------------------------------
    def _list_box(self) -> QGroupBox:
        self.list_box, self.jobs = table_box(stretch_column=0)
        self.jobs.itemSelectionChanged.connect(self._chosen_changed)
        return self.list_box

    def _actions_box(self) -> QGroupBox:
        self.actions_box = QGroupBox()
        self.chosen = label("", "hint")
        self.edit_button = action_button("secondary", self.edit_chosen)
        self.fill_button = action_button("", self._act(lambda s, i: s.fill_job(i),
                                                      N_("Marked filled: off the board.")))
        self.reopen_button = action_button("", self._act(
            lambda s, i: s.reopen_job(i), N_("Re-opened: the job is on the board again.")))
        self.no_show_button = action_button("", self._act(
            lambda s, i: s.record_employer_no_show(i), N_("The employer's no-show is recorded.")))
        self.reason = QLineEdit()
        self.cancel_button = action_button("", self._act(
            lambda s, i: s.cancel_job(i, self.reason.text()),
            N_("Cancelled: the job leaves the board here and, after syncing, everywhere.")))
        self.end_date = DateField(self.ctx.services.today)
        self.extend_button = action_button("", self.extend_chosen)
        self.message = label("", "hint")
        first, second = QHBoxLayout(), QHBoxLayout()
        for button in (self.edit_button, self.fill_button, self.reopen_button,
                       self.no_show_button):
            first.addWidget(button)
        first.addStretch(1)
        second.addWidget(self.reason, 2)
        second.addWidget(self.cancel_button)
        second.addSpacing(24)
        second.addWidget(self.end_date)
        second.addWidget(self.extend_button)
        box = QVBoxLayout(self.actions_box)
        box.addWidget(self.chosen)
        box.addLayout(first)
        box.addLayout(second)
        box.addWidget(self.message)
        return self.actions_box

    # -- acting -----------------------------------------------------------------------
    def _act(self, action: Callable[..., Result[JobPost]], done: str) -> Callable[[], None]:
        def run() -> None:
            chosen = self.jobs.selected_id()
            if chosen is not None:
                self._done(action(self.ctx.services, chosen), done)
        return run

    def extend_chosen(self) -> None:
        chosen, day = self.jobs.selected_id(), self.end_date.value()
        if chosen is None:
            return
        if day is None:
            say(self.message, self.t(N_("Please choose the new last working day.")),
                error=True)
            return
        self._done(self.ctx.services.extend_job(chosen, day),
                   N_("Extended: the job stays on the board until its new last day."))

    def edit_chosen(self) -> None:
        chosen = self.jobs.selected_id()
        if chosen is not None:
            self.edit_job.emit(chosen)

    def _done(self, result: Result[JobPost], done: str) -> None:
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return
        say(self.message, self.t(done))
        self.reason.clear()
        self.refresh()

    def _chosen_changed(self) -> None:
        """The actions the chosen job's state allows."""
        chosen = self.jobs.selected_id()
        job = None if chosen is None else self.ctx.services.store.jobs.get(chosen)
        is_open = job is not None and job.status is JobStatus.OPEN
        for button in (self.fill_button, self.cancel_button):
            button.setEnabled(is_open)
        self.reopen_button.setEnabled(job is not None and not is_open)
        for button in (self.edit_button, self.no_show_button):
            button.setEnabled(job is not None)
        self.extend_button.setEnabled(job is not None and job.status in (
            JobStatus.OPEN, JobStatus.EXPIRED))
        self.chosen.setText("" if job is None else self._about(job))

    def _about(self, job: JobPost) -> str:
        parts = [job.title]
        if job.close_reason:
            parts.append(self.t(N_("Reason: {reason}")).format(reason=job.close_reason))
        if job.employer_no_shows:
            parts.append(self.t(N_("Employer no-shows: {count}")).format(
                count=job.employer_no_shows))
        return " · ".join(parts)

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        language = self.ctx.t.language
        catalogue = self.ctx.services.catalogue
        rows, rule = [], self.ctx.services.settings.listing
        for job in self.ctx.services.hall_jobs():
            trade = catalogue.trade(job.trade)
            rows.append((job.id, (
                job.title, trade.label(language) if trade else job.trade,
                f"{job.start_date.isoformat()} – {listed_until(job, rule).isoformat()}",
                f"{job.headcount_filled}/{job.headcount}",
                self.t(STATUS_NAMES[job.status]),
                formatting.pay(job.pay_cents, job.pay_unit, language))))
        self.jobs.set_rows(rows)
        self._chosen_changed()

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.list_box.setTitle(t(N_("This hall's jobs")))
        self.actions_box.setTitle(t(N_("The chosen job")))
        self.jobs.set_headers([t(N_("Job title")), t(N_("Trade")), t(N_("Listed")),
                               t(N_("Hired")), t(N_("Status")), t(N_("Pay"))])
        self.edit_button.setText(t(N_("Edit")))
        self.fill_button.setText(t(N_("Mark filled")))
        self.reopen_button.setText(t(N_("Re-open")))
        self.no_show_button.setText(t(N_("Employer did not come")))
        self.reason.setPlaceholderText(t(N_("Why it is cancelled (required)")))
        self.cancel_button.setText(t(N_("Cancel the job")))
        self.extend_button.setText(t(N_("Extend to this day")))
        self.message.clear()
        self.refresh()
