"""`kiosk restore BACKUP`: put a backup in the database's place. The file it replaces (and
its WAL) is kept beside it, renamed, never deleted; the backup is checked first and copied
with SQLite's backup API, so a restore that fails half-way leaves the old file as it was."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.store.connection import check_integrity, refuse_empty
from kiosk.store.errors import StoreCorrupt
from kiosk.store.private import FILE_MODE, SQLITE_SIDE_FILES, private_file
from kiosk.store.schema import MIGRATION_SET, MIGRATIONS_TABLE


class NotABackup(StoreCorrupt):
    """The file named is not a kiosk database backup that can be restored."""

    reason = N_("This file is not a kiosk backup that can be restored.")

    def advice(self, language: str) -> str:
        return translate(N_("Nothing was changed."), language)


@dataclass(frozen=True, slots=True)
class Restored:
    backup: Path
    kept_aside: tuple[Path, ...]  # the file it replaced, and its side files
    unsent: int  # changes in the backup not yet acknowledged by the hub


def restore_backup(backup: Path, database: Path, now: datetime) -> Restored:
    """Check `backup`, move `database` aside, copy the backup into its place."""
    check_backup(backup)
    kept = _move_aside(database, now.strftime("%Y%m%d-%H%M%S"))
    partial = database.with_name(database.name + ".restoring")
    partial.unlink(missing_ok=True)
    partial.touch(mode=FILE_MODE)
    private_file(partial)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
        unsent = target.execute("SELECT count(*) FROM outbox WHERE state IN "
                                "('pending', 'sending', 'quarantined')").fetchone()[0]
    finally:
        target.close()
        source.close()
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.replace(database)
    return Restored(backup, kept, int(unsent))


def check_backup(backup: Path) -> None:
    """NotABackup unless `backup` is a sound kiosk database."""
    if not backup.is_file():
        raise NotABackup(backup, "no such file")
    try:
        refuse_empty(backup)
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    except (StoreCorrupt, sqlite3.DatabaseError) as exc:
        raise NotABackup(backup, str(exc)) from exc
    try:
        check_integrity(conn, backup)
        conn.execute(f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                     (MIGRATION_SET,)).fetchone()
        conn.execute("SELECT count(*) FROM outbox").fetchone()
    except (StoreCorrupt, sqlite3.DatabaseError) as exc:
        raise NotABackup(backup, getattr(exc, "detail", "") or str(exc)) from exc
    finally:
        conn.close()


def _move_aside(database: Path, stamp: str) -> tuple[Path, ...]:
    kept = []
    for suffix in ("", *SQLITE_SIDE_FILES):
        current = database.with_name(database.name + suffix)
        if current.exists():
            aside = database.with_name(f"{database.name}.replaced-{stamp}{suffix}")
            current.replace(aside)
            kept.append(aside)
    return tuple(kept)
