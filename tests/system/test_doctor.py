"""`kiosk doctor` on real parts: config and SQLite files in temp dirs, the real font file
drawn with pillow, a real `kiosk-hub serve` on loopback (and a closed port), printers
reached through their real transports (a folder, a missing device node, a refused TCP
port). Only a printer's answer is played by a loopback server speaking ESC/POS status, and
a USB printer by a stand-in with the transports' own probe method: neither can exist here.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import EXIT_FAILURE, EXIT_OK, main
from kiosk.system.config import (
    Paths,
    PrinterConfig,
    ScannerSettings,
    default_config,
    load_config,
    write_config,
)
from kiosk.system.doctor import Doctor, check_font, exit_status, missing_glyphs
from kiosk.system.findings import Finding, Status
from kiosk.system.fonts import FONT_ENV, cjk_font_path
from printers.probe import PaperState, paper_state, probe
from printers.transports import (
    DeviceTransport,
    FailureReason,
    NetworkTransport,
    PrintFailure,
    Transport,
)
from sync.hub.cli import main as kiosk_hub
from tests.sync.netparts import hub_process
from tests.sync.pg import free_port

HALL = "370104-DDBL"
JOB = ["job", "add", "--employer-name", "李先生", "--employer-phone", "13905317788",
       "--trade", "C01", "--title", "外墙砌砖", "--place", "槐荫区阳光小区",
       "--start-date", "2099-01-01", "--pay", "300", "--pay-unit", "day",
       "--settlement", "daily", "--headcount", "2"]
VERA = Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf"


def kiosk(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(data), *args])
    out, _ = capsys.readouterr()
    return code, out


def by_check(findings: list[Finding]) -> dict[str, Finding]:
    """The first finding of each check."""
    found: dict[str, Finding] = {}
    for f in findings:
        found.setdefault(f.check, f)
    return found


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A real `kiosk-hub serve` on an SQLite file: (base URL, database URL)."""
    folder = tmp_path_factory.mktemp("hub")
    db = f"sqlite:///{folder / 'hub.sqlite3'}"
    with hub_process(db, folder / "hub.log") as url:
        yield url, db


def provision(capsys: pytest.CaptureFixture[str], data: Path, hub: tuple[str, str],
              url: str | None = None) -> str:
    base, db = hub
    assert kiosk_hub(["--db", db, "terminals", "add", "--hall", HALL, "--name", "doctor",
                      "--hub-url", url or base, "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert kiosk(capsys, data, "provision", added["provisioning"])[0] == EXIT_OK
    return str(added["terminal"])


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    directory = tmp_path / "hall"
    assert kiosk(capsys, directory, "init")[0] == EXIT_OK
    return directory


def configure(data: Path, **changes: object) -> None:
    path = data / "config.toml"
    write_config(path, replace(load_config(path), **changes))  # type: ignore[arg-type]


# -- all good, and the command's output -----------------------------------------------------

def test_all_good_with_a_real_hub(data: Path, hub: tuple[str, str], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    terminal = provision(capsys, data, hub)
    scanner = tmp_path / "event-kbd"  # stands where the scanner's input node would be
    scanner.write_bytes(b"")
    touch = load_config(data / "config.toml").touch
    # voice off: this machine (and CI) has no audio output, which the doctor would warn about
    configure(data, scanner=ScannerSettings(str(scanner)), touch=replace(touch, voice=False))
    code, out = kiosk(capsys, data, "doctor", "--json")
    report = json.loads(out)
    assert code == EXIT_OK and report["ok"] is True, out
    checks = {c["check"]: c for c in report["checks"]}
    assert list(checks) == ["config", "fonts", "glyphs", "printer", "scanner", "handwriting",
                            "database", "outbox", "files", "disk", "hub", "clock"]
    # GB 18030-2022 level 1: the fonts lack U+9FEB–U+9FEF (Unicode 11), said as a warning
    assert {c["status"] for c in report["checks"] if c["check"] != "glyphs"} == {"ok"}, out
    assert checks["glyphs"]["status"] in ("ok", "warn")
    assert set(checks["glyphs"]["details"]["chars"]) <= set("鿫鿬鿭鿮鿯")
    assert "零工" in checks["fonts"]["message_en"]
    assert terminal in checks["hub"]["message_en"]
    assert "of the hub's clock" in checks["clock"]["message_en"]
    assert checks["database"]["details"]["path"] == str(data / "kiosk.sqlite3")
    code, text = kiosk(capsys, data, "--lang", "en", "doctor")
    lines = text.strip().splitlines()
    assert code == EXIT_OK and len(lines) == 13 and lines[-1].startswith("-- 0 FAIL")
    assert lines[1].startswith("OK    Chinese font: ") and lines[1].endswith("draws 零工.")
    code, text = kiosk(capsys, data, "doctor")
    assert "中文字体" in text and "数据库" in text


def test_the_real_font_draws_chinese_and_a_latin_font_does_not() -> None:
    from PIL import ImageFont

    wqy = ImageFont.truetype(str(cjk_font_path()), 48, index=0)
    assert missing_glyphs(wqy, "零工驿站0A") == []
    vera = ImageFont.truetype(str(VERA), 48)
    assert missing_glyphs(vera, "零工0A") == ["零", "工"]


# -- font ----------------------------------------------------------------------------------

def test_font_missing(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv(FONT_ENV, str(empty / "wqy-microhei.ttc"))
    finding = check_font()
    assert finding.status is Status.FAIL
    assert "WenQuanYi Micro Hei is missing" in finding.text()
    assert "apt-get install fonts-wqy-microhei" in finding.text()
    code, out = kiosk(capsys, data, "--lang", "en", "doctor")
    assert code == EXIT_FAILURE
    assert "FAIL  Chinese font: WenQuanYi Micro Hei is missing" in out
    code, out = kiosk(capsys, data, "doctor")
    assert code == EXIT_FAILURE and "文泉驿微米黑" in out


def test_a_font_without_chinese_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FONT_ENV, str(VERA))
    finding = check_font()
    assert finding.status is Status.FAIL and "cannot draw 零工" in finding.text()


def test_a_damaged_font_file_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "wqy-microhei.ttc"
    broken.write_bytes(b"\0" * 4096)
    monkeypatch.setenv(FONT_ENV, str(broken))
    finding = check_font()
    assert finding.status is Status.FAIL and "cannot be read as a font" in finding.text()


# -- printers ------------------------------------------------------------------------------

class StatusPrinter:
    """A loopback TCP server answering ESC/POS `DLE EOT 4` with one status byte."""

    def __init__(self, status: int | None) -> None:
        self.status = status
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.asked = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            self.asked = conn.recv(3)
            if self.status is not None:
                conn.sendall(bytes([self.status]))
            conn.recv(1)  # until the client closes

    def close(self) -> None:
        self.server.close()
        self.thread.join(timeout=5)


@pytest.mark.parametrize(("answer", "paper", "status"), [
    (0x12, PaperState.OK, Status.OK), (0x1E, PaperState.LOW, Status.WARN),
    (0x72, PaperState.OUT, Status.FAIL), (0x7E, PaperState.OUT, Status.FAIL),
    (None, PaperState.UNKNOWN, Status.OK)])
def test_a_network_printer_is_asked_for_its_paper(
        data: Path, answer: int | None, paper: PaperState, status: Status) -> None:
    printer = StatusPrinter(answer)
    try:
        configure(data, printers=(PrinterConfig(
            "front", "network", options=(("host", "127.0.0.1"), ("port", printer.port))),))
        if answer is None:  # a printer that never answers status: the probe waits it out
            assert probe(NetworkTransport("127.0.0.1", printer.port), timeout_s=0.3) is paper
            return
        findings = by_check(Doctor(Paths.resolve(data)).run())
    finally:
        printer.close()
    assert printer.asked == b"\x10\x04\x04"
    assert findings["printer"].status is status, findings["printer"].text()
    assert paper_state(answer) is paper


def test_printer_gone(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    closed = free_port()
    configure(data, printers=(
        PrinterConfig("lp", "device", options=(("device", str(tmp_path / "usb" / "lp0")),)),
        PrinterConfig("net", "network", options=(("host", "127.0.0.1"), ("port", closed)))))
    findings = [f for f in Doctor(Paths.resolve(data)).run() if f.check == "printer"]
    assert [f.status for f in findings] == [Status.FAIL, Status.FAIL]
    assert findings[0].text().startswith("lp (device) is not connected: ")
    assert findings[1].text().startswith("net (network) is not connected: ")
    assert findings[0].params["reason"] == "offline"
    code, out = kiosk(capsys, data, "doctor", "--json")
    assert code == EXIT_FAILURE and json.loads(out)["ok"] is False
    with pytest.raises(PrintFailure) as caught:
        probe(DeviceTransport(tmp_path / "lp0"))
    assert caught.value.reason is FailureReason.OFFLINE


class UsbStandIn:
    """A USB ESC/POS printer cannot be plugged in here: this answers the probe like one."""

    def __init__(self, paper: PaperState | None) -> None:
        self.paper = paper

    def send(self, data: bytes, suffix: str, name: str) -> None:
        raise PrintFailure(FailureReason.OFFLINE)

    def probe(self) -> PaperState:
        if self.paper is None:
            raise PrintFailure(FailureReason.OFFLINE, "no USB device 04b8:0202")
        return self.paper


@pytest.mark.parametrize(("paper", "status"), [
    (PaperState.OK, Status.OK), (PaperState.OUT, Status.FAIL), (None, Status.FAIL)])
def test_a_usb_printer_through_the_transport_interface(data: Path, paper: PaperState | None,
                                                       status: Status) -> None:
    configure(data, printers=(PrinterConfig(
        "front", "usb", options=(("product_id", "0x0202"), ("vendor_id", "0x04b8"))),))

    def transport_for(printer: PrinterConfig, _data_dir: Path) -> Transport:
        assert printer.transport == "usb"
        return UsbStandIn(paper)
    findings = by_check(Doctor(Paths.resolve(data), transport_for=transport_for).run())
    assert findings["printer"].status is status


def test_the_board_role_needs_no_printer(data: Path) -> None:
    configure(data, role="board", printers=())
    assert by_check(Doctor(Paths.resolve(data)).run())["printer"].status is Status.SKIP
    configure(data, role="terminal")
    assert by_check(Doctor(Paths.resolve(data)).run())["printer"].status is Status.WARN


# -- hub -----------------------------------------------------------------------------------

def test_hub_down(data: Path, hub: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    provision(capsys, data, hub, url=f"http://127.0.0.1:{free_port()}")
    code, out = kiosk(capsys, data, "--lang", "en", "doctor", "--timeout", "2")
    assert code == EXIT_FAILURE
    hub_line = next(line for line in out.splitlines() if "City hub" in line)
    assert hub_line.startswith("FAIL") and "cannot be reached: ConnectError" in hub_line
    clock = next(line for line in out.splitlines() if "Clock" in line)
    assert clock.startswith("OK") and "not compared with the hub" in clock


def test_revoked_token(data: Path, hub: tuple[str, str],
                       capsys: pytest.CaptureFixture[str]) -> None:
    terminal = provision(capsys, data, hub)
    assert kiosk_hub(["--db", hub[1], "terminals", "revoke", terminal]) == 0
    capsys.readouterr()
    finding = by_check(Doctor(Paths.resolve(data)).run())["hub"]
    assert finding.status is Status.FAIL and "refused this terminal's token" in finding.text()


def test_not_provisioned_is_only_a_warning(data: Path) -> None:
    findings = Doctor(Paths.resolve(data)).run()
    assert by_check(findings)["hub"].status is Status.WARN and exit_status(findings) == 0


# -- clock ---------------------------------------------------------------------------------

def test_clock_before_the_build_date(data: Path) -> None:
    doctor = Doctor(Paths.resolve(data), now=lambda: datetime(2001, 1, 1, tzinfo=UTC),
                    build_date=date(2026, 11, 1))
    finding = by_check(doctor.run())["clock"]
    assert finding.status is Status.FAIL and "before this software was built" in finding.text()


def test_clock_far_from_the_hubs(data: Path, hub: tuple[str, str],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    provision(capsys, data, hub)
    late = Doctor(Paths.resolve(data), now=lambda: datetime.now(UTC) + timedelta(minutes=9))
    finding = by_check(late.run())["clock"]
    assert finding.status is Status.FAIL and "away from the hub's clock" in finding.text()
    assert 530 <= int(finding.params["seconds"]) <= 560


def test_clock_went_back_behind_the_newest_record(data: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk(capsys, data, *JOB)[0] == EXIT_OK
    past = Doctor(Paths.resolve(data), now=lambda: datetime.now(UTC) - timedelta(hours=3),
                  build_date=date(2026, 1, 1))
    finding = by_check(past.run())["clock"]
    assert finding.status is Status.FAIL and "the clock went back" in finding.text()


# -- database, outbox, scanner, config -----------------------------------------------------

def test_oldest_unsent_change_age(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk(capsys, data, *JOB)[0] == EXIT_OK
    for hours, status in ((0, Status.OK), (2, Status.WARN), (30, Status.FAIL)):
        later = Doctor(Paths.resolve(data),
                       now=lambda h=hours: datetime.now(UTC) + timedelta(hours=h, minutes=1))
        finding = by_check(later.run())["outbox"]
        assert finding.status is status, (hours, finding.text())
        assert finding.params["count"] == 2 and finding.params["minutes"] >= hours * 60


def test_a_damaged_database(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = data / "kiosk.sqlite3"
    raw = bytearray(database.read_bytes())
    raw[4096:8192] = b"\xff" * 4096  # a page of the file overwritten
    database.write_bytes(bytes(raw))
    findings = by_check(Doctor(Paths.resolve(data)).run())
    assert findings["database"].status is Status.FAIL, findings["database"].text()
    assert "restore the latest backup" in findings["database"].text()
    assert findings["outbox"].status is Status.SKIP
    database.unlink()
    findings = by_check(Doctor(Paths.resolve(data)).run())
    assert findings["database"].status is Status.FAIL and "kiosk init" in findings[
        "database"].text()


def test_handwriting_without_its_model_is_a_warning_that_names_the_package(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert by_check(Doctor(Paths.resolve(data)).run())["handwriting"].status is Status.OK
    monkeypatch.setenv("KIOSK_HANDWRITING_MODEL", str(tmp_path / "gone.model"))
    finding = by_check(Doctor(Paths.resolve(data)).run())["handwriting"]
    assert finding.status is Status.WARN
    assert "tegaki-zinnia-simplified-chinese" in finding.text()
    assert "拼音" in finding.text("zh_CN")


def test_scanner_unplugged(data: Path, tmp_path: Path) -> None:
    configure(data, scanner=ScannerSettings(str(tmp_path / "by-id" / "usb-scanner-event-kbd")))
    finding = by_check(Doctor(Paths.resolve(data)).run())["scanner"]
    assert finding.status is Status.FAIL and "is the scanner plugged in?" in finding.text()


def test_a_broken_configuration_fails_and_skips_what_needs_it(data: Path) -> None:
    config = data / "config.toml"
    config.write_text(config.read_text("utf-8").replace("page_seconds = 12",
                                                        "page_seconds = 0"), "utf-8")
    findings = by_check(Doctor(Paths.resolve(data)).run())
    assert findings["config"].status is Status.FAIL
    assert "board.page_seconds" in findings["config"].text()
    assert "必须在 3 到 600 之间" in findings["config"].text("zh_CN")
    assert findings["printer"].status is Status.SKIP
    assert findings["database"].status is Status.OK


def test_every_message_reads_in_both_languages(data: Path, tmp_path: Path) -> None:
    configure(data, scanner=ScannerSettings(str(tmp_path / "none")),
              printers=(default_config().printers[0],))
    for finding in Doctor(Paths.resolve(data)).run():
        assert finding.text("zh_CN") != finding.text("en"), finding.message
        assert set(finding.to_json()) == {"check", "status", "message", "message_en",
                                          "details"}
