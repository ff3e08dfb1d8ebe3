"""The doctor's check that the data folder and what it holds of people and secrets are the
kiosk user's alone (folders 0700, files 0600: kiosk.store.private)."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.errors import N_
from kiosk.store.backup import existing_backups
from kiosk.store.private import SQLITE_SIDE_FILES, too_open
from kiosk.system.config import Paths
from kiosk.system.findings import Finding, Status
from kiosk.system.logs import LOG_DIR
from sync import provisioning


def private_paths(paths: Paths) -> list[Path]:
    """Every folder and file that must be private, those that exist."""
    database = paths.database
    found = [paths.data_dir, database,
             *(database.with_name(database.name + s) for s in SQLITE_SIDE_FILES),
             paths.key_file, paths.card_key_file, paths.data_dir / provisioning.FILE_NAME,
             paths.backups, *existing_backups(paths.backups), paths.data_dir / LOG_DIR]
    return [p for p in found if p.exists()]


def file_modes_finding(paths: Paths) -> Finding:
    if not paths.data_dir.exists():
        return Finding("files", Status.SKIP, N_("There is no data folder yet."))
    loose = [p for p in private_paths(paths) if too_open(p)]
    if loose:
        return Finding("files", Status.FAIL, N_(
            "Other users of this computer may read {files}. Fix: chmod 700 on folders and "
            "chmod 600 on files (the kiosk also does this when it opens them)."),
            {"files": ", ".join(str(p) for p in loose)})
    return Finding("files", Status.OK, N_(
        "The data folder, database, keys and backups are this user's alone."))
