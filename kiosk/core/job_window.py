"""How long a job stays on the board and in the open-job lists: from its start until its
end date, or, when it has none, for as long as its 用工方式 lasts by rule.

A 日结 or 小时工 job with no end date is one day's work; a 季节 or 长期 job with no end date
stays listed for weeks from its start (it used to vanish the day after it started). Filled,
cancelled and expired jobs leave at once (`status`).
"""

from __future__ import annotations

from datetime import date, timedelta

from kiosk.core.records import Intention, JobPost, JobStatus

# Per 用工方式: days after the start date a job without an end date is still listed.
LISTED_DAYS_AFTER_START: dict[Intention, int] = {
    Intention.DAILY: 0,
    Intention.HOURLY: 0,
    Intention.SEASONAL: 89,
    Intention.LONG_TERM: 29,
}


def listed_until(job: JobPost) -> date:
    """The last day the job is listed (while it is open with places left)."""
    if job.end_date is not None:
        return job.end_date
    return job.start_date + timedelta(days=LISTED_DAYS_AFTER_START[job.employment_type])


def is_listed(job: JobPost, today: date) -> bool:
    """What the open-job queries select (`kiosk.store.open_jobs`), for one job."""
    return (job.status is JobStatus.OPEN and job.headcount_left > 0
            and listed_until(job) >= today)


def working_days(job: JobPost) -> int | None:
    """Days from start to end date inclusive; None when the job has no end date."""
    if job.end_date is None:
        return None
    return (job.end_date - job.start_date).days + 1
