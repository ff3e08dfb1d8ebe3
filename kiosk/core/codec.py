"""Records ↔ JSON-ready payloads, and their content hash (what the outbox and hub compare)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from kiosk.core.records import Record

R = TypeVar("R", bound=Record)
JSONValue = str | int | float | bool | None | list[Any] | dict[str, Any]


Encoder = Callable[[Any], JSONValue]


def to_payload(record: Record) -> dict[str, JSONValue]:
    """A record as a flat dict of JSON values: dates ISO, enums by value, tuples as lists."""
    return {
        name: value if encode is None else encode(value)
        for name, encode in _encoders(type(record))
        for value in (getattr(record, name),)
    }


def from_payload(cls: type[R], payload: dict[str, Any]) -> R:
    """Rebuild a record of `cls` from its payload (the inverse of `to_payload`)."""
    later = payload_defaults(cls)  # fields an older payload may lack: they take defaults
    values = {name: value if decode is None or value is None else decode(value)
              for name, decode in _decoders(cls) if name in payload or name not in later
              for value in (payload[name],)}  # KeyError: a required field is missing
    return cls(**values)


def payload_defaults(cls: type[Any]) -> dict[str, JSONValue]:
    """The JSON values of the fields that have defaults (added to a record type after its
    first release): what an older payload without them stands for."""
    if cls not in _DEFAULTS:
        encoders = dict(_encoders(cls))
        _DEFAULTS[cls] = {
            f.name: f.default if encoders[f.name] is None or f.default is None
            else encoders[f.name](f.default)  # type: ignore[misc]
            for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING}
    return _DEFAULTS[cls]


_DEFAULTS: dict[type[Any], dict[str, JSONValue]] = {}


# Built once: json.dumps() with options makes a new encoder on every call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical_json(payload: dict[str, JSONValue]) -> str:
    """Sorted keys, no spaces, UTF-8 characters as they are: the form that is hashed."""
    return _CANONICAL.encode(payload)


def content_hash(payload: dict[str, JSONValue]) -> str:
    return hashed_json(payload)[1]


def hashed_json(payload: dict[str, JSONValue]) -> tuple[str, str]:
    """The canonical JSON text of a payload and its SHA-256, serialised once."""
    text = canonical_json(payload)
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def iso_utc(moment: datetime) -> str:
    """A timestamp as ISO 8601 in UTC with milliseconds, e.g. 2026-11-23T06:00:00.000Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_ENCODERS: dict[type[Any], tuple[tuple[str, Encoder | None], ...]] = {}


def _encoders(cls: type[Any]) -> tuple[tuple[str, Encoder | None], ...]:
    """Per field, the function that makes its JSON value (None: the value is JSON already)."""
    if cls not in _ENCODERS:
        _ENCODERS[cls] = tuple((name, _encoder_for(hint)) for name, hint in _hints(cls).items())
    return _ENCODERS[cls]


def _encoder_for(hint: Any) -> Encoder | None:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _encoder_for(next(a for a in typing.get_args(hint) if a is not type(None)))
        return None if inner is None else _optional(inner)
    if origin is tuple:
        item = _encoder_for(typing.get_args(hint)[0])
        return list if item is None else _each(item)
    if hint is datetime:
        return iso_utc
    if hint is date:
        return date.isoformat
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return _enum_value
    if hint in (str, int, float, bool):
        return None
    raise TypeError(f"cannot encode {hint!r}")


def _optional(encode: Encoder) -> Encoder:
    return lambda value: None if value is None else encode(value)


def _each(encode: Encoder) -> Encoder:
    return lambda values: [encode(v) for v in values]


def _enum_value(value: StrEnum) -> str:
    return value.value


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The dataclass fields' resolved types (cached per class)."""
    if cls not in _HINTS:
        names = {f.name for f in dataclasses.fields(cls)}
        _HINTS[cls] = {k: v for k, v in typing.get_type_hints(cls).items() if k in names}
    return _HINTS[cls]


Decoder = Callable[[Any], Any]
_DECODERS: dict[type[Any], tuple[tuple[str, Decoder | None], ...]] = {}


def _decoders(cls: type[Any]) -> tuple[tuple[str, Decoder | None], ...]:
    """Per field, the function that rebuilds its value from JSON (None: taken as is).

    Worked out once per class from the type hints; a None value is never decoded."""
    if cls not in _DECODERS:
        _DECODERS[cls] = tuple((name, _decoder_for(hint)) for name, hint in _hints(cls).items())
    return _DECODERS[cls]


def _decoder_for(hint: Any) -> Decoder | None:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _decoder_for(next(a for a in typing.get_args(hint) if a is not type(None)))
    if origin is tuple:
        item = _decoder_for(typing.get_args(hint)[0])
        return tuple if item is None else _tuple_of(item)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return hint
    decode: Decoder | None = _SCALAR_DECODERS.get(hint)
    return decode


def _tuple_of(decode: Decoder) -> Decoder:
    return lambda values: tuple(None if v is None else decode(v) for v in values)


_SCALAR_DECODERS: dict[Any, Any] = {
    datetime: lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")),
    date: date.fromisoformat,
    bool: bool,
    float: float,
}
