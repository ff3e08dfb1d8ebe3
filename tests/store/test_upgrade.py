"""A terminal still on an older schema upgrades in place and keeps every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from kiosk.services.jobs import OPEN_JOBS_WHERE
from kiosk.store.migrations import migrations
from kiosk.store.store import Store

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


def test_an_old_job_row_reads_with_the_later_facts_as_defaults(tmp_path: Path) -> None:
    """m010: a job stored before jobs had skills, end dates, meeting points and the rest
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
