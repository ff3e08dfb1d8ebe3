"""`kiosk-hub` on real files in temp dirs, and `serve` as a real process: nothing lands in
the working directory, the data directory is private, explicit paths keep working; every
message is in the chosen language, and `--json` prints JSON only, errors included."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
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
from sync.hub.stats import METRICS
from tests.sync.conftest import HUB_KEYS
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
    path = [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, path)), **extra}


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


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object]:
    """`kiosk-hub ARGV --json` in this process: (exit code, the JSON it printed); stderr
    stays empty."""
    code = kiosk_hub([*argv, "--json"])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, json.loads(captured.out)


def test_hub_cli_json_is_json_for_results_and_errors(
        places: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_json(capsys, "migrate")[0] == 0
    code, added = run_json(capsys, "terminals", "add", "--hall", "370104-DDBL", "--name",
                           "柜台1", "--id", "T1")
    assert code == 0 and isinstance(added, dict) and added["terminal"] == "T1"
    code, again = run_json(capsys, "terminals", "add", "--hall", "370104-DDBL", "--name",
                           "柜台1", "--id", "T1")
    assert code == 2 and _codes(again) == ["terminal_exists"]
    assert _messages(again)[0].startswith("编号为 T1 的终端已存在")
    listed = run_json(capsys, "terminals", "list")[1]
    assert isinstance(listed, list) and [_without_created(row) for row in listed] == [
        {"id": "T1", "hall_id": "370104-DDBL", "name": "柜台1", "last_seen_at": None,
         "revoked_at": None, "role": "hall", "kind": "touchscreen"}]
    # only the hub's admin says a terminal is a counter (whose feed has employer contacts)
    assert run_json(capsys, "terminals", "set-kind", "T1", "--kind", "counter")[1] == {
        "ok": True, "terminal": "T1", "kind": "counter"}
    code, counter = run_json(capsys, "terminals", "add", "--hall", "370104-DDBL", "--name",
                             "柜台2", "--id", "T2", "--kind", "counter")
    assert code == 0 and isinstance(counter, dict) and counter["kind"] == "counter"
    listed = run_json(capsys, "terminals", "list")[1]
    assert isinstance(listed, list) and [r["kind"] for r in listed] == ["counter", "counter"]
    code, bad_kind = run_json(capsys, "terminals", "set-kind", "T1", "--kind", "boss")
    assert code == 2 and _codes(bad_kind) == ["usage"]
    assert _codes(run_json(capsys, "terminals", "set-kind", "T9", "--kind", "board")[1]) == [
        "no_terminal"]
    assert run_json(capsys, "terminals", "revoke", "T1")[1] == {
        "ok": True, "terminal": "T1", "revoked": True}
    assert _codes(run_json(capsys, "terminals", "revoke", "T1")[1]) == ["no_terminal"]
    assert run_json(capsys, "stats")[1] == {
        "per_hall_day": [], "city": dict.fromkeys(METRICS, 0), "trades": [], "complaints": [],
        "complaints_city": {"by_status": {}, "by_kind": {}}, "days_open": [],
        "followup_131": []}
    (tmp_path / "rules.json").write_text("{not json", "utf-8")
    code, bad_file = run_json(capsys, "assets", "publish", "post_rules",
                              str(tmp_path / "rules.json"))
    assert code == 2 and _codes(bad_file) == ["file"]
    code, usage = run_json(capsys, "--lang", "en", "terminals", "revoke")
    assert code == 2 and _codes(usage) == ["usage"] and "terminal_id" in _detail(usage)
    code, database = run_json(capsys, "--db", f"sqlite:///{tmp_path}/missing/hub.db", "stats")
    assert code == 1 and _codes(database) == ["database"]


def test_hub_cli_text_labels_its_numbers_in_the_chosen_language(
        places: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk_hub(["stats"]) == 0
    assert "全市合计：登记求职人数 0  签到人次 0  发布岗位数 0" in capsys.readouterr().out
    assert kiosk_hub(["--lang", "en", "stats"]) == 0
    assert "City total: Registered workers 0  Check-ins 0  Jobs posted 0" in (
        capsys.readouterr().out)
    assert kiosk_hub(["terminals", "revoke", "T9"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("kiosk-hub: 没有在用的终端 T9")
    assert not any(c.isascii() and c.isalpha() for c in _without_names(captured.err))


@pytest.mark.parametrize(("language", "expected"), [
    ("zh_CN", "端口 {port} 已被占用"), ("en", "Port {port} on 127.0.0.1 is already in use")])
def test_hub_cli_serve_on_a_busy_port_says_so_and_how_to_choose_another(
        places: tuple[Path, Path], language: str, expected: str) -> None:
    cwd, data = places
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "sync.hub.cli", "--lang", language,
                               "serve", "--port", str(port)], cwd=cwd, env=hub_env(),
                              capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and done.stdout == ""
    assert expected.format(port=port) in done.stderr and "--port" in done.stderr
    assert "Errno" not in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert list(cwd.iterdir()) == [] and not data.exists()  # it stopped before any file


def _codes(answer: object) -> list[str]:
    assert isinstance(answer, dict) and answer["ok"] is False
    return [str(e["code"]) for e in answer["errors"]]


def _messages(answer: object) -> list[str]:
    assert isinstance(answer, dict)
    return [str(e["message"]) for e in answer["errors"]]


def _detail(answer: object) -> str:
    assert isinstance(answer, dict)
    return str(answer["errors"][0].get("detail", ""))


def _without_created(row: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in row.items() if key != "created_at"}


def _without_names(text: str) -> str:
    """`text` without the program's name, commands, terminal ids and options."""
    return re.sub(r"kiosk-hub|`[^`]*`|T9|--\w+", "", text)


def test_a_city_token_reads_every_halls_statistics_and_a_hall_token_its_own(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`terminals add --role city` makes the city office's token; a hall's token sees its
    own hall's rows and the city totals only (the hub's stats by role)."""
    from fastapi.testclient import TestClient

    from sync import provisioning
    from sync.hub.app import create_app

    db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    argv = ["--db", db, "--data-dir", str(tmp_path / "hub-data")]
    tokens = {}
    for hall, role in (("370104-DDBL", "hall"), ("370103-QFW", "hall"), ("CITY", "city")):
        added = json.loads(_out(capsys, [*argv, "terminals", "add", "--hall", hall, "--name",
                                         role, "--role", role, "--json"]))
        tokens[hall] = provisioning.decode(added["provisioning"]).token
    listed = {t["hall_id"]: t for t in json.loads(_out(capsys, [*argv, "terminals", "list",
                                                                "--json"]))}
    assert listed["CITY"]["role"] == "city" and listed["370104-DDBL"]["role"] == "hall"
    engine = make_engine(db)
    with TestClient(create_app(engine, keys=HUB_KEYS)) as client:
        for hall, token in tokens.items():
            answer = client.get("/v1/stats", headers={"Authorization": f"Bearer {token}"})
            assert answer.status_code == 200, (hall, answer.text)
    engine.dispose()


def _out(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert kiosk_hub(argv) == 0
    return capsys.readouterr().out
