"""即时快招 at the counter: fit workers for a job, fit jobs for a worker, the queue of
touchscreen requests (我想干), referral and the outcome (hired / declined / no-show).

Writes go through Services (audited when it acts for a staff member); this module adds
the indexed reads and the core ranking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, Ok, Result, fail
from kiosk.core.matching import (
    JobMatch,
    Match,
    MatchPolicy,
    long_wait_before,
    older_born_by,
    rank_jobs,
    rank_workers,
)
from kiosk.core.protected_work import adult_born_by
from kiosk.core.records import (
    JobPost,
    Referral,
    ReferralOrigin,
    ReferralStatus,
    Sex,
    Worker,
)
from kiosk.services.hall import Services
from kiosk.services.jobs import OPEN_JOBS_ORDER
from kiosk.store.matching import JobQuery, MatchReader


@dataclass(frozen=True, slots=True)
class RequestRow:
    """A worker's 我想干 request from the touchscreen, waiting for the counter."""

    referral: Referral
    worker: Worker | None  # None when the worker registered elsewhere and is not known here
    job: JobPost


class Dispatch:
    def __init__(self, services: Services) -> None:
        self.services = services
        self._reader = MatchReader(services.store.conn)
        settings = services.settings
        self._settings = settings

    @property
    def policy(self) -> MatchPolicy:
        """The hall's settings, and the work the city's latest rules keep from minors."""
        return MatchPolicy(older=self._settings.older,
                           long_wait_days=self._settings.long_wait_days,
                           protected=self.services.post_rules().protected)

    def fit_workers(self, job_id: str, limit: int = 50) -> Result[list[Match]]:
        """The workers who fit the job, in fair rotation order, each with its reasons."""
        job = self.services.store.jobs.get(job_id)
        if job is None:
            return fail("job_id", "not_found", N_("The record was not found."))
        today, now = self.services.today(), self.services.now()
        candidates = self._reader.candidates_for_job(self._query(job, today, now), limit)
        return Ok(rank_workers(job, candidates, today=today, now=now, policy=self.policy,
                               limit=limit))

    def _query(self, job: JobPost, today: date, now: datetime) -> JobQuery:
        older = self.policy.older
        barred = self.services.post_rules().protected.minors.item_for_job(job) is not None
        return JobQuery(
            job_id=job.id, trade=job.trade, start=job.start_date, area=job.area,
            kind=job.employment_type.value, certificates=job.certificates,
            hall_id=self.services.settings.hall_id, day=today,
            day_starts_at=iso_utc(self.services.day_starts_at(today)),
            long_wait_before=iso_utc(long_wait_before(now, self.policy)),
            men_born_by=older_born_by(older, Sex.MALE, today),
            women_born_by=older_born_by(older, Sex.FEMALE, today),
            exclude_hired_today=job.start_date <= today,
            adults_born_by=adult_born_by(today) if barred else None)

    def fit_jobs(self, worker_id: str, limit: int = 50) -> Result[list[JobMatch]]:
        """Open jobs with places left in the worker's trades, best first."""
        today = self.services.today()
        candidate = self._reader.candidate(
            worker_id, hall_id=self.services.settings.hall_id, day=today,
            day_starts_at=iso_utc(self.services.day_starts_at(today)))
        if candidate is None:
            return fail("worker_id", "not_found", N_("The record was not found."))
        marks = ", ".join("?" * len(candidate.trades))
        jobs = list(self.services.store.jobs.where(
            f"{self.services.open_jobs_where} AND trade IN ({marks})",
            [today.isoformat(), *candidate.trades],
            order_by=OPEN_JOBS_ORDER, limit=500))
        return Ok(rank_jobs(candidate, jobs, today,
                            self.services.post_rules().protected)[:limit])

    def requests(self) -> list[RequestRow]:
        """Open 我想干 requests, oldest first (as the workers queued)."""
        store = self.services.store
        rows = []
        for referral in store.referrals.where(
                "status = 'requested'", order_by="created_at, queue_no"):
            job = store.jobs.get(referral.job_id)
            if job is not None:
                rows.append(RequestRow(referral, store.workers.get(referral.worker_id), job))
        return rows

    def refer(self, job_id: str, worker_id: str) -> Result[Referral]:
        """Send a worker to the employer; prints the referral slip."""
        return self.services.refer(job_id, worker_id, ReferralOrigin.COUNTER, print_ticket=True)

    def accept_request(self, referral_id: str) -> Result[Referral]:
        """A touchscreen request taken on: the worker is referred (slip printed)."""
        return self.services.record_outcome(referral_id, ReferralStatus.REFERRED,
                                            print_slip=True)

    def confirm(self, referral_id: str, outcome: ReferralStatus) -> Result[Referral]:
        """即时快招 confirmation: hired fills a place and prints the slip; or declined /
        no-show."""
        if outcome not in (ReferralStatus.HIRED, ReferralStatus.DECLINED,
                           ReferralStatus.NO_SHOW):
            return fail("status", "choice", N_("Please choose one of the options."))
        return self.services.record_outcome(referral_id, outcome,
                                            print_slip=outcome is ReferralStatus.HIRED)

    def referrals_for_job(self, job_id: str) -> list[tuple[Referral, Worker | None]]:
        """Who was sent to or asked for the job, newest first, with the worker if known."""
        store = self.services.store
        return [(r, store.workers.get(r.worker_id)) for r in store.referrals.where(
            "job_id = ?", [job_id], order_by="created_at DESC")]
