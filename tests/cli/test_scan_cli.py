"""`kiosk scan`, `kiosk card` and `kiosk prereg` on real files: routes, nothing written on
--dry-run or a bad scan, the card's QR read back by zxing-cpp."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from kiosk.core import payloads
from kiosk.core.scan import Provisioning, encode_provisioning
from kiosk.system.config import load_config
from sync import provisioning
from tests.conftest import id_number

WORKER = "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6"


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def table_counts(data: Path) -> dict[str, int]:
    """Rows of every table, straight from the file (outbox and print queue included)."""
    conn = sqlite3.connect(data / "kiosk.sqlite3")
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    directory = tmp_path / "hall"
    assert run(capsys, directory, "init")[0] == EXIT_OK
    return directory


@pytest.fixture
def city(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A city key pair; the terminal accepts its public half. Returns the private key file."""
    code, out, _ = run(capsys, data, "prereg", "keygen", "--out", str(tmp_path / "keys"),
                       "--json")
    assert code == EXIT_OK
    made = json.loads(out)
    assert Path(made["private_key"]).stat().st_mode & 0o077 == 0
    config = data / "config.toml"
    config.write_text(config.read_text("utf-8").replace(
        "city_public_keys = []", f'city_public_keys = ["{made["city_public_key"]}"]'), "utf-8")
    return Path(made["private_key"])


def signed(capsys: pytest.CaptureFixture[str], data: Path, key: Path, tmp_path: Path,
           **fields: object) -> str:
    form = {"name": "王小明", "id_number": id_number(), "phone": "13805311234",
            "trades": ["C01"], **fields}
    path = tmp_path / "form.json"
    path.write_text(json.dumps(form, ensure_ascii=False), "utf-8")
    code, out, _ = run(capsys, data, "prereg", "sign", "--key", str(key), "--json", str(path))
    assert code == EXIT_OK
    return out.strip()


def test_dry_run_tells_the_route_and_changes_nothing(
        data: Path, city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prereg = signed(capsys, data, city, tmp_path)
    job = add_job(capsys, data)
    before = table_counts(data)
    cases = {payloads.worker_card(WORKER): "check_in", payloads.job(job): "job_detail",
             prereg: "prereg_review", payloads.referral(WORKER): "referral_confirm",
             encode_provisioning(Provisioning("https://hub", "T9", "370104-DDBL", "tok")):
                 "provision"}
    for text, route in cases.items():
        code, out, _ = run(capsys, data, "scan", text, "--dry-run", "--json")
        assert code == EXIT_OK and json.loads(out)["route"] == route
    code, out, _ = run(capsys, data, "scan", prereg, "--dry-run", "--json")
    fields = json.loads(out)["fields"]
    assert fields["name"] == "王小明" and id_number() not in out and "*" in fields["id_number"]
    assert table_counts(data) == before
    assert not (data / provisioning.FILE_NAME).exists()


@pytest.mark.parametrize(("text", "expected"), [
    ("LGX1:abc", "unknown_prefix"), ("LGW2:" + WORKER + ":00000000", "unknown_version"),
    (payloads.worker_card(WORKER)[:-1] + "Z", "malformed"),
    (payloads.worker_card(WORKER)[:-2] + "00", "bad_check"), ("LGW1:" + WORKER, "truncated"),
    ("x" * 10_240, "oversize"), ("LGW1:\x1b[2J", "control_characters")])
def test_a_bad_scan_exits_2_with_its_code_and_writes_nothing(
        data: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str) -> None:
    before = table_counts(data)
    for extra in ((), ("--dry-run",)):
        code, out, err = run(capsys, data, "scan", text, *extra, "--json")
        assert code == EXIT_BAD_INPUT and json.loads(out)["errors"][0]["code"] == expected
        assert json.loads(out)["errors"][0]["message"] and err == ""
    assert table_counts(data) == before


def test_a_forged_or_expired_pre_registration_is_refused(
        data: Path, city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    run(capsys, data, "prereg", "keygen", "--out", str(other))
    forged = signed(capsys, data, other / "city-key.pem", tmp_path)
    old = (datetime.now(UTC) - timedelta(hours=25)).isoformat()
    expired = signed(capsys, data, city, tmp_path, issued_at=old)
    before = table_counts(data)
    for text, expected in ((forged, "bad_signature"), (expired, "expired")):
        code, out, _ = run(capsys, data, "scan", text, "--consent", "--json")
        assert code == EXIT_BAD_INPUT and json.loads(out)["errors"][0]["code"] == expected
    assert table_counts(data) == before


def test_a_worker_card_checks_in_even_an_unknown_worker(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    card = payloads.worker_card(WORKER)
    code, out, _ = run(capsys, data, "scan", card, "--json")
    first = json.loads(out)
    assert code == EXIT_OK and first["worker_id"] == WORKER and first["already"] is False
    code, out, _ = run(capsys, data, "scan", card, "--json")
    again = json.loads(out)
    assert again["already"] is True and again["queue_no"] == first["queue_no"]
    assert table_counts(data)["checkins"] == 1


def test_a_pre_registration_registers_only_with_consent(
        data: Path, city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prereg = signed(capsys, data, city, tmp_path)
    before = table_counts(data)
    code, out, _ = run(capsys, data, "scan", prereg, "--json")
    assert code == EXIT_BAD_INPUT and json.loads(out)["errors"][0]["code"] == "review_required"
    assert table_counts(data) == before
    code, out, _ = run(capsys, data, "scan", prereg, "--consent", "--json")
    assert code == EXIT_OK and json.loads(out)["name"] == "王小明"
    assert table_counts(data)["workers"] == before["workers"] + 1


def test_a_signed_form_with_a_bad_field_names_it(
        data: Path, city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prereg = signed(capsys, data, city, tmp_path, phone="12345")
    code, out, _ = run(capsys, data, "scan", prereg, "--dry-run", "--json")
    errors = json.loads(out)["errors"]
    assert code == EXIT_BAD_INPUT and errors[0]["code"] == "invalid_fields"
    assert "phone" in {e["field"] for e in errors}


def add_job(capsys: pytest.CaptureFixture[str], data: Path) -> str:
    code, out, _ = run(capsys, data, "job", "add", "--employer-name", "李先生",
                       "--employer-phone", "13905317788", "--trade", "瓦工", "--title", "砌墙",
                       "--place", "槐荫区", "--start-date", "2099-01-02", "--pay", "300",
                       "--pay-unit", "day", "--settlement", "daily", "--headcount", "2",
                       "--json")
    assert code == EXIT_OK
    job_id: str = json.loads(out)["id"]
    return job_id


def add_worker(capsys: pytest.CaptureFixture[str], data: Path) -> str:
    code, out, _ = run(capsys, data, "worker", "add", "--name", "张建国", "--id-number",
                       id_number(), "--phone", "13805311234", "--trade", "C01", "--consent",
                       "--json")
    assert code == EXIT_OK, out
    worker_id: str = json.loads(out)["id"]
    return worker_id


def test_a_job_code_prints_the_job_or_says_it_is_unknown(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    job_id = add_job(capsys, data)
    code, out, _ = run(capsys, data, "scan", payloads.job(job_id))
    assert code == EXIT_OK and "砌墙" in out
    code, out, _ = run(capsys, data, "scan", payloads.job(WORKER), "--json")
    assert code == EXIT_BAD_INPUT and json.loads(out)["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize(("text", "expected"), [
    (payloads.job(WORKER), "not_found"),
    (encode_provisioning(Provisioning("http://hub", "T9", "110101-X", "tok")), "hall_mismatch")])
def test_the_dry_run_refuses_what_the_real_scan_refuses(
        data: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str) -> None:
    before = table_counts(data)
    answers = []
    for extra in (("--dry-run",), ()):
        code, out, _ = run(capsys, data, "scan", text, *extra, "--json")
        answers.append((code, json.loads(out)["errors"][0]["code"]))
        code, out, _ = run(capsys, data, "scan", text, *extra)  # told in Chinese, too
        assert code == EXIT_BAD_INPUT and "Traceback" not in out
    assert answers == [(EXIT_BAD_INPUT, expected)] * 2
    assert table_counts(data) == before
    assert not (data / provisioning.FILE_NAME).exists()


def test_a_provisioning_scan_provisions_and_stores_the_city_keys(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg="
    text = encode_provisioning(Provisioning("https://hub:8750", "T9", "370104-DDBL", "tok",
                                            city_keys=(key,)))
    code, out, _ = run(capsys, data, "scan", text, "--json")
    assert code == EXIT_OK and json.loads(out)["terminal"] == "T9"
    assert provisioning.load(data / provisioning.FILE_NAME) == provisioning.decode(text)
    assert load_config(data / "config.toml").scan.city_public_keys == (key,)
    other_hall = encode_provisioning(Provisioning("http://hub", "T9", "110101-X", "tok"))
    code, out, _ = run(capsys, data, "scan", other_hall, "--json")
    assert code == EXIT_BAD_INPUT and json.loads(out)["errors"][0]["code"] == "hall_mismatch"


def test_card_png_is_read_back_by_zxing(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    worker = add_worker(capsys, data)
    out_png = tmp_path / "card.png"
    code, out, _ = run(capsys, data, "card", worker, "--png", str(out_png), "--json")
    assert code == EXIT_OK and json.loads(out)["payload"] == payloads.worker_card(worker)
    found = zxingcpp.read_barcodes(Image.open(out_png))
    assert [r.text for r in found] == [payloads.worker_card(worker)]
    assert re.fullmatch(r"LGW1:[0-9a-f-]{36}:[0-9A-F]{8}", found[0].text)
    code, scanned, _ = run(capsys, data, "scan", found[0].text, "--dry-run", "--json")
    assert code == EXIT_OK and json.loads(scanned)["fields"]["worker_id"] == worker
    code, _, _ = run(capsys, data, "card", "not-a-uuid", "--png", str(out_png))
    assert code == EXIT_BAD_INPUT


@pytest.mark.parametrize(("size", "expected"), [
    ("20", "out_of_range"), ("0", "out_of_range"), ("-5", "out_of_range"),
    ("99", "out_of_range"), ("100000", "out_of_range")])
def test_card_refuses_sizes_that_do_not_scan(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], size: str,
        expected: str) -> None:
    worker = add_worker(capsys, data)
    out_png = tmp_path / "card.png"
    code, out, err = run(capsys, data, "card", worker, "--png", str(out_png), "--size", size,
                         "--json")
    assert code == EXIT_BAD_INPUT and json.loads(out)["errors"][0]["code"] == expected
    assert "Traceback" not in out + err and not out_png.exists()


def test_card_at_the_smallest_size_allowed_reads_back(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    worker = add_worker(capsys, data)
    out_png = tmp_path / "card.png"
    code, _, _ = run(capsys, data, "card", worker, "--png", str(out_png), "--size", "100")
    assert code == EXIT_OK
    found = zxingcpp.read_barcodes(Image.open(out_png).convert("RGB"))
    assert [r.text for r in found] == [payloads.worker_card(worker)]


def test_card_refuses_a_worker_that_does_not_exist(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_png = tmp_path / "card.png"
    code, out, _ = run(capsys, data, "card", WORKER, "--png", str(out_png), "--json")
    assert code == EXIT_BAD_INPUT and json.loads(out)["errors"][0]["code"] == "not_found"
    assert not out_png.exists()


def test_prereg_sign_refuses_a_bad_key_or_form(
        data: Path, city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1]", "utf-8")
    code, _, _ = run(capsys, data, "prereg", "sign", "--key", str(city), "--json", str(bad))
    assert code == EXIT_BAD_INPUT
    code, _, _ = run(capsys, data, "prereg", "sign", "--key", str(bad), "--json", str(bad))
    assert code == EXIT_BAD_INPUT
