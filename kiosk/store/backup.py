"""Rotating daily backups with SQLite's online backup API (consistent while in use)."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kiosk.store.private import FILE_MODE, private_dir, private_file

log = logging.getLogger(__name__)
KEEP_BACKUPS = 7
BACKUP_DIR_NAME = "backups"  # beside the database file
_PREFIX = "kiosk-"
_SUFFIX = ".sqlite3"


def backup_dir_of(database: Path) -> Path:
    return database.parent / BACKUP_DIR_NAME


def backup_path(backup_dir: Path, day: date) -> Path:
    return backup_dir / f"{_PREFIX}{day:%Y%m%d}{_SUFFIX}"


def backup_to(conn: sqlite3.Connection, destination: Path) -> None:
    """Copy the live database to `destination` atomically (temp file, fsync, rename)."""
    private_dir(destination.parent)
    partial = destination.with_suffix(destination.suffix + ".partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=FILE_MODE)
    private_file(partial)
    target = sqlite3.connect(partial)
    try:
        conn.backup(target)
    finally:
        target.close()
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.replace(destination)
    _fsync_directory(destination.parent)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def daily_backup(conn: sqlite3.Connection, backup_dir: Path, today: date,
                 keep: int = KEEP_BACKUPS, *, force: bool = False) -> Path | None:
    """Make today's backup unless it exists (or `force`), then keep only the newest `keep`."""
    target = backup_path(backup_dir, today)
    made = None
    if force or not target.exists():
        backup_to(conn, target)
        made = target
    for old in existing_backups(backup_dir)[keep:]:
        old.unlink(missing_ok=True)
    return made


def in_each_backup(backup_dir: Path, change: Callable[[Path], int]) -> int:
    """Run `change` on every backup already made (a correction the live database had:
    an acknowledgement, an erasure); the sum of what it returned. A backup that cannot be
    opened or changed is logged and left as it is."""
    total = 0
    for backup in existing_backups(backup_dir):
        try:
            total += change(backup)
        except sqlite3.DatabaseError:
            log.warning("backup %s could not be changed", backup.name, exc_info=True)
    return total


def existing_backups(backup_dir: Path) -> list[Path]:
    """Backups newest first."""
    if not backup_dir.is_dir():
        return []
    return sorted(backup_dir.glob(f"{_PREFIX}*{_SUFFIX}"), reverse=True)
