"""Opening the terminal's SQLite file: pragmas, integrity check, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.store.errors import StoreCorrupt, StoreEmpty, StoreTooNew
from kiosk.store.private import private_database, private_dir
from kiosk.store.schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS_TABLE

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
        # what an UPDATE or DELETE frees is zeroed: a dropped ID number leaves no trace
        conn.execute("PRAGMA secure_delete = ON")
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
        raise StoreCorrupt(path, str(exc)) from exc
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    if problems:
        raise StoreCorrupt(path, "; ".join(problems[:5]))


def refuse_empty(path: Path) -> None:
    """A database file that is there but empty, with no WAL holding its pages, lost its
    records (a new database's pages sit in its WAL until the first checkpoint): SQLite
    would take it for a new one, and the hall would carry on with nothing."""
    wal = path.with_name(path.name + "-wal")
    if path.is_file() and path.stat().st_size == 0 and not (
            wal.is_file() and wal.stat().st_size > 0):
        raise StoreEmpty(path)


def open_database(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the terminal database.

    The integrity check runs before anything is written: a damaged file is never touched.
    sqlite-utils (a tenth of a second to import) is loaded only when a migration is due.
    """
    private_dir(path.parent)
    refuse_empty(path)
    try:
        conn = _raw_connection(path, read_only=False)
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(path, str(exc)) from exc
    try:
        check_integrity(conn, path)  # before any pragma that writes to the file
        private_database(path)  # before the WAL exists: it takes the file's mode
        _set_write_pragmas(conn)
        applied = applied_migrations(conn)
        unknown = sorted(applied - set(MIGRATION_NAMES))
        if unknown:
            names = ", ".join(unknown)
            raise StoreTooNew(path, names)
        if set(MIGRATION_NAMES) - applied:
            _migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def applied_migrations(conn: sqlite3.Connection) -> set[str]:
    """The names of this schema's migrations already applied to the file."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          (MIGRATIONS_TABLE,)).fetchone()
    if exists is None:
        return set()
    rows = conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                        (MIGRATION_SET,))
    return {str(name) for (name,) in rows}


def _migrate(conn: sqlite3.Connection) -> None:
    from sqlite_utils import Database  # noqa: PLC0415 - only when a migration is due

    from kiosk.store.migrations import migrations  # noqa: PLC0415

    migrations.apply(Database(conn))
