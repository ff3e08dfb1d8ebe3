"""Stored changes → the hub's record tables and the pull feed.

Each record table keeps the latest payload by `updated_at` (an older change arriving late
never overwrites a newer one). Jobs and notices also go to the feed. The hall that posted a
job owns its content; fills are the hub's: a hire recorded at any hall fills one place,
so a job update from another hall is kept in the log but does not rewrite the job.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, update

from kiosk.core.codec import canonical_json
from kiosk.core.records import JobPost, JobStatus, Record, Referral, ReferralStatus, Worker
from sync.hub.bulk import generic_upsert, upsert_newer
from sync.hub.identity import merge_workers
from sync.hub.schema import RECORD_TABLES, feed, jobs, referrals
from sync.protocol import Change

FEED_KINDS = frozenset({"job", "notice"})
_ONE_BY_ONE = FEED_KINDS | {"referral"}  # these need to know whether their row was written


@dataclass(frozen=True, slots=True)
class Stored:
    """A change the hub has just stored, with its decoded record and hub sequence."""

    change: Change
    record: Record
    text: str  # canonical JSON of the payload
    seq: int


def materialise(conn: Connection, stored: Sequence[Stored], *, caller_hall: str,
                hub_key: bytes) -> None:
    """Apply a batch's stored changes in order; plain record types in one statement each.

    Workers carrying their plain ID number claim their hub index (see `identity`).
    """
    plain: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in stored:
        if isinstance(item.record, JobPost) and item.record.hall_id != caller_hall:
            continue  # another hall's job: its fills come from the referrals
        if item.change.record_type in _ONE_BY_ONE or isinstance(item.record, JobPost):
            _materialise_one(conn, item)
        else:
            plain[item.change.record_type].append(_row(item))
    for record_type, rows in plain.items():
        upsert_newer(conn, RECORD_TABLES[record_type], rows)
    merge_workers(conn, [(item.record, item.seq) for item in stored
                         if isinstance(item.record, Worker)], hub_key)


def _materialise_one(conn: Connection, item: Stored) -> None:
    record_type = item.change.record_type
    table = RECORD_TABLES[record_type]
    written = conn.execute(generic_upsert(conn.dialect.name, table), _row(item)).rowcount
    if not written:
        return
    if record_type in FEED_KINDS:
        conn.execute(feed.insert().values(kind=record_type, record_id=item.record.id,
                                          hall_id=item.record.hall_id, payload=item.text))
    record = item.record
    if isinstance(record, Referral | JobPost):
        refill_job(conn, record.job_id if isinstance(record, Referral) else record.id)


def _row(item: Stored) -> dict[str, Any]:
    record = item.record
    return {"id": record.id, "hall_id": record.hall_id,
            "updated_at": _stamp(item.change.payload), "change_seq": item.seq,
            "payload": item.text, **_extra(record)}


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
