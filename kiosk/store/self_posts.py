"""Employers' own posts waiting for review (kiosk.core.self_posts): this hall's only, never
in the outbox. Writes run inside the store's transaction."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from kiosk.core.codec import iso_utc
from kiosk.core.self_posts import (
    SelfPost,
    SelfPostSource,
    SelfPostStatus,
    employer_draft_from_data,
    employer_draft_to_data,
    job_draft_from_data,
    job_draft_to_data,
)

_COLUMNS = ("id", "hall_id", "reference", "source", "employer_id", "employer", "job", "status",
            "reason", "staff_id", "job_id", "created_at", "decided_at")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM self_posts"


class SelfPostTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def insert(self, post: SelfPost) -> None:
        self._conn.execute(
            f"INSERT INTO self_posts ({', '.join(_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_COLUMNS))})", _values(post))

    def save_decision(self, post: SelfPost) -> bool:
        """Store an approval or a refusal; False when the post was no longer pending
        (another counter decided first)."""
        cursor = self._conn.execute(
            "UPDATE self_posts SET status = ?, reason = ?, staff_id = ?, job_id = ?, "
            "decided_at = ? WHERE id = ? AND status = 'pending'",
            (post.status.value, post.reason, post.staff_id, post.job_id,
             iso_utc(post.decided_at) if post.decided_at else None, post.id))
        return cursor.rowcount == 1

    def get(self, post_id: str) -> SelfPost | None:
        row = self._conn.execute(f"{_SELECT} WHERE id = ?", (post_id,)).fetchone()
        return None if row is None else _post(row)

    def by_reference(self, reference: str) -> SelfPost | None:
        row = self._conn.execute(f"{_SELECT} WHERE reference = ?", (reference,)).fetchone()
        return None if row is None else _post(row)

    def with_status(self, status: SelfPostStatus, limit: int = 200) -> list[SelfPost]:
        rows = self._conn.execute(f"{_SELECT} WHERE status = ? ORDER BY created_at, id LIMIT ?",
                                  (status.value, limit))
        return [_post(row) for row in rows]

    def count(self, status: SelfPostStatus) -> int:
        (n,) = self._conn.execute("SELECT COUNT(*) FROM self_posts WHERE status = ?",
                                  (status.value,)).fetchone()
        return int(n)


def _values(post: SelfPost) -> tuple[Any, ...]:
    employer = employer_draft_to_data(post.employer)
    return (post.id, post.hall_id, post.reference, post.source.value, post.employer_id,
            None if employer is None else json.dumps(employer, ensure_ascii=False),
            json.dumps(job_draft_to_data(post.job), ensure_ascii=False), post.status.value,
            post.reason, post.staff_id, post.job_id, iso_utc(post.created_at),
            iso_utc(post.decided_at) if post.decided_at else None)


def _post(row: tuple[Any, ...]) -> SelfPost:
    (post_id, hall_id, reference, source, employer_id, employer, job, status, reason,
     staff_id, job_id, created_at, decided_at) = row
    return SelfPost(
        id=post_id, hall_id=hall_id, reference=reference, source=SelfPostSource(source),
        employer_id=employer_id,
        employer=employer_draft_from_data(None if employer is None else json.loads(employer)),
        job=job_draft_from_data(json.loads(job)), status=SelfPostStatus(status),
        created_at=datetime.fromisoformat(created_at), reason=reason, staff_id=staff_id,
        job_id=job_id,
        decided_at=datetime.fromisoformat(decided_at) if decided_at else None)
