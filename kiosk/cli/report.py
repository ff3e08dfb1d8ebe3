"""`kiosk report daily|monthly`: the hall's statistics (S5) as text, JSON, PDF and CSV.

    kiosk report daily [--date YYYY-MM-DD] [--pdf FILE] [--csv FILE] [--trades-csv FILE]
                       [--directory-csv FILE] [--json]
    kiosk report monthly --month YYYY-MM [the same options]

The day defaults to the hall's today. `--csv` writes the figures day by day (a monthly
report ends with a total row), `--trades-csv` supply and demand by trade, and
`--directory-csv` the hall's market-directory line; files are UTF-8 with a BOM, column
names in the `--lang` language (zh_CN by default), like the PDF.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path

from kiosk.app import App
from kiosk.cli.common import EXIT_OK, BadInput, emit, run_with_app
from kiosk.core.case_report import days_open_lines
from kiosk.core.errors import N_, FieldError
from kiosk.core.i18n import translate
from kiosk.core.reports import PeriodReport, ReportKind
from kiosk.services.reporting import CsvTable, daily_report, monthly_report, write_csv, write_pdf


def month_arg(text: str) -> tuple[int, int]:
    """(year, month) from YYYY-MM; BadInput otherwise."""
    year, _, month = text.strip().partition("-")
    if len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return int(year), int(month)
    raise BadInput([FieldError("month", "format", N_("Please give the month as YYYY-MM."))])


def cmd_report_daily(args: argparse.Namespace) -> int:
    day: date | None = args.date
    return _report(args, lambda app: daily_report(app.services, app.config.hall, day))


def cmd_report_monthly(args: argparse.Namespace) -> int:
    year, month = month_arg(args.month)
    return _report(args, lambda app: monthly_report(app.services, app.config.hall, year, month))


def _report(args: argparse.Namespace, make: Callable[[App], PeriodReport]) -> int:
    report = run_with_app(args, make)
    language = args.lang
    files: dict[str, str] = {}
    if args.pdf:
        files["pdf"] = str(write_pdf(report, Path(args.pdf), language))
    for key, table in (("csv", CsvTable.DAYS), ("trades_csv", CsvTable.TRADES),
                       ("directory_csv", CsvTable.DIRECTORY)):
        target = getattr(args, key)
        if target:
            files[key] = str(write_csv(report, Path(target), language, table))
    data = {**asdict(report), "files": files}
    emit(args, data, summary_text(report, language, files))
    return EXIT_OK


def summary_text(report: PeriodReport, language: str, files: dict[str, str]) -> str:
    def t(message: str) -> str:
        return translate(message, language)
    kind = N_("Daily report") if report.kind is ReportKind.DAILY else N_("Monthly report")
    period = report.period
    span = (period.first.isoformat() if period.first == period.last
            else f"{period.first.isoformat()} – {period.last.isoformat()}")
    f = report.totals
    figures = [(N_("Check-ins"), f.check_ins), (N_("Workers checked in"), f.workers_checked_in),
               (N_("New registrations"), f.registrations), (N_("Jobs posted"), f.jobs_posted),
               (N_("Places posted"), f.headcount_posted), (N_("Referrals"), f.referrals),
               (N_("Hires"), f.hires), (N_("New employers"), f.employers_registered),
               (N_("Employers posting"), f.employers_posting),
               (N_("Complaints received"), f.complaints),
               (N_("Complaints resolved"), f.complaints_resolved),
               (N_("Career guidance"), f.guidance),
               (N_("Job recommendations"), f.recommendations), (N_("Training"), f.training)]
    lines = [f"{report.hall.name} {t(kind)} {span}"]
    lines += [f"  {t(label)}: {value}" for label, value in figures]
    average = t(N_("Average daily hires"))
    lines.append(f"  {average}: {report.directory.average_daily_hires:.1f}")
    joiner = ", " if language == "en" else "、"
    trades = joiner.join(report.trade_label(c, language) for c in report.directory.main_trades)
    if trades:
        main = t(N_("Main trades recruited"))
        lines.append(f"  {main}: {trades}")
    if report.days_open is not None:
        lines.append(f"  {t(N_('Days open'))}:")
        lines += [f"    {line}" for line in days_open_lines(report.days_open, t)]
    lines += [f"  {path}" for path in files.values()]
    return "\n".join(lines)
