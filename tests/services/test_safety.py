"""Safety and insurance use cases on a real store: hazard tags and the employer's
insurance entered with a post (bad values refused, nothing stored), the briefing of a
hazardous job and its acknowledgement (touchscreen or ticked by staff, audited), the
city's stop-work notices held against the clock, and requests for insurance help that
only staff close."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypeVar

from kiosk.core.errors import Err, Ok, Result
from kiosk.core.record_rules import record_problem
from kiosk.core.records import (
    AckVia,
    AuditAction,
    Gear,
    Hazard,
    HelpStatus,
    InsuranceKind,
    ReferralOrigin,
)
from kiosk.core.safety_content import STOP_WORK
from kiosk.services.hall import Services
from kiosk.store.store import Store
from tests.conftest import FixedClock, employer_draft, job_draft, worker_draft

V = TypeVar("V")


def ok(result: Result[V]) -> V:
    assert isinstance(result, Ok), result
    return result.value


def err(result: Result[Any]) -> Err:
    assert isinstance(result, Err), result
    return result


def height_job(services: Services, **changes: Any) -> Any:
    employer = ok(services.register_employer(employer_draft()))
    values: dict[str, Any] = {"hazards": ["height", "heat"],
                              "protective_gear": ["harness", "helmet"],
                              "insurance_kind": "daily_accident"}
    values.update(changes)
    return ok(services.post_job(job_draft(employer.id, **values)))


def keep_stop_work(store: Store, notices: list[dict[str, Any]]) -> None:
    """A stop-work asset as the sync agent keeps it once its signature checked."""
    import json

    with store.write():
        store.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                           (f"asset.{STOP_WORK}", json.dumps(
                               {"name": STOP_WORK, "version": 1,
                                "data": {"version": 1, "notices": notices}})))


def test_a_post_carries_its_tags_gear_and_insurance(services: Services) -> None:
    job = height_job(services)
    assert job.hazards == (Hazard.HEIGHT, Hazard.HEAT)  # the catalogue's order
    assert job.protective_gear == (Gear.HELMET, Gear.HARNESS)
    assert (job.insurance_kind, job.insurance) == (InsuranceKind.DAILY_ACCIDENT, True)
    assert services.store.jobs.get(job.id) == job
    none = height_job(services, insurance_kind="none", insurance=True, hazards=[])
    assert (none.insurance_kind, none.insurance, none.hazards) == (InsuranceKind.NONE, False, ())


def test_unknown_tags_are_refused_and_nothing_is_stored(services: Services,
                                                        store: Store) -> None:
    employer = ok(services.register_employer(employer_draft()))
    before = store.jobs.count()
    for changes in ({"hazards": ["flying"]}, {"protective_gear": ["cape"]},
                    {"insurance_kind": "lottery"}):
        result = err(services.post_job(job_draft(employer.id, **changes)))
        assert result.fields() == set(changes)
        assert result.errors[0].text("zh_CN") == "请从选项中选择一项。"
    assert store.jobs.count() == before


def test_the_hub_rules_refuse_a_job_whose_insurance_disagrees(services: Services) -> None:
    job = height_job(services)
    from dataclasses import replace

    today = services.today()
    catalogue = services.catalogue
    assert record_problem(job, catalogue, today) is None
    assert "insurance_mismatch" in (record_problem(replace(job, insurance=False), catalogue,
                                                   today) or "")
    twice = replace(job, hazards=(Hazard.HEIGHT, Hazard.HEIGHT))
    assert "hazards: duplicate" in (record_problem(twice, catalogue, today) or "")


def test_a_touchscreen_acknowledgement_is_a_record_and_syncs(services: Services,
                                                             store: Store) -> None:
    job = height_job(services)
    worker = ok(services.register_worker(worker_draft()))
    briefings = services.briefing_for(job)
    assert [b.hazard for b in briefings] == [Hazard.HEIGHT, Hazard.HEAT]
    assert not services.acknowledged(worker.id, job.id)
    ack = ok(services.acknowledge(worker.id, job.id, AckVia.TOUCHSCREEN))
    assert (ack.hazards, ack.via, ack.staff_id, ack.briefing_version) == (
        job.hazards, AckVia.TOUCHSCREEN, None, 0)
    assert services.acknowledged(worker.id, job.id)
    assert [a.id for a in services.safety_acks_of(worker.id)] == [ack.id]
    unsent = [c.entity for c in store.outbox.unsent()]
    assert "safety_ack" in unsent
    assert store.audit_events.count("action = ?", [AuditAction.SAFETY_ACK.value]) == 0


def test_staff_tick_a_slip_briefing_only_when_signed_in(services: Services,
                                                       store: Store) -> None:
    job = height_job(services)
    worker = ok(services.register_worker(worker_draft()))
    ok(services.as_staff("S001").refer(job.id, worker.id, ReferralOrigin.COUNTER))
    assert [j.id for j in services.unacknowledged_jobs(worker.id)] == [job.id]
    assert err(services.acknowledge(worker.id, job.id, AckVia.COUNTER)).fields() == {
        "staff_id"}
    ack = ok(services.as_staff("S001").acknowledge(worker.id, job.id, AckVia.COUNTER))
    assert ack.staff_id == "S001"
    assert services.unacknowledged_jobs(worker.id) == []
    assert store.audit_events.count("action = ? AND entity_id = ?",
                                    [AuditAction.SAFETY_ACK.value, ack.id]) == 1


def test_no_acknowledgement_for_a_safe_job_or_an_unknown_worker(services: Services,
                                                                store: Store) -> None:
    safe = height_job(services, hazards=[])
    worker = ok(services.register_worker(worker_draft()))
    assert services.briefing_for(safe) == ()
    assert err(services.acknowledge(worker.id, safe.id, AckVia.TOUCHSCREEN)).codes() == {
        "not_hazardous"}
    job = height_job(services)
    assert err(services.acknowledge(job.id, job.id, AckVia.TOUCHSCREEN)).codes() == {
        "not_found"}
    assert store.safety_acks.count() == 0


def test_a_stop_work_notice_stops_jobs_while_it_holds(services: Services, store: Store,
                                                      clock: FixedClock) -> None:
    height = height_job(services, hazards=["height"])
    indoor = height_job(services, hazards=["machinery"], trade="S03")
    now = clock.now()
    keep_stop_work(store, [{
        "id": "wind-6", "title_zh": "大风蓝色预警", "title_en": "Blue wind warning",
        "text_zh": "停止高处作业", "text_en": "Stop work at height",
        "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(hours=2)).isoformat(), "hazards": ["height"]}])
    assert [n.id for n in services.stopping(height)] == ["wind-6"]
    assert services.stopping(indoor) == ()
    assert services.stopping(height, now + timedelta(hours=2)) == ()  # it has ended


def test_a_help_request_is_open_until_staff_mark_it_done(services: Services,
                                                         store: Store) -> None:
    worker = ok(services.register_worker(worker_draft()))
    request = ok(services.ask_help(worker.id))
    assert ok(services.ask_help(worker.id)).id == request.id  # asking again: the same one
    assert [r.request.id for r in services.open_help_requests()] == [request.id]
    assert services.open_help_requests()[0].worker_name == "张建国"
    assert err(services.mark_help_done(request.id)).fields() == {"staff_id"}
    done = ok(services.as_staff("S002").mark_help_done(request.id, "已帮助在线参保"))
    assert (done.status, done.staff_id, done.note) == (HelpStatus.DONE, "S002", "已帮助在线参保")
    assert services.open_help_requests() == []
    assert store.audit_events.count("action = ?", [AuditAction.HELP_DONE.value]) == 1
    assert ok(services.ask_help(worker.id)).id != request.id  # a new request later
    assert err(services.ask_help(request.id)).codes() == {"not_found"}
