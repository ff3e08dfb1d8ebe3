"""GET /v1/stats by role: a hall's token reads its own hall's rows and the city totals; a
city token reads every hall's rows (real hubs on PostgreSQL and SQLite)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.core.drafts import CaseStepDraft
from kiosk.core.records import ServiceKind
from sync.hub.assets import publish
from sync.hub.terminals import CITY_ROLE, add_terminal
from tests.conftest import (
    TODAY,
    FixedClock,
    employer_draft,
    id_number,
    job_draft,
    worker_draft,
)
from tests.printers import ok
from tests.services.test_hall import complaint_draft
from tests.sync.conftest import CITY_KEY, HALL_A, HALL_B, Hub, Terminal
from tests.sync.hostile import make_world
from tests.sync.test_training import courses


def stats(hub: Hub, token: str) -> dict[str, object]:
    response = hub.client.get("/v1/stats", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    return dict(response.json())


def test_a_hall_reads_its_own_rows_and_the_city_totals(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    make_world(hub, a)
    make_world(hub, b)
    _, city_token = add_terminal(hub.engine, "CITY", "city office", role=CITY_ROLE)
    everything = stats(hub, city_token)
    own = stats(hub, a.token)
    halls = {row["hall"] for row in everything["per_hall_day"]}  # type: ignore[attr-defined]
    assert halls == {HALL_A, HALL_B}
    assert {row["hall"] for row in own["per_hall_day"]} == {HALL_A}  # type: ignore[attr-defined]
    assert own["city"] == everything["city"] and own["trades"] == everything["trades"]
    assert own["city"]["registrations"] == 2  # type: ignore[index]


def test_an_unknown_role_is_refused(hub: Hub) -> None:
    with pytest.raises(ValueError, match="role"):
        add_terminal(hub.engine, HALL_A, "x", role="admin")


def test_statistics_count_employers_complaints_and_the_131_follow_up(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    """Both halls work through their services and sync; the city reads 用工主体, complaints
    by type and status, and "131" figures; each hall only its own rows of them."""
    s = hall_a.services
    employer = ok(s.register_employer(employer_draft()))
    ok(s.post_job(job_draft(employer.id)))
    ok(s.post_job(job_draft(employer.id, title="第二个岗位")))
    worker = ok(s.register_worker(worker_draft()))
    for kind in (ServiceKind.GUIDANCE, *[ServiceKind.RECOMMENDATION] * 3):
        ok(s.add_service_event(worker.id, kind))
    ticked = ok(s.register_worker(worker_draft(id_number=id_number(seq=125),
                                               phone="13805311235")))
    for kind in (ServiceKind.GUIDANCE, *[ServiceKind.RECOMMENDATION] * 3, ServiceKind.TRAINING):
        ok(s.add_service_event(ticked.id, kind))  # its training an old tick: not complete
    publish(hub.engine, "training_courses", courses(), signing_key=CITY_KEY)
    assert hall_a.agent(hub.client).sync_once().ok
    signup = ok(s.sign_up(worker.id, "elec-a"))
    clock.advance(days=7)  # the course's first session: training given this day
    ok(s.as_staff("S001").record_attendance(signup.id, 1))
    clock.advance(days=-7)
    wages = ok(s.file_complaint(complaint_draft()))
    ok(s.file_complaint(complaint_draft(kind="injury", amount="")))
    clock.advance(minutes=5)
    ok(s.as_staff("S001").add_case_step(wages.id, CaseStepDraft(
        "resolve", TODAY, outcome="已付清")))
    ok(hall_b.services.file_complaint(complaint_draft(kind="deposit", amount="")))
    for hall in (hall_a, hall_b):
        assert hall.agent(hub.client).sync_once().ok
    _, city_token = add_terminal(hub.engine, "CITY", "city office", role=CITY_ROLE)
    city = stats(hub, city_token)
    [day_a] = [r for r in city["per_hall_day"]  # type: ignore[attr-defined]
               if (r["hall"], r["day"]) == (HALL_A, TODAY.isoformat())]
    assert (day_a["employers_registered"], day_a["employers_posting"]) == (1, 1)
    assert (day_a["complaints"], day_a["complaints_resolved"]) == (2, 1)
    assert (day_a["guidance"], day_a["recommendations"], day_a["training"]) == (2, 6, 1)
    # that day's training is the old tick; the course's counts on its first session's day
    session = (TODAY + timedelta(days=7)).isoformat()
    [on_course] = [r for r in city["per_hall_day"]  # type: ignore[attr-defined]
                   if (r["hall"], r["day"]) == (HALL_A, session)]
    assert on_course["training"] == 1
    assert city["complaints_city"] == {  # type: ignore[comparison-overlap]
        "by_status": {"received": 2, "resolved": 1},
        "by_kind": {"deposit": 1, "injury": 1, "wages": 1}}
    assert city["followup_131"] == [  # type: ignore[comparison-overlap]
        {"hall": HALL_A, "workers_served": 2, "workers_complete": 1}]
    own_b = stats(hub, hall_b.credentials.token)
    assert own_b["complaints"] == [  # type: ignore[comparison-overlap]
        {"hall": HALL_B, "kind": "deposit", "status": "received", "complaints": 1}]
    assert own_b["followup_131"] == []
    assert own_b["complaints_city"] == city["complaints_city"]
