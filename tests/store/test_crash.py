"""Kill -9 a process writing through Services, many times, then check the file.

Every use case writes its record and its outbox change in one transaction, so whatever the
moment of the kill the file must be sound, every record must have its change (and every
change its record), numbers must have no gaps, and every commit the writer reported must
still be there.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

from kiosk.core.catalogue import load_catalogue
from kiosk.core.codec import canonical_json, content_hash
from kiosk.core.records import ENTITY_TYPES
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.store.tables import TABLE_NAMES
from tests.conftest import HALL_MORNING, TODAY, FixedClock, worker_draft

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 24
HALL = "370104-DDBL"
CREATE_ONLY = ("worker", "employer", "checkin", "service_event", "complaint", "notice")
TABLE_OF = {entity: TABLE_NAMES[cls] for entity, cls in ENTITY_TYPES.items()}


@dataclass
class Run:
    started: threading.Event = field(default_factory=threading.Event)
    committed: list[tuple[str, str]] = field(default_factory=list)


def _drain(stream: IO[bytes], run: Run) -> None:
    for raw in stream:
        if not raw.endswith(b"\n"):
            break  # cut off by the kill: not a finished report
        line = raw.decode().strip()
        if line == "started":
            run.started.set()
        else:
            entity, record_id = line.split()
            run.committed.append((entity, record_id))


def _run_and_kill(db: Path, number: int, rng: random.Random, tmp: Path) -> Run:
    errors = tmp / f"stderr-{number}.txt"
    with errors.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(db), str(number), HALL_MORNING.isoformat()],
            stdout=subprocess.PIPE, stderr=err)
    assert proc.stdout is not None
    run = Run()
    reader = threading.Thread(target=_drain, args=(proc.stdout, run), daemon=True)
    reader.start()
    try:
        if not run.started.wait(20):
            pytest.fail(f"writer {number} did not start: {errors.read_text()}")
        # mostly early kills; every third run lives long enough to update records too
        # (the first updates come on the second round of the writer's loop)
        time.sleep(rng.uniform(0.300, 0.800) if number % 3 == 2 else rng.uniform(0.020, 0.300))
        still_running = proc.poll() is None
        proc.kill()  # SIGKILL
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    reader.join(10)
    proc.stdout.close()
    assert still_running, f"writer {number} stopped by itself: {errors.read_text()}"
    assert proc.returncode == -9
    return run


def _table_ids(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[0] for r in conn.execute(f"SELECT id FROM {table}")}


Changes = dict[tuple[str, str], list[tuple[str, str, str]]]


def _check_changes_match_records(conn: sqlite3.Connection, ids: dict[str, set[str]]) -> Changes:
    """Every change has its record, every record its change(s); hashes are right."""
    by_record: Changes = {}
    for entity, entity_id, op, payload, digest in conn.execute(
            "SELECT entity, entity_id, op, payload, content_hash FROM outbox ORDER BY seq"):
        assert entity in TABLE_OF, entity
        assert entity_id in ids[entity], f"change without record {entity} {entity_id}"
        by_record.setdefault((entity, entity_id), []).append((op, payload, digest))
    missing = [(e, i) for e, record_ids in ids.items() for i in record_ids
               if (e, i) not in by_record]
    assert missing == [], "records without a change"

    for (entity, record_id), rows in by_record.items():
        ops = [op for op, _, _ in rows]
        assert ops[0] == "create", ops
        assert all(op == "update" for op in ops[1:]), ops
        for _, payload, digest in rows:
            parsed = json.loads(payload)
            assert canonical_json(parsed) == payload
            assert content_hash(parsed) == digest
            assert parsed["id"] == record_id
        if entity in CREATE_ONLY:
            assert len(rows) == 1, f"{entity} {record_id} has {len(rows)} changes"
    return by_record


def _check_histories(conn: sqlite3.Connection, by_record: Changes) -> None:
    """Jobs and referrals change: the last change is the stored row, counts fit the story."""
    for table, entity in (("jobs", "job"), ("referrals", "referral")):
        cursor = conn.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            current = dict(zip(columns, row, strict=True))
            history = by_record[(entity, current["id"])]
            last = json.loads(history[-1][1])
            assert last["status"] == current["status"]
            assert last["updated_at"] == current["updated_at"]
            if entity == "job":
                assert last["headcount_filled"] == current["headcount_filled"]
                expected = 1 + current["headcount_filled"] + (current["status"] == "closed")
            else:
                touch = current["origin"] == "touchscreen"
                expected = (1 + (touch and current["status"] in ("referred", "hired"))
                            + (current["status"] == "hired"))
            assert len(history) == expected, f"{entity} {current} has {len(history)} changes"

    # hires never exceed the places, and each hire filled exactly one place
    assert conn.execute(
        "SELECT COUNT(*) FROM jobs WHERE headcount_filled > headcount").fetchone()[0] == 0
    hires = Counter(r[0] for r in conn.execute(
        "SELECT job_id FROM referrals WHERE status = 'hired'"))
    for job_id, filled in conn.execute("SELECT id, headcount_filled FROM jobs"):
        assert hires[job_id] == filled


def _check_numbers(conn: sqlite3.Connection) -> None:
    """Per-day numbers: no gaps, no doubles, counters in step with the records."""
    counters = dict(conn.execute(
        "SELECT kind, last_no FROM queue_counters WHERE hall_id = ? AND day = ?",
        [HALL, TODAY.isoformat()]).fetchall())
    queue = sorted(r[0] for r in conn.execute("SELECT queue_no FROM checkins"))
    assert queue == list(range(1, len(queue) + 1))
    assert counters.get("checkin", 0) == len(queue)
    # a 我想干 request carries its worker's one number of the day: their check-in's
    assert conn.execute(
        "SELECT COUNT(*) FROM referrals r WHERE r.origin = 'touchscreen' AND NOT EXISTS ("
        " SELECT 1 FROM checkins c WHERE c.worker_id = r.worker_id"
        " AND c.queue_no = r.queue_no)").fetchone()[0] == 0
    numbers = sorted(int(r[0].rsplit("-", 1)[1]) for r in conn.execute(
        "SELECT number FROM complaints"))
    assert numbers == list(range(1, len(numbers) + 1))
    assert counters.get("complaint", 0) == len(numbers)


def _check_print_jobs(conn: sqlite3.Connection, ids: dict[str, set[str]]) -> None:
    """Print jobs belong to stored records; every worker its card, every check-in its ticket."""
    for entity, ref_id in conn.execute("SELECT ref_entity, ref_id FROM print_jobs"):
        assert ref_id in ids[entity]
    cards = Counter(r[0] for r in conn.execute(
        "SELECT ref_id FROM print_jobs WHERE kind = 'card'"))
    assert cards == Counter(ids["worker"])
    tickets = Counter(r[0] for r in conn.execute(
        "SELECT ref_id FROM print_jobs WHERE kind = 'queue'"))
    assert tickets == Counter(ids["checkin"])


@pytest.mark.slow
def test_kill_9_while_writing_never_splits_a_record_from_its_change(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    db = tmp_path / "kiosk.sqlite3"
    runs = [_run_and_kill(db, n, rng, tmp_path) for n in range(KILLS)]
    print(f"crash test seed {seed}")  # shown by pytest when the test fails

    committed = [c for run in runs for c in run.committed]
    assert len(committed) >= KILLS, "the writer hardly wrote anything"
    assert sum(1 for run in runs if run.committed) >= KILLS // 2

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        ids = {entity: _table_ids(conn, table) for entity, table in TABLE_OF.items()}
        # every commit the writer reported survived the kill
        assert [(e, i) for e, i in committed if i not in ids[e]] == []
        by_record = _check_changes_match_records(conn, ids)
        _check_histories(conn, by_record)
        _check_numbers(conn)
        _check_print_jobs(conn, ids)
    finally:
        conn.close()
    assert ids["worker"]
    assert any(len(rows) > 1 for rows in by_record.values())  # some updates were exercised

    # and the kiosk opens the file and carries on
    store = Store(db)
    try:
        services = Services(store, HallSettings(HALL, "T01", b"k" * 32), load_catalogue(),
                            FixedClock())
        assert services.register_worker(worker_draft()).ok
        assert store.workers.count() == len(ids["worker"]) + 1
    finally:
        store.close()
