"""The counter fits the hall's PC: every page (each tab, with a row chosen and with errors
shown) at 1366×768 and 1920×1080, in Chinese and English, has every button on screen (or
reachable by scrolling its panel) and no text cut short. Each page is saved as a PNG."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.demo.seed import seed_demo
from kiosk.services import reporting
from kiosk.services.hall import Services
from kiosk.ui.counter.cases_page import CasesPage
from kiosk.ui.counter.context import CounterPage
from kiosk.ui.counter.desk_page import DeskPage
from kiosk.ui.counter.dispatch_page import DispatchPage
from kiosk.ui.counter.hardship_page import HardshipPage
from kiosk.ui.counter.jobs_page import JobsPage
from kiosk.ui.counter.notices_page import NoticesPage
from kiosk.ui.counter.pages import PAGES
from kiosk.ui.counter.post_page import PostPage
from kiosk.ui.counter.stats_page import StatsPage
from kiosk.ui.counter.window import CounterWindow
from tests.conftest import id_number, worker_draft
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory
from tests.ui.counter.fit import clipped_texts, unreachable_buttons

SHOTS = Path("/tmp/counter-shots/fit")
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
WAIT_MS = 5000


@pytest.fixture
def hall(services: Services) -> Services:
    """A hall's day (the demo's), with two hardship workers of the same name."""
    seed_demo(services, workers=60, jobs=24, seed=2026)
    for seq, birth, phone in ((301, date(1968, 5, 1), "13905310001"),
                              (302, date(1971, 9, 9), "13905310002")):
        result = services.register_worker(worker_draft(
            name="夏保国", id_number=id_number(birth, seq=seq), phone=phone, low_income=True))
        assert isinstance(result, Ok), result
    return services


def _choose_first_rows(qtbot: QtBot, page: CounterPage) -> None:
    """A row chosen wherever the page offers one, so its details and actions show."""
    if isinstance(page, DispatchPage):
        page.jobs.selectRow(0)
        page.fit.selectRow(0)
        page.sent.selectRow(0)
    elif isinstance(page, DeskPage):
        page.search.setText("1")
        page.look_up()
        page.results.selectRow(0)
        page.fit.selectRow(0)
    elif isinstance(page, HardshipPage | CasesPage):
        page.table.selectRow(0)
    elif isinstance(page, JobsPage):
        page.jobs.selectRow(0)
    elif isinstance(page, StatsPage):  # the day's figures, read here (not on the pool)
        page._show(reporting.dashboard(page.ctx.services, page.chosen_day()))


def _show_errors(page: CounterPage) -> bool:
    """Submit the page's empty form, when it has one: its errors show. False: no form."""
    if isinstance(page, PostPage):
        page.save_button.click()
    elif isinstance(page, NoticesPage):
        page.submit.click()
    elif isinstance(page, CasesPage):  # a mediation with nobody named and no outcome
        page.action.setCurrentIndex(max(0, page.action.findData("mediation")))
        page.save.click()
    else:
        return False
    return True


def _check(window: CounterWindow, size: QSize, shot: str) -> list[str]:
    QApplication.processEvents()
    grab(window, SHOTS / f"{shot}.png")
    held = [] if window.size() == size else [f"the window is {window.size().toTuple()}"]
    return [f"{shot}: {p}" for p in held + _scrolls(window) + unreachable_buttons(window)
            + clipped_texts(window)]


def _scrolls(window: CounterWindow, *, across: bool = True) -> list[str]:
    """The page shown needs to be scrolled (down, or `across` too) to be seen whole."""
    area = window.tabs.currentWidget() if window.tabs is not None else None
    assert isinstance(area, QScrollArea)
    bars = (area.horizontalScrollBar(), area.verticalScrollBar()) if across else (
        area.verticalScrollBar(),)
    return ["the page scrolls"] if any(bar.maximum() > 0 for bar in bars) else []


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_fits(qtbot: QtBot, make_counter: Factory, hall: Services,
                         language: str, size: str) -> None:
    window = make_counter()
    if window.t.language != language:
        window.toggle_language()
    size_wanted = QSize(*SIZES[size])
    window.resize(size_wanted)
    assert window.tabs is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for name, _module, _class in PAGES:
        page = window.show_page(name)
        assert page is not None
        _choose_first_rows(qtbot, page)
        problems += _check(window, size_wanted, f"{language}-{size}-{name}")
        if _show_errors(page):
            problems += _check(window, size_wanted, f"{language}-{size}-{name}-errors")
    assert not problems, "\n".join(problems)


def test_the_room_kept_for_the_workspace_shows_every_page_whole(
        qtbot: QtBot, make_counter: Factory, hall: Services) -> None:
    """What `kiosk demo` keeps for the counter (MIN_SIZE_AT_WORK) fits a 1366×768 screen
    with a taskbar (40 px) and a title bar, and shows every page in either language without
    scrolling down, each button reachable and no text cut (a wide page may scroll across);
    a smaller window scrolls its pages rather than cutting them."""
    width, height = CounterWindow.MIN_SIZE_AT_WORK
    assert width <= 1366 and height <= 768 - 40 - 36
    window = make_counter()
    for language in ("zh_CN", "en"):
        if window.t.language != language:
            window.toggle_language()
        window.resize(width, height)
        for name, _module, _class in PAGES:
            page = window.show_page(name)
            assert page is not None
            _choose_first_rows(qtbot, page)
            QApplication.processEvents()
            assert window.size().toTuple() == (width, height)
            assert _scrolls(window, across=False) == [], f"{language} {name}"
            assert unreachable_buttons(window) + clipped_texts(window, panels=False) == []
        hint = window.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height


