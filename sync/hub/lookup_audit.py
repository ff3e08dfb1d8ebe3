"""The city reads and prunes its audit of worker lookups (sync.hub.lookup, `worker_lookups`).

Reading answers a worker's "who looked me up" (PIPL art. 45): every lookup that showed them,
with the terminal, its hall and the time; or a hall's lookups, to see a terminal walking ID
numbers. Pruning keeps the audit as long as it is needed, and no longer: a row older than
the retention is deleted. The retention must outlast every hall's copies of the workers it
was shown (kiosk.core.city_workers: at most 360 days), because the audit also names the
halls an erasure must reach (`lookup.halls_holding`).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, delete, select

from kiosk.core.codec import iso_utc
from sync.hub.schema import terminals, worker_lookups

RETENTION_ENV = "KIOSK_HUB_LOOKUP_DAYS"
DEFAULT_RETENTION_DAYS = 365  # a year of answers to "who looked me up"; > 360, see above
MIN_RETENTION_DAYS = 361  # shorter would forget halls that may still hold a copy


@dataclass(frozen=True, slots=True)
class Lookup:
    at: str
    terminal_id: str
    terminal_name: str
    hall_id: str
    by: str  # id_number | card
    worker_id: str | None  # None: nobody was shown

    def to_json(self) -> dict[str, str | None]:
        return asdict(self)


def lookups(conn: Connection, *, worker_id: str | None = None, hall_id: str | None = None,
            since: date | None = None, until: date | None = None,
            limit: int = 10_000) -> list[Lookup]:
    """The lookups that showed `worker_id`, or that `hall_id`'s terminals made, between the
    UTC days `since` and `until` (both included), oldest first."""
    query = (select(worker_lookups, terminals.c.name)
             .select_from(worker_lookups.outerjoin(
                 terminals, terminals.c.id == worker_lookups.c.terminal_id))
             .order_by(worker_lookups.c.seq).limit(limit))
    if worker_id is not None:
        query = query.where(worker_lookups.c.worker_id == worker_id)
    if hall_id is not None:
        query = query.where(worker_lookups.c.hall_id == hall_id)
    if since is not None:
        query = query.where(worker_lookups.c.at >= since.isoformat())
    if until is not None:
        query = query.where(worker_lookups.c.at < (until + timedelta(days=1)).isoformat())
    return [Lookup(str(r.at), str(r.terminal_id), str(r.name or ""), str(r.hall_id),
                   str(r.by), None if r.worker_id is None else str(r.worker_id))
            for r in conn.execute(query)]


def retention_days() -> int:
    """The configured retention (`KIOSK_HUB_LOOKUP_DAYS`), else the default. Raises
    ValueError when it is not a whole number of days."""
    return int(os.environ.get(RETENTION_ENV, "").strip() or DEFAULT_RETENTION_DAYS)


def purge(conn: Connection, days: int, now: datetime | None = None) -> tuple[int, str]:
    """Delete the lookups made more than `days` days ago; (how many, the cut-off time)."""
    cutoff = iso_utc((now or datetime.now(UTC)) - timedelta(days=days))
    gone = conn.execute(delete(worker_lookups).where(worker_lookups.c.at < cutoff)).rowcount
    return int(gone or 0), cutoff
