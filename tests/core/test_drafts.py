"""Whole-form validation: every error of a draft at once, nothing valid unless all is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.catalogue import Catalogue, load_catalogue
from kiosk.core.drafts import (
    MAX_TRADES_PER_WORKER,
    ComplaintDraft,
    Context,
    NoticeDraft,
    ValidComplaint,
    ValidEmployer,
    ValidJob,
    ValidNotice,
    ValidWorker,
    validate_complaint,
    validate_employer,
    validate_job,
    validate_notice,
    validate_worker,
)
from kiosk.core.errors import Err, Ok, Result
from kiosk.core.records import EmployerKind, Intention, PayUnit, Settlement, Sex
from tests.conftest import TODAY, employer_draft, id_number, job_draft, worker_draft

REAL_USCC = "91110000600037341L"
AREAS = frozenset({"槐荫区", "市中区", "历下区"})
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture
def ctx(catalogue: Catalogue) -> Context:
    return Context(today=TODAY, catalogue=catalogue)


@pytest.fixture
def hall_ctx(catalogue: Catalogue) -> Context:
    """A hall that lists its areas."""
    return Context(today=TODAY, catalogue=catalogue, areas=AREAS)


def valid(result: Result[Any]) -> Any:
    assert isinstance(result, Ok), result
    return result.value


def errors(result: Result[Any]) -> Err:
    assert isinstance(result, Err), result
    assert result.errors
    for e in result.errors:
        assert e.field
        assert e.code
        assert e.message
    return result


def only(result: Result[Any]) -> tuple[str, str]:
    """(field, code) of the one error of a result."""
    err = errors(result)
    assert len(err.errors) == 1, err
    return err.errors[0].field, err.errors[0].code


# --- workers -----------------------------------------------------------------------------

def test_a_complete_worker_draft_is_valid_and_normalised(ctx: Context) -> None:
    draft = worker_draft(
        name=" 张建国 ", id_number=id_number().lower() + " ", phone="138 0531 1234",
        trades=["C01", "C09", "C01"], certificates=["electrician", "work_at_height"],
        intentions=["daily", "hourly"], skills_note=" 会贴瓷砖 ", low_income=True)
    worker = valid(validate_worker(draft, ctx))
    assert isinstance(worker, ValidWorker)
    assert worker.name == "张建国"
    assert worker.id_number.number == id_number()
    assert worker.id_number.birth_date == date(1975, 3, 14)
    assert worker.id_number.sex is Sex.MALE
    assert worker.phone == "13805311234"
    assert worker.trades == ("C01", "C09")
    assert worker.certificates == ("electrician", "work_at_height")
    assert worker.intentions == (Intention.DAILY, Intention.HOURLY)
    assert worker.areas == ()
    assert worker.available_from == TODAY
    assert worker.skills_note == "会贴瓷砖"
    assert worker.low_income is True
    assert worker.disabled is False


def test_declined_consent_gives_only_the_consent_error(ctx: Context) -> None:
    draft = worker_draft(consent_given=False, name="", id_number="123", phone="1",
                         trades=[], certificates=["nope"], available_from=YESTERDAY)
    assert only(validate_worker(draft, ctx)) == ("consent", "consent_required")
    assert only(validate_worker(worker_draft(consent_given=False), ctx)) == (
        "consent", "consent_required")


# one bad value per worker field; each gives exactly one error on that field
BAD_WORKER_FIELDS: dict[str, tuple[str, object, str]] = {
    "name": ("name", "张3", "name_chars"),
    "id_number": ("id_number", id_number()[:-1] + ("0" if id_number()[-1] != "0" else "1"),
                  "checksum"),
    "phone": ("phone", "1380531123", "mobile_length"),
    "trades": ("trades", ["C01", "NOPE"], "unknown_option"),
    "certificates": ("certificates", ["pilot"], "unknown_option"),
    "intentions": ("intentions", ["forever"], "choice"),
    "areas": ("areas", ["火星区"], "area_unknown"),
    "skills_note": ("skills_note", "字" * 201, "too_long"),
    "available_from": ("available_from", YESTERDAY, "date_past"),
}


@settings(max_examples=300, deadline=None)
@given(st.sets(st.sampled_from(sorted(BAD_WORKER_FIELDS)), min_size=1))
def test_every_bad_worker_field_is_reported_at_once(bad: set[str]) -> None:
    ctx = Context(today=TODAY, catalogue=load_catalogue(), areas=AREAS)
    overrides = {name: BAD_WORKER_FIELDS[name][1] for name in bad}
    err = errors(validate_worker(worker_draft(**overrides), ctx))
    assert {(e.field, e.code) for e in err.errors} == {
        (BAD_WORKER_FIELDS[name][0], BAD_WORKER_FIELDS[name][2]) for name in bad}
    assert len(err.errors) == len(bad)


def test_three_trades_are_allowed_four_are_not(ctx: Context) -> None:
    three = ["C01", "C02", "C03"]
    assert len(three) == MAX_TRADES_PER_WORKER
    assert valid(validate_worker(worker_draft(trades=three), ctx)).trades == tuple(three)
    result = validate_worker(worker_draft(trades=[*three, "C04"]), ctx)
    assert only(result) == ("trades", "trade_too_many")
    assert isinstance(result, Err)
    assert result.errors[0].params == {"max": 3}
    assert "3" in result.errors[0].text("en")


def test_repeated_trades_count_once(ctx: Context) -> None:
    draft = worker_draft(trades=["C01", "C02", "C01", "C03", "C02"])
    assert valid(validate_worker(draft, ctx)).trades == ("C01", "C02", "C03")


def test_no_trade_is_an_error(ctx: Context) -> None:
    assert only(validate_worker(worker_draft(trades=[]), ctx)) == ("trades", "trade_required")


def test_unknown_trade_and_certificate_are_rejected(ctx: Context) -> None:
    assert only(validate_worker(worker_draft(trades=["C99"]), ctx)) == (
        "trades", "unknown_option")
    assert only(validate_worker(worker_draft(trades=["瓦工"]), ctx)) == (
        "trades", "unknown_option")
    assert only(validate_worker(worker_draft(certificates=["electrician", "电工证"]), ctx)) == (
        "certificates", "unknown_option")


def test_too_many_trades_including_an_unknown_one_reports_both(ctx: Context) -> None:
    err = errors(validate_worker(worker_draft(trades=["C01", "C02", "C03", "X"]), ctx))
    assert {(e.field, e.code) for e in err.errors} == {
        ("trades", "trade_too_many"), ("trades", "unknown_option")}


def test_every_catalogue_certificate_is_accepted(ctx: Context) -> None:
    codes = sorted(ctx.catalogue.certificate_codes)
    worker = valid(validate_worker(worker_draft(certificates=codes), ctx))
    assert worker.certificates == tuple(codes)


def test_intentions(ctx: Context) -> None:
    all_values = [i.value for i in Intention]
    worker = valid(validate_worker(worker_draft(intentions=[*all_values, "daily"]), ctx))
    assert worker.intentions == tuple(Intention)
    assert only(validate_worker(worker_draft(intentions=[]), ctx)) == ("intentions", "choice")
    assert only(validate_worker(worker_draft(intentions=["daily", "日结"]), ctx)) == (
        "intentions", "choice")


def test_any_area_is_accepted_when_the_hall_lists_none(ctx: Context) -> None:
    assert ctx.areas == frozenset()
    worker = valid(validate_worker(worker_draft(areas=["火星区", "槐荫区", ""]), ctx))
    assert worker.areas == ("火星区", "槐荫区")


def test_areas_are_checked_against_the_hall_list(hall_ctx: Context) -> None:
    worker = valid(validate_worker(worker_draft(areas=["槐荫区", "市中区", "槐荫区"]), hall_ctx))
    assert worker.areas == ("槐荫区", "市中区")
    assert only(validate_worker(worker_draft(areas=["槐荫区", "火星区"]), hall_ctx)) == (
        "areas", "area_unknown")
    assert valid(validate_worker(worker_draft(areas=[]), hall_ctx)).areas == ()


def test_available_from(ctx: Context) -> None:
    assert valid(validate_worker(worker_draft(available_from=TOMORROW), ctx)).available_from \
        == TOMORROW
    assert valid(validate_worker(worker_draft(available_from=TODAY), ctx)).available_from \
        == TODAY
    assert only(validate_worker(worker_draft(available_from=YESTERDAY), ctx)) == (
        "available_from", "date_past")


def test_worker_id_number_errors_come_from_the_id_validator(ctx: Context) -> None:
    assert only(validate_worker(worker_draft(id_number=id_number(TOMORROW)), ctx)) == (
        "id_number", "birth_future")
    assert only(validate_worker(worker_draft(id_number="370104750314123"), ctx)) == (
        "id_number", "first_generation")
    assert only(validate_worker(worker_draft(id_number=""), ctx)) == ("id_number", "required")


def test_worker_phone_must_be_a_mobile(ctx: Context) -> None:
    assert only(validate_worker(worker_draft(phone="0531-88886666"), ctx))[0] == "phone"


def test_female_worker_and_flags(ctx: Context) -> None:
    draft = worker_draft(id_number=id_number(date(1986, 5, 1), seq=124), disabled=True)
    worker = valid(validate_worker(draft, ctx))
    assert worker.id_number.sex is Sex.FEMALE
    assert worker.disabled is True
    assert worker.low_income is False


# --- employers ---------------------------------------------------------------------------

def test_an_individual_needs_no_uscc() -> None:
    employer = valid(validate_employer(employer_draft()))
    assert isinstance(employer, ValidEmployer)
    assert employer.kind is EmployerKind.INDIVIDUAL
    assert employer.uscc is None
    assert employer.name == "李先生"
    assert employer.display_name == "李先生"
    assert employer.phone == "13905317788"
    # whatever is in the uscc box of an individual is ignored
    assert valid(validate_employer(employer_draft(uscc="garbage"))).uscc is None


def test_a_company_needs_a_valid_uscc() -> None:
    company = employer_draft(kind="company", name="济南宏达建筑劳务有限公司",
                             contact_name="王经理", display_name="宏达建筑",
                             phone="0531-88886666")
    employer = valid(validate_employer(replace(company, uscc=REAL_USCC.lower())))
    assert employer.kind is EmployerKind.COMPANY
    assert employer.uscc == REAL_USCC
    assert employer.display_name == "宏达建筑"
    assert employer.contact_name == "王经理"
    assert employer.phone == "0531-88886666"
    assert only(validate_employer(company)) == ("uscc", "required")
    assert only(validate_employer(replace(company, uscc=REAL_USCC[:-1] + "M"))) == (
        "uscc", "uscc_invalid")
    assert only(validate_employer(replace(company, uscc=REAL_USCC[:10]))) == (
        "uscc", "uscc_length")


def test_unknown_employer_kind_is_a_choice_error_and_skips_the_uscc() -> None:
    assert only(validate_employer(employer_draft(kind="government"))) == ("kind", "choice")


def test_employer_errors_are_all_reported() -> None:
    draft = employer_draft(kind="company", name=" ", phone="12", display_name="显" * 31,
                           contact_name="联" * 31, uscc="123")
    err = errors(validate_employer(draft))
    assert {(e.field, e.code) for e in err.errors} == {
        ("name", "required"), ("phone", "mobile_length"), ("display_name", "too_long"),
        ("contact_name", "too_long"), ("uscc", "uscc_length")}


def test_employer_name_length() -> None:
    assert valid(validate_employer(employer_draft(name="名" * 60))).name == "名" * 60
    assert only(validate_employer(employer_draft(name="名" * 61))) == ("name", "too_long")


# --- jobs --------------------------------------------------------------------------------

def test_a_complete_job_draft_is_valid(ctx: Context) -> None:
    job = valid(validate_job(job_draft("emp-1"), ctx))
    assert isinstance(job, ValidJob)
    assert job.employer_id == "emp-1"
    assert job.trade == "C01"
    assert job.title == "小区外墙砌砖"
    assert job.start_date == TODAY
    assert job.pay_cents == 35000
    assert job.pay_unit is PayUnit.DAY
    assert job.settlement is Settlement.DAILY
    assert job.headcount == 3
    assert job.employment_type is Intention.DAILY
    assert job.area == ""
    assert job.start_time is None
    assert job.hours_per_day is None
    assert job.certificates == ()
    assert job.urgent is False


def test_a_job_with_every_optional_field(hall_ctx: Context) -> None:
    draft = job_draft("emp-2", start_date=TOMORROW, start_time="7:30", hours_per_day="8.5",
                      certificates=["health"], employment_type="hourly", area="槐荫区",
                      pay_amount="¥28.50", pay_unit="hour", settlement="weekly",
                      headcount=12, urgent=True, description="  包午饭 ")
    job = valid(validate_job(draft, hall_ctx))
    assert job.start_time == "07:30"
    assert job.hours_per_day == 8.5
    assert job.certificates == ("health",)
    assert job.employment_type is Intention.HOURLY
    assert job.area == "槐荫区"
    assert job.pay_cents == 2850
    assert job.pay_unit is PayUnit.HOUR
    assert job.settlement is Settlement.WEEKLY
    assert job.headcount == 12
    assert job.urgent is True
    assert job.description == "包午饭"


@pytest.mark.parametrize(("overrides", "field", "code"), [
    ({"start_date": YESTERDAY}, "start_date", "date_past"),
    ({"start_date": None}, "start_date", "required"),
    ({"pay_amount": "0"}, "pay_amount", "amount_positive"),
    ({"pay_amount": "-100"}, "pay_amount", "amount_positive"),
    ({"pay_amount": "面议"}, "pay_amount", "amount_format"),
    ({"pay_amount": "350.555"}, "pay_amount", "amount_format"),
    ({"pay_amount": "2000000"}, "pay_amount", "amount_too_large"),
    ({"pay_unit": "week"}, "pay_unit", "choice"),
    ({"settlement": "yearly"}, "settlement", "choice"),
    ({"headcount": "0"}, "headcount", "headcount_range"),
    ({"headcount": 1000}, "headcount", "headcount_range"),
    ({"headcount": "几个"}, "headcount", "headcount_format"),
    ({"trade": "C99"}, "trade", "trade_unknown"),
    ({"trade": ""}, "trade", "trade_unknown"),
    ({"title": " "}, "title", "required"),
    ({"title": "题" * 41}, "title", "too_long"),
    ({"place": ""}, "place", "required"),
    ({"description": "字" * 1001}, "description", "too_long"),
    ({"certificates": ["pilot"]}, "certificates", "unknown_option"),
    ({"employment_type": "forever"}, "employment_type", "choice"),
    ({"start_time": "25:00"}, "start_time", "time_format"),
    ({"hours_per_day": "0"}, "hours_per_day", "hours_range"),
    ({"hours_per_day": "24.5"}, "hours_per_day", "hours_range"),
    ({"hours_per_day": "-8"}, "hours_per_day", "hours_range"),
    ({"hours_per_day": "八"}, "hours_per_day", "hours_range"),
    ({"hours_per_day": "nan"}, "hours_per_day", "hours_range"),
    ({"hours_per_day": "inf"}, "hours_per_day", "hours_range"),
])
def test_each_bad_job_field_gives_its_error(
        ctx: Context, overrides: dict[str, object], field: str, code: str) -> None:
    assert only(validate_job(job_draft("emp-1", **overrides), ctx)) == (field, code)


@pytest.mark.parametrize(("raw", "hours"), [
    ("", None), (" ", None), ("8", 8.0), ("0.5", 0.5), ("24", 24.0), ("１０", 10.0)])
def test_hours_per_day_range(ctx: Context, raw: str, hours: float | None) -> None:
    # a day's pay that meets the minimum wage for as many as 24 hours (kiosk.core.wages)
    draft = job_draft("e", hours_per_day=raw, pay_amount="600")
    assert valid(validate_job(draft, ctx)).hours_per_day == hours


def test_job_area_is_checked_against_the_hall_list(ctx: Context, hall_ctx: Context) -> None:
    assert valid(validate_job(job_draft("e", area="火星区"), ctx)).area == "火星区"
    assert valid(validate_job(job_draft("e", area="市中区"), hall_ctx)).area == "市中区"
    err = errors(validate_job(job_draft("e", area="火星区"), hall_ctx))
    assert err.codes() == {"area_unknown"}
    # the error names the draft's field, `area`, so the form can mark that box
    assert err.fields() == {"area"}


def test_every_job_error_is_reported_at_once(ctx: Context) -> None:
    draft = job_draft("e", trade="C99", title="", place="", start_date=YESTERDAY,
                      pay_amount="0", pay_unit="x", settlement="y", headcount="0",
                      hours_per_day="30", start_time="9am")
    err = errors(validate_job(draft, ctx))
    assert {(e.field, e.code) for e in err.errors} == {
        ("trade", "trade_unknown"), ("title", "required"), ("place", "required"),
        ("start_date", "date_past"), ("pay_amount", "amount_positive"),
        ("pay_unit", "choice"), ("settlement", "choice"), ("headcount", "headcount_range"),
        ("hours_per_day", "hours_range"), ("start_time", "time_format")}


def test_every_pay_unit_and_settlement_is_accepted(ctx: Context) -> None:
    for unit in PayUnit:
        for settlement in Settlement:
            job = valid(validate_job(job_draft(
                "e", pay_unit=unit.value, settlement=settlement.value, pay_amount="3500",
                day_estimate="300"), ctx))
            assert (job.pay_unit, job.settlement) == (unit, settlement)


# --- complaints --------------------------------------------------------------------------

def complaint(**overrides: object) -> ComplaintDraft:
    values: dict[str, object] = {
        "complainant_name": "王大力", "phone": "13805311234",
        "employer_name": "某建筑劳务公司", "amount": "3,500",
        "period_from": date(2026, 10, 1), "period_to": date(2026, 10, 31),
        "description": "十月份的工钱一直没给",
    }
    values.update(overrides)
    return ComplaintDraft(**values)  # type: ignore[arg-type]


def test_a_complete_complaint_is_valid(ctx: Context) -> None:
    result = valid(validate_complaint(complaint(worker_id="w-1", employer_id="e-1"), ctx))
    assert isinstance(result, ValidComplaint)
    assert result.amount_cents == 350000
    assert result.period_from == date(2026, 10, 1)
    assert result.period_to == date(2026, 10, 31)
    assert result.phone == "13805311234"
    assert result.worker_id == "w-1"
    assert result.employer_id == "e-1"
    assert valid(validate_complaint(complaint(phone="0531-88886666"), ctx)).phone == \
        "0531-88886666"


def test_complaint_period_order_and_future(ctx: Context) -> None:
    assert only(validate_complaint(complaint(period_from=date(2026, 11, 1),
                                             period_to=date(2026, 10, 1)), ctx)) == (
        "period", "period_order")
    assert only(validate_complaint(complaint(period_from=date(2026, 11, 1),
                                             period_to=TOMORROW), ctx)) == (
        "period", "period_future")
    assert only(validate_complaint(complaint(period_from=TOMORROW,
                                             period_to=TOMORROW + timedelta(days=3)), ctx)) == (
        "period", "period_future")
    assert only(validate_complaint(complaint(period_from=None), ctx)) == ("period", "required")
    assert only(validate_complaint(complaint(period_to=None), ctx)) == ("period", "required")
    one_day = valid(validate_complaint(complaint(period_from=TODAY, period_to=TODAY), ctx))
    assert one_day.period_from == one_day.period_to == TODAY


def test_every_complaint_error_is_reported_at_once(ctx: Context) -> None:
    draft = complaint(complainant_name="王2", phone="123", employer_name="", amount="0",
                      description=" ", period_from=TODAY, period_to=YESTERDAY)
    err = errors(validate_complaint(draft, ctx))
    assert {(e.field, e.code) for e in err.errors} == {
        ("complainant_name", "name_chars"), ("phone", "mobile_length"),
        ("employer_name", "required"), ("amount", "amount_positive"),
        ("description", "required"), ("period", "period_order")}


# --- notices -----------------------------------------------------------------------------

def test_a_notice_starts_today_by_default(ctx: Context) -> None:
    notice = valid(validate_notice(NoticeDraft(text_zh=" 今天下午两点有招聘会 ", priority=2), ctx))
    assert isinstance(notice, ValidNotice)
    assert notice.text_zh == "今天下午两点有招聘会"
    assert notice.text_en == ""
    assert notice.starts_on == TODAY
    assert notice.ends_on is None
    assert notice.priority == 2


def test_notice_period_order(ctx: Context) -> None:
    assert only(validate_notice(NoticeDraft(text_zh="通知", ends_on=YESTERDAY), ctx)) == (
        "ends_on", "period_order")
    start = TODAY + timedelta(days=5)
    assert only(validate_notice(NoticeDraft(text_zh="通知", starts_on=start,
                                            ends_on=start - timedelta(days=1)), ctx)) == (
        "ends_on", "period_order")
    same = valid(validate_notice(NoticeDraft(text_zh="通知", starts_on=start, ends_on=start),
                                 ctx))
    assert (same.starts_on, same.ends_on) == (start, start)


def test_notice_texts(ctx: Context) -> None:
    assert only(validate_notice(NoticeDraft(text_zh=""), ctx)) == ("text_zh", "required")
    assert only(validate_notice(NoticeDraft(text_zh="字" * 201), ctx)) == ("text_zh", "too_long")
    assert only(validate_notice(NoticeDraft(text_zh="通知", text_en="x" * 301), ctx)) == (
        "text_en", "too_long")
    both = valid(validate_notice(NoticeDraft(text_zh="通知", text_en="Notice"), ctx))
    assert both.text_en == "Notice"


@pytest.mark.parametrize(("birth", "allowed"), [
    (date(2010, 11, 24), False),  # 15 years and 364 days on 2026-11-23
    (date(2010, 11, 23), True),  # 16 today
    (date(2012, 1, 1), False),  # the 14-year-old
])
def test_nobody_under_16_is_registered_and_the_law_is_named(
        ctx: Context, birth: date, allowed: bool) -> None:
    checked = validate_worker(worker_draft(id_number=id_number(birth)), ctx)
    if allowed:
        valid(checked)
        return
    assert only(checked) == ("id_number", "under_minimum_age")
    error = errors(checked).errors[0]
    assert "劳动法" in error.text("zh_CN") and "Labour Law (art. 15)" in error.text("en")
