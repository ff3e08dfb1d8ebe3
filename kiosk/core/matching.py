"""Matching workers and jobs (S6, S7), with fair rotation and hardship priority.

A worker fits a job when they do its trade, hold every certificate it asks for, and are
available on its start day. Among fit workers the order is:

1. checked in at the hall today (they can start now), then
2. the job's area among the worker's preferred areas (or no preference), then
3. the job's kind of work (日结, 小时工, …) among the worker's intentions, then
4. hardship workers (long wait, low income, disability, older) first, then
5. fair rotation: the longest wait since the last dispatch (or since registration, for
   someone never dispatched) first; then the earlier queue number, then the id.

Every row carries the reasons for its place, as translatable messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.core.privacy import OlderWorkerRule
from kiosk.core.protected_work import NO_PROTECTED_WORK, ProtectedWork, minor_barred_item
from kiosk.core.queue_numbers import queue_label
from kiosk.core.records import Intention, JobPost, Sex


class Hardship(StrEnum):
    LONG_WAIT = "long_wait"
    LOW_INCOME = "low_income"
    DISABLED = "disabled"
    OLDER = "older"


HARDSHIP_LABELS = {
    Hardship.LONG_WAIT: N_("Long wait for work"),
    Hardship.LOW_INCOME: N_("Low-income family"),
    Hardship.DISABLED: N_("Disability"),
    Hardship.OLDER: N_("Older worker"),
}
_HARDSHIP_REASONS = {
    Hardship.LONG_WAIT: N_("priority: no work for {days} days or more"),
    Hardship.LOW_INCOME: N_("priority: low-income family"),
    Hardship.DISABLED: N_("priority: disability"),
    Hardship.OLDER: N_("priority: older worker"),
}


@dataclass(frozen=True, slots=True)
class MatchPolicy:
    older: OlderWorkerRule = field(default_factory=OlderWorkerRule)
    long_wait_days: int = 30  # no hire for this many days counts as hardship
    # Work the law keeps from minors (the city's posting rules): never matched with them
    protected: ProtectedWork = NO_PROTECTED_WORK


@dataclass(frozen=True, slots=True)
class Candidate:
    """What matching needs to know about a worker (a narrow read, not the whole record)."""

    worker_id: str
    name: str
    sex: Sex
    birth_date: date
    trades: tuple[str, ...]
    certificates: tuple[str, ...]
    intentions: tuple[Intention, ...]
    areas: tuple[str, ...]
    available_from: date
    low_income: bool
    disabled: bool
    registered_at: datetime
    queue_no: int | None  # today's check-in number at this hall, if checked in
    last_dispatch_at: datetime | None  # last referral sent by staff (any outcome)
    last_hire_at: datetime | None
    hired_today: bool = False  # already placed today: not offered for another job today
    phone: str = ""  # for staff to call (shown masked)
    queue_prefix: str = ""  # the letter of today's number (A012), kiosk.core.queue_numbers


@dataclass(frozen=True, slots=True)
class Reason:
    message: str  # an N_ msgid
    params: tuple[tuple[str, str | int], ...] = ()

    def text(self, language: str) -> str:
        return translate(self.message, language).format(**dict(self.params))


@dataclass(frozen=True, slots=True)
class Match:
    candidate: Candidate
    rank: int  # 1 = first
    checked_in: bool
    area_fits: bool
    intention_fits: bool
    hardships: tuple[Hardship, ...]
    waited_days: int
    reasons: tuple[Reason, ...]

    def why(self, language: str) -> str:
        return translate(N_("; "), language).join(r.text(language) for r in self.reasons)


def hardships(c: Candidate, today: date, now: datetime,
              policy: MatchPolicy) -> tuple[Hardship, ...]:
    found: list[Hardship] = []
    last_work = c.last_hire_at or c.registered_at
    if (now - last_work).days >= policy.long_wait_days:
        found.append(Hardship.LONG_WAIT)
    if c.low_income:
        found.append(Hardship.LOW_INCOME)
    if c.disabled:
        found.append(Hardship.DISABLED)
    if policy.older.is_older(c.birth_date, c.sex, today):
        found.append(Hardship.OLDER)
    return tuple(found)


def older_born_by(rule: OlderWorkerRule, sex: Sex, day: date) -> str:
    """The ISO date on or before which a person of `sex` was born to count as older on
    `day` (a string, so 29 February compares right): what `is_older` says, for SQL."""
    years = rule.men if sex is Sex.MALE else rule.women
    return f"{day.year - years:04d}-{day.month:02d}-{day.day:02d}"


def long_wait_before(now: datetime, policy: MatchPolicy) -> datetime:
    """No hire since this moment makes the long-wait hardship."""
    return now - timedelta(days=policy.long_wait_days)


def fits(job: JobPost, c: Candidate, today: date | None = None,
         protected: ProtectedWork = NO_PROTECTED_WORK) -> bool:
    """Trade, every certificate the job asks for, and available by its start day; and
    not work the law keeps from a 16–17-year-old (kiosk.core.protected_work)."""
    return (job.trade in c.trades and set(job.certificates) <= set(c.certificates)
            and c.available_from <= job.start_date
            and (today is None or minor_barred_item(c, job, today, protected) is None))


def rank_workers(job: JobPost, candidates: Iterable[Candidate], *, today: date, now: datetime,
                 policy: MatchPolicy, limit: int | None = None) -> list[Match]:
    """The fit candidates for `job`, best first, each with why it is where it is."""
    scored = [_score(job, c, today, now, policy) for c in candidates
              if fits(job, c, today, policy.protected)
              and not (c.hired_today and job.start_date <= today)]
    scored.sort(key=_order)
    chosen = scored if limit is None else scored[:limit]
    return [_explained(row, rank, policy) for rank, row in enumerate(chosen, start=1)]


@dataclass(frozen=True, slots=True)
class _Scored:
    candidate: Candidate
    checked_in: bool
    area_fits: bool
    intention_fits: bool
    hardships: tuple[Hardship, ...]
    waited_days: int
    waited_since: datetime
    never_dispatched: bool


def _score(job: JobPost, c: Candidate, today: date, now: datetime,
           policy: MatchPolicy) -> _Scored:
    since = c.last_dispatch_at or c.registered_at
    return _Scored(
        candidate=c, checked_in=c.queue_no is not None,
        area_fits=not c.areas or not job.area or job.area in c.areas,
        intention_fits=not c.intentions or job.employment_type in c.intentions,
        hardships=hardships(c, today, now, policy),
        waited_days=max(0, (now - since).days), waited_since=since,
        never_dispatched=c.last_dispatch_at is None)


def _order(s: _Scored) -> tuple[object, ...]:
    return (not s.checked_in, not s.area_fits, not s.intention_fits, not s.hardships,
            s.waited_since, s.candidate.queue_no or 0, s.candidate.worker_id)


def _explained(s: _Scored, rank: int, policy: MatchPolicy) -> Match:
    return Match(candidate=s.candidate, rank=rank, checked_in=s.checked_in,
                 area_fits=s.area_fits, intention_fits=s.intention_fits,
                 hardships=s.hardships, waited_days=s.waited_days,
                 reasons=_reasons(s, policy))


def _reasons(s: _Scored, policy: MatchPolicy) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    if s.candidate.queue_no is not None:
        number = queue_label(s.candidate.queue_prefix, s.candidate.queue_no)
        reasons.append(Reason(N_("checked in today (No. {number})"), (("number", number),)))
    else:
        reasons.append(Reason(N_("not checked in today")))
    if not s.area_fits:
        reasons.append(Reason(N_("prefers other areas")))
    if not s.intention_fits:
        reasons.append(Reason(N_("looks for another kind of work")))
    reasons.extend(Reason(_HARDSHIP_REASONS[h], (("days", policy.long_wait_days),))
                   for h in s.hardships)
    days = (("days", s.waited_days),)
    if s.never_dispatched:
        reasons.append(Reason(N_("never sent to a job; registered today"))
                       if s.waited_days == 0 else
                       Reason(N_("never sent to a job; registered {days} days ago"), days))
    else:
        reasons.append(Reason(N_("sent to a job today"))
                       if s.waited_days == 0 else
                       Reason(N_("{days} days since last sent to a job"), days))
    return tuple(reasons)


# -- jobs for a worker ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class JobMatch:
    job: JobPost
    rank: int
    area_fits: bool
    intention_fits: bool


def rank_jobs(c: Candidate, jobs: Sequence[JobPost], today: date | None = None,
              protected: ProtectedWork = NO_PROTECTED_WORK) -> list[JobMatch]:
    """Open jobs the worker fits: own area and kind of work first, then urgent, soonest.
    With `today`, work the law keeps from minors is never offered to a 16–17-year-old."""
    fit = [j for j in jobs if fits(j, c, today, protected)]

    def order(j: JobPost) -> tuple[object, ...]:
        area = not c.areas or not j.area or j.area in c.areas
        kind = not c.intentions or j.employment_type in c.intentions
        return (not area, not kind, not j.urgent, j.start_date, j.start_time or "99:99", j.id)

    fit.sort(key=order)
    return [JobMatch(j, rank, not c.areas or not j.area or j.area in c.areas,
                     not c.intentions or j.employment_type in c.intentions)
            for rank, j in enumerate(fit, start=1)]
