"""The big-screen board with 5,000 open jobs: page flips, refreshes and memory over time.

    .venv/bin/python bench/board.py [--jobs 5000] [--flips 1000] [--refreshes 1000]

A 1920×1080 board window (offscreen) on a real SQLite file filled through `Services`.
- flip: `next_page()` plus a synchronous repaint of the whole window, with idle event-loop
  turns between flips (on a real board 12 s pass; the next page's QR codes are made then).
  Baseline, in the same run and interleaved: the same cards repainted without a flip (no
  new text, no new QR codes), i.e. what painting that frame costs.
  Target: flip p95 ≤ 16 ms (one frame at 60 Hz).
- RSS (resident memory) after all the flips (target ≤ 250 MB).
- refresh: one job posted or closed through `Services`, then the board's reader loads the
  new snapshot and the window applies it, as the feed thread and the GUI thread do. RSS
  growth from after the first 100 refreshes to the end (target ≈ 0; 10 MB allowed for the
  allocator's slack).

Prints one JSON object. It asserts nothing: it is a measurement tool.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from kiosk.core.catalogue import load_catalogue
from kiosk.core.drafts import EmployerDraft, JobDraft
from kiosk.core.errors import Err, Ok, Result
from kiosk.core.privacy import new_blind_index_key
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.board import BoardReader
from kiosk.store.store import Store
from kiosk.system.config import default_config
from kiosk.ui.board.window import BoardWindow
from kiosk.ui.fonts import install_cjk_font

V = TypeVar("V")
HALL_TIME = datetime(2026, 11, 23, 0, 30, tzinfo=UTC)  # 08:30 in Jinan
TRADES = ("C01", "C03", "C05", "S01", "S03", "L01", "L02", "M01", "O01", "O02")
TARGET_FLIP_P95_MS = 16.0
TARGET_RSS_MB = 250.0
ALLOWED_GROWTH_MB = 10.0
IDLE_TURNS = 12  # event-loop turns between flips: the prefetch makes one QR per turn


class FixedClock:
    def now(self) -> datetime:
        return HALL_TIME


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def ok(result: Result[V]) -> V:
    if isinstance(result, Err):
        raise SystemExit(f"setup failed: {result.errors}")
    assert isinstance(result, Ok)
    return result.value


def new_employer(services: Services, name: str, phone: str) -> str:
    return ok(services.register_employer(EmployerDraft(
        kind="individual", name=name, phone=phone, display_name=name))).id


def post(services: Services, employer_id: str, i: int) -> str:
    """The i-th job: trades, start times, pay and urgency vary as on a real board."""
    draft = JobDraft(
        employer_id=employer_id, trade=TRADES[i % len(TRADES)],
        title=f"岗位{i:05d} 小区外墙砌砖", place="槐荫区腊山河西路 阳光小区",
        start_date=services.today(), start_time=("06:30", "07:00", "")[i % 3],
        pay_amount=str(150 + i % 300), pay_unit="day", settlement="daily",
        headcount=str(1 + i % 5), urgent=i % 7 == 0, area="槐荫区")
    return ok(services.post_job(draft)).id


def summary(samples_ns: list[int]) -> dict[str, float]:
    cuts = statistics.quantiles(samples_ns, n=100, method="inclusive")
    return {"p50_ms": round(statistics.median(samples_ns) / 1e6, 3),
            "p95_ms": round(cuts[94] / 1e6, 3), "max_ms": round(max(samples_ns) / 1e6, 3)}


def idle(app: QApplication) -> None:
    for _ in range(IDLE_TURNS):
        app.processEvents()


def measure_flips(app: QApplication, window: BoardWindow, flips: int) -> dict[str, Any]:
    flip_ns: list[int] = []
    frame_ns: list[int] = []
    for _ in range(flips):
        idle(app)
        started = time.perf_counter_ns()
        for card in window.paged.cards:  # the same cards painted again, no new data
            card.update()
        window.repaint()
        frame_ns.append(time.perf_counter_ns() - started)
        idle(app)
        started = time.perf_counter_ns()
        window.next_page()
        window.repaint()
        flip_ns.append(time.perf_counter_ns() - started)
    flip, frame = summary(flip_ns), summary(frame_ns)
    return {"flip": flip, "baseline_frame": frame,
            "ratio_p50": round(flip["p50_ms"] / frame["p50_ms"], 3),
            "ratio_p95": round(flip["p95_ms"] / frame["p95_ms"], 3)}


def measure_refreshes(app: QApplication, window: BoardWindow, services: Services,
                      job_ids: list[str], refreshes: int) -> dict[str, Any]:
    """Close a job or post one, then load and apply the new snapshot, `refreshes` times."""
    employer_id = new_employer(services, "王女士", "13905310000")
    reader = BoardReader(services.store.path, services.settings.hall_id)
    load_ns: list[int] = []
    apply_ns: list[int] = []
    rss_after_warmup = 0.0
    warmup = min(100, refreshes // 2)
    for i in range(refreshes):
        if i % 2 == 0:
            ok(services.close_job(job_ids.pop(0)))
        else:
            job_ids.append(post(services, employer_id, len(job_ids) + i))
        started = time.perf_counter_ns()
        snapshot = reader.load(HALL_TIME)
        load_ns.append(time.perf_counter_ns() - started)
        started = time.perf_counter_ns()
        window.apply_snapshot(snapshot)
        window.repaint()
        apply_ns.append(time.perf_counter_ns() - started)
        idle(app)
        if i + 1 == warmup:
            gc.collect()
            rss_after_warmup = rss_mb()
    reader.close()
    gc.collect()
    growth = rss_mb() - rss_after_warmup
    return {"load_snapshot": summary(load_ns), "apply_and_paint": summary(apply_ns),
            "rss_growth_mb": round(growth, 2), "measured_from_refresh": warmup,
            "allowed_growth_mb": ALLOWED_GROWTH_MB}


def run(jobs: int, flips: int, refreshes: int) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_cjk_font()
    with tempfile.TemporaryDirectory(prefix="bench-board-") as tmp:
        store = Store(Path(tmp) / "kiosk.sqlite3")
        config = default_config("T01")
        services = Services(store, HallSettings(
            hall_id=config.hall.id, terminal_id="T01", blind_index_key=new_blind_index_key()),
            load_catalogue(), FixedClock())
        started = time.perf_counter()
        employer_id = new_employer(services, "鲁建劳务", "13905317788")
        job_ids = [post(services, employer_id, i) for i in range(jobs)]
        fill_s = time.perf_counter() - started
        window = BoardWindow(config, services.catalogue, store.path, services.clock,
                             animate=False)
        window.feed.stop()  # the bench loads snapshots itself, in this thread
        window.resize(1920, 1080)
        window.show()
        idle(app)
        pages = window.paged.page_count
        rss_start = rss_mb()
        flipping = measure_flips(app, window, flips)
        gc.collect()
        rss_after_flips = rss_mb()
        refreshing = measure_refreshes(app, window, services, job_ids, refreshes)
        window.shutdown()
        window.deleteLater()
        app.processEvents()
        store.close()
    flip_p95 = flipping["flip"]["p95_ms"]
    growth = refreshing["rss_growth_mb"]
    return {
        "jobs": jobs, "pages": pages, "flips": flips, "refreshes": refreshes,
        "fill_seconds": round(fill_s, 1), **flipping,
        "rss_start_mb": round(rss_start, 1), "rss_after_flips_mb": round(rss_after_flips, 1),
        **refreshing,
        "targets": {"flip_p95_ms": TARGET_FLIP_P95_MS, "rss_mb": TARGET_RSS_MB},
        "meets_target": (flip_p95 <= TARGET_FLIP_P95_MS and rss_after_flips <= TARGET_RSS_MB
                         and growth <= ALLOWED_GROWTH_MB),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--flips", type=int, default=1000)
    parser.add_argument("--refreshes", type=int, default=1000)
    args = parser.parse_args(argv)
    if min(args.flips, args.refreshes) < 2 or args.jobs < 1:
        parser.error("--flips and --refreshes must be at least 2, --jobs at least 1")
    print(json.dumps(run(args.jobs, args.flips, args.refreshes)))


if __name__ == "__main__":
    main()
