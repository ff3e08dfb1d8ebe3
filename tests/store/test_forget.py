"""The plain ID number leaves the terminal once the hub has it: every byte of the database
file, its WAL and its backups is searched for it, before and after the acknowledgement."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from kiosk.core.codec import hashed_json
from kiosk.core.errors import Ok
from kiosk.services.hall import Services
from kiosk.store.backup import backup_dir_of, daily_backup
from kiosk.store.outbox import ChangeOp, OutboxState
from kiosk.store.schema import MIGRATIONS_TABLE
from kiosk.store.store import Store
from kiosk.store.sync_state import Outcome, SyncState
from tests.conftest import TODAY, id_number, worker_draft

NUMBER = id_number(date(1968, 7, 9), seq=457)


def files_holding(folder: Path, text: str) -> list[str]:
    """Every file under `folder` (database, -wal, -shm, backups) whose bytes hold `text`."""
    needle = text.encode("ascii")
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and needle in p.read_bytes())


def register(services: Services) -> str:
    made = services.register_worker(worker_draft(id_number=NUMBER))
    assert isinstance(made, Ok)
    return made.value.id


def acknowledge_everything(store: Store) -> None:
    state = SyncState(store)
    sent = state.claim_raw(500)
    state.settle([Outcome(c.change_id, OutboxState.ACKED) for c in sent], "2026-11-23T01:00Z")


def test_after_the_acknowledgement_no_file_holds_the_number(
        store: Store, services: Services) -> None:
    folder = store.path.parent
    worker_id = register(services)
    daily_backup(store.conn, backup_dir_of(store.path), TODAY)
    assert "kiosk.sqlite3-wal" in files_holding(folder, NUMBER)  # the test can see it
    assert "backups/kiosk-20261123.sqlite3" in files_holding(folder, NUMBER)
    acknowledge_everything(store)
    assert files_holding(folder, NUMBER) == []
    daily_backup(store.conn, backup_dir_of(store.path), TODAY, force=True)
    assert files_holding(folder, NUMBER) == []
    worker = store.workers.get(worker_id)
    assert worker is not None and worker.id_number is None and worker.id_masked.endswith(
        NUMBER[-4:])


def test_the_outbox_keeps_the_content_hash_and_a_readable_payload(
        store: Store, services: Services) -> None:
    register(services)
    before = store.conn.execute("SELECT payload, content_hash FROM outbox").fetchone()
    assert hashed_json(json.loads(before[0]))[1] == before[1]
    acknowledge_everything(store)
    payload, content_hash = store.conn.execute("SELECT payload, content_hash FROM outbox"
                                               ).fetchone()
    assert content_hash == before[1]  # the hub still sees the same change as a duplicate
    assert json.loads(payload) == {**json.loads(before[0]), "id_number": None}


def test_a_backup_made_before_learns_what_the_hub_acknowledged(
        store: Store, services: Services) -> None:
    register(services)
    backup = daily_backup(store.conn, backup_dir_of(store.path), TODAY)
    assert backup is not None
    acknowledge_everything(store)
    with sqlite3.connect(backup) as old:
        states = {s for (s,) in old.execute("SELECT state FROM outbox")}
        numbers = [n for (n,) in old.execute("SELECT id_number FROM workers")]
    assert states == {"acked"} and numbers == [None]  # a restore sends nothing twice


def test_a_number_with_a_change_still_unsent_stays_until_that_one_is_acknowledged(
        store: Store, services: Services) -> None:
    worker_id = register(services)
    state = SyncState(store)
    first = state.claim_raw(500)
    updated = services.update_worker(worker_id, worker_draft(id_number=NUMBER, name="王大明"))
    assert isinstance(updated, Ok)
    state.settle([Outcome(c.change_id, OutboxState.ACKED) for c in first], "2026-11-23T01:00Z")
    worker = store.workers.get(worker_id)
    assert worker is not None and worker.id_number == NUMBER  # the update still carries it
    acknowledge_everything(store)
    assert files_holding(store.path.parent, NUMBER) == []


def test_an_old_database_is_scrubbed_when_it_is_upgraded(tmp_path: Path,
                                                         services: Services) -> None:
    """A file from before: acknowledged payloads kept the number (and freed pages held it)."""
    path = services.store.path
    register(services)
    conn = services.store.conn
    conn.execute("UPDATE outbox SET state = 'acked'")
    conn.execute("PRAGMA secure_delete = OFF")  # as before: freed bytes kept
    conn.execute(f"DELETE FROM {MIGRATIONS_TABLE} WHERE name = ?",
                 ["m008_forget_acknowledged_id_numbers"])
    services.store.close()
    assert files_holding(path.parent, NUMBER)
    reopened = Store(path)
    try:
        assert files_holding(path.parent, NUMBER) == []
        assert reopened.conn.execute("SELECT id_number FROM workers").fetchall() == [(None,)]
    finally:
        reopened.close()


def test_a_reader_in_a_snapshot_never_makes_the_purge_wait(
        store: Store, services: Services) -> None:
    """The board reads while the sync thread (or the counter) purges: the purge gives up
    (without waiting out the busy timeout, which it leaves as it was); a later one empties
    the WAL."""
    import sqlite3 as sqlite

    from kiosk.store.forget import purge_wal

    worker_id = register(services)
    reader = sqlite.connect(store.path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM workers").fetchone()  # holds a snapshot
        with store.write() as tx:  # a frame the reader's snapshot does not include
            worker = store.workers.get(worker_id)
            assert worker is not None
            tx.save(worker, ChangeOp.UPDATE)
        assert purge_wal(store.conn) is False
        assert store.conn.execute("PRAGMA busy_timeout").fetchone() == (5000,)
    finally:
        reader.close()
    assert purge_wal(store.conn) is True
    assert store.path.with_name("kiosk.sqlite3-wal").stat().st_size == 0
