"""A terminal still on an older schema upgrades in place and keeps every row."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from kiosk.core.codec import content_hash, to_payload
from kiosk.core.records import ComplaintKind, EmployerRole, Record
from kiosk.core.schema import check_payload
from kiosk.services.jobs import OPEN_JOBS_WHERE
from kiosk.store.migrations import migrations
from kiosk.store.store import Store
from tests.store import samples

SCHEMAS = Path(__file__).parent / "schemas"


def make_v1_file(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript((SCHEMAS / "v1.sql").read_text("utf-8"))
    conn.execute(
        "INSERT INTO print_jobs (id, kind, ref_entity, ref_id, printer, state, attempts, "
        "created_at, updated_at) VALUES ('p1', 'card', 'worker', 'w1', '', 'queued', 0, "
        "'2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')")
    conn.execute(
        "INSERT INTO outbox (change_id, entity, entity_id, op, payload, content_hash, created_at) "
        "VALUES ('c1', 'notice', 'n1', 'create', '{}', 'h', '2026-11-01T00:00:00.000Z')")
    conn.execute(
        "INSERT INTO checkins (id, hall_id, worker_id, day, queue_no, created_at) VALUES "
        "('019a5b1c-0000-7000-8000-0000000000c1', '370104-DDBL', "
        "'019a5b1c-0000-7000-8000-0000000000a1', '2026-11-01', 7, '2026-11-01T00:00:00.000Z')")
    conn.commit()
    conn.close()


def test_v1_file_upgrades_to_the_current_schema_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_v1_file(path)
    store = Store(path)
    try:
        applied = [m.name for m in migrations.applied(Database(store.conn))]
        assert applied == [m.name for m in migrations._migrations]
        job = store.print_queue.get("p1")
        assert job is not None and job.error_code is None and job.next_attempt_at is None
        assert store.outbox.counts_by_state()["pending"] == 1
        assert store.print_queue.claim("p1", "2026-11-02T00:00:00.000Z")
        assert store.print_queue.mark_retry("p1", "paper_out", "", "2026-11-02T00:00:02.000Z",
                                            "2026-11-02T00:00:00.000Z")
        retried = store.print_queue.get("p1")
        assert retried is not None and retried.error_code == "paper_out"
        checkin = store.checkins.get("019a5b1c-0000-7000-8000-0000000000c1")
        assert checkin is not None and (checkin.queue_no, checkin.unverified) == (7, None)
    finally:
        store.close()


def test_a_fresh_file_has_the_same_schema_as_an_upgraded_one(tmp_path: Path) -> None:
    old, new = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    make_v1_file(old)
    Store(old).close()
    Store(new).close()

    def schema(path: Path) -> list[tuple[str, str]]:
        with sqlite3.connect(path) as conn:
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            return [(t, str(conn.execute(f"PRAGMA table_info({t})").fetchall()))
                    for t in tables if t != "sqlite_sequence"]
    assert schema(old) == schema(new)


def test_complaints_and_employers_of_an_older_file_keep_their_rows_and_unsent_changes(
        tmp_path: Path) -> None:
    """m010: an older complaint is a wage complaint with nothing recovered yet; its unsent
    change and an unsent employer's get the new fields, rehashed, so the hub takes them."""
    path = tmp_path / "old.sqlite3"
    make_v1_file(path)
    complaint, employer = samples.complaint(), samples.employer()
    old_complaint = {k: v for k, v in _payload(complaint).items()
                     if k not in ("kind", "recovered_cents")}
    old_employer = {k: v for k, v in _payload(employer).items() if k != "role"}
    conn = sqlite3.connect(path)
    columns = ", ".join(old_complaint)
    conn.execute(f"INSERT INTO complaints ({columns}) VALUES "
                 f"({', '.join('?' * len(old_complaint))})", list(old_complaint.values()))
    for entity, payload in (("complaint", old_complaint), ("employer", old_employer)):
        conn.execute("INSERT INTO outbox (change_id, entity, entity_id, op, payload, "
                     "content_hash, created_at) VALUES (?, ?, ?, 'create', ?, 'h', ?)",
                     (f"c-{entity}", entity, payload["id"], json.dumps(payload),
                      payload["created_at"]))
    conn.commit()
    conn.close()
    store = Store(path)
    try:
        kept = store.complaints.get(complaint.id)
        assert kept is not None and kept.kind is ComplaintKind.WAGES
        assert kept.recovered_cents == 0 and kept.amount_cents == complaint.amount_cents
        changes = {c.entity: c for c in store.outbox.unsent() if c.entity != "notice"}
        assert changes["complaint"].payload == _payload(complaint)
        assert changes["employer"].payload["role"] == EmployerRole.DIRECT.value
        for change in changes.values():
            assert change.content_hash == content_hash(change.payload)
            assert check_payload(change.entity, change.payload) == []
    finally:
        store.close()


def _payload(record: Record) -> dict[str, object]:
    return dict(to_payload(record))


def test_an_old_job_row_reads_with_the_later_facts_as_defaults(tmp_path: Path) -> None:
    """m012: a job stored before jobs had skills, end dates, meeting points and the rest
    loads, is listed as before (a daily job on its start date) and can be cancelled."""
    path = tmp_path / "old.sqlite3"
    make_v1_file(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO jobs (id, hall_id, employer_id, trade, title, description, certificates, "
        "employment_type, area, place, start_date, start_time, hours_per_day, pay_cents, "
        "pay_unit, settlement, headcount, headcount_filled, urgent, status, created_at, "
        "updated_at) VALUES ('01900000-0000-7000-8000-000000000001', 'H', "
        "'01900000-0000-7000-8000-000000000002', 'L04', '叉车', '', '[]', 'long_term', '', "
        "'物流园', '2026-11-01', NULL, NULL, 20000, 'day', 'daily', 2, 0, 0, 'open', "
        "'2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')")
    conn.commit()
    conn.close()
    store = Store(path)
    try:
        job = store.jobs.get("01900000-0000-7000-8000-000000000001")
        assert job is not None and job.end_date is None and job.meeting_point == ""
        assert not job.meals and job.skill_level is None and job.employer_no_shows == 0
        listed = [j.id for j in store.jobs.where(OPEN_JOBS_WHERE, ["2026-11-30"])]
        assert listed == [job.id]  # a long-term job: listed 30 days from its start
        assert not list(store.jobs.where(OPEN_JOBS_WHERE, ["2026-12-01"]))
    finally:
        store.close()
