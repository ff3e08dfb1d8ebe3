"""Workers registered with the same ID number at two halls while offline become one worker."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.core.records import ServiceKind
from kiosk.store.sync_state import SyncState
from sync.hub.identity import load_or_create_key
from sync.hub.schema import feed, worker_aliases, worker_identities
from tests.conftest import FixedClock, id_number, worker_draft
from tests.sync.conftest import Hub, Terminal


def register(terminal: Terminal, number: str) -> str:
    worker = terminal.services.register_worker(worker_draft(id_number=number))
    assert worker.ok
    return worker.value.id  # type: ignore[union-attr]


def checkin_workers(terminal: Terminal) -> list[str]:
    return [row[0] for row in terminal.store.conn.execute("SELECT worker_id FROM checkins")]


def test_the_same_id_number_at_two_halls_becomes_one_worker(hub: Hub, hall_a: Terminal,
                                                          hall_b: Terminal) -> None:
    number = id_number()
    first, second = register(hall_a, number), register(hall_b, number)
    assert hall_b.services.check_in(second).ok
    a, b = hall_a.agent(hub.client).sync_once(), hall_b.agent(hub.client).sync_once()
    assert a.ok and b.ok and b.stored == 2  # the worker and its check-in: `stored`
    with hub.engine.connect() as conn:
        aliases = conn.execute(select(worker_aliases.c.alias_id,
                                      worker_aliases.c.canonical_id)).all()
        owners = conn.execute(select(worker_identities.c.worker_id)).scalars().all()
        merges = conn.execute(select(feed.c.record_id).where(
            feed.c.kind == "worker_merge")).scalars().all()
    assert [tuple(row) for row in aliases] == [(second, first)]
    assert owners == [first] and merges == [second]
    assert checkin_workers(hall_b) == [first]  # hall B applied the merge from its pull


def test_a_merge_is_applied_once_and_again_changes_nothing(hub: Hub, hall_a: Terminal,
                                                          hall_b: Terminal) -> None:
    number = id_number()
    first, second = register(hall_a, number), register(hall_b, number)
    assert hall_b.services.check_in(second).ok
    state = SyncState(hall_b.store)
    assert state.merge_worker(second, first) == 1
    assert state.merge_worker(second, first) == 0
    assert checkin_workers(hall_b) == [first]
    hall_a.agent(hub.client).sync_once()
    hall_b.agent(hub.client).sync_once()
    hall_b.agent(hub.client).sync_once()
    assert checkin_workers(hall_b) == [first]
    with hub.engine.connect() as conn:
        assert len(conn.execute(select(worker_aliases)).all()) == 1


def test_a_replayed_worker_is_not_merged_with_itself(hub: Hub, hall_a: Terminal) -> None:
    register(hall_a, id_number())
    assert hall_a.agent(hub.client).sync_once().stored == 1
    hall_a.store.conn.execute("UPDATE outbox SET state = 'pending'")
    report = hall_a.agent(hub.client).sync_once()
    assert report.duplicate == 1
    with hub.engine.connect() as conn:
        assert conn.execute(select(worker_aliases)).all() == []


def test_a_replay_after_the_id_number_was_forgotten_is_a_duplicate_by_its_hash(
        hub: Hub, hall_a: Terminal) -> None:
    """Acknowledged, the payload lost its plain ID number (its hash stayed): the hub answers
    a replay by id and hash, without reading the content again."""
    register(hall_a, id_number())
    assert hall_a.agent(hub.client).sync_once().stored == 1
    payload = hall_a.store.conn.execute("SELECT payload FROM outbox").fetchone()[0]
    assert '"id_number":null' in payload
    hall_a.store.conn.execute("UPDATE outbox SET state = 'pending'")
    assert hall_a.agent(hub.client).sync_once().duplicate == 1


def test_another_terminal_replaying_a_stored_change_is_a_conflict(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    register(hall_a, id_number())
    assert hall_a.agent(hub.client).sync_once().stored == 1
    row = hall_a.store.conn.execute("SELECT change_id, payload, content_hash FROM outbox"
                                    ).fetchone()
    hall_b.store.conn.execute(
        "INSERT INTO outbox (change_id, entity, entity_id, op, payload, content_hash, "
        "created_at) VALUES (?, 'worker', 'x', 'create', ?, ?, '2026-11-23T00:00:00.000Z')",
        row)
    report = hall_b.agent(hub.client).sync_once()
    assert report.conflict == 1 and report.duplicate == 0


def test_the_hub_key_is_created_private_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "hub.key"
    key = load_or_create_key(path)
    assert len(key) == 32 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_key(path) == key
    path.write_text("abcd\n")
    with pytest.raises(ValueError, match="at least"):
        load_or_create_key(path)


def test_after_a_merge_the_old_id_checks_in_and_counts_as_the_one_worker(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    """A card printed at hall B before the merge still works there, under the new id; the
    city's supply counts the person once."""
    from sync.hub.stats import city_stats

    number = id_number()
    first, second = register(hall_a, number), register(hall_b, number)
    hall_a.agent(hub.client).sync_once()
    hall_b.agent(hub.client).sync_once()
    hall_b.agent(hub.client).sync_once()  # the merge comes back in the pull
    clock.advance(days=1)
    checked = hall_b.services.check_in(second)  # the old card
    assert checked.ok and checked.value.checkin.worker_id == first  # type: ignore[union-attr]
    assert hall_b.services.worker(second) is not None  # hall B knows the person by either id
    assert hall_b.services.add_service_event(second, ServiceKind.GUIDANCE).ok
    events = hall_b.store.conn.execute("SELECT worker_id FROM service_events").fetchall()
    assert events == [(first,)]
    with hub.engine.connect() as conn:
        supply = {row["trade"]: row["workers"] for row in city_stats(conn)["trades"]}
    assert all(count == 1 for count in supply.values())
