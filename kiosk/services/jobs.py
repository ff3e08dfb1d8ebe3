"""Employers and jobs: posting with the discrimination check, the open jobs, closing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from kiosk.core.assets import POST_RULES
from kiosk.core.errors import N_, Err, FieldError, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.records import (
    AuditAction,
    Employer,
    JobPost,
    JobStatus,
)
from kiosk.core.wages import MinimumWage
from kiosk.services.base import HallBase, not_found
from kiosk.store.open_jobs import open_jobs_sql
from kiosk.store.outbox import ChangeOp
from kiosk.store.store import WriteTransaction
from kiosk.store.sync_state import stored_asset

# Validation (kiosk.core.drafts and kiosk.core.fields) is imported by the methods that
# validate, when first called ("see top"): a touchscreen shows its home screen without it.
if TYPE_CHECKING:
    from kiosk.core.drafts import (
        EmployerDraft,
        JobDraft,
        ValidEmployer,
        ValidJob,
    )
    from kiosk.core.post_check import PostRules


@dataclass(frozen=True, slots=True)
class JobListing:
    """An open job as the touchscreen lists it, with its employer's display name."""

    job: JobPost
    employer_name: str  # "" when the employer is not known in this hall
    employer_role: str = "direct"  # 直接用工, or 劳务派遣 / 职业中介 / 揽头 (EmployerRole)
    employer_licence: str = ""  # 劳务派遣 / 职业中介: their licence's number


# Open, with places left, listed today (until its end date or its 用工方式's rule).
OPEN_JOBS_WHERE = open_jobs_sql("?")

OPEN_JOBS_ORDER = "urgent DESC, start_date, start_time IS NULL, start_time, created_at, id"


class JobCases(HallBase):
    """Employers and their job posts."""

    def register_employer(self, draft: EmployerDraft) -> Result[Employer]:
        from kiosk.core.drafts import validate_employer  # noqa: PLC0415 - see top
        checked = validate_employer(draft, self.today())
        if isinstance(checked, Err):
            return checked
        employer = self._employer(checked.value)
        with self.store.write() as tx:
            tx.save(employer, ChangeOp.CREATE)
            self.audit(tx, AuditAction.EMPLOYER_REGISTER, employer)
        return Ok(employer)

    def post_job(self, draft: JobDraft, *, override_by: str | None = None) -> Result[JobPost]:
        """Validate and store a post. Discriminatory wording blocks it unless a supervisor
        (`override_by`, their staff id) overrides; the override is audited in the same
        transaction, naming the supervisor and each phrase."""
        from kiosk.core.drafts import validate_job  # noqa: PLC0415 - see top
        if self.store.employers.get(draft.employer_id) is None:
            return not_found("employer_id")
        checked = validate_job(draft, self.context())
        if isinstance(checked, Err):
            return checked
        wording = wording_errors(draft, self.post_rules())
        if (refused := self._refuse_wording(wording, override_by)) is not None:
            return refused
        job = self._job(checked.value)
        with self.store.write() as tx:
            self._save_post(tx, job, wording, override_by)
        return Ok(job)

    def post_job_for_new_employer(self, employer_draft: EmployerDraft, job_draft: JobDraft, *,
                                  override_by: str | None = None,
                                  ) -> Result[tuple[Employer, JobPost]]:
        """A walk-in employer and their first post, checked together, stored together."""
        from kiosk.core.drafts import validate_employer, validate_job  # noqa: PLC0415 - see top
        employer_checked = validate_employer(employer_draft, self.today())
        job_checked = validate_job(replace(job_draft, employer_id="pending"), self.context())
        errors = tuple(e for r in (employer_checked, job_checked) if isinstance(r, Err)
                       for e in r.errors)
        wording = () if isinstance(job_checked, Err) else wording_errors(
            job_draft, self.post_rules())
        refused = self._refuse_wording(wording, override_by)
        if refused is not None:
            errors += refused.errors
        if errors or isinstance(employer_checked, Err) or isinstance(job_checked, Err):
            return Err(errors)
        employer = self._employer(employer_checked.value)
        job = self._job(replace(job_checked.value, employer_id=employer.id))
        with self.store.write() as tx:
            tx.save(employer, ChangeOp.CREATE)
            self.audit(tx, AuditAction.EMPLOYER_REGISTER, employer)
            self._save_post(tx, job, wording, override_by)
        return Ok((employer, job))

    def _refuse_wording(self, wording: tuple[FieldError, ...],
                        override_by: str | None) -> Err | None:
        """Why a post with these hits may not be saved; None when it may."""
        if not wording:
            return None
        if override_by is None:
            return Err(wording)
        member = self.store.staff.get(override_by)
        if member is None or not member.active or not member.is_supervisor:
            return fail("override_by", "not_supervisor", N_(
                "Only a supervisor can save a post that the check has blocked."))
        return None

    def _save_post(self, tx: WriteTransaction, job: JobPost, wording: tuple[FieldError, ...],
                   override_by: str | None) -> None:
        """The post and its audit. A supervisor's override goes to the outbox just before
        the post: the hub stores a post its check blocks only beside its override, and a
        batch never ends on an override (kiosk.store.sync_state), so they travel together."""
        if wording and override_by is not None:
            hits = "; ".join(f"{e.params['category']}: {e.params['phrase']}" for e in wording)
            clerk = f" (clerk {self.actor})" if self.actor else ""
            self.audit(tx, AuditAction.JOB_OVERRIDE, job, hits + clerk, staff_id=override_by)
        tx.save(job, ChangeOp.CREATE)
        self.audit(tx, AuditAction.JOB_POST, job)

    def find_employer_by_phone(self, raw: str) -> Employer | None:
        """The employer registered with this phone (the latest), for a returning employer."""
        from kiosk.core.fields import validate_phone  # noqa: PLC0415 - see top
        phone = validate_phone(raw)
        if isinstance(phone, Err):
            return None
        return self.store.employers.first("phone = ?", [phone.value],
                                          order_by="created_at DESC")

    def explain_wording(self, title: str, description: str, language: str,
                        trade: str = "") -> tuple[bool, str]:
        """The discrimination check as staff read it while typing: (blocks saving, the
        explanation in `language`, empty when nothing was found). With the job's trade,
        limits the law allows on its work are explained as lawful."""
        from kiosk.core.post_check import check_post, explain  # noqa: PLC0415

        check = check_post(f"{title}\n{description}", self.post_rules(), trade)
        return check.flagged, explain(check, language)

    def minimum_wage(self) -> MinimumWage:
        """The minimum wage of the city's latest posting rules."""
        return self.post_rules().minimum_wage

    def post_rules(self) -> PostRules:
        """The discrimination rules: the city's latest (through the sync feed), or the ones
        shipped with the kiosk. Parsed once per published version."""
        from kiosk.core.post_check import load_rules, rules_from_data  # noqa: PLC0415

        kept = stored_asset(self.store, POST_RULES)
        if kept is None:
            return load_rules()
        version = int(kept["version"])
        if self._rules is None or self._rules[0] != version:
            self._rules = (version, rules_from_data(kept["data"]))
        return self._rules[1]

    def close_job(self, job_id: str, status: JobStatus = JobStatus.CLOSED, *,
                  reason: str = "") -> Result[JobPost]:
        """Take an open job of this hall off the board: cancelled (`CLOSED`, with the
        reason), filled or expired. Audited; syncs as an update."""
        if status is JobStatus.OPEN:
            return fail("status", "choice", N_("Please choose one of the options."))
        action = {JobStatus.CLOSED: AuditAction.JOB_CANCEL,
                  JobStatus.FILLED: AuditAction.JOB_FILL}.get(status, AuditAction.JOB_CLOSE)
        with self.store.write() as tx:
            job = self.store.jobs.get(job_id)
            if job is None:
                return not_found("job_id")
            if job.hall_id != self.settings.hall_id:
                return fail("job_id", "not_owner",
                            N_("Only the hall that posted this job can change it."))
            if job.status is not JobStatus.OPEN:
                return fail("job_id", "job_not_open", N_("This job is no longer open."))
            closed = replace(job, status=status, close_reason=reason, updated_at=self.now())
            tx.save(closed, ChangeOp.UPDATE)
            self.audit(tx, action, closed, status.value)
        return Ok(closed)

    def open_jobs(self, trades: frozenset[str] = frozenset(), limit: int = 300,
                  offset: int = 0) -> list[JobListing]:
        """Open jobs with places left, listed today: urgent first, then soonest.

        `trades` (catalogue codes) narrows the list; empty means every trade. `offset`
        skips that many (a page of the touchscreen's list reads only that page).
        """
        where, params = self._open_jobs_filter(trades)
        jobs = list(self.store.jobs.where(where, params, order_by=OPEN_JOBS_ORDER, limit=limit,
                                          offset=offset))
        names = self._employer_names({job.employer_id for job in jobs})
        return [JobListing(job, *names.get(job.employer_id, ("", "direct", "")))
                for job in jobs]

    def open_job_listing(self, job_id: str) -> JobListing | None:
        """The job `job_id` if it is open, as `open_jobs` lists it (a scanned job code)."""
        where, params = self._open_jobs_filter(frozenset())
        job = self.store.jobs.first(f"id = ? AND {where}", [job_id, *params])
        if job is None:
            return None
        return JobListing(job, *self._employer_names({job.employer_id}).get(
            job.employer_id, ("", "direct", "")))

    def count_open_jobs(self, trades: frozenset[str] = frozenset()) -> int:
        """How many jobs `open_jobs(trades)` would list, without reading them."""
        return self.store.jobs.count(*self._open_jobs_filter(trades))

    def _open_jobs_filter(self, trades: frozenset[str]) -> tuple[str, list[str]]:
        where, params = self.open_jobs_where, [self.today().isoformat()]
        if trades:
            where += f" AND trade IN ({', '.join('?' * len(trades))})"
            params += sorted(trades)
        return where, params

    @property
    def open_jobs_where(self) -> str:
        """`OPEN_JOBS_WHERE` with this hall's listing rule (one `?`: today)."""
        return open_jobs_sql("?", rule=self.settings.listing)

    def _employer_names(self, ids: set[str]) -> dict[str, tuple[str, str, str]]:
        """Per employer id, its display name, role and licence number."""
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        employers = self.store.employers.where(f"id IN ({marks})", sorted(ids))
        return {e.id: (e.display_name, e.role.value, e.licence_no) for e in employers}

    def _employer(self, v: ValidEmployer) -> Employer:
        """The employer record; a 揽头's ID number as a worker's is kept: a keyed blind
        index, the masked form, and the plain number until the hub acknowledges it."""
        from kiosk.core.privacy import blind_index, mask_id_number  # noqa: PLC0415 - see top
        now = self.now()
        person = v.id_number
        return Employer(id=new_id(), hall_id=self.settings.hall_id, kind=v.kind, role=v.role,
                        name=v.name, display_name=v.display_name, contact_name=v.contact_name,
                        phone=v.phone, uscc=v.uscc, created_at=now, updated_at=now,
                        licence_no=v.licence_no,
                        id_index="" if person is None else blind_index(
                            self.settings.blind_index_key, person.number),
                        id_masked="" if person is None else mask_id_number(person.number),
                        id_number=None if person is None else person.number)

    def _job(self, v: ValidJob) -> JobPost:
        now = self.now()
        return JobPost(
            id=new_id(), hall_id=self.settings.hall_id, employer_id=v.employer_id,
            trade=v.trade, title=v.title, description=v.description,
            certificates=v.certificates, employment_type=v.employment_type, area=v.area,
            place=v.place, start_date=v.start_date, start_time=v.start_time,
            hours_per_day=v.hours_per_day, pay_cents=v.pay_cents, pay_unit=v.pay_unit,
            settlement=v.settlement, headcount=v.headcount, headcount_filled=0,
            urgent=v.urgent, status=JobStatus.OPEN, created_at=now, updated_at=now,
            **job_facts(v))


def job_facts(v: ValidJob) -> dict[str, Any]:
    """The valid post's facts as the job record's fields of the same names."""
    f = v.facts
    return {"skill_level": f.skill_level, "skills_note": f.skills_note,
            "end_date": f.end_date, "meeting_point": f.meeting_point,
            "meeting_time": f.meeting_time, "meals": f.meals, "lodging": f.lodging,
            "tools_provided": f.tools_provided, "insurance": f.insurance,
            "day_estimate_cents": f.day_estimate_cents, "hazards": f.hazards,
            "protective_gear": f.protective_gear, "insurance_kind": f.insurance_kind}


def wording_errors(draft: JobDraft, rules: PostRules) -> tuple[FieldError, ...]:
    """The discrimination check (kiosk.core.post_check) on the post's free text."""
    from kiosk.core.post_check import post_errors  # noqa: PLC0415 - only when posting

    return post_errors({"title": draft.title, "description": draft.description,
                        "skills_note": draft.skills_note}, rules, draft.trade)

