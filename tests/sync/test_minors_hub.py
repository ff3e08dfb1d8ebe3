"""The hub re-runs the minors' rule on every new referral: a terminal that skips it (or an
old one) cannot send a 16–17-year-old to work the law keeps from minors, whether the job
and the worker come in the same batch or the hub has them already."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from kiosk.core.records import Sex
from sync.hub.schema import referrals
from sync.protocol import Reason, Result
from tests.conftest import id_number
from tests.store import samples
from tests.sync.conftest import Hub
from tests.sync.hostile import make_world, push_dicts, record_change

MINOR_BORN = date(2009, 3, 1)  # 17 on the referral's day, 2026-11-23


def test_a_referral_of_a_minor_to_welding_is_refused_at_the_hub(hub: Hub) -> None:
    creds = hub.provision("370104-DDBL")
    world = make_world(hub, creds)
    number = id_number(MINOR_BORN, seq=101)
    minor = samples.worker(hall_id=creds.hall, id_number=number, birth_date=MINOR_BORN,
                           sex=Sex.MALE, id_masked=f"{number[:4]}**********{number[-4:]}",
                           trades=("C05",))
    welding = samples.job(world.employer_id, hall_id=creds.hall, trade="C05",
                          title="钢结构焊接", headcount_filled=0)
    bricks = samples.job(world.employer_id, hall_id=creds.hall, headcount_filled=0)
    to_welding = samples.referral(welding.id, hall_id=creds.hall, worker_id=minor.id)
    to_bricks = samples.referral(bricks.id, hall_id=creds.hall, worker_id=minor.id)
    adult_to_welding = samples.referral(welding.id, hall_id=creds.hall,
                                        worker_id=world.worker_id)
    status, answer = push_dicts(hub, creds, [record_change(r) for r in (
        minor, welding, bricks, to_welding, to_bricks, adult_to_welding)])
    assert status == 200 and answer is not None
    results = [(a.result, a.reason) for a in answer.answers]
    assert results[:3] == [(Result.STORED, None)] * 3
    assert results[3] == (Result.REJECTED, Reason.MINOR_BARRED)
    assert results[4:] == [(Result.STORED, None)] * 2
    assert "under 18" in answer.answers[3].detail

    # later, the worker and the job already at the hub
    again = samples.referral(welding.id, hall_id=creds.hall, worker_id=minor.id)
    status, answer = push_dicts(hub, creds, [record_change(again)])
    assert status == 200 and answer is not None
    assert answer.answers[0].reason == Reason.MINOR_BARRED
    with hub.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(referrals).where(
            referrals.c.job_id == welding.id)).scalar_one()
    assert stored == 1  # the adult's referral only


def test_the_hub_takes_a_men_only_mining_post_and_refuses_men_only_cleaning(hub: Hub) -> None:
    creds = hub.provision("370104-DDBL")
    world = make_world(hub, creds)
    mining = samples.job(world.employer_id, hall_id=creds.hall, trade="M01", title="井下辅助工",
                         description="矿山井下作业，限男性", headcount_filled=0)
    cleaning = samples.job(world.employer_id, hall_id=creds.hall, trade="S01", title="保洁员",
                           description="限男性", headcount_filled=0)
    status, answer = push_dicts(hub, creds, [record_change(mining), record_change(cleaning)])
    assert status == 200 and answer is not None
    assert [(a.result, a.reason) for a in answer.answers] == [
        (Result.STORED, None), (Result.REJECTED, Reason.DISCRIMINATORY)]
