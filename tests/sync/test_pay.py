"""The hub re-runs the minimum-wage check on every new job post: a terminal that skips it
cannot put an underpaid job on every hall's board; a later version of an old job (a
cancel) is still taken."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from kiosk.core.codec import from_payload
from kiosk.core.records import JobPost, JobStatus, PayUnit
from sync.hub.schema import feed, jobs
from sync.protocol import Reason, Result
from tests.store import samples
from tests.sync.conftest import Hub
from tests.sync.hostile import make_world, push_dicts, record_change


def test_an_underpaid_post_is_refused_at_the_hub_and_reaches_no_board(hub: Hub) -> None:
    creds = hub.provision("370104-DDBL")
    world = make_world(hub, creds)
    underpaid = samples.job(world.employer_id, hall_id=world.hall, pay_cents=500,
                            pay_unit=PayUnit.HOUR)
    piece = samples.job(world.employer_id, hall_id=world.hall, pay_cents=3_000,
                        pay_unit=PayUnit.SQUARE_METRE, day_estimate_cents=None)
    status, answer = push_dicts(hub, creds, [record_change(underpaid), record_change(piece)])
    assert status == 200 and answer is not None
    assert [(a.result, a.reason) for a in answer.answers] == [
        (Result.REJECTED, Reason.BELOW_MINIMUM_WAGE)] * 2
    with hub.engine.connect() as conn:
        stored = {row.id for row in conn.execute(select(jobs.c.id))}
        fed = {row.record_id for row in conn.execute(select(feed.c.record_id))}
    assert underpaid.id not in stored | fed and piece.id not in stored | fed


def test_a_later_version_of_a_job_is_not_checked_again(hub: Hub) -> None:
    creds = hub.provision("370104-DDBL")
    world = make_world(hub, creds)
    with hub.engine.connect() as conn:
        payload = conn.execute(select(jobs.c.payload).where(jobs.c.id == world.job_id)
                               ).scalar_one()

    job = from_payload(JobPost, json.loads(payload))
    # as if posted before the rule: underpaid, now cancelled by its hall
    closed = replace(job, pay_cents=1_000, pay_unit=PayUnit.HOUR, status=JobStatus.CLOSED,
                     updated_at=job.updated_at + timedelta(minutes=1))
    status, answer = push_dicts(hub, creds, [record_change(closed, "update")])
    assert status == 200 and answer is not None
    assert answer.answers[0].result == Result.STORED
