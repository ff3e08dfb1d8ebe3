"""Records ↔ payloads, canonical JSON and the content hash the outbox and hub compare."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.codec import canonical_json, content_hash, from_payload, iso_utc, to_payload
from kiosk.core.records import (
    ENTITY_NAMES,
    ENTITY_TYPES,
    CheckIn,
    EmployerKind,
    Intention,
    JobPost,
    JobStatus,
    Notice,
    PayUnit,
    Record,
    Settlement,
    Sex,
    Worker,
    entity_name,
)
from tests.core.strategies import CST, records

SOME = settings(max_examples=200, deadline=None)
every_record = st.one_of(*(records(cls) for cls in ENTITY_TYPES.values()))

MOMENT = datetime(2026, 11, 23, 8, 0, tzinfo=CST)


def a_worker(**overrides: Any) -> Worker:
    values: dict[str, Any] = {
        "id": "0193b3c4-0000-7000-8000-000000000001", "hall_id": "370104-DDBL",
        "name": "张建国", "id_index": "ab" * 32, "id_masked": "3701**********1232",
        "id_number": None, "birth_date": date(1975, 3, 14), "sex": Sex.MALE,
        "phone": "13805311234", "trades": ("C01", "C09"), "certificates": (),
        "intentions": (Intention.DAILY, Intention.HOURLY), "areas": ("槐荫区",),
        "available_from": date(2026, 11, 23), "skills_note": "会贴瓷砖", "low_income": False,
        "disabled": True, "consent_at": MOMENT, "consent_version": "2026-01",
        "created_at": MOMENT, "updated_at": MOMENT + timedelta(seconds=1, milliseconds=250),
    }
    values.update(overrides)
    return Worker(**values)


def a_job(**overrides: Any) -> JobPost:
    values: dict[str, Any] = {
        "id": "j1", "hall_id": "h1", "employer_id": "e1", "trade": "C01", "title": "砌砖",
        "description": "", "certificates": ("health",), "employment_type": Intention.DAILY,
        "area": "槐荫区", "place": "阳光小区", "start_date": date(2026, 11, 23),
        "start_time": "07:30", "hours_per_day": 8.5, "pay_cents": 35000,
        "pay_unit": PayUnit.DAY, "settlement": Settlement.DAILY, "headcount": 3,
        "headcount_filled": 1, "urgent": True, "status": JobStatus.OPEN,
        "created_at": MOMENT, "updated_at": MOMENT,
    }
    values.update(overrides)
    return JobPost(**values)


# --- payloads ------------------------------------------------------------------------------

def test_a_worker_payload_is_plain_json() -> None:
    payload = to_payload(a_worker())
    assert payload["birth_date"] == "1975-03-14"
    assert payload["sex"] == "M"
    assert payload["trades"] == ["C01", "C09"]
    assert payload["intentions"] == ["daily", "hourly"]
    assert payload["certificates"] == []
    assert payload["id_number"] is None
    assert payload["consent_at"] == "2026-11-23T00:00:00.000Z"
    assert payload["updated_at"] == "2026-11-23T00:00:01.250Z"
    assert payload["disabled"] is True
    assert list(payload) == [f.name for f in dataclasses.fields(Worker)]
    assert json.loads(json.dumps(payload)) == payload


def test_a_job_payload_round_trips() -> None:
    job = a_job()
    payload = to_payload(job)
    assert payload["hours_per_day"] == 8.5
    assert payload["pay_cents"] == 35000
    assert payload["status"] == "open"
    assert from_payload(JobPost, payload) == job
    assert from_payload(JobPost, json.loads(canonical_json(payload))) == job
    empty = a_job(start_time=None, hours_per_day=None)
    assert from_payload(JobPost, to_payload(empty)) == empty


@SOME
@given(every_record)
def test_every_record_round_trips_through_its_payload_and_json(record: Record) -> None:
    cls = type(record)
    payload = to_payload(record)
    assert from_payload(cls, payload) == record
    wire = json.loads(canonical_json(payload))
    back = from_payload(cls, wire)
    assert back == record
    assert to_payload(back) == payload
    for f in dataclasses.fields(record):
        value = getattr(back, f.name)
        assert type(value) is type(getattr(record, f.name)) or (
            isinstance(value, datetime) and value.tzinfo is not None)


@SOME
@given(every_record, st.integers(0, 999))
def test_payloads_keep_milliseconds_and_are_stable_after_one_round_trip(
        record: Record, micro: int) -> None:
    # sub-millisecond parts are dropped once; after that the payload never changes
    moved = dataclasses.replace(record, created_at=record.created_at + timedelta(
        microseconds=micro))
    payload = to_payload(moved)
    again = to_payload(from_payload(type(moved), payload))
    assert again == payload
    assert content_hash(again) == content_hash(payload)


def test_every_entity_type_is_covered_and_named() -> None:
    assert set(ENTITY_TYPES) == {"worker", "employer", "job", "checkin", "referral",
                                 "service_event", "complaint", "case_step", "notice", "audit",
                                 "call", "course_signup", "attendance", "staff_call", "arrival",
                                 "safety_ack", "help_request", "course_cancel"}
    for name, cls in ENTITY_TYPES.items():
        assert ENTITY_NAMES[cls] == name
    assert entity_name(a_worker()) == "worker"
    assert entity_name(a_job()) == "job"


def test_datetimes_in_payloads_are_utc_with_milliseconds() -> None:
    assert iso_utc(datetime(2026, 11, 23, 14, 0, tzinfo=CST)) == "2026-11-23T06:00:00.000Z"
    assert iso_utc(datetime(2026, 1, 1, 0, 0, 0, 123456, tzinfo=UTC)) == \
        "2026-01-01T00:00:00.123Z"
    minus5 = timezone(timedelta(hours=-5))
    assert iso_utc(datetime(2026, 12, 31, 22, 30, tzinfo=minus5)) == "2027-01-01T03:30:00.000Z"


def test_decoded_datetimes_are_aware_and_the_same_instant() -> None:
    check_in = CheckIn(id="c1", hall_id="h", worker_id="w", day=date(2026, 11, 23),
                       queue_no=7, created_at=MOMENT)
    back = from_payload(CheckIn, to_payload(check_in))
    assert back.created_at.tzinfo is not None
    assert back.created_at == MOMENT
    assert back.created_at.utcoffset() == timedelta(0)


def test_a_value_that_is_not_json_cannot_be_hashed() -> None:
    # A mistyped field never slips into the outbox as some made-up text.
    bad = Notice(id="n", hall_id="h", text_zh=b"bytes",  # type: ignore[arg-type]
                 text_en="", starts_on=date(2026, 1, 1), ends_on=None, priority=0,
                 created_at=MOMENT, updated_at=MOMENT)
    with pytest.raises(TypeError):
        content_hash(to_payload(bad))


def test_a_payload_missing_a_field_is_refused() -> None:
    payload = to_payload(a_job())
    del payload["headcount"]
    with pytest.raises(KeyError):
        from_payload(JobPost, payload)


def test_a_payload_with_an_unknown_enum_value_is_refused() -> None:
    payload = to_payload(a_job())
    payload["pay_unit"] = "week"
    with pytest.raises(ValueError):
        from_payload(JobPost, payload)


# --- canonical JSON and content hash ------------------------------------------------------

def test_canonical_json_format_is_pinned() -> None:
    # The hub compares hashes made by terminals of other versions: the format must not drift.
    payload = {"b": 1, "a": "零工", "c": [1, None, True], "d": {"y": 2.5, "x": "X"}}
    text = '{"a":"零工","b":1,"c":[1,null,true],"d":{"x":"X","y":2.5}}'
    assert canonical_json(payload) == text
    assert content_hash(payload) == hashlib.sha256(text.encode("utf-8")).hexdigest()


@SOME
@given(every_record, st.randoms(use_true_random=False))
def test_canonical_json_and_hash_do_not_depend_on_key_order(record: Record, rng: Any) -> None:
    payload = to_payload(record)
    items = list(payload.items())
    rng.shuffle(items)
    shuffled = dict(items)
    assert canonical_json(shuffled) == canonical_json(payload)
    assert content_hash(shuffled) == content_hash(payload)
    assert content_hash(payload) == content_hash(to_payload(record))  # stable
    assert len(content_hash(payload)) == 64


def mutated(value: Any) -> Any:
    """A different JSON value of the same kind."""
    if value is None:
        return "x"
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 1.0
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, list):
        return [*value, value[0] if value else "x"]
    raise AssertionError(value)


@SOME
@given(every_record, st.integers(0, 100))
def test_content_hash_changes_when_any_field_changes(record: Record, pick: int) -> None:
    payload = to_payload(record)
    name = sorted(payload)[pick % len(payload)]
    changed = {**payload, name: mutated(payload[name])}
    assert changed[name] != payload[name]
    assert content_hash(changed) != content_hash(payload)


def test_content_hash_changes_with_each_field_of_a_worker() -> None:
    payload = to_payload(a_worker())
    base = content_hash(payload)
    hashes = {base}
    for name in payload:
        h = content_hash({**payload, name: mutated(payload[name])})
        assert h != base, name
        hashes.add(h)
    assert len(hashes) == len(payload) + 1


def test_similar_records_hash_differently() -> None:
    assert content_hash(to_payload(a_job(headcount_filled=2))) != content_hash(
        to_payload(a_job()))
    assert content_hash(to_payload(a_job(hours_per_day=8.0))) != content_hash(
        to_payload(a_job(hours_per_day=None)))
    # a renamed key is a different payload even with the same values
    payload = to_payload(a_job())
    renamed = {("titel" if k == "title" else k): v for k, v in payload.items()}
    assert content_hash(renamed) != content_hash(payload)


# --- records -----------------------------------------------------------------------------

def test_headcount_left_never_goes_below_zero() -> None:
    assert a_job(headcount=3, headcount_filled=1).headcount_left == 2
    assert a_job(headcount=3, headcount_filled=3).headcount_left == 0
    assert a_job(headcount=3, headcount_filled=5).headcount_left == 0


def test_records_are_immutable() -> None:
    worker = a_worker()
    with pytest.raises(dataclasses.FrozenInstanceError):
        worker.name = "李四"  # type: ignore[misc]


def test_enum_values_are_the_wire_values() -> None:
    assert [s.value for s in Sex] == ["M", "F"]
    assert EmployerKind("company") is EmployerKind.COMPANY
    assert {u.value for u in PayUnit} == {"day", "hour", "piece", "month", "sqm", "job"}
    assert {s.value for s in Settlement} == {"daily", "weekly", "monthly", "on_completion"}
