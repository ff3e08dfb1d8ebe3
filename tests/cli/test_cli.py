"""The `kiosk` command on real files: JSON output, exit codes, nothing written on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, main
from kiosk.system.config import load_config
from tests.conftest import id_number

FUTURE = "2099-01-02"


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def status(capsys: pytest.CaptureFixture[str], data: Path) -> dict[str, dict[str, int]]:
    code, out, _ = run(capsys, data, "status", "--json")
    assert code == EXIT_OK
    parsed: dict[str, dict[str, int]] = json.loads(out)
    return parsed


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    directory = tmp_path / "hall"
    assert run(capsys, directory, "init")[0] == EXIT_OK
    return directory


def test_init_creates_config_key_and_database_and_keeps_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "new"
    code, out, _ = run(capsys, directory, "init", "--terminal-id", "T07", "--json")
    assert code == EXIT_OK and json.loads(out)["created"] is True
    key = (directory / "blind-index.key").read_bytes()
    assert len(key) == 32 and (directory / "blind-index.key").stat().st_mode & 0o077 == 0
    assert load_config(directory / "config.toml").terminal_id == "T07"
    assert load_config(directory / "config.toml").hall.name == "济南市槐荫区段店北路街道零工市场"
    code, out, _ = run(capsys, directory, "init", "--terminal-id", "T99", "--json")
    assert json.loads(out)["created"] is False
    assert load_config(directory / "config.toml").terminal_id == "T07"
    assert (directory / "blind-index.key").read_bytes() == key


def test_seed_demo_gives_records_and_equal_pending_changes(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, data, "seed-demo", "--workers", "40", "--jobs", "12", "--json")
    assert code == EXIT_OK
    report = json.loads(out)
    assert report["workers"] == 40 and report["jobs"] == 12 and report["rejected"] == []
    state = status(capsys, data)
    assert state["records"]["workers"] == 40 and state["records"]["jobs"] == 12
    assert state["records"]["notices"] == 3 and state["records"]["checkins"] == 16
    assert sum(state["records"].values()) == state["outbox"]["pending"]


def test_worker_add_valid_is_stored_with_its_change(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = id_number().lower()  # a lowercase x is accepted too
    code, out, _ = run(capsys, data, "worker", "add", "--name", "王小明", "--id-number",
                       number, "--phone", "138 0531 1234", "--trade", "瓦工,电工",
                       "--certificate", "电工证", "--consent", "--json")
    assert code == EXIT_OK
    worker = json.loads(out)
    assert worker["trades"] == ["C01", "C03"] and worker["certificates"] == ["electrician"]
    assert "id_number" not in worker and worker["phone"] == "138****1234"
    assert number.upper() not in out
    state = status(capsys, data)
    assert state["records"]["workers"] == 1 and state["outbox"]["pending"] == 1


@pytest.mark.parametrize(("args", "field", "message"), [
    (["--id-number", id_number()[:-1] + "0"], "id_number", "身份证号不正确"),
    (["--id-number", id_number(date(2099, 1, 1))], "id_number", "出生日期晚于今天"),
    (["--phone", "1380531123"], "phone", "手机号是 11 位数字，您输入了 10 位"),
    (["--trade", ""], "trades", "请至少选择一个工种"),
    (["--no-consent"], "consent", "只有在您同意后"),
])
def test_worker_add_bad_input_exits_2_and_writes_nothing(
        data: Path, capsys: pytest.CaptureFixture[str], args: list[str], field: str,
        message: str) -> None:
    values = {"--name": "王小明", "--id-number": id_number(), "--phone": "13805311234",
              "--trade": "C01"}
    consent = "--no-consent" not in args
    overrides = dict(zip(args[::2], args[1::2], strict=False))
    values.update({k: v for k, v in overrides.items() if k != "--no-consent"})
    argv = ["worker", "add", "--json"] + [x for kv in values.items() for x in kv]
    code, out, err = run(capsys, data, *argv, *(["--consent"] if consent else []))
    assert code == EXIT_BAD_INPUT
    errors = json.loads(out)["errors"]
    assert field in {e["field"] for e in errors}
    assert any(message in e["message"] for e in errors) and err == ""
    state = status(capsys, data)
    assert sum(state["records"].values()) == 0 and state["outbox"]["pending"] == 0


def test_english_messages_on_request(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-dir", str(data), "--lang", "en", "worker", "add", "--name", "王小明",
                 "--id-number", id_number(), "--phone", "13805311234", "--trade", "C01"])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT
    assert "We can only take your ID number with your consent." in err


def test_job_add_for_new_employer_stores_both(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, data, "job", "add", "--employer-name", "济南鲁建建筑劳务有限公司",
        "--employer-kind", "company", "--uscc", "91370104MA3C1234X0"[:-1] + _uscc_check(),
        "--employer-phone", "0531-88886666", "--trade", "瓦工", "--title", "住宅楼砌墙",
        "--place", "槐荫区腊山河西路", "--start-date", FUTURE, "--start-time", "7:00",
        "--pay", "350", "--pay-unit", "day", "--settlement", "daily", "--headcount", "5",
        "--urgent", "--json")
    assert code == EXIT_OK, out
    job = json.loads(out)
    assert job["pay_cents"] == 35000 and job["start_time"] == "07:00" and job["urgent"] is True
    state = status(capsys, data)
    assert state["records"]["employers"] == 1 and state["records"]["jobs"] == 1
    assert state["outbox"]["pending"] == 2


def test_job_add_with_every_fact(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A forklift job from the command line: the licence is asked for though not given."""
    code, out, _ = run(
        capsys, data, "job", "add", "--employer-name", "李先生",
        "--employer-phone", "13905317788", "--trade", "叉车工", "--title", "仓库叉车装卸",
        "--place", "腊山河西路物流园", "--start-date", FUTURE, "--pay", "300",
        "--pay-unit", "day", "--settlement", "weekly", "--headcount", "2",
        "--employment-type", "seasonal", "--level", "skilled", "--skills", "会开平衡重叉车",
        "--days", "20", "--meeting-point", "物流园北门", "--meeting-time", "7:30", "--meals",
        "--lodging", "--tools", "--insurance", "--hours", "9", "--json")
    assert code == EXIT_OK, out
    job = json.loads(out)
    assert job["certificates"] == ["forklift"] and job["skill_level"] == "skilled"
    assert job["end_date"] == (date.fromisoformat(FUTURE) + timedelta(days=19)).isoformat()
    assert (job["meeting_point"], job["meeting_time"]) == ("物流园北门", "07:30")
    assert job["meals"] and job["lodging"] and job["tools_provided"] and job["insurance"]
    code, out, err = run(
        capsys, data, "job", "add", "--employer-name", "李先生",
        "--employer-phone", "13905317788", "--trade", "C01", "--title", "砌墙",
        "--place", "槐荫区", "--start-date", FUTURE, "--pay", "300", "--pay-unit", "day",
        "--settlement", "daily", "--headcount", "2", "--days", "0",
        "--meeting-time", "25:00", "--level", "boss", "--json")
    assert code == EXIT_BAD_INPUT
    assert {e["field"] for e in json.loads(out)["errors"]} == {
        "days", "meeting_time", "skill_level"} and err == ""
    assert status(capsys, data)["records"]["jobs"] == 1


def _uscc_check() -> str:
    from stdnum.cn import uscc
    return str(uscc.calc_check_digit("91370104MA3C1234X"))


def test_job_add_with_bad_employer_stores_neither(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, data, "job", "add", "--employer-name", "某公司", "--employer-kind", "company",
        "--uscc", "91370104MA3C1234X9", "--employer-phone", "13905317788", "--trade", "C01",
        "--title", "砌墙", "--place", "槐荫区", "--start-date", FUTURE, "--pay", "0",
        "--pay-unit", "day", "--settlement", "daily", "--headcount", "1000", "--json")
    assert code == EXIT_BAD_INPUT
    fields = {e["field"] for e in json.loads(out)["errors"]}
    assert fields == {"uscc", "pay_amount", "headcount"}
    messages = " ".join(e["message"] for e in json.loads(out)["errors"])
    assert "统一社会信用代码不正确" in messages and "金额必须大于零" in messages and err == ""
    assert sum(status(capsys, data)["records"].values()) == 0


def test_job_add_in_the_past_is_rejected(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yesterday = (date.today() - timedelta(days=2)).isoformat()
    code, _, err = run(capsys, data, "job", "add", "--employer-name", "李先生",
                       "--employer-phone", "13905317788", "--trade", "C01", "--title", "砌墙",
                       "--place", "槐荫区", "--start-date", yesterday, "--pay", "300",
                       "--pay-unit", "day", "--settlement", "daily", "--headcount", "2")
    assert code == EXIT_BAD_INPUT and "开工日期不能早于今天" in err


def test_status_before_init_says_what_to_do(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, tmp_path / "none", "status")
    assert code == EXIT_FAILURE
    assert "终端无法启动" in err and "kiosk init" in err


def test_damaged_database_is_reported_and_left_untouched(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, data, "seed-demo", "--workers", "20", "--jobs", "5")
    database = data / "kiosk.sqlite3"
    raw = bytearray(database.read_bytes())
    raw[4096:8192] = b"\xde\xad" * 2048  # wreck the second page
    database.write_bytes(bytes(raw))
    code, _, err = run(capsys, data, "status")
    assert code == EXIT_FAILURE
    assert "damaged" in err or "not a database" in err
    assert database.read_bytes() == bytes(raw)


def test_backup_writes_a_consistent_copy(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, data, "seed-demo", "--workers", "10", "--jobs", "3")
    code, out, _ = run(capsys, data, "backup", "--json")
    assert code == EXIT_OK
    copy = Path(json.loads(out)["backup"])
    assert copy.exists() and copy.parent == data / "backups"
    import sqlite3
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT COUNT(*) FROM workers").fetchone()[0] == 10


def test_console_script_exit_codes(tmp_path: Path) -> None:
    """The installed `kiosk` entry point, as a separate process."""
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "env-hall")}
    kiosk = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]
    init = subprocess.run([*kiosk, "init"], env=env, capture_output=True, check=False)
    assert init.returncode == 0
    bad = subprocess.run([*kiosk, "worker", "add", "--name", "x", "--id-number", "1",
                          "--phone", "1", "--consent"], env=env, capture_output=True, text=True,
                         check=False)
    assert bad.returncode == EXIT_BAD_INPUT and "没有保存任何内容" in bad.stderr
    assert "Traceback" not in bad.stderr
    usage = subprocess.run([*kiosk, "worker", "add"], env=env, capture_output=True, check=False)
    assert usage.returncode == EXIT_BAD_INPUT
    assert (tmp_path / "env-hall" / "kiosk.sqlite3").exists()


def test_first_command_of_the_day_leaves_a_backup(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert status(capsys, data)["records"]["workers"] == 0
    backups = sorted((data / "backups").glob("kiosk-*.sqlite3"))
    assert len(backups) == 1
    stamp = backups[0].stat().st_mtime_ns
    status(capsys, data)  # a later command the same day keeps that backup as it is
    assert [b.stat().st_mtime_ns for b in sorted((data / "backups").glob("*.sqlite3"))] == [stamp]


def test_job_add_with_hazards_gear_and_insurance(data: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Tags by value or by their Chinese names; an unknown one is a translated error and
    nothing is stored."""
    base = ("job", "add", "--employer-name", "李先生", "--employer-phone", "13905317788",
            "--trade", "C01", "--title", "外墙脚手架", "--place", "腊山河西路",
            "--start-date", FUTURE, "--pay", "350", "--pay-unit", "day", "--settlement",
            "daily", "--headcount", "2")
    code, out, _ = run(capsys, data, *base, "--hazard", "高处", "--hazard", "heat",
                       "--gear", "安全帽", "--gear", "harness", "--insurance-kind", "单日意外险",
                       "--json")
    assert code == EXIT_OK, out
    job = json.loads(out)
    assert job["hazards"] == ["height", "heat"]
    assert job["protective_gear"] == ["helmet", "harness"]
    assert (job["insurance_kind"], job["insurance"]) == ("daily_accident", True)
    code, out, err = run(capsys, data, *base, "--hazard", "飞行", "--insurance-kind", "彩票")
    assert code == EXIT_BAD_INPUT and "请从选项中选择一项" in out + err
    assert "Traceback" not in out + err
    assert status(capsys, data)["records"]["jobs"] == 1
