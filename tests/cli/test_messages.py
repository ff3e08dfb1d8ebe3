"""What a person reads from `kiosk`: the chosen language throughout, numbers labelled, and
with --json nothing but JSON (errors too)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from kiosk.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK
from tests.cli.test_cli import run
from tests.conftest import id_number

LATIN_WORD = re.compile(r"[A-Za-z_]{3,}")


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    directory = tmp_path / "hall"
    assert run(capsys, directory, "init")[0] == EXIT_OK
    assert run(capsys, directory, "seed-demo", "--workers", "6", "--jobs", "3")[0] == EXIT_OK
    return directory


def test_status_in_chinese_has_no_english_row_names(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, data, "status")
    assert code == EXIT_OK
    assert "零工: " in out and "待上传: " in out
    assert LATIN_WORD.findall(out) == []


def test_status_in_english_labels_every_row(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, data, "--lang", "en", "status")
    assert code == EXIT_OK
    assert "  workers: " in out and "  waiting: " in out and "  check-ins: " in out
    assert re.search(r"[\u4e00-\u9fff]", out) is None


def test_seed_demo_labels_its_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "hall"
    run(capsys, directory, "init")
    code, out, _ = run(capsys, directory, "seed-demo", "--workers", "3", "--jobs", "2")
    assert code == EXIT_OK and "=" not in out
    assert re.search(r"零工 \d+，用工单位 \d+，岗位 2", out), out


def test_an_unknown_trade_names_the_value_and_the_choices(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, data, "worker", "add", "--name", "张三", "--id-number",
                       id_number(date(1970, 5, 1)), "--phone", "13800138000", "--trade", "木匠x",
                       "--consent")
    assert code == EXIT_BAD_INPUT
    assert "“木匠x”" in err and "C01 瓦工/Bricklayer" in err and "C02 木工/Carpenter" in err


def test_a_known_trade_by_code_name_or_english_name_is_taken(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for year, trade in ((1971, "C02"), (1972, "木工"), (1973, "carpenter")):
        code, out, _ = run(capsys, data, "worker", "add", "--name", "张三", "--id-number",
                           id_number(date(year, 5, 1)), "--phone", "13800138000", "--trade", trade,
                           "--consent", "--json")
        assert code == EXIT_OK and json.loads(out)["trades"] == ["C02"]


def test_json_bad_input_prints_only_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data, "worker", "add", "--name", "张三", "--id-number",
                         "123", "--phone", "1", "--trade", "瓦工", "--json")
    assert code == EXIT_BAD_INPUT and err == ""
    assert json.loads(out)["ok"] is False


def test_json_failure_to_start_prints_only_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, tmp_path / "never-initialised", "status", "--json")
    assert code == EXIT_FAILURE and err == ""
    answer = json.loads(out)
    assert answer["ok"] is False and "kiosk init" in answer["error_en"]


def test_print_queue_and_staff_list_speak_the_chosen_language(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, data, "print-queue")
    assert code == EXIT_OK and "排队中: " in out and LATIN_WORD.findall(out) == []
    code, out, _ = run(capsys, data, "staff", "list")
    assert code == EXIT_OK and "还没有工作人员" in out
