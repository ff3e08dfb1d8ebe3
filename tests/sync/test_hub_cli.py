"""`kiosk-hub` on real files in temp dirs, and `serve` as a real process: nothing lands in
the working directory, the data directory is private, explicit paths keep working."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sync.hub.cli import main as kiosk_hub
from sync.hub.database import make_engine
from sync.hub.datadir import APP_NAME
from tests.sync.netparts import STARTUP_DEADLINE_S
from tests.sync.pg import free_port

HUB_ENV = ("KIOSK_HUB_DB", "KIOSK_HUB_DATA_DIR", "KIOSK_HUB_KEY_FILE")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """(an empty working directory, the platform data directory the hub should use)."""
    cwd, xdg = tmp_path / "cwd", tmp_path / "xdg"
    cwd.mkdir()
    for name in HUB_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    monkeypatch.chdir(cwd)
    yield cwd, xdg / APP_NAME


@pytest.fixture
def umask_zero() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def hub_env(**extra: str) -> dict[str, str]:
    """This process's environment (XDG_DATA_HOME included), the project importable."""
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": root, **extra}


def serve_until_healthy(cwd: Path, *argv: str, umask: int = 0o022) -> str:
    """Run `kiosk-hub ARGV --port P` in `cwd` until /health answers, then stop it; its
    output."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sync.hub.cli", *argv, "--port",
                             str(port)], cwd=cwd, env=hub_env(), umask=umask,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/health", proc)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    return out.decode("utf-8")


def _wait_healthy(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the hub stopped"
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    pytest.fail("the hub did not start")


def test_hub_cli_commands_leave_nothing_in_the_working_directory(
        places: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    cwd, data = places
    assert kiosk_hub(["migrate"]) == 0
    assert kiosk_hub(["terminals", "add", "--hall", "370104-DDBL", "--name", "柜台1",
                      "--id", "T1"]) == 0
    assert kiosk_hub(["terminals", "list"]) == 0
    assert kiosk_hub(["terminals", "revoke", "T1"]) == 0
    assert kiosk_hub(["stats"]) == 0
    serve_until_healthy(cwd, "serve")
    assert list(cwd.iterdir()) == []
    assert mode(data) == 0o700
    assert {p.name for p in data.iterdir()} >= {"kiosk-hub.sqlite3", "kiosk-hub.key"}
    assert mode(data / "kiosk-hub.sqlite3") == mode(data / "kiosk-hub.key") == 0o600


def test_hub_cli_data_dir_is_private_whatever_the_umask(
        places: tuple[Path, Path], umask_zero: None, tmp_path: Path) -> None:
    data = tmp_path / "hub-data"
    assert kiosk_hub(["--data-dir", str(data), "migrate"]) == 0
    assert mode(data) == 0o700
    database = data / "kiosk-hub.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as conn:  # a write: the -wal and -shm files exist while it is open
        conn.exec_driver_sql("CREATE TABLE probe (x INTEGER)")
        files = sorted(data.iterdir())
        assert [p.name for p in files] == ["kiosk-hub.sqlite3", "kiosk-hub.sqlite3-shm",
                                           "kiosk-hub.sqlite3-wal"]
        assert {mode(p) for p in files} == {0o600}
    engine.dispose()
    assert not places[1].exists()  # --data-dir given: the platform directory is not made


def test_hub_cli_key_is_0600_under_a_umask_that_takes_owner_bits(
        places: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd, _data = places
    data = tmp_path / "env-data"
    monkeypatch.setenv("KIOSK_HUB_DATA_DIR", str(data))
    serve_until_healthy(cwd, "serve", umask=0o277)
    assert list(cwd.iterdir()) == []
    assert mode(data / "kiosk-hub.key") == mode(data / "kiosk-hub.sqlite3") == 0o600
    assert mode(data) == 0o700


def test_hub_cli_explicit_db_and_key_touch_no_data_dir(
        places: tuple[Path, Path], tmp_path: Path) -> None:
    """What `kiosk demo` does: both paths given, no data directory made."""
    cwd, data = places
    demo = tmp_path / "demo-data"
    demo.mkdir()
    serve_until_healthy(cwd, "--db", f"sqlite:///{demo / 'hub.sqlite3'}", "serve",
                        "--hub-key", str(demo / "hub.key"))
    assert list(cwd.iterdir()) == [] and not data.exists()
    assert mode(demo / "hub.key") == mode(demo / "hub.sqlite3") == 0o600
