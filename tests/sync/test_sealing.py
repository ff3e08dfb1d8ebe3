"""The hub keeps ID numbers sealed (AES-GCM, keyring apart from the database): no table
holds a plain number, a later update keeps the sealed one, old hubs are converted, keys
rotate, and a number is opened only with a disclosure record."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, select, text

from kiosk.core.errors import Ok
from sync.hub.database import PlainNumbersNeedKeys, _alembic_config, make_engine, migrate
from sync.hub.schema import workers
from sync.hub.sealing import (
    CannotUnseal,
    DamagedKeyring,
    Keyring,
    add_key,
    load_or_create_keyring,
)
from sync.protocol import Result
from tests.conftest import id_number, worker_draft
from tests.sync.conftest import HUB_KEYS, Hub, Terminal
from tests.sync.hostile import push_dicts, record_change

NUMBER = id_number(date(1971, 3, 14), seq=271)


def every_text_in(engine: Engine) -> str:
    """All the hub's tables, every row and column, as one string."""
    with engine.connect() as conn:
        return "\n".join(repr(tuple(row)) for name in inspect(conn).get_table_names()
                         for row in conn.execute(text(f"SELECT * FROM {name}")))


def register_and_sync(terminal: Terminal, hub: Hub) -> str:
    made = terminal.services.register_worker(worker_draft(id_number=NUMBER))
    assert isinstance(made, Ok)
    terminal.agent(hub.client).sync_once()
    return made.value.id


def sealed_of(engine: Engine, worker_id: str) -> str:
    with engine.connect() as conn:
        return str(conn.execute(select(workers.c.id_sealed).where(
            workers.c.id == worker_id)).scalar_one())


def test_no_hub_table_holds_a_plain_number_and_the_sealed_one_opens(
        hub: Hub, hall_a: Terminal) -> None:
    worker_id = register_and_sync(hall_a, hub)
    assert NUMBER not in every_text_in(hub.engine)
    assert HUB_KEYS.ids.unseal(worker_id, sealed_of(hub.engine, worker_id)) == NUMBER


def test_an_update_after_the_terminal_forgot_the_number_keeps_the_sealed_one(
        hub: Hub, hall_a: Terminal) -> None:
    worker_id = register_and_sync(hall_a, hub)
    worker = hall_a.store.workers.get(worker_id)
    assert worker is not None and worker.id_number is None  # forgotten on acknowledgement
    later = replace(worker, phone="13912345678",
                    updated_at=worker.updated_at + timedelta(minutes=5))
    status, answer = push_dicts(hub, hall_a.credentials, [record_change(later, "update")])
    assert status == 200 and answer is not None
    assert answer.answers[0].result == Result.STORED
    with hub.engine.connect() as conn:
        assert "13912345678" in conn.execute(select(workers.c.payload).where(
            workers.c.id == worker_id)).scalar_one()
    assert HUB_KEYS.ids.unseal(worker_id, sealed_of(hub.engine, worker_id)) == NUMBER


def test_a_sealed_number_moved_to_another_worker_does_not_open() -> None:
    sealed = HUB_KEYS.ids.seal("worker-a", NUMBER)
    with pytest.raises(CannotUnseal):
        HUB_KEYS.ids.unseal("worker-b", sealed)
    with pytest.raises(CannotUnseal):
        HUB_KEYS.ids.unseal("worker-a", "k9:" + sealed.partition(":")[2])


def test_the_keyring_is_private_rotates_and_refuses_damage(tmp_path: Path) -> None:
    path = tmp_path / "kiosk-hub-ids.keyring"
    first = load_or_create_keyring(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and first.current == "k1"
    old = first.seal("w", NUMBER)
    rotated = add_key(path)
    assert rotated.current == "k2" and rotated.unseal("w", old) == NUMBER
    assert rotated.seal("w", NUMBER).startswith("k2:")
    path.write_text("k1 not-hex\n", encoding="ascii")
    with pytest.raises(DamagedKeyring):
        load_or_create_keyring(path)


def old_hub_with_a_plain_number(tmp_path: Path) -> Engine:
    """A hub at revision 0005 (before sealing) holding one worker's plain number."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old-hub.sqlite3'}")
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
        payload = f'{{"id":"w1","id_number":"{NUMBER}","name":"王建国"}}'
        conn.execute(text(
            "INSERT INTO workers (id, hall_id, updated_at, change_seq, id_number, payload) "
            "VALUES ('w1', 'H', '2026-11-23T08:00:00+08:00', 1, :n, :p)"),
            {"n": NUMBER, "p": payload})
        conn.execute(text(
            "INSERT INTO changes (change_id, content_hash, terminal_id, hall_id, record_type, "
            "record_id, op, payload, created_at, received_at) VALUES ('c1', 'h', 'T', 'H', "
            "'worker', 'w1', 'upsert', :p, 'x', 'x')"), {"p": payload})
    return engine


def test_an_old_hub_is_converted_whole_or_not_at_all(tmp_path: Path) -> None:
    engine = old_hub_with_a_plain_number(tmp_path)
    with pytest.raises(PlainNumbersNeedKeys):
        migrate(engine)  # no keyring: nothing changes
    assert NUMBER in every_text_in(engine)
    migrate(engine, HUB_KEYS.ids)
    assert NUMBER not in every_text_in(engine)
    assert HUB_KEYS.ids.unseal("w1", sealed_of(engine, "w1")) == NUMBER
    with engine.connect() as conn:
        assert "id_number" not in {c["name"] for c in inspect(conn).get_columns("workers")}
    migrate(engine)  # current: nothing more to do
    engine.dispose()


def test_a_keyring_of_other_keys_does_not_open(tmp_path: Path) -> None:
    other = Keyring({"k1": bytes(32)}, "k1")
    with pytest.raises(CannotUnseal):
        other.unseal("w", HUB_KEYS.ids.seal("w", NUMBER))
