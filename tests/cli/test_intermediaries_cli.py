"""`kiosk job add` for intermediaries and `kiosk refer` on real files: a labour-dispatch
firm or agency needs its licence number, a 揽头 a valid ID number (nothing is stored
otherwise); a 17-year-old is not referred to work the law keeps from minors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kiosk.cli import EXIT_BAD_INPUT, EXIT_OK
from tests.cli.test_cli import FUTURE, data, run, status
from tests.conftest import id_number

__all__ = ["data"]  # the fixture, shared with test_cli

JOB = ("--trade", "瓦工", "--title", "住宅楼砌墙", "--place", "槐荫区腊山河西路",
       "--start-date", FUTURE, "--pay", "350", "--pay-unit", "day", "--settlement", "daily",
       "--headcount", "2")
LICENCE = "鲁济劳派许字〔2019〕第0123号"


def agency(capsys: pytest.CaptureFixture[str], data: Path, *extra: str) -> tuple[int, str, str]:
    return run(capsys, data, "job", "add", "--employer-name", "济南顺达劳务派遣有限公司",
               "--employer-kind", "company", "--uscc", "91370104MA3C1234X0"[:-1] + check(),
               "--employer-phone", "0531-88886666", "--employer-role", "dispatch", *JOB,
               *extra, "--json")


def check() -> str:
    from stdnum.cn import uscc
    return str(uscc.calc_check_digit("91370104MA3C1234X"))


@pytest.mark.parametrize(("licence", "code", "zh"), [
    ("", "licence_required", "必须填写其劳务派遣经营许可证编号"),
    ("abc", "licence_format", "不像是劳务派遣经营许可证编号"),
])
def test_a_dispatch_firm_without_a_valid_licence_is_refused_and_nothing_is_stored(
        data: Path, capsys: pytest.CaptureFixture[str], licence: str, code: str,
        zh: str) -> None:
    result, out, _ = agency(capsys, data, "--licence", licence)
    assert result == EXIT_BAD_INPUT
    (error,) = json.loads(out)["errors"]
    assert (error["field"], error["code"]) == ("licence_no", code)
    assert zh in error["message"] and "labour dispatch licence" in error["message_en"]
    state = status(capsys, data)
    assert state["records"]["employers"] == 0 and state["records"]["jobs"] == 0
    assert state["outbox"]["pending"] == 0
    result, _, err = run(capsys, data, "job", "add", "--employer-name", "济南顺达劳务派遣有限公司",
                         "--employer-kind", "company", "--uscc", "91370104MA3C1234X" + check(),
                         "--employer-phone", "0531-88886666", "--employer-role", "dispatch",
                         *JOB, "--licence", licence)
    assert result == EXIT_BAD_INPUT and "Traceback" not in err and "没有保存任何内容" in err


def test_a_dispatch_firm_with_its_licence_posts(data: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    result, out, _ = agency(capsys, data, "--licence", f" {LICENCE} ")
    assert result == EXIT_OK, out
    assert status(capsys, data)["records"]["employers"] == 1


def test_a_gang_master_needs_a_valid_id_number(data: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    good = id_number(date(1970, 6, 1), seq=317)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    base = ("job", "add", "--employer-name", "刘德胜", "--employer-phone", "13905317788",
            "--employer-role", "gang_master", *JOB, "--json")
    for number, field_code in (("", "required"), (bad, "checksum")):
        result, out, _ = run(capsys, data, *base, "--employer-id-number", number)
        assert result == EXIT_BAD_INPUT
        assert {(e["field"], e["code"]) for e in json.loads(out)["errors"]} == {
            ("id_number", field_code)}
    assert status(capsys, data)["records"]["employers"] == 0
    result, out, _ = run(capsys, data, *base, "--employer-id-number", good)
    assert result == EXIT_OK, out


def test_refer_a_minor_to_welding_is_refused_with_the_law_named(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result, out, _ = run(capsys, data, "worker", "add", "--name", "王小军", "--id-number",
                         id_number(date(2009, 3, 1), seq=101), "--phone", "13805311234",
                         "--trade", "焊工", "--consent", "--json")
    assert result == EXIT_OK, out
    worker = json.loads(out)["id"]
    result, out, _ = run(capsys, data, "job", "add", "--employer-name", "李先生",
                         "--employer-phone", "13905317788", "--trade", "焊工",
                         "--title", "钢结构焊接", "--place", "槐荫区", "--start-date", FUTURE,
                         "--pay", "400", "--pay-unit", "day", "--settlement", "daily",
                         "--headcount", "2", "--json")
    assert result == EXIT_OK, out
    job = json.loads(out)["id"]
    pending = status(capsys, data)["outbox"]["pending"]
    result, out, _ = run(capsys, data, "refer", "--job", job, "--worker", worker, "--json")
    assert result == EXIT_BAD_INPUT
    (error,) = json.loads(out)["errors"]
    assert error["code"] == "minor_barred" and "未成年工特殊保护规定" in error["message"]
    state = status(capsys, data)
    assert state["records"].get("referrals", 0) == 0 and state["outbox"]["pending"] == pending
