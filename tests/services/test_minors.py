"""未成年工 (16–17) are never matched with or referred to work the law keeps from minors
(《未成年工特殊保护规定》第三条; 劳动法 第六十四条), through the real store: the counter's
referral and its fit lists, the touchscreen's 我想干 and an older request taken on."""

from __future__ import annotations

from datetime import date

from kiosk.core.errors import Err, Ok
from kiosk.core.records import JobPost, ReferralOrigin, Worker
from kiosk.services.dispatch import Dispatch
from kiosk.services.hall import Services
from tests.conftest import TODAY, employer_draft, id_number, job_draft, worker_draft

SEVENTEEN = date(TODAY.year - 17, 3, 1)  # 17 today
EIGHTEEN_TODAY = date(TODAY.year - 18, TODAY.month, TODAY.day)


def register(services: Services, born: date, seq: int, trades: list[str]) -> Worker:
    result = services.register_worker(worker_draft(
        id_number=id_number(born, seq=seq), phone=f"138053{seq:05d}", trades=trades))
    assert isinstance(result, Ok), result
    return result.value


def post(services: Services, trade: str, title: str = "钢结构厂房焊接") -> JobPost:
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    result = services.post_job(job_draft(employer.value.id, trade=trade, title=title,
                                         headcount="5"))
    assert isinstance(result, Ok), result
    return result.value


def count(services: Services, table: str) -> int:
    found: int = services.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return found


def test_a_minor_cannot_be_referred_to_welding_and_the_law_is_named(services: Services) -> None:
    minor = register(services, SEVENTEEN, 101, ["C05"])
    job = post(services, "C05")
    outbox = count(services, "outbox")
    for origin in (ReferralOrigin.COUNTER, ReferralOrigin.TOUCHSCREEN):
        result = services.refer(job.id, minor.id, origin, print_ticket=True)
        assert isinstance(result, Err) and result.codes() == {"minor_barred"}
    (error,) = result.errors
    zh = error.text("zh_CN")
    assert "未成年工特殊保护规定" in zh and "劳动法》第六十四条" in zh
    assert "易燃易爆" in error.text("zh_CN")
    assert "under 18" in error.text("en") and "Juvenile Workers" in error.text("en")
    assert "flammables" in error.text("en")
    assert count(services, "referrals") == 0
    assert count(services, "outbox") == outbox  # nothing stored, nothing sent
    assert count(services, "checkins") == 0


def test_a_minor_may_take_other_work_and_turns_18_on_the_birthday(services: Services) -> None:
    minor = register(services, SEVENTEEN, 101, ["C05", "C01"])
    adult = register(services, EIGHTEEN_TODAY, 103, ["C05"])
    bricks, welding = post(services, "C01", "小区外墙砌砖"), post(services, "C05")
    assert isinstance(services.refer(bricks.id, minor.id), Ok)
    assert isinstance(services.refer(welding.id, adult.id), Ok)


def test_the_posts_words_make_a_job_barred_too(services: Services) -> None:
    minor = register(services, SEVENTEEN, 101, ["M01"])
    job = post(services, "M01", "煤矿井下辅助工")
    assert isinstance(services.refer(job.id, minor.id), Err)


def test_fit_lists_never_offer_a_minor_heavy_loading(services: Services) -> None:
    minor = register(services, SEVENTEEN, 101, ["L01", "C01"])
    adult = register(services, date(1990, 1, 1), 103, ["L01", "C01"])
    loading, bricks = post(services, "L01", "建材装卸"), post(services, "C01", "小区外墙砌砖")
    dispatch = Dispatch(services)
    assert isinstance(services.check_in(minor.id), Ok)  # checked in: first in line elsewhere
    workers = dispatch.fit_workers(loading.id)
    assert isinstance(workers, Ok)
    assert [m.candidate.worker_id for m in workers.value] == [adult.id]
    bricks_fit = dispatch.fit_workers(bricks.id)
    assert isinstance(bricks_fit, Ok)
    assert [m.candidate.worker_id for m in bricks_fit.value] == [minor.id, adult.id]
    jobs = dispatch.fit_jobs(minor.id)
    assert isinstance(jobs, Ok) and [m.job.id for m in jobs.value] == [bricks.id]
    adult_jobs = dispatch.fit_jobs(adult.id)
    assert isinstance(adult_jobs, Ok) and len(adult_jobs.value) == 2


def test_a_request_made_before_the_rule_is_not_taken_on(services: Services) -> None:
    """A 我想干 request stored before (an older terminal, an older rules version): staff
    cannot refer or hire on it; declining it is fine."""
    minor = register(services, SEVENTEEN, 101, ["C05"])
    job = post(services, "C05")
    request = services.refer(job.id, minor.id)
    assert isinstance(request, Err)
    services.store.conn.execute(  # as an older version of the kiosk stored it
        "INSERT INTO referrals (id, hall_id, job_id, worker_id, status, origin, queue_no, "
        "note, created_at, updated_at) VALUES ('0190b6a0-0000-7000-8000-000000000001', "
        "?, ?, ?, 'requested', 'touchscreen', 1, '', '2026-11-23T00:00:00.000Z', "
        "'2026-11-23T00:00:00.000Z')", [services.settings.hall_id, job.id, minor.id])
    dispatch = Dispatch(services)
    taken = dispatch.accept_request("0190b6a0-0000-7000-8000-000000000001")
    assert isinstance(taken, Err) and taken.codes() == {"minor_barred"}


def test_a_job_tagged_work_at_height_is_kept_from_a_minor_whatever_its_trade(
        services: Services) -> None:
    """A bricklaying job (not protected work by its trade) tagged 高处 is the work at
    height of item 3.3: a minor is not referred to it; untagged, the same job is theirs."""
    minor = register(services, SEVENTEEN, 105, ["C01"])
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    tagged = services.post_job(job_draft(employer.value.id, title="外墙脚手架砌筑",
                                         hazards=["height"],
                                         protective_gear=["helmet", "harness"]))
    plain = services.post_job(job_draft(employer.value.id, title="室内隔墙砌筑"))
    assert isinstance(tagged, Ok) and isinstance(plain, Ok), (tagged, plain)
    result = services.refer(tagged.value.id, minor.id, ReferralOrigin.COUNTER)
    assert isinstance(result, Err) and result.codes() == {"minor_barred"}
    assert "高处作业" in result.errors[0].text("zh_CN")
    assert isinstance(services.refer(plain.value.id, minor.id, ReferralOrigin.COUNTER), Ok)
