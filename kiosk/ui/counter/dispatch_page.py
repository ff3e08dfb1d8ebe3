"""即时快招: the queue of touchscreen requests (我想干), open jobs, the fit workers of the
chosen job in fair-rotation order with why, and the outcome of each referral."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import formatting
from kiosk.core.errors import N_, Err, Result
from kiosk.core.privacy import mask_phone
from kiosk.core.queue_numbers import queue_label
from kiosk.core.records import JobPost, Referral, ReferralStatus
from kiosk.services import arrivals
from kiosk.services.jobs import JobListing
from kiosk.ui.counter.call_employer import CallEmployerDialog
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.safety_box import stop_warning
from kiosk.ui.counter.table import RowTable, action_button
from kiosk.ui.widgets.buttons import label, set_role

STATUS_NAMES = {
    ReferralStatus.REQUESTED: N_("asked at the touchscreen"),
    ReferralStatus.REFERRED: N_("referred"),
    ReferralStatus.ARRIVED: N_("arrived (slip scanned)"),
    ReferralStatus.HIRED: N_("hired"),
    ReferralStatus.DECLINED: N_("not hired"),
    ReferralStatus.NO_SHOW: N_("worker did not come"),
    ReferralStatus.EMPLOYER_NO_SHOW: N_("employer did not come"),
}


DETAIL_MIN_WIDTH = 360
FIT_SPACING = 2  # the job's four lines, the table and the buttons close together


class DispatchPage(CounterPage):
    TITLE = N_("Same-day hiring")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.job_id: str | None = None
        self.call_dialog: CallEmployerDialog | None = None
        self._warned = ""  # the job whose stop-work warning was shown (tap again to refer)
        self.listings: list[JobListing] = []
        grid = QGridLayout(self)
        grid.addWidget(self._requests_box(), 0, 0)
        grid.addWidget(self._jobs_box(), 1, 0)
        grid.addWidget(self._fit_box(), 0, 1)
        grid.addWidget(self._sent_box(), 1, 1)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 6)
        self.message = label("", "hint")
        grid.addWidget(self.message, 2, 0, 1, 2)
        for table in (self.requests, self.fit, self.sent):
            table.itemSelectionChanged.connect(self._enable_actions)
        self._enable_actions()

    def _enable_actions(self) -> None:
        """Each action only once what it acts on is chosen (it looks disabled till then)."""
        self.accept_button.setEnabled(self.requests.selected_id() is not None)
        self.refer_button.setEnabled(self.fit.selected_id() is not None)
        chosen = self.sent.selected_id() is not None
        for button in (self.hired_button, self.declined_button, self.no_show_button,
                       self.call_button):
            button.setEnabled(chosen)

    # -- building ---------------------------------------------------------------------
    def _requests_box(self) -> QGroupBox:
        self.requests_box = QGroupBox()
        self.requests = RowTable(stretch_column=2)
        self.accept_button = action_button("primary", self.accept_request)
        box = QVBoxLayout(self.requests_box)
        box.addWidget(self.requests)
        box.addWidget(self.accept_button)
        return self.requests_box

    def _jobs_box(self) -> QGroupBox:
        self.jobs_box = QGroupBox()
        self.filter = QLineEdit()
        self.filter.textChanged.connect(lambda _text: self._fill_jobs())
        self.jobs = RowTable(stretch_column=1)
        self.jobs.itemSelectionChanged.connect(self._job_chosen)
        box = QVBoxLayout(self.jobs_box)
        box.addWidget(self.filter)
        box.addWidget(self.jobs)
        return self.jobs_box

    def _fit_box(self) -> QGroupBox:
        self.fit_box = QGroupBox()
        self.job_detail = label("", "")
        # The page's least height is figured at the label's least width: not a sliver
        # (the four lines would wrap into a tall column, and the page would scroll).
        self.job_detail.setMinimumWidth(DETAIL_MIN_WIDTH)
        self.job_detail.setObjectName("jobDetail")  # in small type: four lines, no scroll
        self.fit = RowTable(stretch_column=3)
        self.refer_button = action_button("primary", self.refer)
        # 一键联系: the employer (its contact is the detail's last line) about the referral
        # chosen in 已推荐, beside 推荐 so the page needs no more height
        self.call_button = action_button("", self.call_employer)
        row = QHBoxLayout()
        row.addWidget(self.refer_button, 2)
        row.addWidget(self.call_button, 1)
        box = QVBoxLayout(self.fit_box)
        box.setSpacing(FIT_SPACING)
        margins = box.contentsMargins()
        box.setContentsMargins(margins.left(), FIT_SPACING, margins.right(), FIT_SPACING)
        box.addWidget(self.job_detail)
        box.addWidget(self.fit, 1)
        box.addLayout(row)
        return self.fit_box

    def _sent_box(self) -> QGroupBox:
        self.sent_box = QGroupBox()
        self.sent = RowTable(stretch_column=0)
        self.hired_button = action_button("secondary", lambda: self.confirm(ReferralStatus.HIRED))
        self.declined_button = action_button("", lambda: self.confirm(ReferralStatus.DECLINED))
        self.no_show_button = action_button("", lambda: self.confirm(ReferralStatus.NO_SHOW))
        row = QHBoxLayout()
        for button in (self.hired_button, self.declined_button, self.no_show_button):
            row.addWidget(button)
        box = QVBoxLayout(self.sent_box)
        box.addWidget(self.sent, 1)
        box.addLayout(row)
        return self.sent_box

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        language = self.ctx.t.language
        self.requests.set_rows([
            (r.referral.id, (
                "" if r.referral.queue_no is None else queue_label(
                    r.referral.queue_prefix, r.referral.queue_no),
                r.worker.name if r.worker else self.t(N_("(registered at another hall)")),
                r.job.title,
                self.ctx.services.local_time(r.referral.created_at).strftime("%H:%M")))
            for r in self.ctx.dispatch.requests()])
        self.listings = self.ctx.services.open_jobs(limit=500)
        self._fill_jobs()
        self._fill_job(language)
        self._enable_actions()

    def _fill_jobs(self) -> None:
        language, today = self.ctx.t.language, self.ctx.services.today()
        needle = self.filter.text().strip().lower()
        rows = []
        for listing in self.listings:
            job = listing.job
            trade = self._trade(job)
            if needle and needle not in f"{job.title} {trade} {job.place}".lower():
                continue
            rows.append((job.id, (
                self.t(N_("Urgent")) if job.urgent else "", f"{job.title} · {trade}",
                formatting.starts(job.start_date, job.start_time, today, language),
                formatting.pay(job.pay_cents, job.pay_unit, language),
                str(job.headcount_left))))
        self.jobs.set_rows(rows)

    def _trade(self, job: JobPost) -> str:
        trade = self.ctx.services.catalogue.trade(job.trade)
        return trade.label(self.ctx.t.language) if trade else job.trade

    def _job_chosen(self) -> None:
        self.job_id = self.jobs.selected_id()
        self._fill_job(self.ctx.t.language)

    def show_job(self, job_id: str) -> None:
        """Open a job (a scanned job code, or from another page)."""
        self.job_id = job_id
        self.filter.clear()
        self.refresh()
        self.jobs.select_id(job_id)

    def show_referral(self, referral_id: str) -> bool:
        """Open a referral slip's job with the referral chosen, for its outcome (hired,
        not hired, no-show); False when this hall has no such referral."""
        referral = self.ctx.services.store.referrals.get(referral_id)
        if referral is None:
            return False
        self.show_job(referral.job_id)
        return self.sent.select_id(referral_id)

    def _fill_job(self, language: str) -> None:
        job = None if self.job_id is None else self.ctx.services.store.jobs.get(self.job_id)
        if job is None:
            self.job_detail.setText(self.t(N_("Choose a job on the left to see who fits it.")))
            self.fit.set_rows([])
            self.sent.set_rows([])
            return
        self.job_detail.setText(self._job_text(job, language))
        fit = self.ctx.dispatch.fit_workers(job.id)
        matches = [] if isinstance(fit, Err) else fit.value
        self.fit.set_rows([(m.candidate.worker_id, (
            str(m.rank), m.candidate.name, mask_phone(m.candidate.phone),
            m.why(language))) for m in matches])
        self.sent.set_rows([(r.id, (
            worker.name if worker else self.t(N_("(registered at another hall)")),
            self.t(STATUS_NAMES[r.status]),
            self.ctx.services.local_time(r.updated_at).strftime("%m-%d %H:%M")))
            for r, worker in self.ctx.dispatch.referrals_for_job(job.id)])

    def _job_text(self, job: JobPost, language: str) -> str:
        place = self.t(N_("{left} of {total} places left")).format(
            left=job.headcount_left, total=job.headcount)
        when = formatting.starts(job.start_date, job.start_time, self.ctx.services.today(),
                                 language)
        pay = formatting.pay(job.pay_cents, job.pay_unit, language)
        settle = formatting.settlement(job.settlement, language)
        return (f"{job.title} · {self._trade(job)} · {when}\n{job.place}\n"
                f"{pay} {settle} · {place}\n{self._employer_text(job)}")

    def _employer_text(self, job: JobPost) -> str:
        """用工方 with its contact person and phone (another hall's: only on a terminal
        the city hub registered as a staff counter)."""
        contact = arrivals.employer_contact(self.ctx.services, job)
        if contact is None:
            return self.t(N_("Employer: not known here yet"))
        parts = [contact.display_name, contact.contact_name, contact.phone or self.t(N_(
            "phone not shared with this terminal"))]
        return self.t(N_("Employer: {who}")).format(who=" · ".join(p for p in parts if p))

    # -- acting -----------------------------------------------------------------------
    def accept_request(self) -> None:
        referral_id = self.requests.selected_id()
        if referral_id is None:
            self._say(self.t(N_("Choose a request first.")))
            return
        referral = self.ctx.services.store.referrals.get(referral_id)
        warning = stop_warning(self.ctx, referral.job_id) if referral else ""
        if warning and self._warned != referral_id:  # said once; again refers anyway
            self._warned = referral_id
            self._say(warning, error=True)
            return
        self._warned = ""
        result = self.ctx.dispatch.accept_request(referral_id)
        self._done(result, N_("Referred; the slip is printing."))

    def refer(self) -> None:
        worker_id = self.fit.selected_id()
        if self.job_id is None or worker_id is None:
            self._say(self.t(N_("Choose a worker first.")))
            return
        warning = stop_warning(self.ctx, self.job_id)
        if warning and self._warned != self.job_id:  # said once; a second tap refers anyway
            self._warned = self.job_id
            self._say(warning, error=True)
            return
        self._warned = ""
        result = self.ctx.dispatch.refer(self.job_id, worker_id)
        self._done(result, N_("Referred; the slip is printing."))

    def confirm(self, outcome: ReferralStatus) -> None:
        referral_id = self.sent.selected_id()
        if referral_id is None:
            self._say(self.t(N_("Choose a referral first.")))
            return
        result = self.ctx.dispatch.confirm(referral_id, outcome)
        done = (N_("Hired: one place filled; the slip is printing.")
                if outcome is ReferralStatus.HIRED else N_("Saved."))
        self._done(result, done)

    def call_employer(self) -> None:
        """一键联系: the chosen referral's employer, number in large type, 已致电 audited."""
        referral_id = self.sent.selected_id()
        job = None if self.job_id is None else self.ctx.services.store.jobs.get(self.job_id)
        if referral_id is None or job is None:
            self._say(self.t(N_("Choose a referral first.")))
            return
        contact = arrivals.employer_contact(self.ctx.services, job)
        if contact is None:
            self._say(self.t(N_("Employer: not known here yet")), error=True)
            return
        self.call_dialog = CallEmployerDialog(
            self.ctx.t, contact,
            lambda: arrivals.note_employer_call(self.ctx.services, referral_id),
            lambda: self.employer_absent(referral_id), self)
        self.call_dialog.open()

    def employer_absent(self, referral_id: str) -> Result[Referral]:
        """用工方未到 (from the call dialog: staff call the employer who did not come)."""
        result = arrivals.record_employer_no_show(self.ctx.services, referral_id)
        self._done(result, N_("The employer's no-show is recorded."))
        return result

    def _done(self, result: object, ok_message: str) -> None:
        if isinstance(result, Err):
            self._say(self.ctx.errors(result), error=True)
            return
        self._say(self.t(ok_message))
        self.refresh()

    def _say(self, text: str, *, error: bool = False) -> None:
        set_role(self.message, "error" if error else "ok")
        self.message.setText(text)

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.requests_box.setTitle(t(N_("Requests from the touchscreen (I want this job)")))
        self.requests.set_headers([t(N_("No.")), t(N_("Worker")), t(N_("Job")), t(N_("Time"))])
        self.accept_button.setText(t(N_("Take the request: refer and print the slip")))
        self.jobs_box.setTitle(t(N_("Open jobs")))
        self.filter.setPlaceholderText(t(N_("Filter by title, trade or place")))
        self.jobs.set_headers([t(N_("Urgent")), t(N_("Job")), t(N_("Starts")), t(N_("Pay")),
                               t(N_("Places left"))])
        self.fit_box.setTitle(t(N_("Who fits (fair rotation; priority for hardship)")))
        self.fit.set_headers([t(N_("Rank")), t(N_("Worker")), t(N_("Phone")), t(N_("Why"))])
        self.refer_button.setText(t(N_("Refer the chosen worker")))
        self.sent_box.setTitle(t(N_("Sent to this job")))
        self.sent.set_headers([t(N_("Worker")), t(N_("Status")), t(N_("Updated"))])
        self.hired_button.setText(t(N_("Hired")))
        self.declined_button.setText(t(N_("Not hired")))
        self.no_show_button.setText(t(N_("Worker did not come")))
        self.call_button.setText(t(N_("Call the employer")))
        self.refresh()

