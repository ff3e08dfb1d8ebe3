"""Print jobs are rows, written in the same transaction as the record that caused them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.ids import new_id


class PrintKind(StrEnum):
    CARD = "card"  # worker card / registration receipt
    QUEUE = "queue"  # check-in queue ticket
    REFERRAL = "referral"  # 派工单
    INTEREST = "interest"  # 我想干 ticket
    COMPLAINT = "complaint"  # complaint receipt
    REPORT = "report"


class PrintState(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class PrintJob:
    id: str
    kind: PrintKind
    ref_entity: str
    ref_id: str
    printer: str
    state: PrintState
    attempts: int
    last_error: str | None
    created_at: str


class PrintQueue:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def enqueue(self, kind: PrintKind, ref_entity: str, ref_id: str, now: str,
                printer: str = "") -> str:
        job_id = new_id()
        self._conn.execute(
            "INSERT INTO print_jobs (id, kind, ref_entity, ref_id, printer, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (job_id, kind.value, ref_entity, ref_id, printer, now, now),
        )
        return job_id

    def queued(self) -> list[PrintJob]:
        rows = self._conn.execute(
            "SELECT id, kind, ref_entity, ref_id, printer, state, attempts, last_error, "
            "created_at FROM print_jobs WHERE state = 'queued' ORDER BY created_at, id"
        )
        return [
            PrintJob(r[0], PrintKind(r[1]), r[2], r[3], r[4], PrintState(r[5]), r[6], r[7], r[8])
            for r in rows
        ]

    def counts_by_state(self) -> dict[str, int]:
        counts = {state.value: 0 for state in PrintState}
        for state, count in self._conn.execute(
            "SELECT state, COUNT(*) FROM print_jobs GROUP BY state"
        ):
            counts[state] = count
        return counts


def next_number(conn: sqlite3.Connection, hall_id: str, day: str, kind: str) -> int:
    """The next number of a per-hall, per-day sequence (queue tickets, complaint numbers)."""
    row = conn.execute(
        "INSERT INTO queue_counters (hall_id, day, kind, last_no) VALUES (?, ?, ?, 1) "
        "ON CONFLICT (hall_id, day, kind) DO UPDATE SET last_no = last_no + 1 "
        "RETURNING last_no",
        (hall_id, day, kind),
    ).fetchone()
    return int(row[0])
