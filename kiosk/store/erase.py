"""A worker erased at their request (PIPL art. 47): every copy of their personal details on
this terminal goes — the worker row (done by the caller, as an anonymised record), every
outbox payload that carried them, the WAL, and the backups. What stays is what statistics
count: the record's id, trades, sex, birth year and the check-ins and referrals naming it.

Unsent payloads are rewritten with a new content hash (the hub has never seen them); those
already sent keep theirs, so a resend is still recognised as a duplicate.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from kiosk.core.codec import JSONValue, hashed_json
from kiosk.core.erasure import erased_values
from kiosk.core.records import Worker
from kiosk.store.backup import backup_dir_of, in_each_backup
from kiosk.store.forget import purge_wal
from kiosk.store.outbox import ChangeOp
from kiosk.store.store import Store, WriteTransaction

log = logging.getLogger(__name__)

UNSENT = ("pending", "quarantined")  # (`sending`: on the wire; its answer settles it)


def scrub_worker_changes(conn: sqlite3.Connection, worker_id: str,
                         anonymous: Mapping[str, JSONValue]) -> int:
    """In the caller's transaction: the worker's earlier outbox payloads take the
    anonymised values; how many were rewritten."""
    rows = conn.execute("SELECT seq, payload, state FROM outbox WHERE entity = 'worker' "
                        "AND entity_id = ?", (worker_id,)).fetchall()
    for seq, payload, state in rows:
        text, digest = hashed_json({**json.loads(payload), **anonymous})
        if state in UNSENT:
            conn.execute("UPDATE outbox SET payload = ?, content_hash = ? WHERE seq = ?",
                         (text, digest, seq))
        else:
            conn.execute("UPDATE outbox SET payload = ? WHERE seq = ?", (text, seq))
    return len(rows)


def erase_in_backups(backup_dir: Path, worker_id: str,
                     anonymous: Mapping[str, JSONValue]) -> int:
    """The same erasure in every backup already made; how many backups held the worker."""
    return in_each_backup(backup_dir, lambda backup: _erase_in(backup, worker_id, anonymous))


def _erase_in(path: Path, worker_id: str, anonymous: Mapping[str, JSONValue]) -> int:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        columns = {str(r[1]) for r in conn.execute("PRAGMA table_info(workers)")}
        values = {k: _column_value(v) for k, v in anonymous.items() if k in columns}
        assignments = ", ".join(f"{name} = ?" for name in values)
        held = conn.execute(f"UPDATE workers SET {assignments} WHERE id = ?",
                            (*values.values(), worker_id)).rowcount
        scrub_worker_changes(conn, worker_id, anonymous)
        conn.execute("COMMIT")
        return 1 if held else 0
    finally:
        conn.close()


def _column_value(value: JSONValue) -> object:
    """A payload value as the workers table stores it (lists as JSON text, bools as 0/1)."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def record_erasure(tx: WriteTransaction, conn: sqlite3.Connection, erased: Worker) -> None:
    """In the caller's transaction: the anonymised record is saved (op `delete`, for the
    hub) and the worker's earlier outbox payloads take its values."""
    tx.save(erased, ChangeOp.DELETE)
    scrub_worker_changes(conn, erased.id, erased_values(erased))


def finish_erasure(store: Store, erased: Worker) -> None:
    """After the transaction: the old pages leave the WAL, and the backups forget too."""
    purge_wal(store.conn)
    erase_in_backups(backup_dir_of(store.path), erased.id, erased_values(erased))
