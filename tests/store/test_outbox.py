"""The outbox's summaries: counts by state and the oldest change not yet acknowledged."""

from __future__ import annotations

import json
from datetime import timedelta

from kiosk.core.records import Record
from kiosk.store.forget import FORGET_NUMBERS_SQL, SCRUB_ACKED_PAYLOADS_SQL
from kiosk.store.outbox import ChangeOp, OutboxState
from kiosk.store.store import Store
from kiosk.store.sync_state import ACK_SQL, Outcome, SyncState
from tests.store import samples

EMPTY = {"pending": 0, "sending": 0, "acked": 0, "rejected": 0, "quarantined": 0}


def _save(store: Store, *records: Record) -> list[str]:
    with store.write() as tx:
        return [tx.save(r, ChangeOp.CREATE) for r in records]


def _set_state(store: Store, change_id: str, state: OutboxState) -> None:
    store.conn.execute("UPDATE outbox SET state = ? WHERE change_id = ?",
                       [state.value, change_id])


def test_an_empty_outbox(store: Store) -> None:
    assert store.outbox.counts_by_state() == EMPTY
    assert store.outbox.oldest_unsent_created_at() is None
    assert store.outbox.unsent() == []


def test_counts_by_state_follow_the_rows(store: Store) -> None:
    ids = _save(store, *(samples.notice() for _ in range(6)))
    assert store.outbox.counts_by_state() == {**EMPTY, "pending": 6}

    _set_state(store, ids[0], OutboxState.ACKED)
    _set_state(store, ids[1], OutboxState.ACKED)
    _set_state(store, ids[2], OutboxState.SENDING)
    _set_state(store, ids[3], OutboxState.REJECTED)
    _set_state(store, ids[4], OutboxState.QUARANTINED)
    assert store.outbox.counts_by_state() == {
        "pending": 1, "sending": 1, "acked": 2, "rejected": 1, "quarantined": 1}
    assert sum(store.outbox.counts_by_state().values()) == 6


def test_oldest_unsent_is_the_first_pending_or_sending_change(store: Store) -> None:
    t = samples.T0
    first = samples.notice(created_at=t, updated_at=t)
    second = samples.notice(created_at=t, updated_at=t + timedelta(minutes=5))
    third = samples.checkin(created_at=t + timedelta(minutes=9))
    ids = _save(store, first, second, third)
    assert store.outbox.oldest_unsent_created_at() == "2026-11-23T00:00:00.123Z"

    _set_state(store, ids[0], OutboxState.ACKED)
    assert store.outbox.oldest_unsent_created_at() == "2026-11-23T00:05:00.123Z"

    _set_state(store, ids[1], OutboxState.SENDING)  # in flight: still not acknowledged
    assert store.outbox.oldest_unsent_created_at() == "2026-11-23T00:05:00.123Z"

    _set_state(store, ids[1], OutboxState.REJECTED)  # rejected changes wait for staff
    assert store.outbox.oldest_unsent_created_at() == "2026-11-23T00:09:00.123Z"

    _set_state(store, ids[2], OutboxState.ACKED)
    assert store.outbox.oldest_unsent_created_at() is None


def test_unsent_is_in_creation_order_and_limited(store: Store) -> None:
    records = [samples.notice() for _ in range(5)]
    ids = _save(store, *records)
    _set_state(store, ids[1], OutboxState.ACKED)
    unsent = store.outbox.unsent(limit=3)
    assert [c.change_id for c in unsent] == [ids[0], ids[2], ids[3]]
    assert [c.entity_id for c in unsent] == [records[0].id, records[2].id, records[3].id]
    assert all(c.entity == "notice" for c in unsent)
    assert [c.seq for c in unsent] == sorted(c.seq for c in unsent)


def test_acknowledging_a_batch_looks_its_rows_up_by_change_id(store: Store) -> None:
    """Not by scanning every unsent row (that made a long backlog's push quadratic)."""
    ids = _save(store, *(samples.notice() for _ in range(50)))
    plan = " ".join(str(row[3]) for row in store.conn.execute(
        f"EXPLAIN QUERY PLAN {ACK_SQL}", [json.dumps(ids[:3])]))
    assert "USING INDEX sqlite_autoindex_outbox_1 (change_id=?)" in plan, plan
    assert "outbox_state" not in plan, plan
    state = SyncState(store)
    claimed = state.claim_raw(10)
    state.settle([Outcome(c.change_id, OutboxState.ACKED) for c in claimed[:4]],
                 "2026-11-23T00:00:00.000Z")
    assert store.outbox.counts_by_state() == {**EMPTY, "acked": 4, "sending": 6, "pending": 40}


def test_forgetting_acknowledged_id_numbers_never_walks_the_backlog(store: Store) -> None:
    """Each acknowledged worker's unsent changes are found through the outbox_entity index
    (walking the state index made a backlog with many workers quadratic)."""
    plan = " ".join(str(row[3]) for row in store.conn.execute(
        f"EXPLAIN QUERY PLAN {FORGET_NUMBERS_SQL}", [json.dumps(["a"])]))
    assert "sqlite_autoindex_outbox_1 (change_id=?)" in plan, plan
    assert "outbox_entity (entity=? AND entity_id=? AND state=?)" in plan, plan
    assert "outbox_state" not in plan, plan


def test_scrubbing_acknowledged_payloads_finds_them_by_change_id(store: Store) -> None:
    plan = " ".join(str(row[3]) for row in store.conn.execute(
        f"EXPLAIN QUERY PLAN {SCRUB_ACKED_PAYLOADS_SQL}", [json.dumps(["a"])]))
    assert "sqlite_autoindex_outbox_1 (change_id=?)" in plan, plan
    assert "outbox_state" not in plan, plan


def test_a_claim_after_a_seq_leaves_the_batches_on_the_wire_alone(store: Store) -> None:
    _save(store, *(samples.notice() for _ in range(7)))
    state = SyncState(store)
    first = state.claim_raw(3)
    second = state.claim_raw(3, after=first[-1].seq)
    rest = state.claim_raw(3, after=second[-1].seq)
    seqs = [c.seq for c in first + second + rest]
    assert seqs == sorted(seqs) and len(set(seqs)) == 7 and len(rest) == 1
    assert state.claim_raw(3, after=rest[-1].seq) == []
    assert store.outbox.counts_by_state() == {**EMPTY, "sending": 7}
    assert [c.seq for c in state.claim_raw(3)] == seqs[:3]  # a new run starts again
