"""Read-only health figures of the terminal database, for `kiosk doctor`.

Opened read-only (`mode=ro`): a check never writes to the file, never migrates it and
never waits on a writer for long. The windows may be running while it looks.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.store.connection import connect, refuse_empty
from kiosk.store.errors import StoreEmpty
from kiosk.store.outbox import Outbox


@dataclass(frozen=True, slots=True)
class DatabaseHealth:
    problems: tuple[str, ...]  # what `PRAGMA quick_check` found; empty when sound
    outbox: dict[str, int]  # changes by state
    oldest_unsent_at: str | None  # created_at of the oldest pending/sending change
    newest_change_at: str | None  # created_at of the newest change (a clock sanity floor)

    @property
    def ok(self) -> bool:
        return not self.problems


def database_health(path: Path) -> DatabaseHealth:
    """Quick-check the file and read the outbox figures; raises sqlite3.Error (or OSError)
    when the file cannot be opened at all."""
    if not path.is_file():
        raise FileNotFoundError(path)
    try:
        refuse_empty(path)
    except StoreEmpty as empty:
        return DatabaseHealth((empty.text("en"),), {}, None, None)
    conn = connect(path, read_only=True)
    try:
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            return DatabaseHealth((str(exc),), {}, None, None)
        problems = tuple(str(r[0]) for r in rows if r[0] != "ok")
        if problems:
            return DatabaseHealth(problems[:5], {}, None, None)
        outbox = Outbox(conn)
        newest = conn.execute("SELECT max(created_at) FROM outbox").fetchone()
        return DatabaseHealth((), outbox.counts_by_state(), outbox.oldest_unsent_created_at(),
                              None if newest[0] is None else str(newest[0]))
    finally:
        conn.close()
