"""Workers of other halls this terminal knows through the city hub (kiosk.core.city_workers):
their masked profile as a worker row (matching, check-in and the desk read it like any
other) and a `hub_workers` row naming the home hall. Neither is ever put in the outbox:
the worker's record belongs to the home hall, which alone sends it to the hub.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime

from kiosk.core.city_workers import is_card_only
from kiosk.core.erasure import anonymised, is_erased
from kiosk.core.records import Worker
from kiosk.store.store import Store, WriteTransaction

_MARK = ("INSERT INTO hub_workers (worker_id, home_hall, home_hall_name, looked_up_at) "
         "VALUES (?, ?, ?, ?) ON CONFLICT (worker_id) DO UPDATE SET "
         "home_hall = excluded.home_hall, home_hall_name = excluded.home_hall_name, "
         "looked_up_at = excluded.looked_up_at")


@dataclass(frozen=True, slots=True)
class HomeHall:
    hall_id: str
    name: str  # "" when the hub has no name for it
    looked_up_at: str

    @property
    def label(self) -> str:
        return self.name or self.hall_id


def home_hall(conn: sqlite3.Connection, worker_id: str) -> HomeHall | None:
    """The home hall of a worker known through the hub; None for a worker of this
    terminal's own (or unknown)."""
    row = conn.execute("SELECT home_hall, home_hall_name, looked_up_at FROM hub_workers "
                       "WHERE worker_id = ?", (worker_id,)).fetchone()
    return None if row is None else HomeHall(str(row[0]), str(row[1]), str(row[2]))


def keep_profile(store: Store, tx: WriteTransaction, worker: Worker, hall_name: str,
                 at: str) -> Worker | None:
    """In the caller's transaction: keep (or refresh) the masked copy; the worker kept, or
    None when this terminal has the worker as a record of its own (never overwritten).
    A refresh keeps the ID number's index and mask typed here before."""
    current = store.workers.get(worker.id)
    if current is not None and home_hall(store.conn, worker.id) is None:
        return None
    if current is not None and is_card_only(worker) and not is_card_only(current):
        worker = replace(worker, id_index=current.id_index, id_masked=current.id_masked)
    store.workers.upsert(worker)
    store.conn.execute(_MARK, (worker.id, worker.hall_id, hall_name, at))
    tx.changed.add("worker")
    return worker


def anonymise_copy(store: Store, tx: WriteTransaction, worker_id: str,
                   now_utc: datetime) -> Worker | None:
    """In the caller's transaction: a copy of a worker erased at their request becomes the
    anonymised record (no outbox change: the home hall sends the erasure). The anonymised
    worker, or None when this terminal holds no such copy."""
    worker = store.workers.get(worker_id)
    if worker is None or is_erased(worker) or home_hall(store.conn, worker_id) is None:
        return None
    erased = anonymised(worker, now_utc)
    store.workers.upsert(erased)
    tx.changed.add("worker")
    return erased


_STRANGERS = """
SELECT DISTINCT c.worker_id FROM checkins c
WHERE c.hall_id = :hall
  AND c.day >= date((SELECT max(day) FROM checkins WHERE hall_id = :hall), :back)
  AND c.created_at >= :since
  AND NOT EXISTS (SELECT 1 FROM workers w WHERE w.id = c.worker_id)
  AND NOT EXISTS (SELECT 1 FROM worker_aliases a JOIN workers w ON w.id = a.canonical_id
                  WHERE a.alias_id = c.worker_id)
ORDER BY c.worker_id LIMIT :limit
"""


def strangers(conn: sqlite3.Connection, hall_id: str, days: int, limit: int,
              since: str = "") -> list[str]:
    """Workers checked in at the hall on its last `days` days of check-ins (by a card of
    another hall, perhaps offline), not before `since`, of whom this terminal has no row:
    the hub may show their masked profile. (`since`: a check-in older than the days a copy
    is kept unused would not keep one; nor is a copy that expired fetched again by it.)"""
    return [str(row[0]) for row in conn.execute(_STRANGERS, {
        "hall": hall_id, "back": f"-{days - 1} days", "limit": limit, "since": since})]
