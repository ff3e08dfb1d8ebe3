"""The data folder and what it holds of people and secrets are the kiosk user's alone,
whatever the umask, and the doctor fails on anything looser."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import EXIT_FAILURE, EXIT_OK, main
from kiosk.store.store import Store
from kiosk.system.config import Paths
from kiosk.system.file_modes import private_paths


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most careless umask: nothing is masked."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def doctor_files(capsys: pytest.CaptureFixture[str], data: Path) -> dict[str, object]:
    main(["--data-dir", str(data), "doctor", "--json"])
    checks = {c["check"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    return dict(checks["files"])


def test_folders_are_0700_and_files_0600_whatever_the_umask(
        tmp_path: Path, open_umask: None, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "hall"
    assert main(["--data-dir", str(data), "init"]) == EXIT_OK
    assert main(["--data-dir", str(data), "seed-demo", "--workers", "3", "--jobs", "1"]) == 0
    assert main(["--data-dir", str(data), "backup"]) == EXIT_OK
    capsys.readouterr()
    paths = Paths.resolve(data)
    found = private_paths(paths)
    names = {p.name for p in found}
    assert {"hall", "kiosk.sqlite3", "blind-index.key", "card-key.ed25519", "backups",
            "logs"} <= names, names
    assert any(p.parent.name == "backups" for p in found)
    for path in found:
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path
    assert doctor_files(capsys, data)["status"] == "ok"


def test_the_wal_and_shared_memory_of_an_open_database_are_private(
        tmp_path: Path, open_umask: None) -> None:
    store = Store(tmp_path / "hall" / "kiosk.sqlite3")
    try:
        store.conn.execute("CREATE TABLE t (x)")
        sides = [tmp_path / "hall" / f"kiosk.sqlite3{s}" for s in ("-wal", "-shm")]
        assert all(p.exists() and mode(p) == 0o600 for p in sides)
    finally:
        store.close()


def test_an_existing_database_left_readable_is_made_private_when_opened(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "hall"
    main(["--data-dir", str(data), "init"])
    os.chmod(data / "kiosk.sqlite3", 0o644)
    os.chmod(data, 0o755)
    main(["--data-dir", str(data), "status"])
    assert mode(data / "kiosk.sqlite3") == 0o600 and mode(data) == 0o700


def test_the_doctor_fails_on_a_readable_key_or_backup(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "hall"
    main(["--data-dir", str(data), "init"])
    main(["--data-dir", str(data), "backup"])
    capsys.readouterr()
    backup = next((data / "backups").iterdir())
    for loose in (data / "blind-index.key", data / "card-key.ed25519", backup):
        os.chmod(loose, 0o644)
    found = doctor_files(capsys, data)
    assert found["status"] == "fail"
    assert "blind-index.key" in str(found["message_en"]) and backup.name in str(
        found["message_en"]) and "card-key.ed25519" in str(found["message_en"])
    assert main(["--data-dir", str(data), "doctor"]) == EXIT_FAILURE
