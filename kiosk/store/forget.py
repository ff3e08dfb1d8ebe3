"""The plain ID number is kept only until the hub has acknowledged it: then it is dropped
from the worker row (or a 揽头's employer row), from every acknowledged outbox payload
(the content hash stays, so a duplicate is still recognised), from the WAL, and from the
backups already made.

Every connection runs with `secure_delete` (kiosk.store.connection), so the bytes an UPDATE
frees are overwritten with zeros rather than left in the file's free space.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from kiosk.store.backup import in_each_backup

log = logging.getLogger(__name__)

# The acknowledged worker changes' payloads, by change id (`+entity`: not through the
# state index). The key stays, as null, so a payload still reads as a Worker record.
SCRUB_ACKED_PAYLOADS_SQL = (
    "UPDATE outbox SET payload = json_set(payload, '$.id_number', NULL) "
    "WHERE change_id IN (SELECT value FROM json_each(?)) "
    "AND +entity IN ('worker', 'employer') "
    "AND json_extract(payload, '$.id_number') IS NOT NULL")
# The worker rows of those changes, unless another change of theirs is still unsent.
FORGET_NUMBERS_SQL = (
    "UPDATE workers SET id_number = NULL WHERE id_number IS NOT NULL AND id IN "
    "(SELECT entity_id FROM outbox WHERE +entity = 'worker' AND change_id IN "
    "(SELECT value FROM json_each(?))) "
    "AND NOT EXISTS (SELECT 1 FROM outbox WHERE entity = 'worker' "
    "AND entity_id = workers.id AND state IN ('pending', 'sending', 'quarantined')) "
    "RETURNING id")
# The same for a 揽头's employer row.
FORGET_EMPLOYER_NUMBERS_SQL = (
    "UPDATE employers SET id_number = NULL WHERE id_number IS NOT NULL AND id IN "
    "(SELECT entity_id FROM outbox WHERE +entity = 'employer' AND change_id IN "
    "(SELECT value FROM json_each(?))) "
    "AND NOT EXISTS (SELECT 1 FROM outbox WHERE entity = 'employer' "
    "AND entity_id = employers.id AND state IN ('pending', 'sending', 'quarantined')) "
    "RETURNING id")
# A backup made before the hub acknowledged: those changes become acknowledged there too
# (a restore does not send them again) and lose the number, as the live database did.
BACKUP_ACK_SQL = (
    "UPDATE outbox SET state = 'acked', last_error = NULL, "
    "payload = CASE WHEN entity IN ('worker', 'employer') "
    "THEN json_set(payload, '$.id_number', NULL) "
    "ELSE payload END WHERE change_id IN (SELECT value FROM json_each(?))")
BACKUP_FORGET_SQL = ("UPDATE workers SET id_number = NULL WHERE id_number IS NOT NULL "
                     "AND id IN (SELECT value FROM json_each(?))")
BACKUP_FORGET_EMPLOYERS_SQL = ("UPDATE employers SET id_number = NULL "
                               "WHERE id_number IS NOT NULL "
                               "AND id IN (SELECT value FROM json_each(?))")
# An old database (before this scheme): every acknowledged payload, every worker with
# nothing unsent.
SCRUB_ALL_ACKED_SQL = (
    "UPDATE outbox SET payload = json_set(payload, '$.id_number', NULL) "
    "WHERE entity = 'worker' AND state = 'acked' "
    "AND json_extract(payload, '$.id_number') IS NOT NULL")
FORGET_ALL_SQL = (
    "UPDATE workers SET id_number = NULL WHERE id_number IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM outbox WHERE entity = 'worker' "
    "AND entity_id = workers.id AND state IN ('pending', 'sending', 'quarantined'))")


def forget_acknowledged(conn: sqlite3.Connection,
                        change_ids: Sequence[str]) -> tuple[int, list[str]]:
    """In the caller's transaction: drop the numbers the hub now has. How many payloads
    lost one, and the workers (and 揽头 employers) whose row lost theirs."""
    ids = json.dumps(list(change_ids))
    payloads = conn.execute(SCRUB_ACKED_PAYLOADS_SQL, (ids,)).rowcount
    workers = [str(row[0]) for row in conn.execute(FORGET_NUMBERS_SQL, (ids,)).fetchall()]
    workers += [str(row[0]) for row in conn.execute(FORGET_EMPLOYER_NUMBERS_SQL,
                                                    (ids,)).fetchall()]
    return payloads, workers


def purge_wal(conn: sqlite3.Connection) -> bool:
    """Copy the WAL into the file and empty it: its frames still hold the old pages.
    It never waits: a reader in the middle of a snapshot (the board, the print worker)
    makes it give up at once, False, and the next purge catches up. The caller may be the
    GUI thread (an erasure at the counter)."""
    waits, = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(waits)}")
    return not busy


def scrub_backups(backup_dir: Path, change_ids: Sequence[str],
                  worker_ids: Sequence[str]) -> int:
    """Bring every backup already made up to what the hub acknowledged; how many were
    changed. A backup that cannot be opened is logged and left."""
    return in_each_backup(backup_dir,
                          lambda backup: _scrub_backup(backup, change_ids, worker_ids))


def _scrub_backup(path: Path, change_ids: Sequence[str], worker_ids: Sequence[str]) -> int:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        acked = conn.execute(BACKUP_ACK_SQL, (json.dumps(list(change_ids)),)).rowcount
        forgot = conn.execute(BACKUP_FORGET_SQL, (json.dumps(list(worker_ids)),)).rowcount
        if _has_column(conn, "employers", "id_number"):  # a backup from before m016 has none
            forgot += conn.execute(BACKUP_FORGET_EMPLOYERS_SQL,
                                   (json.dumps(list(worker_ids)),)).rowcount
        conn.execute("COMMIT")
        return 1 if acked or forgot else 0
    finally:
        conn.close()


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})"))


def scrub_old_database(conn: sqlite3.Connection) -> None:
    """A database from before this scheme: drop every acknowledged number, then rewrite
    the file so that no free page keeps what was there (VACUUM, outside a transaction)."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(SCRUB_ALL_ACKED_SQL)
    conn.execute(FORGET_ALL_SQL)
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    purge_wal(conn)
