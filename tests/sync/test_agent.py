"""The terminal's agent against the real hub app: exactly once, pull, quarantine."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk.core.records import JobStatus, ReferralStatus
from kiosk.store.board import BoardReader
from kiosk.store.sync_state import LAST_SUCCESS_KEY, SyncState
from sync.hub.schema import changes, jobs
from sync.hub.stats import METRICS
from sync.hub.terminals import CITY_ROLE, add_terminal, revoke
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.sync.conftest import HALL_B, Hub, Terminal


def hub_change_ids(hub: Hub) -> list[str]:
    with hub.engine.connect() as conn:
        return list(conn.execute(select(changes.c.change_id)).scalars())


def post_job(terminal: Terminal, title: str = "小区外墙砌砖", headcount: str = "3") -> str:
    s = terminal.services
    employer = s.register_employer(employer_draft())
    assert employer.ok
    job = s.post_job(job_draft(employer.value.id, title=title,  # type: ignore[union-attr]
                               headcount=headcount))
    assert job.ok
    return job.value.id  # type: ignore[union-attr]


def test_every_change_reaches_the_hub_once_and_is_marked_acked(
        hub: Hub, hall_a: Terminal) -> None:
    for seq in range(5):
        assert hall_a.services.register_worker(worker_draft(
            id_number=id_number(seq=100 + seq))).ok
    post_job(hall_a)
    created = [c.change_id for c in hall_a.store.outbox.unsent(1000)]
    report = hall_a.agent(hub.client).sync_once()
    assert report.ok and report.stored == 7 and report.acked == 7
    assert sorted(hub_change_ids(hub)) == sorted(created)
    assert hall_a.store.outbox.counts_by_state()["acked"] == 7
    again = hall_a.agent(hub.client).sync_once()
    assert again.sent == 0 and sorted(hub_change_ids(hub)) == sorted(created)
    assert hall_a.store.get_setting(LAST_SUCCESS_KEY) is not None


def test_batches_are_bounded_and_all_delivered(hub: Hub, hall_a: Terminal) -> None:
    for seq in range(7):
        assert hall_a.services.register_worker(worker_draft(
            id_number=id_number(seq=200 + seq))).ok
    agent = hall_a.agent(hub.client)
    agent.batch_size = 3
    report = agent.sync_once()
    assert report.stored == 7 and len(hub_change_ids(hub)) == 7


def test_the_plain_id_number_is_dropped_once_the_hub_has_it(hub: Hub, hall_a: Terminal) -> None:
    worker = hall_a.services.register_worker(worker_draft())
    assert worker.ok
    assert hall_a.store.workers.get(worker.value.id).id_number  # type: ignore[union-attr]
    hall_a.agent(hub.client).sync_once()
    kept = hall_a.store.workers.get(worker.value.id)  # type: ignore[union-attr]
    assert kept is not None and kept.id_number is None and kept.id_index


def test_a_job_from_hall_a_appears_in_hall_b(hub: Hub, hall_a: Terminal,
                                             hall_b: Terminal) -> None:
    job_id = post_job(hall_a, title="仓库装卸")
    assert hall_a.agent(hub.client).sync_once().ok
    report = hall_b.agent(hub.client).sync_once()
    assert report.ok and report.applied == 1
    pulled = hall_b.store.jobs.get(job_id)
    assert pulled is not None and pulled.title == "仓库装卸" and pulled.hall_id == "370104-DDBL"
    assert hall_b.store.outbox.counts_by_state()["pending"] == 0  # pulled, not re-queued
    # idempotent: pulling again from the start changes nothing
    SyncState(hall_b.store).apply_pulled([], 0, "2026-11-23T00:00:00.000Z")
    assert hall_b.agent(hub.client).sync_once().ok
    assert hall_b.store.jobs.count() == 1


def test_a_hire_at_hall_b_fills_hall_a_job_on_the_hub(hub: Hub, hall_a: Terminal,
                                                      hall_b: Terminal) -> None:
    job_id = post_job(hall_a, headcount="1")
    hall_a.agent(hub.client).sync_once()
    hall_b.agent(hub.client).sync_once()
    # A walk-in registers at hall B and is sent to hall A's job before B syncs again.
    worker = hall_b.services.register_worker(worker_draft(id_number=id_number(seq=456)))
    assert worker.ok
    referral = hall_b.services.refer(job_id, worker.value.id)  # type: ignore[union-attr]
    assert referral.ok
    hired = hall_b.services.record_outcome(referral.value.id,  # type: ignore[union-attr]
                                           ReferralStatus.HIRED)
    assert hired.ok
    report = hall_b.agent(hub.client).sync_once()
    assert report.ok and report.rejected == 0, report
    with hub.engine.connect() as conn:
        status, filled = conn.execute(select(jobs.c.status, jobs.c.headcount_filled)).one()
    assert (status, filled) == (JobStatus.FILLED.value, 1)
    hall_a.agent(hub.client).sync_once()
    at_a = hall_a.store.jobs.get(job_id)
    assert at_a is not None and at_a.status is JobStatus.FILLED and at_a.headcount_left == 0


def test_a_revoked_token_gets_401_and_quarantines_unsent_changes(
        hub: Hub, hall_a: Terminal) -> None:
    post_job(hall_a)
    revoke(hub.engine, hall_a.credentials.terminal)
    report = hall_a.agent(hub.client).sync_once()
    assert report.errors == ["unauthorized"] and report.quarantined == 2
    assert hall_a.store.outbox.counts_by_state()["quarantined"] == 2
    assert len(SyncState(hall_a.store).problems()) == 2
    with hub.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(changes)).scalar_one() == 0
    # re-provisioned: the quarantined changes are delivered, once
    hall_a.credentials = hub.provision(hall_a.credentials.hall, "counter again")
    assert SyncState(hall_a.store).release_quarantine() == 2
    assert hall_a.agent(hub.client).sync_once().stored == 2
    assert len(hub_change_ids(hub)) == 2


def test_city_statistics_per_hall_per_day_and_by_trade(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    job_id = post_job(hall_a, headcount="2")
    worker = hall_a.services.register_worker(worker_draft())
    assert worker.ok
    hall_a.services.check_in(worker.value.id)  # type: ignore[union-attr]
    hall_a.agent(hub.client).sync_once()
    hall_b.agent(hub.client).sync_once()
    referral = hall_b.services.refer(job_id, worker.value.id)  # type: ignore[union-attr]
    assert referral.ok
    hall_b.services.record_outcome(referral.value.id,  # type: ignore[union-attr]
                                   ReferralStatus.HIRED)
    hall_b.agent(hub.client).sync_once()
    _, city = add_terminal(hub.engine, "CITY", "city office", role=CITY_ROLE)
    response = hub.client.get("/v1/stats", headers={"Authorization": f"Bearer {city}"})
    stats = response.json()
    day = "2026-11-23"  # 08:00 in Jinan
    zero = dict.fromkeys(METRICS, 0)
    assert {**zero, "hall": "370104-DDBL", "day": day, "registrations": 1, "check_ins": 1,
            "jobs_posted": 1, "employers_registered": 1, "employers_posting": 1,
            } in stats["per_hall_day"]
    assert {**zero, "hall": "370112-HSL", "day": day, "referrals": 1, "hires": 1,
            } in stats["per_hall_day"]
    assert stats["city"]["hires"] == 1 and stats["city"]["jobs_posted"] == 1
    trades = {t["trade"]: t for t in stats["trades"]}
    assert trades["C01"] == {"trade": "C01", "workers": 1, "open_places": 1}


def test_a_job_from_hall_a_shows_its_employer_name_on_hall_b_board(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    employer = hall_a.services.register_employer(employer_draft(display_name="鲁兴建筑"))
    assert employer.ok
    job = hall_a.services.post_job(job_draft(employer.value.id))  # type: ignore[union-attr]
    job_id = job.value.id  # type: ignore[union-attr]
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_b.agent(hub.client).sync_once().ok
    snapshot = BoardReader(hall_b.store.path, HALL_B).load(clock.now())
    assert [(j.id, j.employer) for j in snapshot.jobs] == [(job_id, "鲁兴建筑")]
    row = hall_b.store.conn.execute("SELECT phone, contact_name FROM employers").fetchall()
    assert row == [("", "")]  # a minimal row: the name, never the phone
    # hall A's own full employer row is not overwritten by its own pulled job
    assert hall_a.store.conn.execute("SELECT phone FROM employers").fetchone()[0] != ""
