"""`kiosk config show` and `kiosk config check` on real files: tokens masked, every problem
listed, translated, exit status 1 on an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import EXIT_FAILURE, EXIT_OK, main
from sync import provisioning

TOKEN = "s3cr3t-token-0123456789abcdefXYZW"


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    directory = tmp_path / "hall"
    assert run(capsys, directory, "init", "--terminal-id", "T05")[0] == EXIT_OK
    return directory


def provision(data: Path, hall: str = "370104-DDBL", hub: str = "https://hub.example.cn") -> None:
    provisioning.save(data / provisioning.FILE_NAME, provisioning.Provisioning(
        hub=hub, terminal="T05", hall=hall, token=TOKEN))


def test_show_prints_the_effective_configuration_and_masks_the_token(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    provision(data)
    code, out, _ = run(capsys, data, "config", "show", "--json")
    assert code == EXIT_OK
    shown = json.loads(out)
    assert shown["config"]["terminal_id"] == "T05"
    assert shown["config"]["hall"]["name"] == "济南市槐荫区段店北路街道零工市场"
    assert shown["config"]["printers"][0]["options"] == {"directory": "prints"}
    assert shown["config"]["touch"]["idle_seconds"] == 60
    assert shown["hub"] == {"url": "https://hub.example.cn", "terminal": "T05",
                           "hall": "370104-DDBL", "token": "****XYZW"}
    code, text, _ = run(capsys, data, "config", "show")
    assert code == EXIT_OK and TOKEN not in out + text
    assert "[touch]" in text and "# hub.token = ****XYZW" in text
    assert "[display]" in text and "blank_from" in text


def test_show_without_a_hub_says_so(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, data, "--lang", "en", "config", "show")
    assert code == EXIT_OK and "not connected to a hub yet" in out
    assert json.loads(run(capsys, data, "config", "show", "--json")[1])["hub"] is None


def test_check_passes_a_good_configuration(data: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    provision(data)
    code, out, _ = run(capsys, data, "--lang", "en", "config", "check")
    assert (code, out.strip()) == (EXIT_OK, "The configuration is valid.")
    code, out, _ = run(capsys, data, "config", "check")
    assert code == EXIT_OK and out.strip() == "配置有效。"


def test_check_lists_every_problem_and_fails_on_an_error(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    provision(data, hall="370112-HSL", hub="ftp://hub")
    config = data / "config.toml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("page_seconds = 12", "page_seconds = 0").replace(
        'hours = "周一至周日 06:00–18:00"', 'hours = ""').replace(
        'blank_from = ""', 'blank_from = "25:00"'), "utf-8")
    code, out, _ = run(capsys, data, "config", "check", "--json")
    assert code == EXIT_FAILURE
    report = json.loads(out)
    found = {p["key"]: p["severity"] for p in report["problems"]}
    assert report["ok"] is False
    assert found == {"board.page_seconds": "error", "hall.hours": "warning",
                     "display.blank_from": "error", "sync.json: hub": "error",
                     "sync.json: hall": "error"}
    code, out, _ = run(capsys, data, "--lang", "en", "config", "check")
    assert code == EXIT_FAILURE
    assert "ERROR config.toml: board.page_seconds: must be between 3 and 600." in out
    assert "WARN  config.toml: hall.hours: is empty" in out
    assert "sync.json: hall: is 370112-HSL, but this terminal's hall is 370104-DDBL" in out
    assert out.strip().endswith("The configuration has 4 errors.")
    code, out, _ = run(capsys, data, "config", "check")
    assert "必须在 3 到 600 之间" in out
    code, _, err = run(capsys, data, "--lang", "en", "status")
    assert code == EXIT_FAILURE and "board.page_seconds: must be between 3 and 600." in err


def test_check_without_a_configuration(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, tmp_path / "none", "--lang", "en", "config", "check")
    assert code == EXIT_FAILURE and "run `kiosk init` first" in out
    code, _, err = run(capsys, tmp_path / "none", "config", "show")
    assert code == EXIT_FAILURE and "kiosk init" in err
