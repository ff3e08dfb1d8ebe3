"""RecordTable: every record type goes in and comes back out unchanged."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kiosk.core.codec import to_payload
from kiosk.core.records import (
    Arrival,
    Attendance,
    AuditEvent,
    CaseStep,
    CheckIn,
    Complaint,
    CourseCancel,
    CourseSignup,
    Employer,
    HelpRequest,
    JobPost,
    JobStatus,
    Notice,
    QueueCall,
    Record,
    Referral,
    ReferralStatus,
    SafetyAck,
    ServiceEvent,
    StaffCall,
    Worker,
)
from kiosk.store.store import Store
from kiosk.store.tables import TABLE_NAMES
from tests.store import samples

ALL_TYPES = [Worker, Employer, JobPost, CheckIn, Referral, ServiceEvent, Complaint, CaseStep,
             Notice, AuditEvent, QueueCall, CourseSignup, Attendance,
             StaffCall, Arrival, SafetyAck, HelpRequest,
             CourseCancel]


def _sample(store: Store, cls: type[Record], **overrides: object) -> Record:
    """A record of `cls`; a referral gets a real job first (referrals.job_id is a foreign key)."""
    if cls is Referral:
        target = samples.job()
        store.jobs.upsert(target)
        return samples.referral(target.id, **overrides)
    if cls is CaseStep:
        filed = samples.complaint()
        store.complaints.upsert(filed)
        return samples.case_step(filed.id, **overrides)
    if cls in (Attendance, CourseCancel):
        signup = samples.course_signup()
        store.course_signups.upsert(signup)
        build = samples.attendance if cls is Attendance else samples.course_cancel
        return build(signup.id, **overrides)  # type: ignore[operator]
    builders = {
        Worker: samples.worker, Employer: samples.employer, JobPost: samples.hazardous_job,
        CheckIn: samples.checkin, ServiceEvent: samples.service_event,
        Complaint: samples.complaint, Notice: samples.notice, AuditEvent: samples.audit_event,
        QueueCall: samples.queue_call, CourseSignup: samples.course_signup,
        StaffCall: samples.staff_call,
        Arrival: samples.arrival,
        SafetyAck: samples.safety_ack, HelpRequest: samples.help_request,
    }
    made: Record = builders[cls](**overrides)  # type: ignore[operator]
    return made


def test_every_record_type_has_a_table(store: Store) -> None:
    assert set(TABLE_NAMES) == set(ALL_TYPES)
    assert {store.table_for(cls).name for cls in ALL_TYPES} == set(TABLE_NAMES.values())


@pytest.mark.parametrize("cls", ALL_TYPES, ids=lambda c: c.__name__)
def test_upsert_then_get_returns_an_equal_record(store: Store, cls: type[Record]) -> None:
    table = store.table_for(cls)
    before = table.count()
    record = _sample(store, cls)
    table.upsert(record)

    got = table.get(record.id)
    assert got == record
    assert type(got) is cls
    assert to_payload(got) == to_payload(record)
    assert table.count() == before + 1
    assert table.get("no-such-id") is None


@pytest.mark.parametrize("cls", ALL_TYPES, ids=lambda c: c.__name__)
def test_upsert_of_the_same_id_replaces_the_row(store: Store, cls: type[Record]) -> None:
    table = store.table_for(cls)
    record = _sample(store, cls)
    table.upsert(record)
    count = table.count()
    changed = dataclasses.replace(record, hall_id="370102-QTHS")
    table.upsert(changed)
    assert table.count() == count
    assert table.get(record.id) == changed


@pytest.mark.parametrize("cls", ALL_TYPES, ids=lambda c: c.__name__)
def test_where_and_count_filter_on_columns(store: Store, cls: type[Record]) -> None:
    table = store.table_for(cls)
    here = [_sample(store, cls) for _ in range(3)]
    there = [_sample(store, cls, hall_id="370102-QTHS") for _ in range(2)]
    for record in here + there:
        table.upsert(record)

    assert table.count("hall_id = ?", [samples.HALL]) == 3
    assert table.count("hall_id = ?", ["370102-QTHS"]) == 2
    got = list(table.where("hall_id = ?", ["370102-QTHS"], order_by="id"))
    assert got == sorted(there, key=lambda r: r.id)
    assert list(table.where("hall_id = ?", [samples.HALL], order_by="id DESC", limit=2)) == \
        sorted(here, key=lambda r: r.id, reverse=True)[:2]
    assert table.first("hall_id = ?", ["nowhere"]) is None


def test_optional_fields_round_trip_as_none(store: Store) -> None:
    w = samples.worker(id_number=None, certificates=(), areas=(), skills_note="")
    j = samples.job(start_time=None, hours_per_day=None, certificates=(), area="")
    e = samples.employer(uscc=None)
    n = samples.notice(ends_on=date(2026, 11, 30))
    r = samples.referral(j.id, queue_no=None, status=ReferralStatus.HIRED)
    for record in (w, j, e, n, r):
        store.table_for(type(record)).upsert(record)
    assert store.workers.get(w.id) == w
    assert store.jobs.get(j.id) == j
    assert store.employers.get(e.id) == e
    assert store.notices.get(n.id) == n
    assert store.referrals.get(r.id) == r


def test_tuples_keep_their_order_and_chinese_text_its_characters(store: Store) -> None:
    w = samples.worker(trades=("C09", "C01", "C03"), areas=("市中区", "槐荫区"),
                       name="欧阳·娜娜")
    store.workers.upsert(w)
    got = store.workers.get(w.id)
    assert got is not None
    assert got.trades == ("C09", "C01", "C03")
    assert got.areas == ("市中区", "槐荫区")
    assert got.name == "欧阳·娜娜"
    raw = store.conn.execute("SELECT trades, areas FROM workers WHERE id = ?", [w.id]).fetchone()
    assert [json.loads(column) for column in raw] == [["C09", "C01", "C03"], ["市中区", "槐荫区"]]
    assert "市中区" in raw[1] and "\\u" not in raw[1]  # characters, not escapes


def test_booleans_are_stored_as_integers_and_read_back_as_booleans(store: Store) -> None:
    j = samples.job(urgent=False, status=JobStatus.FILLED, headcount_filled=3)
    store.jobs.upsert(j)
    assert store.conn.execute("SELECT urgent FROM jobs WHERE id = ?", [j.id]).fetchone()[0] == 0
    got = store.jobs.get(j.id)
    assert got is not None
    assert got.urgent is False
    assert got.status is JobStatus.FILLED


def test_timestamps_in_another_zone_come_back_as_the_same_instant(store: Store) -> None:
    jinan = timezone(timedelta(hours=8))
    moment = datetime(2026, 11, 23, 8, 0, 0, 250000, tzinfo=jinan)
    w = samples.worker(created_at=moment, updated_at=moment, consent_at=moment)
    store.workers.upsert(w)
    got = store.workers.get(w.id)
    assert got is not None
    assert got.created_at == moment
    assert got.created_at.utcoffset() == timedelta(0)
    assert got.created_at.tzinfo is not None
    assert got.created_at.astimezone(UTC).hour == 0
