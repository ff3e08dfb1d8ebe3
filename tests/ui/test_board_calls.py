"""The board's now-serving band on a real SQLite file: a number called at the counter shows
at once (in this process, or from another connection), in type read from across the hall,
with the numbers called before; a new call is announced, an old one is not said again."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.services import calling
from kiosk.services.hall import Services
from kiosk.ui.board import calls as band
from kiosk.ui.board.window import BoardWindow
from tests.conftest import FixedClock, id_number, worker_draft
from tests.ui.conftest import grab
from tests.ui.test_board import LANDSCAPE, PORTRAIT, BoardFactory, make_board, post_jobs

__all__ = ["make_board"]  # the fixture
SHOTS = Path("/tmp/shots-calls")


def checked_in(services: Services, count: int) -> None:
    for seq in range(count):
        worker = services.register_worker(worker_draft(id_number=id_number(seq=500 + seq),
                                                       phone=f"1390531{seq:04d}"))
        assert isinstance(worker, Ok)
        assert isinstance(services.check_in(worker.value.id), Ok)


def call(services: Services, window: str = "1") -> int:
    result = calling.call_next(services, window)
    assert isinstance(result, Ok), result
    return result.value.queue_no


def test_no_band_before_the_first_call(services: Services, make_board: BoardFactory) -> None:
    checked_in(services, 2)
    window = make_board()
    assert window.now_serving.isHidden() and window.announced == []


def test_a_call_shows_at_once_with_the_earlier_ones(
        services: Services, make_board: BoardFactory, qtbot: QtBot) -> None:
    post_jobs(services, 6)
    checked_in(services, 5)
    window = make_board()
    call(services, "1")
    call(services, "2")
    qtbot.waitUntil(window.now_serving.isVisible, timeout=2000)
    qtbot.waitUntil(lambda: window.announced == [(1, "1"), (2, "2")], timeout=2000)
    texts = window.now_serving.texts
    assert texts is not None
    assert (texts.caption, texts.now) == ("正在叫号", "2 号 → 2 号窗口")
    assert texts.earlier == "1 号 → 1 号窗口"
    assert isinstance(calling.skip(services, "2"), Ok)  # 2 did not come: 3 is called
    qtbot.waitUntil(lambda: window.announced[-1] == (3, "2"), timeout=2000)
    texts = window.now_serving.texts
    assert texts is not None and texts.now == "3 号 → 2 号窗口"
    assert texts.earlier.startswith("2 号 → 2 号窗口")
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "board-now-serving-zh-1920x1080.png")
    # read from 5 m: the number at least 100 px high on a 1080p screen (~6 cm on 55")
    assert window.theme.px(band.NUMBER) >= 100 and window.theme.px(band.EARLIER) >= 48


def test_a_call_from_another_connection_and_the_portrait_board(
        services: Services, make_board: BoardFactory, qtbot: QtBot) -> None:
    checked_in(services, 3)
    window = make_board(PORTRAIT, live=False)  # only the file, as a board in its own process
    call(services, "3")
    qtbot.waitUntil(lambda: window.announced == [(1, "3")], timeout=3000)
    assert window.now_serving.isVisible()
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "board-now-serving-zh-1080x1920.png")


@pytest.mark.parametrize("language", ["en"])
def test_the_band_in_english(services: Services, make_board: BoardFactory, qtbot: QtBot,
                             language: str) -> None:
    checked_in(services, 3)
    for _ in range(3):
        call(services, "12")
    texts = band.call_texts(_window_calls(make_board(LANDSCAPE)), language)
    assert texts is not None
    assert texts.now == "No. 3 → window 12"
    assert texts.earlier == "No. 2 → window 12   No. 1 → window 12"


def test_an_old_call_is_shown_but_not_said_again(
        services: Services, make_board: BoardFactory, clock: FixedClock) -> None:
    checked_in(services, 1)
    call(services)
    clock.advance(minutes=10)
    window = make_board()
    assert window.now_serving.isVisible() and window.announced == []


def _window_calls(window: BoardWindow) -> tuple:  # type: ignore[type-arg]
    assert window.snapshot is not None
    return window.snapshot.calls
