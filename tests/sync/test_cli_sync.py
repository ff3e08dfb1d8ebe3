"""`kiosk provision` and `kiosk sync --once --json` against `kiosk-hub serve`, and the
`kiosk-hub terminals` commands."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from kiosk.cli import main as kiosk
from sync import provisioning
from sync.hub.cli import main as kiosk_hub
from tests.sync.conftest import HALL_A, HALL_B
from tests.sync.netparts import hub_process

# Soon, not far: the hub refuses start dates more than a year ahead.
START = (dt.date.today() + dt.timedelta(days=30)).isoformat()
JOB = ["job", "add", "--employer-name", "李先生", "--employer-phone", "13905317788",
       "--trade", "C01", "--title", "外墙砌砖", "--place", "槐荫区阳光小区",
       "--start-date", START, "--pay", "300", "--pay-unit", "day",
       "--settlement", "daily", "--headcount", "2"]


@pytest.fixture
def served(hub_engine: Engine, tmp_path: Path) -> Iterator[str]:
    with hub_process(hub_engine.url.render_as_string(hide_password=False),
                     tmp_path / "hub.log") as base:
        yield base


def hub_cli(engine: Engine, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    url = engine.url.render_as_string(hide_password=False)
    assert kiosk_hub(["--db", url, *argv]) == 0
    return capsys.readouterr().out


def test_provision_then_sync_once(hub_engine: Engine, served: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "terminal")
    assert kiosk(["--data-dir", data, "init"]) == 0
    assert kiosk(["--data-dir", data, *JOB]) == 0
    capsys.readouterr()
    code = hub_cli(hub_engine, capsys, "terminals", "add", "--hall", HALL_A, "--name", "柜台1",
                   "--hub-url", served, "--qr", str(tmp_path / "t.png")).strip()
    assert provisioning.decode(code).hub == served and (tmp_path / "t.png").stat().st_size
    assert kiosk(["--data-dir", data, "provision", code]) == 0
    capsys.readouterr()
    assert kiosk(["--data-dir", data, "sync", "--once", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["stored"] == 2 and report["acked"] == 2
    stats = json.loads(hub_cli(hub_engine, capsys, "stats", "--json"))
    assert stats["city"]["jobs_posted"] == 1 and stats["per_hall_day"][0]["hall"] == HALL_A
    text = hub_cli(hub_engine, capsys, "stats")
    assert f"{HALL_A} " in text and "发布岗位数 1" in text and "按工种：" in text
    assert "瓦工：求职人数 0  尚缺人数 2" in text
    listed = json.loads(hub_cli(hub_engine, capsys, "terminals", "list", "--json"))
    assert listed[0]["last_seen_at"] is not None and listed[0]["revoked_at"] is None
    hub_cli(hub_engine, capsys, "terminals", "revoke", listed[0]["id"])
    assert kiosk(["--data-dir", data, *JOB]) == 0
    capsys.readouterr()
    assert kiosk(["--data-dir", data, "sync", "--once", "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)
    assert refused["errors"] == ["unauthorized"] and refused["quarantined"] == 2


def test_provision_refuses_a_code_of_another_hall_or_a_damaged_one(
        hub_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "terminal")
    assert kiosk(["--data-dir", data, "init"]) == 0
    capsys.readouterr()
    other = hub_cli(hub_engine, capsys, "terminals", "add", "--hall", HALL_B,
                    "--name", "x").strip()
    assert kiosk(["--data-dir", data, "provision", other]) == 2
    assert kiosk(["--data-dir", data, "provision", "LGP1:???"]) == 2
    assert kiosk(["--data-dir", data, "sync", "--once"]) == 2  # never provisioned
    assert not (Path(data) / provisioning.FILE_NAME).exists()


def test_provision_from_the_qr_picture_the_hub_printed(
        hub_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk-hub terminals add --qr t.png` → `kiosk provision --image t.png`: a real
    QR round trip (qrcode → PNG → zxing-cpp)."""
    data = str(tmp_path / "terminal")
    assert kiosk(["--data-dir", data, "init"]) == 0
    capsys.readouterr()
    picture = tmp_path / "t.png"
    code = hub_cli(hub_engine, capsys, "terminals", "add", "--hall", HALL_A, "--name", "柜台2",
                   "--hub-url", "http://127.0.0.1:9", "--qr", str(picture)).strip()
    assert kiosk(["--data-dir", data, "provision", "--image", str(picture)]) == 0
    assert provisioning.load(Path(data) / provisioning.FILE_NAME) == provisioning.decode(code)


def test_provision_refuses_a_picture_without_a_provisioning_code(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import qrcode

    data = str(tmp_path / "terminal")
    assert kiosk(["--data-dir", data, "init"]) == 0
    card = tmp_path / "card.png"
    qrcode.make("LGJ1:0190a3a0-0000-7000-8000-000000000000").save(card)
    (tmp_path / "broken.png").write_bytes(b"not a png")
    capsys.readouterr()
    assert kiosk(["--data-dir", data, "provision", "--image", str(card)]) == 2
    assert "LGP1" in capsys.readouterr().err
    assert kiosk(["--data-dir", data, "provision", "--image", str(tmp_path / "broken.png")]) == 2
    assert not (Path(data) / provisioning.FILE_NAME).exists()


@pytest.mark.parametrize(("hub_url", "code"), [
    ("http://hub.example.cn:8750", "hub_url_not_https"),  # the token and ID numbers in clear
    ("ftp://hub.example.cn", "hub_url_scheme"),
    ("https://", "hub_url_host"),
])
def test_provision_refuses_a_hub_that_is_not_https(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], hub_url: str, code: str) -> None:
    data = str(tmp_path / "terminal")
    assert kiosk(["--data-dir", data, "init"]) == 0
    text = provisioning.encode(provisioning.Provisioning(hub_url, "T9", HALL_A, "t" * 43))
    capsys.readouterr()
    assert kiosk(["--data-dir", data, "provision", text, "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["errors"][0]["code"] == code
    assert not (Path(data) / provisioning.FILE_NAME).exists()


def test_an_insecure_hub_is_allowed_only_when_asked_and_the_doctor_fails_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "terminal")
    assert kiosk(["--data-dir", data, "init"]) == 0
    text = provisioning.encode(provisioning.Provisioning(
        "http://hub.example.cn:8750", "T9", HALL_A, "t" * 43))
    assert kiosk(["--data-dir", data, "provision", text, "--insecure-hub"]) == 0
    capsys.readouterr()
    assert kiosk(["--data-dir", data, "--lang", "en", "doctor", "--json",
                  "--timeout", "0.5"]) == 1
    checks = {c["check"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["hub"]["status"] == "fail" and "HTTPS" in checks["hub"]["message_en"]


def test_a_loopback_hub_needs_no_https(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "terminal")
    assert kiosk(["--data-dir", data, "init"]) == 0
    text = provisioning.encode(provisioning.Provisioning(
        "http://127.0.0.1:8765", "T9", HALL_A, "t" * 43))
    assert kiosk(["--data-dir", data, "provision", text]) == 0
