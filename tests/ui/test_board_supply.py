"""今日待岗 on the board, real widgets on a real SQLite file: today's checked-in workers by
trade, updated as they check in, the counter to go to, and never a name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.supply import SUPPLY_KIND
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.store.sync_state import Pulled, SyncState
from kiosk.ui.board.window import BoardWindow
from tests.conftest import TODAY, FixedClock, id_number, worker_draft
from tests.ui import test_board
from tests.ui.conftest import grab
from tests.ui.test_board import LANDSCAPE, PORTRAIT, BoardFactory, ok, post_jobs

make_board = test_board.make_board  # the board fixture
NAMES = "张王李赵刘陈杨黄"


def check_in(services: Services, seq: int, trade: str) -> str:
    name = "孙" + NAMES[seq % len(NAMES)]
    worker = ok(services.register_worker(worker_draft(
        id_number=id_number(seq=seq), name=name, phone=f"1390531{seq:04d}", trades=[trade])))
    ok(services.check_in(worker.id))
    return name


def painted(window: BoardWindow) -> list[str]:
    window.supply.grab()
    return [text for _rect, _font, text in window.supply.drawn.values()]


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_workers_waiting_by_trade_update_as_they_check_in(
        services: Services, make_board: BoardFactory, qtbot: QtBot, size: tuple[int, int],
        tmp_path: Path) -> None:
    post_jobs(services, 5)
    names = [check_in(services, seq, trade)
             for seq, trade in enumerate(("C01", "C01", "C01", "S01", "L01"), start=1)]
    window = make_board(size)
    shown = painted(window)
    assert "今日待岗" in shown and "共 5 人签到" in shown and "招工请到服务台" in shown
    text = " ".join(shown)
    assert "瓦工" in text and "保洁" in text and "绿化" not in text
    assert window.supply.text is not None
    assert window.supply.text.rows[0] == ("瓦工", 3)  # most first
    names.append(check_in(services, 9, "C01"))  # a check-in while the board shows
    qtbot.waitUntil(lambda: window.supply.text is not None
                    and window.supply.text.rows[0] == ("瓦工", 4), timeout=3000)
    grab(window, tmp_path / f"supply-{size[0]}x{size[1]}.png")
    assert all(name not in " ".join(painted(window)) for name in names)


def test_before_anyone_checks_in_the_panel_says_so_and_where_to_hire(
        make_board: BoardFactory) -> None:
    window = make_board()
    shown = painted(window)
    assert "今天还没有人签到" in shown and "招工请到服务台" in shown
    assert window.stack.currentWidget() is window.empty  # no jobs: the panel stays


def test_in_english(services: Services, make_board: BoardFactory) -> None:
    check_in(services, 1, "C01")
    window = make_board(language="en")
    shown = painted(window)
    assert "Workers here today" in shown and "1 checked in" in shown and "Bricklayer" in shown
    assert window.supply.text is not None and window.supply.text.line() == "Bricklayer 1 waiting"


def test_trades_that_do_not_fit_are_summed_not_dropped(
        services: Services, make_board: BoardFactory) -> None:
    trades = ("C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "S01", "S02",
              "S03", "L01", "M01")
    for seq, trade in enumerate(trades, start=1):
        check_in(services, seq, trade)
    for size in (LANDSCAPE, PORTRAIT):
        window = make_board(size)
        shown = " ".join(painted(window))
        assert "其余" in shown
        text = window.supply.text
        assert text is not None and sum(n for _label, n in text.rows) == len(trades)


def test_the_figure_the_hub_sends_for_the_halls_other_terminals_shows_at_once(
        services: Services, store: Store, make_board: BoardFactory, qtbot: QtBot,
        clock: FixedClock) -> None:
    check_in(services, 1, "C01")  # this terminal's, not sent yet
    window = make_board()
    assert window.supply.text is not None and window.supply.text.rows == (("瓦工", 1),)
    SyncState(store).apply_pulled([Pulled(SUPPLY_KIND, {
        "hall_id": "370104-DDBL", "day": TODAY.isoformat(), "trades": {"C01": 2, "S01": 3}})],
        5, clock.now().isoformat())
    qtbot.waitUntil(lambda: window.supply.text is not None
                    and window.supply.text.rows == (("瓦工", 3), ("保洁", 3)), timeout=3000)
