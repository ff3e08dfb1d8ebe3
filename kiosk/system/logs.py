"""Logs: JSON lines, rotated, and free of personal data.

`setup_logging(paths, name)` sends every record to `<data dir>/logs/<name>.log` (one JSON
object a line; 5 MiB a file, 5 old files kept) and, when nobody else has configured logging,
to stderr (under systemd: the journal). Every handler scrubs the record first with
kiosk.core.log_privacy's `PrivacyFilter` (ID numbers, mobile numbers, personal fields
and Han text), the one the hub uses too.

The level: KIOSK_LOG_LEVEL, else `[logging] level` in config.toml, else info.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.core.log_privacy import STANDARD_FIELDS, PrivacyFilter
from kiosk.store.private import private_dir
from kiosk.system.config import LOG_LEVELS, Paths

LOG_DIR = "logs"
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 5
LEVEL_ENV = "KIOSK_LOG_LEVEL"
_MARK = "_kiosk_handler"


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, process, thread, extras."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(), "logger": record.name,
            "message": record.getMessage(), "process": record.process,
            "thread": record.threadName,
        }
        for key, value in record.__dict__.items():
            if key not in STANDARD_FIELDS and not key.startswith("_"):
                data.setdefault(key, value if isinstance(value, int | float | bool) else
                                str(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            data["exception"] = record.exc_text
        if record.stack_info:
            data["stack"] = record.stack_info
        return json.dumps(data, ensure_ascii=False)


def log_level(paths: Paths) -> int:
    """KIOSK_LOG_LEVEL, else config.toml's `[logging] level`, else INFO."""
    chosen = os.environ.get(LEVEL_ENV, "").strip().lower()
    if chosen not in LOG_LEVELS:
        try:
            table = tomllib.loads(paths.config_file.read_text("utf-8")).get("logging", {})
            chosen = str(table.get("level", "info")).lower()
        except (OSError, ValueError, AttributeError):
            chosen = "info"
    return int(logging.getLevelName(chosen.upper())) if chosen in LOG_LEVELS else logging.INFO


def setup_logging(paths: Paths, name: str, level: int | None = None, *,
                  console: bool | None = None) -> Path | None:
    """Log to `<data dir>/logs/<name>.log` (when the data dir exists) and to stderr.

    Replaces what an earlier call installed. `console`: None means stderr only when nobody
    else configured the root logger (a test runner, an embedding program). The file path
    is returned, or None when there is no file (no data dir, or it cannot be written).
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
        handler.close()
    chosen = log_level(paths) if level is None else level
    privacy = PrivacyFilter()
    if console is None:
        console = not root.handlers
    log_file = _file_handler(paths, name, chosen, privacy)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        under_systemd = bool(os.environ.get("INVOCATION_ID") or os.environ.get("JOURNAL_STREAM"))
        stream.setLevel(chosen if under_systemd else max(chosen, logging.WARNING))
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        _install(root, stream, privacy)
    # never raise the root's level above what another handler (a test's) asked for
    root.setLevel(chosen if root.level == logging.NOTSET else min(chosen, root.level))
    return log_file


def _file_handler(paths: Paths, name: str, level: int,
                  privacy: PrivacyFilter) -> Path | None:
    if not paths.data_dir.is_dir():
        return None
    folder = paths.data_dir / LOG_DIR
    path = folder / f"{_safe(name)}.log"
    try:
        private_dir(folder)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    except OSError:
        logging.getLogger(__name__).warning("cannot write logs to %s", folder, exc_info=True)
        return None
    handler.setLevel(level)
    handler.setFormatter(JsonFormatter())
    _install(logging.getLogger(), handler, privacy)
    return path


def _install(root: logging.Logger, handler: logging.Handler, privacy: PrivacyFilter) -> None:
    handler.addFilter(privacy)
    setattr(handler, _MARK, True)
    root.addHandler(handler)


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "kiosk"


def remove_logging() -> None:
    """Close and remove what setup_logging installed (tests, embedding programs)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
        handler.close()
