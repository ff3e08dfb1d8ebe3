"""Hall statistics and reports (S5): the figures of a day or a month, by trade, and the
market-directory entry (名录: name, 运营性质, address, 求职人员规模, 主要招聘工种,
日均招聘成功人数).

Pure dataclasses and computations; `kiosk.store.stats` reads the counts and
`kiosk.services.reporting` puts a report together. The definitions follow the city hub's statistics
(`sync.hub.stats`), so a hall's report and the city's agree:

- a *day* is the hall's local calendar day (Asia/Shanghai by default);
- a *hire* is a referral of this hall whose status is `hired`, counted once, on the local
  day of its last change (the moment it became a hire: a hire is final); declined, no-show,
  requested and referred are not hires;
- *registrations*, *jobs posted*, *referrals*, *complaints* and "131" *service events* are
  records of this hall created that day; check-ins are this hall's check-ins of that day;
- *employers* (用工主体, annex 3 §13): *new employers* are employers this hall registered
  that day; *employers posting* the distinct employers of the jobs this hall posted (over a
  period, each employer once);
- *complaints resolved* and *closed* are casework steps of this hall that settled or ended
  a complaint that day; *complaints by type and status* count the complaints filed in the
  period by their kind of dispute and their status when the report is made;
- *days open*: the complaints still open (received, handled or referred) on the period's
  last day (today for a period not over) by days since filed, and the median days from
  filing to the resolve or close step (its date as entered) of those that ended in the
  period.

By trade: *supply* is the number of distinct workers who checked in during the period and
list the trade; *registered* the workers of this hall listing it (registered before the
period's end); *demand* is the headcount posted in the period; *open places* are the places
still unfilled, at the time the report is made, on open jobs offered here (any hall's)
that start on or after the period's first day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from enum import StrEnum

from kiosk.core.errors import N_

MAIN_TRADES = 3  # the directory names the top three
DEFAULT_NATURE = N_("Public welfare")  # 运营性质: public halls are 公益性 (free of charge)


class ReportKind(StrEnum):
    DAILY = "daily"
    MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class Period:
    """Local calendar days `first`..`last`, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"a period ends on or after it starts: {self.first}..{self.last}")

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last))

    @property
    def days(self) -> tuple[date, ...]:
        count = (self.last - self.first).days + 1
        return tuple(self.first + timedelta(days=i) for i in range(count))

    def elapsed_days(self, today: date) -> int:
        """Days of the period up to and including `today` (all of them once it is over;
        at least one, so that an average is defined on the first day)."""
        end = min(self.last, today)
        return max(1, (end - self.first).days + 1)


@dataclass(frozen=True, slots=True)
class Figures:
    """The counts of a day or of a period (sums of the days, except distinct workers)."""

    check_ins: int = 0  # check-ins (one per worker per day)
    workers_checked_in: int = 0  # distinct workers who checked in
    registrations: int = 0  # workers registered
    jobs_posted: int = 0
    headcount_posted: int = 0  # places asked for by the jobs posted
    referrals: int = 0
    hires: int = 0
    employers_registered: int = 0  # 用工主体 registered (new employers)
    employers_posting: int = 0  # distinct employers whose jobs were posted
    complaints: int = 0  # complaints and disputes received
    complaints_resolved: int = 0  # complaints settled (a resolve step)
    complaints_closed: int = 0  # complaints ended without a settlement
    guidance: int = 0  # "131": career guidance given
    recommendations: int = 0  # "131": job recommendations
    training: int = 0  # "131": training arranged

    @property
    def services_131(self) -> int:
        return self.guidance + self.recommendations + self.training

    @property
    def hire_rate(self) -> float | None:
        """Hires per referral, or None when there was no referral."""
        return ratio(self.hires, self.referrals)


FIGURE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Figures))


def add_figures(days: Iterable[Figures], workers_checked_in: int,
                employers_posting: int | None = None) -> Figures:
    """The period's figures: every count summed over the days, except the distinct workers
    and employers, which only the period's own query can tell (a worker who came twice, or
    an employer who posted twice, counts once). `employers_posting` None: the days' sum."""
    totals = dict.fromkeys(FIGURE_NAMES, 0)
    for figures in days:
        for name in FIGURE_NAMES:
            totals[name] += getattr(figures, name)
    totals["workers_checked_in"] = workers_checked_in
    if employers_posting is not None:
        totals["employers_posting"] = employers_posting
    return Figures(**totals)


@dataclass(frozen=True, slots=True)
class ComplaintTally:
    """How many complaints of a kind are in a status (kind and status as stored)."""

    kind: str
    status: str
    count: int


@dataclass(frozen=True, slots=True)
class DayPoint:
    """One day of a period's series (the monthly charts and CSV)."""

    day: date
    figures: Figures


@dataclass(frozen=True, slots=True)
class TradeCounts:
    """What the store counts per trade code."""

    checked_in: int = 0  # supply: distinct workers checked in who list the trade
    registered: int = 0  # workers of this hall who list the trade
    posted: int = 0  # demand: headcount posted in the period
    open_places: int = 0  # places still open (see the module docstring)
    hires: int = 0


@dataclass(frozen=True, slots=True)
class TradeRow:
    """One trade's line in a report; names come from the catalogue (the code if unknown)."""

    trade: str
    zh: str
    en: str
    checked_in: int
    registered: int
    posted: int
    open_places: int
    hires: int

    def label(self, language: str) -> str:
        return self.en if language == "en" else self.zh

    @property
    def supply(self) -> int:
        return self.checked_in

    @property
    def demand(self) -> int:
        return self.posted

    @property
    def demand_ratio(self) -> float | None:
        """求人倍率: places asked for per worker offering the trade (None without supply)."""
        return ratio(self.posted, self.checked_in)


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """The hall's line in the city's market directory (零工市场名录)."""

    name: str  # 市 + 区 + 街道/位置 + 零工市场/零工驿站
    nature: str  # 运营性质, a catalogue message id (公益性)
    address: str
    seekers: int  # 求职人员规模: workers registered at this hall
    main_trades: tuple[str, ...]  # 主要招聘工种: trade codes, most demanded first
    average_daily_hires: float  # 日均招聘成功人数 over the period's elapsed days


@dataclass(frozen=True, slots=True)
class DayStats:
    """Today's dashboard (or any one day's): the figures, by trade, and what is open now."""

    day: date
    figures: Figures
    trades: tuple[TradeRow, ...]
    open_jobs: int  # open jobs with places left starting on `day` or later (the board's)
    open_places: int
    complaints: tuple[ComplaintTally, ...] = ()  # every one filed by then: kind, status now
    days_open: DaysOpen | None = None


@dataclass(frozen=True, slots=True)
class HallHeading:
    """Who the report is for: the hall, as the report's title names it."""

    id: str
    name: str
    address: str
    hotline: str
    timezone: str


@dataclass(frozen=True, slots=True)
class PeriodReport:
    """A daily or monthly report: what the PDF and the CSV files show."""

    kind: ReportKind
    hall: HallHeading
    period: Period
    generated_at: datetime  # the hall's local time
    totals: Figures
    days: tuple[DayPoint, ...]
    trades: tuple[TradeRow, ...]
    directory: DirectoryEntry
    open_jobs: int
    open_places: int
    complaints: tuple[ComplaintTally, ...] = ()  # filed in the period, by kind and status
    days_open: DaysOpen | None = None  # how long complaints stay open (casework)

    def trade_label(self, code: str, language: str) -> str:
        row = next((t for t in self.trades if t.trade == code), None)
        return code if row is None else row.label(language)


# -- computations -----------------------------------------------------------------------

def ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator, or None when the denominator is 0."""
    return None if denominator == 0 else numerator / denominator


def average_per_day(total: int, period: Period, today: date) -> float:
    """`total` spread over the period's elapsed days, rounded to one decimal."""
    return round(total / period.elapsed_days(today), 1)


def trade_rows(counts: Mapping[str, TradeCounts],
               names: Mapping[str, tuple[str, str]]) -> tuple[TradeRow, ...]:
    """Rows for every trade with any count, most supply and demand first, then by code.

    `names` maps a code to its (zh, en) names; an unknown code is shown as itself.
    """
    rows = [TradeRow(code, *names.get(code, (code, code)), checked_in=c.checked_in,
                     registered=c.registered, posted=c.posted, open_places=c.open_places,
                     hires=c.hires)
            for code, c in counts.items()
            if c.checked_in or c.registered or c.posted or c.open_places or c.hires]
    rows.sort(key=lambda r: (-(r.checked_in + r.posted), -r.registered, -r.open_places, r.trade))
    return tuple(rows)


def main_trades(rows: Sequence[TradeRow], limit: int = MAIN_TRADES) -> tuple[str, ...]:
    """主要招聘工种: the trades most recruited for (headcount posted, then hires, then open
    places); with no demand at all, the trades most offered (registered workers).

    Ties are broken by the trade code, so the answer never depends on the input order.
    """
    demanded = [r for r in rows if r.posted or r.hires or r.open_places]
    if demanded:
        ranked = sorted(demanded, key=lambda r: (-r.posted, -r.hires, -r.open_places, r.trade))
    else:
        ranked = sorted((r for r in rows if r.registered or r.checked_in),
                        key=lambda r: (-r.registered, -r.checked_in, r.trade))
    return tuple(r.trade for r in ranked[:limit])


def top_rows(rows: Sequence[TradeRow], limit: int) -> tuple[TradeRow, ...]:
    """The first `limit` rows (charts have room for a dozen trades), in the given order."""
    return tuple(rows[:limit])


# -- days open (casework) ----------------------------------------------------------------

# Age buckets of the cases still open: (fewest days, most days or None, label).
AGE_BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (0, 7, N_("up to 7 days")), (8, 30, N_("8–30 days")), (31, 90, N_("31–90 days")),
    (91, None, N_("over 90 days")))


@dataclass(frozen=True, slots=True)
class CaseDates:
    """A complaint's dates: filed (the hall's local day) and, once resolved or closed, the
    day of that casework step (None while it is open: received, handled or referred)."""

    filed: date
    ended: date | None


@dataclass(frozen=True, slots=True)
class DaysOpen:
    """How long complaints stay open: the cases open on `as_of` by age (days since filed,
    one count per AGE_BUCKETS entry) and the oldest; the cases that ended in the period
    and the median days from filing to their end."""

    as_of: date
    open_by_age: tuple[int, ...] = (0,) * len(AGE_BUCKETS)
    oldest_open_days: int | None = None
    ended: int = 0
    median_days_to_end: float | None = None

    @property
    def open_cases(self) -> int:
        return sum(self.open_by_age)


def days_open(cases: Iterable[CaseDates], period: Period, today: date) -> DaysOpen:
    """The period's days-open figures, as of its last day (today for a period not over)."""
    as_of = min(period.last, today)
    ages: list[int] = []
    took: list[int] = []
    for case in cases:
        if case.filed <= as_of and (case.ended is None or case.ended > as_of):
            ages.append((as_of - case.filed).days)
        if case.ended is not None and period.first <= case.ended <= period.last:
            took.append(max(0, (case.ended - case.filed).days))
    counts = tuple(sum(1 for age in ages if low <= age and (high is None or age <= high))
                   for low, high, _label in AGE_BUCKETS)
    return DaysOpen(as_of=as_of, open_by_age=counts,
                    oldest_open_days=max(ages) if ages else None, ended=len(took),
                    median_days_to_end=_median(took))


def _median(values: Sequence[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
