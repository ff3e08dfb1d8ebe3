"""A job's whole life at the counter against a real SQLite file: full facts posted,
edited, cancelled with a reason, filled, re-opened, extended, an employer's no-show; each
audited and queued as an update; listed until its end date or its 用工方式's rule; another
hall's job is never changed here."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import from_payload, to_payload
from kiosk.core.job_window import ListingRule, is_listed
from kiosk.core.records import AuditAction, JobPost, JobStatus, SkillLevel
from kiosk.core.reports import Period
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.board import BoardReader
from kiosk.store.outbox import ChangeOp
from kiosk.store.stats import read_period
from kiosk.store.store import Store
from tests.conftest import TODAY, FixedClock, employer_draft, job_draft
from tests.services.test_hall import err, ok, outbox_rows, snapshot

STAFF = "S001"


def forklift_job(services: Services, **overrides: object) -> JobPost:
    employer = ok(services.register_employer(employer_draft()))
    values: dict[str, object] = {
        "trade": "L04", "title": "仓库叉车装卸", "skill_level": "skilled",
        "skills_note": "会开平衡重式叉车", "description": "冷库出入库装卸，夜班",
        "employment_type": "long_term", "hours_per_day": "8", "days": "30",
        "meeting_point": "腊山河西路物流园北门", "meeting_time": "07:30", "meals": True,
        "lodging": True, "tools_provided": True, "insurance": True}
    values.update(overrides)
    return ok(services.as_staff(STAFF).post_job(job_draft(employer.id, **values)))


def audit_actions(store: Store) -> list[str]:
    return [a.action.value for a in store.audit_events.where(order_by="created_at, id")]


def test_a_post_carries_every_fact_and_a_forklift_job_asks_for_the_licence(
        services: Services, store: Store) -> None:
    job = forklift_job(services)
    assert job.certificates == ("forklift",)  # the law's licence, though none was ticked
    assert job.skill_level is SkillLevel.SKILLED
    assert job.end_date == TODAY + timedelta(days=29)
    assert (job.meeting_point, job.meeting_time) == ("腊山河西路物流园北门", "07:30")
    assert job.meals and job.lodging and job.tools_provided and job.insurance
    assert store.jobs.get(job.id) == job


@pytest.mark.parametrize(("overrides", "fields"), [
    ({"days": "0"}, {"days"}), ({"days": "三十"}, {"days"}),
    ({"days": "3", "end_date": TODAY + timedelta(days=5)}, {"days"}),
    ({"end_date": TODAY - timedelta(days=1)}, {"end_date"}),
    ({"meeting_time": "25:00"}, {"meeting_time"}), ({"skill_level": "boss"}, {"skill_level"}),
    ({"meeting_point": "x" * 101}, {"meeting_point"}),
    ({"skills_note": "限男性"}, {"skills_note"}),
])
def test_bad_facts_are_refused_and_nothing_is_stored(
        services: Services, store: Store, overrides: dict[str, object],
        fields: set[str]) -> None:
    employer = ok(services.register_employer(employer_draft()))
    before = snapshot(store)
    assert err(services.post_job(job_draft(employer.id, **overrides))).fields() == fields
    assert snapshot(store) == before


def test_an_old_record_without_the_facts_still_loads(services: Services, store: Store) -> None:
    job = forklift_job(services)
    old = {k: v for k, v in to_payload(job).items() if k in _FIRST_FIELDS}
    assert from_payload(JobPost, old) == replace(
        job, skill_level=None, skills_note="", end_date=None, meeting_point="",
        meeting_time=None, meals=False, lodging=False, tools_provided=False,
        insurance=False)
    with store.write():
        store.jobs.upsert_payload(old)  # a job pulled from the hub, posted by an old kiosk
    assert store.jobs.get(job.id) == from_payload(JobPost, old)


_FIRST_FIELDS = frozenset(  # the fields of the first release: no defaults
    f.name for f in dataclasses.fields(JobPost) if f.default is dataclasses.MISSING)


def test_edit_is_a_new_version_of_the_same_record(services: Services, store: Store,
                                                  clock: FixedClock) -> None:
    job = forklift_job(services)
    clock.advance(hours=1)
    staff = services.as_staff(STAFF)
    edited = ok(staff.edit_job(job.id, job_draft(
        "", trade="L04", title="仓库叉车装卸 夜班", meeting_point="物流园南门",
        start_date=job.start_date)))
    assert (edited.id, edited.title, edited.meeting_point) == (
        job.id, "仓库叉车装卸 夜班", "物流园南门")
    assert edited.employer_id == job.employer_id and edited.updated_at > job.updated_at
    assert outbox_rows(store, "job")[-1] == ("job", job.id, ChangeOp.UPDATE.value)
    assert audit_actions(store)[-1] == AuditAction.JOB_EDIT.value
    before = snapshot(store)
    assert err(staff.edit_job(job.id, job_draft("", title="限男性", start_date=TODAY))
               ).codes() == {"discriminatory"}
    assert snapshot(store) == before


def test_an_edit_keeps_a_start_date_already_passed(services: Services,
                                                   clock: FixedClock) -> None:
    job = forklift_job(services)
    clock.advance(days=3)
    edited = ok(services.edit_job(job.id, job_draft(
        "", trade="L04", title="仓库叉车", start_date=TODAY, days="30")))
    assert edited.start_date == TODAY
    moved = err(services.edit_job(job.id, job_draft(
        "", trade="L04", title="仓库叉车", start_date=TODAY + timedelta(days=1))))
    assert moved.fields() == {"start_date"}


def test_cancel_fill_reopen_extend_and_no_show(services: Services, store: Store,
                                               clock: FixedClock) -> None:
    staff = services.as_staff(STAFF)
    job = forklift_job(services, employment_type="daily", days="")
    other = forklift_job(services, employment_type="daily", days="")
    before = snapshot(store)
    assert err(staff.cancel_job(job.id, "  ")).fields() == {"close_reason"}
    assert snapshot(store) == before
    cancelled = ok(staff.cancel_job(job.id, "雇主改期"))
    assert (cancelled.status, cancelled.close_reason) == (JobStatus.CLOSED, "雇主改期")
    assert err(staff.cancel_job(job.id, "again")).codes() == {"job_not_open"}
    reopened = ok(staff.reopen_job(job.id))
    assert (reopened.status, reopened.close_reason) == (JobStatus.OPEN, "")
    assert err(staff.reopen_job(job.id)).codes() == {"job_open"}
    assert ok(staff.fill_job(job.id)).status is JobStatus.FILLED
    clock.advance(days=1)  # the one day's work is over
    assert err(staff.reopen_job(job.id)).codes() == {"job_ended"}
    assert err(staff.extend_job(job.id, TODAY + timedelta(days=3))).codes() == {
        "job_not_open"}
    assert not is_listed(other, TODAY + timedelta(days=1))
    assert err(staff.extend_job(other.id, TODAY)).codes() == {"extend_later"}
    extended = ok(staff.extend_job(other.id, TODAY + timedelta(days=3)))
    assert extended.end_date == TODAY + timedelta(days=3)
    assert [j.id for j in (x.job for x in services.open_jobs())] == [other.id]
    counted = ok(staff.record_employer_no_show(other.id))
    assert counted.employer_no_shows == 1
    assert audit_actions(store)[-5:] == [
        "job.cancel", "job.reopen", "job.fill", "job.extend", "job.employer_no_show"]
    assert all(op == "update" for _, i, op in outbox_rows(store, "job")[1:] if i == job.id)


def test_another_halls_job_is_never_changed_here(services: Services, store: Store) -> None:
    job = forklift_job(services)
    theirs = replace(job, id=job.id[:-4] + "beef", hall_id="370112-HSL")
    with store.write():
        store.jobs.upsert(theirs)
    before = snapshot(store)
    for attempt in (services.cancel_job(theirs.id, "不要了"), services.fill_job(theirs.id),
                    services.close_job(theirs.id), services.reopen_job(theirs.id),
                    services.extend_job(theirs.id, TODAY + timedelta(days=90)),
                    services.record_employer_no_show(theirs.id),
                    services.edit_job(theirs.id, job_draft("", start_date=TODAY))):
        assert err(attempt).codes() == {"not_owner"}
    assert snapshot(store) == before


@pytest.mark.parametrize(("kind", "listed_days"), [
    ("daily", 1), ("hourly", 1), ("seasonal", 90), ("long_term", 30)])
def test_a_job_without_an_end_date_stays_listed_by_its_kind(
        services: Services, clock: FixedClock, kind: str, listed_days: int) -> None:
    job = forklift_job(services, employment_type=kind, days="")
    assert job.end_date is None
    for day in range(listed_days):
        assert services.open_job_listing(job.id) is not None, day
        assert is_listed(job, TODAY + timedelta(days=day))
        clock.advance(days=1)
    assert services.open_job_listing(job.id) is None
    assert services.count_open_jobs() == 0


def test_a_job_with_an_end_date_stays_listed_until_then(services: Services,
                                                        clock: FixedClock) -> None:
    job = forklift_job(services, employment_type="daily", days="3")
    assert job.end_date == date(2026, 11, 25)
    clock.advance(days=2)
    assert [listing.job.id for listing in services.open_jobs()] == [job.id]
    clock.advance(days=1)
    assert services.open_jobs() == []


def test_the_halls_listing_rule_is_kept_everywhere(store: Store, catalogue: Catalogue,
                                                   clock: FixedClock, tmp_path: Path) -> None:
    """`[policy] listed_days_long_term = 7`: the lists, the board and the statistics all
    drop a long-term job without an end date after its seventh day."""
    settings = HallSettings(hall_id="370104-DDBL", terminal_id="T01",
                            blind_index_key=b"k" * 32, listing=ListingRule(long_term=7))
    services = Services(store, settings, catalogue, clock)
    job = forklift_job(services, employment_type="long_term", days="")
    reader = BoardReader(store.path, "370104-DDBL", listing=settings.listing)
    clock.advance(days=6)
    assert services.open_job_listing(job.id) is not None
    assert [j.id for j in reader.load(clock.now()).jobs] == [job.id]
    clock.advance(days=1)
    assert services.open_job_listing(job.id) is None
    assert reader.load(clock.now()).jobs == ()
    reader.close()
    day = services.today()
    counts = read_period(store.path, "370104-DDBL", Period(day, day), listing=settings.listing)
    assert counts.open_jobs == 0
    assert read_period(store.path, "370104-DDBL", Period(day, day)).open_jobs == 1


def test_a_post_below_the_minimum_wage_is_refused_with_the_figure_and_nothing_is_stored(
        services: Services) -> None:
    """`kiosk job add … --pay 5 --pay-unit hour` no more: the figure and its source are
    named; a piece rate needs the day's earnings, which are checked too."""
    employer_id = ok(services.register_employer(employer_draft())).id
    before = services.store.jobs.count()
    low = err(services.post_job(job_draft(employer_id, pay_amount="5", pay_unit="hour")))
    assert low.errors[0].code == "below_minimum_wage"
    assert "¥22" in low.errors[0].text("zh_CN")
    tiling = job_draft(employer_id, pay_amount="35", pay_unit="sqm")
    assert err(services.post_job(tiling)).errors[0].field == "day_estimate"
    assert services.store.jobs.count() == before
    posted = ok(services.post_job(replace(tiling, day_estimate="300")))
    assert posted.day_estimate_cents == 30_000
