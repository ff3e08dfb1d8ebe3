"""Scrubbing personal data out of log records: one filter for the kiosk, the hub and the
servers they run (uvicorn, SQLAlchemy). Logging is the standard library's; no I/O here.

- 身份证号: any 18-character GB 11643 shape (17 digits and a digit or X), also written with
  spaces, and 15-digit first-generation numbers;
- mobile numbers: 1[3-9] and 9 more digits, with an optional +86 and separators;
- values known to the record: an `extra` field named like `worker_name`, `contact_name`,
  `phone`, `id_number` (see `PERSONAL_FIELDS`) is removed, and its value is blanked wherever
  it appears in the message, the other fields or the traceback;
- Han characters: log messages are English, so Chinese text in a record came from a
  person's record (names, mostly) and is replaced.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

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

STANDARD_FIELDS = frozenset(logging.LogRecord(
    "x", logging.INFO, __file__, 0, "", None, None).__dict__) | {"message", "asctime",
                                                                 "taskName"}


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
        extras = {k: v for k, v in record.__dict__.items() if k not in STANDARD_FIELDS}
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
