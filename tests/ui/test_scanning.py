"""Scanning at the touchscreen: a USB scanner types fast and ends with Enter."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import pytest
import zxingcpp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.core import payloads
from kiosk.core.errors import Ok, Result
from kiosk.core.scan import sign_prereg
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.system.config import ScanSettings, default_config
from kiosk.ui.scanner import WedgeScanner
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.jobs import JobsScreen
from kiosk.ui.terminal.register import NAME, REVIEW
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import employer_draft, id_number, job_draft, worker_draft
from tests.ui.conftest import grab, type_at_window, window_of

V = TypeVar("V")


def ok(result: Result[V]) -> V:
    assert isinstance(result, Ok), result
    return result.value


@pytest.fixture
def city_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def window(qtbot: QtBot, services: Services,
           city_key: Ed25519PrivateKey) -> Iterator[TerminalWindow]:
    public = city_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                 serialization.PublicFormat.Raw)
    config = replace(default_config("T01"), scan=ScanSettings(
        city_public_keys=(base64.b64encode(public).decode(),)))
    terminal = TerminalWindow(services, config, printing=False)
    qtbot.addWidget(terminal)
    terminal.resize(1920, 1080)
    terminal.show()
    qtbot.waitExposed(terminal)
    # A kiosk that has been up a moment. QTest stamps each key as it sends it, and the
    # screens still being built after home would run between its keys (a real scanner's
    # keys are stamped as typed: see test_a_scan_held_back_by_a_busy_moment_is_still_one_scan).
    qtbot.waitUntil(lambda: terminal.built, timeout=20_000)  # a loaded CI machine
    yield terminal
    terminal.shutdown()


def scan(window: TerminalWindow, text: str) -> None:
    """What a scanner does: the keys of `text` at once, then Enter."""
    type_at_window(window, text)
    QTest.keyClick(window_of(window), Qt.Key.Key_Return)


def rows(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_fast_keys_ending_in_enter_are_a_scan_and_slow_ones_are_not() -> None:
    scanner = WedgeScanner(max_gap_ms=35, min_length=8)
    got: list[str] = []
    scanner.scanned.connect(got.append)
    t = 100.0
    swallowed = []
    for i, char in enumerate("LGJ1:abcdefgh"):
        swallowed.append(scanner.key(ord(char.upper()), char, t + i * 0.005))
    assert scanner.key(Qt.Key.Key_Return, "\r", t + 0.07)
    assert got == ["LGJ1:abcdefgh"]
    assert swallowed == [False] + [True] * 12  # the first key cannot be known yet
    for i, char in enumerate("12345678"):  # a person: 120 ms between keys
        assert not scanner.key(ord(char), char, t + 1 + i * 0.12)
    assert not scanner.key(Qt.Key.Key_Return, "\r", t + 2.1)
    assert got == ["LGJ1:abcdefgh"]


def test_a_scan_held_back_by_a_busy_moment_is_still_one_scan(qtbot: QtBot) -> None:
    """The keys typed 5 ms apart, handled with a 100 ms stall in the middle: still a scan,
    as the gaps come from the events' timestamps."""
    scanner = WedgeScanner(max_gap_ms=35, min_length=8)
    got: list[str] = []
    scanner.scanned.connect(got.append)
    watched = QObject()
    swallowed = []
    for i, char in enumerate("LGW1:0123456789\r"):
        key = Qt.Key.Key_Return if char == "\r" else ord(char.upper())
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, char)
        event.setTimestamp(10_000 + i * 5)
        if i == 7:
            qtbot.wait(100)  # the GUI thread was busy: these keys waited in the queue
        swallowed.append(scanner.eventFilter(watched, event))
    assert got == ["LGW1:0123456789"]
    assert swallowed == [False] + [True] * 15  # the first key of a burst goes through


def test_a_scanned_worker_card_checks_in_even_an_unknown_worker(
        window: TerminalWindow, services: Services, store: Store) -> None:
    worker = ok(services.register_worker(worker_draft()))
    scan(window, payloads.worker_card(worker.id))
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    assert window.current == "checkin"
    assert screen.greeting.text() == "张*国，您好！" and screen.number.text() == "1"
    stranger = "019a5b1c-0000-7000-8000-0000000000aa"  # registered at another hall
    scan(window, payloads.worker_card(stranger))
    assert screen.greeting.text() == "您好！" and screen.number.text() == "2"
    assert rows(store, "checkins") == 2


def test_a_scanned_job_code_opens_the_job(window: TerminalWindow, services: Services) -> None:
    employer = ok(services.register_employer(employer_draft()))
    job = ok(services.post_job(job_draft(employer.id, title="仓库装卸")))
    scan(window, payloads.job(job.id))
    jobs = window.page("jobs")
    assert isinstance(jobs, JobsScreen)
    assert window.current == "jobs" and jobs.detail_title.text() == "仓库装卸"


def test_a_signed_phone_preregistration_fills_the_registration(
        window: TerminalWindow, services: Services, city_key: Ed25519PrivateKey,
        store: Store) -> None:
    fields = {"name": "王秀英", "id_number": id_number(seq=248), "phone": "13905312468",
              "trades": ["S01"], "issued_at": services.now() - timedelta(hours=1)}
    scan(window, sign_prereg(fields, city_key))
    screen = window.register
    assert window.current == "register" and rows(store, "workers") == 0  # consent first
    screen.agree.click()
    assert screen.step == REVIEW
    assert screen.review_values[NAME].text() == "王秀英"
    screen.submit.click()
    worker = services.find_worker_by_id_number(id_number(seq=248))
    assert worker is not None and worker.trades == ("S01",)


def test_a_bad_scan_is_explained_on_home_and_changes_nothing(
        window: TerminalWindow, store: Store) -> None:
    before = {t: rows(store, t) for t in ("workers", "checkins", "outbox")}
    window.show_screen("checkin")
    scan(window, "LGW1:019a5b1c-0000-7000-8000-0000000000aa:00000000")  # wrong check
    home = window.page("home")
    assert window.current == "home"
    assert home.notice.isVisible() and home.notice.text()  # type: ignore[attr-defined]
    assert {t: rows(store, t) for t in before} == before


def test_the_home_qr_stand_opens_the_citys_phone_registration_with_the_hall_code(
        qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    """二维码摆台: the code on home decodes to the configured URL with this hall's code."""
    config = replace(default_config("T01"), scan=ScanSettings(
        phone_registration_url="https://jn.example.gov.cn/lg/m/register?hall={hall}&src=stand"))
    window = TerminalWindow(services, config)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    picture = grab(window, tmp_path / "home-qr.png")
    texts = [code.text for code in zxingcpp.read_barcodes(picture)]
    assert texts == ["https://jn.example.gov.cn/lg/m/register?hall=370104-DDBL&src=stand"]
    window.shutdown()


def test_scanner_timing_comes_from_the_configuration(qtbot: QtBot, services: Services) -> None:
    config = replace(default_config("T01"), scan=ScanSettings(max_gap_ms=60, min_length=12))
    window = TerminalWindow(services, config)
    qtbot.addWidget(window)
    scanner = window.scan_inputs.scanner
    assert scanner.max_gap == 0.06 and scanner.min_length == 12
    window.shutdown()


def test_a_provisioning_code_scanned_at_first_start_connects_the_terminal_once(
        qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    from kiosk.core.scan import Provisioning, encode_provisioning
    from kiosk.system.config import Paths, write_config
    from sync import provisioning

    paths = Paths.resolve(tmp_path / "hall")
    config = default_config("T01")
    write_config(paths.config_file, config)
    window = TerminalWindow(services, config, printing=False, paths=paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.built, timeout=20_000)
    other_hall = Provisioning(hub="https://hub.example", terminal="T7", hall="370102-X",
                              token="t" * 43)
    scan(window, encode_provisioning(other_hall))
    assert not (paths.data_dir / provisioning.FILE_NAME).exists()
    assert "370102-X" in window.page("home").notice.text()  # type: ignore[attr-defined]

    ours = Provisioning(hub="https://hub.example", terminal="T8", hall=config.hall.id,
                        token="s" * 43)
    scan(window, encode_provisioning(ours))
    assert provisioning.load(paths.data_dir / provisioning.FILE_NAME) == ours
    assert "T8" in window.page("home").notice.text()  # type: ignore[attr-defined]

    rogue = Provisioning(hub="https://rogue.example", terminal="T9", hall=config.hall.id,
                         token="r" * 43)
    scan(window, encode_provisioning(rogue))
    assert provisioning.load(paths.data_dir / provisioning.FILE_NAME) == ours  # unchanged
    assert "kiosk provision" in window.page("home").notice.text()  # type: ignore[attr-defined]
    window.shutdown()
