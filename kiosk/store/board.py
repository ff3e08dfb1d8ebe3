"""The big-screen board's read model: open jobs, today's counts and 今日待岗 (workers checked in
by trade, kiosk.store.supply), notices, last sync (S4, S5, S8).

The board runs in its own process and reads the file that the counter, the touchscreen and
the sync agent write. `BoardReader` owns one read-only connection and never writes.

Change detection across processes: `PRAGMA data_version` on this connection changes when
another connection commits, so `has_changed()` is one tiny pragma (plus a `stat()` of the
file), never a scan of a table. A restore that replaces the file (another inode) or a
damaged connection makes the reader reopen; a busy or locked database raises `BoardBusy`
so the caller can retry later and keep showing the last good snapshot.

The stale-data hint: only when a successful sync was recorded (`settings` key
`sync.last_success`) and it is older than the threshold. A hall that never synced is run
standalone (no network yet, or none planned); its own file is then the whole truth and a
warning that could never go away would only teach people to ignore the board.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.core.city_content import CITY_NOTICES, district_code, notices_from_data
from kiosk.core.codec import iso_utc
from kiosk.core.job_window import DEFAULT_LISTING, ListingRule
from kiosk.core.queue_numbers import queue_label
from kiosk.core.records import Hazard, InsuranceKind, Intention, PayUnit, Settlement, SkillLevel
from kiosk.core.safety_content import STOP_WORK, StopWork, stop_work_from_data
from kiosk.core.supply import Supply
from kiosk.store.calls import QueueReader
from kiosk.store.connection import connect
from kiosk.store.open_jobs import open_jobs_sql
from kiosk.store.supply import hall_supply

log = logging.getLogger(__name__)

LAST_SYNC_KEY = "sync.last_success"
CALLS_READ, CALLS_SHOWN = 12, 6  # the last calls read (passed-over ones are left out), shown
READ_BUSY_TIMEOUT_MS = 250  # the board keeps its last data rather than wait long
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


class BoardReadError(Exception):
    """The board could not read the database this time; keep the last snapshot."""


class BoardBusy(BoardReadError):
    """The database is busy or locked by a writer: retry with backoff."""


class BoardUnavailable(BoardReadError):
    """The file is missing, being replaced or unreadable: reopen and retry."""


@dataclass(frozen=True, slots=True)
class BoardJob:
    """One open job as the board shows it: no phone or ID number is ever read."""

    id: str
    trade: str
    title: str
    area: str
    place: str
    start_date: date
    start_time: str | None
    pay_cents: int
    pay_unit: PayUnit
    settlement: Settlement
    headcount_left: int
    urgent: bool
    employer: str  # the employer's display name; "" when this hall has no such employer
    posted_at: datetime
    updated_at: datetime
    employer_role: str = "direct"  # 直接用工, or 劳务派遣 / 职业中介 / 揽头 (EmployerRole)
    # What a worker decides by, shown compactly on the card (kiosk.core.job_facts).
    certificates: tuple[str, ...] = ()
    skill_level: SkillLevel | None = None
    employment_type: Intention = Intention.DAILY
    hours_per_day: float | None = None
    end_date: date | None = None
    meals: bool = False
    lodging: bool = False
    tools_provided: bool = False
    insurance: bool = False
    insurance_kind: InsuranceKind | None = None
    hazards: tuple[Hazard, ...] = ()  # shown as pictograms
    stopped: bool = False  # a stop-work notice holding now stops this job's work


@dataclass(frozen=True, slots=True)
class BoardCounts:
    open_jobs: int
    checked_in: int  # check-ins at this hall today
    hired: int  # referrals of this hall that became hires today (hall local day)


@dataclass(frozen=True, slots=True)
class BoardNotice:
    id: str
    text_zh: str
    text_en: str
    priority: int
    city: bool = False  # published by the city (市里通知), not typed at this hall

    def text(self, language: str) -> str:
        return self.text_en if language == "en" and self.text_en else self.text_zh


@dataclass(frozen=True, slots=True)
class BoardCall:
    """A queue number called today: to which window, and when (UTC)."""

    queue_no: int
    window: str
    action: str  # call or recall (a number passed over is not shown)
    called_at: datetime
    queue_prefix: str = ""  # the number's letter (A012)

    @property
    def label(self) -> str:
        return queue_label(self.queue_prefix, self.queue_no)


@dataclass(frozen=True, slots=True)
class BoardSnapshot:
    day: date  # the hall's local day the snapshot was read for
    jobs: tuple[BoardJob, ...]
    counts: BoardCounts
    notices: tuple[BoardNotice, ...]
    last_sync: datetime | None  # UTC; None when no sync ever succeeded
    read_at: datetime
    calls: tuple[BoardCall, ...] = ()  # today's latest calls, newest first
    supply: Supply | None = None  # 今日待岗: workers checked in today by trade (counts only)
    # the city's stop-work notices for this hall holding now or later (the board shows
    # each while it holds; `BoardJob.stopped` is as of `read_at`)
    stop_work: tuple[StopWork, ...] = ()

    def is_stale(self, now: datetime, after: timedelta) -> bool:
        """True when a successful sync was recorded and is older than `after`."""
        return self.last_sync is not None and now - self.last_sync > after


def local_day_bounds(day: date, tz: ZoneInfo) -> tuple[str, str]:
    """The hall's local `day` as [start, end) UTC timestamps in the stored text form."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return iso_utc(start), iso_utc(end)


_JOBS_SQL = """
SELECT j.id, j.trade, j.title, j.area, j.place, j.start_date, j.start_time, j.pay_cents,
       j.pay_unit, j.settlement, j.headcount - j.headcount_filled, j.urgent,
       COALESCE(e.display_name, ''), j.created_at, j.updated_at, COALESCE(e.role, 'direct'),
       j.certificates, j.skill_level, j.employment_type, j.hours_per_day, j.end_date,
       j.meals, j.lodging, j.tools_provided, j.insurance, j.insurance_kind, j.hazards
FROM jobs AS j LEFT JOIN employers AS e ON e.id = j.employer_id
WHERE {open_jobs}
ORDER BY j.urgent DESC, j.start_date, j.start_time IS NULL, j.start_time, j.created_at, j.id
"""
_CHECKINS_SQL = ("SELECT COUNT(*) FROM checkins WHERE hall_id = :hall AND day = :today "
                 "AND queue_no IS NOT NULL")  # unverified ones wait for the hub
_HIRES_SQL = """
SELECT COUNT(*) FROM referrals
WHERE hall_id = :hall AND status = 'hired' AND updated_at >= :start AND updated_at < :end
"""
_CITY_NOTICES_KEY = f"asset.{CITY_NOTICES}"  # kiosk.store.sync_state.ASSET_KEY
_STOP_WORK_KEY = f"asset.{STOP_WORK}"
_NOTICES_SQL = """
SELECT id, text_zh, text_en, priority FROM notices
WHERE starts_on <= :today AND (ends_on IS NULL OR ends_on >= :today)
ORDER BY priority DESC, created_at, id
"""


def _timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _job(row: Any) -> BoardJob:
    (job_id, trade, title, area, place, start_date, start_time, pay_cents, pay_unit,
     settlement, left, urgent, employer, created_at, updated_at, role, certificates, level,
     employment, hours, end_date, meals, lodging, tools, insurance, insurance_kind,
     hazards) = row
    return BoardJob(
        id=job_id, trade=trade, title=title, area=area, place=place,
        start_date=date.fromisoformat(start_date), start_time=start_time or None,
        pay_cents=pay_cents, pay_unit=PayUnit(pay_unit), settlement=Settlement(settlement),
        headcount_left=left, urgent=bool(urgent), employer=employer, employer_role=role,
        posted_at=_timestamp(created_at), updated_at=_timestamp(updated_at),
        certificates=tuple(json.loads(certificates)),
        skill_level=SkillLevel(level) if level else None,
        employment_type=Intention(employment), hours_per_day=hours,
        end_date=date.fromisoformat(end_date) if end_date else None, meals=bool(meals),
        lodging=bool(lodging), tools_provided=bool(tools), insurance=bool(insurance),
        insurance_kind=InsuranceKind(insurance_kind) if insurance_kind else None,
        hazards=tuple(Hazard(h) for h in json.loads(hazards)))


class BoardReader:
    """Read-only queries for the board over its own connection, reopened when needed."""

    def __init__(self, path: Path, hall_id: str, timezone: str = "Asia/Shanghai",
                 listing: ListingRule = DEFAULT_LISTING) -> None:
        self.path = path
        self._jobs_sql = _JOBS_SQL.format(open_jobs=open_jobs_sql(":today", "j", listing))
        self.hall_id = hall_id
        self.tz = ZoneInfo(timezone)
        self._conn: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None
        self._loaded_version: int | None = None
        self.reopened = 0  # how many times the connection was (re)opened
        self._parsed: dict[str, tuple[Any, BoardJob]] = {}  # id -> (row, job) of the last load

    # -- change detection ------------------------------------------------------------
    def has_changed(self) -> bool:
        """Cheap: is a load due (first time, file replaced, another connection committed)?"""
        if self._conn is None or self._loaded_version is None:
            return True
        identity = self._file_identity()
        if identity is None:
            return False  # the file is away for a moment (a restore): keep the last data
        if identity != self._identity:
            log.info("board: %s was replaced; reopening", self.path)
            self.close()
            return True
        try:
            return self._data_version(self._conn) != self._loaded_version
        except sqlite3.DatabaseError as exc:
            if _is_busy(exc):
                return True
            log.warning("board: read connection failed (%s); reopening", exc)
            self.close()
            return True

    # -- loading ---------------------------------------------------------------------
    def load(self, now: datetime) -> BoardSnapshot:
        """Everything the board shows, read in one transaction (one consistent picture)."""
        conn = self._connection()
        day = now.astimezone(self.tz).date()
        try:
            version = self._data_version(conn)  # before reading: a later commit is not missed
            conn.execute("BEGIN")
            try:
                snapshot = self._read(conn, day, now)
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if _is_busy(exc):
                raise BoardBusy(str(exc)) from exc
            self.close()
            raise BoardUnavailable(str(exc)) from exc
        self._loaded_version = version
        return snapshot

    def _read(self, conn: sqlite3.Connection, day: date, now: datetime) -> BoardSnapshot:
        today = day.isoformat()
        start, end = local_day_bounds(day, self.tz)
        jobs = self._jobs(conn.execute(self._jobs_sql, {"today": today}).fetchall())
        stop_work = self._stop_work(conn, now)
        holding = [n for n in stop_work if n.starts_at <= now]
        if holding:
            jobs = tuple(replace(j, stopped=True) if any(n.stops(j.trade, j.hazards)
                                                         for n in holding) else j
                         for j in jobs)
        checked_in = conn.execute(_CHECKINS_SQL, {"hall": self.hall_id, "today": today})
        hired = conn.execute(_HIRES_SQL, {"hall": self.hall_id, "start": start, "end": end})
        counts = BoardCounts(open_jobs=len(jobs), checked_in=int(checked_in.fetchone()[0]),
                             hired=int(hired.fetchone()[0]))
        own = tuple(BoardNotice(str(i), str(zh), str(en), int(p)) for i, zh, en, p in
                    conn.execute(_NOTICES_SQL, {"today": today}))
        notices = tuple(sorted((*self._city_notices(conn, day), *own),
                               key=lambda n: -n.priority))
        calls = tuple(BoardCall(c.queue_no, c.window, c.action, _timestamp(c.created_at),
                                c.queue_prefix)
                      for c in QueueReader(conn, self.hall_id).recent(today, CALLS_READ)
                      if c.action != "skip")
        return BoardSnapshot(day=day, jobs=jobs, counts=counts, notices=notices,
                             last_sync=self._last_sync(conn), read_at=now,
                             calls=calls[:CALLS_SHOWN],
                             supply=hall_supply(conn, self.hall_id, day), stop_work=stop_work)

    def _stop_work(self, conn: sqlite3.Connection, now: datetime) -> tuple[StopWork, ...]:
        """The city's stop-work notices for this hall that hold now or later (the asset the
        sync agent kept after checking its signature); a file that no longer parses shows
        none."""
        row = conn.execute("SELECT value FROM settings WHERE key = ?",
                           (_STOP_WORK_KEY,)).fetchone()
        if row is None:
            return ()
        try:
            notices = stop_work_from_data(json.loads(row[0])["data"])
        except (ValueError, KeyError, TypeError):
            log.warning("board: the kept stop-work notices cannot be read")
            return ()
        district = district_code(self.hall_id)
        return tuple(n for n in notices if n.ends_at > now
                     and (not n.districts or district in n.districts))

    def _city_notices(self, conn: sqlite3.Connection, day: date) -> tuple[BoardNotice, ...]:
        """The city's notices for this hall's district today (the asset the sync agent kept
        after checking its signature); a file that no longer parses shows none."""
        row = conn.execute("SELECT value FROM settings WHERE key = ?",
                           (_CITY_NOTICES_KEY,)).fetchone()
        if row is None:
            return ()
        try:
            notices = notices_from_data(json.loads(row[0])["data"])
        except (ValueError, KeyError, TypeError):
            log.warning("board: the kept city notices cannot be read")
            return ()
        district = district_code(self.hall_id)
        return tuple(BoardNotice(f"city-{n}", notice.text_zh, notice.text_en, notice.priority,
                                 city=True)
                     for n, notice in enumerate(notices) if notice.shown_at(district, day))

    def _jobs(self, rows: list[Any]) -> tuple[BoardJob, ...]:
        """Rows as jobs; a row unchanged since the last load reuses its parsed job."""
        known = self._parsed
        self._parsed = parsed = {}
        jobs = []
        for row in rows:
            job_id = row[0]
            cached = known.get(job_id)
            job = cached[1] if cached is not None and cached[0] == row else _job(row)
            parsed[job_id] = (row, job)
            jobs.append(job)
        return tuple(jobs)

    def _last_sync(self, conn: sqlite3.Connection) -> datetime | None:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (LAST_SYNC_KEY,))
        found = row.fetchone()
        if found is None:
            return None
        try:
            moment = _timestamp(str(found[0]))
        except ValueError:
            log.warning("board: unreadable %s value %r", LAST_SYNC_KEY, found[0])
            return None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

    # -- the connection --------------------------------------------------------------
    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        identity = self._file_identity()
        if identity is None:
            raise BoardUnavailable(f"{self.path}: no database file")
        try:
            conn = connect(self.path, read_only=True)
        except sqlite3.DatabaseError as exc:
            if _is_busy(exc):
                raise BoardBusy(str(exc)) from exc
            raise BoardUnavailable(str(exc)) from exc
        conn.execute(f"PRAGMA busy_timeout = {READ_BUSY_TIMEOUT_MS}")
        self._conn, self._identity, self._loaded_version = conn, identity, None
        self.reopened += 1
        return conn

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return stat.st_dev, stat.st_ino

    @staticmethod
    def _data_version(conn: sqlite3.Connection) -> int:
        return int(conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                log.debug("board: closing the read connection failed", exc_info=True)
        self._conn, self._identity, self._loaded_version = None, None, None


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in _BUSY_CODES
    return "locked" in str(exc) or "busy" in str(exc)
