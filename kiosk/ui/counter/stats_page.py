"""Statistics (S5): a day's dashboard — the figures, supply and demand by trade with a
chart — and the daily and monthly reports exported as PDF and CSV into the data dir's
`reports/`. Reading and writing run off the GUI thread; results come back as signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.case_report import days_open_short, tally_lines
from kiosk.core.errors import N_
from kiosk.core.reports import DayStats, Figures, PeriodReport, TradeRow
from kiosk.services import reporting
from kiosk.services.hall import Services
from kiosk.system.config import HallInfo
from kiosk.ui.counter.chart import Pair, SupplyDemandChart
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import say
from kiosk.ui.counter.table import action_button, table_box
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets.buttons import label

REPORTS_DIR = "reports"
CHART_TRADES = 8  # the chart shows the trades with most supply and demand

FIGURES: tuple[tuple[str, Callable[[Figures], int]], ...] = (
    (N_("Workers checked in"), lambda f: f.workers_checked_in),
    (N_("New registrations"), lambda f: f.registrations),
    (N_("Jobs posted"), lambda f: f.jobs_posted),
    (N_("Referrals"), lambda f: f.referrals),
    (N_("Hires"), lambda f: f.hires),
    (N_('"131" services'), lambda f: f.services_131),
)


# -- exporting (plain Python, runs on the pool) -----------------------------------------

def export_daily(services: Services, hall: HallInfo, day: date, folder: Path,
                 language: str) -> list[Path]:
    report = reporting.daily_report(services, hall, day)
    return _write_all(report, folder, f"daily-{day.isoformat()}", language)


def export_monthly(services: Services, hall: HallInfo, day: date, folder: Path,
                   language: str) -> list[Path]:
    report = reporting.monthly_report(services, hall, day.year, day.month)
    return _write_all(report, folder, f"monthly-{day:%Y-%m}", language)


def _write_all(report: PeriodReport, folder: Path, stem: str, language: str) -> list[Path]:
    """The PDF, the figures CSV, the by-trade CSV and the market-directory CSV."""
    return [
        reporting.write_pdf(report, folder / f"{stem}.pdf", language),
        reporting.write_csv(report, folder / f"{stem}.csv", language),
        reporting.write_csv(report, folder / f"{stem}-trades.csv", language,
                            reporting.CsvTable.TRADES),
        reporting.write_csv(report, folder / f"{stem}-directory.csv", language,
                            reporting.CsvTable.DIRECTORY),
    ]


def chart_pairs(rows: tuple[TradeRow, ...], language: str,
                limit: int = CHART_TRADES) -> tuple[Pair, ...]:
    """The trades with the most supply plus demand (those with neither are left out)."""
    busy = [r for r in rows if r.supply or r.demand]
    busy.sort(key=lambda r: (-(r.supply + r.demand), r.trade))
    return tuple(Pair(r.label(language), r.supply, r.demand) for r in busy[:limit])


# -- the page ---------------------------------------------------------------------------

class StatsPage(CounterPage):
    TITLE = N_("Statistics")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None, *,
                 reports_dir: Path | None = None) -> None:
        super().__init__(ctx, parent)
        # The database lives in the data dir (Paths.database): reports go beside it.
        self.reports_dir = reports_dir or ctx.services.store.path.parent / REPORTS_DIR
        self.stats: DayStats | None = None
        self.written: list[Path] = []
        self.loader = TaskRunner(self)
        self.exporter = TaskRunner(self)
        grid = QGridLayout(self)
        grid.addLayout(self._day_row(), 0, 0, 1, 2)
        grid.addWidget(self._figures_box(), 1, 0, 1, 2)
        grid.addWidget(self._trades_box(), 2, 0)
        grid.addWidget(self._chart_box(), 2, 1)
        grid.addWidget(self._export_box(), 3, 0)
        grid.addWidget(self._cases_box(), 3, 1)  # beside the exports: the page keeps its height
        grid.setColumnStretch(0, 6)
        grid.setColumnStretch(1, 5)
        grid.setRowStretch(2, 1)

    # -- building ---------------------------------------------------------------------
    def _day_row(self) -> QHBoxLayout:
        self.day_caption = label("", "", wrap=False)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMinimumWidth(170)
        self._set_day(self.ctx.services.today())
        self.day.dateChanged.connect(lambda _day: self.refresh())
        self.reload = QPushButton()
        self.reload.clicked.connect(self.refresh)
        self.status = label("", "hint", wrap=False)
        row = QHBoxLayout()
        for widget in (self.day_caption, self.day, self.reload, self.status):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _figures_box(self) -> QGroupBox:
        self.figures_box = QGroupBox()
        row = QHBoxLayout(self.figures_box)
        self.figure_numbers: list[QLabel] = []
        self.figure_captions: list[QLabel] = []
        for _ in FIGURES:
            tile = QFrame()
            column = QVBoxLayout(tile)
            number = label("—", "figure", wrap=False)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = label("", "", wrap=True)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(number)
            column.addWidget(caption)
            self.figure_numbers.append(number)
            self.figure_captions.append(caption)
            row.addWidget(tile, 1)
        return self.figures_box

    def _trades_box(self) -> QGroupBox:
        self.trades_box, self.trades = table_box(stretch_column=0)
        return self.trades_box

    def _chart_box(self) -> QGroupBox:
        self.chart_box = QGroupBox()
        self.chart = SupplyDemandChart()
        box = QVBoxLayout(self.chart_box)
        box.addWidget(self.chart, 1)
        return self.chart_box

    def _cases_box(self) -> QGroupBox:
        """Complaints by type and status, and how long they stay open (days open)."""
        self.cases_box = QGroupBox()
        self.cases_by_type = label("", "")
        self.cases_days_open = label("", "")
        box = QVBoxLayout(self.cases_box)
        box.addWidget(self.cases_by_type)
        box.addWidget(self.cases_days_open)
        return self.cases_box

    def _export_box(self) -> QGroupBox:
        self.export_box = QGroupBox()
        self.daily_button = action_button("secondary", lambda: self.export(export_daily))
        self.monthly_button = action_button("secondary", lambda: self.export(export_monthly))
        self.message = label("", "hint")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumHeight(3 * self.message.fontMetrics().lineSpacing() + 8)
        box = QHBoxLayout(self.export_box)
        box.addWidget(self.daily_button)
        box.addWidget(self.monthly_button)
        box.addWidget(self.message, 1)
        return self.export_box

    # -- the chosen day -----------------------------------------------------------------
    def chosen_day(self) -> date:
        picked = self.day.date()
        return date(picked.year(), picked.month(), picked.day())

    def _set_day(self, day: date) -> None:
        self.day.setMaximumDate(QDate(day.year, day.month, day.day))
        self.day.setDate(QDate(day.year, day.month, day.day))

    # -- reading (off the GUI thread) ------------------------------------------------------
    def refresh(self) -> None:
        services, day = self.ctx.services, self.chosen_day()
        self.status.setText(self.t(N_("Loading…")))
        self.loader.run(lambda: reporting.dashboard(services, day), self._show, self._failed)

    def _show(self, result: object) -> None:
        assert isinstance(result, DayStats)
        self.stats = result
        self.status.setText(self.t(N_("As of {time}")).format(
            time=self.ctx.services.local_time(self.ctx.services.now()).strftime("%H:%M")))
        self._fill()

    def _failed(self) -> None:
        say(self.status, self.t(N_("The statistics could not be read. Try again.")), error=True)

    def _fill(self) -> None:
        if self.stats is None:
            return
        language = self.ctx.t.language
        for (_name, get), number in zip(FIGURES, self.figure_numbers, strict=True):
            number.setText(str(get(self.stats.figures)))
        self.trades.set_rows([(r.trade, (
            r.label(language), str(r.supply), str(r.demand),
            "—" if r.demand_ratio is None else f"{r.demand_ratio:.2f}",
            str(r.open_places), str(r.hires), str(r.registered),
        )) for r in self.stats.trades if r.supply or r.demand or r.registered or r.hires])
        self.chart.set_pairs(chart_pairs(self.stats.trades, language))
        by_type = tally_lines(self.stats.complaints, self.t)
        self.cases_by_type.setText("\n".join(by_type) or self.t(N_("No complaints yet.")))
        self.cases_days_open.setText("" if self.stats.days_open is None else "\n".join(
            days_open_short(self.stats.days_open, self.t)))

    # -- exporting (off the GUI thread) -----------------------------------------------------
    def export(self, how: Callable[[Services, HallInfo, date, Path, str], list[Path]]) -> None:
        services, hall, day = self.ctx.services, self.ctx.config.hall, self.chosen_day()
        folder, language = self.reports_dir, self.ctx.t.language
        self._exporting(True)
        say(self.message, self.t(N_("Writing the report…")))
        self.exporter.run(lambda: how(services, hall, day, folder, language),
                          self._exported, self._export_failed)

    def _exporting(self, busy: bool) -> None:
        self.daily_button.setEnabled(not busy)
        self.monthly_button.setEnabled(not busy)

    def _exported(self, result: object) -> None:
        assert isinstance(result, list)
        self._exporting(False)
        self.written = result
        folder = self.t(N_("Written to {folder}:")).format(folder=self.reports_dir)
        say(self.message, f"{folder}\n{'  '.join(p.name for p in result)}")

    def _export_failed(self) -> None:
        self._exporting(False)
        say(self.message, self.t(N_("The report could not be written to {folder}.")).format(
            folder=self.reports_dir), error=True)

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.day_caption.setText(t(N_("Day")))
        self.reload.setText(t(N_("Refresh")))
        self.figures_box.setTitle(t(N_("The day's figures")))
        for (name, _get), caption in zip(FIGURES, self.figure_captions, strict=True):
            caption.setText(t(name))
        self.trades_box.setTitle(t(N_("By trade")))
        self.trades.set_headers([t(N_("Trade")), t(N_("Supply")), t(N_("Demand")),
                                 t(N_("Demand per worker")), t(N_("Open places")),
                                 t(N_("Hires")), t(N_("Registered workers"))])
        self.chart_box.setTitle(t(N_("Supply and demand by trade")))
        self.chart.set_texts(t(N_("Supply: workers checked in")),
                             t(N_("Demand: places posted")),
                             t(N_("Nothing recorded on this day yet.")))
        self.cases_box.setTitle(t(N_("Complaints: by type and status, days open")))
        self.cases_box.setToolTip(t(N_("Days open: days since a complaint was filed; ended: "
                                       "resolved or closed on this day, days from filing.")))
        self.export_box.setTitle(t(N_("Reports (PDF and CSV)")))
        self.daily_button.setText(t(N_("Export the day's report")))
        self.monthly_button.setText(t(N_("Export the month's report")))
        self._fill()
        self.refresh()
