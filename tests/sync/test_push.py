"""POST /v1/push against the real hub app on PostgreSQL and on SQLite."""

from __future__ import annotations

import json
from typing import Any

import httpx
from sqlalchemy import func, select

from kiosk.core.codec import content_hash
from kiosk.core.ids import new_id
from kiosk.core.records import JobStatus, ReferralStatus
from sync import protocol
from sync.agent import _wire
from sync.hub.schema import audit_events, changes, employers, feed, jobs, workers
from sync.protocol import Change, PushRequest, PushResponse, Reason, Result
from sync.provisioning import Provisioning
from tests.conftest import employer_draft, job_draft, worker_draft
from tests.sync.conftest import HALL_A, HALL_B, Hub, Terminal


def post(hub: Hub, creds: Provisioning, wire: list[Change], *, gzip: bool = True,
         terminal: str | None = None, hall: str | None = None) -> PushResponse:
    request = PushRequest(terminal_id=terminal or creds.terminal, hall_id=hall or creds.hall,
                          changes=wire)
    headers = {"Authorization": f"Bearer {creds.token}", "Content-Type": "application/json"}
    if gzip:
        headers["Content-Encoding"] = "gzip"
    response = hub.client.post(protocol.PUSH_PATH, content=protocol.encode(request, compress=gzip),
                               headers=headers)
    assert response.status_code == 200, response.text
    return PushResponse.model_validate_json(response.content)


def outbox_wire(terminal: Terminal) -> list[Change]:
    return [_wire(c) for c in terminal.store.outbox.unsent(10_000)]


def some_changes(terminal: Terminal) -> list[Change]:
    s = terminal.services
    assert s.register_worker(worker_draft()).ok
    employer = s.register_employer(employer_draft())
    assert employer.ok
    assert s.post_job(job_draft(employer.value.id)).ok  # type: ignore[union-attr]
    return outbox_wire(terminal)


def count(hub: Hub, table: Any) -> int:
    with hub.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_new_changes_are_stored_then_a_replay_is_duplicate(hub: Hub, hall_a: Terminal) -> None:
    wire = some_changes(hall_a)
    first = post(hub, hall_a.credentials, wire)
    assert [a.result for a in first.answers] == [Result.STORED] * 3
    assert [a.change_id for a in first.answers] == [c.change_id for c in wire]
    again = post(hub, hall_a.credentials, wire, gzip=False)
    assert [a.result for a in again.answers] == [Result.DUPLICATE] * 3
    assert count(hub, changes) == 3 and count(hub, workers) == 1 and count(hub, jobs) == 1


def test_same_change_id_with_other_content_is_a_conflict(hub: Hub, hall_a: Terminal) -> None:
    wire = some_changes(hall_a)
    post(hub, hall_a.credentials, wire)
    job = wire[2]
    payload = {**job.payload, "title": "改过的标题"}
    forged = job.model_copy(update={"payload": payload, "content_hash": content_hash(payload)})
    answer = post(hub, hall_a.credentials, [forged]).answers[0]
    assert answer.result is Result.CONFLICT
    with hub.engine.connect() as conn:
        title = conn.execute(select(jobs.c.payload)).scalar_one()
    assert "改过的标题" not in title


def test_a_repeat_inside_one_batch_is_answered_against_the_first(
        hub: Hub, hall_a: Terminal) -> None:
    wire = some_changes(hall_a)
    answers = post(hub, hall_a.credentials, [*wire, wire[0]]).answers
    assert [a.result for a in answers] == [Result.STORED] * 3 + [Result.DUPLICATE]
    assert count(hub, changes) == 3


def test_invalid_payload_is_rejected_with_a_reason_and_nothing_stored(
        hub: Hub, hall_a: Terminal) -> None:
    worker = some_changes(hall_a)[0]
    bad_phone = {**worker.payload, "phone": "12345"}
    unknown_field = {**worker.payload, "extra": 1}
    bad_hash = worker.model_copy(update={"payload": {**worker.payload, "name": "王五"}})
    wire = [
        worker.model_copy(update={"payload": bad_phone, "content_hash": content_hash(bad_phone),
                                  "change_id": new_id()}),
        worker.model_copy(update={"payload": unknown_field, "change_id": new_id(),
                                  "content_hash": content_hash(unknown_field)}),
        bad_hash.model_copy(update={"change_id": new_id()}),
        worker.model_copy(update={"change_id": "not-a-uuid"}),
    ]
    answers = post(hub, hall_a.credentials, wire).answers
    assert [a.result for a in answers] == [Result.REJECTED] * 4
    assert [a.reason for a in answers] == [Reason.INVALID, Reason.MALFORMED,
                                           Reason.HASH_MISMATCH, Reason.ID_MISMATCH]
    assert "phone" in answers[0].detail
    assert count(hub, changes) == 0 and count(hub, workers) == 0


def test_a_batch_claiming_another_terminal_or_hall_is_rejected(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    wire = some_changes(hall_a)
    other = hall_b.credentials
    as_b = post(hub, hall_a.credentials, wire, terminal=other.terminal).answers
    assert {a.reason for a in as_b} == {Reason.TERMINAL_MISMATCH}
    claims_b = post(hub, hall_a.credentials, wire, hall=HALL_B).answers
    assert {a.reason for a in claims_b} == {Reason.HALL_MISMATCH}
    # hall B's token sending hall A's records (the payloads say hall A)
    with_b_token = post(hub, other, wire).answers
    assert {a.reason for a in with_b_token} == {Reason.HALL_MISMATCH}
    assert count(hub, changes) == 0


def test_unknown_or_missing_token_is_401(hub: Hub, hall_a: Terminal) -> None:
    body = protocol.encode(PushRequest(terminal_id="T", hall_id=HALL_A, changes=[]))
    for headers in ({"Authorization": "Bearer nope"}, {}):
        response = hub.client.post(protocol.PUSH_PATH, content=body, headers={
            **headers, "Content-Encoding": "gzip", "Content-Type": "application/json"})
        assert response.status_code == 401
    assert hub.client.get(protocol.PULL_PATH, headers={"Authorization": "Bearer x"}
                          ).status_code == 401


def test_a_damaged_gzip_body_is_400_not_500(hub: Hub, hall_a: Terminal) -> None:
    response = hub.client.post(protocol.PUSH_PATH, content=b"\x1f\x8bnot gzip", headers={
        "Authorization": f"Bearer {hall_a.credentials.token}", "Content-Encoding": "gzip",
        "Content-Type": "application/json"})
    assert response.status_code == 400


def test_delete_is_only_a_workers_erasure(hub: Hub, hall_a: Terminal) -> None:
    """Records are closed, never deleted; the one delete is a worker's erasure, carrying
    the anonymised record (tests/sync/test_erasure.py): one that still names the person
    is refused."""
    worker, *others = some_changes(hall_a)
    deleted = worker.model_copy(update={"op": protocol.Op.DELETE, "change_id": new_id()})
    assert post(hub, hall_a.credentials, [deleted]).answers[0].reason is Reason.INVALID
    other = next(c for c in others if c.record_type != "worker")
    gone = other.model_copy(update={"op": protocol.Op.DELETE, "change_id": new_id()})
    assert post(hub, hall_a.credentials, [gone]).answers[0].reason is Reason.UNSUPPORTED


def test_the_hub_publishes_its_openapi(hub: Hub) -> None:
    spec = hub.client.get("/openapi.json").json()
    assert {protocol.PUSH_PATH, protocol.PULL_PATH} <= set(spec["paths"])
    body = spec["paths"][protocol.PUSH_PATH]["post"]["requestBody"]
    assert body["required"] is True
    ref = body["content"]["application/json"]["schema"]["$ref"]
    schemas = spec["components"]["schemas"]
    request = schemas[ref.rsplit("/", 1)[1]]
    assert set(request["required"]) == {"terminal_id", "hall_id", "changes"}
    assert request["properties"]["changes"]["maxItems"] == protocol.MAX_BATCH
    assert {"Change", "PushResponse", "Answer"} <= set(schemas)


def test_a_push_that_is_not_a_batch_gets_422_and_stores_nothing(
        hub: Hub, hall_a: Terminal) -> None:
    headers = {"Authorization": f"Bearer {hall_a.credentials.token}",
               "Content-Type": "application/json"}
    wire = some_changes(hall_a)
    good = PushRequest(terminal_id=hall_a.credentials.terminal,
                       hall_id=hall_a.credentials.hall, changes=wire).model_dump(mode="json")
    too_many = dict(good, changes=good["changes"] * 200)  # 600 changes
    for body in (b"{not json", b"[]", protocol.encode(PushRequest.model_construct(
            terminal_id="", hall_id="h", changes=[]), compress=False),
            httpx.Request("POST", "/", json=too_many).content):
        response = hub.client.post(protocol.PUSH_PATH, content=body, headers=headers)
        assert response.status_code == 422, response.text
        answer = response.json()
        assert answer["error"] == "invalid_request" and answer["detail"].startswith("body")
    assert count(hub, changes) == 0


def test_a_raw_push_body_parses_as_the_model_body(hall_a: Terminal) -> None:
    some_changes(hall_a)
    raw = hall_a.agent(httpx.Client()).state.claim_raw(10)
    body = protocol.encode_push("t1", HALL_A, [
        (c.change_id, c.entity, c.entity_id, c.op, c.payload_json, c.content_hash,
         c.created_at) for c in raw])
    parsed = protocol.decode(PushRequest, body, "gzip")
    assert parsed == PushRequest(terminal_id="t1", hall_id=HALL_A,
                                 changes=outbox_wire(hall_a))
    assert [c.change_id for c in parsed.changes] == [c.change_id for c in raw]



def test_two_versions_of_a_record_in_one_batch_keep_the_newer(hub: Hub,
                                                             hall_a: Terminal) -> None:
    s = hall_a.services
    employer = s.register_employer(employer_draft())
    assert employer.ok
    first = outbox_wire(hall_a)[0]
    newer = dict(first.payload, display_name="王老板新", updated_at="2026-11-24T00:00:00.000Z")
    second = first.model_copy(update={"change_id": new_id(), "op": protocol.Op.UPDATE,
                                      "payload": newer, "content_hash": content_hash(newer)})
    answers = post(hub, hall_a.credentials, [second, first]).answers
    assert [a.result for a in answers] == [Result.STORED, Result.STORED]
    with hub.engine.connect() as conn:
        rows = conn.execute(select(employers.c.payload)).all()
    assert len(rows) == 1 and "王老板新" in rows[0].payload


def test_staff_audit_events_reach_the_hub_and_another_terminals_are_rejected(
        hub: Hub, hall_a: Terminal) -> None:
    clerk = hall_a.services.as_staff("S001")
    assert clerk.register_employer(employer_draft()).ok
    wire = outbox_wire(hall_a)
    assert [c.record_type for c in wire] == ["employer", "audit"]
    answers = post(hub, hall_a.credentials, wire).answers
    assert [a.result for a in answers] == [Result.STORED] * 2
    assert count(hub, audit_events) == 1

    forged = dict(wire[1].payload, id=new_id(), terminal_id="T-OTHER")
    change = wire[1].model_copy(update={"change_id": new_id(), "record_id": forged["id"],
                                        "payload": forged, "content_hash": content_hash(forged)})
    answer = post(hub, hall_a.credentials, [change]).answers[0]
    assert answer.result is Result.REJECTED and answer.reason is Reason.TERMINAL_MISMATCH
    assert count(hub, audit_events) == 1


def feed_of(hub: Hub, record_id: str) -> list[dict[str, Any]]:
    with hub.engine.connect() as conn:
        texts = conn.execute(select(feed.c.payload).where(feed.c.record_id == record_id)
                             .order_by(feed.c.seq)).scalars()
        return [json.loads(text) for text in texts]


def test_a_hire_sent_before_its_job_in_one_batch_still_fills_it(
        hub: Hub, hall_a: Terminal) -> None:
    s = hall_a.services
    employer = s.register_employer(employer_draft())
    assert employer.ok
    job = s.post_job(job_draft(employer.value.id, headcount="1"))  # type: ignore[union-attr]
    assert job.ok
    referral = s.refer(job.value.id, new_id())  # type: ignore[union-attr]
    assert referral.ok
    assert s.record_outcome(referral.value.id, ReferralStatus.HIRED).ok  # type: ignore[union-attr]
    wire = outbox_wire(hall_a)  # employer, job, referral, the referral hired, the job filled
    jobs_first = [c for c in wire if c.record_type == "job"][:1]
    rest = [c for c in wire if c.record_type != "job"]
    answers = post(hub, hall_a.credentials, [*rest, *jobs_first]).answers
    assert {a.result for a in answers} == {Result.STORED}
    with hub.engine.connect() as conn:
        status, filled = conn.execute(select(jobs.c.status, jobs.c.headcount_filled)).one()
    assert (status, filled) == (JobStatus.FILLED.value, 1)
    entries = feed_of(hub, job.value.id)  # type: ignore[union-attr]
    assert [e["status"] for e in entries] == ["open", "filled"]


def test_an_older_job_version_arriving_late_is_logged_but_not_fed(
        hub: Hub, hall_a: Terminal) -> None:
    s = hall_a.services
    employer = s.register_employer(employer_draft())
    assert employer.ok
    assert s.post_job(job_draft(employer.value.id)).ok  # type: ignore[union-attr]
    created = next(c for c in outbox_wire(hall_a) if c.record_type == "job")
    newer = dict(created.payload, title="仓库装卸（加急）",
                 updated_at="2026-11-24T00:00:00.000Z")
    update = created.model_copy(update={"change_id": new_id(), "op": protocol.Op.UPDATE,
                                        "payload": newer, "content_hash": content_hash(newer)})
    post(hub, hall_a.credentials, [update])
    late = post(hub, hall_a.credentials, [created]).answers[0]
    assert late.result is Result.STORED  # in the log
    assert [e["title"] for e in feed_of(hub, created.record_id)] == ["仓库装卸（加急）"]
    with hub.engine.connect() as conn:
        assert conn.execute(select(jobs.c.payload)).scalar_one() == json.dumps(
            newer, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
