"""The SQL of "a job is open and listed today" (`kiosk.core.job_window` in SQL): used by
the touchscreen's list, matching, the board and the statistics alike."""

from __future__ import annotations

from kiosk.core.job_window import DEFAULT_LISTING, ListingRule
from kiosk.core.records import Intention


def listed_until_sql(alias: str = "", rule: ListingRule = DEFAULT_LISTING) -> str:
    """The last day a job row is listed: its end date, or its start plus the days its
    用工方式 stays listed by rule (integers from the checked config, never from input)."""
    p = f"{alias}." if alias else ""
    cases = " ".join(f"WHEN '{kind.value}' THEN {int(rule.days_after_start(kind))}"
                     for kind in Intention)
    return (f"COALESCE({p}end_date, date({p}start_date, '+' || "
            f"(CASE {p}employment_type {cases} ELSE 0 END) || ' days'))")


def open_jobs_sql(today: str = "?", alias: str = "",
                  rule: ListingRule = DEFAULT_LISTING) -> str:
    """Open, with places left, and listed on the day bound to `today` (a placeholder)."""
    p = f"{alias}." if alias else ""
    return (f"{p}status = 'open' AND {p}headcount > {p}headcount_filled "
            f"AND {listed_until_sql(alias, rule)} >= {today}")
