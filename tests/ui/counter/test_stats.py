"""Statistics at the counter: the day's figures as recorded, the supply/demand chart, and
the daily and monthly reports written as PDF and CSV into the data dir's reports/."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.core.records import ReferralStatus, ServiceKind
from kiosk.demo.seed import seed_demo
from kiosk.services import reporting
from kiosk.services.hall import Services
from kiosk.ui.counter.chart import DEMAND, SUPPLY
from kiosk.ui.counter.pages import STATS
from kiosk.ui.counter.stats_page import StatsPage
from kiosk.ui.counter.window import CounterWindow
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory

SHOTS = Path("/tmp/counter-shots")
WAIT_MS = 5000


@pytest.fixture(autouse=True)
def pool_drained() -> Iterator[None]:
    """No read or export of one test still runs when its files are removed."""
    yield
    QThreadPool.globalInstance().waitForDone(WAIT_MS * 2)


def record_a_morning(services: Services) -> None:
    """3 registrations, 2 check-ins, 1 job of 3 places, 2 referrals, 1 hire, 3 "131"."""
    workers = []
    for i, phone in enumerate(("13805311234", "13805312345", "13805313456")):
        result = services.register_worker(worker_draft(
            name=("张建国", "李秀英", "王志强")[i], phone=phone, id_number=id_number(seq=101 + i)))
        assert isinstance(result, Ok), result
        workers.append(result.value)
    for worker in workers[:2]:
        assert isinstance(services.check_in(worker.id), Ok)
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok), job
    referrals = [services.refer(job.value.id, w.id) for w in workers[:2]]
    assert all(isinstance(r, Ok) for r in referrals)
    first = referrals[0]
    assert isinstance(first, Ok)
    assert isinstance(services.record_outcome(first.value.id, ReferralStatus.HIRED), Ok)
    for kind in (ServiceKind.GUIDANCE, ServiceKind.GUIDANCE, ServiceKind.TRAINING):
        assert isinstance(services.add_service_event(workers[2].id, kind), Ok)


def open_stats(qtbot: QtBot, window: CounterWindow) -> StatsPage:
    page = window.show_page(STATS)
    assert isinstance(page, StatsPage)
    page.stats = None
    page.refresh()
    qtbot.waitUntil(lambda: page.stats is not None and not page.loader.busy, timeout=WAIT_MS)
    return page


def test_the_figures_are_what_services_recorded(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    record_a_morning(services)
    page = open_stats(qtbot, make_counter())
    shown = [n.text() for n in page.figure_numbers]
    assert shown == ["2", "3", "1", "2", "1", "3"]
    expected = reporting.dashboard(services).figures
    assert shown == [str(v) for v in (
        expected.workers_checked_in, expected.registrations, expected.jobs_posted,
        expected.referrals, expected.hires, expected.services_131)]
    assert [c.text() for c in page.figure_captions][:2] == ["签到人数", "新登记求职人员"]
    rows = {page.trades.item(r, 0).text(): [page.trades.item(r, c).text() for c in range(1, 7)]
            for r in range(page.trades.rowCount())}
    assert rows["瓦工"] == ["2", "3", "1.50", "2", "1", "3"]
    first = page.chart.pairs[0]
    assert (first.label, first.supply, first.demand) == ("瓦工", 2, 3)


def test_the_dashboard_loads_off_the_gui_thread(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    window = make_counter()
    page = window.show_page(STATS)
    assert isinstance(page, StatsPage)
    page.stats = None
    page.refresh()
    assert page.stats is None and page.loader.busy  # refresh returned before the read
    assert page.status.text() == "正在读取…"
    qtbot.waitUntil(lambda: page.stats is not None and not page.loader.busy, timeout=WAIT_MS)
    assert page.status.text() == "截至 08:00"


def test_the_chart_paints_both_series_with_a_legend(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    record_a_morning(services)
    page = open_stats(qtbot, make_counter())
    before = page.chart.painted
    SHOTS.mkdir(exist_ok=True)
    chart = page.chart.grab().toImage()
    assert chart.save(str(SHOTS / "stats-chart.png"))
    assert page.chart.painted > before
    assert page.chart.supply_text == "供给：签到工人" and page.chart.demand_text == "需求：招聘人数"
    with Image.open(SHOTS / "stats-chart.png") as png:
        colours = {c for _n, c in png.convert("RGB").getcolors(1 << 20) or []}
    assert SUPPLY.getRgb()[:3] in colours and DEMAND.getRgb()[:3] in colours


def test_export_writes_pdf_and_csv_that_read_back(
        qtbot: QtBot, make_counter: Factory, services: Services, clock: FixedClock) -> None:
    record_a_morning(services)
    page = open_stats(qtbot, make_counter())
    page.daily_button.click()
    assert not page.daily_button.isEnabled()  # busy while the pool writes
    qtbot.waitUntil(page.daily_button.isEnabled, timeout=WAIT_MS * 2)
    folder = services.store.path.parent / "reports"
    assert [p.name for p in page.written] == [
        "daily-2026-11-23.pdf", "daily-2026-11-23.csv", "daily-2026-11-23-trades.csv",
        "daily-2026-11-23-directory.csv"]
    assert all(p.parent == folder and p.stat().st_size > 0 for p in page.written)
    assert str(folder) in page.message.text() and "daily-2026-11-23.pdf" in page.message.text()
    with (folder / "daily-2026-11-23.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["日期", "签到人次"] and rows[1][0] == "2026-11-23"
    assert pdf_text(folder / "daily-2026-11-23.pdf").count("段店北路街道零工市场") >= 1
    page.monthly_button.click()
    qtbot.waitUntil(lambda: page.written[0].name == "monthly-2026-11.pdf", timeout=WAIT_MS * 2)
    with (folder / "monthly-2026-11-trades.csv").open(encoding="utf-8-sig") as handle:
        trades = {row[0]: row for row in csv.reader(handle)}
    assert trades["C01"][1:3] == ["瓦工", "2"]


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_screenshot_of_a_busy_day(qtbot: QtBot, make_counter: Factory, services: Services,
                                  language: str) -> None:
    seed_demo(services, workers=80, jobs=24)
    record_a_morning(services)
    window = make_counter()
    if language == "en":
        window.toggle_language()
    page = open_stats(qtbot, window)
    page.daily_button.click()
    qtbot.waitUntil(lambda: bool(page.written), timeout=WAIT_MS * 2)
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / f"stats-{language}.png")
    assert page.chart.pairs and page.trades.rowCount() >= 3
