"""The hub re-runs the minimum-wage check (kiosk.core.wages) on every new job post, with
the figures of the city's posting rules it serves: a terminal that skipped the check, or
an old one, cannot put an underpaid job on every hall's board. Later versions of a job
(a cancel, a fill) are not checked again, so a job posted before the rule can still close.
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.core.errors import Err
from kiosk.core.records import JobPost, Record
from kiosk.core.wages import MinimumWage, check_pay
from sync.protocol import Change, Op


def underpaid_posts(items: Iterable[tuple[Change, Record]], rule: MinimumWage) -> set[str]:
    """The change ids of new job posts whose pay is below the minimum for its unit."""
    return {change.change_id for change, record in items
            if isinstance(record, JobPost) and change.op == Op.CREATE
            and isinstance(check_pay(rule, record.pay_cents, record.pay_unit,
                                     hours_per_day=record.hours_per_day,
                                     day_estimate_cents=record.day_estimate_cents), Err)}
