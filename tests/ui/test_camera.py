"""Camera scanning: frames with real QR codes (qrcode → image → QImage → zxing-cpp) reach
the same routing as the keyboard-wedge scanner. The camera itself cannot exist here: the
frames are what QtMultimedia's video sink would hand over."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import qrcode
from PIL import Image
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.core import payloads
from kiosk.core.errors import Ok
from kiosk.services.hall import Services
from kiosk.system.config import default_config
from kiosk.ui.camera import CameraFrames, FrameDecoder
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
