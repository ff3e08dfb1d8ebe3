"""The hub runs the discrimination check on every pushed job post, with the rules it
serves; a blocked post is stored only with a supervisor's override (real hubs on
PostgreSQL and SQLite, the real terminal services for the override)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from kiosk.core.errors import Ok
from kiosk.core.records import AuditAction
from kiosk.core.staff import StaffRole
from kiosk.services.staff import StaffAccounts
from kiosk.store.sync_state import SyncState
from sync import protocol
from sync.hub.assets import publish
from sync.hub.schema import feed, jobs
from sync.protocol import Reason, Result
from tests.conftest import employer_draft, job_draft
from tests.store import samples
from tests.sync.conftest import HALL_A, HALL_B, Hub, Terminal
from tests.sync.hostile import World, make_world, push_dicts, record_change
from tests.sync.test_assets import rules_with

ISSUE_WORDING = "限男性 35岁以下 本地户口 回族勿扰"


def job_count(hub: Hub) -> tuple[int, int]:
    with hub.engine.connect() as conn:
        return (int(conn.execute(select(func.count()).select_from(jobs)).scalar_one()),
                int(conn.execute(select(func.count()).select_from(feed)).scalar_one()))


def answers(hub: Hub, creds: Any, changes: list[dict[str, Any]]) -> list[Any]:
    status, answer = push_dicts(hub, creds, changes)
    assert status == 200 and answer is not None
    return list(answer.answers)


def override_of(world: World, job_id: str, hall: str | None = None) -> dict[str, Any]:
    event = samples.audit_event(hall_id=hall or world.hall, terminal_id=world.terminal,
                                staff_id="S900", action=AuditAction.JOB_OVERRIDE,
                                entity="job", entity_id=job_id, detail="性别: 限男性")
    return record_change(event)


def test_the_issue_post_is_rejected_and_reaches_no_hall(hub: Hub) -> None:
    a = hub.provision(HALL_A)
    world = make_world(hub, a)
    before = job_count(hub)
    post = samples.job(world.employer_id, hall_id=HALL_A, title="装卸工",
                       description=ISSUE_WORDING)
    [answer] = answers(hub, a, [record_change(post)])
    assert (answer.result, answer.reason) == (Result.REJECTED, Reason.DISCRIMINATORY)
    for category in ("gender", "age", "region_hukou", "ethnicity"):
        assert category in answer.detail
    assert "限男性" not in answer.detail  # categories, never the phrases
    assert job_count(hub) == before


def test_a_blocked_post_with_an_override_in_the_batch_or_before_is_stored(hub: Hub) -> None:
    a = hub.provision(HALL_A)
    world = make_world(hub, a)
    post = samples.job(world.employer_id, hall_id=HALL_A, description="限男性")
    got = answers(hub, a, [record_change(post), override_of(world, post.id)])
    assert [x.result for x in got] == [Result.STORED, Result.STORED]
    later = samples.job(world.employer_id, hall_id=HALL_A, description="限男性")
    assert answers(hub, a, [override_of(world, later.id)])[0].result is Result.STORED
    assert answers(hub, a, [record_change(later)])[0].result is Result.STORED


def test_an_override_must_be_for_that_job_and_hall(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    world_a = make_world(hub, a)
    world_b = make_world(hub, b)
    post = samples.job(world_a.employer_id, hall_id=HALL_A, description="限男性")
    other_job = override_of(world_a, world_a.job_id)
    assert answers(hub, b, [override_of(world_b, post.id)])[0].result is Result.STORED
    got = answers(hub, a, [record_change(post), other_job])
    assert (got[0].result, got[0].reason) == (Result.REJECTED, Reason.DISCRIMINATORY)


def test_the_hub_checks_with_the_rules_it_serves(hub: Hub) -> None:
    publish(hub.engine, "post_rules", rules_with("限属龙", 90))
    a = hub.provision(HALL_A)
    world = make_world(hub, a)
    post = samples.job(world.employer_id, hall_id=HALL_A, description="限属龙的来")
    [answer] = answers(hub, a, [record_change(post)])
    assert answer.reason is Reason.DISCRIMINATORY


def test_a_terminals_supervisor_override_passes_the_hub(hub: Hub, hall_a: Terminal) -> None:
    services = hall_a.services
    assert isinstance(StaffAccounts(services).add("S900", "赵主任", StaffRole.SUPERVISOR,
                                                  "730519"), Ok)
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    clerk = services.as_staff("S001")
    draft = job_draft(employer.value.id, title="仓库装卸", description="限男性")
    assert isinstance(clerk.post_job(draft, override_by="S900"), Ok)
    report = hall_a.agent(hub.client).sync_once()
    assert report.ok and report.rejected == 0, report
    response = hub.client.get(protocol.PULL_PATH, headers={
        "Authorization": f"Bearer {hall_a.credentials.token}"})
    assert any(item["payload"].get("description") == "限男性"
               for item in response.json()["items"])


def post_with_an_override(hall: Terminal) -> None:
    """A post the check blocks, saved with a supervisor's override."""
    services = hall.services
    accounts = StaffAccounts(services)
    assert isinstance(accounts.add("S900", "赵主任", StaffRole.SUPERVISOR, "730519"), Ok)
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    draft = job_draft(employer.value.id, title="仓库装卸", description="限男性")
    assert isinstance(services.as_staff("S001").post_job(draft, override_by="S900"), Ok)


def test_an_override_and_its_post_never_travel_in_different_batches(
        hub: Hub, hall_a: Terminal) -> None:
    """Batches of 1, two on the wire: each batch the agent claims that ends on the override
    takes the post along, so the hub never sees the blocked post without it."""
    post_with_an_override(hall_a)
    agent = hall_a.agent(hub.client)
    agent.batch_size = 1
    report = agent.sync_once()
    assert report.ok and report.rejected == 0, report
    with hub.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(jobs)).scalar_one() == 1


def test_a_claimed_batch_that_ends_on_an_override_takes_the_post_along(
        hall_a: Terminal) -> None:
    post_with_an_override(hall_a)
    state = SyncState(hall_a.store)
    before = state.claim_raw(1)  # the employer (no staff acted: not audited)
    assert [c.entity for c in before] == ["employer"]
    batch = state.claim_raw(1, before[-1].seq)
    assert [c.entity for c in batch] == ["audit", "job"]
    assert '"action":"job.override"' in batch[0].payload_json
