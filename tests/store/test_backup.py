"""Daily backups: one per day, a real database holding the same rows, the newest 7 kept."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from kiosk.store.backup import KEEP_BACKUPS, backup_path, daily_backup, existing_backups
from kiosk.store.outbox import ChangeOp
from kiosk.store.store import Store
from tests.store import samples

DAY = date(2026, 11, 23)


def _fill(store: Store, n: int) -> None:
    with store.write() as tx:
        for _ in range(n):
            tx.save(samples.worker(), ChangeOp.CREATE)
        j = samples.job()
        tx.save(j, ChangeOp.CREATE)
        tx.save(samples.referral(j.id), ChangeOp.CREATE)


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    return conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


def test_one_backup_per_day(store: Store, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    _fill(store, 3)
    made = daily_backup(store.conn, backups, DAY)
    assert made == backup_path(backups, DAY)
    assert made.name == "kiosk-20261123.sqlite3"
    assert made.is_file()
    first_bytes = made.read_bytes()

    _fill(store, 2)  # later the same day: today's backup is not made again
    assert daily_backup(store.conn, backups, DAY) is None
    assert made.read_bytes() == first_bytes
    assert existing_backups(backups) == [made]

    tomorrow = daily_backup(store.conn, backups, DAY + timedelta(days=1))
    assert tomorrow == backup_path(backups, DAY + timedelta(days=1))
    assert existing_backups(backups) == [tomorrow, made]
    assert not list(backups.glob("*.partial"))


def test_the_backup_is_a_sound_database_with_the_same_rows(store: Store, tmp_path: Path) -> None:
    _fill(store, 25)  # committed rows still in the WAL must be in the copy too
    made = daily_backup(store.conn, tmp_path / "backups", DAY)
    assert made is not None

    copy = sqlite3.connect(f"file:{made}?mode=ro", uri=True)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ["workers", "jobs", "referrals", "outbox", "print_jobs",
                      "queue_counters", "_sqlite_migrations"]:
            assert _rows(copy, table) == _rows(store.conn, table), table
        assert copy.execute("SELECT COUNT(*) FROM workers").fetchone()[0] == 25
    finally:
        copy.close()

    # the copy opens as a store of its own, with nothing to migrate
    restored = Store(made)
    try:
        assert restored.counts() == store.counts()
        assert [w.id for w in restored.workers.where(order_by="id")] == \
            [w.id for w in store.workers.where(order_by="id")]
        assert _rows(restored.conn, "_sqlite_migrations") == \
            _rows(store.conn, "_sqlite_migrations")
    finally:
        restored.close()


def test_rotation_keeps_the_newest_seven(store: Store, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    _fill(store, 1)
    days = [DAY + timedelta(days=i) for i in range(10)]
    for day in days:
        assert daily_backup(store.conn, backups, day) is not None
    kept = existing_backups(backups)
    assert KEEP_BACKUPS == 7
    assert kept == [backup_path(backups, d) for d in reversed(days[-7:])]
    assert sorted(p.name for p in backups.iterdir()) == sorted(p.name for p in kept)


def test_rotation_with_a_smaller_keep(store: Store, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    for i in range(4):
        daily_backup(store.conn, backups, DAY + timedelta(days=i), keep=2)
    assert [p.name for p in existing_backups(backups)] == [
        "kiosk-20261126.sqlite3", "kiosk-20261125.sqlite3"]


def test_no_backup_directory_means_no_backups(tmp_path: Path) -> None:
    assert existing_backups(tmp_path / "missing") == []
