"""The hub checks every change again before it stores anything, with the rules the
terminal keeps: the one record schema (`kiosk.core.schema`) and the record rules
(`kiosk.core.record_rules`).

A terminal validated its drafts already; this catches a damaged or forged change, a newer
terminal's field the hub does not know, a clock far ahead, and a record claiming another
hall. Each failing change is rejected alone with a reason code.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from typing import Any

from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import from_payload, hashed_json
from kiosk.core.record_rules import record_problem
from kiosk.core.records import ENTITY_TYPES, Record, Worker
from kiosk.core.schema import check_payload, stamp_problem
from sync.hub.erasure import is_erasure
from sync.protocol import Change, Op, Reason

MAX_DETAIL = 300  # a rejection's detail names fields and codes, never values


@dataclasses.dataclass(frozen=True, slots=True)
class Rejection:
    reason: Reason
    detail: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    """A change that may be stored: its record and the payload's canonical JSON."""

    record: Record
    text: str


# A canonical UUIDv7 string (what kiosk.core.ids.is_valid_id accepts), matched without
# building a UUID object: lower-case hex, version 7, RFC 4122 variant.
_UUID7 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
_OPS = frozenset(op.value for op in Op)
_SHAPE_CODES = frozenset({"missing", "extra_forbidden", "model_type"})  # not its record type


def check_change(change: Change, hall_id: str, catalogue: Catalogue,
                 now: datetime) -> Rejection | Checked:
    """The change's record (and canonical JSON) when it may be stored, else why not."""
    envelope = _envelope_problem(change, now)
    if isinstance(envelope, Rejection):
        return envelope
    problems = check_payload(change.record_type, change.payload, now)
    if problems:
        shape = any(p.code in _SHAPE_CODES for p in problems)
        return Rejection(Reason.MALFORMED if shape else Reason.INVALID,
                         _detail(str(p) for p in problems))
    record = _decode(change)
    if isinstance(record, Rejection):
        return record
    if record.hall_id != hall_id and not _fill_of_other_hall(change):
        return Rejection(Reason.HALL_MISMATCH, "a record of another hall")
    if change.op == Op.DELETE:  # an erasure: the record's rules do not hold for what is left
        return Checked(record, envelope) if isinstance(record, Worker) and is_erasure(
            record) else Rejection(Reason.INVALID, "a delete must carry the anonymised worker")
    problem = record_problem(record, catalogue, now.date())
    return Checked(record, envelope) if problem is None else Rejection(
        Reason.INVALID, _detail([problem]))


def is_uuid7(value: str) -> bool:
    return _UUID7.fullmatch(value) is not None


def _envelope_problem(change: Change, now: datetime) -> Rejection | str:
    """The record type, operation, ids, time and content hash; the canonical JSON when
    they are right."""
    kind = _kind_problem(change)
    if kind is not None:
        return kind
    if not (is_uuid7(change.change_id) and is_uuid7(change.record_id)):
        return Rejection(Reason.ID_MISMATCH, "change and record ids are UUIDv7")
    if change.payload.get("id") != change.record_id:
        return Rejection(Reason.ID_MISMATCH, "record_id is not the payload's id")
    return _hashed(change, now)


def _hashed(change: Change, now: datetime) -> Rejection | str:
    stamp = stamp_problem(change.created_at, now)
    if stamp is not None:
        return Rejection(Reason.INVALID, f"created_at: {stamp}")
    try:
        text, digest = hashed_json(change.payload)
    except (ValueError, TypeError):  # NaN or a lone surrogate: not JSON the hub keeps
        return Rejection(Reason.MALFORMED, "the payload is not plain JSON")
    if digest != change.content_hash:
        return Rejection(Reason.HASH_MISMATCH)
    return text


def _kind_problem(change: Change) -> Rejection | None:
    if change.record_type not in ENTITY_TYPES or change.op not in _OPS:
        return Rejection(Reason.UNSUPPORTED, "unknown record type or operation")
    if change.op == Op.DELETE and change.record_type != "worker":
        return Rejection(Reason.UNSUPPORTED, "records are closed, never deleted")
    return None


def _fill_of_other_hall(change: Change) -> bool:
    """A hire at one hall fills a place of another hall's job: the terminal sends that job
    updated (the hub keeps its own fills; see `ownership`)."""
    return change.record_type == "job" and change.op == Op.UPDATE


def _decode(change: Change) -> Rejection | Record:
    """The record (the schema has checked every field's type and form already)."""
    try:
        record: Record = from_payload(ENTITY_TYPES[change.record_type], change.payload)
    except (TypeError, ValueError, AttributeError, KeyError):
        return Rejection(Reason.MALFORMED, "the payload is not a record of its type")
    return record


def _detail(parts: Any) -> str:
    return "; ".join(parts)[:MAX_DETAIL]
