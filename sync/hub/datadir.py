"""Where the hub keeps its own files: the data directory, private files in it.

The default SQLite database and the default hub key live in the data directory, never in
the working directory: `--data-dir D`, else KIOSK_HUB_DATA_DIR, else the platform's user
data directory (`~/.local/share/linggong-kiosk-hub` on Linux). The directory is created
mode 0700, the key and database files 0600, whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP_NAME = "linggong-kiosk-hub"
DATA_DIR_ENV = "KIOSK_HUB_DATA_DIR"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def resolve_data_dir(chosen: str | Path | None) -> Path:
    """The data directory (absolute); not created here."""
    chosen = chosen or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    import platformdirs  # noqa: PLC0415 - only needed when no directory is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and its parents) when missing; a directory created here is 0700."""
    if not path.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            path.mkdir(mode=PRIVATE_DIR_MODE)
            path.chmod(PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    return path


def create_private_file(path: Path) -> bool:
    """Create an empty file with mode 0600 unless it exists; True when created here."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)  # the umask may have taken bits off
    finally:
        os.close(fd)
    return True
