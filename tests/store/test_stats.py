"""The statistics read model on a real file: known answers for constructed data.

The hall is in Jinan (UTC+8): its 2026-11-23 runs from 2026-11-22T16:00Z to 2026-11-23T16:00Z.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from kiosk.core.records import JobStatus, Record, ReferralStatus, ServiceKind
from kiosk.core.reports import Period
from kiosk.store.outbox import ChangeOp
from kiosk.store.stats import _CHECKINS, _OPEN, _SUPPLY, PeriodCounts, read_period
from kiosk.store.store import Store
from tests.store import samples
from tests.store.samples import HALL

OTHER = "370102-QCL"
D22, D23, D24 = date(2026, 11, 22), date(2026, 11, 23), date(2026, 11, 24)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# Local-day edges: 15:59:59.999Z is still the 23rd in Jinan; 16:00Z is the 24th.
LATE_22 = utc("2026-11-22T15:59:59.999")  # 23:59 on the 22nd (local)
START_23 = utc("2026-11-22T16:00:00")  # 00:00 on the 23rd
MORNING_23 = utc("2026-11-23T01:00:00")  # 09:00 on the 23rd
LATE_23 = utc("2026-11-23T15:59:59.999")  # 23:59 on the 23rd
START_24 = utc("2026-11-23T16:00:00")  # 00:00 on the 24th


def put(store: Store, *records: Record) -> None:
    with store.write() as tx:
        for record in records:
            tx.save(record, ChangeOp.CREATE)


@pytest.fixture
def hall(store: Store) -> dict[str, str]:
    """A small hall's three days, with records of another hall mixed in."""
    w1 = samples.worker(trades=("C01", "C09"), created_at=MORNING_23)
    w2 = samples.worker(trades=("C01",), created_at=LATE_22)
    w3 = samples.worker(trades=("S01",), created_at=START_24)
    w4 = samples.worker(hall_id=OTHER, trades=("C01",), created_at=MORNING_23)
    employer = samples.employer()
    j1 = samples.job(employer.id, trade="C01", headcount=3, headcount_filled=2,
                     status=JobStatus.OPEN, start_date=D24, created_at=START_23)
    j2 = samples.job(employer.id, trade="S01", headcount=2, headcount_filled=0,
                     status=JobStatus.OPEN, start_date=D22, created_at=LATE_22)
    j3 = samples.job(employer.id, hall_id=OTHER, trade="C01", headcount=5,
                     headcount_filled=0, status=JobStatus.OPEN, start_date=D23,
                     created_at=MORNING_23)
    j4 = samples.job(employer.id, trade="C09", headcount=4, headcount_filled=0,
                     status=JobStatus.CLOSED, start_date=D23, created_at=LATE_23)
    unknown = "01900000-0000-7000-8000-000000000000"  # a card from another hall
    put(store, w1, w2, w3, w4, employer, j1, j2, j3, j4,
        samples.checkin(worker_id=w1.id, day=D23, created_at=MORNING_23),
        samples.checkin(worker_id=w2.id, day=D23, created_at=MORNING_23),
        samples.checkin(worker_id=unknown, day=D23, created_at=MORNING_23),
        samples.checkin(worker_id=w1.id, day=D24, created_at=START_24),
        samples.checkin(worker_id=w4.id, day=D23, hall_id=OTHER, created_at=MORNING_23),
        # hired on the 23rd (requested the day before): one hire on the 23rd
        samples.referral(j1.id, worker_id=w2.id, status=ReferralStatus.HIRED,
                         created_at=LATE_22, updated_at=LATE_23),
        samples.referral(j1.id, worker_id=w1.id, status=ReferralStatus.HIRED,
                         created_at=MORNING_23, updated_at=MORNING_23),
        samples.referral(j1.id, status=ReferralStatus.DECLINED, created_at=MORNING_23,
                         updated_at=MORNING_23),
        samples.referral(j1.id, status=ReferralStatus.REFERRED, created_at=MORNING_23,
                         updated_at=MORNING_23),
        samples.referral(j2.id, status=ReferralStatus.HIRED, created_at=LATE_23,
                         updated_at=START_24),
        samples.referral(j3.id, hall_id=OTHER, status=ReferralStatus.HIRED,
                         created_at=MORNING_23, updated_at=MORNING_23),
        samples.service_event(kind=ServiceKind.GUIDANCE, created_at=START_23),
        samples.service_event(kind=ServiceKind.RECOMMENDATION, created_at=MORNING_23),
        samples.service_event(kind=ServiceKind.RECOMMENDATION, created_at=LATE_23),
        samples.service_event(kind=ServiceKind.TRAINING, created_at=START_24),
        samples.service_event(kind=ServiceKind.TRAINING, hall_id=OTHER, created_at=MORNING_23),
        samples.complaint(created_at=MORNING_23),
        samples.complaint(created_at=START_24),
        samples.complaint(hall_id=OTHER, created_at=MORNING_23))
    return {"w1": w1.id, "j1": j1.id}


def read(store: Store, period: Period) -> PeriodCounts:
    return read_period(store.path, HALL, period, "Asia/Shanghai")


def test_one_day_in_the_halls_time_zone(store: Store, hall: dict[str, str]) -> None:
    counts = read(store, Period.day(D23))
    (day,) = counts.days
    f = day.figures
    assert day.day == D23
    assert (f.check_ins, f.workers_checked_in) == (3, 3)  # other hall's check-in not counted
    assert counts.workers_checked_in == 3
    assert f.registrations == 1  # w1; w2 registered at 23:59 on the 22nd, w3 on the 24th
    assert (f.jobs_posted, f.headcount_posted) == (2, 7)  # j1 (00:00) and j4 (23:59)
    assert f.referrals == 4  # created on the 23rd at this hall (one hired on the 24th)
    assert f.hires == 2  # updated to hired on the 23rd; the 24th's and the other hall's not
    assert (f.guidance, f.recommendations, f.training) == (1, 2, 0)
    assert f.complaints == 1
    assert counts.seekers == 2  # w1 and w2 were registered by the end of the 23rd


def test_per_trade_supply_registered_demand_and_hires(store: Store,
                                                       hall: dict[str, str]) -> None:
    trades = read(store, Period.day(D23)).trades
    # Supply: w1 (C01, C09) and w2 (C01) checked in; the unknown worker has no trades here.
    assert trades["C01"].checked_in == 2 and trades["C09"].checked_in == 1
    assert trades["C01"].registered == 2 and trades["C09"].registered == 1
    assert "S01" not in trades or trades["S01"].registered == 0  # w3 came on the 24th
    # Demand: headcount posted here on the 23rd (the other hall's j3 is not this hall's).
    assert trades["C01"].posted == 3 and trades["C09"].posted == 4
    # Open places: open jobs (any hall's) with places left, starting on the 23rd or later.
    assert trades["C01"].open_places == 1 + 5  # j1 has one place left; j3 five
    assert "S01" not in trades  # j2 started on the 22nd; the 24th's hire is not this day's
    assert trades["C01"].hires == 2


def test_a_period_splits_into_local_days(store: Store, hall: dict[str, str]) -> None:
    counts = read(store, Period(D22, D24))
    by_day = {p.day: p.figures for p in counts.days}
    assert [p.day for p in counts.days] == [D22, D23, D24]
    assert by_day[D22].registrations == 1 and by_day[D22].jobs_posted == 1
    assert by_day[D22].referrals == 1 and by_day[D22].hires == 0
    assert by_day[D24].registrations == 1 and by_day[D24].hires == 1
    assert by_day[D24].check_ins == 1 and by_day[D24].training == 1
    assert by_day[D24].complaints == 1
    # w1 came on two days: two check-ins, one worker.
    assert sum(p.figures.check_ins for p in counts.days) == 4
    assert counts.workers_checked_in == 3
    assert counts.trades["S01"].hires == 1 and counts.trades["S01"].registered == 1
    assert counts.seekers == 3
    assert counts.open_jobs == 3  # j1, j2 (starts on the 22nd, the first day) and j3
    assert counts.open_places == 1 + 2 + 5


def test_a_hire_saved_again_is_still_one_hire(store: Store, hall: dict[str, str]) -> None:
    employer = samples.employer()
    job = samples.job(employer.id, created_at=MORNING_23)
    hire = samples.referral(job.id, status=ReferralStatus.HIRED, created_at=MORNING_23,
                            updated_at=MORNING_23)
    put(store, employer, job, hire)
    with store.write() as tx:  # the same change applied twice (a sync retry)
        tx.save(hire, ChangeOp.UPDATE)
        tx.save(hire, ChangeOp.UPDATE)
    assert read(store, Period.day(D23)).days[0].figures.hires == 3


def test_an_empty_database_and_a_quiet_day(store: Store) -> None:
    counts = read(store, Period.day(D23))
    assert counts.days[0].figures.check_ins == 0 and counts.trades == {}
    assert (counts.seekers, counts.open_jobs, counts.open_places) == (0, 0, 0)


def test_reading_does_not_wait_for_a_writer(store: Store, hall: dict[str, str]) -> None:
    with store.write() as tx:  # a write transaction is open on the store's connection
        tx.save(samples.worker(created_at=MORNING_23), ChangeOp.CREATE)
        during = read(store, Period.day(D23))
    assert during.days[0].figures.registrations == 1  # the uncommitted row is not seen
    assert read(store, Period.day(D23)).days[0].figures.registrations == 2


def test_the_day_queries_use_indexes(store: Store) -> None:
    params = {"hall": HALL, "first": "2026-11-23", "last": "2026-11-23"}
    conn = sqlite3.connect(store.path)
    try:
        def plan(sql: str) -> str:
            return " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "SEARCH checkins USING COVERING INDEX" in plan(_CHECKINS)
        supply = plan(_SUPPLY)
        assert "SEARCH workers USING INDEX" in supply and "SEARCH checkins" in supply
        assert "SEARCH jobs USING INDEX jobs_open" in plan(_OPEN)
    finally:
        conn.close()
