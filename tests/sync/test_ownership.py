"""Each attack of issue 18 against a real hub (PostgreSQL and SQLite): a hall's token
rewriting another hall's job, worker, employer or audit event, invented hires, and
timestamps far in the future. The hub answers `rejected`, changes nothing, and logs the
attempt with the terminal's id; the owner's own changes still apply."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Table, select

from kiosk.core.codec import iso_utc
from kiosk.core.ids import new_id
from kiosk.core.records import ReferralStatus
from sync import protocol
from sync.hub.schema import audit_events, employers, jobs, refusals, workers
from sync.protocol import Reason, Result
from sync.provisioning import Provisioning
from tests.store import samples
from tests.sync.conftest import HALL_A, HALL_B, Hub
from tests.sync.hostile import (
    World,
    change_of,
    make_world,
    push_dicts,
    record_change,
    valid_records,
)


def stored(hub: Hub, table: Table, record_id: str) -> dict[str, Any]:
    with hub.engine.connect() as conn:
        text = conn.execute(select(table.c.payload).where(table.c.id == record_id)).scalar_one()
    return dict(json.loads(text))


def soon(minutes: float = 1) -> str:
    return iso_utc(datetime.now(UTC) + timedelta(minutes=minutes))


def answer_of(hub: Hub, creds: Provisioning, changes: list[dict[str, Any]]) -> list[Any]:
    status, answer = push_dicts(hub, creds, changes)
    assert status == 200 and answer is not None
    return list(answer.answers)


def one(hub: Hub, creds: Provisioning, change: dict[str, Any]) -> tuple[Result, Reason | None]:
    answer = answer_of(hub, creds, [change])[0]
    return answer.result, answer.reason


def pull_titles(hub: Hub, creds: Provisioning, job_id: str) -> list[str]:
    response = hub.client.get(protocol.PULL_PATH, headers={
        "Authorization": f"Bearer {creds.token}"})
    return [item["payload"]["title"] for item in response.json()["items"]
            if item["kind"] == "job" and item["record_id"] == job_id]


def test_a_hall_cannot_take_over_another_halls_job(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    world = make_world(hub, b)
    before = stored(hub, jobs, world.job_id)
    forged = {**before, "hall_id": HALL_A, "title": "高薪日结", "updated_at": soon()}
    assert one(hub, a, change_of("job", forged, op="update")) == (
        Result.REJECTED, Reason.NOT_OWNER)
    as_b = {**before, "title": "冒充B", "updated_at": soon()}  # claims to be B's own change
    assert one(hub, a, change_of("job", as_b, op="update")) == (
        Result.REJECTED, Reason.NOT_OWNER)
    far = {**forged, "updated_at": "2099-01-01T00:00:00.000Z"}
    assert one(hub, a, change_of("job", far, op="update"))[0] is Result.REJECTED
    assert stored(hub, jobs, world.job_id) == before
    correction = {**before, "title": "B的更正", "updated_at": soon()}
    assert one(hub, b, change_of("job", correction, op="update")) == (Result.STORED, None)
    assert stored(hub, jobs, world.job_id)["title"] == "B的更正"
    assert pull_titles(hub, b, world.job_id)[-1] == "B的更正"
    assert "高薪日结" not in pull_titles(hub, b, world.job_id)


def test_a_hall_cannot_rewrite_another_halls_worker_or_employer(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    world = make_world(hub, b)
    for table, record_type, record_id, field in (
            (workers, "worker", world.worker_id, "phone"),
            (employers, "employer", world.employer_id, "phone")):
        before = stored(hub, table, record_id)
        forged = {**before, "hall_id": HALL_A, field: "13900000000", "updated_at": soon()}
        assert one(hub, a, change_of(record_type, forged, op="update")) == (
            Result.REJECTED, Reason.NOT_OWNER)
        assert stored(hub, table, record_id) == before


def test_audit_events_are_never_rewritten(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    event = samples.audit_event(hall_id=HALL_A, terminal_id=a.terminal)
    first = record_change(event)
    assert one(hub, a, first) == (Result.STORED, None)
    rewritten = {**first["payload"], "detail": "改过"}
    assert one(hub, a, change_of("audit", rewritten, op="update")) == (
        Result.REJECTED, Reason.IMMUTABLE)
    as_b = {**first["payload"], "hall_id": HALL_B, "terminal_id": b.terminal}
    assert one(hub, b, change_of("audit", as_b))[0] is Result.REJECTED
    assert stored(hub, audit_events, event.id)["detail"] == event.detail
    assert one(hub, a, first) == (Result.DUPLICATE, None)  # a resend is still a duplicate


def test_invented_hires_do_not_fill_another_halls_job(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    world_b = make_world(hub, b)
    world_a = make_world(hub, a)
    job = samples.job(world_b.employer_id, hall_id=HALL_B, headcount=1, headcount_filled=0)
    assert one(hub, b, record_change(job)) == (Result.STORED, None)
    invented = [samples.referral(job.id, hall_id=HALL_A, worker_id=new_id(),
                                 status=ReferralStatus.HIRED) for _ in range(3)]
    answers = answer_of(hub, a, [record_change(r) for r in invented])
    assert {(x.result, x.reason) for x in answers} == {(Result.REJECTED, Reason.UNKNOWN_WORKER)}
    assert stored(hub, jobs, job.id)["headcount_filled"] == 0
    hires = [samples.referral(job.id, hall_id=HALL_A, worker_id=w,
                              status=ReferralStatus.HIRED)
             for w in (world_a.worker_id, world_b.worker_id)]
    answers = answer_of(hub, a, [record_change(r) for r in hires])
    assert [(x.result, x.reason) for x in answers] == [
        (Result.STORED, None), (Result.REJECTED, Reason.JOB_NOT_OPEN)]
    filled = stored(hub, jobs, job.id)
    assert (filled["headcount_filled"], filled["status"]) == (1, "filled")


def test_a_fill_notice_of_another_halls_job_is_logged_not_applied(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    world = make_world(hub, b)
    before = stored(hub, jobs, world.job_id)
    notice = {**before, "headcount_filled": 1, "updated_at": soon()}
    assert one(hub, a, change_of("job", notice, op="update")) == (Result.STORED, None)
    assert stored(hub, jobs, world.job_id) == before
    closing = {**before, "status": "closed", "updated_at": soon()}
    assert one(hub, a, change_of("job", closing, op="update")) == (
        Result.REJECTED, Reason.NOT_OWNER)


def test_far_future_times_are_rejected_and_cannot_pin_a_record(hub: Hub) -> None:
    a = hub.provision(HALL_A)
    world = make_world(hub, a)
    before = stored(hub, jobs, world.job_id)
    for stamp in ("9999-12-31T00:00:00.000Z", "2099-01-01T00:00:00.000Z", soon(30)):
        pinned = {**before, "title": "钉住", "updated_at": stamp}
        assert one(hub, a, change_of("job", pinned, op="update")) == (
            Result.REJECTED, Reason.INVALID), stamp
    later = {**before, "title": "正常更新", "updated_at": soon(2)}
    assert one(hub, a, change_of("job", later, op="update")) == (Result.STORED, None)
    assert stored(hub, jobs, world.job_id)["title"] == "正常更新"


def test_refusals_are_logged_for_the_city_with_the_terminal(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    world = make_world(hub, b)
    forged = {**stored(hub, workers, world.worker_id), "hall_id": HALL_A, "updated_at": soon()}
    change = change_of("worker", forged, op="update")
    one(hub, a, change)
    with hub.engine.connect() as conn:
        rows = conn.execute(select(refusals.c.terminal_id, refusals.c.hall_id,
                                   refusals.c.record_id, refusals.c.reason)).all()
    assert [tuple(r) for r in rows] == [(a.terminal, HALL_A, world.worker_id, "not_owner")]
    assert one(hub, a, change) == (Result.REJECTED, Reason.NOT_OWNER)  # again, not duplicate


def test_a_new_record_of_another_hall_is_refused(hub: Hub) -> None:
    a = hub.provision(HALL_A)
    notice = valid_records(World(HALL_B, a.terminal, "", "", ""))["notice"]
    assert one(hub, a, record_change(notice)) == (Result.REJECTED, Reason.HALL_MISMATCH)
