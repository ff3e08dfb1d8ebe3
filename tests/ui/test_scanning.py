"""Scanning at the touchscreen: a USB scanner types fast and ends with Enter."""

from __future__ import annotations

import base64
import os
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
from kiosk.core.asset_signing import sign_asset
from kiosk.core.cards import public_key_text as card_public_key
from kiosk.core.cards import sign_worker_card
from kiosk.core.errors import Ok, Result
from kiosk.core.scan import sign_prereg
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.store.sync_state import Pulled, SyncState
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


def publish_card_keys(store: Store, city_key: Ed25519PrivateKey, *terminal_keys: bytes) -> None:
    """The city's signed `card_keys` asset, as the pull feed brings it (kept only when the
    city key verifies it)."""
    data = {"version": 1, "keys": [
        {"terminal": f"T{i:02d}", "hall": "370102-OTHER", "key": card_public_key(k)}
        for i, k in enumerate(terminal_keys, start=20)]}
    payload = {"name": "card_keys", "version": 1, "data": data,
               "signature": sign_asset("card_keys", 1, data, city_key)}
    public = city_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                 serialization.PublicFormat.Raw)
    state = SyncState(store, city_keys=[base64.b64encode(public).decode()])
    assert state.apply_pulled([Pulled("asset", payload)], 1, "2026-11-23T01:00:00.000Z") == 1


def test_a_scanned_worker_card_checks_in_verified_or_sends_the_worker_to_the_desk(
        window: TerminalWindow, services: Services, store: Store,
        city_key: Ed25519PrivateKey, tmp_path: Path) -> None:
    shots = shot_dir(tmp_path)
    other_terminal = os.urandom(32)  # another hall's terminal: its key came in the asset
    publish_card_keys(store, city_key, other_terminal)
    worker = ok(services.register_worker(worker_draft()))
    scan(window, services.card_text(worker.id))  # this terminal's own signed card
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    assert window.current == "checkin"
    assert screen.greeting.text() == "张*国，您好！" and screen.number.text() == "1"
    grab(window, shots / "checkin-verified-zh.png")
    stranger = "019a5b1c-0000-7000-8000-0000000000aa"  # registered at another hall
    scan(window, sign_worker_card(stranger, other_terminal))
    assert screen.greeting.text() == "您好！" and screen.number.text() == "2"
    assert screen.number.isVisibleTo(screen)
    forged = "019a5b1c-0000-7000-8000-0000000000bb"  # a random uuid: nobody
    for card in (payloads.worker_card(forged),  # LGW1 with its public checksum
                 sign_worker_card(forged, os.urandom(32))):  # a key no asset carries
        scan(window, card)
        assert screen.greeting.text() == "请到服务台核验。"
        assert not screen.number.isVisibleTo(screen) and screen.number.text() == ""
        assert "服务台" in screen.detail.text()
    grab(window, shots / "checkin-unverified-zh.png")
    window.toggle_language()
    assert screen.greeting.text() == "Please go to the service desk to have your card checked."
    grab(window, shots / "checkin-unverified-en.png")
    window.set_large_text(True)
    grab(window, shots / "checkin-unverified-en-large.png")
    assert_fits(screen)
    window.toggle_language()
    grab(window, shots / "checkin-unverified-zh-large.png")
    assert_fits(screen)
    scan(window, services.card_text(worker.id))
    assert screen.number.text() == "1" and screen.number.isVisibleTo(screen)
    grab(window, shots / "checkin-verified-zh-large.png")
    window.toggle_language()
    grab(window, shots / "checkin-verified-en-large.png")
    assert [r[0] for r in store.conn.execute(
        "SELECT queue_no FROM checkins ORDER BY created_at")] == [1, 2, None]
    assert rows(store, "outbox") >= 3  # every check-in is synced, unverified ones too


def shot_dir(tmp_path: Path) -> Path:
    """Screenshots for review: SHOTS_DIR when set, else the test's temporary folder."""
    chosen = Path(os.environ.get("SHOTS_DIR", str(tmp_path)))
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


def assert_fits(screen: CheckInScreen) -> None:
    """Every text of the result and the Done button lie inside the screen."""
    inside = screen.rect()
    for widget in (screen.greeting, screen.number_caption, screen.detail, screen.done):
        top_left = widget.mapTo(screen, widget.rect().topLeft())
        bottom_right = widget.mapTo(screen, widget.rect().bottomRight())
        assert inside.contains(top_left) and inside.contains(bottom_right), widget.objectName()
        if widget is not screen.done:  # a wrapped text gets the height its lines need
            assert widget.height() >= widget.heightForWidth(widget.width()), widget.text()


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
