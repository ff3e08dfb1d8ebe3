"""The one record schema: what a record's payload may hold, checked alike by the terminal
before it stores a record and by the hub before it applies a change (`sync.protocol`
re-exports it).

Built from the record dataclasses' own type hints, so a new field is checked the day it
is added: strict JSON types (no "yes" for a flag, no 1.0 for a count), enumerations,
lengths and ranges per field, no NaN or Infinity, no control or bidi-override characters,
ids as UUIDv7, timestamps in the canonical form `iso_utc` writes and dates as
YYYY-MM-DD, both in sane windows. With `now` given (the hub's clock), no timestamp may be
more than `MAX_CLOCK_SKEW` ahead of it and no date further ahead than its field allows.
Business rules that need the catalogue (trades, ID number check digits) are
`kiosk.core.record_rules`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    create_model,
)

from kiosk.core.fields import MAX_HEADCOUNT, MAX_PAY_CENTS
from kiosk.core.queue_numbers import PREFIX_LETTERS
from kiosk.core.records import ENTITY_TYPES, Record

MAX_CLOCK_SKEW = timedelta(minutes=5)  # a terminal's clock may run this far ahead
EARLIEST_STAMP = datetime(2020, 1, 1, tzinfo=UTC)
LATEST_DAY = date(2100, 12, 31)  # the outer window when there is no clock to compare with
DAY_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
STAMP_PATTERN = (r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
                 r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$")
UUID7_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"  # hall, terminal, staff ids, codes
# C0 and C1 controls (newline and tab allowed), and the bidi overrides and isolates that
# make a text show other than it reads. Lone surrogates are refused by pydantic itself.
TEXT_PATTERN = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
_ID_FIELDS = frozenset({"id", "worker_id", "job_id", "employer_id", "complaint_id",
                        "signup_id", "referral_id"})
_CODE_FIELDS = frozenset({"hall_id", "terminal_id", "staff_id", "course_id"})

# Longest text per field name (the longest any record type allows for that name).
TEXT_LENGTHS: dict[str, int] = {
    "name": 60, "display_name": 60, "contact_name": 30, "phone": 32, "uscc": 18,
    "id_index": 64, "id_masked": 18, "id_number": 18, "skills_note": 200,
    "consent_version": 32, "title": 40, "description": 2000, "area": 30, "place": 100,
    "start_time": 5, "note": 500, "number": 64, "complainant_name": 60,
    "employer_name": 60, "text_zh": 200, "text_en": 300, "entity": 32, "entity_id": 64,
    "detail": 200, "trade": 16, "party": 100, "outcome": 500, "meeting_point": 100,
    "meeting_time": 5, "close_reason": 200, "window": 8, "licence_no": 40, "queue_prefix": 1,
    "reason": 200,
}
# Per list field: most items, longest item.
LIST_LENGTHS: dict[str, tuple[int, int]] = {
    "trades": (10, 16), "certificates": (20, 16), "areas": (20, 30), "intentions": (4, 16),
    "hazards": (7, 16), "protective_gear": (10, 20),
}
# Inclusive ranges of numbers.
RANGES: dict[str, tuple[float, float]] = {
    "pay_cents": (1, MAX_PAY_CENTS), "amount_cents": (1, MAX_PAY_CENTS),
    "day_estimate_cents": (1, MAX_PAY_CENTS),
    "recovered_cents": (0, MAX_PAY_CENTS),
    "headcount": (1, MAX_HEADCOUNT), "headcount_filled": (0, MAX_HEADCOUNT),
    "queue_no": (1, 1_000_000), "priority": (0, 9), "hours_per_day": (0, 24),
    "employer_no_shows": (0, 999), "session": (1, 40),
    "briefing_version": (0, 2**31 - 1),
}
# Per date field: (earliest, most days after `now` it may lie).
DAY_WINDOWS: dict[str, tuple[date, int]] = {
    "birth_date": (date(1900, 1, 1), 0), "available_from": (date(2020, 1, 1), 366),
    "start_date": (date(2020, 1, 1), 366), "day": (date(2020, 1, 1), 1),
    "starts_on": (date(2020, 1, 1), 732), "ends_on": (date(2020, 1, 1), 1100),
    "period_from": (date(2000, 1, 1), 1), "period_to": (date(2000, 1, 1), 1),
    "happened_on": (date(2020, 1, 1), 1),
    "end_date": (date(2020, 1, 1), 1100),
}


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    """Why a payload is not a record of its type: the field and a machine code."""

    field: str
    code: str

    def __str__(self) -> str:
        return f"{self.field}: {self.code}"


def check_payload(record_type: str, payload: dict[str, Any],
                  now: datetime | None = None) -> list[SchemaProblem]:
    """The problems of a payload as a record of `record_type` (empty: it fits the schema).

    `now`: the checking side's clock; without it only the outer windows apply."""
    model = payload_model(record_type)
    if model is None:
        return [SchemaProblem("record_type", "unknown")]
    try:
        model.model_validate(payload)
    except ValidationError as exc:
        return [SchemaProblem(_loc(e["loc"]), e["type"]) for e in exc.errors()]
    return _window_problems(record_type, payload, now)


def check_record(record: Record, now: datetime | None = None) -> list[SchemaProblem]:
    """`check_payload` of a record the terminal is about to store."""
    from kiosk.core.codec import to_payload  # noqa: PLC0415 - codec imports records only
    from kiosk.core.records import entity_name  # noqa: PLC0415

    return check_payload(entity_name(record), to_payload(record), now)


def warm_up() -> None:
    """Build every record type's model now (about a second on a hall PC), so the first
    record a person saves is not the one that waits for it."""
    for record_type in ENTITY_TYPES:
        payload_model(record_type)


def _loc(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)[:64] or "payload"


@cache
def payload_model(record_type: str) -> type[BaseModel] | None:
    """The pydantic model of a record type's payload (built once from its dataclass)."""
    cls = ENTITY_TYPES.get(record_type)
    if cls is None:
        return None
    hints = typing.get_type_hints(cls)
    # A field added later has a default: payloads written before it existed still fit.
    fields: dict[str, Any] = {
        name: (_field_type(name, hints[name]), field_default(cls, name))
        for name in cls.__dataclass_fields__}
    return create_model(f"{cls.__name__}Payload", __config__=_CONFIG, **fields)


_CONFIG = ConfigDict(strict=True, extra="forbid", frozen=True)


def field_default(cls: type[Any], name: str) -> Any:
    """A field added to a record type later has a default, so a payload written before it
    existed still fits (it reads as the default); `...` (required) for the others."""
    default = cls.__dataclass_fields__[name].default
    return ... if default is dataclasses.MISSING else default


def _field_type(name: str, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in typing.get_args(hint) if a is not type(None))
        return _field_type(name, inner) | None
    if origin is tuple:
        most, longest = LIST_LENGTHS[name]
        item = _scalar(name, typing.get_args(hint)[0], longest)
        return Annotated[list[item], Field(max_length=most)]  # type: ignore[valid-type]
    return _scalar(name, hint, TEXT_LENGTHS.get(name, 64))


def _scalar(name: str, hint: Any, longest: int) -> Any:
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return Literal[tuple(member.value for member in hint)]
    if hint is datetime:
        return Annotated[str, StringConstraints(pattern=STAMP_PATTERN)]
    if hint is date:
        return Annotated[str, StringConstraints(pattern=DAY_PATTERN)]
    if hint is bool:
        return bool
    if hint in (int, float):
        low, high = RANGES[name]
        return Annotated[hint, Field(ge=low, le=high, allow_inf_nan=False)]
    if hint is str:
        return _text(name, longest)
    raise TypeError(f"no schema for {name}: {hint!r}")


def _text(name: str, longest: int) -> Any:
    if name in _ID_FIELDS:
        return Annotated[str, StringConstraints(pattern=UUID7_PATTERN)]
    if name in _CODE_FIELDS:
        return Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
    if name == "queue_prefix":  # a touchscreen's queue letter (A012), or none
        return Annotated[str, StringConstraints(pattern=f"^[{PREFIX_LETTERS}]?$")]
    return Annotated[str, StringConstraints(max_length=longest, pattern=TEXT_PATTERN)]


def _window_problems(record_type: str, payload: dict[str, Any],
                     now: datetime | None) -> list[SchemaProblem]:
    """Times and dates that do not exist (02-30) or lie outside their windows. Canonical
    texts (the model has checked the form) compare as their moments do."""
    problems = []
    for name, is_stamp, earliest, latest in _windows(record_type, now):
        value = payload.get(name)
        if value is None:
            continue
        if not _exists(value, is_stamp):
            problems.append(SchemaProblem(name, "not_a_date"))
        elif not earliest <= value <= latest:
            problems.append(SchemaProblem(name, "outside_window"))
    return problems


@functools.lru_cache(maxsize=64)
def _windows(record_type: str, now: datetime | None,
             ) -> tuple[tuple[str, bool, str, str], ...]:
    """(name, is a timestamp, earliest, latest) of the record type's time and date fields
    as canonical texts: worked out once per record type and clock reading (a batch)."""
    hints = typing.get_type_hints(ENTITY_TYPES[record_type])
    found = []
    latest_stamp = LATEST_STAMP if now is None else _canonical(now + MAX_CLOCK_SKEW)
    for name in ENTITY_TYPES[record_type].__dataclass_fields__:
        hint = hints[name]
        args = typing.get_args(hint) if typing.get_origin(hint) in (
            typing.Union, types.UnionType) else (hint,)
        if datetime in args:
            found.append((name, True, EARLIEST_STAMP_TEXT, latest_stamp))
        elif date in args:
            earliest, days_ahead = DAY_WINDOWS[name]
            latest = LATEST_DAY if now is None else now.date() + timedelta(days=days_ahead)
            found.append((name, False, earliest.isoformat(), latest.isoformat()))
    return tuple(found)


def _exists(value: str, is_stamp: bool) -> bool:
    try:
        (datetime if is_stamp else date).fromisoformat(value)
    except ValueError:
        return False
    return True


def _canonical(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


EARLIEST_STAMP_TEXT = _canonical(EARLIEST_STAMP)
LATEST_STAMP = _canonical(datetime.combine(LATEST_DAY, datetime.max.time(), UTC))


def stamp_problem(value: str, now: datetime | None = None) -> str | None:
    """Why a change envelope's timestamp is not canonical and in its window, or None."""
    if not _STAMP.fullmatch(value):
        return "timestamp_format"
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return "timestamp_format"
    latest = LATEST_STAMP if now is None else _canonical(now + MAX_CLOCK_SKEW)
    return None if EARLIEST_STAMP_TEXT <= value <= latest else "timestamp_window"


_STAMP = re.compile(STAMP_PATTERN)
