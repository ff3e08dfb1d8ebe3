"""Store.write(): record, outbox change and print job in one transaction; announcements."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from pathlib import Path

import pytest

from kiosk.core.codec import canonical_json, content_hash, to_payload
from kiosk.core.ids import new_id
from kiosk.core.records import ENTITY_NAMES, JobStatus, Record
from kiosk.store.outbox import ChangeOp, OutboxState
from kiosk.store.print_queue import PrintKind, PrintState
from kiosk.store.store import RecordRejected, Store
from tests.store import samples


class Boom(Exception):
    pass


def _count(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _everything(store: Store) -> dict[str, int]:
    tables = ["outbox", "print_jobs", "queue_counters", *store.counts()]
    return {t: _count(store, t) for t in tables}


# -- all or nothing -------------------------------------------------------------------

def test_a_raising_transaction_rolls_back_record_and_outbox(store: Store) -> None:
    w = samples.worker()
    with pytest.raises(Boom), store.write() as tx:
        tx.save(w, ChangeOp.CREATE)
        # inside the transaction both are visible …
        assert store.workers.get(w.id) == w
        assert len(store.outbox.for_entity("worker", w.id)) == 1
        raise Boom
    # … and after the rollback neither is
    assert store.workers.get(w.id) is None
    assert store.outbox.for_entity("worker", w.id) == []
    assert _count(store, "outbox") == 0
    assert not store.conn.in_transaction


def test_rollback_also_undoes_print_jobs_counters_and_earlier_saves(store: Store) -> None:
    kept = samples.worker()
    with store.write() as tx:
        tx.save(kept, ChangeOp.CREATE)
    before = _everything(store)

    e, j = samples.employer(), samples.job()
    with pytest.raises(Boom), store.write() as tx:
        tx.save(e, ChangeOp.CREATE)
        tx.save(j, ChangeOp.CREATE)
        tx.queue_print(PrintKind.REFERRAL, j, "2026-11-23T00:00:00.000Z")
        tx.next_number(samples.HALL, "2026-11-23", "checkin")
        raise Boom

    assert _everything(store) == before
    assert store.employers.get(e.id) is None
    assert store.jobs.get(j.id) is None
    assert store.workers.get(kept.id) == kept


def test_a_failing_statement_rolls_back_the_saves_before_it(store: Store) -> None:
    e = samples.employer()
    orphan = samples.referral(new_id())  # fits the schema; no such job (foreign key)
    with pytest.raises(sqlite3.IntegrityError), store.write() as tx:
        tx.save(e, ChangeOp.CREATE)
        tx.save(orphan, ChangeOp.CREATE)
    assert store.employers.count() == 0
    assert store.jobs.count() == 0
    assert _count(store, "outbox") == 0
    # and the store is usable afterwards
    with store.write() as tx:
        tx.save(e, ChangeOp.CREATE)
    assert store.employers.get(e.id) == e


def test_committed_writes_are_seen_by_another_connection(store: Store) -> None:
    w = samples.worker()
    with store.write() as tx:
        tx.save(w, ChangeOp.CREATE)
    other = sqlite3.connect(store.path)
    try:
        assert other.execute("SELECT COUNT(*) FROM workers WHERE id = ?", [w.id]).fetchone()[0] == 1
        assert other.execute("SELECT COUNT(*) FROM outbox WHERE entity_id = ?",
                             [w.id]).fetchone()[0] == 1
    finally:
        other.close()


# -- the outbox row of each save ------------------------------------------------------

def _one_of_each_saved(store: Store) -> list[Record]:
    j = samples.job()
    records = [j, *samples.one_of_each(j.id)]
    with store.write() as tx:
        for record in records:
            tx.save(record, ChangeOp.CREATE)
    return records


def test_every_save_appends_exactly_one_pending_outbox_row(store: Store) -> None:
    records = _one_of_each_saved(store)
    assert _count(store, "outbox") == len(records)
    for record in records:
        entity = ENTITY_NAMES[type(record)]
        changes = store.outbox.for_entity(entity, record.id)
        assert len(changes) == 1, entity
        change = changes[0]
        payload = to_payload(record)
        assert change.op is ChangeOp.CREATE
        assert change.state is OutboxState.PENDING
        assert change.attempts == 0
        assert change.last_error is None
        assert change.payload == payload
        assert change.content_hash == content_hash(payload)
        assert change.content_hash == hashlib.sha256(
            canonical_json(payload).encode("utf-8")).hexdigest()
        assert change.created_at == payload.get("updated_at", payload["created_at"])


def test_outbox_stores_the_canonical_json_and_a_new_change_id_each_time(store: Store) -> None:
    w = samples.worker()
    with store.write() as tx:
        first = tx.save(w, ChangeOp.CREATE)
        second = tx.save(dataclasses.replace(w, phone="13905317788"), ChangeOp.UPDATE)
    assert first != second
    rows = store.conn.execute(
        "SELECT change_id, op, payload, content_hash FROM outbox ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == [first, second]
    assert [r[1] for r in rows] == ["create", "update"]
    for _, _, payload_text, digest in rows:
        assert hashlib.sha256(payload_text.encode("utf-8")).hexdigest() == digest
    assert rows[0][3] != rows[1][3]
    assert store.workers.count() == 1
    got = store.workers.get(w.id)
    assert got is not None
    assert got.phone == "13905317788"


def test_the_same_content_gives_the_same_hash(store: Store) -> None:
    w = samples.worker()
    with store.write() as tx:
        tx.save(w, ChangeOp.CREATE)
    with store.write() as tx:
        tx.save(w, ChangeOp.UPDATE)
    changes = store.outbox.for_entity("worker", w.id)
    assert len(changes) == 2
    assert changes[0].content_hash == changes[1].content_hash
    assert changes[0].change_id != changes[1].change_id


# -- announcements --------------------------------------------------------------------

def test_listeners_hear_each_commit_once_with_the_changed_entities(store: Store) -> None:
    heard: list[frozenset[str]] = []
    store.subscribe(heard.append)

    w = samples.worker()
    with store.write() as tx:
        tx.save(w, ChangeOp.CREATE)
        tx.save(dataclasses.replace(w, name="张建民"), ChangeOp.UPDATE)
    assert heard == [frozenset({"worker", "outbox"})]

    e, j = samples.employer(), samples.job()
    with store.write() as tx:
        tx.save(e, ChangeOp.CREATE)
        tx.save(j, ChangeOp.CREATE)
        tx.queue_print(PrintKind.REFERRAL, j, "2026-11-23T00:00:00.000Z")
    assert heard[1:] == [frozenset({"employer", "job", "outbox", "print_jobs"})]


def test_listeners_are_not_called_on_rollback(store: Store) -> None:
    heard: list[frozenset[str]] = []
    store.subscribe(heard.append)
    with pytest.raises(Boom), store.write() as tx:
        tx.save(samples.worker(), ChangeOp.CREATE)
        raise Boom
    assert heard == []
    with pytest.raises(RecordRejected), store.write() as tx:
        tx.save(samples.job(headcount=0), ChangeOp.CREATE)
    assert heard == []


def test_unsubscribed_listeners_and_failing_listeners(store: Store) -> None:
    heard: list[frozenset[str]] = []
    late: list[frozenset[str]] = []

    def broken(_: frozenset[str]) -> None:
        raise RuntimeError("a screen crashed")

    unsubscribe = store.subscribe(heard.append)
    store.subscribe(broken)
    store.subscribe(late.append)
    with store.write() as tx:
        tx.save(samples.notice(), ChangeOp.CREATE)
    assert heard == [frozenset({"notice", "outbox"})]
    assert late == heard  # a failing listener does not stop the others

    unsubscribe()
    with store.write() as tx:
        tx.save(samples.notice(), ChangeOp.CREATE)
    assert len(heard) == 1
    assert len(late) == 2
    assert store.notices.count() == 2


# -- per-day numbers ------------------------------------------------------------------

def test_next_number_counts_per_hall_day_and_kind(store: Store) -> None:
    hall, other_hall = samples.HALL, "370102-QTHS"
    with store.write() as tx:
        assert [tx.next_number(hall, "2026-11-23", "checkin") for _ in range(3)] == [1, 2, 3]
        assert tx.next_number(hall, "2026-11-23", "complaint") == 1
        assert tx.next_number(other_hall, "2026-11-23", "checkin") == 1
    with store.write() as tx:
        assert tx.next_number(hall, "2026-11-23", "checkin") == 4
        # a new day starts again at 1
        assert tx.next_number(hall, "2026-11-24", "checkin") == 1
        assert tx.next_number(hall, "2026-11-24", "checkin") == 2
        assert tx.next_number(hall, "2026-11-23", "complaint") == 2


def test_next_number_survives_reopening_and_is_undone_by_rollback(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    store = Store(path)
    with store.write() as tx:
        assert tx.next_number(samples.HALL, "2026-11-23", "checkin") == 1
    with pytest.raises(Boom), store.write() as tx:
        assert tx.next_number(samples.HALL, "2026-11-23", "checkin") == 2
        raise Boom
    store.close()
    store = Store(path)
    try:
        with store.write() as tx:
            assert tx.next_number(samples.HALL, "2026-11-23", "checkin") == 2
    finally:
        store.close()


# -- print jobs -----------------------------------------------------------------------

def test_queue_print_adds_a_queued_job_for_the_record(store: Store) -> None:
    w = samples.worker()
    with store.write() as tx:
        tx.save(w, ChangeOp.CREATE)
        job_id = tx.queue_print(PrintKind.CARD, w, "2026-11-23T00:00:00.000Z")
    queued = store.print_queue.queued()
    assert [(p.id, p.kind, p.ref_entity, p.ref_id, p.state) for p in queued] == [
        (job_id, PrintKind.CARD, "worker", w.id, PrintState.QUEUED)]
    counts = store.print_queue.counts_by_state()
    assert counts == {"queued": 1, "printing": 0, "printed": 0, "failed": 0, "cancelled": 0}


def test_store_counts_every_entity_table(store: Store) -> None:
    assert store.counts() == {t: 0 for t in ["workers", "employers", "jobs", "checkins",
                                             "referrals", "service_events", "complaints",
                                             "case_steps", "notices", "audit_events",
                                             "queue_calls", "course_signups", "attendance",
                                             "staff_calls", "arrivals", "safety_acks",
                                             "help_requests", "course_cancels"]}
    _one_of_each_saved(store)
    counts = store.counts()
    assert counts["jobs"] == counts["course_signups"] == 2  # one of them cancelled
    assert all(counts[t] == 1 for t in counts if t not in ("jobs", "course_signups"))


def test_foreign_keys_are_enforced(store: Store) -> None:
    orphan = samples.referral(new_id())
    with pytest.raises(sqlite3.IntegrityError), store.write() as tx:
        tx.save(orphan, ChangeOp.CREATE)
    assert store.referrals.count() == 0
    assert _count(store, "outbox") == 0


def test_a_record_the_schema_refuses_is_not_stored_nor_queued(store: Store) -> None:
    """The terminal checks the one schema the hub checks: a record the city would refuse
    for ever never reaches the file or the outbox, nor do the saves before it."""
    e = samples.employer()
    too_long = samples.job(title="长" * 41)  # the schema's title is at most 40 characters
    with pytest.raises(RecordRejected) as raised, store.write() as tx:
        tx.save(e, ChangeOp.CREATE)
        tx.save(too_long, ChangeOp.CREATE)
    assert raised.value.entity == "job"
    assert [p.field for p in raised.value.problems] == ["title"]
    assert store.employers.count() == store.jobs.count() == _count(store, "outbox") == 0
    with store.write() as tx:
        tx.save(samples.job(title="长" * 40), ChangeOp.CREATE)
    assert store.jobs.count() == 1


def test_job_status_check_constraint(store: Store) -> None:
    j = samples.job(status=JobStatus.EXPIRED)
    with store.write() as tx:
        tx.save(j, ChangeOp.CREATE)
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE jobs SET status = 'gone' WHERE id = ?", [j.id])
