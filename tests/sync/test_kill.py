"""SIGKILL of the terminal's sync process at random moments, against `kiosk-hub serve`
on PostgreSQL: after each kill and a final sync, the hub holds exactly the changes the
terminal created, none lost and none doubled."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from kiosk.store.store import Store
from sync import provisioning
from sync.agent import SyncAgent
from sync.hub.database import make_engine, migrate
from sync.hub.schema import changes
from sync.hub.terminals import add_terminal
from tests.sync.conftest import HALL_A
from tests.sync.netparts import hub_process
from tests.sync.pg import PostgresServer

AGENT = Path(__file__).with_name("agent_proc.py")
KILLS = 50


@pytest.fixture
def pg_hub(postgres: PostgresServer, tmp_path: Path) -> Iterator[tuple[str, str]]:
    url = postgres.new_database()
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    with hub_process(url, tmp_path / "hub.log") as base:
        yield url, base


def _run_and_kill(db: Path, creds: Path, number: int, rng: random.Random, tmp: Path) -> None:
    errors = tmp / f"stderr-{number}.txt"
    with errors.open("wb") as err:
        proc = subprocess.Popen([sys.executable, str(AGENT), str(db), str(creds), str(number)],
                                stdout=subprocess.PIPE, stderr=err)
    assert proc.stdout is not None
    started = threading.Event()
    threading.Thread(target=lambda: proc.stdout and proc.stdout.readline() and started.set(),
                     daemon=True).start()
    try:
        if not started.wait(30):
            pytest.fail(f"agent {number} did not start: {errors.read_text()}")
        time.sleep(rng.uniform(0.01, 0.5))
        still_running = proc.poll() is None
        proc.kill()  # SIGKILL
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stdout.close()
    assert still_running, f"agent {number} stopped by itself: {errors.read_text()}"


@pytest.mark.slow
def test_agent_killed_at_random_moments_loses_and_doubles_nothing(
        pg_hub: tuple[str, str], tmp_path: Path) -> None:
    url, base = pg_hub
    engine = make_engine(url)
    terminal_id, token = add_terminal(engine, HALL_A, "kill test")
    creds = provisioning.Provisioning(hub=base, terminal=terminal_id, hall=HALL_A, token=token)
    creds_path = tmp_path / provisioning.FILE_NAME
    provisioning.save(creds_path, creds)
    db = tmp_path / "terminal.sqlite3"
    rng = random.Random(2026)
    for number in range(KILLS):
        _run_and_kill(db, creds_path, number, rng, tmp_path)
    store = Store(db)
    try:
        with httpx.Client(timeout=30) as client:
            assert SyncAgent(store, creds, client).sync_once().ok
        created = sorted(r[0] for r in store.conn.execute("SELECT change_id FROM outbox"))
        counts = store.outbox.counts_by_state()
    finally:
        store.close()
    with engine.connect() as conn:
        stored = sorted(conn.execute(select(changes.c.change_id)).scalars())
    engine.dispose()
    assert created  # most runs commit writes before they are killed
    assert stored == created
    assert counts["acked"] == len(created)
