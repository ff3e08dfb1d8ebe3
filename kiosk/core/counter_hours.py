"""When staff are at the counter: what a receipt printed while it is closed tells people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta


@dataclass(frozen=True, slots=True)
class CounterHours:
    """When staff are at the counter each day (`[counter] opens` / `closes`, hall time)."""

    opens: time = time(8, 30)
    closes: time = time(17, 30)


def counter_opens_next(now: datetime, hours: CounterHours) -> datetime | None:
    """When the counter opens next, in `now`'s timezone; None while it is open."""
    today = now.date()
    if hours.opens <= now.time() < hours.closes:
        return None
    day = today if now.time() < hours.opens else today + timedelta(days=1)
    return datetime.combine(day, hours.opens, now.tzinfo)


def parse_hhmm(text: str) -> time:
    """"06:30" as a time (the text is checked already: [counter] in config)."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))
