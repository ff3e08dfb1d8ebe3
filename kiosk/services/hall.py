"""Use cases: what the screens and the CLI call. Validate with core, then one transaction.

Every write stores the record and its outbox change (and any print job) together, so a
crash or power cut leaves either all of it or none of it.
"""

from __future__ import annotations

import copy
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from kiosk.core.assets import POST_RULES
from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, Err, FieldError, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.privacy import OlderWorkerRule, blind_index, mask_id_number
from kiosk.core.records import (
    AuditAction,
    AuditEvent,
    CheckIn,
    Complaint,
    ComplaintStatus,
    Employer,
    JobPost,
    JobStatus,
    Notice,
    Record,
    Referral,
    ReferralOrigin,
    ReferralStatus,
    ServiceEvent,
    ServiceKind,
    Worker,
    entity_name,
)
from kiosk.store.outbox import ChangeOp, OutboxState
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store, WriteTransaction
from kiosk.store.sync_state import stored_asset

# Validation (kiosk.core.drafts and kiosk.core.fields) is imported by the methods that
# validate, when first called ("see top"): a touchscreen shows its home screen without it.
if TYPE_CHECKING:
    from kiosk.core.drafts import (
        ComplaintDraft,
        Context,
        EmployerDraft,
        JobDraft,
        NoticeDraft,
        ValidEmployer,
        ValidJob,
        ValidWorker,
        WorkerDraft,
    )
    from kiosk.core.post_check import PostRules
    from kiosk.core.scan import ScanKeys, ScanResult

# Which outcome may follow which: the 即时快招 flow is requested → referred → hired.
_NEXT_STATUSES: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.REQUESTED: frozenset(
        {ReferralStatus.REFERRED, ReferralStatus.HIRED, ReferralStatus.DECLINED}),
    ReferralStatus.REFERRED: frozenset(
        {ReferralStatus.HIRED, ReferralStatus.DECLINED, ReferralStatus.NO_SHOW}),
}


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class HallSettings:
    hall_id: str
    terminal_id: str
    blind_index_key: bytes
    timezone: str = "Asia/Shanghai"
    areas: frozenset[str] = frozenset()
    older: OlderWorkerRule = field(default_factory=OlderWorkerRule)
    consent_version: str = "2026-11"
    long_wait_days: int = 30  # no hire for this long makes a worker a hardship case


@dataclass(frozen=True, slots=True)
class CheckInResult:
    checkin: CheckIn
    already: bool  # True when the worker had checked in earlier today


@dataclass(frozen=True, slots=True)
class JobListing:
    """An open job as the touchscreen lists it, with its employer's display name."""

    job: JobPost
    employer_name: str  # "" when the employer is not known in this hall


OPEN_JOBS_WHERE = ("status = 'open' AND headcount > headcount_filled AND start_date >= ?")
OPEN_JOBS_ORDER = "urgent DESC, start_date, start_time IS NULL, start_time, created_at, id"


class Services:
    """Built once at start-up and passed to the screens and commands that need it."""

    def __init__(self, store: Store, settings: HallSettings, catalogue: Catalogue,
                 clock: Clock | None = None) -> None:
        self.store = store
        self.settings = settings
        self.catalogue = catalogue
        self.clock = clock or SystemClock()
        self._tz = ZoneInfo(settings.timezone)
        self.actor: str | None = None  # the signed-in staff member, when staff act
        self._rules: tuple[int, PostRules] | None = None

    def as_staff(self, staff_id: str) -> Services:
        """The same services acting for a staff member: every write is audited."""
        acting = copy.copy(self)
        acting.actor = staff_id
        return acting

    def audit(self, tx: WriteTransaction, action: AuditAction, record: Record | None = None,
              detail: str = "", *, staff_id: str | None = None) -> None:
        """Log a staff action in the caller's transaction (nothing when no staff acts).

        `staff_id` names someone other than the signed-in actor (a supervisor's override).
        """
        actor = staff_id or self.actor
        if actor is None:
            return
        event = AuditEvent(
            id=new_id(), hall_id=self.settings.hall_id, terminal_id=self.settings.terminal_id,
            staff_id=actor, action=action,
            entity="" if record is None else entity_name(record),
            entity_id="" if record is None else record.id, detail=detail[:200],
            created_at=self.now())
        tx.save(event, ChangeOp.CREATE)

    # -- time -------------------------------------------------------------------------
    def now(self) -> datetime:
        """UTC, truncated to the milliseconds that records keep (what is returned is stored)."""
        moment = self.clock.now().astimezone(UTC)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)

    def today(self) -> date:
        """The hall's local calendar day."""
        return self.clock.now().astimezone(self._tz).date()

    def day_starts_at(self, day: date) -> datetime:
        """The UTC moment the hall's calendar `day` begins."""
        return datetime.combine(day, datetime.min.time(), self._tz).astimezone(UTC)

    def local_time(self, moment: datetime) -> datetime:
        """A moment in the hall's time zone (for what staff and workers read)."""
        return moment.astimezone(self._tz)

    def context(self) -> Context:
        from kiosk.core.drafts import Context  # noqa: PLC0415 - see top
        return Context(today=self.today(), catalogue=self.catalogue, areas=self.settings.areas)

    # -- workers ----------------------------------------------------------------------
    def check_id_number(self, raw: str) -> Result[str]:
        """The ID number as it will be stored (upper-case X), or why it is not valid."""
        from kiosk.core.fields import validate_id_number  # noqa: PLC0415 - see top
        parsed = validate_id_number(raw, self.today())
        return parsed if isinstance(parsed, Err) else Ok(parsed.value.number)

    def check_mobile(self, raw: str) -> Result[str]:
        """A mobile number as it will be stored, or why it is not valid."""
        from kiosk.core.fields import validate_mobile  # noqa: PLC0415 - see top
        return validate_mobile(raw)

    def print_card(self, worker_id: str) -> Result[str]:
        """Queue the worker's card (a print job); its id."""
        worker = self.worker(worker_id)
        if worker is None:
            return _not_found("worker_id")
        with self.store.write() as tx:
            job_id = tx.queue_print(PrintKind.CARD, worker, iso_utc(self.now()))
            self.audit(tx, AuditAction.PRINT_CARD, worker)
        return Ok(job_id)

    def read_scan(self, text: str, keys: ScanKeys) -> ScanResult:
        """What a scanned code is (worker card, job, pre-registration, …) or why not."""
        from kiosk.core.scan import parse_scan  # noqa: PLC0415 - cryptography only on a scan

        return parse_scan(text, keys=keys, now=self.now(), context=self.context())

    def worker(self, worker_id: str) -> Worker | None:
        """The worker, also by an id the hub has since merged into another (this terminal
        may know the person only under the old id)."""
        canonical = self.store.canonical_worker_id(worker_id)
        return self.store.workers.get(canonical) or (
            None if canonical == worker_id else self.store.workers.get(worker_id))

    def find_worker_by_id_number(self, raw: str) -> Worker | None:
        """Look a worker up by the blind index of a (valid) ID number."""
        from kiosk.core.fields import validate_id_number  # noqa: PLC0415 - see top
        parsed = validate_id_number(raw, self.today())
        if isinstance(parsed, Err):
            return None
        index = blind_index(self.settings.blind_index_key, parsed.value.number)
        return self.store.workers.first("id_index = ?", [index])

    def register_worker(self, draft: WorkerDraft, *, print_card: bool = False) -> Result[Worker]:
        from kiosk.core.drafts import validate_worker  # noqa: PLC0415 - see top
        checked = validate_worker(draft, self.context())
        if isinstance(checked, Err):
            return checked
        now = self.now()
        worker = Worker(
            id=new_id(), hall_id=self.settings.hall_id, consent_at=now,
            consent_version=self.settings.consent_version, created_at=now, updated_at=now,
            **self._worker_fields(checked.value))
        return self._save_worker(worker, ChangeOp.CREATE, print_card=print_card)

    def update_worker(self, worker_id: str, draft: WorkerDraft) -> Result[Worker]:
        """Staff correct a worker's details; the consent given at registration stays."""
        from kiosk.core.drafts import validate_worker  # noqa: PLC0415 - see top
        current = self.store.workers.get(worker_id)
        if current is None:
            return _not_found("worker_id")
        checked = validate_worker(replace(draft, consent_given=True), self.context())
        if isinstance(checked, Err):
            return checked
        updated = replace(current, updated_at=self.now(), **self._worker_fields(checked.value))
        return self._save_worker(updated, ChangeOp.UPDATE)

    def _worker_fields(self, valid: ValidWorker) -> dict[str, Any]:
        """The Worker fields that come from a validated draft."""
        number = valid.id_number.number
        return {
            "name": valid.name, "id_index": blind_index(self.settings.blind_index_key, number),
            "id_masked": mask_id_number(number), "id_number": number,
            "birth_date": valid.id_number.birth_date, "sex": valid.id_number.sex,
            "phone": valid.phone, "trades": valid.trades, "certificates": valid.certificates,
            "intentions": valid.intentions, "areas": valid.areas,
            "available_from": valid.available_from, "skills_note": valid.skills_note,
            "low_income": valid.low_income, "disabled": valid.disabled,
        }

    def _save_worker(self, worker: Worker, op: ChangeOp, *,
                     print_card: bool = False) -> Result[Worker]:
        """Store the worker unless another worker already has the same ID number."""
        try:
            with self.store.write() as tx:
                if self.store.workers.first("id_index = ? AND id != ?",
                                            [worker.id_index, worker.id]) is not None:
                    raise _AlreadyRegistered
                tx.save(worker, op)
                self.audit(tx, AuditAction.WORKER_REGISTER if op is ChangeOp.CREATE
                           else AuditAction.WORKER_UPDATE, worker)
                if print_card:
                    tx.queue_print(PrintKind.CARD, worker, iso_utc(worker.updated_at))
        except _AlreadyRegistered:
            return _already_registered()
        except sqlite3.IntegrityError as exc:
            if "id_index" not in str(exc):
                raise
            return _already_registered()
        return Ok(worker)

    def check_in(self, worker_id: str, *, print_ticket: bool = False) -> Result[CheckInResult]:
        """One check-in per worker per hall per day; a second try returns the same number.

        The worker need not be known locally (a card scanned at a terminal that never saw
        them): the check-in names the worker's id and the hub resolves it. An id the hub
        merged into another (the same person registered twice) checks in the other.
        """
        worker_id = self.store.canonical_worker_id(worker_id)
        day = self.today().isoformat()
        hall = self.settings.hall_id
        with self.store.write() as tx:
            earlier = self.store.checkins.first(
                "worker_id = ? AND hall_id = ? AND day = ?", [worker_id, hall, day])
            if earlier is not None:
                return Ok(CheckInResult(earlier, already=True))
            now = self.now()
            checkin = CheckIn(id=new_id(), hall_id=hall, worker_id=worker_id,
                              day=date.fromisoformat(day),
                              queue_no=tx.next_number(hall, day, "checkin"), created_at=now)
            tx.save(checkin, ChangeOp.CREATE)
            self.audit(tx, AuditAction.CHECK_IN, checkin)
            if print_ticket:
                tx.queue_print(PrintKind.QUEUE, checkin, iso_utc(now))
        return Ok(CheckInResult(checkin, already=False))

    # -- employers and jobs -----------------------------------------------------------
    def register_employer(self, draft: EmployerDraft) -> Result[Employer]:
        from kiosk.core.drafts import validate_employer  # noqa: PLC0415 - see top
        checked = validate_employer(draft)
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
            return _not_found("employer_id")
        checked = validate_job(draft, self.context())
        if isinstance(checked, Err):
            return checked
        wording = _wording_errors(draft, self.post_rules())
        if (refused := self._refuse_wording(wording, override_by)) is not None:
            return refused
        job = self._job(checked.value)
        with self.store.write() as tx:
            tx.save(job, ChangeOp.CREATE)
            self._audit_post(tx, job, wording, override_by)
        return Ok(job)

    def post_job_for_new_employer(self, employer_draft: EmployerDraft, job_draft: JobDraft, *,
                                  override_by: str | None = None,
                                  ) -> Result[tuple[Employer, JobPost]]:
        """A walk-in employer and their first post, checked together, stored together."""
        from kiosk.core.drafts import validate_employer, validate_job  # noqa: PLC0415 - see top
        employer_checked = validate_employer(employer_draft)
        job_checked = validate_job(replace(job_draft, employer_id="pending"), self.context())
        errors = tuple(e for r in (employer_checked, job_checked) if isinstance(r, Err)
                       for e in r.errors)
        wording = () if isinstance(job_checked, Err) else _wording_errors(
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
            tx.save(job, ChangeOp.CREATE)
            self._audit_post(tx, job, wording, override_by)
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

    def _audit_post(self, tx: WriteTransaction, job: JobPost, wording: tuple[FieldError, ...],
                    override_by: str | None) -> None:
        self.audit(tx, AuditAction.JOB_POST, job)
        if wording and override_by is not None:
            hits = "; ".join(f"{e.params['category']}: {e.params['phrase']}" for e in wording)
            clerk = f" (clerk {self.actor})" if self.actor else ""
            self.audit(tx, AuditAction.JOB_OVERRIDE, job, hits + clerk, staff_id=override_by)

    def find_employer_by_phone(self, raw: str) -> Employer | None:
        """The employer registered with this phone (the latest), for a returning employer."""
        from kiosk.core.fields import validate_phone  # noqa: PLC0415 - see top
        phone = validate_phone(raw)
        if isinstance(phone, Err):
            return None
        return self.store.employers.first("phone = ?", [phone.value],
                                          order_by="created_at DESC")

    def explain_wording(self, title: str, description: str,
                        language: str) -> tuple[bool, str]:
        """The discrimination check as staff read it while typing: (blocks saving, the
        explanation in `language`, empty when nothing was found)."""
        from kiosk.core.post_check import check_post, explain  # noqa: PLC0415

        check = check_post(f"{title}\n{description}", self.post_rules())
        return check.flagged, explain(check, language)

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

    def close_job(self, job_id: str, status: JobStatus = JobStatus.CLOSED) -> Result[JobPost]:
        if status is JobStatus.OPEN:
            return fail("status", "choice", N_("Please choose one of the options."))
        with self.store.write() as tx:
            job = self.store.jobs.get(job_id)
            if job is None:
                return _not_found("job_id")
            if job.status is not JobStatus.OPEN:
                return fail("job_id", "job_not_open", N_("This job is no longer open."))
            closed = replace(job, status=status, updated_at=self.now())
            tx.save(closed, ChangeOp.UPDATE)
            self.audit(tx, AuditAction.JOB_CLOSE, closed, status.value)
        return Ok(closed)

    def open_jobs(self, trades: frozenset[str] = frozenset(), limit: int = 300,
                  offset: int = 0) -> list[JobListing]:
        """Open jobs with places left, starting today or later: urgent first, then soonest.

        `trades` (catalogue codes) narrows the list; empty means every trade. `offset`
        skips that many (a page of the touchscreen's list reads only that page).
        """
        where, params = self._open_jobs_filter(trades)
        jobs = list(self.store.jobs.where(where, params, order_by=OPEN_JOBS_ORDER, limit=limit,
                                          offset=offset))
        names = self._employer_names({job.employer_id for job in jobs})
        return [JobListing(job, names.get(job.employer_id, "")) for job in jobs]

    def open_job_listing(self, job_id: str) -> JobListing | None:
        """The job `job_id` if it is open, as `open_jobs` lists it (a scanned job code)."""
        where, params = self._open_jobs_filter(frozenset())
        job = self.store.jobs.first(f"id = ? AND {where}", [job_id, *params])
        if job is None:
            return None
        return JobListing(job, self._employer_names({job.employer_id}).get(job.employer_id, ""))

    def count_open_jobs(self, trades: frozenset[str] = frozenset()) -> int:
        """How many jobs `open_jobs(trades)` would list, without reading them."""
        return self.store.jobs.count(*self._open_jobs_filter(trades))

    def _open_jobs_filter(self, trades: frozenset[str]) -> tuple[str, list[str]]:
        where, params = OPEN_JOBS_WHERE, [self.today().isoformat()]
        if trades:
            where += f" AND trade IN ({', '.join('?' * len(trades))})"
            params += sorted(trades)
        return where, params

    def _employer_names(self, ids: set[str]) -> dict[str, str]:
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        employers = self.store.employers.where(f"id IN ({marks})", sorted(ids))
        return {e.id: e.display_name for e in employers}

    # -- referrals (即时快招) -----------------------------------------------------------
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
                return _not_found("job_id")
            if job.status is not JobStatus.OPEN or job.headcount_left == 0:
                return fail("job_id", "job_not_open", N_("This job is no longer open."))
            earlier = self.store.referrals.first(
                "job_id = ? AND worker_id = ? AND status IN ('requested', 'referred', 'hired')",
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
                return _not_found("referral_id")
            if status not in _NEXT_STATUSES.get(referral.status, frozenset()):
                return fail("status", "status_transition", N_(
                    "This referral cannot change to that status."))
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

    def _fill_place(self, tx: WriteTransaction, job_id: str, now: datetime) -> Result[JobPost]:
        job = self.store.jobs.get(job_id)
        if job is None:
            return _not_found("job_id")
        if job.status is not JobStatus.OPEN or job.headcount_left == 0:
            return fail("job_id", "job_not_open", N_("This job is no longer open."))
        filled = job.headcount_filled + 1
        status = JobStatus.FILLED if filled >= job.headcount else JobStatus.OPEN
        updated = replace(job, headcount_filled=filled, status=status, updated_at=now)
        tx.save(updated, ChangeOp.UPDATE)
        return Ok(updated)

    def _new_referral(self, tx: WriteTransaction, job: JobPost, worker_id: str,
                      origin: ReferralOrigin) -> Referral:
        now = self.now()
        touch = origin is ReferralOrigin.TOUCHSCREEN
        queue_no = (tx.next_number(self.settings.hall_id, self.today().isoformat(), "request")
                    if touch else None)
        return Referral(
            id=new_id(), hall_id=self.settings.hall_id, job_id=job.id, worker_id=worker_id,
            status=ReferralStatus.REQUESTED if touch else ReferralStatus.REFERRED,
            origin=origin, queue_no=queue_no, note="", created_at=now, updated_at=now)

    # -- hardship "131", complaints, notices ------------------------------------------
    def add_service_event(self, worker_id: str, kind: ServiceKind, note: str = "",
                          job_id: str | None = None) -> Result[ServiceEvent]:
        if self.worker(worker_id) is None:
            return _not_found("worker_id")
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
        """A wage-arrears complaint, with a receipt number unique across the city."""
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
                employer_name=v.employer_name, employer_id=v.employer_id,
                amount_cents=v.amount_cents, period_from=v.period_from, period_to=v.period_to,
                description=v.description, status=ComplaintStatus.RECEIVED, created_at=now,
                updated_at=now)
            tx.save(complaint, ChangeOp.CREATE)
            self.audit(tx, AuditAction.COMPLAINT, complaint)
            if print_receipt:
                tx.queue_print(PrintKind.COMPLAINT, complaint, iso_utc(now))
        return Ok(complaint)

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

    # -- status -----------------------------------------------------------------------
    def pending_sync_count(self) -> int:
        """Records entered here and not yet acknowledged by the city hub."""
        counts = self.store.outbox.counts_by_state()
        unsent = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.QUARANTINED)
        return sum(counts.get(state.value, 0) for state in unsent)

    def status(self) -> dict[str, object]:
        """Counts per entity, outbox by state and the age of the oldest unsent change."""
        oldest = self.store.outbox.oldest_unsent_created_at()
        age = None
        if oldest is not None:
            created = datetime.fromisoformat(oldest.replace("Z", "+00:00"))
            age = max(0.0, (self.now() - created) / timedelta(seconds=1))
        return {
            "hall": {"id": self.settings.hall_id, "terminal": self.settings.terminal_id},
            "records": self.store.counts(),
            "outbox": self.store.outbox.counts_by_state(),
            "oldest_pending_age_s": None if age is None else round(age, 1),
            "print_jobs": self.store.print_queue.counts_by_state(),
        }

    # -- builders ---------------------------------------------------------------------
    def _employer(self, v: ValidEmployer) -> Employer:
        now = self.now()
        return Employer(id=new_id(), hall_id=self.settings.hall_id, kind=v.kind, name=v.name,
                        display_name=v.display_name, contact_name=v.contact_name,
                        phone=v.phone, uscc=v.uscc, created_at=now, updated_at=now)

    def _job(self, v: ValidJob) -> JobPost:
        now = self.now()
        return JobPost(
            id=new_id(), hall_id=self.settings.hall_id, employer_id=v.employer_id,
            trade=v.trade, title=v.title, description=v.description,
            certificates=v.certificates, employment_type=v.employment_type, area=v.area,
            place=v.place, start_date=v.start_date, start_time=v.start_time,
            hours_per_day=v.hours_per_day, pay_cents=v.pay_cents, pay_unit=v.pay_unit,
            settlement=v.settlement, headcount=v.headcount, headcount_filled=0,
            urgent=v.urgent, status=JobStatus.OPEN, created_at=now, updated_at=now)


class _AlreadyRegistered(Exception):
    """Raised inside the write transaction to roll it back."""


def _already_registered() -> Err:
    return fail("id_number", "already_registered", N_(
        "This ID number is already registered. You can check in instead."))


def _not_found(field_name: str) -> Err:
    return fail(field_name, "not_found", N_("The record was not found."))


def _wording_errors(draft: JobDraft, rules: PostRules) -> tuple[FieldError, ...]:
    """The discrimination check (kiosk.core.post_check) on the post's free text."""
    from kiosk.core.post_check import post_errors  # noqa: PLC0415 - only when posting

    return post_errors({"title": draft.title, "description": draft.description}, rules)
