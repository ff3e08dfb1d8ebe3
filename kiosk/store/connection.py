"""Opening the terminal's SQLite file: pragmas, integrity check, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from kiosk.store.errors import StoreCorrupt, StoreTooNew
from kiosk.store.migrations import migrations

BUSY_TIMEOUT_MS = 5000


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with the house pragmas."""
    conn = _raw_connection(path, read_only=read_only)
    try:
        if not read_only:
            _set_write_pragmas(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _raw_connection(path: Path, *, read_only: bool) -> sqlite3.Connection:
    target = f"file:{path}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(target, uri=read_only, isolation_level=None,
                           timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _set_write_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """Raise StoreCorrupt unless SQLite's own full check says the file is sound."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(f"{path}: the database file is damaged ({exc})") from exc
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    if problems:
        raise StoreCorrupt(f"{path}: the database file is damaged: {'; '.join(problems[:5])}")


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the terminal database.

    The integrity check runs before anything is written: a damaged file is never touched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = _raw_connection(path, read_only=False)
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(f"{path}: not a database file ({exc})") from exc
    try:
        check_integrity(conn, path)  # before any pragma that writes to the file
        _set_write_pragmas(conn)
        db = Database(conn)
        _refuse_newer_schema(db, path)
        migrations.apply(db)
    except BaseException:
        conn.close()
        raise
    return db


def _refuse_newer_schema(db: Database, path: Path) -> None:
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise StoreTooNew(
            f"{path}: written by a newer version of the kiosk (migrations {', '.join(unknown)})"
        )
