"""Queue letters on screen: a touchscreen whose letter is A shows A001 very large and how
many wait before it; the board's band shows A001 called to a window, in zh and en and in
large text; screenshots in /tmp/shots-hall."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import cast

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.services import calling
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import id_number, worker_draft
from tests.ui.conftest import grab
from tests.ui.test_board import LANDSCAPE, BoardFactory, make_board, post_jobs

__all__ = ["make_board"]  # the fixture
SHOTS = Path("/tmp/shots-hall")


@pytest.fixture
def settings(settings: HallSettings) -> HallSettings:
    """This touchscreen's letter is A ([terminal] queue_prefix)."""
    return replace(settings, queue_prefix="A")


def _worker(services: Services, seq: int) -> str:
    worker = services.register_worker(worker_draft(id_number=id_number(seq=seq),
                                                   phone=f"1390531{seq:04d}"))
    assert isinstance(worker, Ok)
    return worker.value.id


def test_the_touchscreen_shows_its_letter_with_the_number(
        qtbot: QtBot, services: Services,
        make_terminal: Callable[..., TerminalWindow]) -> None:
    first, second = _worker(services, 601), _worker(services, 602)
    assert isinstance(services.check_in(first), Ok)
    window = make_terminal()
    screen = cast("CheckInScreen", window.page("checkin"))
    window.show_screen("checkin")
    screen.check_in_worker(second)
    assert screen.number.text() == "A002"
    assert "1" in screen.ahead.text()  # A001 waits before it
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "touch-checkin-A002-zh.png")
    window.toggle_language()
    grab(window, SHOTS / "touch-checkin-A002-en.png")
    window.toggle_language()
    window.set_large_text(True)
    grab(window, SHOTS / "touch-checkin-A002-zh-large.png")


def test_the_board_calls_the_number_with_its_letter(
        qtbot: QtBot, services: Services, make_board: BoardFactory) -> None:
    post_jobs(services, 4)
    for seq in (611, 612):
        assert isinstance(services.check_in(_worker(services, seq)), Ok)
    window = make_board(LANDSCAPE)
    for counter_window in ("1", "2"):
        assert isinstance(calling.call_next(services, counter_window), Ok)
    qtbot.waitUntil(lambda: window.now_serving.texts is not None
                    and window.now_serving.texts.now.startswith("A002"), timeout=2000)
    texts = window.now_serving.texts
    assert texts is not None and texts.now == "A002 号 → 2 号窗口"
    assert texts.earlier == "A001 号 → 1 号窗口"
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "board-calls-A002-zh.png")
