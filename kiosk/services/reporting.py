"""Statistics and reports (S5), as use cases the counter's screens and the CLI both call.

- `dashboard(services, day)`: one day's figures, by trade, and what is open now (the
  counter's dashboard; refresh it off the GUI thread: it reads its own connection).
- `daily_report` / `monthly_report`: a `PeriodReport` with the market-directory entry.
- `write_csv` (UTF-8 with BOM, one header row, translated column names) and `write_pdf`
  (A4, charts, the CJK font embedded).

Qt-free. Definitions of every figure: `kiosk.core.reports`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.core.reports import (
    DEFAULT_NATURE,
    DayStats,
    DirectoryEntry,
    Figures,
    HallHeading,
    Period,
    PeriodReport,
    ReportKind,
    TradeRow,
    add_figures,
    average_per_day,
    days_open,
    main_trades,
    trade_rows,
)
from kiosk.services.hall import Services
from kiosk.store.stats import PeriodCounts, read_period
from kiosk.system.config import HallInfo


class CsvTable(StrEnum):
    DAYS = "days"  # one row per day (a total row after a month's days)
    TRADES = "trades"  # one row per trade
    DIRECTORY = "directory"  # the hall's market-directory line


def dashboard(services: Services, day: date | None = None) -> DayStats:
    """The figures of `day` (default: the hall's today), by trade, and open jobs now."""
    day = day or services.today()
    counts = _read(services, Period.day(day))
    figures = add_figures((p.figures for p in counts.days), counts.workers_checked_in,
                          counts.employers_posting)
    return DayStats(day=day, figures=figures, trades=_trade_rows(services, counts),
                    open_jobs=counts.open_jobs, open_places=counts.open_places,
                    complaints=counts.all_complaints,
                    days_open=days_open(counts.cases, Period.day(day), services.today()))


def daily_report(services: Services, hall: HallInfo, day: date | None = None) -> PeriodReport:
    return period_report(services, hall, ReportKind.DAILY, Period.day(day or services.today()))


def monthly_report(services: Services, hall: HallInfo, year: int, month: int) -> PeriodReport:
    return period_report(services, hall, ReportKind.MONTHLY, Period.month(year, month))


def period_report(services: Services, hall: HallInfo, kind: ReportKind,
                  period: Period) -> PeriodReport:
    counts = _read(services, period)
    totals = add_figures((p.figures for p in counts.days), counts.workers_checked_in,
                         counts.employers_posting)
    rows = _trade_rows(services, counts)
    directory = DirectoryEntry(
        name=hall.name, nature=DEFAULT_NATURE, address=hall.address, seekers=counts.seekers,
        main_trades=main_trades(rows),
        average_daily_hires=average_per_day(totals.hires, period, services.today()))
    heading = HallHeading(id=hall.id, name=hall.name, address=hall.address,
                          hotline=hall.hotline, timezone=services.settings.timezone)
    generated = services.now().astimezone(ZoneInfo(services.settings.timezone))
    return PeriodReport(kind=kind, hall=heading, period=period, generated_at=generated,
                        totals=totals, days=counts.days, trades=rows, directory=directory,
                        open_jobs=counts.open_jobs, open_places=counts.open_places,
                        complaints=counts.complaints,
                        days_open=days_open(counts.cases, period, services.today()))


def _read(services: Services, period: Period) -> PeriodCounts:
    return read_period(services.store.path, services.settings.hall_id, period,
                       services.settings.timezone, services.settings.listing)


def _trade_rows(services: Services, counts: PeriodCounts) -> tuple[TradeRow, ...]:
    names = {t.code: (t.zh, t.en) for t in services.catalogue.trades}
    return trade_rows(counts.trades, names)


# -- CSV ------------------------------------------------------------------------------------

Column = tuple[str, Callable[[Figures], int]]
FIGURE_COLUMNS: tuple[Column, ...] = (
    (N_("Check-ins"), lambda f: f.check_ins),
    (N_("Workers checked in"), lambda f: f.workers_checked_in),
    (N_("New registrations"), lambda f: f.registrations),
    (N_("Jobs posted"), lambda f: f.jobs_posted),
    (N_("Places posted"), lambda f: f.headcount_posted),
    (N_("Referrals"), lambda f: f.referrals),
    (N_("Hires"), lambda f: f.hires),
    (N_("New employers"), lambda f: f.employers_registered),
    (N_("Employers posting"), lambda f: f.employers_posting),
    (N_("Complaints received"), lambda f: f.complaints),
    (N_("Complaints resolved"), lambda f: f.complaints_resolved),
    (N_("Complaints closed"), lambda f: f.complaints_closed),
    (N_("Career guidance"), lambda f: f.guidance),
    (N_("Job recommendations"), lambda f: f.recommendations),
    (N_("Training"), lambda f: f.training),
)
TRADE_COLUMNS = (N_("Trade code"), N_("Trade"), N_("Supply (workers checked in)"),
                 N_("Registered workers"), N_("Demand (places posted)"), N_("Open places"),
                 N_("Hires"), N_("Demand per worker"))
DIRECTORY_COLUMNS = (N_("Market name"), N_("Nature"), N_("Address"), N_("Job seekers"),
                     N_("Main trades recruited"), N_("Average daily hires"))


def csv_rows(report: PeriodReport, language: str = "zh_CN",
             table: CsvTable = CsvTable.DAYS) -> list[list[str]]:
    """The header row and the data rows of one table, as the CSV file holds them."""
    def t(message: str) -> str:
        return translate(message, language)
    if table is CsvTable.TRADES:
        return [[t(c) for c in TRADE_COLUMNS]] + [
            [r.trade, r.label(language), str(r.checked_in), str(r.registered), str(r.posted),
             str(r.open_places), str(r.hires), _ratio_text(r.demand_ratio)]
            for r in report.trades]
    if table is CsvTable.DIRECTORY:
        d = report.directory
        trades = "、" if language != "en" else ", "
        return [[t(c) for c in DIRECTORY_COLUMNS],
                [d.name, t(d.nature), d.address, str(d.seekers),
                 trades.join(report.trade_label(c, language) for c in d.main_trades),
                 f"{d.average_daily_hires:.1f}"]]
    header = [t(N_("Date"))] + [t(name) for name, _ in FIGURE_COLUMNS]
    rows = [[p.day.isoformat()] + [str(get(p.figures)) for _, get in FIGURE_COLUMNS]
            for p in report.days]
    if report.kind is ReportKind.MONTHLY:
        rows.append([t(N_("Total"))] + [str(get(report.totals)) for _, get in FIGURE_COLUMNS])
    return [header, *rows]


def write_csv(report: PeriodReport, path: Path, language: str = "zh_CN",
              table: CsvTable = CsvTable.DAYS) -> Path:
    """One table as CSV, UTF-8 with a BOM (Excel on Windows then reads Chinese right)."""
    _write_rows(path, csv_rows(report, language, table))
    return path


def _write_rows(path: Path, rows: Sequence[Sequence[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def _ratio_text(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


# -- PDF ------------------------------------------------------------------------------------

def write_pdf(report: PeriodReport, path: Path, language: str = "zh_CN") -> Path:
    """The report as an A4 PDF (summary, tables, charts, market directory, page numbers)."""
    from printers.report_pdf import render_report  # noqa: PLC0415 - reportlab when needed

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_report(report, language))
    return path
