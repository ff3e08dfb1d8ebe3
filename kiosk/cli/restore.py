"""`kiosk restore BACKUP`: the database's place taken by a backup (stop the kiosk first)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from kiosk.cli.common import EXIT_OK, BadInput, emit
from kiosk.core.errors import N_, FieldError
from kiosk.core.i18n import translate
from kiosk.store.restore import NotABackup, restore_backup
from kiosk.system.config import Paths


def cmd_restore(args: argparse.Namespace) -> int:
    paths = Paths.resolve(args.data_dir)
    try:
        done = restore_backup(Path(args.backup).resolve(), paths.database, datetime.now(UTC))
    except NotABackup as exc:
        raise BadInput([FieldError("backup", "not_a_backup", N_("{problem}"),
                                   {"problem": exc.text(args.lang)})]) from exc
    kept = ", ".join(str(p) for p in done.kept_aside) or "-"
    summary = {"restored_from": str(done.backup), "database": str(paths.database),
               "kept_aside": [str(p) for p in done.kept_aside], "unsent_changes": done.unsent}
    text = translate(N_(
        "Restored {database} from {backup}. The file it replaced is kept as: {kept}. "
        "{unsent} changes not yet acknowledged go to the hub at the next sync; records "
        "entered after the backup was made and not synced since are not in it."), args.lang)
    emit(args, summary, text.format(database=paths.database, backup=done.backup, kept=kept,
                                    unsent=done.unsent))
    return EXIT_OK
