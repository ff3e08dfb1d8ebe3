"""Stored changes → the hub's record tables and the pull feed.

Each record table keeps the latest payload by `updated_at` (an older change arriving late
never overwrites a newer one). Jobs and notices also go to the feed, queue calls and
numbered check-ins to their own hall's feed (a counter calls the touchscreens' numbers),
and arrivals to the feed of their referral's hall. The hall that posted a job owns its
content; fills are the hub's: a hire recorded at any hall fills one place, so a job update
from another hall is kept in the log but does not rewrite the job.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, update

from kiosk.core.codec import canonical_json
from kiosk.core.records import (
    Arrival,
    Attendance,
    CaseStep,
    CheckIn,
    Complaint,
    CourseCancel,
    CourseSignup,
    Employer,
    HelpRequest,
    JobPost,
    JobStatus,
    Record,
    Referral,
    ReferralStatus,
    SafetyAck,
    Worker,
)
from sync.hub.bulk import Upsert, upsert_newer
from sync.hub.complaint_status import complaint_statuses
from sync.hub.erasure import erase_workers
from sync.hub.identity import merge_workers
from sync.hub.keys import HubKeys
from sync.hub.schema import RECORD_TABLES, feed, jobs, referrals
from sync.hub.sealed_ids import sealed_column
from sync.hub.supply import publish_supply
from sync.hub.training import feed_seats
from sync.protocol import Change, Op

# calls, notices, calls for staff and check-ins: their own hall only
FEED_KINDS = frozenset({"job", "notice", "call", "staff_call", "checkin"})
# What a check-in's feed entry carries to the other terminals of its hall: the number to
# call and whose it is, nothing else (no reason a card was not verified).
CHECKIN_FEED_FIELDS = ("id", "hall_id", "worker_id", "day", "queue_no", "queue_prefix",
                       "created_at")
# Jobs first: a referral's hire in the same batch fills a place of a job stored with it.
_ORDER = ("job", "notice", "referral")
_KINDS = {table.name: kind for kind, table in RECORD_TABLES.items()}


@dataclass(frozen=True, slots=True)
class Stored:
    """A change the hub has just stored, with its decoded record and hub sequence."""

    change: Change
    record: Record
    text: str  # canonical JSON of the payload
    seq: int


def materialise(conn: Connection, stored: Sequence[Stored], *, caller_hall: str,
                keys: HubKeys) -> None:
    """Apply a batch's stored changes: on PostgreSQL one statement for every record type.

    Jobs and notices that were written (not older than the hub's row) go to the feed in
    hub order; the jobs of the batch's jobs and referrals get their fills again. Workers
    carrying their plain ID number claim their hub index (see `identity`) and have it sealed
    into their row (see `sealed_ids`).
    """
    rows: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in stored:
        if isinstance(item.record, JobPost) and item.record.hall_id != caller_hall:
            continue  # another hall's job: its fills come from the referrals
        rows[item.change.record_type].append(_row(item, keys))
    written = upsert_newer(conn, [
        Upsert(RECORD_TABLES[record_type], rows[record_type], record_type in FEED_KINDS)
        for record_type in sorted(rows, key=lambda t: _ORDER.index(t) if t in _ORDER else -1)])
    _to_feed(conn, [(_KINDS[table.name], row) for table, row in written])
    _arrivals_to_feed(conn, [item for item in stored if isinstance(item.record, Arrival)])
    refill_jobs(conn, {item.record.job_id if isinstance(item.record, Referral)
                       else item.record.id for item in stored
                       if isinstance(item.record, Referral | JobPost)})
    complaint_statuses(conn, {item.record.complaint_id if isinstance(item.record, CaseStep)
                              else item.record.id for item in stored
                              if isinstance(item.record, Complaint | CaseStep)})
    merge_workers(conn, [(item.record, item.seq) for item in stored
                         if isinstance(item.record, Worker)], keys.index)
    erase_workers(conn, [(item.record, item.change.payload) for item in stored
                         if isinstance(item.record, Worker) and item.change.op == Op.DELETE])
    publish_supply(conn, [(item.record.hall_id, item.record.day) for item in stored
                          if isinstance(item.record, CheckIn)])
    feed_seats(conn, {item.record.course_id for item in stored
                      if isinstance(item.record, CourseSignup | CourseCancel)})


def _to_feed(conn: Connection, written: list[tuple[str, dict[str, Any]]]) -> None:
    """A feed entry for each job, notice, call and numbered check-in row written, in hub
    order."""
    entries = [{"kind": kind, "record_id": row["id"], "hall_id": row["hall_id"],
                "payload": payload}
               for kind, row in sorted(written, key=lambda entry: entry[1]["change_seq"])
               for payload in [_feed_payload(kind, row["payload"])] if payload is not None]
    if entries:
        conn.execute(feed.insert(), entries)


def _feed_payload(kind: str, text: str) -> str | None:
    """What the feed carries of a row: a check-in only when it has a number (an unverified
    one is numbered by its own terminal once the hub confirms it; the hub's copy stays
    without), and then only the fields a call needs."""
    if kind != "checkin":
        return text
    checkin = change_payload(text)
    if checkin.get("queue_no") is None:
        return None
    return canonical_json({name: checkin[name] for name in CHECKIN_FEED_FIELDS
                           if name in checkin})


def _arrivals_to_feed(conn: Connection, scans: list[Stored]) -> None:
    """Each new arrival goes to the feed of the hall that made its referral (not of the
    hall that scanned it): that hall's terminals mark the referral arrived."""
    if not scans:
        return
    wanted = {item.record.referral_id for item in scans if isinstance(item.record, Arrival)}
    owners = {str(i): str(h) for i, h in conn.execute(
        select(referrals.c.id, referrals.c.hall_id).where(referrals.c.id.in_(wanted)))}
    conn.execute(feed.insert(), [
        {"kind": "arrival", "record_id": item.record.id,
         "hall_id": owners[item.record.referral_id], "payload": item.text}
        for item in sorted(scans, key=lambda s: s.seq)
        if isinstance(item.record, Arrival) and item.record.referral_id in owners])


def _row(item: Stored, keys: HubKeys) -> dict[str, Any]:
    record = item.record
    return {"id": record.id, "hall_id": record.hall_id,
            "updated_at": _stamp(item.change.payload), "change_seq": item.seq,
            "payload": item.text, **_extra(record, keys)}


def change_payload(text: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(text)
    return payload


def _stamp(payload: dict[str, Any]) -> str:
    return str(payload.get("updated_at") or payload["created_at"])


def _extra(record: Record, keys: HubKeys) -> dict[str, Any]:  # noqa: PLR0911 - one per type
    if isinstance(record, JobPost):
        return {"trade": record.trade, "status": record.status.value,
                "headcount": record.headcount, "headcount_filled": record.headcount_filled}
    if isinstance(record, Referral):
        return {"job_id": record.job_id, "status": record.status.value}
    if isinstance(record, Worker | Employer):
        return sealed_column(keys.ids, record)
    if isinstance(record, CaseStep):
        return {"complaint_id": record.complaint_id}
    if isinstance(record, CourseSignup):
        return {"course_id": record.course_id, "worker_id": record.worker_id,
                "waiting": record.waiting}
    if isinstance(record, Attendance):
        return {"signup_id": record.signup_id}
    if isinstance(record, Arrival):
        return {"referral_id": record.referral_id}
    if isinstance(record, SafetyAck | HelpRequest):
        return {"worker_id": record.worker_id}
    if isinstance(record, CourseCancel):
        return {"signup_id": record.signup_id, "course_id": record.course_id}
    return {}


def refill_jobs(conn: Connection, job_ids: set[str]) -> None:
    """Hires at any hall fill places: each job's fill is at least its count of hires.

    One query finds the jobs with more hires than filled places (rarely any); only those
    are rewritten, each with a feed entry."""
    if not job_ids:
        return
    hires = (select(referrals.c.job_id, func.count().label("hires"))
             .where(referrals.c.job_id.in_(job_ids),
                    referrals.c.status == ReferralStatus.HIRED.value)
             .group_by(referrals.c.job_id).subquery())
    behind = conn.execute(select(jobs.c.id, jobs.c.payload, hires.c.hires)
                          .join(hires, hires.c.job_id == jobs.c.id)
                          .where(hires.c.hires > jobs.c.headcount_filled)
                          .order_by(jobs.c.id)).all()
    for row in behind:
        _fill(conn, str(row.id), change_payload(row.payload), int(row.hires))


def _fill(conn: Connection, job_id: str, payload: dict[str, Any], hires: int) -> None:
    payload["headcount_filled"] = min(hires, int(payload["headcount"]))
    if payload["headcount_filled"] >= payload["headcount"] and (
            payload["status"] == JobStatus.OPEN.value):
        payload["status"] = JobStatus.FILLED.value
    text = canonical_json(payload)
    conn.execute(update(jobs).where(jobs.c.id == job_id).values(
        headcount_filled=payload["headcount_filled"], status=payload["status"], payload=text))
    conn.execute(feed.insert().values(kind="job", record_id=job_id,
                                      hall_id=str(payload["hall_id"]), payload=text))
