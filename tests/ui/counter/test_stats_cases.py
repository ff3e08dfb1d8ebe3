"""The counter's statistics show the casework: complaints by type and status, and days open
(the open ones by age, the oldest, the median days to an end), from dated casework steps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.drafts import CaseStepDraft
from kiosk.services.hall import Services
from tests.conftest import FixedClock
from tests.printers import ok
from tests.services.test_hall import complaint_draft
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory
from tests.ui.counter.test_stats import open_stats, record_a_morning

SHOTS = Path("/tmp/shots-minor")
AUGUST = {"period_from": date(2026, 8, 1), "period_to": date(2026, 8, 31)}


def test_the_stats_page_shows_cases_by_type_and_days_open(
        qtbot: QtBot, make_counter: Factory, services: Services, clock: FixedClock) -> None:
    start = clock.moment
    clock.moment = datetime(2026, 10, 20, 2, 0, tzinfo=UTC)
    ok(services.file_complaint(complaint_draft(kind="injury", amount="", **AUGUST)))
    clock.moment = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)
    wages = ok(services.file_complaint(complaint_draft(**AUGUST)))
    ok(services.file_complaint(complaint_draft(**AUGUST)))
    clock.moment = start
    ok(services.as_staff("S001").add_case_step(wages.id, CaseStepDraft(
        "resolve", date(2026, 11, 23), outcome="已付清")))
    record_a_morning(services)
    window = make_counter()
    window.resize(1366, 768)
    page = open_stats(qtbot, window)
    assert page.cases_by_type.text().splitlines() == [
        "拖欠工资2件（已受理：1、已解决：1）", "工伤1件（已受理：1）"]
    assert page.cases_days_open.text().splitlines() == [
        "未结2件：7天以内 0、8–30天 1、31–90天 1、90天以上 0；最久34天",
        "办结1件，中位用时13天"]
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-stats-cases-zh.png")
    window.toggle_language()
    qtbot.waitUntil(lambda: "Open 2" in page.cases_days_open.text(), timeout=5000)
    assert page.cases_by_type.text().startswith("Unpaid wages 2 (received: 1, resolved: 1)")
    assert "Ended: 1, median 13 days" in page.cases_days_open.text()
    grab(window, SHOTS / "counter-stats-cases-en.png")
