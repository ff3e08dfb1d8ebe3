"""Latency of registering a worker, against a bare SQLite insert measured in the same run.

    .venv/bin/python bench/store_write.py [--n 2000] [--warmup 100]

`Services.register_worker` validates the draft, computes the blind index, checks for a
duplicate and writes the worker row and its outbox change in one IMMEDIATE transaction
(WAL, synchronous=FULL). The baseline is a raw sqlite3 connection to another file in the
same directory, with the same pragmas, inserting the same worker's JSON payload as one row
(`INSERT INTO t(id, body) VALUES (?, ?)`) in its own transaction. The two are interleaved,
one operation each in turn, so that disk and CPU drift hit both alike.

Prints one JSON object. It asserts nothing: it is a measurement tool.
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.core.catalogue import load_catalogue
from kiosk.core.codec import canonical_json, to_payload
from kiosk.core.drafts import WorkerDraft
from kiosk.core.errors import Err
from kiosk.core.fields import with_check_digit
from kiosk.core.privacy import new_blind_index_key
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.store import Store

TARGET_RATIO = 2.0
_BIRTHS = 20_000  # distinct birth dates per sequence number (1940-01-01 onwards)


def worker_draft(i: int) -> WorkerDraft:
    """The i-th of many distinct, valid worker registrations."""
    birth = date(1940, 1, 1) + timedelta(days=i % _BIRTHS)
    seq = 100 + i // _BIRTHS
    number = with_check_digit(f"370104{birth:%Y%m%d}{seq:03d}")
    return WorkerDraft(name="张建国", id_number=number, phone="13805311234",
                       trades=["C01", "C09"], consent_given=True)


def baseline_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
    return conn


def baseline_insert(conn: sqlite3.Connection, row_id: str, body: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO t(id, body) VALUES (?, ?)", (row_id, body))
    conn.execute("COMMIT")


def summary(samples_ns: list[int]) -> dict[str, float]:
    cuts = statistics.quantiles(samples_ns, n=100, method="inclusive")
    return {"p50_ms": round(statistics.median(samples_ns) / 1e6, 4),
            "p95_ms": round(cuts[94] / 1e6, 4)}


def run(n: int, warmup: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-store-write-") as tmp:
        store = Store(Path(tmp) / "kiosk.sqlite3")
        services = Services(store, HallSettings(
            hall_id="370104-DDBL", terminal_id="T01", blind_index_key=new_blind_index_key()),
            load_catalogue())
        raw = baseline_connection(Path(tmp) / "baseline.sqlite3")
        service_ns: list[int] = []
        baseline_ns: list[int] = []
        try:
            gc.collect()
            for i in range(warmup + n):
                draft = worker_draft(i)

                started = time.perf_counter_ns()
                result = services.register_worker(draft)
                service_time = time.perf_counter_ns() - started
                if isinstance(result, Err):
                    raise SystemExit(f"registration {i} failed: {result.errors}")
                worker = result.value
                body = canonical_json(to_payload(worker))

                started = time.perf_counter_ns()
                baseline_insert(raw, worker.id, body)
                baseline_time = time.perf_counter_ns() - started

                if i >= warmup:
                    service_ns.append(service_time)
                    baseline_ns.append(baseline_time)
        finally:
            raw.close()
            store.close()

    service = summary(service_ns)
    baseline = summary(baseline_ns)
    ratio_p50 = round(service["p50_ms"] / baseline["p50_ms"], 3)
    ratio_p95 = round(service["p95_ms"] / baseline["p95_ms"], 3)
    return {
        "n": n,
        "register_worker": service,
        "baseline": baseline,
        "ratio_p50": ratio_p50,
        "ratio_p95": ratio_p95,
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio_p50 <= TARGET_RATIO and ratio_p95 <= TARGET_RATIO,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=2000, help="measured registrations")
    parser.add_argument("--warmup", type=int, default=100, help="unmeasured ones first")
    args = parser.parse_args(argv)
    if args.n < 2:
        parser.error("--n must be at least 2")
    print(json.dumps(run(args.n, args.warmup)))


if __name__ == "__main__":
    main()
