"""The statistics read model (S5): a day's or a period's counts, per day and per trade.

Definitions are in `kiosk.core.reports` (they follow the city hub's `sync.hub.stats`).
Every query is for one hall and reads through its own read-only connection inside one
transaction, so a report is one consistent picture and never waits for, or blocks, the
writer (WAL). Timestamps are stored in UTC; each is put on the hall's local day here, with
one range scan per table for the whole period and the day boundaries bisected in Python
(no per-day query, and right for any time zone).
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.core.codec import iso_utc
from kiosk.core.job_window import DEFAULT_LISTING, ListingRule
from kiosk.core.records import ReferralStatus, ServiceKind
from kiosk.core.reports import (
    CaseDates,
    ComplaintTally,
    DayPoint,
    Figures,
    Period,
    TradeCounts,
)
from kiosk.store.connection import connect
from kiosk.store.open_jobs import open_jobs_sql

READ_BUSY_TIMEOUT_MS = 2000


@dataclass(frozen=True, slots=True)
class PeriodCounts:
    """What the store knows about one hall's period."""

    days: tuple[DayPoint, ...]
    workers_checked_in: int  # distinct over the whole period
    trades: dict[str, TradeCounts]
    seekers: int  # workers of this hall registered before the period's end
    open_jobs: int  # now: open jobs with places left listed on the first day
    open_places: int
    employers_posting: int = 0  # distinct over the whole period
    complaints: tuple[ComplaintTally, ...] = ()  # filed in the period, by kind and status
    cases: tuple[CaseDates, ...] = ()  # every complaint filed by the period's end
    # every complaint filed by the period's end, by kind and status now (the counter's view)
    all_complaints: tuple[ComplaintTally, ...] = ()


_CHECKINS = """
SELECT day, COUNT(*) FROM checkins
WHERE hall_id = :hall AND day >= :first AND day <= :last AND queue_no IS NOT NULL
GROUP BY day
"""
_CHECKIN_WORKERS = """
SELECT COUNT(DISTINCT worker_id) FROM checkins
WHERE hall_id = :hall AND day >= :first AND day <= :last AND queue_no IS NOT NULL
"""
# By trade, workers are grouped by their `trades` text (a JSON list; a few hundred distinct
# lists) and the lists are expanded here: cheaper than json_each on every worker's row.
_SUPPLY = """
SELECT trades, COUNT(*) FROM workers
WHERE id IN (SELECT worker_id FROM checkins
             WHERE hall_id = :hall AND day >= :first AND day <= :last
             AND queue_no IS NOT NULL)
GROUP BY trades
"""
# Registrations are the hall's own: not the copies of workers known through the hub
# (kiosk.store.hub_workers), which another terminal of the hall may have registered.
_REGISTRATIONS = """
SELECT created_at FROM workers
WHERE hall_id = :hall AND created_at >= :start AND created_at < :end
AND id NOT IN (SELECT worker_id FROM hub_workers)
"""
_REGISTERED = """
SELECT trades, COUNT(*) FROM workers WHERE hall_id = :hall AND created_at < :end
AND id NOT IN (SELECT worker_id FROM hub_workers)
GROUP BY trades
"""
_POSTED = """
SELECT created_at, trade, headcount FROM jobs
WHERE hall_id = :hall AND created_at >= :start AND created_at < :end
"""
_REFERRALS = """
SELECT created_at FROM referrals
WHERE hall_id = :hall AND created_at >= :start AND created_at < :end
"""
_HIRES = """
SELECT r.updated_at, COALESCE(j.trade, '') FROM referrals AS r
LEFT JOIN jobs AS j ON j.id = r.job_id
WHERE r.hall_id = :hall AND r.status = :hired AND r.updated_at >= :start AND r.updated_at < :end
"""
_COMPLAINTS = """
SELECT created_at FROM complaints
WHERE hall_id = :hall AND created_at >= :start AND created_at < :end
"""
_EMPLOYERS = """
SELECT created_at FROM employers
WHERE hall_id = :hall AND created_at >= :start AND created_at < :end
"""
_EMPLOYERS_POSTING_DAYS = """
SELECT created_at, employer_id FROM jobs
WHERE hall_id = :hall AND created_at >= :start AND created_at < :end
"""
_EMPLOYERS_POSTING = """
SELECT COUNT(DISTINCT employer_id) FROM jobs
WHERE hall_id = :hall AND created_at >= :start AND created_at < :end
"""
_CASE_ENDS = """
SELECT created_at, action FROM case_steps
WHERE hall_id = :hall AND action IN ('resolve', 'close')
  AND created_at >= :start AND created_at < :end
"""
_COMPLAINT_TALLY = """
SELECT kind, status, COUNT(*) FROM complaints
WHERE hall_id = :hall AND created_at >= :start AND created_at < :end
GROUP BY kind, status ORDER BY kind, status
"""
_ALL_COMPLAINT_TALLY = """
SELECT kind, status, COUNT(*) FROM complaints
WHERE hall_id = :hall AND created_at < :end
GROUP BY kind, status ORDER BY kind, status
"""
# Each complaint filed before the period's end, with the date of its first resolve or close
# step (the day it ended, as staff entered it), if any.
_CASE_DATES = """
SELECT c.created_at, MIN(s.happened_on) FROM complaints AS c
LEFT JOIN case_steps AS s ON s.complaint_id = c.id AND s.action IN ('resolve', 'close')
WHERE c.hall_id = :hall AND c.created_at < :end
GROUP BY c.id
"""
# "131" services by day; a training is a course a worker attended, counted on the day of
# their first session recorded (training ticked before attendance existed counts as it did);
# a cancelled sign-up's attendance does not count
_SERVICES = """
SELECT created_at, kind FROM service_events
WHERE hall_id = :hall AND created_at >= :start AND created_at < :end
UNION ALL
SELECT first, 'training' FROM (
    SELECT min(created_at) AS first FROM attendance WHERE hall_id = :hall
    AND signup_id NOT IN (SELECT signup_id FROM course_cancels) GROUP BY signup_id)
WHERE first >= :start AND first < :end
"""
_OPEN_TEMPLATE = """
SELECT trade, COUNT(*), SUM(headcount - headcount_filled) FROM jobs
WHERE {open_jobs}
GROUP BY trade
"""
_OPEN = _OPEN_TEMPLATE.format(open_jobs=open_jobs_sql(":first"))  # the default listing rule

_SERVICE_FIGURES = {ServiceKind.GUIDANCE.value: "guidance",
                    ServiceKind.RECOMMENDATION.value: "recommendations",
                    ServiceKind.TRAINING.value: "training"}


class DayBuckets:
    """The hall's local days of a period as UTC [start, end) bounds in the stored form."""

    def __init__(self, period: Period, tz: ZoneInfo) -> None:
        self.tz = tz
        self.days = period.days
        self.bounds = [iso_utc(datetime.combine(d, time(0), tzinfo=tz)) for d in self.days]
        self.bounds.append(iso_utc(datetime.combine(period.last + timedelta(days=1), time(0),
                                                    tzinfo=tz)))

    @property
    def start(self) -> str:
        return self.bounds[0]

    @property
    def end(self) -> str:
        return self.bounds[-1]

    def index(self, stamp: str) -> int:
        """Which day (0-based) a stored UTC timestamp within [start, end) falls on."""
        return bisect_right(self.bounds, stamp) - 1


def read_period(path: Path, hall_id: str, period: Period,
                timezone: str = "Asia/Shanghai",
                listing: ListingRule = DEFAULT_LISTING) -> PeriodCounts:
    """Every count of one hall's period, read in one transaction on a read connection."""
    with read_connection(path) as conn:
        return PeriodQuery(conn, hall_id, period, ZoneInfo(timezone), listing).run()


@contextmanager
def read_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection with one open read transaction (a consistent snapshot)."""
    conn = connect(path, read_only=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {READ_BUSY_TIMEOUT_MS}")
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")
    finally:
        conn.close()


class PeriodQuery:
    """The queries of one period over a connection the caller owns (in a transaction)."""

    def __init__(self, conn: sqlite3.Connection, hall_id: str, period: Period,
                 tz: ZoneInfo, listing: ListingRule = DEFAULT_LISTING) -> None:
        self.conn = conn
        self._open_sql = _OPEN if listing == DEFAULT_LISTING else _OPEN_TEMPLATE.format(
            open_jobs=open_jobs_sql(":first", rule=listing))
        self.period = period
        self.buckets = DayBuckets(period, tz)
        self.params = {"hall": hall_id, "first": period.first.isoformat(),
                       "last": period.last.isoformat(), "start": self.buckets.start,
                       "end": self.buckets.end, "hired": ReferralStatus.HIRED.value}
        self._days: list[Counter[str]] = [Counter() for _ in self.buckets.days]
        self._trades: dict[str, Counter[str]] = {}

    def run(self) -> PeriodCounts:
        self._check_ins()
        self._created(_REGISTRATIONS, "registrations")
        self._created(_REFERRALS, "referrals")
        self._created(_COMPLAINTS, "complaints")
        self._created(_EMPLOYERS, "employers_registered")
        self._employers_posting()
        self._case_ends()
        self._posted()
        self._hires()
        self._services()
        self._by_trade(_SUPPLY, "checked_in")
        seekers = self._by_trade(_REGISTERED, "registered")
        open_jobs, open_places = self._open()
        days = tuple(DayPoint(day, Figures(**counts))
                     for day, counts in zip(self.buckets.days, self._days, strict=True))
        workers = int(self._one(_CHECKIN_WORKERS))
        trades = {code: TradeCounts(**counts) for code, counts in sorted(self._trades.items())}
        tally = tuple(ComplaintTally(str(kind), str(status), int(n)) for kind, status, n
                      in self.conn.execute(_COMPLAINT_TALLY, self.params))
        return PeriodCounts(days=days, workers_checked_in=workers, trades=trades,
                            seekers=seekers, open_jobs=open_jobs,
                            open_places=open_places,
                            employers_posting=self._one(_EMPLOYERS_POSTING),
                            complaints=tally, cases=self._case_dates(),
                            all_complaints=tuple(
                                ComplaintTally(str(kind), str(status), int(n)) for kind, status, n
                                in self.conn.execute(_ALL_COMPLAINT_TALLY, self.params)))

    def _case_dates(self) -> tuple[CaseDates, ...]:
        """Each complaint's local filing day and the day it ended (kiosk.core.reports)."""
        tz = self.buckets.tz
        return tuple(
            CaseDates(filed=_local_day(stamp, tz),
                      ended=None if ended is None else date.fromisoformat(ended))
            for stamp, ended in self.conn.execute(_CASE_DATES, self.params))

    def _one(self, sql: str) -> int:
        return int(self.conn.execute(sql, self.params).fetchone()[0] or 0)

    def _trade(self, code: str) -> Counter[str]:
        counts = self._trades.get(code)
        if counts is None:
            counts = self._trades[code] = Counter()
        return counts

    def _check_ins(self) -> None:
        index = {d.isoformat(): i for i, d in enumerate(self.buckets.days)}
        for day, count in self.conn.execute(_CHECKINS, self.params):
            # One check-in per worker per hall per day: on a day, check-ins are workers.
            self._days[index[day]].update(check_ins=count, workers_checked_in=count)

    def _created(self, sql: str, figure: str) -> None:
        days, bucket = self._days, self.buckets.index
        for (stamp,) in self.conn.execute(sql, self.params):
            days[bucket(stamp)][figure] += 1

    def _employers_posting(self) -> None:
        """Per day, the distinct employers of the jobs posted."""
        seen: list[set[str]] = [set() for _ in self.buckets.days]
        for stamp, employer_id in self.conn.execute(_EMPLOYERS_POSTING_DAYS, self.params):
            seen[self.buckets.index(stamp)].add(employer_id)
        for day, employers in zip(self._days, seen, strict=True):
            day["employers_posting"] = len(employers)

    def _case_ends(self) -> None:
        days, bucket = self._days, self.buckets.index
        for stamp, action in self.conn.execute(_CASE_ENDS, self.params):
            figure = "complaints_resolved" if action == "resolve" else "complaints_closed"
            days[bucket(stamp)][figure] += 1

    def _posted(self) -> None:
        days, bucket = self._days, self.buckets.index
        for stamp, trade, headcount in self.conn.execute(_POSTED, self.params):
            day = days[bucket(stamp)]
            day["jobs_posted"] += 1
            day["headcount_posted"] += headcount
            self._trade(trade)["posted"] += headcount

    def _hires(self) -> None:
        days, bucket = self._days, self.buckets.index
        for stamp, trade in self.conn.execute(_HIRES, self.params):
            days[bucket(stamp)]["hires"] += 1
            if trade:
                self._trade(trade)["hires"] += 1

    def _services(self) -> None:
        days, bucket = self._days, self.buckets.index
        for stamp, kind in self.conn.execute(_SERVICES, self.params):
            figure = _SERVICE_FIGURES.get(kind)
            if figure is not None:
                days[bucket(stamp)][figure] += 1

    def _by_trade(self, sql: str, field: str) -> int:
        """Add each worker group's count to its trades; how many workers in all."""
        workers = 0
        for trades, count in self.conn.execute(sql, self.params):
            workers += count
            for code in set(_trade_list(trades)):
                self._trade(code)[field] += count
        return workers

    def _open(self) -> tuple[int, int]:
        jobs = places = 0
        for trade, count, left in self.conn.execute(self._open_sql, self.params):
            self._trade(trade)["open_places"] += int(left)
            jobs += int(count)
            places += int(left)
        return jobs, places


def _local_day(stamp: str, tz: ZoneInfo) -> date:
    """The hall's local day of a stored UTC timestamp."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(tz).date()


def _trade_list(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []
