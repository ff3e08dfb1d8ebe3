"""今日待岗 for a hall's terminals: each time check-ins of a hall are stored, the hub puts
the hall's figure for that day in the hall's own feed (kind `hall_supply`): how many workers
checked in, by main trade. Counts only: no id, name or anything else about a person
travels. A worker known under two ids (merged) counts once; an erased worker still counts
(their anonymised record keeps the trades statistics need).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, select

from kiosk.core.codec import canonical_json
from kiosk.core.supply import SUPPLY_KIND, count_by_trade, main_trade, supply_payload
from sync.hub.schema import checkins, feed, worker_aliases, workers


def publish_supply(conn: Connection, hall_days: Iterable[tuple[str, date]]) -> None:
    """A feed entry with the figure of each (hall, day) whose check-ins just changed."""
    entries = []
    for hall_id, day in sorted(set(hall_days)):
        counts = count_by_trade(_main_trades(conn, hall_id, day))
        entries.append({"kind": SUPPLY_KIND, "record_id": f"supply-{day.isoformat()}",
                        "hall_id": hall_id,
                        "payload": canonical_json(supply_payload(hall_id, day, counts))})
    if entries:
        conn.execute(feed.insert(), entries)


def _main_trades(conn: Connection, hall_id: str, day: date) -> list[str]:
    """One main trade per worker numbered in the hall's queue on `day`."""
    marker = f'"day":"{day.isoformat()}"'  # canonical JSON: a cheap filter, checked below
    ids = set()
    for (text,) in conn.execute(select(checkins.c.payload).where(
            checkins.c.hall_id == hall_id, checkins.c.payload.contains(marker))):
        checkin = json.loads(text)
        if checkin.get("day") == day.isoformat() and checkin.get("queue_no") is not None:
            ids.add(str(checkin["worker_id"]))
    if not ids:
        return []
    canonical = {str(a): str(c) for a, c in conn.execute(
        select(worker_aliases.c.alias_id, worker_aliases.c.canonical_id).where(
            worker_aliases.c.alias_id.in_(sorted(ids))))}
    people = {canonical.get(i, i) for i in ids}
    trades = {str(row.id): main_trade(json.loads(row.payload).get("trades"))
              for row in conn.execute(select(workers.c.id, workers.c.payload).where(
                  workers.c.id.in_(sorted(people | ids))))}
    return [trades.get(person) or trades.get(_alias_of(person, canonical, ids), "")
            for person in sorted(people)]


def _alias_of(person: str, canonical: dict[str, str], ids: set[str]) -> str:
    """An id this person checked in under (their canonical record may be elsewhere)."""
    return next((alias for alias in sorted(ids) if canonical.get(alias) == person), person)
