"""Logs: JSON lines, rotated, and free of personal data.

`setup_logging(paths, name)` sends every record to `<data dir>/logs/<name>.log` (one JSON
object a line; 5 MiB a file, 5 old files kept) and, when nobody else has configured logging,
to stderr (under systemd: the journal). Every handler scrubs the record first
(`PrivacyFilter`):

- 身份证号: any 18-character GB 11643 shape (17 digits and a digit or X), also written with
  spaces, and 15-digit first-generation numbers;
- mobile numbers: 1[3-9] and 9 more digits, with an optional +86 and separators;
- values known to the record: an `extra` field named like `worker_name`, `contact_name`,
  `phone`, `id_number` (see `PERSONAL_FIELDS`) is removed, and its value is blanked wherever
  it appears in the message, the other fields or the traceback;
- Han characters: log messages are English, so Chinese text in a record came from a
  person's record (names, mostly) and is replaced.

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
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.store.private import private_dir
from kiosk.system.config import LOG_LEVELS, Paths

LOG_DIR = "logs"
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 5
LEVEL_ENV = "KIOSK_LOG_LEVEL"
ID_MARK = "[id-number]"
PHONE_MARK = "[phone]"
PERSON_MARK = "[personal]"
HAN_MARK = "[zh]"

# Field names in `extra` that hold a person's data (LogRecord reserves `name` itself).
PERSONAL_FIELDS = frozenset({
    "person", "person_name", "full_name", "worker_name", "employer_name", "contact_name",
    "phone", "mobile", "contact_phone", "employer_phone", "id_number", "id_card", "personal",
})
_PERSONAL_SUFFIXES = ("_name", "_phone", "_id_number", "_mobile")

ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{6}[ -]?\d{8}[ -]?\d{3}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9])")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")

_STANDARD = frozenset(logging.LogRecord(
    "x", logging.INFO, __file__, 0, "", None, None).__dict__) | {"message", "asctime",
                                                                 "taskName"}
_MARK = "_kiosk_handler"


def scrub(text: str, known: Iterable[str] = ()) -> str:
    """`text` with ID numbers, mobile numbers, the `known` values and Han text replaced."""
    for value in sorted({k for k in known if k}, key=len, reverse=True):
        text = text.replace(value, PERSON_MARK)
    text = ID_NUMBER.sub(ID_MARK, text)
    text = MOBILE.sub(PHONE_MARK, text)
    return HAN.sub(HAN_MARK, text)


def _is_personal(field: str) -> bool:
    return field in PERSONAL_FIELDS or field.endswith(_PERSONAL_SUFFIXES)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple | set | frozenset):
        return [str(v) for v in value]
    return [str(value)] if value is not None else []


class PrivacyFilter(logging.Filter):
    """Scrubs a record in place before any handler of ours writes it (idempotent)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_kiosk_scrubbed", False):
            return True
        extras = {k: v for k, v in record.__dict__.items() if k not in _STANDARD}
        known: list[str] = []
        for field, value in extras.items():
            if _is_personal(field):
                known += _strings(value)
                setattr(record, field, PERSON_MARK)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: keep the parts, scrubbed
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = scrub(message, known), None
        for field, value in extras.items():
            if not _is_personal(field) and isinstance(value, str):
                setattr(record, field, scrub(value, known))
        if record.exc_info:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info),
                                    known)
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text, known)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info, known)
        record._kiosk_scrubbed = True
        return True


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
            if key not in _STANDARD and not key.startswith("_"):
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
