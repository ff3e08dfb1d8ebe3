"""Store failures that a person must be told about in plain words: what is wrong with the
file, and what to do (restore the newest backup with `kiosk restore`)."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.errors import N_
from kiosk.core.i18n import translate

RESTORE_ADVICE = N_("Nothing was changed. Restore the newest backup with: kiosk restore {backup}")
NO_BACKUP_ADVICE = N_("Nothing was changed, and there is no backup in {backups}. Keep the "
                      "file for a specialist; to start an empty database, move it away and "
                      "run `kiosk init`.")


class StoreError(Exception):
    """A problem with the terminal database that stops it from being used."""

    reason = N_("The database cannot be used.")

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: {self.reason}" + (f" ({detail})" if detail else ""))
        self.path = path
        self.detail = detail

    def text(self, language: str) -> str:
        reason = translate(self.reason, language)
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.path}: {reason}{detail} {self.advice(language)}"

    def advice(self, language: str) -> str:
        from kiosk.store.backup import backup_dir_of, existing_backups  # noqa: PLC0415

        backups = existing_backups(backup_dir_of(self.path))
        if backups:
            return translate(RESTORE_ADVICE, language).format(backup=backups[0])
        return translate(NO_BACKUP_ADVICE, language).format(backups=backup_dir_of(self.path))


class StoreCorrupt(StoreError):
    """The file is damaged or not a database: it must be restored from a backup."""

    reason = N_("The database file is damaged or is not a database.")


class StoreEmpty(StoreCorrupt):
    """The file is there but empty (a disk or copy fault): never taken for a new one."""

    reason = N_("The database file is empty: its records are gone from it.")


class StoreTooNew(StoreError):
    """The file was written by a newer version of this program."""

    reason = N_("The database was written by a newer version of the kiosk.")

    def advice(self, language: str) -> str:
        return translate(N_("Install that version again, or a newer one."), language)
