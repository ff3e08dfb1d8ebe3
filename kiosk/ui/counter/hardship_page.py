"""Hardship follow-up (S6): the workers flagged as hardship cases (long wait, low-income
family, disability, older) with their "131" progress — 1 career guidance, 3 job
recommendations, 1 training — least progress first, then the longest wait; one tap
records guidance or a recommendation (which can name one of the worker's fit jobs); training
counts from the attendance staff record on the training page, and training ticked before
that shows as unverified, not counted."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import formatting
from kiosk.core.errors import N_, Err
from kiosk.core.i18n import Translator
from kiosk.core.matching import HARDSHIP_LABELS, Hardship, JobMatch
from kiosk.core.records import JobPost, ServiceKind
from kiosk.services import desk
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import say
from kiosk.ui.counter.table import RowTable, action_button
from kiosk.ui.widgets.buttons import label

SERVICE_NAMES = {
    ServiceKind.GUIDANCE: N_("Career guidance"),
    ServiceKind.RECOMMENDATION: N_("Job recommendations"),
    ServiceKind.TRAINING: N_("Training"),
}
RECORD_TEXTS = {
    ServiceKind.GUIDANCE: N_("Record career guidance"),
    ServiceKind.RECOMMENDATION: N_("Record a job recommendation"),
}  # training is not ticked: it counts from the attendance recorded on the training page
TRAINING_FROM_ATTENDANCE = N_("Training counts from the attendance recorded on the Training "
                              "page.")
DONE = N_("131 done")
TRADES_COLUMN = 1
# The table's narrow headers, read with their cells: 指导 0/1, 推荐 1/3, 培训 0/1.
COLUMN_NAMES = {
    ServiceKind.GUIDANCE: N_("Guidance"),
    ServiceKind.RECOMMENDATION: N_("Recommended"),
    ServiceKind.TRAINING: N_("Trained"),
}


def flags_text(flags: Iterable[Hardship], t: Translator) -> str:
    return t(N_(", ")).join(t(HARDSHIP_LABELS[h]) for h in flags)


def count_text(progress: desk.Progress, kind: ServiceKind) -> str:
    """1/3: done of the target (more than the target shows as done)."""
    return f"{progress.count(kind)}/{desk.TARGETS[kind]}"


def progress_text(progress: desk.Progress, t: Translator) -> str:
    parts = [f"{t(SERVICE_NAMES[kind])} {count_text(progress, kind)}" for kind in desk.TARGETS]
    if progress.legacy_training:
        parts.append(t(N_("(training ticked before courses were recorded: {count}, "
                          "unverified, not counted)")).format(count=progress.legacy_training))
    if progress.complete:
        parts.append("✓ " + t(DONE))
    return "   ".join(parts)


def trades_text(ctx: CounterContext, codes: Iterable[str]) -> str:
    language, catalogue = ctx.t.language, ctx.services.catalogue
    return ctx.t(N_(", ")).join(
        trade.label(language) if (trade := catalogue.trade(code)) else code for code in codes)


def who_text(case: desk.HardshipCase, t: Translator) -> str:
    """What tells two workers of one name apart: the masked phone and the age."""
    age = t(N_("{age} years old")).format(age=case.age)
    return f"{case.phone_masked} · {age}" if case.phone_masked else age


def job_cells(ctx: CounterContext, job: JobPost) -> tuple[str, str, str, str]:
    """Job (title · trade), when it starts, pay and places left, as the counter lists them."""
    language = ctx.t.language
    trade = ctx.services.catalogue.trade(job.trade)
    name = trade.label(language) if trade else job.trade
    return (f"{job.title} · {name}",
            formatting.starts(job.start_date, job.start_time, ctx.services.today(), language),
            formatting.pay(job.pay_cents, job.pay_unit, language), str(job.headcount_left))


def fit_jobs(ctx: CounterContext, worker_id: str | None) -> list[JobMatch]:
    if worker_id is None:
        return []
    found = ctx.dispatch.fit_jobs(worker_id)
    return [] if isinstance(found, Err) else found.value


class ServiceBox(QGroupBox):
    """A worker's "131" progress and one tap to record each service (audited)."""

    recorded = Signal(str)  # the worker's id

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None, *,
                 columns: int = 3) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker_id: str | None = None
        self.progress = desk.Progress()
        self.targets = label("", "hint")
        self.summary = label("", "")
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.buttons: dict[ServiceKind, QPushButton] = {}
        row = QGridLayout()  # the buttons `columns` a row
        for i, kind in enumerate(RECORD_TEXTS):
            button = action_button("secondary", functools.partial(self.record, kind))
            self.buttons[kind] = button
            row.addWidget(button, *divmod(i, columns))
        self.message = label("", "hint")
        self.training_note = label("", "hint")
        box = QVBoxLayout(self)
        box.addWidget(self.targets)
        box.addWidget(self.summary)
        box.addWidget(self.training_note)
        box.addWidget(self.note)
        box.addLayout(row)
        box.addWidget(self.message)
        self.set_worker(None)

    def set_worker(self, worker_id: str | None) -> None:
        if worker_id != self.worker_id:
            self.message.clear()
        self.worker_id = worker_id
        self.progress = (desk.Progress() if worker_id is None
                         else desk.progress_of(self.ctx.services, worker_id))
        for button in self.buttons.values():
            button.setEnabled(worker_id is not None)
        self.note.setEnabled(worker_id is not None)
        self._show_progress()

    def record(self, kind: ServiceKind, job: JobPost | None = None) -> bool:
        """Record one service for the worker shown; a recommendation may name a job."""
        if self.worker_id is None:
            say(self.message, self.ctx.t(N_("Choose a worker first.")), error=True)
            return False
        note = self.note.text() or ("" if job is None else job.title)
        result = desk.record_131(self.ctx.services, self.worker_id, kind, note,
                                 None if job is None else job.id)
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return False
        self.note.clear()
        self.set_worker(self.worker_id)
        say(self.message, self.ctx.t(N_("Recorded: {service}.")).format(
            service=self.ctx.t(SERVICE_NAMES[kind])))
        self.recorded.emit(self.worker_id)
        return True

    def _show_progress(self) -> None:
        t = self.ctx.t
        self.summary.setText(progress_text(self.progress, t) if self.worker_id else
                             t(N_("Choose a worker to see and record their 131 services.")))

    def retranslate(self) -> None:
        t = self.ctx.t
        self.setTitle(t(N_('"131" services')))
        self.targets.setText(t(N_("1 career guidance, 3 job recommendations, 1 training")))
        self.note.setPlaceholderText(t(N_("Note (optional), e.g. what was discussed")))
        self.training_note.setText(t(TRAINING_FROM_ATTENDANCE))
        for kind, button in self.buttons.items():
            button.setText(t(RECORD_TEXTS[kind]))
        self._show_progress()


class HardshipPage(CounterPage):
    TITLE = N_("Hardship 131")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.cases: dict[str, desk.HardshipCase] = {}
        self.jobs: dict[str, JobPost] = {}
        column = QVBoxLayout(self)
        column.addWidget(self._cases_box(), 1)
        column.addLayout(self._worker_row())

    # -- building ---------------------------------------------------------------------
    def _cases_box(self) -> QGroupBox:
        self.cases_box = QGroupBox()
        self.cases_hint = label("", "hint")
        self.table = RowTable(stretch_column=TRADES_COLUMN, also_wrap=(TRADES_COLUMN + 1,))
        self.table.itemSelectionChanged.connect(self._case_chosen)
        box = QVBoxLayout(self.cases_box)
        box.addWidget(self.cases_hint)
        box.addWidget(self.table, 1)
        return self.cases_box

    def _worker_row(self) -> QHBoxLayout:
        """The chosen worker under the list: who, their "131" services, their fit jobs."""
        self.who = label("", "title")
        self.who_flags = label("", "")
        self.services_box = ServiceBox(self.ctx, columns=2)  # beside the fit jobs
        self.services_box.recorded.connect(lambda _worker_id: self.refresh())
        self.jobs_box = QGroupBox()
        self.fit = RowTable(stretch_column=0)
        self.recommend_button = action_button("primary", self.recommend_job)
        self.desk_button = action_button("", self._open_at_desk)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recommend_button, 1)
        buttons.addWidget(self.desk_button)
        jobs = QVBoxLayout(self.jobs_box)
        jobs.addWidget(self.fit, 1)
        jobs.addLayout(buttons)
        column = QVBoxLayout()
        column.addWidget(self.who)
        column.addWidget(self.who_flags)
        column.addWidget(self.services_box, 1)
        row = QHBoxLayout()
        row.addLayout(column, 5)
        row.addWidget(self.jobs_box, 6)
        return row

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        cases = desk.hardship_cases(self.ctx.services)
        self.cases = {c.worker_id: c for c in cases}
        self.table.set_rows([(c.worker_id, self._cells(c)) for c in cases])
        self._show_worker(self.table.selected_id())

    def _cells(self, c: desk.HardshipCase) -> tuple[str, ...]:
        t = self.ctx.t
        done = "✓" if c.progress.complete else ""
        return (f"{c.name}\n{who_text(c, t)}", trades_text(self.ctx, c.trades),
                flags_text(c.hardships, t),
                *(count_text(c.progress, kind) for kind in desk.TARGETS),
                str(c.days_waiting), done)

    def _case_chosen(self) -> None:
        self._show_worker(self.table.selected_id())

    def show_worker(self, worker_id: str) -> None:
        """Choose a worker (from another page), when they are in the list."""
        self.refresh()
        if self.table.select_id(worker_id):
            self._show_worker(worker_id)

    def _show_worker(self, worker_id: str | None) -> None:
        case = None if worker_id is None else self.cases.get(worker_id)
        self.services_box.set_worker(None if case is None else case.worker_id)
        self.who.setText("" if case is None else case.name)
        self.who_flags.setText("" if case is None else " · ".join((
            who_text(case, self.ctx.t), trades_text(self.ctx, case.trades),
            flags_text(case.hardships, self.ctx.t))))
        matches = fit_jobs(self.ctx, None if case is None else case.worker_id)
        self.jobs = {m.job.id: m.job for m in matches}
        self.fit.set_rows([(m.job.id, job_cells(self.ctx, m.job)) for m in matches])
        for button in (self.recommend_button, self.desk_button):
            button.setEnabled(case is not None)

    # -- acting -----------------------------------------------------------------------
    def recommend_job(self) -> None:
        job = self.jobs.get(self.fit.selected_id() or "")
        if job is None:
            say(self.services_box.message, self.t(N_("Choose one of the jobs first.")),
                error=True)
            return
        self.services_box.record(ServiceKind.RECOMMENDATION, job)

    def _open_at_desk(self) -> None:
        if self.services_box.worker_id is not None:
            self.open_worker.emit(self.services_box.worker_id)

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.cases_box.setTitle(t(N_("Hardship workers")))
        self.cases_hint.setText(t(N_(
            "Long wait for work, low-income family, disability or older worker. Least 131 "
            "progress first, then the longest without work.")))
        self.table.set_headers([
            t(N_("Worker")), t(N_("Trades")), t(N_("Hardship")),
            *(t(COLUMN_NAMES[kind]) for kind in desk.TARGETS),
            t(N_("Days waiting")), t(N_("Done"))])
        self.services_box.retranslate()
        self.jobs_box.setTitle(t(N_("Jobs that fit this worker")))
        self.fit.set_headers([t(N_("Job")), t(N_("Starts")), t(N_("Pay")),
                              t(N_("Places left"))])
        self.recommend_button.setText(t(N_("Recommend the chosen job")))
        self.desk_button.setText(t(N_("Open at the worker desk")))
        self.refresh()
