"""City hub and sync benchmarks: `kiosk-hub serve` on PostgreSQL over loopback.

    .venv/bin/python bench/sync.py [--n 100000] [--terminals 300] [--seconds 60]
                                   [--interval 5] [--workers 2] [--in-flight 2]
                                   [--only push|fleet]

A throwaway PostgreSQL cluster is started (as in the hub tests) and removed afterwards.

1. push: N records of a hall's day (bench/_sync_records.py: check-ins, workers, referrals,
   employers, jobs, 131 service events, audit events) queued in one terminal's outbox,
   pushed by the real agent: batches of 500, `--in-flight` batches on the wire, gzip JSON,
   one hub transaction per batch with per-change answers and the records materialised.
   Baseline in the same run: a psycopg `COPY` of the same change rows into a scratch table.
   Targets: ≥ 20,000 records/s and ≥ 0.25× the COPY rate.
2. fleet: `--terminals` terminals of 15 halls syncing at once for `--seconds` seconds
   (bench/_sync_fleet.py). Baseline in the same run: one terminal alone. Targets: push p99
   ≤ 500 ms and no errors; the hub then holds exactly the changes sent.

The hub runs `--workers` server processes. Prints one JSON object; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import psycopg

from bench._sync_fleet import (
    alone,
    hub_changes,
    make_fleet,
    percentiles,
    run_fleet,
    warm_up,
)
from bench._sync_records import HallDay
from kiosk.store.outbox import ChangeOp
from kiosk.store.store import Store
from sync.agent import SyncAgent
from sync.hub.database import make_engine, migrate
from sync.hub.terminals import add_terminal
from sync.provisioning import Provisioning
from tests.sync.netparts import hub_process
from tests.sync.pg import PostgresServer, find_bin_dir

HALL = "370104-DDBL"
TARGET_RATE, TARGET_RATIO, TARGET_P99_MS = 20_000, 0.25, 500.0


def fill_outbox(store: Store, terminal_id: str, n: int) -> None:
    with store.write() as tx:
        for record in HallDay(HALL, terminal_id, seed=7).records(n):
            tx.save(record, ChangeOp.CREATE)


def push_benchmark(server: PostgresServer, args: argparse.Namespace,
                   tmp: Path) -> dict[str, Any]:
    url = server.new_database()
    engine = make_engine(url)
    migrate(engine)
    terminal, token = add_terminal(engine, HALL, "bench")
    store = Store(tmp / "terminal.sqlite3")
    fill_outbox(store, terminal, args.n)
    copy = copy_rate(server, store, args.n)
    with (hub_process(url, tmp / "hub.log", workers=args.workers) as base,
          httpx.Client(timeout=60) as client):
        agent = SyncAgent(store, Provisioning(base, terminal, HALL, token), client,
                          in_flight=args.in_flight)
        start = time.perf_counter()
        report = agent.sync_once()
        elapsed = time.perf_counter() - start
    store.close()
    stored = hub_changes(engine)
    engine.dispose()
    if not report.ok or report.stored != args.n or stored != args.n:
        raise SystemExit(f"push failed: {report}, hub has {stored}")
    push = args.n / elapsed
    return {"records": args.n, "seconds": round(elapsed, 2), "push_records_per_s": round(push),
            "copy_rows_per_s": round(copy), "ratio_to_copy": round(push / copy, 3),
            "meets_target": push >= TARGET_RATE and push / copy >= TARGET_RATIO}


def copy_rate(server: PostgresServer, store: Store, n: int) -> float:
    rows = store.conn.execute(
        "SELECT change_id, content_hash, entity, entity_id, op, payload, created_at "
        "FROM outbox ORDER BY seq").fetchall()
    url = server.new_database().replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE scratch (seq BIGSERIAL PRIMARY KEY, change_id TEXT UNIQUE, "
                     "content_hash TEXT, record_type TEXT, record_id TEXT, op TEXT, "
                     "payload TEXT, created_at TEXT)")
        start = time.perf_counter()
        with conn.cursor().copy("COPY scratch (change_id, content_hash, record_type, "
                                "record_id, op, payload, created_at) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        conn.commit()
        elapsed = time.perf_counter() - start
    return n / elapsed


def fleet_benchmark(server: PostgresServer, args: argparse.Namespace,
                    tmp: Path) -> dict[str, Any]:
    url = server.new_database()
    engine = make_engine(url)
    migrate(engine)
    fleet = make_fleet(engine, args.terminals + 1, args.seconds, seed=11,
                       interval=args.interval)
    solo = fleet.pop()  # the baseline's terminal
    with hub_process(url, tmp / "fleet-hub.log", workers=args.workers) as base:
        single = percentiles(asyncio.run(alone(base, solo, batches=len(solo.bodies))))
        asyncio.run(warm_up(base, fleet, engine))
        sent_before = hub_changes(engine)
        started = time.perf_counter()
        tally = asyncio.run(run_fleet(base, fleet, args.seconds, seed=13,
                                      interval=args.interval))
        elapsed = time.perf_counter() - started
    stored = hub_changes(engine) - sent_before
    engine.dispose()
    pushes = percentiles(tally.latencies_ms)
    return {"terminals": args.terminals, "interval_s": args.interval,
            "seconds": round(elapsed, 1),
            "pushes": len(tally.latencies_ms), "records": tally.records_sent,
            "records_per_s": round(tally.records_sent / elapsed),
            "pulls": tally.pulls, "pulled_items": tally.pulled_items,
            "push_latency": pushes, "single_terminal": single,
            "ratio_p99_to_single_p50": round(pushes["p99_ms"] / single["p50_ms"], 2),
            "errors": len(tally.errors), "first_errors": tally.errors[:5],
            "hub_changes_stored": stored, "exactly_once": stored == tally.records_sent,
            "meets_target": (pushes["p99_ms"] <= TARGET_P99_MS and not tally.errors
                             and stored == tally.records_sent)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--terminals", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=5.0,
                        help="fleet: mean seconds between a terminal's syncs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--in-flight", type=int, default=2)
    parser.add_argument("--only", choices=("push", "fleet"))
    args = parser.parse_args()
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL binaries not found (Debian package postgresql)")
    server = PostgresServer(bin_dir)
    server.start()
    result: dict[str, Any] = {"hub_workers": args.workers}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            if args.only != "fleet":
                result["push"] = push_benchmark(server, args, Path(tmp))
            if args.only != "push":
                result["fleet"] = fleet_benchmark(server, args, Path(tmp))
    finally:
        server.stop()
    result["targets"] = {"push_records_per_s": TARGET_RATE, "push_ratio_to_copy": TARGET_RATIO,
                         "fleet_p99_ms": TARGET_P99_MS, "fleet_errors": 0}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
