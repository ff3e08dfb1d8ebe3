"""即时快招 at the counter, on a real SQLite file: fit workers by index, the request queue,
referral and confirmation (headcount and slip)."""

from __future__ import annotations

from datetime import date

from kiosk.core.errors import Err, Ok
from kiosk.core.records import JobPost, JobStatus, ReferralOrigin, ReferralStatus, Worker
from kiosk.services.dispatch import Dispatch
from kiosk.services.hall import Services
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft


def register(services: Services, seq: int, **changes: object) -> Worker:
    draft = worker_draft(id_number=id_number(date(1985, 1, 1), seq=seq),
                         phone=f"138053{seq:05d}", **changes)
    result = services.register_worker(draft)
    assert isinstance(result, Ok), result
    return result.value


def post(services: Services, **changes: object) -> JobPost:
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    result = services.post_job(job_draft(employer.value.id, **changes))
    assert isinstance(result, Ok), result
    return result.value


def ids(dispatch: Dispatch, job: JobPost) -> list[str]:
    result = dispatch.fit_workers(job.id)
    assert isinstance(result, Ok)
    return [m.candidate.worker_id for m in result.value]


def test_fit_workers_come_from_the_trade_index_in_fair_order(services: Services,
                                                              clock: FixedClock) -> None:
    first = register(services, 101, trades=["C01"])
    clock.advance(minutes=1)
    second = register(services, 103, trades=["C09", "C01"])
    register(services, 105, trades=["C09"])  # another trade
    job = post(services, trade="C01", headcount="5")
    dispatch = Dispatch(services)
    assert ids(dispatch, job) == [first.id, second.id]  # registered earlier: waited longer

    assert isinstance(services.check_in(second.id), Ok)
    assert ids(dispatch, job) == [second.id, first.id]  # checked in today comes first


def test_changing_a_workers_trades_updates_the_index(services: Services) -> None:
    worker = register(services, 101, trades=["C09"])
    job = post(services, trade="C01")
    dispatch = Dispatch(services)
    assert ids(dispatch, job) == []
    updated = services.update_worker(worker.id, worker_draft(
        id_number=id_number(date(1985, 1, 1), seq=101), phone="13805300101", trades=["C01"]))
    assert isinstance(updated, Ok)
    assert ids(dispatch, job) == [worker.id]
    rows = services.store.conn.execute(
        "SELECT trade FROM worker_match WHERE worker_id = ?", [worker.id]).fetchall()
    assert rows == [("C01",)]


def test_a_referral_moves_the_worker_back_in_the_rotation_and_off_this_job(
        services: Services, clock: FixedClock) -> None:
    a = register(services, 101)
    clock.advance(minutes=1)
    b = register(services, 103)
    job, other = post(services, headcount="3"), post(services, headcount="3")
    dispatch = Dispatch(services)
    assert ids(dispatch, other) == [a.id, b.id]
    clock.advance(minutes=1)
    referred = dispatch.refer(job.id, a.id)
    assert isinstance(referred, Ok) and referred.value.status is ReferralStatus.REFERRED
    assert ids(dispatch, job) == [b.id]  # already sent to this job
    assert ids(dispatch, other) == [b.id, a.id]  # just dispatched: back of the rotation
    matches = dispatch.fit_workers(other.id)
    assert isinstance(matches, Ok)
    assert "今天已派过工" in matches.value[1].why("zh_CN")


def test_confirming_a_hire_fills_a_place_queues_the_slip_and_is_audited(
        services: Services) -> None:
    worker = register(services, 101)
    job = post(services, headcount="1")
    clerk = Dispatch(services.as_staff("S001"))
    referral = clerk.refer(job.id, worker.id)
    assert isinstance(referral, Ok)
    hired = clerk.confirm(referral.value.id, ReferralStatus.HIRED)
    assert isinstance(hired, Ok) and hired.value.status is ReferralStatus.HIRED
    stored = services.store.jobs.get(job.id)
    assert stored is not None and stored.headcount_left == 0
    assert stored.status is JobStatus.FILLED
    kinds = [k for (k,) in services.store.conn.execute(
        "SELECT kind FROM print_jobs ORDER BY created_at, rowid")]
    assert kinds == ["referral", "referral"]  # the slip on referral and on confirmation
    actions = [a for (a,) in services.store.conn.execute(
        "SELECT action FROM audit_events ORDER BY created_at, rowid")]
    assert actions == ["referral.refer", "referral.outcome"]
    again = clerk.confirm(referral.value.id, ReferralStatus.NO_SHOW)
    assert isinstance(again, Err) and again.codes() == {"status_transition"}


def test_a_worker_hired_today_is_not_offered_again_today(services: Services) -> None:
    worker = register(services, 101)
    first, second = post(services, headcount="2"), post(services, headcount="2")
    dispatch = Dispatch(services)
    referral = dispatch.refer(first.id, worker.id)
    assert isinstance(referral, Ok)
    assert isinstance(dispatch.confirm(referral.value.id, ReferralStatus.HIRED), Ok)
    assert ids(dispatch, second) == []


def test_declined_and_no_show_leave_the_headcount(services: Services) -> None:
    a, b = register(services, 101), register(services, 103)
    job = post(services, headcount="2")
    dispatch = Dispatch(services)
    for worker, outcome in ((a, ReferralStatus.DECLINED), (b, ReferralStatus.NO_SHOW)):
        referral = dispatch.refer(job.id, worker.id)
        assert isinstance(referral, Ok)
        assert isinstance(dispatch.confirm(referral.value.id, outcome), Ok)
    stored = services.store.jobs.get(job.id)
    assert stored is not None and stored.headcount_left == 2
    wrong = dispatch.confirm("nope", ReferralStatus.REFERRED)
    assert isinstance(wrong, Err) and wrong.codes() == {"choice"}


def test_touchscreen_requests_queue_for_the_counter_in_order(services: Services,
                                                             clock: FixedClock) -> None:
    a, b = register(services, 101), register(services, 103)
    job = post(services)
    for worker in (b, a):
        assert isinstance(services.refer(job.id, worker.id, ReferralOrigin.TOUCHSCREEN), Ok)
        clock.advance(seconds=30)
    dispatch = Dispatch(services)
    queue = dispatch.requests()
    assert [(r.worker.id if r.worker else None, r.referral.queue_no) for r in queue] == [
        (b.id, 1), (a.id, 2)]
    assert isinstance(dispatch.accept_request(queue[0].referral.id), Ok)
    assert [r.referral.queue_no for r in dispatch.requests()] == [2]


def test_fit_jobs_for_a_worker(services: Services) -> None:
    worker = register(services, 101, trades=["C01"], areas=["槐荫区"])
    near = post(services, trade="C01", area="槐荫区")
    far = post(services, trade="C01", area="市中区", urgent=True)
    post(services, trade="C09")
    result = Dispatch(services).fit_jobs(worker.id)
    assert isinstance(result, Ok)
    assert [m.job.id for m in result.value] == [near.id, far.id]
    assert isinstance(Dispatch(services).fit_jobs("nobody"), Err)


def _random_population(services: Services, seed: int) -> list[JobPost]:
    """Workers and referrals written straight to the tables (quick), with many ties."""
    import random
    from dataclasses import replace
    from datetime import timedelta

    from kiosk.core.ids import new_id
    from kiosk.core.records import Intention, Referral
    from tests.store import samples

    rng = random.Random(seed)
    now, today = services.now(), services.today()
    jobs = [samples.job(trade=rng.choice(["C01", "C09"]), area=rng.choice(["", "槐荫区"]),
                        start_date=today + timedelta(days=rng.choice([0, 0, 1])),
                        certificates=rng.choice([(), ("CERT_A",)]), headcount=9,
                        hall_id=services.settings.hall_id) for _ in range(4)]
    with services.store.write():
        for job in jobs:
            services.store.jobs.upsert(job)
        for n in range(160):
            registered = now - timedelta(days=rng.choice([1, 5, 40, 90]))
            worker = samples.worker(
                id=new_id(), trades=tuple(rng.sample(["C01", "C09", "C05"], rng.randint(1, 2))),
                certificates=rng.choice([(), ("CERT_A",), ("CERT_A", "CERT_B")]),
                intentions=rng.choice([(), (Intention.DAILY,), (Intention.LONG_TERM,)]),
                areas=rng.choice([(), ("槐荫区",), ("市中区",)]),
                available_from=today + timedelta(days=rng.choice([-3, 0, 1, 2])),
                low_income=rng.random() < 0.1, disabled=rng.random() < 0.1,
                birth_date=rng.choice([samples.worker().birth_date, date(1960, 11, 23),
                                       date(1976, 11, 23), date(1986, 11, 24)]),
                created_at=registered, updated_at=registered, id_index=f"i{seed}-{n}")
            services.store.workers.upsert(worker)
            for _ in range(rng.choice([0, 0, 1, 2])):
                stamp = now - timedelta(days=rng.choice([0, 3, 3, 35]), hours=rng.random())
                services.store.referrals.upsert(Referral(
                    id=new_id(), hall_id=services.settings.hall_id, job_id=rng.choice(jobs).id,
                    worker_id=worker.id, status=rng.choice(list(ReferralStatus)),
                    origin=ReferralOrigin.COUNTER, queue_no=None, note="",
                    created_at=stamp, updated_at=stamp))
            if rng.random() < 0.15:
                services.store.checkins.upsert(replace(
                    samples.checkin(), worker_id=worker.id, day=today, queue_no=seed * 1000 + n,
                    hall_id=services.settings.hall_id))
    return jobs


def test_the_indexed_short_list_ranks_exactly_like_core_over_everyone(
        services: Services) -> None:
    """The SQL only picks who makes the list: the result equals core's ranking of all."""
    from kiosk.core.codec import iso_utc
    from kiosk.core.matching import rank_workers

    for seed in range(3):
        jobs = _random_population(services, seed)
        dispatch = Dispatch(services)
        today, now = services.today(), services.now()
        everyone = dispatch._reader.candidates(
            [r[0] for r in services.store.conn.execute("SELECT id FROM workers")],
            hall_id=services.settings.hall_id, day=today,
            day_starts_at=iso_utc(services.day_starts_at(today)))
        for job in jobs:
            taken = {r.worker_id for r in services.store.referrals.where(
                "job_id = ? AND status IN ('requested', 'referred', 'arrived', 'hired')", [job.id])}
            for limit in (3, 12, 60):  # filled by the checked-in alone, or not
                expected = rank_workers(
                    job, [c for c in everyone if c.worker_id not in taken], today=today,
                    now=now, policy=dispatch.policy, limit=limit)
                got = dispatch.fit_workers(job.id, limit=limit)
                assert isinstance(got, Ok)
                assert [m.candidate.worker_id for m in got.value] == [
                    m.candidate.worker_id for m in expected]
                assert [m.reasons for m in got.value] == [m.reasons for m in expected]
