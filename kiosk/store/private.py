"""Files that hold personal data or secrets are the kiosk user's alone, whatever the umask:
folders 0700, files 0600 (the database, its WAL and shared memory, keys, backups)."""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_dir(path: Path) -> Path:
    """Create `path` (and its parents) if needed; `path` itself becomes 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    os.chmod(path, FILE_MODE)
    return path


def private_file_for_append(path: Path) -> Path:
    """`path` exists and is 0600 (a log the caller opens next)."""
    path.touch(mode=FILE_MODE)
    return private_file(path)


def private_database(path: Path) -> None:
    """The database and whichever of its side files exist. SQLite gives a new WAL and
    shared-memory file the database file's own mode, so they start private too."""
    private_file(path)
    for suffix in SQLITE_SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            private_file(side)


def too_open(path: Path) -> bool:
    """Whether the group or others may read, write or enter `path`."""
    return path.exists() and bool(path.stat().st_mode & 0o077)
