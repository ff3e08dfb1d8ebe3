"""Push throughput: N queued records from one terminal to `kiosk-hub serve` on PostgreSQL
over loopback, against a psycopg COPY of the same change rows in the same run.

    .venv/bin/python bench/sync_push.py [--n 100000]

A throwaway PostgreSQL cluster is started (as in the hub tests) and removed afterwards.
The terminal's outbox is filled with employer records (one transaction), then the agent
pushes it in batches of 500 (gzip JSON, one hub transaction per batch, per-change answers,
records materialised). The baseline copies the same rows (change id, hash, payload …)
into a scratch table with `COPY … FROM STDIN`. Targets: ≥ 20,000 records/s and ≥ 0.25×
the COPY rate. Prints one JSON object; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import psycopg

from kiosk.core.ids import new_id
from kiosk.core.records import Employer, EmployerKind
from kiosk.store.outbox import ChangeOp
from kiosk.store.store import Store
from sync.agent import SyncAgent
from sync.hub.database import make_engine, migrate
from sync.hub.terminals import add_terminal
from sync.provisioning import Provisioning
from tests.sync.netparts import hub_process
from tests.sync.pg import PostgresServer, find_bin_dir

HALL = "370104-DDBL"
TARGET_RATE, TARGET_RATIO = 20_000, 0.25


def fill_outbox(store: Store, n: int) -> None:
    now = datetime.now(UTC)
    with store.write() as tx:
        for i in range(n):
            tx.save(Employer(id=new_id(), hall_id=HALL, kind=EmployerKind.INDIVIDUAL,
                             name=f"雇主{i}", display_name=f"雇主{i}", contact_name="",
                             phone="13905317788", uscc=None, created_at=now, updated_at=now),
                    ChangeOp.CREATE)


def push_rate(server: PostgresServer, store: Store, n: int, tmp: Path) -> float:
    url = server.new_database()
    engine = make_engine(url)
    migrate(engine)
    terminal, token = add_terminal(engine, HALL, "bench")
    engine.dispose()
    with hub_process(url, tmp / "hub.log") as base, httpx.Client(timeout=60) as client:
        agent = SyncAgent(store, Provisioning(base, terminal, HALL, token), client)
        start = time.perf_counter()
        report = agent.sync_once()
        elapsed = time.perf_counter() - start
    if not report.ok or report.stored != n:
        raise SystemExit(f"push failed: {report}")
    return n / elapsed


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL binaries not found (Debian package postgresql)")
    server = PostgresServer(bin_dir)
    server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "terminal.sqlite3")
            fill_outbox(store, args.n)
            copy = copy_rate(server, store, args.n)
            push = push_rate(server, store, args.n, Path(tmp))
            store.close()
    finally:
        server.stop()
    print(json.dumps({
        "records": args.n, "push_records_per_s": round(push), "copy_rows_per_s": round(copy),
        "ratio_to_copy": round(push / copy, 3), "target_records_per_s": TARGET_RATE,
        "target_ratio": TARGET_RATIO}))


if __name__ == "__main__":
    main()
