"""The worker's safety and insurance at the counter (desk page): the safety briefings they
acknowledged (on the touchscreen, or ticked here after reading the slip), the hazardous
jobs whose slip briefing staff still have to confirm, and their requests for help
enrolling in accident insurance, which staff mark done; and the warning before sending
someone to a job a stop-work notice stops now."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from kiosk.core.errors import N_, Err
from kiosk.core.hazards import hazard_list
from kiosk.core.records import AckVia, HelpStatus
from kiosk.ui.counter.context import CounterContext
from kiosk.ui.counter.form import say
from kiosk.ui.counter.table import action_button
from kiosk.ui.widgets.buttons import label

SHOWN = 2  # the latest acknowledgements and requests listed


def stop_warning(ctx: CounterContext, job_id: str) -> str:
    """What staff read before referring to a job a stop-work notice stops now ("" none)."""
    job = ctx.services.store.jobs.get(job_id)
    if job is None:
        return ""
    language = ctx.t.language
    lang = "en" if language == "en" else "zh"
    notices = [ctx.t(N_("{label}: {value}")).format(label=n.title(lang), value=n.text(lang))
               for n in ctx.services.stopping(job)]
    if not notices:
        return ""
    return ctx.t(N_("Stop-work notice in force for this job: {notices}. Tap again to refer "
                    "anyway.")).format(notices="; ".join(notices))


class SafetyBox(QObject):
    """The summary line and the two buttons; the desk page places them in its worker
    details (the page must fit 1366×768 without scrolling) and says what happened in its
    own message line."""

    changed = Signal()

    def __init__(self, ctx: CounterContext, message: QLabel, parent: QObject | None = None,
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker_id: str | None = None
        self.summary = label("", "")
        self.caption = label("", "hint", wrap=False)
        self.message = message
        self.ack_button = action_button("secondary", self.acknowledge)
        self.done_button = action_button("secondary", self.mark_done)

    def t(self, message: str) -> str:
        return self.ctx.t(message)

    def set_worker(self, worker_id: str | None) -> None:
        self.worker_id = worker_id
        self.refresh()

    def refresh(self) -> None:
        s, t, language = self.ctx.services, self.t, self.ctx.t.language
        if self.worker_id is None:
            self.summary.setText("")
            self.summary.hide()
            self.caption.hide()
            self.ack_button.hide()
            self.done_button.hide()
            return
        lines = []
        for ack in s.safety_acks_of(self.worker_id)[:SHOWN]:
            job = s.store.jobs.get(ack.job_id)
            where = t(N_("on the touchscreen") if ack.via is AckVia.TOUCHSCREEN
                      else N_("at the counter"))
            lines.append(t(N_("Safety briefing read ({when}, {where}): {hazards} · {job}"))
                         .format(when=f"{s.local_time(ack.created_at):%m-%d %H:%M}",
                                 where=where, hazards=hazard_list(ack.hazards, language),
                                 job=job.title if job else "—"))
        pending = s.unacknowledged_jobs(self.worker_id)
        for job in pending[:SHOWN]:
            lines.append(t(N_("Briefing on the slip not yet confirmed: {job} ({hazards})"))
                         .format(job=job.title, hazards=hazard_list(job.hazards, language)))
        requests = s.help_requests_of(self.worker_id)
        for request in requests[:SHOWN]:
            status = t(N_("open") if request.status is HelpStatus.OPEN else N_("done"))
            lines.append(t(N_("Asked for help enrolling in accident insurance ({when}): "
                              "{status}")).format(
                when=f"{s.local_time(request.created_at):%m-%d %H:%M}", status=status))
        self.summary.setText("\n".join(lines))
        self.summary.setVisible(bool(lines))  # with its caption: no row for nothing
        self.caption.setVisible(bool(lines))
        # shown only when there is something to do: the page keeps its room at 1366×768
        self.ack_button.setVisible(bool(pending))
        self.done_button.setVisible(any(r.status is HelpStatus.OPEN for r in requests))

    def acknowledge(self) -> None:
        """The worker read the briefing on the slip (the latest unconfirmed one)."""
        if self.worker_id is None:
            return
        pending = self.ctx.services.unacknowledged_jobs(self.worker_id)
        if not pending:
            return
        result = self.ctx.services.acknowledge(self.worker_id, pending[0].id, AckVia.COUNTER)
        self._after(result, N_("Recorded: the worker read the safety briefing."))

    def mark_done(self) -> None:
        if self.worker_id is None:
            return
        open_ = [r for r in self.ctx.services.help_requests_of(self.worker_id)
                 if r.status is HelpStatus.OPEN]
        if not open_:
            return
        result = self.ctx.services.mark_help_done(open_[0].id)
        self._after(result, N_("Marked done: the insurance request was followed up."))

    def _after(self, result: object, ok: str) -> None:
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
        else:
            say(self.message, self.t(ok))
        self.refresh()
        self.changed.emit()

    def retranslate(self) -> None:
        self.ack_button.setText(self.t(N_("Briefing read")))
        self.ack_button.setToolTip(self.t(N_("Worker read the slip's safety briefing")))
        self.done_button.setText(self.t(N_("Insurance help done")))
        self.refresh()
