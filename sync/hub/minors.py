"""The hub re-runs the minors' rule (kiosk.core.protected_work.minor_may_take) on every new
referral, with the lists of the city's posting rules it serves: a terminal that skipped
it, or an old one, cannot send a 16–17-year-old to work the law keeps from minors. The
worker's age is taken on the referral's day; the job and the worker come from the batch
or from what the hub has. Outcomes of referrals made earlier are not judged again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from kiosk.core.protected_work import ProtectedWork, minor_barred_item
from kiosk.core.records import JobPost, Record, Referral, Worker
from sync.hub.ownership import among
from sync.hub.schema import jobs, workers
from sync.protocol import Change, Op


@dataclass(frozen=True, slots=True)
class _Job:
    trade: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class _Person:
    birth_date: date


def barred_referrals(conn: Connection, items: Sequence[tuple[Change, Record]],
                     work: ProtectedWork) -> set[str]:
    """The change ids of new referrals that send a minor to work barred to minors."""
    new = [(c, r) for c, r in items if isinstance(r, Referral) and c.op == Op.CREATE]
    if not new or not work.minors.items:
        return set()
    batch_jobs = {r.id: _Job(r.trade, r.title, r.description) for _, r in items
                  if isinstance(r, JobPost)}
    people = {r.id: _Person(r.birth_date) for _, r in items if isinstance(r, Worker)}
    referrals = [r for _, r in new if isinstance(r, Referral)]
    found_jobs = batch_jobs | _stored_jobs(conn, {r.job_id for r in referrals} - set(batch_jobs))
    people |= _stored_people(conn, {r.worker_id for r in referrals} - set(people))
    barred = set()
    for change, referral in new:
        assert isinstance(referral, Referral)
        job, person = found_jobs.get(referral.job_id), people.get(referral.worker_id)
        if job is not None and person is not None and minor_barred_item(
                person, job, referral.created_at.date(), work) is not None:
            barred.add(change.change_id)
    return barred


def _stored_jobs(conn: Connection, ids: set[str]) -> dict[str, _Job]:
    if not ids:
        return {}
    return {str(i): _job(json.loads(p)) for i, p in conn.execute(
        select(jobs.c.id, jobs.c.payload).where(among(conn, jobs.c.id, ids)))}


def _job(payload: dict[str, object]) -> _Job:
    return _Job(str(payload.get("trade", "")), str(payload.get("title", "")),
                str(payload.get("description", "")))


def _stored_people(conn: Connection, ids: Iterable[str]) -> dict[str, _Person]:
    wanted = set(ids)
    if not wanted:
        return {}
    found = {}
    for i, p in conn.execute(select(workers.c.id, workers.c.payload).where(
            among(conn, workers.c.id, wanted))):
        birth = json.loads(p).get("birth_date")
        if isinstance(birth, str):
            found[str(i)] = _Person(date.fromisoformat(birth))
    return found
