"""Camera scanning: frames with real QR codes (qrcode → image → QImage → zxing-cpp) reach
the same routing as the keyboard-wedge scanner. The camera itself cannot exist here: the
frames are what QtMultimedia's video sink would hand over."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import qrcode
from PIL import Image
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.core import payloads
from kiosk.core.errors import Ok
from kiosk.core.i18n import translate
from kiosk.services.hall import Services
from kiosk.system.config import default_config, load_config, write_config
from kiosk.ui.camera import CAMERA_CANNOT_START, CAMERA_NOT_FOUND, CameraFrames, FrameDecoder
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import worker_draft


def frame(text: str | None, size: tuple[int, int] = (640, 480)) -> QImage:
    """A camera-sized grey frame, with the QR code of `text` in it (or nothing)."""
    picture = Image.new("RGB", size, (120, 120, 120))
    if text is not None:
        code = qrcode.make(text).get_image().convert("RGB").resize((300, 300))
        picture.paste(code, (170, 90))
    data = picture.tobytes()
    return QImage(data, size[0], size[1], size[0] * 3, QImage.Format.Format_RGB888).copy()


@pytest.fixture
def decoder(qtbot: QtBot) -> Iterator[FrameDecoder]:
    made = FrameDecoder(interval_ms=0, repeat_ms=3000)
    yield made
    made.wait()


def test_a_frame_with_a_code_is_one_scan_and_a_held_card_is_not_scanned_again(
        qtbot: QtBot, decoder: FrameDecoder) -> None:
    got: list[str] = []
    decoder.scanned.connect(got.append)
    with qtbot.waitSignal(decoder.scanned, timeout=5000):
        assert decoder.offer(frame("LGJ1:0190a3a0-0000-7000-8000-000000000001"))
    for _ in range(3):  # the same card still in front of the lens
        decoder.offer(frame("LGJ1:0190a3a0-0000-7000-8000-000000000001"))
        decoder.wait()
        qtbot.wait(20)
    assert got == ["LGJ1:0190a3a0-0000-7000-8000-000000000001"]


def test_frames_without_codes_and_damaged_frames_say_nothing(
        qtbot: QtBot, decoder: FrameDecoder) -> None:
    got: list[str] = []
    decoder.scanned.connect(got.append)
    for image in (frame(None), QImage(), QImage(8, 8, QImage.Format.Format_RGB32)):
        decoder.offer(image)
        decoder.wait()
        qtbot.wait(20)
    assert got == []


def test_one_decode_at_a_time_and_not_more_often_than_the_interval(qtbot: QtBot) -> None:
    slow = FrameDecoder(interval_ms=10_000)
    assert slow.offer(frame(None))
    assert not slow.offer(frame(None))  # too soon (and still busy)
    slow.wait()


def test_a_card_shown_to_the_camera_checks_the_worker_in(
        qtbot: QtBot, services: Services) -> None:
    worker = services.register_worker(worker_draft())
    assert isinstance(worker, Ok)
    window = TerminalWindow(services, default_config("T01"), printing=False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    decoder = window.scan_inputs.decoder
    decoder.interval = 0
    assert window.scan_inputs.camera is None  # no camera configured: no QtMultimedia camera made
    with qtbot.waitSignal(decoder.scanned, timeout=5000):
        decoder.offer(frame(payloads.worker_card(worker.value.id)))
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    assert window.current == "checkin" and screen.number.text() == "1"
    window.shutdown()


def test_a_configured_camera_that_is_not_there_leaves_the_scanner_working(
        qtbot: QtBot) -> None:
    decoder = FrameDecoder()
    camera = CameraFrames("no such camera 42", decoder)
    assert not camera.available
    camera.stop()


# -- QtMultimedia that cannot load: the window runs on, says so; the doctor fails ----------

UNLOADABLE = Path(__file__).with_name("camera_without_multimedia.py")


@pytest.fixture
def no_multimedia(tmp_path: Path) -> dict[str, str]:
    """An environment whose children cannot load QtMultimedia: a damaged libpulse.so.0
    comes first on the loader's path (as if the library were missing or broken)."""
    broken = tmp_path / "broken-libs"
    broken.mkdir()
    (broken / "libpulse.so.0").write_bytes(b"not a shared object")
    env = os.environ | {"LD_LIBRARY_PATH": str(broken), "QT_QPA_PLATFORM": "offscreen"}
    probe = subprocess.run([sys.executable, "-c", "import PySide6.QtMultimedia"], env=env,
                           capture_output=True, text=True, check=False)
    assert probe.returncode != 0 and "libpulse" in probe.stderr  # really unloadable
    return env


def test_a_camera_that_cannot_load_leaves_the_windows_running_and_tells_staff(
        tmp_path: Path, no_multimedia: dict[str, str]) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init"]) == 0
    done = subprocess.run([sys.executable, str(UNLOADABLE), str(data)], env=no_multimedia,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["camera"] is False
    assert shown["terminal"] == translate(CAMERA_CANNOT_START, "zh_CN")
    assert shown["counter"].startswith(translate(CAMERA_CANNOT_START, "zh_CN"))


def test_the_doctor_fails_a_camera_that_cannot_load(
        tmp_path: Path, no_multimedia: dict[str, str]) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init"]) == 0
    config = load_config(data / "config.toml")
    write_config(data / "config.toml", replace(config, scan=replace(config.scan, camera="default")))
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "--data-dir", str(data),
                           "doctor", "--json"], env=no_multimedia, capture_output=True,
                          text=True, timeout=180, check=False)
    checks = {c["check"]: c for c in json.loads(done.stdout)["checks"]}
    assert done.returncode == 1
    assert checks["camera"]["status"] == "fail"
    assert "QtMultimedia cannot load" in checks["camera"]["message_en"]
    assert "libpulse" in checks["camera"]["details"]["error"]
    assert checks["voice"]["status"] == "warn"


def test_a_configured_camera_that_is_not_connected_is_said_in_the_status_line(
        qtbot: QtBot, services: Services) -> None:
    config = default_config()
    config = replace(config, scan=replace(config.scan, camera="no such camera 42"))
    window = TerminalWindow(services, config)
    qtbot.addWidget(window)
    assert window.scan_inputs.problem == CAMERA_NOT_FOUND
    assert window.pending.text() == translate(CAMERA_NOT_FOUND, "zh_CN")
    window.shutdown()
