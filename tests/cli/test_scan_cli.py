"""`kiosk scan`, `kiosk card` and `kiosk prereg` on real files: routes, nothing written on
--dry-run or a bad scan, the card's QR read back by zxing-cpp."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from kiosk.core import payloads
from kiosk.core.cards import sign_worker_card
from kiosk.core.queue_numbers import PREFIX_LETTERS
from kiosk.core.scan import Provisioning, encode_provisioning
from kiosk.system.config import CARD_KEY_FILE, load_config
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
    ("LGX1:abc", "unknown_prefix"), ("LGW3:" + WORKER + ":00000000", "unknown_version"),
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


def test_a_forged_old_card_checks_in_unverified_without_a_number(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`LGW1:<random uuid>:<crc>` (anyone can make one) no longer gets a queue number."""
    card = payloads.worker_card(WORKER)
    code, out, _ = run(capsys, data, "scan", card, "--dry-run", "--json")
    dry = json.loads(out)
    assert code == EXIT_OK and dry["verified"] is False and dry["known_worker"] is False
    assert dry["unverified"] == "unknown_worker"
    code, out, _ = run(capsys, data, "--lang", "en", "scan", card, "--dry-run")
    assert "unverified" in out and "does not know the worker" in out
    code, out, _ = run(capsys, data, "scan", card, "--json")
    first = json.loads(out)
    assert code == EXIT_OK and first["worker_id"] == WORKER and first["already"] is False
    assert first["queue_no"] is None and first["unverified"] == "unknown_worker"
    code, out, _ = run(capsys, data, "scan", card, "--json")
    again = json.loads(out)
    assert again["already"] is True and again["queue_no"] is None
    assert table_counts(data)["checkins"] == 1
    code, out, _ = run(capsys, data, "--lang", "en", "scan", card)
    assert "service desk" in out


def card_key(data: Path) -> bytes:
    return (data / CARD_KEY_FILE).read_bytes()


def set_legacy_cards(data: Path, value: str) -> None:
    config = data / "config.toml"
    config.write_text(re.sub(r'legacy_cards = "[a-z]+"', f'legacy_cards = "{value}"',
                             config.read_text("utf-8")), "utf-8")


def dry(capsys: pytest.CaptureFixture[str], data: Path, text: str) -> dict[str, object]:
    code, out, _ = run(capsys, data, "scan", text, "--dry-run", "--json")
    assert code == EXIT_OK, out
    answer: dict[str, object] = json.loads(out)
    return answer


def test_the_dry_run_says_whether_a_card_is_verified_and_why_not(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    worker = add_worker(capsys, data)
    own = sign_worker_card(worker, card_key(data))
    stranger_key = os.urandom(32)  # a terminal whose key is in no asset this terminal has
    tampered = own[:-2] + ("AA" if not own.endswith("AA") else "QA")
    cases = {
        own: (True, None), payloads.worker_card(worker): (True, None),
        sign_worker_card(worker, stranger_key): (False, "unknown_key"),
        tampered: (False, "bad_signature"),
        sign_worker_card(WORKER, card_key(data)): (True, None),  # signed here, since lost
    }
    before = table_counts(data)
    for text, (verified, why) in cases.items():
        answer = dry(capsys, data, text)
        assert (answer["verified"], answer["unverified"]) == (verified, why), text
    assert dry(capsys, data, own)["known_worker"] is True
    assert table_counts(data) == before
    set_legacy_cards(data, "unverified")
    assert dry(capsys, data, payloads.worker_card(worker))["unverified"] == "legacy_card"
    assert dry(capsys, data, own)["verified"] is True
    set_legacy_cards(data, "refuse")
    for extra in (("--dry-run",), ()):
        code, out, _ = run(capsys, data, "scan", payloads.worker_card(worker), *extra, "--json")
        assert code == EXIT_BAD_INPUT
        assert json.loads(out)["errors"][0]["code"] == "legacy_card_refused"
    assert table_counts(data) == before


def test_a_tampered_card_of_a_known_worker_waits_then_a_good_one_is_numbered(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = add_worker(capsys, data), add_worker(capsys, data, seq=125)
    own = sign_worker_card(first, card_key(data))
    code, out, _ = run(capsys, data, "scan", own[:-2] + "AA", "--json")
    assert code == EXIT_OK and json.loads(out)["unverified"] == "bad_signature"
    code, out, _ = run(capsys, data, "scan", sign_worker_card(second, card_key(data)), "--json")
    assert code == EXIT_OK and json.loads(out)["queue_no"] == 1  # the unverified one is not
    assert json.loads(out)["unverified"] is None               # counted before it
    label = json.loads(out)["queue_label"]  # as the ticket says it: the terminal's letter
    letter = label[0]  # (no [terminal] queue_prefix here: derived from the terminal's id)
    assert letter in PREFIX_LETTERS and label == f"{letter}001"
    third = sign_worker_card(add_worker(capsys, data, seq=127), card_key(data))
    code, out, _ = run(capsys, data, "--lang", "en", "scan", third)
    assert code == EXIT_OK and f"Checked in: queue number {letter}002." in out


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


def add_worker(capsys: pytest.CaptureFixture[str], data: Path, seq: int = 123) -> str:
    code, out, _ = run(capsys, data, "worker", "add", "--name", "张建国", "--id-number",
                       id_number(seq=seq), "--phone", "13805311234", "--trade", "C01", "--consent",
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
    signed_card = sign_worker_card(worker, card_key(data))
    assert code == EXIT_OK and json.loads(out)["payload"] == signed_card
    found = zxingcpp.read_barcodes(Image.open(out_png))
    assert [r.text for r in found] == [signed_card]
    assert re.fullmatch(r"LGW2:[0-9a-f-]{36}:[A-Za-z0-9_-]{8}:[A-Za-z0-9_-]{86}", found[0].text)
    code, scanned, _ = run(capsys, data, "scan", found[0].text, "--dry-run", "--json")
    answer = json.loads(scanned)
    assert code == EXIT_OK and answer["fields"] == {"worker_id": worker, "card": "signed"}
    assert answer["verified"] is True
    code, _, _ = run(capsys, data, "card", "not-a-uuid", "--png", str(out_png))
    assert code == EXIT_BAD_INPUT


@pytest.mark.parametrize(("size", "expected"), [
    ("20", "out_of_range"), ("0", "out_of_range"), ("-5", "out_of_range"),
    ("119", "out_of_range"), ("100000", "out_of_range")])
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
    code, _, _ = run(capsys, data, "card", worker, "--png", str(out_png), "--size", "120")
    assert code == EXIT_OK
    found = zxingcpp.read_barcodes(Image.open(out_png).convert("RGB"))
    assert [r.text for r in found] == [sign_worker_card(worker, card_key(data))]


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
