"""Reports end to end: records entered through the use cases, the dashboard, daily and
monthly reports, CSV read back, PDF text extracted, and a PDF page rasterised and looked at.

Set KIOSK_REPORT_SHOTS=DIR to also keep the rendered pages there for review.
"""

from __future__ import annotations

import csv
import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.lib.colors import Color

from kiosk.core.drafts import CaseStepDraft
from kiosk.core.records import ReferralStatus, ServiceKind
from kiosk.core.reports import PeriodReport, ReportKind
from kiosk.services import reporting
from kiosk.services.hall import Services
from kiosk.system.config import HallInfo, default_config
from printers.report_pdf import DEMAND_COLOUR, HIRES_COLOUR, SUPPLY_COLOUR
from tests.conftest import TODAY, FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.courses import ELECTRICIANS, FIRST_SESSION, OPEN_DAY, keep_demo_courses
from tests.printers import ok
from tests.services.test_hall import complaint_draft

HALL_NAME = "济南市槐荫区段店北路街道零工市场"
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def hall() -> HallInfo:
    return default_config("T01").hall


@pytest.fixture
def activity(services: Services, clock: FixedClock) -> dict[str, str]:
    """Two days at the hall: the 22nd (one hire) and the 23rd (two hires, one declined)."""
    clock.advance(days=-1)  # 08:00 on the 22nd
    mason = ok(services.register_worker(worker_draft(trades=["C01", "C09"])))
    employer = ok(services.register_employer(employer_draft()))
    wall = ok(services.post_job(job_draft(employer.id, start_date=YESTERDAY, headcount="3")))
    ok(services.check_in(mason.id))
    ok(services.record_outcome(ok(services.refer(wall.id, mason.id)).id, ReferralStatus.HIRED))
    clock.advance(days=1)  # 08:00 on the 23rd
    cleaner = ok(services.register_worker(worker_draft(
        name="王秀英", id_number=id_number(seq=224), phone="13605312468", trades=["S01"])))
    helper = ok(services.register_worker(worker_draft(
        name="李国强", id_number=id_number(seq=335), phone="13705313579", trades=["C09"])))
    for worker in (mason, cleaner, helper):
        ok(services.check_in(worker.id))
    office = ok(services.post_job(job_draft(employer.id, trade="S01", title="写字楼日常保洁",
                                            pay_amount="30", pay_unit="hour",
                                            headcount="2")))
    ok(services.record_outcome(ok(services.refer(office.id, cleaner.id)).id,
                               ReferralStatus.HIRED))
    ok(services.record_outcome(ok(services.refer(wall.id, helper.id)).id,
                               ReferralStatus.DECLINED))
    clock.advance(hours=15, minutes=59)  # 23:59 on the 23rd: still the 23rd
    ok(services.record_outcome(ok(services.refer(wall.id, helper.id)).id,
                               ReferralStatus.HIRED))
    ok(services.add_service_event(cleaner.id, ServiceKind.GUIDANCE))
    clock.advance(minutes=2)  # 00:01 on the 24th
    ok(services.add_service_event(cleaner.id, ServiceKind.TRAINING))
    clock.advance(hours=-8)  # back to the 23rd, 16:01
    return {"wall": wall.id, "office": office.id}


def test_dashboard_of_today(services: Services, activity: dict[str, str]) -> None:
    stats = reporting.dashboard(services)
    f = stats.figures
    assert stats.day == TODAY
    assert (f.check_ins, f.workers_checked_in, f.registrations) == (3, 3, 2)
    assert (f.jobs_posted, f.headcount_posted) == (1, 2)
    assert (f.referrals, f.hires) == (3, 2)  # declined not counted as a hire
    assert (f.guidance, f.training) == (1, 0)  # the training was on the 24th
    trades = {r.trade: r for r in stats.trades}
    assert trades["C01"].checked_in == 1 and trades["C09"].checked_in == 2
    assert trades["S01"].posted == 2 and trades["S01"].hires == 1
    assert trades["C01"].hires == 1  # the wall's second hire; the first was yesterday
    assert trades["S01"].zh == "保洁" and trades["S01"].label("en") == "Cleaner"
    assert (stats.open_jobs, stats.open_places) == (1, 1)  # the office; the wall is filled
    yesterday = reporting.dashboard(services, YESTERDAY)
    assert (yesterday.figures.hires, yesterday.figures.check_ins) == (1, 1)


def test_monthly_report_and_the_market_directory(services: Services, hall: HallInfo,
                                                 activity: dict[str, str]) -> None:
    report = reporting.monthly_report(services, hall, 2026, 11)
    assert report.kind is ReportKind.MONTHLY and len(report.days) == 30
    assert (report.totals.hires, report.totals.check_ins) == (3, 4)
    assert report.totals.workers_checked_in == 3  # the mason came on both days
    assert report.totals.training == 1
    by_day = {p.day: p.figures for p in report.days}
    assert by_day[YESTERDAY].hires == 1 and by_day[TODAY].hires == 2
    d = report.directory
    assert (d.name, d.address) == (HALL_NAME, "济南市槐荫区段店北路188号")
    assert d.seekers == 3
    assert d.main_trades == ("C01", "S01")  # 3 and 2 places posted; none for C09
    assert d.average_daily_hires == round(3 / 23, 1)  # 23 days of November so far
    assert report.generated_at.utcoffset() == timedelta(hours=8)
    assert report.hall.name == HALL_NAME


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_files_read_back(services: Services, hall: HallInfo, activity: dict[str, str],
                             tmp_path: Path) -> None:
    month = reporting.monthly_report(services, hall, 2026, 11)
    rows = read_csv(reporting.write_csv(month, tmp_path / "month.csv"))
    assert rows[0][:3] == ["日期", "签到人次", "签到人数"] and len(rows[0]) == 16
    assert len(rows) == 1 + 30 + 1 and rows[-1][0] == "合计"
    days = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert days["2026-11-23"]["招聘成功人数"] == "2" and days["2026-11-22"]["签到人次"] == "1"
    assert days["合计"]["签到人数"] == "3" and days["合计"]["招聘成功人数"] == "3"
    # 用工主体: one employer, registered on the 22nd, posting on both days: once in the month
    assert days["2026-11-22"]["新登记用工主体"] == "1"
    posting = "发布岗位的用工主体"
    assert days["2026-11-22"][posting] == days["2026-11-23"][posting] == "1"
    assert days["合计"]["新登记用工主体"] == days["合计"]["发布岗位的用工主体"] == "1"

    trades = read_csv(reporting.write_csv(month, tmp_path / "t.csv", "en",
                                          reporting.CsvTable.TRADES))
    assert trades[0][:2] == ["Trade code", "Trade"]
    by_code = {r[0]: r for r in trades[1:]}
    assert by_code["S01"][1] == "Cleaner" and by_code["S01"][4] == "2"
    assert by_code["C01"][7] == "3.00"  # 3 places posted for 1 mason who checked in

    directory = read_csv(reporting.write_csv(month, tmp_path / "d.csv",
                                             table=reporting.CsvTable.DIRECTORY))
    assert directory[0] == ["零工市场名称", "运营性质", "地址", "求职人员规模", "主要招聘工种",
                            "日均招聘成功人数"]
    assert directory[1] == [HALL_NAME, "公益性", "济南市槐荫区段店北路188号", "3",
                            "瓦工、保洁", "0.1"]

    day = reporting.daily_report(services, hall, TODAY)
    day_rows = read_csv(reporting.write_csv(day, tmp_path / "day.csv"))
    assert len(day_rows) == 2 and day_rows[1][0] == "2026-11-23"  # no total for one day


def page_text(path: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


def fonts(path: Path) -> set[str]:
    found = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def rasterise(pdf: Path, png: Path, page: int = 0, scale: float = 1.5) -> Image.Image:
    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[page].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
    image.save(png)
    shots = os.environ.get("KIOSK_REPORT_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(shots) / png.name)
    return image


def ink(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    """The share of non-white pixels in a box given as fractions of the page."""
    w, h = image.size
    region = image.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    histogram = region.convert("L").histogram()
    return sum(histogram[:200]) / (region.width * region.height)


def colour_pixels(image: Image.Image, colour: Color, tolerance: int = 24) -> int:
    """How many pixels are within `tolerance` of `colour` in every channel."""
    target = tuple(round(c * 255) for c in colour.rgb())
    difference = ImageChops.difference(image, Image.new("RGB", image.size, target))
    near = [band.point(lambda v: 255 if v <= tolerance else 0) for band in difference.split()]
    both = ImageChops.multiply(ImageChops.multiply(near[0], near[1]), near[2])
    return both.histogram()[255]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_monthly_pdf_reads_back_and_looks_right(services: Services, hall: HallInfo,
                                                activity: dict[str, str], tmp_path: Path,
                                                language: str) -> None:
    report = reporting.monthly_report(services, hall, 2026, 11)
    pdf = reporting.write_pdf(report, tmp_path / f"monthly-{language}.pdf", language)
    text = page_text(pdf)
    assert HALL_NAME in text
    if language == "zh_CN":
        for expected in ("月报", "2026年11月", "概况", "零工市场名录", "公益性", "分工种供求情况",
                         "瓦工", "保洁", "逐日情况", "求人倍率", "第1页/共", "主要招聘工种",
                         "瓦工、保洁"):
            assert expected in text, expected
    else:
        for expected in ("Monthlyreport", "November2026", "Marketdirectory", "Publicwelfare",
                         "Bricklayer", "Cleaner", "Daybyday", "Page1of"):
            assert expected in text, expected
    assert len(fonts(pdf)) == 1 and "WenQuanYiMicroHei" in next(iter(fonts(pdf)))

    first = rasterise(pdf, tmp_path / f"monthly-{language}-1.png")
    assert first.size[0] > 800
    assert ink(first, (0, 0, 1, 1)) > 0.01  # not blank
    assert ink(first, (0.1, 0.03, 0.9, 0.09)) > 0.02  # the title
    assert ink(first, (0, 0.95, 1, 1)) > 0.001  # the footer with the page number
    assert colour_pixels(first, SUPPLY_COLOUR) > 200  # the bar chart's supply bars
    assert colour_pixels(first, DEMAND_COLOUR) > 200  # and its demand bars
    pages = [rasterise(pdf, tmp_path / f"monthly-{language}-{i + 1}.png", i)
             for i in range(1, len(PdfReader(pdf).pages))]
    assert any(colour_pixels(page, HIRES_COLOUR) > 50 for page in [first, *pages])  # line chart


def test_daily_pdf_of_a_quiet_day(services: Services, hall: HallInfo, tmp_path: Path) -> None:
    report: PeriodReport = reporting.daily_report(services, hall, date(2026, 11, 1))
    pdf = reporting.write_pdf(report, tmp_path / "quiet.pdf")
    text = page_text(pdf)
    assert "日报" in text and "2026-11-01" in text and "本期没有业务记录" in text
    image = rasterise(pdf, tmp_path / "quiet.png")
    assert ink(image, (0.1, 0.03, 0.9, 0.09)) > 0.02


def test_reports_count_complaints_by_type_and_status_and_their_settlements(
        services: Services, hall: HallInfo, clock: FixedClock, tmp_path: Path) -> None:
    staff = services.as_staff("S001")
    wages = ok(services.file_complaint(complaint_draft()))
    ok(services.file_complaint(complaint_draft(kind="injury", amount="")))
    ok(services.file_complaint(complaint_draft(kind="deposit", amount="")))
    clock.advance(hours=1)
    ok(staff.add_case_step(wages.id, CaseStepDraft("resolve", TODAY, outcome="已付清")))
    report = reporting.daily_report(services, hall)
    f = report.totals
    assert (f.complaints, f.complaints_resolved, f.complaints_closed) == (3, 1, 0)
    assert [(c.kind, c.status, c.count) for c in report.complaints] == [
        ("deposit", "received", 1), ("injury", "received", 1), ("wages", "resolved", 1)]
    pdf = reporting.write_pdf(report, tmp_path / "day.pdf")
    text = page_text(pdf)
    rasterise(pdf, Path("/tmp/shots-cases") / "report-day.png")
    for words in ("投诉按类型和状态统计", "工伤", "押金或证件被扣", "投诉已解决", "新登记用工主体"):
        assert words in text, words


def test_a_course_attended_counts_as_a_training_on_its_first_session_day(
        services: Services, clock: FixedClock) -> None:
    """Two sessions recorded for one sign-up: one training, on the day of the first."""
    keep_demo_courses(services.store)
    worker = ok(services.register_worker(worker_draft(trades=["C03"])))
    clock.moment = OPEN_DAY
    signup = ok(services.sign_up(worker.id, ELECTRICIANS))
    staff = services.as_staff("S001")
    clock.moment = FIRST_SESSION
    ok(staff.record_attendance(signup.id, 1))
    clock.advance(days=1)
    ok(staff.record_attendance(signup.id, 2))
    first = reporting.dashboard(services, FIRST_SESSION.date())
    second = reporting.dashboard(services, FIRST_SESSION.date() + timedelta(days=1))
    assert (first.figures.training, second.figures.training) == (1, 0)
