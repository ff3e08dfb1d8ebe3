"""A database file that is empty, cut short or not SQLite stops the kiosk with what to do,
and is never replaced by a new empty one; `kiosk restore` puts a backup in its place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK
from kiosk.store.store import Store
from tests.cli.test_cli import run


@pytest.fixture
def hall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A hall with records and a backup of them."""
    data = tmp_path / "hall"
    assert run(capsys, data, "init")[0] == EXIT_OK
    assert run(capsys, data, "seed-demo", "--workers", "12", "--jobs", "4")[0] == EXIT_OK
    assert run(capsys, data, "backup")[0] == EXIT_OK
    return data


def workers(capsys: pytest.CaptureFixture[str], data: Path) -> int:
    code, out, _ = run(capsys, data, "status", "--json")
    assert code == EXIT_OK
    return int(json.loads(out)["records"]["workers"])


def damage(database: Path, how: str) -> None:
    for side in ("-wal", "-shm"):
        database.with_name(database.name + side).unlink(missing_ok=True)
    if how == "empty":
        database.write_bytes(b"")
    elif how == "truncated":
        database.write_bytes(database.read_bytes()[:5000])
    else:
        database.write_bytes(b"these are not the records you are looking for\n" * 200)


@pytest.mark.parametrize("how", ["empty", "truncated", "not sqlite"])
def test_a_damaged_database_stops_the_kiosk_with_the_restore_command(
        hall: Path, capsys: pytest.CaptureFixture[str], how: str) -> None:
    database = hall / "kiosk.sqlite3"
    damage(database, how)
    before = database.read_bytes()
    code, _, err = run(capsys, hall, "status")
    assert code == EXIT_FAILURE
    backup = next((hall / "backups").glob("kiosk-*.sqlite3"))
    assert f"kiosk restore {backup}" in err and "Traceback" not in err
    assert database.read_bytes() == before  # never replaced by a new, empty database
    code, out, _ = run(capsys, hall, "--lang", "en", "doctor", "--json")
    checks = {c["check"]: c for c in json.loads(out)["checks"]}
    assert code == EXIT_FAILURE and checks["database"]["status"] == "fail"


def test_restore_brings_the_records_back_and_keeps_the_damaged_file(
        hall: Path, capsys: pytest.CaptureFixture[str]) -> None:
    count = workers(capsys, hall)
    database = hall / "kiosk.sqlite3"
    damage(database, "empty")
    backup = next((hall / "backups").glob("kiosk-*.sqlite3"))
    code, out, _ = run(capsys, hall, "restore", str(backup), "--json")
    assert code == EXIT_OK
    done = json.loads(out)
    assert done["unsent_changes"] > 0
    kept = [Path(p) for p in done["kept_aside"]]
    assert kept and kept[0].read_bytes() == b""  # the damaged file, renamed, not deleted
    assert workers(capsys, hall) == count
    assert database.stat().st_mode & 0o077 == 0


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(
        hall: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    count = workers(capsys, hall)
    bogus = tmp_path / "photo.sqlite3"
    bogus.write_bytes(b"\x89PNG not a database" * 100)
    code, _, err = run(capsys, hall, "restore", str(bogus))
    assert code == EXIT_BAD_INPUT and "不是可以恢复的终端备份" in err
    assert workers(capsys, hall) == count
    assert not list(hall.glob("*.replaced-*"))


def test_an_empty_database_with_its_pages_still_in_the_wal_opens(
        tmp_path: Path) -> None:
    """A new database's pages sit in its WAL until the first checkpoint: not an empty file."""
    store = Store(tmp_path / "kiosk.sqlite3")
    try:
        assert (tmp_path / "kiosk.sqlite3-wal").stat().st_size > 0
        second = Store(tmp_path / "kiosk.sqlite3")
        second.close()
    finally:
        store.close()
