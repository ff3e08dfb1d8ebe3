"""Who may write a record: the hall that created it, and no other.

The hub stores each record's hall on its first write (the record tables' `hall_id`). A
later change of that record from a terminal of another hall is refused (`not_owner`) and
logged in `refusals` with the terminal's id. Audit events, check-ins, service events and
casework steps are never rewritten at all (`immutable`). A complaint is worked on only by
the hall that filed it: a casework step naming another hall's complaint is `not_owner`.

What one hall does to another hall's record is a record of its own, applied under rules:
- a referral to another hall's job needs a worker the hub knows and, to be a hire, the
  job open with a place left (`unknown_worker`, `job_not_open`); the referral keeps the
  sending hall, and the hub, not the referral, fills the job (`materialise.refill_jobs`);
- a check-in the terminal marked unverified needs a worker the hub knows, and no check-in
  may name a worker whose data was deleted (`unknown_worker`): storing an unverified one is
  the hub's confirmation (the terminal then numbers it, kiosk.store.sync_state);
- an arrival (a referral slip scanned at any hall's terminal) is a record of the scanning
  hall: it needs a referral the hub knows (`unknown_referral`), and the hub passes it to
  the referral's hall, whose terminal marks its own referral arrived (no hall writes
  another's referral);
- the terminal that hired for another hall's job also sends that job with one more place
  filled: such a change is kept in the log but never applied, and only when it changes
  nothing but the fill (anything else is `not_owner`).
"""

from __future__ import annotations

import functools
import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, any_, func, literal, select, union_all

from kiosk.core.records import (
    Arrival,
    Attendance,
    CaseStep,
    CheckIn,
    Complaint,
    CourseCancel,
    CourseSignup,
    HelpRequest,
    JobStatus,
    Record,
    Referral,
    ReferralStatus,
    SafetyAck,
    Worker,
)
from sync.hub.schema import (
    RECORD_TABLES,
    checkins,
    complaints,
    jobs,
    referrals,
    refusals,
    worker_aliases,
    workers,
)
from sync.hub.training import training_rules
from sync.protocol import Change, Reason

log = logging.getLogger(__name__)
APPEND_ONLY = frozenset({"audit", "checkin", "service_event", "case_step", "call",
                         "course_signup", "attendance", "arrival", "safety_ack",
                         "course_cancel"})
# Records about a worker that only a worker the hub knows (and whose data was not
# deleted) may have: a safety acknowledgement, a request for help.
ABOUT_A_WORKER = (SafetyAck, HelpRequest)
FILL_FIELDS = frozenset({"headcount_filled", "status", "updated_at"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A new change about to be applied."""

    change: Change
    record: Record


@dataclass(slots=True)
class Verdicts:
    refused: dict[str, Reason] = field(default_factory=dict)  # change id → why
    log_only: set[str] = field(default_factory=set)  # kept in the log, not applied


def judge(conn: Connection, hall_id: str, items: Sequence[Candidate]) -> Verdicts:
    """Which of a batch's new changes the token's hall may not make, and which are only
    logged. One query for the stored halls; more only for referrals to other halls' jobs."""
    verdicts = Verdicts()
    owners = _owners(conn, items)
    foreign_jobs = _payloads(conn, {i.record.id for i in items if i.change.record_type == "job"
                                    and owners.get(("job", i.record.id), hall_id) != hall_id})
    unnumbered = _unnumbered(conn, {i.record.id for i in items
                                    if i.change.record_type == "checkin"
                                    and owners.get(("checkin", i.record.id)) == hall_id})
    for item in items:
        owner = owners.get((item.change.record_type, item.record.id))
        reason = _ownership(item, owner, hall_id, foreign_jobs)
        if reason is Reason.IMMUTABLE and _numbers(unnumbered.get(item.record.id),
                                                   item.change.payload):
            reason = None
        if reason is not None:
            verdicts.refused[item.change.change_id] = reason
        elif owner is not None and owner != hall_id:
            verdicts.log_only.add(item.change.change_id)  # a fill of another hall's job
    shared = [i for i in items if isinstance(i.record, Referral)
              and i.change.change_id not in verdicts.refused]
    in_batch = {i.record.id for i in items if isinstance(i.record, Worker)
                and i.change.change_id not in verdicts.refused}
    verdicts.refused.update(_referral_rules(conn, hall_id, shared, in_batch))
    checkins = [i for i in items if isinstance(i.record, CheckIn)
                and i.change.change_id not in verdicts.refused]
    verdicts.refused.update(_checkin_rules(conn, checkins, in_batch))
    about = [i for i in items if isinstance(i.record, ABOUT_A_WORKER)
             and i.change.change_id not in verdicts.refused]
    verdicts.refused.update(_worker_known_rules(conn, about, in_batch))
    verdicts.refused.update(_case_step_rules(conn, hall_id, items, verdicts.refused))
    verdicts.refused.update(_training(conn, hall_id, items, verdicts.refused, in_batch))
    verdicts.refused.update(_arrival_rules(conn, items, verdicts.refused))
    return verdicts


def _training(conn: Connection, hall_id: str, items: Sequence[Candidate],
              refused: dict[str, Reason], in_batch: set[str]) -> dict[str, Reason]:
    """Sign-ups and attendance (sync.hub.training), with the workers they may name."""
    named = {i.record.worker_id for i in items if isinstance(i.record, CourseSignup)}
    if not named and not any(isinstance(i.record, Attendance | CourseCancel) for i in items):
        return {}
    known = (in_batch | _known_workers(conn, named - in_batch)) - _erased_workers(conn, named)
    return training_rules(conn, hall_id, items, refused, known)


def _arrival_rules(conn: Connection, items: Sequence[Candidate],
                   refused: dict[str, Reason]) -> dict[str, Reason]:
    """An arrival (a slip scanned at any hall) names a referral the hub has, or one in the
    same batch that is not refused: the hub passes it on to that referral's hall."""
    scans = [i for i in items if isinstance(i.record, Arrival)
             and i.change.change_id not in refused]
    if not scans:
        return {}
    known = {i.record.id for i in items if isinstance(i.record, Referral)
             and i.change.change_id not in refused}
    wanted = {i.record.referral_id for i in scans if isinstance(i.record, Arrival)} - known
    if wanted:
        known |= {str(r) for (r,) in conn.execute(select(referrals.c.id).where(
            among(conn, referrals.c.id, wanted)))}
    return {i.change.change_id: Reason.UNKNOWN_REFERRAL for i in scans
            if isinstance(i.record, Arrival) and i.record.referral_id not in known}


def _case_step_rules(conn: Connection, hall_id: str, items: Sequence[Candidate],
                     refused: dict[str, Reason]) -> dict[str, Reason]:
    """A casework step only for a complaint of the step's own hall (one the hub has, or
    one in the same batch that is not refused)."""
    steps = [i for i in items if isinstance(i.record, CaseStep)
             and i.change.change_id not in refused]
    if not steps:
        return {}
    owners = {i.record.id: i.record.hall_id for i in items if isinstance(i.record, Complaint)
              and i.change.change_id not in refused}
    wanted = {i.record.complaint_id for i in steps if isinstance(i.record, CaseStep)} - set(owners)
    if wanted:
        owners.update({str(i): str(h) for i, h in conn.execute(
            select(complaints.c.id, complaints.c.hall_id).where(
                among(conn, complaints.c.id, wanted)))})
    return {i.change.change_id: Reason.NOT_OWNER for i in steps
            if isinstance(i.record, CaseStep)
            and owners.get(i.record.complaint_id, hall_id) != hall_id}


def _ownership(item: Candidate, owner: str | None, hall_id: str,
               foreign_jobs: dict[str, dict[str, Any]]) -> Reason | None:
    record_type = item.change.record_type
    if owner is None:
        return None if item.record.hall_id == hall_id else Reason.NOT_OWNER
    if record_type in APPEND_ONLY:
        return Reason.IMMUTABLE
    if owner == hall_id:
        return None
    stored = foreign_jobs.get(item.record.id)
    if stored is not None and _only_fills(stored, item.change.payload):
        return None
    return Reason.NOT_OWNER


def _only_fills(stored: dict[str, Any], sent: dict[str, Any]) -> bool:
    """The sent job is the stored one with a place more filled (open or filled), no other
    field changed."""
    same = all(stored.get(k) == v for k, v in sent.items() if k not in FILL_FIELDS)
    return same and sent.get("status") in (JobStatus.OPEN.value, JobStatus.FILLED.value)


def among(conn: Connection, column: Any, values: Iterable[str]) -> Any:
    """`column IN values` for ids (UUIDv7, checked: no commas). On PostgreSQL they travel
    as one text split by the server (`= ANY(string_to_array(…))`): the statement is the
    same whatever the number of ids, and no array is built element by element."""
    ordered = sorted(values)
    if conn.dialect.name == "postgresql":
        return column == any_(func.string_to_array(literal(",".join(ordered)), ","))
    return column.in_(ordered)


def _owners(conn: Connection, items: Sequence[Candidate]) -> dict[tuple[str, str], str]:
    """(record type, id) → owner hall of the batch's records the hub has."""
    ids: defaultdict[str, set[str]] = defaultdict(set)
    for item in items:
        ids[item.change.record_type].add(item.record.id)
    if not ids:
        return {}
    kinds = tuple(kind for kind in RECORD_TABLES if kind in ids)
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(_pg_owners(kinds), tuple(
            ",".join(ids[kind]) for kind in kinds))
    else:
        rows = conn.execute(union_all(*[
            select(literal(kind), RECORD_TABLES[kind].c.id, RECORD_TABLES[kind].c.hall_id)
            .where(among(conn, RECORD_TABLES[kind].c.id, ids[kind])) for kind in kinds]))
    return {(str(kind), str(record_id)): str(hall) for kind, record_id, hall in rows}


@functools.cache
def _pg_owners(kinds: tuple[str, ...]) -> str:
    """One statement for the batch's record types; each takes its ids as one text."""
    return " UNION ALL ".join(
        f"SELECT '{kind}', id, hall_id FROM {RECORD_TABLES[kind].name} "
        "WHERE id = ANY(string_to_array(%s, ','))" for kind in kinds)


def _unnumbered(conn: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The stored check-ins among `ids` without a queue number (unverified when sent)."""
    if not ids:
        return {}
    rows = conn.execute(select(checkins.c.id, checkins.c.payload).where(
        among(conn, checkins.c.id, ids)))
    return {str(i): payload for i, text in rows
            for payload in [json.loads(text)] if payload.get("queue_no") is None}


def _numbers(stored: dict[str, Any] | None, sent: dict[str, Any]) -> bool:
    """The one rewrite of a check-in: its own hall numbers it once the hub confirmed the
    worker (kiosk.store.sync_state.number_confirmed); nothing else changes."""
    return (stored is not None and isinstance(sent.get("queue_no"), int)
            and set(sent) == set(stored)
            and all(stored[k] == v for k, v in sent.items() if k != "queue_no"))


def _payloads(conn: Connection, job_ids: set[str]) -> dict[str, dict[str, Any]]:
    if not job_ids:
        return {}
    return {str(i): json.loads(p) for i, p in conn.execute(
        select(jobs.c.id, jobs.c.payload).where(among(conn, jobs.c.id, job_ids)))}


def _referral_rules(conn: Connection, hall_id: str, items: Sequence[Candidate],
                    batch_workers: set[str]) -> dict[str, Reason]:
    """Referrals to other halls' jobs: a worker the hub knows (or that comes in the same
    batch); a hire only for an open job with a place left (counting the hires the hub
    has and those earlier in the batch)."""
    wanted = {item.record.job_id for item in items if isinstance(item.record, Referral)}
    if not wanted:
        return {}
    shared = {str(r.id): r for r in conn.execute(
        select(jobs.c.id, jobs.c.status, jobs.c.headcount).where(
            among(conn, jobs.c.id, wanted), jobs.c.hall_id != hall_id))}
    foreign = [i for i in items if isinstance(i.record, Referral) and i.record.job_id in shared]
    if not foreign:
        return {}
    known = batch_workers | _known_workers(conn, {
        i.record.worker_id for i in foreign if isinstance(i.record, Referral)} - batch_workers)
    hires = _hires(conn, set(shared), {i.record.id for i in foreign})
    refused: dict[str, Reason] = {}
    for item in foreign:
        referral = item.record
        assert isinstance(referral, Referral)
        job = shared[referral.job_id]
        if referral.worker_id not in known:
            refused[item.change.change_id] = Reason.UNKNOWN_WORKER
        elif referral.status is ReferralStatus.HIRED:
            if job.status != JobStatus.OPEN.value or hires[referral.job_id] >= job.headcount:
                refused[item.change.change_id] = Reason.JOB_NOT_OPEN
            else:
                hires[referral.job_id] += 1
    return refused


def _checkin_rules(conn: Connection, items: Sequence[Candidate],
                   batch_workers: set[str]) -> dict[str, Reason]:
    """An unverified check-in (a card its terminal could not check, kiosk.core.card_rules)
    asks the hub to confirm the worker: it is stored, and so confirmed, only for a worker
    the hub knows (or that comes in the same batch) whose data was not deleted. Any
    check-in naming a deleted worker (a replayed card) is refused."""
    named = {i.record.worker_id for i in items if isinstance(i.record, CheckIn)}
    if not named:
        return {}
    erased = _erased_workers(conn, named)
    known = batch_workers | _known_workers(conn, named - batch_workers)
    refused: dict[str, Reason] = {}
    for item in items:
        checkin = item.record
        assert isinstance(checkin, CheckIn)
        if checkin.worker_id in erased or (
                checkin.unverified is not None and checkin.worker_id not in known):
            refused[item.change.change_id] = Reason.UNKNOWN_WORKER
    return refused


def _worker_known_rules(conn: Connection, items: Sequence[Candidate],
                        batch_workers: set[str]) -> dict[str, Reason]:
    """A safety acknowledgement or a help request names a worker the hub knows (or one in
    the same batch) whose data was not deleted."""
    named = {str(getattr(i.record, "worker_id", "")) for i in items}
    if not named:
        return {}
    erased = _erased_workers(conn, named)
    known = batch_workers | _known_workers(conn, named - batch_workers)
    return {i.change.change_id: Reason.UNKNOWN_WORKER for i in items
            if getattr(i.record, "worker_id", "") in erased
            or getattr(i.record, "worker_id", "") not in known}


def _erased_workers(conn: Connection, ids: set[str]) -> set[str]:
    """Those of `ids` whose personal data was deleted (sync.hub.erasure): no ID left."""
    return {str(i) for i, payload in conn.execute(select(workers.c.id, workers.c.payload).where(
        among(conn, workers.c.id, ids))) if not json.loads(payload).get("id_masked")}


def _known_workers(conn: Connection, ids: set[str]) -> set[str]:
    found = {str(i) for (i,) in conn.execute(select(workers.c.id).where(
        among(conn, workers.c.id, ids)))}
    found |= {str(i) for (i,) in conn.execute(select(worker_aliases.c.alias_id).where(
        among(conn, worker_aliases.c.alias_id, ids - found)))}
    return found


def _hires(conn: Connection, job_ids: set[str], excluding: set[str]) -> defaultdict[str, int]:
    """Per job, the hires the hub has, other than the referrals being judged."""
    counts: defaultdict[str, int] = defaultdict(int)
    for job_id, n in conn.execute(
            select(referrals.c.job_id, func.count()).where(
                among(conn, referrals.c.job_id, job_ids),
                referrals.c.status == ReferralStatus.HIRED.value,
                referrals.c.id.not_in(sorted(excluding))).group_by(referrals.c.job_id)):
        counts[str(job_id)] = int(n)
    return counts


def record_refusals(conn: Connection, terminal_id: str, hall_id: str, at: str,
                    refused: Iterable[tuple[Change, Reason]]) -> None:
    """Log refused changes for the city (table `refusals` and the hub's log)."""
    rows = [{"at": at, "terminal_id": terminal_id, "hall_id": hall_id,
             "record_type": change.record_type, "record_id": change.record_id,
             "reason": reason.value} for change, reason in refused]
    if not rows:
        return
    conn.execute(refusals.insert(), rows)
    for row in rows:
        log.warning("refused %(reason)s: terminal %(terminal_id)s of hall %(hall_id)s "
                    "wrote %(record_type)s %(record_id)s", row)
