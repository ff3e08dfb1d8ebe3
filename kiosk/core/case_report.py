"""Casework figures in words, as the counter's statistics and the `kiosk report` command
show them: complaints by type and status, and how long they stay open
(kiosk.core.reports.DaysOpen)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from kiosk.core.casework import KIND_NAMES, STATUS_NAMES
from kiosk.core.errors import N_
from kiosk.core.records import ComplaintKind, ComplaintStatus
from kiosk.core.reports import AGE_BUCKETS, ComplaintTally, DaysOpen

Translate = Callable[[str], str]


def days_text(days: float) -> str:
    """12, or 12.5 for the median of an even count."""
    return f"{days:g}"


def days_open_lines(found: DaysOpen, t: Translate) -> list[str]:
    """Two lines: the open cases by age (and the oldest), then those ended and the median."""
    ages = t(N_(", ")).join(t(N_("{label}: {count}")).format(label=t(label), count=count)
                            for (_low, _high, label), count in zip(
                                AGE_BUCKETS, found.open_by_age, strict=True))
    first = t(N_("Open on {day}: {count} ({ages})")).format(
        day=found.as_of.isoformat(), count=found.open_cases, ages=ages)
    if found.oldest_open_days is not None:
        first += t(N_("; the oldest open for {days} days")).format(days=found.oldest_open_days)
    if found.median_days_to_end is None:
        return [first, t(N_("Resolved or closed in the period: none"))]
    return [first, t(N_("Resolved or closed in the period: {count}, after a median of "
                        "{days} days")).format(count=found.ended,
                                               days=days_text(found.median_days_to_end))]


def tally_lines(tallies: Iterable[ComplaintTally], t: Translate) -> list[str]:
    """One line per kind of dispute: its total and the count in each status."""
    by_kind: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for tally in tallies:
        by_kind[tally.kind][tally.status] = tally.count
    lines = []
    for kind in ComplaintKind:
        statuses = by_kind.get(kind.value)
        if not statuses:
            continue
        parts = t(N_(", ")).join(
            t(N_("{label}: {count}")).format(label=t(STATUS_NAMES[status]),
                                             count=statuses[status.value])
            for status in ComplaintStatus if statuses.get(status.value))
        lines.append(t(N_("{kind} {count} ({statuses})")).format(
            kind=t(KIND_NAMES[kind]), count=sum(statuses.values()), statuses=parts))
    return lines


def days_open_short(found: DaysOpen, t: Translate) -> list[str]:
    """`days_open_lines` in fewer words, for the counter's statistics (its day is shown)."""
    ages = t(N_(", ")).join(f"{t(label)} {count}" for (_low, _high, label), count in zip(
        AGE_BUCKETS, found.open_by_age, strict=True))
    first = t(N_("Open {count}: {ages}")).format(count=found.open_cases, ages=ages)
    if found.oldest_open_days is not None:
        first += t(N_("; oldest {days} days")).format(days=found.oldest_open_days)
    if found.median_days_to_end is None:
        return [first, t(N_("Ended: none"))]
    return [first, t(N_("Ended: {count}, median {days} days")).format(
        count=found.ended, days=days_text(found.median_days_to_end))]
