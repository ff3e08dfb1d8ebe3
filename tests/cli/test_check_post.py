"""`kiosk check-post`: JSON for scripts, Chinese text for staff, exit 3 when flagged."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import pytest

from kiosk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from kiosk.cli.post import EXIT_FLAGGED


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_flagged_post_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check-post", "--text", "招搬运工，限男，35岁以下", "--json")
    assert code == EXIT_FLAGGED
    report = json.loads(out)
    assert report["flagged"] is True and report["rules_version"] >= 1
    assert [(h["category"], h["phrase"], h["severity"]) for h in report["hits"]] == [
        ("gender", "限男", "block"), ("age", "35岁以下", "block")]
    first = report["hits"][0]
    assert first["category_zh"] == "性别" and "第二十七条" in first["basis_zh"]
    assert first["start"] == 5 and first["end"] == 7


def test_clean_post_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check-post", "--text", "需持电工证，男女不限，年满18周岁", "--json")
    assert code == EXIT_OK
    assert json.loads(out) == {"flagged": False, "rules_version": json.loads(out)[
        "rules_version"], "hits": []}


def test_warning_is_listed_but_not_flagged(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check-post", "--text", "物流园卸货，男工5名", "--json")
    assert code == EXIT_OK
    report = json.loads(out)
    assert report["flagged"] is False
    assert [(h["category"], h["severity"]) for h in report["hits"]] == [("gender", "warn")]


def test_text_for_staff_in_chinese_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check-post", "--text", "不招河南籍")
    assert code == EXIT_FLAGGED
    assert "请修改" in out and "地域和户籍" in out and "“不招河南籍”" in out
    code, out, _ = run(capsys, "--lang", "en", "check-post", "--text", "男女不限")
    assert code == EXIT_OK and out.strip() == "No discriminatory wording found."
    code, out, _ = run(capsys, "check-post", "--text", "男女不限")
    assert out.strip() == "未发现歧视性内容。"


def test_text_from_stdin(capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("乙肝勿扰\n"))
    code, out, _ = run(capsys, "check-post", "--text", "-", "--json")
    assert code == EXIT_FLAGGED and json.loads(out)["hits"][0]["category"] == "health"


def test_a_newer_rules_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(resources.files("kiosk_assets").joinpath("post_rules.json").read_text(
        encoding="utf-8"))
    data["version"] = 99
    data["categories"][0]["rules"].append(
        {"id": "gender.test", "severity": "block", "phrases": ["只招壮汉"]})
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    code, out, _ = run(capsys, "check-post", "--rules", str(rules), "--text", "只招壮汉", "--json")
    assert code == EXIT_FLAGGED and json.loads(out)["rules_version"] == 99


@pytest.mark.parametrize("content", ["not json", '{"version": 1}'])
def test_a_bad_rules_file_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       content: str) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(content, "utf-8")
    code, out, err = run(capsys, "check-post", "--rules", str(rules), "--text", "限男", "--json")
    assert code == EXIT_BAD_INPUT
    assert json.loads(out)["errors"][0]["field"] == "rules"
    assert "规则文件无法使用" in json.loads(out)["errors"][0]["message"] and err == ""
