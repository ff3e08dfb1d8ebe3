"""A job's lifecycle through a real hub (PostgreSQL and SQLite): the owning hall's edit,
cancel, re-open, extend and employer no-show reach the other hall through the feed; the
same changes forged with another hall's token are refused (`not_owner`) or, for a fill,
only logged, and change nothing at the hub or in the feed."""

from __future__ import annotations

from dataclasses import MISSING
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.core.codec import iso_utc, to_payload
from kiosk.core.errors import Ok, Result
from kiosk.core.records import JobPost, JobStatus
from sync.hub.schema import feed, jobs
from sync.protocol import Reason
from sync.protocol import Result as Answer
from tests.conftest import TODAY, FixedClock, employer_draft, job_draft
from tests.sync.conftest import Hub, Terminal
from tests.sync.hostile import change_of
from tests.sync.test_ownership import one, stored


def ok(result: Result[JobPost]) -> JobPost:
    assert isinstance(result, Ok), result
    return result.value


def sync(hub: Hub, *terminals: Terminal) -> None:
    for terminal in terminals:
        report = terminal.agent(hub.client).sync_once()
        assert report.ok, report.errors


def post(hall: Terminal) -> JobPost:
    employer = hall.services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    return ok(hall.services.post_job(job_draft(
        employer.value.id, trade="L04", title="仓库叉车", employment_type="long_term",
        meeting_point="物流园北门", meeting_time="07:30", meals=True)))


def feed_rows(hub: Hub) -> int:
    with hub.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(feed)).scalar_one())


def test_the_owners_lifecycle_reaches_the_other_hall(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    job = post(hall_a)
    sync(hub, hall_a, hall_b)
    assert hall_b.services.open_job_listing(job.id) is not None
    clock.advance(minutes=1)
    ok(hall_a.services.edit_job(job.id, job_draft(
        "", trade="L04", title="仓库叉车 夜班", employment_type="long_term",
        meeting_point="物流园南门", start_date=TODAY)))
    sync(hub, hall_a, hall_b)
    seen = hall_b.store.jobs.get(job.id)
    assert seen is not None and (seen.title, seen.meeting_point) == ("仓库叉车 夜班", "物流园南门")
    clock.advance(minutes=1)
    ok(hall_a.services.cancel_job(job.id, "雇主改期"))
    sync(hub, hall_a, hall_b)
    assert hall_b.services.open_job_listing(job.id) is None
    assert stored(hub, jobs, job.id)["close_reason"] == "雇主改期"
    clock.advance(minutes=1)
    ok(hall_a.services.reopen_job(job.id))
    clock.advance(minutes=1)
    ok(hall_a.services.extend_job(job.id, TODAY + timedelta(days=60)))
    clock.advance(minutes=1)
    ok(hall_a.services.record_employer_no_show(job.id))
    sync(hub, hall_a, hall_b)
    seen = hall_b.store.jobs.get(job.id)
    assert seen is not None and seen.status is JobStatus.OPEN
    assert seen.end_date == TODAY + timedelta(days=60) and seen.employer_no_shows == 1
    clock.advance(days=45)  # a long-term job is listed to its new end, not its start + 30
    assert hall_b.services.open_job_listing(job.id) is not None
    clock.advance(days=-45, minutes=1)  # back to now: the hub refuses changes from the future
    ok(hall_a.services.fill_job(job.id))
    sync(hub, hall_a, hall_b)
    assert hall_b.services.open_job_listing(job.id) is None
    assert stored(hub, jobs, job.id)["status"] == JobStatus.FILLED.value


@pytest.mark.parametrize("forge", ["edit", "cancel", "extend", "no_show", "reopen"])
def test_another_hall_cannot_change_the_job(hub: Hub, hall_a: Terminal, hall_b: Terminal,
                                            clock: FixedClock, forge: str) -> None:
    job = post(hall_a)
    if forge == "reopen":
        job = ok(hall_a.services.fill_job(job.id))
    sync(hub, hall_a, hall_b)
    before, feed_before = stored(hub, jobs, job.id), feed_rows(hub)
    later = iso_utc(clock.now() + timedelta(minutes=1))
    changes: dict[str, dict[str, Any]] = {
        "edit": {"title": "高薪日结", "meeting_point": "别处"},
        "cancel": {"status": "closed", "close_reason": "冒充取消"},
        "extend": {"end_date": (TODAY + timedelta(days=300)).isoformat()},
        "no_show": {"employer_no_shows": 5},
        "reopen": {"status": "open"},
    }
    forged = {**dict(to_payload(job)), **changes[forge], "updated_at": later}
    answer = one(hub, hall_b.credentials, change_of("job", forged, op="update"))
    if forge == "reopen":  # the same as another hall's fill: kept in the log, not applied
        assert answer == (Answer.STORED, None)
    else:
        assert answer == (Answer.REJECTED, Reason.NOT_OWNER)
    assert stored(hub, jobs, job.id) == before
    assert feed_rows(hub) == feed_before
    sync(hub, hall_b)
    assert hall_b.store.jobs.get(job.id) == job


def test_an_older_terminals_job_without_the_facts_is_stored_and_read_with_defaults(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    """A hall still on the previous release sends jobs without the later fields: the hub
    takes them as they are, and a newer terminal reads them with the defaults."""
    job = post(hall_a)
    later = {f for f in JobPost.__dataclass_fields__
             if JobPost.__dataclass_fields__[f].default is not MISSING}
    old = {k: v for k, v in to_payload(job).items() if k not in later}
    employer = hall_a.store.employers.get(job.employer_id)
    assert employer is not None
    answers = [one(hub, hall_a.credentials, change)[0] for change in (
        change_of("employer", dict(to_payload(employer))), change_of("job", old))]
    assert answers == [Answer.STORED, Answer.STORED]
    assert set(stored(hub, jobs, job.id)) == set(old)
    sync(hub, hall_b)
    seen = hall_b.store.jobs.get(job.id)
    assert seen is not None and seen.title == job.title
    assert (seen.meeting_point, seen.meals, seen.end_date, seen.skill_level) == (
        "", False, None, None)
