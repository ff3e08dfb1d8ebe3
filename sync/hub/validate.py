"""The hub checks every change again with the core rules before it stores anything.

A terminal validated its drafts already; this catches a damaged or forged change, a newer
terminal's field the hub does not know, and a record claiming another hall. Date rules that
depend on the day of entry (a start date "not in the past") are not checked again: a
change may arrive days after it was made.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from kiosk.core import fields as f
from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import from_payload, hashed_json
from kiosk.core.drafts import MAX_TRADES_PER_WORKER
from kiosk.core.errors import Err, Result, fail
from kiosk.core.records import (
    ENTITY_TYPES,
    AuditEvent,
    Complaint,
    Employer,
    EmployerKind,
    JobPost,
    Notice,
    Record,
    Worker,
)
from kiosk.core.staff import validate_staff_id
from sync.protocol import Change, Op, Reason


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


def check_change(change: Change, hall_id: str, catalogue: Catalogue,
                 today: date) -> Rejection | Checked:
    """The change's record (and canonical JSON) when it may be stored, else why not."""
    envelope = _envelope_problem(change)
    if isinstance(envelope, Rejection):
        return envelope
    record = _decode(change)
    if isinstance(record, Rejection):
        return record
    if record.hall_id != hall_id and not _fill_of_other_hall(change):
        return Rejection(Reason.HALL_MISMATCH, f"record of hall {record.hall_id}")
    problem = _field_problem(record, catalogue, today)
    return Checked(record, envelope) if problem is None else Rejection(Reason.INVALID, problem)


def is_uuid7(value: str) -> bool:
    return _UUID7.fullmatch(value) is not None


def _envelope_problem(change: Change) -> Rejection | str:
    """The operation, the ids and the content hash; the canonical JSON when they are right."""
    if change.op is Op.DELETE:
        return Rejection(Reason.UNSUPPORTED, "records are closed, never deleted")
    if not (is_uuid7(change.change_id) and is_uuid7(change.record_id)):
        return Rejection(Reason.ID_MISMATCH, "change and record ids are UUIDv7")
    if change.payload.get("id") != change.record_id:
        return Rejection(Reason.ID_MISMATCH, "record_id is not the payload's id")
    text, digest = hashed_json(change.payload)
    if digest != change.content_hash:
        return Rejection(Reason.HASH_MISMATCH)
    return text


def _fill_of_other_hall(change: Change) -> bool:
    """A hall may update another hall's job: a hire there fills one of its places."""
    return change.record_type == "job" and change.op is Op.UPDATE


def _decode(change: Change) -> Rejection | Record:
    cls = ENTITY_TYPES[change.record_type]
    names = _FIELD_NAMES[cls]
    if change.payload.keys() != names:
        unknown = sorted(set(change.payload) ^ names)
        return Rejection(Reason.MALFORMED, f"fields: {', '.join(unknown)}")
    try:
        record: Record = from_payload(cls, change.payload)
    except (TypeError, ValueError, AttributeError) as exc:
        return Rejection(Reason.MALFORMED, str(exc)[:200])
    if not _types_match(record):
        return Rejection(Reason.MALFORMED, "a field has the wrong type")
    return record


_FIELD_NAMES: dict[type[Any], frozenset[str]] = {
    cls: frozenset(field.name for field in dataclasses.fields(cls))
    for cls in ENTITY_TYPES.values()}
# Per record type, the (name, type) of each str, int and bool field: JSON gives them as is.
_SCALAR_FIELDS: dict[type[Any], tuple[tuple[str, str], ...]] = {
    cls: tuple((field.name, str(field.type)) for field in dataclasses.fields(cls)
               if str(field.type) in ("str", "int", "bool"))
    for cls in ENTITY_TYPES.values()}


def _types_match(record: Record) -> bool:
    """Scalars decoded from JSON as they are: check strings, numbers and flags."""
    for name, expected in _SCALAR_FIELDS[type(record)]:
        value = getattr(record, name)
        if expected == "str" and not isinstance(value, str):
            return False
        if expected == "int" and (not isinstance(value, int) or isinstance(value, bool)):
            return False
        if expected == "bool" and not isinstance(value, bool):
            return False
    return True


def _field_problem(record: Record, catalogue: Catalogue, today: date) -> str | None:
    checker = _CHECKERS.get(type(record))
    results = [] if checker is None else checker(record, catalogue, today)
    errors = [e for r in results if isinstance(r, Err) for e in r.errors]
    if not errors:
        return None
    return "; ".join(f"{e.field}: {e.code}" for e in errors)


def _worker(w: Worker, catalogue: Catalogue, today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [f.validate_person_name(w.name), f.validate_mobile(w.phone)]
    if w.id_number is not None:
        results.append(_id_matches(w, today))
    if not 1 <= len(w.trades) <= MAX_TRADES_PER_WORKER:
        results.append(_err("trades", "trade_count"))
    if any(code not in catalogue.trade_codes for code in w.trades):
        results.append(_err("trades", "unknown_option"))
    return results


def _id_matches(w: Worker, today: date) -> Result[Any]:
    parsed = f.validate_id_number(w.id_number or "", today)
    if isinstance(parsed, Err):
        return parsed
    same = (parsed.value.number == w.id_number and parsed.value.birth_date == w.birth_date
            and parsed.value.sex is w.sex)
    return parsed if same else _err("id_number", "id_mismatch")


def _employer(e: Employer, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [
        f.validate_text(e.name, "name", required=True, max_len=60),
        f.validate_phone(e.phone),
        f.validate_text(e.display_name, "display_name", required=True, max_len=60)]
    if e.kind is EmployerKind.COMPANY:
        results.append(f.validate_uscc(e.uscc or ""))
    return results


def _job(j: JobPost, catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [
        f.validate_text(j.title, "title", required=True, max_len=40),
        f.validate_text(j.place, "place", required=True, max_len=100),
        f.validate_headcount(j.headcount),
        f.validate_start_time(j.start_time or "")]
    if catalogue.trade(j.trade) is None:
        results.append(_err("trade", "trade_unknown"))
    if not 0 < j.pay_cents <= f.MAX_PAY_CENTS:
        results.append(_err("pay_cents", "amount_range"))
    if not 0 <= j.headcount_filled <= j.headcount:
        results.append(_err("headcount_filled", "headcount_range"))
    return results


def _complaint(c: Complaint, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [
        f.validate_person_name(c.complainant_name, "complainant_name"),
        f.validate_phone(c.phone),
        f.validate_text(c.description, "description", required=True, max_len=2000)]
    if c.amount_cents <= 0:
        results.append(_err("amount", "amount_positive"))
    if c.period_from > c.period_to:
        results.append(_err("period", "period_order"))
    return results


def _notice(n: Notice, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [
        f.validate_text(n.text_zh, "text_zh", required=True, max_len=200)]
    if n.ends_on is not None and n.ends_on < n.starts_on:
        results.append(_err("ends_on", "period_order"))
    return results


def _err(field_name: str, code: str) -> Err:
    return fail(field_name, code, code)


Checker = Callable[[Any, Catalogue, date], list[Result[Any]]]
def _audit(a: AuditEvent, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    return [validate_staff_id(a.staff_id),
            f.validate_text(a.detail, "detail", required=False, max_len=200)]


_CHECKERS: dict[type[Any], Checker] = {
    Worker: _worker, Employer: _employer, JobPost: _job, Complaint: _complaint,
    Notice: _notice, AuditEvent: _audit,
}
