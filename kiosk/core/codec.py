"""Records ↔ JSON-ready payloads, and their content hash (what the outbox and hub compare)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from kiosk.core.records import Record

R = TypeVar("R", bound=Record)
JSONValue = str | int | float | bool | None | list[Any] | dict[str, Any]


def to_payload(record: Record) -> dict[str, JSONValue]:
    """A record as a flat dict of JSON values: dates ISO, enums by value, tuples as lists."""
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


def from_payload(cls: type[R], payload: dict[str, Any]) -> R:
    """Rebuild a record of `cls` from its payload (the inverse of `to_payload`)."""
    hints = _hints(cls)
    values = {name: _decode(hint, payload[name]) for name, hint in hints.items()}
    return cls(**values)


def canonical_json(payload: dict[str, JSONValue]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(payload: dict[str, JSONValue]) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def iso_utc(moment: datetime) -> str:
    """A timestamp as ISO 8601 in UTC with milliseconds, e.g. 2026-11-23T06:00:00.000Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _encode(value: object) -> JSONValue:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot encode {type(value).__name__}")


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The dataclass fields' resolved types (cached per class)."""
    if cls not in _HINTS:
        names = {f.name for f in dataclasses.fields(cls)}
        _HINTS[cls] = {k: v for k, v in typing.get_type_hints(cls).items() if k in names}
    return _HINTS[cls]


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(inner[0], value)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_decode(item, v) for v in value)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return hint(value)
    decode = _SCALAR_DECODERS.get(hint)
    return value if decode is None else decode(value)


_SCALAR_DECODERS: dict[Any, Any] = {
    datetime: lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")),
    date: date.fromisoformat,
    bool: bool,
    float: float,
}
