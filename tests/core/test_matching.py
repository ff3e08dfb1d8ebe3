"""Matching order on constructed data: fit rules, check-in first, hardship, fair rotation."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.matching import (
    Candidate,
    Hardship,
    MatchPolicy,
    fits,
    hardships,
    long_wait_before,
    older_born_by,
    rank_jobs,
    rank_workers,
)
from kiosk.core.records import Intention, JobStatus, Sex
from tests.store import samples

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
POLICY = MatchPolicy()
JOB = samples.job(trade="C01", certificates=(), area="槐荫区", start_date=TODAY,
                  employment_type=Intention.DAILY, status=JobStatus.OPEN)


def cand(worker_id: str, **changes: object) -> Candidate:
    values: dict[str, object] = {
        "worker_id": worker_id, "name": "王建国", "sex": Sex.MALE,
        "birth_date": date(1990, 1, 1), "trades": ("C01",), "certificates": (),
        "intentions": (Intention.DAILY,), "areas": ("槐荫区",), "available_from": TODAY,
        "low_income": False, "disabled": False, "registered_at": NOW - timedelta(days=10),
        "queue_no": None, "last_dispatch_at": NOW - timedelta(days=5),
        "last_hire_at": NOW - timedelta(days=5)}
    values.update(changes)
    return Candidate(**values)  # type: ignore[arg-type]


def order(candidates: list[Candidate], job: object = JOB) -> list[str]:
    return [m.candidate.worker_id for m in rank_workers(
        job, candidates, today=TODAY, now=NOW, policy=POLICY)]  # type: ignore[arg-type]


def test_among_equally_fit_the_longest_wait_since_dispatch_comes_first() -> None:
    recent = cand("recent", last_dispatch_at=NOW - timedelta(days=1))
    older = cand("older", last_dispatch_at=NOW - timedelta(days=9))
    middle = cand("middle", last_dispatch_at=NOW - timedelta(days=4))
    assert order([recent, older, middle]) == ["older", "middle", "recent"]


def test_never_dispatched_waits_since_registration() -> None:
    never_old = cand("never_old", last_dispatch_at=None, registered_at=NOW - timedelta(days=20))
    dispatched = cand("dispatched", last_dispatch_at=NOW - timedelta(days=12))
    never_new = cand("never_new", last_dispatch_at=None, registered_at=NOW - timedelta(days=2))
    assert order([never_new, dispatched, never_old]) == ["never_old", "dispatched", "never_new"]


def test_a_dispatch_moves_a_worker_to_the_back_of_the_rotation() -> None:
    a = cand("a", last_dispatch_at=NOW - timedelta(days=3))
    b = cand("b", last_dispatch_at=NOW - timedelta(days=2))
    assert order([a, b]) == ["a", "b"]
    assert order([replace(a, last_dispatch_at=NOW), b]) == ["b", "a"]


def test_hardship_workers_come_before_equally_fit_others() -> None:
    waited_long = cand("waited_long", last_dispatch_at=NOW - timedelta(days=25))
    disabled = cand("disabled", disabled=True, last_dispatch_at=NOW - timedelta(days=1))
    low_income = cand("low_income", low_income=True, last_dispatch_at=NOW - timedelta(days=2))
    older = cand("older", birth_date=date(1970, 1, 1), last_dispatch_at=NOW)
    assert order([waited_long, disabled, low_income, older]) == [
        "low_income", "disabled", "older", "waited_long"]


def test_no_hire_for_the_long_wait_period_is_a_hardship() -> None:
    idle = cand("idle", last_hire_at=NOW - timedelta(days=31), last_dispatch_at=NOW)
    never = cand("never", last_hire_at=None, registered_at=NOW - timedelta(days=40),
                 last_dispatch_at=NOW)
    fresh = cand("fresh", last_hire_at=None, registered_at=NOW - timedelta(days=3),
                 last_dispatch_at=NOW - timedelta(days=2))
    matches = rank_workers(JOB, [fresh, idle, never], today=TODAY, now=NOW, policy=POLICY)
    assert [m.candidate.worker_id for m in matches] == ["idle", "never", "fresh"]
    assert matches[0].hardships == (Hardship.LONG_WAIT,)
    assert matches[2].hardships == ()


def test_checked_in_today_comes_before_hardship_and_rotation() -> None:
    here = cand("here", queue_no=7, last_dispatch_at=NOW)
    hardship_away = cand("away", disabled=True, last_dispatch_at=NOW - timedelta(days=9))
    assert order([hardship_away, here]) == ["here", "away"]


def test_area_then_kind_of_work_break_ties_before_hardship() -> None:
    elsewhere = cand("elsewhere", areas=("历城区",), disabled=True)
    other_kind = cand("other_kind", intentions=(Intention.LONG_TERM,), disabled=True)
    no_preference = cand("no_pref", areas=(), intentions=())
    assert order([elsewhere, other_kind, no_preference]) == ["no_pref", "other_kind", "elsewhere"]


def test_unfit_workers_are_left_out() -> None:
    job = replace(JOB, certificates=("CERT_ELEC",), start_date=TODAY + timedelta(days=1))
    right = cand("right", certificates=("CERT_ELEC", "CERT_WELD"))
    no_cert = cand("no_cert")
    other_trade = cand("other_trade", trades=("C02",), certificates=("CERT_ELEC",))
    later = cand("later", certificates=("CERT_ELEC",), available_from=TODAY + timedelta(days=2))
    assert order([right, no_cert, other_trade, later], job) == ["right"]
    assert fits(job, right) and not fits(job, later)


def test_a_worker_placed_today_is_not_offered_for_another_job_today() -> None:
    busy = cand("busy", hired_today=True, queue_no=1)
    free = cand("free")
    assert order([busy, free]) == ["free"]
    tomorrow = replace(JOB, start_date=TODAY + timedelta(days=1))
    assert order([busy, free], tomorrow) == ["busy", "free"]


def test_each_row_says_why_it_is_where_it_is_in_both_languages() -> None:
    here = cand("here", queue_no=12, low_income=True, last_dispatch_at=NOW - timedelta(days=6))
    never = cand("never", last_dispatch_at=None, registered_at=NOW - timedelta(days=3),
                 areas=("历城区",))
    first, second = rank_workers(JOB, [never, here], today=TODAY, now=NOW, policy=POLICY)
    assert first.rank == 1 and second.rank == 2
    assert first.why("zh_CN") == "今天已签到（12号）；优先：低收入家庭；距上次派工6天"
    assert first.why("en") == ("checked in today (No. 12); priority: low-income family; "
                               "6 days since last sent to a job")
    assert second.why("zh_CN") == "今天未签到；偏好其他区域；从未派工，登记于3天前"
    lettered = replace(here, queue_prefix="A")  # the number as the ticket says it: A012
    [match] = rank_workers(JOB, [lettered], today=TODAY, now=NOW, policy=POLICY)
    assert match.why("zh_CN").startswith("今天已签到（A012号）")


def test_no_days_reads_today_not_zero_days() -> None:
    new = cand("new", last_dispatch_at=None, registered_at=NOW - timedelta(hours=2))
    sent = cand("sent", last_dispatch_at=NOW - timedelta(hours=3))
    by_id = {m.candidate.worker_id: m for m in rank_workers(JOB, [new, sent], today=TODAY,
                                                               now=NOW, policy=POLICY)}
    assert by_id["new"].why("zh_CN").endswith("从未派工，今天登记")
    assert by_id["sent"].why("zh_CN").endswith("今天已派过工")
    assert by_id["new"].why("en").endswith("never sent to a job; registered today")
    assert "0" not in by_id["sent"].why("en").rsplit(";", 1)[-1]


def test_the_limit_keeps_the_best() -> None:
    many = [cand(f"w{i:03d}", last_dispatch_at=NOW - timedelta(hours=i)) for i in range(100)]
    top = rank_workers(JOB, many, today=TODAY, now=NOW, policy=POLICY, limit=3)
    assert [m.candidate.worker_id for m in top] == ["w099", "w098", "w097"]


def test_jobs_for_a_worker_put_own_area_and_urgent_first() -> None:
    worker = cand("w", trades=("C01", "C02"))
    near = replace(JOB, id="near", urgent=False)
    urgent_near = replace(JOB, id="urgent_near", urgent=True)
    far = replace(JOB, id="far", area="历城区", urgent=True)
    other_trade = replace(JOB, id="other", trade="C09")
    ranked = rank_jobs(worker, [far, near, other_trade, urgent_near])
    assert [m.job.id for m in ranked] == ["urgent_near", "near", "far"]
    assert not ranked[2].area_fits


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
       st.sampled_from([Sex.MALE, Sex.FEMALE]))
def test_the_sql_cut_off_for_older_workers_says_what_is_older_says(
        birth: date, day: date, sex: Sex) -> None:
    rule = POLICY.older
    assert (birth.isoformat() <= older_born_by(rule, sex, day)) is rule.is_older(birth, sex, day)


@given(st.integers(min_value=0, max_value=400 * 24 * 60))
def test_the_long_wait_cut_off_says_what_hardships_says(minutes: int) -> None:
    last = NOW - timedelta(minutes=minutes)
    c = cand("w", last_hire_at=last)
    is_long = Hardship.LONG_WAIT in hardships(c, TODAY, NOW, POLICY)
    assert (last <= long_wait_before(NOW, POLICY)) is is_long
