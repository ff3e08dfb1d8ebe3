"""How long a job stays on the board and in the open-job lists: from its start until its
end date, or, when it has none, for as long as its 用工方式 lasts by rule.

A 日结 or 小时工 job with no end date is one day's work; a 季节 or 长期 job with no end date
stays listed for weeks from its start (it used to vanish the day after it started). Filled,
cancelled and expired jobs leave at once (`status`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.core.records import Intention, JobPost, JobStatus

MAX_LISTED_DAYS = 366


@dataclass(frozen=True, slots=True)
class ListingRule:
    """Per 用工方式, the days a job without an end date is listed, its start day included
    (`[policy] listed_days_*` in the hall's config)."""

    daily: int = 1
    hourly: int = 1
    seasonal: int = 90
    long_term: int = 30

    def days_after_start(self, kind: Intention) -> int:
        days = {Intention.DAILY: self.daily, Intention.HOURLY: self.hourly,
                Intention.SEASONAL: self.seasonal, Intention.LONG_TERM: self.long_term}[kind]
        return max(0, min(days, MAX_LISTED_DAYS) - 1)


DEFAULT_LISTING = ListingRule()


def listed_until(job: JobPost, rule: ListingRule = DEFAULT_LISTING) -> date:
    """The last day the job is listed (while it is open with places left)."""
    if job.end_date is not None:
        return job.end_date
    return job.start_date + timedelta(days=rule.days_after_start(job.employment_type))


def is_listed(job: JobPost, today: date, rule: ListingRule = DEFAULT_LISTING) -> bool:
    """What the open-job queries select (`kiosk.store.open_jobs`), for one job."""
    return (job.status is JobStatus.OPEN and job.headcount_left > 0
            and listed_until(job, rule) >= today)


def working_days(job: JobPost) -> int | None:
    """Days from start to end date inclusive; None when the job has no end date."""
    if job.end_date is None:
        return None
    return (job.end_date - job.start_date).days + 1
