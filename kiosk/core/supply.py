"""今日待岗: how many workers checked in at a hall today, by trade (S5, annex 3 §4, §12).

A hall-level figure of counts only: never a name, an id or anything else about a person.
Each worker counts once, under their first (main) trade; a worker whose trade is not known
here counts under "" (other trades). Workers who asked for their data to be erased are
still counted: erasure keeps the trades for statistics (kiosk.store.erase), and a count
says nothing about anyone.

The hub publishes the figure of every check-in it holds for the hall (feed kind
`hall_supply`); a terminal adds its own check-ins the hub has not acknowledged yet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

SUPPLY_KIND = "hall_supply"
OTHER = ""  # the trade of a worker this place does not know
MAX_TRADES = 200  # more in one published figure is not a figure: ignored
MAX_COUNT = 100_000
_MAX_CODE = 16


@dataclass(frozen=True, slots=True)
class Supply:
    day: date
    trades: tuple[tuple[str, int], ...]  # (trade code, workers), most first

    @property
    def total(self) -> int:
        return sum(n for _code, n in self.trades)


def main_trade(trades: Iterable[str] | None) -> str:
    """The trade a worker is counted under: their first one, or OTHER."""
    for code in trades or ():
        return str(code)
    return OTHER


def ranked(counts: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """Most workers first; "other trades" last; ties in code order (a stable picture)."""
    return tuple(sorted(((c, n) for c, n in counts.items() if n > 0),
                        key=lambda item: (item[0] == OTHER, -item[1], item[0])))


def count_by_trade(main_trades: Iterable[str]) -> dict[str, int]:
    return dict(Counter(main_trades))


def supply_payload(hall_id: str, day: date, counts: Mapping[str, int]) -> dict[str, Any]:
    """What the hub publishes for a hall's day."""
    return {"hall_id": hall_id, "day": day.isoformat(), "trades": dict(sorted(counts.items()))}


def parse_supply(payload: object) -> Supply | None:
    """A published figure, or None when it is not one (wrong types, too many trades,
    negative or absurd counts): the terminal then keeps what it had."""
    if not isinstance(payload, Mapping):
        return None
    trades, day_text = payload.get("trades"), payload.get("day")
    if not isinstance(trades, Mapping) or not isinstance(day_text, str):
        return None
    if len(trades) > MAX_TRADES:
        return None
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return None
    counts: dict[str, int] = {}
    for code, n in trades.items():
        if (not isinstance(code, str) or len(code) > _MAX_CODE or isinstance(n, bool)
                or not isinstance(n, int) or not 0 <= n <= MAX_COUNT):
            return None
        counts[code] = n
    return Supply(day, ranked(counts))


def merged(day: date, published: Supply | None, local_unsent: Mapping[str, int],
           local_all: Mapping[str, int]) -> Supply:
    """The hall's figure for `day`: the hub's (when it has published one for that day) plus
    this terminal's check-ins it has not acknowledged; otherwise this terminal's own."""
    if published is None or published.day != day:
        return Supply(day, ranked(local_all))
    total = Counter(dict(published.trades))
    total.update(local_unsent)
    return Supply(day, ranked(total))
