"""Daily and monthly hall reports as A4 PDF (reportlab): title, summary figures, a bar chart
of supply and demand by trade, a line chart of the month's days, tables, the market
directory, and page numbers; Chinese in WenQuanYi Micro Hei, embedded.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from kiosk.core.case_report import days_text
from kiosk.core.casework import KIND_NAMES, STATUS_NAMES
from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.core.records import ComplaintKind, ComplaintStatus
from kiosk.core.reports import AGE_BUCKETS, PeriodReport, ReportKind, TradeRow, top_rows
from printers.pdf import register_font

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN
CHART_TRADES = 12  # the bar chart has room for a dozen trades
SUPPLY_COLOUR = colors.HexColor("#2f6db5")
DEMAND_COLOUR = colors.HexColor("#e08a1e")
HIRES_COLOUR = colors.HexColor("#2e8b57")
HEADER_FILL = colors.HexColor("#e8eef7")
GRID = colors.HexColor("#9aa7b8")


class _Styles:
    def __init__(self, font: str, language: str) -> None:
        wrap = None if language == "en" else "CJK"  # break Chinese between any characters
        base = {"fontName": font, "wordWrap": wrap}
        self.title = ParagraphStyle("title", fontSize=17, leading=22, alignment=TA_CENTER,
                                    **base)
        self.subtitle = ParagraphStyle("subtitle", fontSize=12, leading=16,
                                       alignment=TA_CENTER, **base)
        self.meta = ParagraphStyle("meta", fontSize=8.5, leading=11, alignment=TA_CENTER,
                                   textColor=colors.HexColor("#555555"), **base)
        self.heading = ParagraphStyle("heading", fontSize=12, leading=16, spaceBefore=8,
                                      spaceAfter=4, **base)
        self.cell = ParagraphStyle("cell", fontSize=8.5, leading=10.5, **base)
        self.head = ParagraphStyle("head", fontSize=8, leading=10, **base)
        self.number = ParagraphStyle("number", fontSize=8.5, leading=10.5, alignment=TA_RIGHT,
                                     **base)
        self.note = ParagraphStyle("note", fontSize=7.5, leading=10,
                                   textColor=colors.HexColor("#555555"), **base)


def render_report(report: PeriodReport, language: str = "zh_CN") -> bytes:
    """The report as PDF bytes."""
    font = register_font()
    out = io.BytesIO()
    title = _title(report, language)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, title=title,
                            author=report.hall.name, subject=title, creator="linggong-kiosk",
                            initialFontName=font)
    story = _story(report, language, font)
    footer = _Footer(report, language, font)
    doc.build(story, canvasmaker=footer.canvas_class())
    return out.getvalue()


def _title(report: PeriodReport, language: str) -> str:
    kind = N_("Daily report") if report.kind is ReportKind.DAILY else N_("Monthly report")
    return f"{report.hall.name} {translate(kind, language)}"


def _period_text(report: PeriodReport, language: str) -> str:
    period = report.period
    if report.kind is ReportKind.DAILY:
        return period.first.isoformat()
    if language == "en":
        return f"{period.first:%B %Y} ({period.first.isoformat()} – {period.last.isoformat()})"
    return (f"{period.first.year}年{period.first.month}月"
            f"（{period.first.isoformat()} – {period.last.isoformat()}）")


def _story(report: PeriodReport, language: str, font: str) -> list[Flowable]:
    def t(message: str) -> str:
        return translate(message, language)
    s = _Styles(font, language)
    kind = N_("Daily report") if report.kind is ReportKind.DAILY else N_("Monthly report")
    story: list[Flowable] = [
        Paragraph(_escape(report.hall.name), s.title),
        Paragraph(_escape(f"{t(kind)} · {_period_text(report, language)}"), s.subtitle),
        Paragraph(_escape(_meta_line(report, language)), s.meta),
        Spacer(1, 4 * mm),
        Paragraph(_escape(t(N_("Summary"))), s.heading),
        _summary_table(report, language, s),
    ]
    story += [KeepTogether([Paragraph(_escape(t(N_("Market directory"))), s.heading),
                            _directory_table(report, language, s)])]
    story += _complaint_section(report, language, s)
    story += _days_open_section(report, language, s)
    story += _trade_section(report, language, font, s)
    if report.kind is ReportKind.MONTHLY:
        story += _days_section(report, language, font, s)
    story += [Spacer(1, 3 * mm), Paragraph(_escape(t(N_(
        "Hires are referrals that ended in a hire, counted on the day they were confirmed. "
        "Supply: workers who checked in and offer the trade. Demand: places posted. Open "
        "places: still unfilled on open jobs, at the time of this report."))), s.note)]
    return story


def _meta_line(report: PeriodReport, language: str) -> str:
    generated = translate(N_("Generated"), language)
    line = f"{generated} {report.generated_at:%Y-%m-%d %H:%M}"
    if report.hall.address:
        address = translate(N_("Address"), language)
        line += f" · {address} {report.hall.address}"
    return line


def _summary_table(report: PeriodReport, language: str, s: _Styles) -> Table:
    def t(message: str) -> str:
        return translate(message, language)
    f = report.totals
    rate = f.hire_rate
    pairs = [
        (N_("Check-ins"), str(f.check_ins)),
        (N_("Workers checked in"), str(f.workers_checked_in)),
        (N_("New registrations"), str(f.registrations)),
        (N_("Jobs posted"), str(f.jobs_posted)),
        (N_("Places posted"), str(f.headcount_posted)),
        (N_("Referrals"), str(f.referrals)),
        (N_("Hires"), str(f.hires)),
        (N_("Hires per referral"), "–" if rate is None else f"{rate:.0%}"),
        (N_("Average daily hires"), f"{report.directory.average_daily_hires:.1f}"),
        (N_("Open jobs now"), f"{report.open_jobs} / {report.open_places}"),
        (N_("New employers"), str(f.employers_registered)),
        (N_("Employers posting"), str(f.employers_posting)),
        (N_('"131" services'), f"{f.guidance} / {f.recommendations} / {f.training}"),
        (N_("Complaints received"), str(f.complaints)),
        (N_("Complaints resolved"), str(f.complaints_resolved)),
        (N_("Complaints closed"), str(f.complaints_closed)),
    ]
    cells = [(Paragraph(_escape(t(label)), s.cell), Paragraph(_escape(value), s.number))
             for label, value in pairs]
    columns = 3
    blank = (Paragraph("", s.cell), Paragraph("", s.number))
    cells += [blank] * (-len(cells) % columns)  # a last row as long as the others
    rows = [[item for pair in cells[i:i + columns] for item in pair]
            for i in range(0, len(cells), columns)]
    label_w, value_w = BODY_WIDTH / columns * 0.56, BODY_WIDTH / columns * 0.44
    table = Table(rows, colWidths=[label_w, value_w] * columns)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("FONTNAME", (0, 0), (-1, -1), register_font()),  # else Helvetica is referenced
        *(("BACKGROUND", (c, 0), (c, -1), HEADER_FILL) for c in range(0, 2 * columns, 2)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    legend = Paragraph(_escape(t(N_(
        "Open jobs now: jobs / places. \"131\": career guidance / job recommendations / "
        "training."))), s.note)
    return _stack([table, Spacer(1, 1.5 * mm), legend])


def _complaint_section(report: PeriodReport, language: str, s: _Styles) -> list[Flowable]:
    """Complaints filed in the period: a row per kind of dispute, a column per status."""
    def t(message: str) -> str:
        return translate(message, language)
    heading = Paragraph(_escape(t(N_("Complaints by type and status"))), s.heading)
    if not report.complaints:
        return [heading, Paragraph(_escape(t(N_("No complaint was filed in this period."))),
                                   s.cell)]
    counts = {(c.kind, c.status): c.count for c in report.complaints}
    statuses = list(ComplaintStatus)
    header = [t(N_("Type of dispute")), *(t(STATUS_NAMES[st]) for st in statuses),
              t(N_("Total"))]
    body = []
    for kind in ComplaintKind:
        row = [counts.get((kind.value, st.value), 0) for st in statuses]
        if any(row):
            body.append([t(KIND_NAMES[kind]), *map(str, row), str(sum(row))])
    widths = [0.22] + [0.13] * len(statuses) + [0.13]
    return [KeepTogether([heading, _grid(header, body, widths, s)])]


def _days_open_section(report: PeriodReport, language: str, s: _Styles) -> list[Flowable]:
    """How long complaints stay open: the open ones by age on the period's last day, and
    the median days to the end of those resolved or closed in the period."""
    found = report.days_open
    if found is None:
        return []

    def t(message: str) -> str:
        return translate(message, language)
    heading = Paragraph(_escape(t(N_("Days open"))), s.heading)
    header = [t(N_("Open on {day}")).format(day=found.as_of.isoformat()),
              *(t(label) for _low, _high, label in AGE_BUCKETS), t(N_("Oldest (days)"))]
    body = [[str(found.open_cases), *map(str, found.open_by_age),
             "–" if found.oldest_open_days is None else str(found.oldest_open_days)]]
    ended = (t(N_("Resolved or closed in the period: none"))
             if found.median_days_to_end is None else
             t(N_("Resolved or closed in the period: {count}, after a median of {days} days"))
             .format(count=found.ended, days=days_text(found.median_days_to_end)))
    widths = [0.26] + [0.15] * len(AGE_BUCKETS) + [0.14]
    return [KeepTogether([heading, _grid(header, body, widths, s),
                          Paragraph(_escape(ended), s.cell)])]


def _trade_section(report: PeriodReport, language: str, font: str,
                   s: _Styles) -> list[Flowable]:
    def t(message: str) -> str:
        return translate(message, language)
    heading = Paragraph(_escape(t(N_("Supply and demand by trade"))), s.heading)
    if not report.trades:
        return [heading, Paragraph(_escape(t(N_("No activity in this period."))), s.cell)]
    chart = _bar_chart(top_rows(report.trades, CHART_TRADES), language, font)
    header = [t(N_("Trade")), t(N_("Supply (workers checked in)")), t(N_("Registered workers")),
              t(N_("Demand (places posted)")), t(N_("Open places")), t(N_("Hires")),
              t(N_("Demand per worker"))]
    body = [[r.label(language), str(r.checked_in), str(r.registered), str(r.posted),
             str(r.open_places), str(r.hires),
             "–" if r.demand_ratio is None else f"{r.demand_ratio:.2f}"]
            for r in report.trades]
    widths = [0.25, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125]
    return [KeepTogether([heading, chart]), Spacer(1, 3 * mm),
            _grid(header, body, widths, s)]


def _days_section(report: PeriodReport, language: str, font: str,
                  s: _Styles) -> list[Flowable]:
    def t(message: str) -> str:
        return translate(message, language)
    heading = Paragraph(_escape(t(N_("Day by day"))), s.heading)
    chart = _line_chart(report, language, font)
    header = [t(N_("Date")), t(N_("Check-ins")), t(N_("New registrations")),
              t(N_("Jobs posted")), t(N_("Places posted")), t(N_("Referrals")), t(N_("Hires")),
              t(N_("Complaints received")), t(N_('"131" services'))]
    body = [[p.day.strftime("%m-%d"), str(f.check_ins), str(f.registrations),
             str(f.jobs_posted), str(f.headcount_posted), str(f.referrals), str(f.hires),
             str(f.complaints), str(f.services_131)]
            for p in report.days for f in (p.figures,)]
    f = report.totals
    body.append([t(N_("Total")), str(f.check_ins), str(f.registrations), str(f.jobs_posted),
                 str(f.headcount_posted), str(f.referrals), str(f.hires), str(f.complaints),
                 str(f.services_131)])
    widths = [0.08] + [0.115] * 8
    return [CondPageBreak(80 * mm), KeepTogether([heading, chart]), Spacer(1, 3 * mm),
            _grid(header, body, widths, s, total_row=True)]


def _directory_table(report: PeriodReport, language: str, s: _Styles) -> Table:
    def t(message: str) -> str:
        return translate(message, language)
    d = report.directory
    joiner = ", " if language == "en" else "、"
    trades = joiner.join(report.trade_label(c, language) for c in d.main_trades) or "–"
    rows = [(N_("Market name"), d.name), (N_("Nature"), t(d.nature)),
            (N_("Address"), d.address or "–"), (N_("Job seekers"), str(d.seekers)),
            (N_("Main trades recruited"), trades),
            (N_("Average daily hires"), f"{d.average_daily_hires:.1f}")]
    data = [[Paragraph(_escape(t(label)), s.cell), Paragraph(_escape(value), s.cell)]
            for label, value in rows]
    table = Table(data, colWidths=[BODY_WIDTH * 0.28, BODY_WIDTH * 0.72])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("FONTNAME", (0, 0), (-1, -1), register_font()),  # else Helvetica is referenced
        ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _grid(header: Sequence[str], body: Sequence[Sequence[str]], widths: Sequence[float],
          s: _Styles, *, total_row: bool = False) -> Table:
    """A table whose header repeats on every page; text wraps in its cell, numbers right."""
    head = [Paragraph(_escape(text), s.head) for text in header]
    rows = [[Paragraph(_escape(cell), s.cell if i == 0 else s.number)
             for i, cell in enumerate(row)] for row in body]
    table = Table([head, *rows], colWidths=[BODY_WIDTH * w for w in widths], repeatRows=1)
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("FONTNAME", (0, 0), (-1, -1), register_font()),  # else Helvetica is referenced
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if total_row:
        style.append(("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL))
    table.setStyle(TableStyle(style))
    return table


def _bar_chart(rows: Sequence[TradeRow], language: str, font: str) -> Drawing:
    """Supply (workers checked in) and demand (places posted) side by side per trade."""
    height = 72 * mm
    drawing = Drawing(BODY_WIDTH, height, initialFontName=font)  # else Helvetica is referenced
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 22 * mm
    chart.width, chart.height = BODY_WIDTH - 16 * mm, height - 36 * mm
    chart.data = [[r.checked_in for r in rows], [r.posted for r in rows]]
    chart.barSpacing, chart.groupSpacing = 1, 6
    chart.bars[0].fillColor, chart.bars[1].fillColor = SUPPLY_COLOUR, DEMAND_COLOUR
    chart.bars.strokeWidth = 0
    names = chart.categoryAxis
    names.categoryNames = [r.label(language) for r in rows]
    names.labels.fontName, names.labels.fontSize = font, 7.5
    if language == "en" or len(rows) > 8:
        names.labels.angle, names.labels.boxAnchor, names.labels.dy = 30, "ne", -2
    else:
        names.labels.boxAnchor, names.labels.dy = "n", -3
    _value_axis(chart.valueAxis, [v for series in chart.data for v in series], font)
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize = font, 6.5
    chart.barLabels.nudge = 5
    drawing.add(chart)
    drawing.add(_legend(font, [(SUPPLY_COLOUR, translate(N_("Supply (workers checked in)"),
                                                         language)),
                               (DEMAND_COLOUR, translate(N_("Demand (places posted)"),
                                                         language))],
                        x=chart.x, y=height - 4 * mm))
    return drawing


def _line_chart(report: PeriodReport, language: str, font: str) -> Drawing:
    """The month's check-ins and hires day by day."""
    height = 62 * mm
    drawing = Drawing(BODY_WIDTH, height, initialFontName=font)  # else Helvetica is referenced
    chart = HorizontalLineChart()
    chart.x, chart.y = 12 * mm, 12 * mm
    chart.width, chart.height = BODY_WIDTH - 16 * mm, height - 22 * mm
    chart.data = [[p.figures.check_ins for p in report.days],
                  [p.figures.hires for p in report.days]]
    chart.lines[0].strokeColor, chart.lines[1].strokeColor = SUPPLY_COLOUR, HIRES_COLOUR
    chart.lines.strokeWidth = 1.5
    days = chart.categoryAxis
    days.categoryNames = [str(p.day.day) for p in report.days]
    days.labels.fontName, days.labels.fontSize = font, 7
    days.labels.boxAnchor, days.labels.dy = "n", -2
    _value_axis(chart.valueAxis, [v for series in chart.data for v in series], font)
    drawing.add(chart)
    drawing.add(_legend(font, [(SUPPLY_COLOUR, translate(N_("Check-ins"), language)),
                               (HIRES_COLOUR, translate(N_("Hires"), language))],
                        x=chart.x, y=height - 4 * mm))
    drawing.add(String(chart.x + chart.width, 2 * mm, translate(N_("Day of month"), language),
                       fontName=font, fontSize=7, textAnchor="end"))
    return drawing


def _value_axis(axis: Any, values: Sequence[int], font: str) -> None:
    axis.valueMin = 0
    top = max(values, default=0)
    if top < 5:  # reportlab would pick fractional steps for tiny ranges
        axis.valueMax, axis.valueStep = 5, 1
    axis.labels.fontName, axis.labels.fontSize = font, 7
    axis.labelTextFormat = "%d"
    axis.visibleGrid = True
    axis.gridStrokeColor = colors.HexColor("#dddddd")


def _legend(font: str, pairs: list[tuple[colors.Color, str]], x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.columnMaximum = 1
    legend.deltax = 60 * mm
    legend.dx = legend.dy = 7
    legend.fontName, legend.fontSize = font, 8
    legend.colorNamePairs = pairs
    legend.strokeWidth = 0
    return legend


def _stack(items: list[Flowable]) -> KeepTogether:
    return KeepTogether(items)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Footer:
    """Page numbers "page n of N" with the hall and the report, drawn after layout."""

    def __init__(self, report: PeriodReport, language: str, font: str) -> None:
        self.text = f"{report.hall.name} · {_title_kind(report, language)} · " \
                    f"{_period_text(report, language)}"
        self.page_text = translate(N_("Page {page} of {pages}"), language)
        self.font = font

    def canvas_class(self) -> Callable[..., canvas.Canvas]:
        footer = self

        class NumberedCanvas(canvas.Canvas):  # type: ignore[misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._pages: list[dict[str, Any]] = []

            def showPage(self) -> None:  # noqa: N802 - reportlab's name
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._pages)
                for state in self._pages:
                    self.__dict__.update(state)
                    footer.draw(self, self._pageNumber, total)
                    super().showPage()
                super().save()

        return NumberedCanvas

    def draw(self, pdf: canvas.Canvas, page: int, pages: int) -> None:
        pdf.saveState()
        pdf.setFont(self.font, 7.5)
        pdf.setFillColor(colors.HexColor("#555555"))
        y = MARGIN - 2 * mm
        pdf.drawString(MARGIN, y, self.text)
        pdf.drawRightString(PAGE_WIDTH - MARGIN, y,
                            self.page_text.format(page=page, pages=pages))
        pdf.restoreState()


def _title_kind(report: PeriodReport, language: str) -> str:
    kind = N_("Daily report") if report.kind is ReportKind.DAILY else N_("Monthly report")
    return translate(kind, language)
