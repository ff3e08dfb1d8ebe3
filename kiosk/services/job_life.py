"""A job over its life at the hall that posted it: edited (a new version of the same
record), cancelled with a reason, marked filled, re-opened, extended, and the employer's
no-shows counted. Each change is audited and goes to the outbox as an update; only the
owning hall makes them (here, and again at the hub: `sync.hub.ownership`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.job_window import listed_until
from kiosk.core.records import AuditAction, JobPost, JobStatus
from kiosk.services.base import not_found
from kiosk.services.jobs import JobCases, job_facts, wording_errors
from kiosk.store.outbox import ChangeOp

if TYPE_CHECKING:
    from kiosk.core.drafts import JobDraft

CLOSED_STATES = frozenset({JobStatus.CLOSED, JobStatus.FILLED, JobStatus.EXPIRED})


class JobLifeCases(JobCases):
    """Edit, cancel, fill, re-open, extend, and an employer's no-show."""

    def own_job(self, job_id: str) -> Result[JobPost]:
        """The job, when this hall posted it (another hall's job is only shown here)."""
        job = self.store.jobs.get(job_id)
        if job is None:
            return not_found("job_id")
        if job.hall_id != self.settings.hall_id:
            return fail("job_id", "not_owner",
                        N_("Only the hall that posted this job can change it."))
        return Ok(job)

    def hall_jobs(self, limit: int = 200) -> list[JobPost]:
        """This hall's jobs, newest first: what the counter manages."""
        return list(self.store.jobs.where("hall_id = ?", [self.settings.hall_id],
                                          order_by="created_at DESC, id DESC", limit=limit))

    def edit_job(self, job_id: str, draft: JobDraft, *,
                 override_by: str | None = None) -> Result[JobPost]:
        """A new version of the post, checked like a new one (the discrimination check
        too). A start date already passed may stay as it was; places may not drop below
        those filled."""
        from kiosk.core.drafts import validate_job  # noqa: PLC0415 - as in posting

        owned = self.own_job(job_id)
        if isinstance(owned, Err):
            return owned
        job = owned.value
        ctx = self.context()
        if draft.start_date == job.start_date and job.start_date < ctx.today:
            ctx = replace(ctx, today=job.start_date)
        checked = validate_job(replace(draft, employer_id=job.employer_id), ctx)
        if isinstance(checked, Err):
            return checked
        v = checked.value
        if v.headcount < job.headcount_filled:
            return fail("headcount", "headcount_below_filled", N_(
                "{filled} workers are hired already: the job needs at least that many."),
                filled=job.headcount_filled)
        wording = wording_errors(draft, self.post_rules())
        if (refused := self._refuse_wording(wording, override_by)) is not None:
            return refused
        edited = replace(
            job, trade=v.trade, title=v.title, description=v.description,
            certificates=v.certificates, employment_type=v.employment_type, area=v.area,
            place=v.place, start_date=v.start_date, start_time=v.start_time,
            hours_per_day=v.hours_per_day, pay_cents=v.pay_cents, pay_unit=v.pay_unit,
            settlement=v.settlement, headcount=v.headcount, urgent=v.urgent,
            updated_at=self.now(), **job_facts(v))
        with self.store.write() as tx:
            if wording and override_by is not None:
                hits = "; ".join(f"{e.params['category']}: {e.params['phrase']}" for e in wording)
                self.audit(tx, AuditAction.JOB_OVERRIDE, edited, hits, staff_id=override_by)
            tx.save(edited, ChangeOp.UPDATE)
            self.audit(tx, AuditAction.JOB_EDIT, edited, _changed(job, edited))
        return Ok(edited)

    def cancel_job(self, job_id: str, reason: str) -> Result[JobPost]:
        """取消: off the board everywhere, with the reason kept on the job."""
        from kiosk.core.fields import validate_text  # noqa: PLC0415

        text = validate_text(reason, "close_reason", required=True, max_len=200)
        if isinstance(text, Err):
            return text
        return self.close_job(job_id, JobStatus.CLOSED, reason=text.value)

    def fill_job(self, job_id: str) -> Result[JobPost]:
        """招满: the employer has the workers it needs (some found elsewhere)."""
        return self.close_job(job_id, JobStatus.FILLED)

    def reopen_job(self, job_id: str) -> Result[JobPost]:
        """Back on the board: a filled, cancelled or expired job with places left and not
        past its listing (extend it first)."""
        owned = self.own_job(job_id)
        if isinstance(owned, Err):
            return owned
        job = owned.value
        if job.status not in CLOSED_STATES:
            return fail("job_id", "job_open", N_("This job is open already."))
        if job.headcount_left == 0:
            return fail("headcount", "no_places_left", N_(
                "Every place is filled: edit the job to need more workers first."))
        if listed_until(job, self.settings.listing) < self.today():
            return fail("end_date", "job_ended", N_(
                "This job has ended: extend it to a later end date instead."))
        return self._save(replace(job, status=JobStatus.OPEN, close_reason=""),
                          AuditAction.JOB_REOPEN, job.status.value)

    def extend_job(self, job_id: str, end_date: date) -> Result[JobPost]:
        """A later last working day; an expired job is open again."""
        owned = self.own_job(job_id)
        if isinstance(owned, Err):
            return owned
        job = owned.value
        if job.status in (JobStatus.CLOSED, JobStatus.FILLED):
            return fail("job_id", "job_not_open", N_("This job is no longer open."))
        if end_date < max(self.today(), job.start_date) or end_date <= listed_until(
                job, self.settings.listing):
            return fail("end_date", "extend_later", N_(
                "The new end date must be later than the current one and not in the past."))
        return self._save(replace(job, end_date=end_date, status=JobStatus.OPEN),
                          AuditAction.JOB_EXTEND, end_date.isoformat())

    def record_employer_no_show(self, job_id: str) -> Result[JobPost]:
        """The employer did not come to meet the workers it was sent: counted on the job
        (for staff and the city) and audited; staff may cancel the job as well."""
        owned = self.own_job(job_id)
        if isinstance(owned, Err):
            return owned
        job = owned.value
        return self._save(replace(job, employer_no_shows=job.employer_no_shows + 1),
                          AuditAction.JOB_EMPLOYER_NO_SHOW, str(job.employer_no_shows + 1))

    def _save(self, job: JobPost, action: AuditAction, detail: str) -> Result[JobPost]:
        changed = replace(job, updated_at=self.now())
        with self.store.write() as tx:
            tx.save(changed, ChangeOp.UPDATE)
            self.audit(tx, action, changed, detail)
        return Ok(changed)


def _changed(before: JobPost, after: JobPost) -> str:
    """The names of the fields an edit changed (never their values)."""
    skip = {"updated_at"}
    names = [name for name in before.__dataclass_fields__ if name not in skip
             and getattr(before, name) != getattr(after, name)]
    return ", ".join(names)[:200]
