"""The new safety and insurance screens as people see them, in Chinese and English, normal
and large text: a hazardous job's detail, its safety briefing (two hazards), the
accident-insurance page and its help request, the board with a stop-work notice, and the
counter's worker record and post form — every touchscreen button whole and a touch
target; each saved as a PNG for review."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot

from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import N_, Ok
from kiosk.core.records import Hazard
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.system.config import default_config
from kiosk.ui.board.window import BoardWindow
from kiosk.ui.counter.desk_page import DeskPage
from kiosk.ui.terminal.base import INSURANCE, JOBS
from kiosk.ui.terminal.insurance import InsuranceScreen
from kiosk.ui.terminal.jobs import JobsScreen
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.services.test_safety import keep_stop_work
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory as CounterFactory
from tests.ui.counter.conftest import make_counter, staff  # noqa: F401 - fixtures
from tests.ui.test_checkin_screens import whole
from tests.ui.test_terminal import LANDSCAPE, PORTRAIT, Factory, make_terminal

__all__ = ["make_terminal"]  # the fixture
SHOTS = Path("/tmp/shots-safety")
MODES = [("zh_CN", False), ("zh_CN", True), ("en", False), ("en", True)]


def ok(result: Any) -> Any:
    assert isinstance(result, Ok), result
    return result.value


def seed(services: Services, store: Store, clock: FixedClock) -> tuple[Any, Any]:
    employer = ok(services.register_employer(employer_draft(display_name="鲁建劳务")))
    job = ok(services.post_job(job_draft(
        employer.id, title="钢结构厂房焊接", trade="C01", hazards=["height", "hot_work"],
        protective_gear=["helmet", "harness", "welding_mask"],
        insurance_kind="employer_liability")))
    ok(services.post_job(job_draft(employer.id, title="写字楼保洁", trade="S03",
                                   insurance_kind="none")))
    worker = ok(services.register_worker(worker_draft()))
    now = clock.now()
    keep_stop_work(store, [{
        "id": "gale", "title_zh": "大风黄色预警", "title_en": "Yellow gale warning",
        "text_zh": "六级以上大风，停止高处作业", "text_en": "Gale: no work at height",
        "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(hours=5)).isoformat(), "hazards": ["height"]}])
    return job, worker


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize(("language", "large"), MODES,
                         ids=[f"{lang}-{'large' if big else 'normal'}" for lang, big in MODES])
def test_the_touchscreen_safety_screens(qtbot: QtBot, services: Services, store: Store,
                                        clock: FixedClock, make_terminal: Factory, *,
                                        language: str, large: bool,
                                        size: tuple[int, int]) -> None:
    job, _worker = seed(services, store, clock)
    window = make_terminal(size)
    if window.session.t.language != language:
        window.toggle_language()
    window.set_large_text(large)
    tag = f"{language}-{'large' if large else 'normal'}-{size[0]}x{size[1]}"
    SHOTS.mkdir(exist_ok=True)
    window.show_screen(JOBS)
    screen = window.page(JOBS)
    assert isinstance(screen, JobsScreen)
    qtbot.wait(50)
    grab(window, SHOTS / f"jobs-list-{tag}.png")
    assert screen.open_job_id(job.id)
    qtbot.wait(50)
    grab(window, SHOTS / f"job-detail-{tag}.png")  # saved first: a failure can be looked at
    assert whole(window) == []
    screen.ask_id()
    screen.want_job(id_number())
    qtbot.wait(50)
    assert screen.briefing.isVisible() and whole(window) == []
    assert len(screen.briefing.briefings) == 2
    grab(window, SHOTS / f"briefing-{tag}.png")

    window.show_screen(INSURANCE)
    insurance = window.page(INSURANCE)
    assert isinstance(insurance, InsuranceScreen)
    qtbot.wait(50)
    assert whole(window) == []
    grab(window, SHOTS / f"insurance-{tag}.png")
    insurance.want_help()
    qtbot.wait(50)
    assert whole(window) == []
    grab(window, SHOTS / f"insurance-id-{tag}.png")
    insurance.ask_help(id_number())
    qtbot.wait(50)
    assert whole(window) == []
    grab(window, SHOTS / f"insurance-done-{tag}.png")


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_board_with_a_stop_work_notice(qtbot: QtBot, services: Services, store: Store, *,
                                           catalogue: Catalogue, clock: FixedClock,
                                           language: str, size: tuple[int, int]) -> None:
    seed(services, store, clock)
    config = default_config("T01")
    from dataclasses import replace

    config = replace(config, language=language)
    board = BoardWindow(config, catalogue, store.path, clock, store=store, poll_ms=100,
                        animate=False)
    qtbot.addWidget(board)
    board.resize(*size)
    board.show()
    qtbot.waitExposed(board)
    qtbot.waitUntil(board.stop_banner.isVisible, timeout=5000)
    grab(board, SHOTS / f"board-stop-work-{language}-{size[0]}x{size[1]}.png")
    # the red band reads from as far as the jobs' key facts, and says all of the notice
    banner = board.stop_banner
    assert banner.font_.pixelSize() == board.type.key
    assert banner.shown == banner.text
    # the welding job at height is marked 停工 on its card, beside its hazards' pictograms
    stopped = [j for j in board.snapshot.jobs if j.stopped] if board.snapshot else []
    assert [j.hazards for j in stopped] == [(Hazard.HEIGHT, Hazard.HOT_WORK)]
    image = QImage(board.paged.width(), board.paged.height(), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        board.card_painter.paint(painter, QRect(0, 0, 900, 420), board.formatter.card(stopped[0]))
    finally:
        painter.end()
    assert board.card_painter.drawn["stopped"].text == board.formatter.t(N_("Work stopped"))
    assert board.card_painter.drawn["trade"].text == board.formatter.card(stopped[0]).trade
    board.shutdown()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_counter_safety_box_and_post_form(services: Services, store: Store, *,
                                              clock: FixedClock,
                                              make_counter: CounterFactory,  # noqa: F811
                                              language: str) -> None:
    job, worker = seed(services, store, clock)
    ok(services.acknowledge(worker.id, job.id, __import__(
        "kiosk.core.records", fromlist=["AckVia"]).AckVia.TOUCHSCREEN))
    ok(services.ask_help(worker.id))
    counter = make_counter()
    if counter.ctx.t.language != language:
        counter.toggle_language()
    counter.show_page("desk")
    desk = counter.current_page()
    assert isinstance(desk, DeskPage)
    desk.show_worker(worker.id)
    grab(counter, SHOTS / f"counter-desk-{language}.png")
    counter.show_page("post")
    grab(counter, SHOTS / f"counter-post-{language}.png")
