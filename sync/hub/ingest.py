"""POST /v1/push: one transaction per batch, one answer per change.

Whether a change is new is decided by the database: `INSERT … ON CONFLICT (change_id) DO
NOTHING RETURNING` inserts the new ones, and only the ids it did not insert are looked up
to tell a duplicate (same content hash) from a conflict (different content).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from kiosk.core.catalogue import Catalogue
from kiosk.core.post_check import PostRules, load_rules
from kiosk.core.records import Arrival, AuditEvent, Record, StaffCall, StaffCallStatus
from sync.hub.bulk import insert_changes
from sync.hub.keys import HubKeys
from sync.hub.materialise import Stored, materialise
from sync.hub.minors import barred_referrals
from sync.hub.ownership import Candidate, judge, record_refusals
from sync.hub.pay import underpaid_posts
from sync.hub.schema import changes
from sync.hub.sealed_ids import at_rest
from sync.hub.terminals import Identity
from sync.hub.validate import Checked, Rejection, check_change
from sync.hub.wording import unjustified_posts
from sync.protocol import Answer, Change, PushRequest, PushResponse, Reason, Result


@dataclass(frozen=True, slots=True)
class _Accepted:
    change: Change
    record: Record
    text: str  # the payload's canonical JSON, as stored (no plain ID number)


def push(conn: Connection, who: Identity, request: PushRequest, *, catalogue: Catalogue,
         now: datetime, received_at: str, keys: HubKeys,
         rules: PostRules | None = None) -> PushResponse:
    """Store a batch inside the caller's transaction; answers in the request's order."""
    first_at: dict[str, int] = {}
    rejected = _already_stored(conn, who, request.changes)
    accepted: list[_Accepted] = []
    for index, change in enumerate(request.changes):
        if change.change_id in first_at:
            continue  # the same id twice in one batch: answered against the first below
        first_at[change.change_id] = index
        if change.change_id in rejected:
            continue
        verdict = _check(change, who, request, catalogue, now)
        if isinstance(verdict, Rejection):
            rejected[change.change_id] = _rejected(change, verdict)
        else:
            accepted.append(_Accepted(change, verdict.record,
                                      at_rest(verdict.record, verdict.text)))
    answers = rejected | _store(conn, who, accepted, received_at, keys=keys,
                                rules=rules or _shipped_rules())
    return PushResponse(answers=[
        answers[c.change_id] if first_at[c.change_id] == i
        else _repeat(c, request.changes[first_at[c.change_id]])
        for i, c in enumerate(request.changes)])


def _already_stored(conn: Connection, who: Identity,
                    batch: Sequence[Change]) -> dict[str, Answer]:
    """Changes the hub has stored before are answered by their id and hash alone: a
    terminal drops the plain ID number from a payload once it is acknowledged (the hash
    stays), so a replayed change is recognised without its content being read again. Only
    the terminal that sent it may replay it; anything else is a conflict."""
    ids = [c.change_id for c in batch]
    known = {row.change_id: row for row in conn.execute(
        select(changes.c.change_id, changes.c.content_hash, changes.c.terminal_id,
               changes.c.seq).where(changes.c.change_id.in_(ids)))}
    answers = {}
    for change in batch:
        row = known.get(change.change_id)
        if row is None:
            continue
        same = row.content_hash == change.content_hash and row.terminal_id == who.terminal_id
        answers[change.change_id] = Answer(
            change_id=change.change_id, result=Result.DUPLICATE if same else Result.CONFLICT,
            hub_seq=int(row.seq),
            detail="" if same else "the hub has this change id with other content")
    return answers


def _repeat(change: Change, first: Change) -> Answer:
    same = change.content_hash == first.content_hash
    return Answer(change_id=change.change_id,
                  result=Result.DUPLICATE if same else Result.CONFLICT)


def _check(change: Change, who: Identity, request: PushRequest, catalogue: Catalogue,
           now: datetime) -> Rejection | Checked:
    if request.terminal_id != who.terminal_id:
        return Rejection(Reason.TERMINAL_MISMATCH, "the batch names another terminal")
    if request.hall_id != who.hall_id:
        return Rejection(Reason.HALL_MISMATCH, "the batch names another hall")
    checked = check_change(change, who.hall_id, catalogue, now)
    if (isinstance(checked, Checked) and isinstance(checked.record, AuditEvent | Arrival)
            and checked.record.terminal_id != who.terminal_id):
        return Rejection(Reason.TERMINAL_MISMATCH, "a record naming another terminal")
    if (isinstance(checked, Checked) and isinstance(checked.record, StaffCall)
            and checked.record.status is StaffCallStatus.OPEN
            and checked.record.terminal_id != who.terminal_id):  # only the asker asks
        return Rejection(Reason.TERMINAL_MISMATCH, "a call for staff of another terminal")
    return checked


def _rejected(change: Change, why: Rejection) -> Answer:
    return Answer(change_id=change.change_id, result=Result.REJECTED, reason=why.reason,
                  detail=why.detail)


def _store(conn: Connection, who: Identity, accepted: Sequence[_Accepted],
           received_at: str, *, keys: HubKeys, rules: PostRules) -> dict[str, Answer]:
    if not accepted:
        return {}
    stored = insert_changes(conn, [_row(item, who, received_at) for item in accepted])
    new = [item for item in accepted if item.change.change_id in stored]
    verdicts = judge(conn, who.hall_id, [Candidate(i.change, i.record) for i in new])
    wording = unjustified_posts(conn, who.hall_id, [
        (i.change, i.record) for i in new if i.change.change_id not in verdicts.refused], rules)
    verdicts.refused.update(dict.fromkeys(wording, Reason.DISCRIMINATORY))
    verdicts.refused.update(dict.fromkeys(underpaid_posts(
        [(i.change, i.record) for i in new if i.change.change_id not in verdicts.refused],
        rules.minimum_wage), Reason.BELOW_MINIMUM_WAGE))
    verdicts.refused.update(dict.fromkeys(barred_referrals(
        conn, [(i.change, i.record) for i in new if i.change.change_id not in verdicts.refused],
        rules.protected), Reason.MINOR_BARRED))
    refused = _refuse(conn, who, received_at, new, reasons=verdicts.refused, wording=wording)
    answers = {cid: Answer(change_id=cid, result=Result.STORED, hub_seq=seq)
               for cid, seq in stored.items() if cid not in refused}
    skip = verdicts.log_only | set(refused)
    materialise(conn, [Stored(item.change, item.record, item.text, stored[item.change.change_id])
                       for item in new if item.change.change_id not in skip],
                caller_hall=who.hall_id, keys=keys)
    answers.update(refused)
    answers.update(_earlier(conn, [a for a in accepted if a.change.change_id not in stored]))
    return answers


def _refuse(conn: Connection, who: Identity, at: str, new: Sequence[_Accepted], *,
            reasons: dict[str, Reason], wording: dict[str, str]) -> dict[str, Answer]:
    """Take refused changes out of the log again, log them for the city; their answers."""
    if not reasons:
        return {}
    conn.execute(delete(changes).where(changes.c.change_id.in_(sorted(reasons))))
    record_refusals(conn, who.terminal_id, who.hall_id, at,
                    [(i.change, reasons[i.change.change_id]) for i in new
                     if i.change.change_id in reasons])
    return {cid: Answer(change_id=cid, result=Result.REJECTED, reason=reason,
                        detail=_REFUSED[reason].format(categories=wording.get(cid, "")))
            for cid, reason in reasons.items()}


@functools.cache
def _shipped_rules() -> PostRules:
    return load_rules()


_REFUSED = {
    Reason.NOT_OWNER: "the record belongs to another hall",
    Reason.IMMUTABLE: "this record is never rewritten",
    Reason.UNKNOWN_WORKER: "the hub knows no such worker",
    Reason.JOB_NOT_OPEN: "the job is not open or has no place left",
    Reason.UNKNOWN_REFERRAL: "the hub knows no such referral",
    Reason.DISCRIMINATORY: "blocked wording ({categories}) and no supervisor override",
    Reason.BELOW_MINIMUM_WAGE: "the pay is below the city's minimum wage",
    Reason.INVALID: "it does not match its sign-up or course, or the sign-up was cancelled",
    Reason.UNKNOWN_COURSE: "the city publishes no such course",
    Reason.COURSE_FULL: "the course has no seat left",
    Reason.SIGNED_UP_ALREADY: "the worker is signed up for this course already",
    Reason.MINOR_BARRED: "the worker is under 18 and the law keeps minors from this work",
    Reason.CANCELLED_ALREADY: "the sign-up is cancelled already",
}


def _earlier(conn: Connection, repeats: Sequence[_Accepted]) -> dict[str, Answer]:
    """Answers for changes the hub had already: duplicate, or conflict when content differs."""
    if not repeats:
        return {}
    ids = [item.change.change_id for item in repeats]
    known = {row.change_id: (row.content_hash, int(row.seq)) for row in conn.execute(
        select(changes.c.change_id, changes.c.content_hash, changes.c.seq).where(
            changes.c.change_id.in_(ids)))}
    answers = {}
    for item in repeats:
        digest, seq = known[item.change.change_id]
        same = digest == item.change.content_hash
        answers[item.change.change_id] = Answer(
            change_id=item.change.change_id,
            result=Result.DUPLICATE if same else Result.CONFLICT, hub_seq=seq,
            detail="" if same else "the hub has this change id with other content")
    return answers


def _row(item: _Accepted, who: Identity, received_at: str) -> dict[str, Any]:
    c = item.change
    return {"change_id": c.change_id, "content_hash": c.content_hash,
            "terminal_id": who.terminal_id, "hall_id": who.hall_id,
            "record_type": c.record_type, "record_id": c.record_id, "op": str(c.op),
            "payload": item.text, "created_at": c.created_at, "received_at": received_at}
