"""Print jobs are rows, written in the same transaction as the record that caused them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk.core.ids import new_id


class PrintKind(StrEnum):
    CARD = "card"  # worker card / registration receipt
    QUEUE = "queue"  # check-in queue ticket
    REFERRAL = "referral"  # 派工单
    INTEREST = "interest"  # 我想干 ticket
    COMPLAINT = "complaint"  # complaint receipt
    REPORT = "report"
    ERASURE = "erasure"  # receipt for a worker whose personal data was deleted
    HANDOFF = "handoff"  # a complaint's hand-off sheet to 劳动保障监察
    POLICY = "policy"  # a policy page (明白纸) the city published; ref_id is the page id
    COURSE = "course"  # a training sign-up: the course's dates, place, what to bring
    SELF_POST = "self_post"  # an employer's receipt for a post waiting for review


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
    error_code: str | None = None
    next_attempt_at: str | None = None


_JOB_COLUMNS = ("id, kind, ref_entity, ref_id, printer, state, attempts, last_error, created_at, "
                "error_code, next_attempt_at")


def _job(row: tuple[Any, ...]) -> PrintJob:
    return PrintJob(row[0], PrintKind(row[1]), row[2], row[3], row[4], PrintState(row[5]), row[6],
                    row[7], row[8], row[9], row[10])


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
        """Jobs waiting to print, oldest first (the order they must come out in)."""
        rows = self._conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM print_jobs WHERE state = 'queued' ORDER BY created_at, id")
        return [_job(r) for r in rows]

    def latest_for(self, ref_entity: str, ref_id: str, since: str = "") -> PrintJob | None:
        """The last print job of a record queued at or after `since` (UTC ISO), if any."""
        row = self._conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM print_jobs WHERE ref_entity = ? AND ref_id = ? "
            "AND created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (ref_entity, ref_id, since)).fetchone()
        return None if row is None else _job(row)

    def get(self, job_id: str) -> PrintJob | None:
        row = self._conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM print_jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else _job(row)

    def needing_attention(self, stuck_before: str | None = None) -> list[PrintJob]:
        """What staff must see: jobs that failed, or are waiting to retry after a fault; with
        `stuck_before`, also jobs `printing` since before then (their process died)."""
        rows = self._conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM print_jobs WHERE state = 'failed' "
            "OR (state = 'queued' AND error_code IS NOT NULL) "
            "OR (state = 'printing' AND updated_at < ?) ORDER BY created_at, id",
            (stuck_before or "",))
        return [_job(r) for r in rows]

    # Each transition is one UPDATE guarded by the state it expects, so two workers (or a
    # worker and a staff action) can never both move the same job.
    def claim(self, job_id: str, now: str) -> bool:
        """queued → printing; False if someone else moved it first."""
        return self._move(job_id, "queued", "state = 'printing', attempts = attempts + 1, "
                          "updated_at = ?", (now,))

    def mark_printed(self, job_id: str, now: str) -> bool:
        return self._move(job_id, "printing", "state = 'printed', printed_at = ?, updated_at = ?, "
                          "error_code = NULL, last_error = NULL, next_attempt_at = NULL",
                          (now, now))

    def mark_retry(self, job_id: str, code: str, detail: str, retry_at: str, now: str) -> bool:
        """printing → queued again, to be retried at `retry_at`, with the reason kept."""
        return self._move(job_id, "printing", "state = 'queued', error_code = ?, last_error = ?, "
                          "next_attempt_at = ?, updated_at = ?", (code, detail, retry_at, now))

    def mark_failed(self, job_id: str, code: str, detail: str, now: str) -> bool:
        """printing → failed: staff decide (reprint or cancel); never retried by itself."""
        return self._move(job_id, "printing", "state = 'failed', error_code = ?, last_error = ?, "
                          "next_attempt_at = NULL, updated_at = ?", (code, detail, now))

    def last_send_cut_short(self) -> bool:
        """Whether the latest job to finish was cut short mid-send (partial or interrupted):
        the printer may still hold half a ticket."""
        row = self._conn.execute(
            "SELECT error_code FROM print_jobs WHERE state IN ('printed', 'failed') "
            "ORDER BY updated_at DESC, id DESC LIMIT 1").fetchone()
        return row is not None and row[0] in ("partial", "interrupted")

    def fail_interrupted(self, now: str, stuck_before: str | None = None) -> int:
        """After a restart: jobs left 'printing' may or may not have come out. Staff decide
        (reprint or cancel) rather than the machine printing them twice. With `stuck_before`,
        only jobs `printing` since before then (a live worker's current job is left alone)."""
        cursor = self._conn.execute(
            "UPDATE print_jobs SET state = 'failed', error_code = 'interrupted', "
            "updated_at = ? WHERE state = 'printing' AND updated_at < ?",
            (now, stuck_before or "9999"))
        return cursor.rowcount

    def fail_stuck(self, job_id: str, now: str, stuck_before: str) -> bool:
        """One job left `printing` since before `stuck_before` (its process died) goes to
        staff as interrupted; a job a live worker is sending is left alone."""
        cursor = self._conn.execute(
            "UPDATE print_jobs SET state = 'failed', error_code = 'interrupted', "
            "updated_at = ? WHERE id = ? AND state = 'printing' AND updated_at < ?",
            (now, job_id, stuck_before))
        return cursor.rowcount == 1

    def reprint(self, job_id: str, now: str) -> bool:
        return self._move(job_id, ("failed", "queued", "printed"),
                          "state = 'queued', error_code = NULL, last_error = NULL, "
                          "next_attempt_at = NULL, updated_at = ?", (now,))

    def cancel(self, job_id: str, now: str) -> bool:
        return self._move(job_id, ("failed", "queued"), "state = 'cancelled', updated_at = ?",
                          (now,))

    def _move(self, job_id: str, expected: str | tuple[str, ...], assignments: str,
              params: tuple[str, ...]) -> bool:
        states = (expected,) if isinstance(expected, str) else expected
        marks = ", ".join("?" for _ in states)
        cursor = self._conn.execute(
            f"UPDATE print_jobs SET {assignments} WHERE id = ? AND state IN ({marks})",
            (*params, job_id, *states))
        return cursor.rowcount == 1

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
