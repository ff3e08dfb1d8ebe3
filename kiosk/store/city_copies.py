"""Copies of other halls' workers expire (kiosk.core.city_workers): a copy this hall has not
used since `unused_before`, or whose profile the hub last gave before `asked_before`, is
removed — the worker row, its matching rows and its `hub_workers` mark. Nothing else of the
worker is the copy's: the check-ins, referrals and service events this hall made stay (they
are the hall's own records and its statistics), as they stay after an erasure.

Like an erasure (kiosk.store.erase), the bytes go everywhere: the connection runs with
`secure_delete` (the freed pages are zeroed), the WAL is emptied after the transaction, and
every backup already made loses the copy too.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.core.city_workers import LOOKUP_AGE_FACTOR
from kiosk.core.codec import iso_utc
from kiosk.store.backup import backup_dir_of, in_each_backup
from kiosk.store.forget import purge_wal
from kiosk.store.store import Store

log = logging.getLogger(__name__)

# The ids a copy's own records may name: the copy's id and the ids the hub merged into it.
_NAMES = ("(SELECT h.worker_id UNION ALL "
          "SELECT a.alias_id FROM worker_aliases AS a WHERE a.canonical_id = h.worker_id)")
_EXPIRED = f"""
SELECT h.worker_id FROM hub_workers AS h
WHERE h.looked_up_at < :asked_before
   OR (h.looked_up_at < :unused_before
       AND NOT EXISTS (SELECT 1 FROM checkins AS c WHERE c.worker_id IN {_NAMES}
                       AND c.created_at >= :unused_before)
       AND NOT EXISTS (SELECT 1 FROM referrals AS r WHERE r.worker_id IN {_NAMES}
                       AND r.updated_at >= :unused_before)
       AND NOT EXISTS (SELECT 1 FROM service_events AS s WHERE s.worker_id IN {_NAMES}
                       AND s.created_at >= :unused_before))
ORDER BY h.worker_id
"""
_IDS = "(SELECT value FROM json_each(?))"
_REMOVE = (f"DELETE FROM worker_match WHERE worker_id IN {_IDS}",
           f"DELETE FROM workers WHERE id IN {_IDS}",
           f"DELETE FROM hub_workers WHERE worker_id IN {_IDS}")


def expire_unused(store: Store, days: int, now: datetime) -> list[str]:
    """Remove the copies unused here for `days` ([privacy] city_copy_days), or last asked
    of the hub `LOOKUP_AGE_FACTOR` x `days` ago; their ids."""
    return expire_copies(store, iso_utc(now - timedelta(days=days)),
                         iso_utc(now - timedelta(days=days * LOOKUP_AGE_FACTOR)))


def expired_copies(conn: sqlite3.Connection, unused_before: str,
                   asked_before: str) -> list[str]:
    """The copies to remove (timestamps as kiosk.core.codec.iso_utc writes them)."""
    return [str(row[0]) for row in conn.execute(_EXPIRED, {
        "unused_before": unused_before, "asked_before": asked_before})]


def expire_copies(store: Store, unused_before: str, asked_before: str) -> list[str]:
    """Remove the expired copies from the database, its WAL and its backups; their ids.
    With none expired (most calls: each sync cycle asks) it only reads."""
    if not expired_copies(store.conn, unused_before, asked_before):
        return []
    with store.write() as tx:
        gone = expired_copies(store.conn, unused_before, asked_before)
        if gone:
            _remove(store.conn, gone)
            tx.changed.add("worker")
    if gone:
        purge_wal(store.conn)
        in_each_backup(backup_dir_of(store.path), lambda backup: _remove_in(backup, gone))
        log.info("%d copies of other halls' workers expired", len(gone))
    return gone


def _remove(conn: sqlite3.Connection, worker_ids: Sequence[str]) -> None:
    ids = json.dumps(list(worker_ids))
    for statement in _REMOVE:
        conn.execute(statement, (ids,))


def _remove_in(path: Path, worker_ids: Sequence[str]) -> int:
    """The same removal in one backup; 1 when it held any of the copies."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        held = conn.execute(f"SELECT count(*) FROM workers WHERE id IN {_IDS}",
                            (json.dumps(list(worker_ids)),)).fetchone()[0]
        _remove(conn, worker_ids)
        conn.execute("COMMIT")
        return 1 if held else 0
    finally:
        conn.close()
