"""Referrals (即时快招): a worker referred to a job, and what came of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.protected_work import minor_may_take
from kiosk.core.queue_numbers import counter_kind
from kiosk.core.records import (
    AuditAction,
    CheckIn,
    JobPost,
    JobStatus,
    Referral,
    ReferralOrigin,
    ReferralStatus,
)
from kiosk.services.base import not_found
from kiosk.services.jobs import JobCases
from kiosk.services.workers import WorkerCases
from kiosk.store.outbox import ChangeOp
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import WriteTransaction

# Which outcome may follow which: the 即时快招 flow is requested → referred → (arrived, the
# slip scanned: kiosk.store.arrivals) → hired; or one side did not come.
_NEXT_STATUSES: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.REQUESTED: frozenset(
        {ReferralStatus.REFERRED, ReferralStatus.HIRED, ReferralStatus.DECLINED}),
    ReferralStatus.REFERRED: frozenset(
        {ReferralStatus.HIRED, ReferralStatus.DECLINED, ReferralStatus.NO_SHOW,
         ReferralStatus.EMPLOYER_NO_SHOW}),
    ReferralStatus.ARRIVED: frozenset({ReferralStatus.HIRED, ReferralStatus.DECLINED}),
}


class ReferralCases(WorkerCases, JobCases):
    """Referring workers to jobs and recording the outcome."""

    def refer(self, job_id: str, worker_id: str,
              origin: ReferralOrigin = ReferralOrigin.COUNTER,
              *, print_ticket: bool = False) -> Result[Referral]:
        """A 我想干 request from the touchscreen (with a queue number), or a staff referral.

        Asking again for the same job returns the open request rather than a second one.
        """
        worker_id = self.store.canonical_worker_id(worker_id)
        with self.store.write() as tx:
            job = self.store.jobs.get(job_id)
            if job is None:
                return not_found("job_id")
            if job.status is not JobStatus.OPEN or job.headcount_left == 0:
                return fail("job_id", "job_not_open", N_("This job is no longer open."))
            barred = self._minor_barred(job, worker_id)
            if barred is not None:
                return barred
            earlier = self.store.referrals.first(
                "job_id = ? AND worker_id = ? AND status IN ('requested', 'referred', 'arrived',"
                " 'hired')",
                [job_id, worker_id])
            if earlier is not None and earlier.status is ReferralStatus.HIRED:
                return fail("worker_id", "already_hired", N_(
                    "This worker is already hired for this job."))
            if earlier is not None:
                return Ok(earlier)
            referral = self._new_referral(tx, job, worker_id, origin)
            tx.save(referral, ChangeOp.CREATE)
            self.audit(tx, AuditAction.REFER, referral)
            if print_ticket:
                kind = PrintKind.INTEREST if origin is ReferralOrigin.TOUCHSCREEN else (
                    PrintKind.REFERRAL)
                tx.queue_print(kind, referral, iso_utc(referral.created_at))
        return Ok(referral)

    def record_outcome(self, referral_id: str, status: ReferralStatus, *,
                       print_slip: bool = False) -> Result[Referral]:
        """Referred → hired / declined / no-show. A hire fills one place of the job."""
        with self.store.write() as tx:
            referral = self.store.referrals.get(referral_id)
            if referral is None:
                return not_found("referral_id")
            if status not in _NEXT_STATUSES.get(referral.status, frozenset()):
                return fail("status", "status_transition", N_(
                    "This referral cannot change to that status."))
            job = self.store.jobs.get(referral.job_id)
            barred = None if job is None else self._minor_barred(job, referral.worker_id)
            if barred is not None and status is not ReferralStatus.DECLINED:
                return barred
            now = self.now()
            if status is ReferralStatus.HIRED:
                filled = self._fill_place(tx, referral.job_id, now)
                if isinstance(filled, Err):
                    return filled
            updated = replace(referral, status=status, updated_at=now)
            tx.save(updated, ChangeOp.UPDATE)
            self.audit(tx, AuditAction.OUTCOME, updated, status.value)
            if print_slip and status in (ReferralStatus.REFERRED, ReferralStatus.HIRED):
                tx.queue_print(PrintKind.REFERRAL, updated, iso_utc(now))
        return Ok(updated)

    def _minor_barred(self, job: JobPost, worker_id: str) -> Err | None:
        """A 16–17-year-old is never sent to work the law keeps from minors
        (kiosk.core.protected_work): the error names the work and the law. A worker this
        hall does not know is checked by the hub."""
        worker = self.store.workers.get(worker_id)
        if worker is None:
            return None
        allowed = minor_may_take(worker, job, self.today(), self.post_rules().protected)
        return allowed if isinstance(allowed, Err) else None

    def _fill_place(self, tx: WriteTransaction, job_id: str, now: datetime) -> Result[JobPost]:
        job = self.store.jobs.get(job_id)
        if job is None:
            return not_found("job_id")
        if job.status is not JobStatus.OPEN or job.headcount_left == 0:
            return fail("job_id", "job_not_open", N_("This job is no longer open."))
        filled = job.headcount_filled + 1
        status = JobStatus.FILLED if filled >= job.headcount else JobStatus.OPEN
        updated = replace(job, headcount_filled=filled, status=status, updated_at=now)
        tx.save(updated, ChangeOp.UPDATE)
        return Ok(updated)

    def _day_number(self, tx: WriteTransaction, worker_id: str) -> tuple[str, int]:
        """The worker's one queue number today (letter, number): their check-in's, or a
        check-in made now (a 我想干 request joins the queue the counter calls)."""
        hall, day = self.settings.hall_id, self.today()
        earlier = self.store.checkins.first(
            "worker_id = ? AND hall_id = ? AND day = ?", [worker_id, hall, day.isoformat()])
        if earlier is not None and earlier.queue_no is None:  # unverified: now it is
            earlier = self._number(tx, earlier, print_ticket=False)
        if earlier is not None and earlier.queue_no is not None:
            return earlier.queue_prefix, earlier.queue_no
        prefix = self.settings.queue_prefix
        number = tx.next_number(hall, day.isoformat(), counter_kind(prefix))
        tx.save(CheckIn(id=new_id(), hall_id=hall, worker_id=worker_id, day=day,
                        queue_no=number, created_at=self.now(), queue_prefix=prefix),
                ChangeOp.CREATE)
        return prefix, number

    def _new_referral(self, tx: WriteTransaction, job: JobPost, worker_id: str,
                      origin: ReferralOrigin) -> Referral:
        now = self.now()
        touch = origin is ReferralOrigin.TOUCHSCREEN
        prefix, queue_no = self._day_number(tx, worker_id) if touch else ("", None)
        return Referral(
            id=new_id(), hall_id=self.settings.hall_id, job_id=job.id, worker_id=worker_id,
            status=ReferralStatus.REQUESTED if touch else ReferralStatus.REFERRED,
            origin=origin, queue_no=queue_no, note="", created_at=now, updated_at=now,
            queue_prefix=prefix)
