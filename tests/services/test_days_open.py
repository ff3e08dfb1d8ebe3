"""Days open in the casework reports, with known dates through the real store: complaints
filed on chosen days (the clock moved by hand) and ended by resolve and close steps dated as
staff enter them; the monthly and daily reports, their PDF, `kiosk report`'s text and the
core computation agree."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.cli.report import summary_text
from kiosk.core.drafts import CaseStepDraft
from kiosk.core.reports import CaseDates, Period, days_open
from kiosk.services import reporting
from kiosk.services.hall import Services
from kiosk.system.config import HallInfo, default_config
from tests.conftest import FixedClock
from tests.printers import ok
from tests.services.test_hall import complaint_draft
from tests.services.test_reporting import page_text

SHOTS = Path("/tmp/shots-minor")
AUGUST = {"period_from": date(2026, 8, 1), "period_to": date(2026, 8, 31)}  # the unpaid work


@pytest.fixture
def hall() -> HallInfo:
    return default_config("T01").hall


def at(clock: FixedClock, day: date) -> None:
    """The clock to 10:00 in Jinan on `day` (it only moves forward)."""
    moment = datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)
    assert moment >= clock.moment
    clock.moment = moment


def test_the_cores_figures_with_known_dates() -> None:
    cases = [CaseDates(date(2026, 9, 1), date(2026, 11, 5)),  # 65 days, ended in November
             CaseDates(date(2026, 10, 20), None),  # open 34 days on 11-23
             CaseDates(date(2026, 11, 10), date(2026, 11, 20)),  # 10 days
             CaseDates(date(2026, 11, 10), None),  # open 13 days
             CaseDates(date(2026, 11, 23), None),  # filed today: 0 days
             CaseDates(date(2026, 6, 1), None),  # open 175 days
             CaseDates(date(2026, 12, 1), None)]  # after the day looked at: not counted
    found = days_open(cases, Period.month(2026, 11), date(2026, 11, 23))
    assert found.as_of == date(2026, 11, 23)
    assert found.open_by_age == (1, 1, 1, 1) and found.open_cases == 4
    assert found.oldest_open_days == 175
    assert (found.ended, found.median_days_to_end) == (2, 37.5)
    october = days_open(cases, Period.month(2026, 10), date(2026, 11, 23))
    assert october.as_of == date(2026, 10, 31)  # open then: 9-01 (60), 10-20 (11), 6-01 (152)
    assert october.open_by_age == (0, 1, 1, 1) and october.ended == 0
    assert october.median_days_to_end is None


def test_reports_show_days_open_from_the_case_steps_dates(
        services: Services, hall: HallInfo, clock: FixedClock, tmp_path: Path) -> None:
    clock.moment = datetime(2026, 9, 1, 2, 0, tzinfo=UTC)
    staff = services.as_staff("S001")
    first = ok(services.file_complaint(complaint_draft(**AUGUST)))  # 2026-09-01
    at(clock, date(2026, 10, 20))
    ok(services.file_complaint(complaint_draft(kind="injury", amount="", **AUGUST)))
    at(clock, date(2026, 11, 10))
    third = ok(services.file_complaint(complaint_draft(kind="deposit", amount="", **AUGUST)))
    ok(services.file_complaint(complaint_draft(**AUGUST)))
    at(clock, date(2026, 11, 23))
    # entered today, dated as they happened
    ok(staff.add_case_step(first.id, CaseStepDraft("resolve", date(2026, 11, 5),
                                                   outcome="已付清")))
    ok(staff.add_case_step(third.id, CaseStepDraft("close", date(2026, 11, 20),
                                                   outcome="工人撤回")))
    report = reporting.monthly_report(services, hall, 2026, 11)
    found = report.days_open
    assert found is not None and found.as_of == date(2026, 11, 23)
    # open: injury since 10-20 (34 days), wages since 11-10 (13 days)
    assert found.open_by_age == (0, 1, 1, 0) and found.oldest_open_days == 34
    assert (found.ended, found.median_days_to_end) == (2, 37.5)  # 65 and 10 days
    assert [(c.kind, c.status, c.count) for c in report.complaints] == [
        ("deposit", "closed", 1), ("wages", "received", 1)]  # filed in November
    pdf = reporting.write_pdf(report, tmp_path / "month.pdf")
    text = page_text(pdf)
    for words in ("投诉办理天数", "截至2026-11-23未结", "8–30天", "31–90天", "最长（天）",
                  "本期已解决或结案：2件，中位用时37.5天"):
        assert words in text.replace("\n", ""), words
    SHOTS.mkdir(exist_ok=True)
    from tests.services.test_reporting import rasterise
    rasterise(pdf, SHOTS / "report-days-open-zh.png")
    english = page_text(reporting.write_pdf(report, tmp_path / "month-en.pdf", "en"))
    assert "Daysopen" in english and "medianof37.5days" in english  # (spaces not extracted)
    summary = summary_text(report, "zh_CN", {})
    assert "2026-11-23未结：2" in summary and "中位用时37.5天" in summary

    day = reporting.dashboard(services)
    assert day.days_open is not None and day.days_open.open_by_age == (0, 1, 1, 0)
    assert day.days_open.ended == 0  # none ended on 11-23 itself
    assert [(c.kind, c.status, c.count) for c in day.complaints] == [
        ("deposit", "closed", 1), ("injury", "received", 1), ("wages", "received", 1),
        ("wages", "resolved", 1)]
