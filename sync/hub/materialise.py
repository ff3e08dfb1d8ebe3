"""Stored changes → the hub's record tables and the pull feed.

Each record table keeps the latest payload by `updated_at` (an older change arriving late
never overwrites a newer one). Jobs and notices also go to the feed. The hall that posted a
job owns its content; fills are the hub's: a hire recorded at any hall fills one place,
so a job update from another hall is kept in the log but does not rewrite the job.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, select, update

from kiosk.core.codec import canonical_json
from kiosk.core.records import JobPost, JobStatus, Record, Referral, ReferralStatus, Worker
from sync.hub.schema import RECORD_TABLES, feed, jobs, referrals
from sync.hub.sql import insert_for
from sync.protocol import Change

FEED_KINDS = frozenset({"job", "notice"})


def materialise(conn: Connection, change: Change, record: Record, text: str, seq: int, *,
                caller_hall: str) -> None:
    if isinstance(record, JobPost) and record.hall_id != caller_hall:
        return
    if not _upsert(conn, change, record, text, seq):
        return
    if change.record_type in FEED_KINDS:
        conn.execute(feed.insert().values(kind=change.record_type, record_id=record.id,
                                          hall_id=record.hall_id, payload=text))
    if isinstance(record, Referral | JobPost):
        job_id = record.job_id if isinstance(record, Referral) else record.id
        refill_job(conn, job_id)


def _upsert(conn: Connection, change: Change, record: Record, text: str, seq: int) -> bool:
    """Write the record unless the hub has a newer one; True when it was written."""
    table = RECORD_TABLES[change.record_type]
    values = {"id": record.id, "hall_id": record.hall_id, "updated_at": _stamp(change.payload),
              "change_seq": seq, "payload": text, **_extra(record)}
    insert = insert_for(conn, table).values(values)
    stmt = insert.on_conflict_do_update(
        index_elements=["id"], set_={k: insert.excluded[k] for k in values if k != "id"},
        where=table.c.updated_at <= insert.excluded.updated_at)
    return bool(conn.execute(stmt).rowcount)


def change_payload(text: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(text)
    return payload


def _stamp(payload: dict[str, Any]) -> str:
    return str(payload.get("updated_at") or payload["created_at"])


def _extra(record: Record) -> dict[str, Any]:
    if isinstance(record, JobPost):
        return {"trade": record.trade, "status": record.status.value,
                "headcount": record.headcount, "headcount_filled": record.headcount_filled}
    if isinstance(record, Referral):
        return {"job_id": record.job_id, "status": record.status.value}
    if isinstance(record, Worker):
        return {"id_number": record.id_number}
    return {}


def refill_job(conn: Connection, job_id: str) -> None:
    """Hires at any hall fill places: the job's fill is at least its count of hires."""
    row = conn.execute(select(jobs.c.payload, jobs.c.headcount_filled).where(
        jobs.c.id == job_id)).first()
    if row is None:
        return
    hires = int(conn.execute(select(func.count()).select_from(referrals).where(
        referrals.c.job_id == job_id,
        referrals.c.status == ReferralStatus.HIRED.value)).scalar_one())
    if hires <= row.headcount_filled:
        return
    payload = change_payload(row.payload)
    payload["headcount_filled"] = min(hires, int(payload["headcount"]))
    if payload["headcount_filled"] >= payload["headcount"] and (
            payload["status"] == JobStatus.OPEN.value):
        payload["status"] = JobStatus.FILLED.value
    text = canonical_json(payload)
    conn.execute(update(jobs).where(jobs.c.id == job_id).values(
        headcount_filled=payload["headcount_filled"], status=payload["status"], payload=text))
    conn.execute(feed.insert().values(kind="job", record_id=job_id,
                                      hall_id=str(payload["hall_id"]), payload=text))
