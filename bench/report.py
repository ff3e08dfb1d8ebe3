"""A hall's monthly report over 100,000 workers and a month of activity: query and PDF time.

    .venv/bin/python bench/report.py [--workers 100000] [--days 30] [--repeat 5]

The file is filled with plain INSERTs (fast; the rows are what the use cases write): the
workers (registered over the year before, a few hundred during the month), and each day
about 2,000 check-ins, 200 job posts, 1,500 referrals (four in ten hired, some declined),
"131" service events and a few complaints; a tenth of the jobs are another hall's.

Figures (median of --repeat runs):
- query: `kiosk.store.stats.read_period` for the month (every count, per day and per trade,
  on its own read connection). Baseline, same run and interleaved: one plain full scan of
  each table the report reads (`SELECT COUNT(*) … WHERE <unindexed column> …`), i.e. what
  touching every row once costs. Target: ≤ 1 s on the hall's PC, ratio reported.
- dashboard: `kiosk.services.reporting.dashboard` for one day (the counter refreshes it).
- pdf: `printers.report_pdf.render_report` (A4, tables, bar and line charts, CJK font
  embedded). Baseline: a one-page reportlab PDF with one line in the same font (font
  loading and subsetting).

Prints one JSON object. It asserts nothing: it is a measurement tool.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.core.catalogue import load_catalogue
from kiosk.core.codec import iso_utc
from kiosk.core.ids import new_id
from kiosk.core.reports import Period
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.stats import read_period
from kiosk.store.store import Store
from kiosk.system.config import default_config

HALL = "370104-DDBL"
OTHER_HALL = "370102-QCL"
YEAR, MONTH = 2026, 11
TARGET_QUERY_S = 1.0
TRADES = ("C01", "C02", "C03", "C04", "C05", "C06", "C09", "C12", "S01", "S02", "S04", "S05",
          "L01", "L02", "M01", "O01", "O02")
CHECKINS_PER_DAY = 2000
JOBS_PER_DAY = 200
REFERRALS_PER_DAY = 1500
SERVICES_PER_DAY = 60
COMPLAINTS_PER_DAY = 3


class FixedClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def _stamp(day: date, rng: random.Random) -> str:
    """A moment during the hall's opening hours (06:00-18:00 in Jinan) of `day`, in UTC."""
    local = datetime(day.year, day.month, day.day, 6, tzinfo=UTC) + timedelta(
        seconds=rng.randrange(12 * 3600))
    return iso_utc(local - timedelta(hours=8))


def populate(conn: sqlite3.Connection, workers: int, days: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    first = date(YEAR, MONTH, 1)
    month_days = [first + timedelta(days=i) for i in range(days)]
    conn.execute("BEGIN")
    worker_ids = []
    rows = []
    for i in range(workers):
        wid = new_id()
        worker_ids.append(wid)
        joined = (rng.choice(month_days) if i % 300 == 0
                  else first - timedelta(days=rng.randrange(1, 365)))
        created = _stamp(joined, rng)
        trades = json.dumps(rng.sample(TRADES, rng.choice((1, 1, 2, 2, 3))))
        rows.append((wid, HALL, "张建国", f"idx{i:08d}", "3701**********123X", None,
                     "1975-03-14", "M", "13805311234", trades, "[]", '["daily"]', "[]",
                     joined.isoformat(), "", 0, 0, created, "2026-11", created, created))
    conn.executemany("INSERT INTO workers VALUES (" + ", ".join("?" * 21) + ")", rows)
    employer = new_id()
    conn.execute("INSERT INTO employers VALUES (?, ?, 'company', '济南鲁建建筑劳务有限公司', "
                 "'鲁建劳务', '李先生', '13905317788', NULL, ?, ?)",
                 (employer, HALL, "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"))
    for n, day in enumerate(month_days):
        _one_day(conn, rng, day, n, worker_ids=worker_ids, employer=employer)
    conn.execute("COMMIT")
    # A hall's write-ahead log is checkpointed as it goes (every 1,000 pages); one bulk
    # load would otherwise leave every page to be looked up in a 100 MB log.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _one_day(conn: sqlite3.Connection, rng: random.Random, day: date, n: int, *,
             worker_ids: list[str], employer: str) -> None:
    present = rng.sample(worker_ids, CHECKINS_PER_DAY)
    conn.executemany("INSERT INTO checkins VALUES (?, ?, ?, ?, ?, ?)", [
        (new_id(), HALL, wid, day.isoformat(), q + 1, _stamp(day, rng))
        for q, wid in enumerate(present)])
    jobs = []
    for _ in range(JOBS_PER_DAY):
        headcount = rng.randint(1, 10)
        filled = rng.randint(0, headcount)
        status = "filled" if filled == headcount else rng.choice(("open", "open", "closed"))
        created = _stamp(day, rng)
        jobs.append((new_id(), OTHER_HALL if rng.random() < 0.1 else HALL, employer,
                     rng.choice(TRADES), "工地小工", "", "[]", "daily", "槐荫区", "段店北路",
                     (day + timedelta(days=rng.randrange(3))).isoformat(), "07:00", 8.0,
                     20000, "day", "daily", headcount, filled, int(rng.random() < 0.2),
                     status, created, created))
    conn.executemany("INSERT INTO jobs VALUES (" + ", ".join("?" * 22) + ")", jobs)
    referrals = []
    for i in range(REFERRALS_PER_DAY):
        created = _stamp(day, rng)
        status = rng.choices(("hired", "declined", "referred", "no_show"), (40, 30, 20, 10))[0]
        referrals.append((new_id(), HALL, rng.choice(jobs)[0], present[i % len(present)],
                          status, "counter", None, "", created, created))
    conn.executemany("INSERT INTO referrals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", referrals)
    conn.executemany("INSERT INTO service_events VALUES (?, ?, ?, ?, '', NULL, ?)", [
        (new_id(), HALL, rng.choice(present), rng.choice(("guidance", "recommendation",
                                                          "training")), _stamp(day, rng))
        for _ in range(SERVICES_PER_DAY)])
    conn.executemany(
        "INSERT INTO complaints VALUES (?, ?, ?, NULL, '刘师傅', '13905310000', '某公司', "
        "NULL, 120000, '2026-10-01', '2026-10-31', '拖欠工资', 'received', ?, ?)",
        [(new_id(), HALL, f"TS{day:%Y%m%d}-T01-{n:02d}{k}", s, s)
         for k in range(COMPLAINTS_PER_DAY) for s in (_stamp(day, rng),)])


_SCANS = (
    "SELECT COUNT(*) FROM workers WHERE skills_note = 'x'",
    "SELECT COUNT(*) FROM checkins WHERE created_at = 'x'",
    "SELECT COUNT(*) FROM jobs WHERE description = 'x'",
    "SELECT COUNT(*) FROM referrals WHERE note = 'x'",
    "SELECT COUNT(*) FROM service_events WHERE note = 'x'",
    "SELECT COUNT(*) FROM complaints WHERE description = 'x'",
)


def baseline_scan(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for sql in _SCANS:
            conn.execute(sql).fetchone()
    finally:
        conn.close()


def baseline_pdf(out: Path) -> None:
    from reportlab.pdfgen import canvas

    from printers.pdf import register_font

    font = register_font()
    pdf = canvas.Canvas(str(out), initialFontName=font)
    pdf.setFont(font, 12)
    pdf.drawString(72, 720, "济南市槐荫区段店北路街道零工市场 2026年11月 月报")
    pdf.showPage()
    pdf.save()


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def run(workers: int, days: int, repeat: int) -> dict[str, Any]:
    from kiosk.services import reporting
    from printers.report_pdf import render_report

    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        path = Path(tmp) / "kiosk.sqlite3"
        store = Store(path)
        started = time.perf_counter()
        populate(store.conn, workers, days)
        fill_s = time.perf_counter() - started
        config = default_config("T01")
        clock = FixedClock(datetime(YEAR, MONTH, days, 10, tzinfo=UTC))
        services = Services(store, HallSettings(hall_id=HALL, terminal_id="T01",
                                                blind_index_key=b"k" * 32),
                            load_catalogue(), clock)
        period = Period(date(YEAR, MONTH, 1), date(YEAR, MONTH, days))
        query, scan, dash, pdf, base_pdf = [], [], [], [], []
        report = reporting.monthly_report(services, config.hall, YEAR, MONTH)
        gc.collect()
        for _ in range(repeat):
            query.append(timed(lambda: read_period(path, HALL, period)))
            scan.append(timed(lambda: baseline_scan(path)))
            dash.append(timed(lambda: reporting.dashboard(services, date(YEAR, MONTH, days))))
            pdf.append(timed(lambda: render_report(report, "zh_CN")))
            base_pdf.append(timed(lambda: baseline_pdf(Path(tmp) / "base.pdf")))
        size = len(render_report(report, "zh_CN"))
        counts = store.counts()
        store.close()
    return {
        "workers": workers, "days": days, "records": counts, "fill_s": round(fill_s, 1),
        "query_ms": median_ms(query), "baseline_scan_ms": median_ms(scan),
        "query_ratio": round(statistics.median(query) / statistics.median(scan), 2),
        "dashboard_ms": median_ms(dash),
        "pdf_ms": median_ms(pdf), "baseline_pdf_ms": median_ms(base_pdf),
        "pdf_ratio": round(statistics.median(pdf) / statistics.median(base_pdf), 2),
        "pdf_bytes": size, "target_query_s": TARGET_QUERY_S,
        "meets_target": statistics.median(query) <= TARGET_QUERY_S,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=30, help="days of activity (1-30)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if not 1 <= args.days <= 30 or args.workers < CHECKINS_PER_DAY or args.repeat < 1:
        parser.error("--days 1..30, --workers ≥ 2000, --repeat ≥ 1")
    print(json.dumps(run(args.workers, args.days, args.repeat), ensure_ascii=False))


if __name__ == "__main__":
    main()
