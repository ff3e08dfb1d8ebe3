"""Follow-up: the "131" service events, wage complaints and the hall's notices."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.records import (
    AuditAction,
    Complaint,
    ComplaintStatus,
    Notice,
    ServiceEvent,
    ServiceKind,
)
from kiosk.services.base import not_found
from kiosk.services.workers import WorkerCases
from kiosk.store.outbox import ChangeOp
from kiosk.store.print_queue import PrintKind

# Validation (kiosk.core.drafts and kiosk.core.fields) is imported by the methods that
# validate, when first called ("see top"): a touchscreen shows its home screen without it.
if TYPE_CHECKING:
    from kiosk.core.drafts import (
        ComplaintDraft,
        NoticeDraft,
    )


class FollowUpCases(WorkerCases):
    """The "131" service events, complaints and notices."""

    def add_service_event(self, worker_id: str, kind: ServiceKind, note: str = "",
                          job_id: str | None = None) -> Result[ServiceEvent]:
        if self.worker(worker_id) is None:
            return not_found("worker_id")
        worker_id = self.store.canonical_worker_id(worker_id)
        if len(note) > 500:
            return fail("note", "too_long", N_("Too long: at most {max} characters."), max=500)
        event = ServiceEvent(id=new_id(), hall_id=self.settings.hall_id, worker_id=worker_id,
                             kind=kind, note=note.strip(), job_id=job_id, created_at=self.now())
        with self.store.write() as tx:
            tx.save(event, ChangeOp.CREATE)
            self.audit(tx, AuditAction.SERVICE_EVENT, event, kind.value)
        return Ok(event)

    def file_complaint(self, draft: ComplaintDraft, *,
                       print_receipt: bool = False) -> Result[Complaint]:
        """A complaint or dispute (wage arrears, injury, deposit or ID withheld, unpaid
        overtime, other), with a receipt number unique across the city."""
        from kiosk.core.drafts import validate_complaint  # noqa: PLC0415 - see top
        checked = validate_complaint(draft, self.context())
        if isinstance(checked, Err):
            return checked
        v = checked.value
        now = self.now()
        day = self.today()
        with self.store.write() as tx:
            seq = tx.next_number(self.settings.hall_id, day.isoformat(), "complaint")
            number = f"TS{day:%Y%m%d}-{self.settings.terminal_id}-{seq:03d}"
            complaint = Complaint(
                id=new_id(), hall_id=self.settings.hall_id, number=number,
                worker_id=v.worker_id, complainant_name=v.complainant_name, phone=v.phone,
                employer_name=v.employer_name, employer_id=v.employer_id, kind=v.kind,
                amount_cents=v.amount_cents, period_from=v.period_from, period_to=v.period_to,
                description=v.description, status=ComplaintStatus.RECEIVED,
                recovered_cents=0, created_at=now, updated_at=now)
            tx.save(complaint, ChangeOp.CREATE)
            self.audit(tx, AuditAction.COMPLAINT, complaint, complaint.kind.value)
            if print_receipt:
                tx.queue_print(PrintKind.COMPLAINT, complaint, iso_utc(now))
        return Ok(complaint)

    def end_notice(self, notice_id: str) -> Result[Notice]:
        """Take a notice off the board's ticker now: it ended yesterday (a notice that had
        not started yet never shows). Only the hall that posted it may end it."""
        notice = self.store.notices.get(notice_id)
        if notice is None or notice.hall_id != self.settings.hall_id:
            return not_found("notice_id")
        yesterday = self.today() - timedelta(days=1)
        if notice.ends_on is not None and notice.ends_on <= yesterday:
            return fail("notice_id", "ended", N_("This notice has ended already."))
        ended = replace(notice, starts_on=min(notice.starts_on, yesterday), ends_on=yesterday,
                        updated_at=self.now())
        with self.store.write() as tx:
            tx.save(ended, ChangeOp.UPDATE)
            self.audit(tx, AuditAction.NOTICE_END, ended)
        return Ok(ended)

    def post_notice(self, draft: NoticeDraft) -> Result[Notice]:
        from kiosk.core.drafts import validate_notice  # noqa: PLC0415 - see top
        checked = validate_notice(draft, self.context())
        if isinstance(checked, Err):
            return checked
        v = checked.value
        now = self.now()
        notice = Notice(id=new_id(), hall_id=self.settings.hall_id, text_zh=v.text_zh,
                        text_en=v.text_en, starts_on=v.starts_on, ends_on=v.ends_on,
                        priority=v.priority, created_at=now, updated_at=now)
        with self.store.write() as tx:
            tx.save(notice, ChangeOp.CREATE)
            self.audit(tx, AuditAction.NOTICE, notice)
        return Ok(notice)
