"""Opening the terminal database: pragmas, migrations, damaged and too-new files."""

from __future__ import annotations

import gc
import hashlib
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.codec import to_payload
from kiosk.store.connection import BUSY_TIMEOUT_MS
from kiosk.store.errors import StoreCorrupt, StoreError, StoreTooNew
from kiosk.store.migrations import migrations
from kiosk.store.outbox import ChangeOp
from kiosk.store.schema import MIGRATION_NAMES
from kiosk.store.store import Store
from tests.store import samples

PAGE = 4096


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled_database(path: Path, n: int = 400) -> None:
    """A real database of many pages, closed cleanly (WAL checkpointed into the file)."""
    store = Store(path)
    with store.write() as tx:
        for i in range(n):
            tx.save(samples.worker(id_index=f"{i:064x}", skills_note="砌墙 " * 20),
                    ChangeOp.CREATE)
    store.close()
    assert not Path(f"{path}-wal").exists()
    assert path.stat().st_size > 40 * PAGE


def _damage(path: Path, how: str) -> None:
    """Damage a database file the way a failing SD card or a cut copy would."""
    noise = random.Random(f"{how}-20261123")
    size = path.stat().st_size
    with path.open("r+b") as handle:
        if how == "garbage_in_the_middle":
            handle.seek((size // 2) // PAGE * PAGE + 17)
            handle.write(noise.randbytes(3 * PAGE))
        elif how == "truncated_to_half":
            handle.truncate(size // 2)
        elif how == "truncated_inside_first_page":
            handle.truncate(1000)
        elif how == "garbage_header":
            handle.seek(0)
            handle.write(noise.randbytes(100))
        else:
            raise AssertionError(how)


def test_new_file_gets_the_house_pragmas(tmp_path: Path) -> None:
    store = Store(tmp_path / "new" / "kiosk.sqlite3")
    try:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS > 0
    finally:
        store.close()
    # WAL is a property of the file: a plain connection sees it too
    other = sqlite3.connect(tmp_path / "new" / "kiosk.sqlite3")
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


def test_new_file_has_every_table(store: Store) -> None:
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"workers", "employers", "jobs", "checkins", "referrals", "service_events",
            "complaints", "notices", "outbox", "print_jobs", "queue_counters",
            "settings", "_sqlite_migrations"} <= names


def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    first = Store(path)
    with first.write() as tx:
        kept = samples.worker()
        tx.save(kept, ChangeOp.CREATE)
    applied_before = first.conn.execute(
        "SELECT migration_set, name, applied_at FROM _sqlite_migrations ORDER BY id").fetchall()
    first.close()

    for _ in range(3):
        again = Store(path)
        applied = again.conn.execute(
            "SELECT migration_set, name, applied_at FROM _sqlite_migrations ORDER BY id"
        ).fetchall()
        assert applied == applied_before
        assert again.workers.get(kept.id) == kept
        assert again.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 1
        again.close()

    names = [name for _, name, _ in applied_before]
    assert names == [m.name for m in migrations._migrations]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("damage", ["garbage_in_the_middle", "truncated_to_half",
                                    "truncated_inside_first_page", "garbage_header"])
def test_damaged_file_is_refused_and_left_untouched(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "kiosk.sqlite3"
    _filled_database(path)
    _damage(path, damage)
    before = _digest(path)
    mtime = path.stat().st_mtime_ns

    with pytest.raises(StoreCorrupt) as caught:
        Store(path)

    message = str(caught.value)
    assert str(path) in message
    assert "damaged" in message or "not a database" in message
    assert isinstance(caught.value, StoreError)
    assert _digest(path) == before
    assert path.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("damage", ["garbage_in_the_middle", "truncated_to_half",
                                    "garbage_header"])
def test_refused_open_closes_its_connection(tmp_path: Path, damage: str) -> None:
    """A refused file is not held open: no WAL/shm files are left beside it.

    Garbage collection is paused so that a connection leaked in a reference cycle (through
    the exception's traceback) shows up deterministically.
    """
    path = tmp_path / "kiosk.sqlite3"
    _filled_database(path)
    _damage(path, damage)
    gc.disable()
    try:
        with pytest.raises(StoreCorrupt):
            Store(path)
        left = sorted(p.name for p in tmp_path.iterdir())
    finally:
        gc.enable()
        gc.collect()
    assert left == ["kiosk.sqlite3"]


def _add_migration_row(path: Path, migration_set: str, name: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            (migration_set, name, "2027-01-01 00:00:00.000000+00:00"))
    conn.close()


def test_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    _filled_database(path, n=5)
    _add_migration_row(path, "kiosk", "m099_from_the_future")
    before = _digest(path)

    with pytest.raises(StoreTooNew) as caught:
        Store(path)

    assert "m099_from_the_future" in str(caught.value)
    assert str(path) in str(caught.value)
    assert _digest(path) == before
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        rows = conn.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0]
    finally:
        conn.close()
    assert "workers" in tables
    assert rows == len(migrations._migrations) + 1


def test_another_migration_set_in_the_same_file_is_not_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    _filled_database(path, n=5)
    _add_migration_row(path, "some_plugin", "p001_extra")
    store = Store(path)
    try:
        assert store.workers.count() == 5
    finally:
        store.close()


def test_store_round_trips_through_close_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    store = Store(path)
    w = samples.worker()
    with store.write() as tx:
        tx.save(w, ChangeOp.CREATE)
    store.close()
    reopened = Store(path)
    try:
        got = reopened.workers.get(w.id)
        assert got is not None
        assert to_payload(got) == to_payload(w)
    finally:
        reopened.close()


def test_the_schema_module_names_every_migration() -> None:
    """kiosk.store.schema lists the migrations without sqlite-utils; the lists must agree."""
    assert list(MIGRATION_NAMES) == [m.name for m in migrations._migrations]


def test_opening_an_up_to_date_file_does_not_need_sqlite_utils(tmp_path: Path) -> None:
    """A second open finds every migration applied by plain SQL (a faster start-up)."""
    Store(tmp_path / "kiosk.sqlite3").close()
    script = ("import sys; from pathlib import Path; from kiosk.store.store import Store; "
              f"Store(Path({str(tmp_path / 'kiosk.sqlite3')!r})).close(); "
              "print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
