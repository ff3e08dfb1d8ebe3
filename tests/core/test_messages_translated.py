"""Every error a person can meet has a Chinese text (needs assets/locale/zh_CN/.../kiosk.po).

The errors here are produced by running the validators on bad input, so this checks the
messages actually used (with their placeholders filled), not just the extracted ones.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from kiosk.core.catalogue import load_catalogue
from kiosk.core.drafts import (
    ComplaintDraft,
    Context,
    NoticeDraft,
    validate_complaint,
    validate_employer,
    validate_job,
    validate_notice,
    validate_worker,
)
from kiosk.core.errors import Err, FieldError, Result
from kiosk.core.fields import (
    validate_amount,
    validate_choice,
    validate_headcount,
    validate_id_number,
    validate_landline,
    validate_mobile,
    validate_person_name,
    validate_start_date,
    validate_start_time,
    validate_text,
    validate_uscc,
    with_check_digit,
)
from kiosk.core.i18n import Translator, catalogue, translate
from kiosk.core.records import PayUnit
from tests.conftest import TODAY, employer_draft, id_number, job_draft, worker_draft

CTX = Context(today=TODAY, catalogue=load_catalogue(), areas=frozenset({"槐荫区"}))
YESTERDAY = TODAY - timedelta(days=1)
COMPLAINT = ComplaintDraft(complainant_name="王大力", phone="13805311234", employer_name="某公司",
                           amount="100", period_from=YESTERDAY, period_to=TODAY,
                           description="欠薪")


def _results() -> list[Result[object]]:
    return [
        validate_id_number("", TODAY),
        validate_id_number("370104750314123", TODAY),
        validate_id_number("1234", TODAY),
        validate_id_number("37010419750314012Y", TODAY),
        validate_id_number(id_number(area="990104"), TODAY),
        validate_id_number(id_number()[:-1] + "X", TODAY),
        validate_id_number(with_check_digit("37010419750230123"), TODAY),
        validate_id_number(id_number(TODAY + timedelta(days=1)), TODAY),
        validate_id_number(id_number(TODAY.replace(year=TODAY.year - 130)), TODAY),
        validate_mobile(""),
        validate_mobile("138a"),
        validate_mobile("1380531123"),
        validate_mobile("12805311234"),
        validate_landline("88886666"),
        validate_uscc(""),
        validate_uscc("123"),
        validate_uscc("91110000600037341M"),
        validate_person_name(""),
        validate_person_name("张" * 31),
        validate_person_name("张3"),
        validate_text("", "title", required=True, max_len=5),
        validate_text("字" * 6, "title", required=False, max_len=5),
        validate_amount("abc"),
        validate_amount("0"),
        validate_amount("2000000"),
        validate_choice("week", PayUnit, "pay_unit"),
        validate_headcount("abc"),
        validate_headcount("0"),
        validate_start_date(None, TODAY),
        validate_start_date(YESTERDAY, TODAY),
        validate_start_time("25:00"),
        validate_worker(worker_draft(consent_given=False), CTX),
        validate_worker(worker_draft(trades=[]), CTX),
        validate_worker(worker_draft(trades=["C01", "C02", "C03", "C04"]), CTX),
        validate_worker(worker_draft(trades=["C99"], intentions=["x"], areas=["火星区"],
                                     available_from=YESTERDAY), CTX),
        validate_employer(employer_draft(kind="government")),
        validate_job(job_draft("e", trade="C99", hours_per_day="30"), CTX),
        validate_complaint(replace(COMPLAINT, period_to=None), CTX),
        validate_complaint(replace(COMPLAINT, period_from=TODAY, period_to=YESTERDAY), CTX),
        validate_complaint(replace(COMPLAINT, period_to=TODAY + timedelta(days=1)), CTX),
        validate_notice(NoticeDraft(text_zh="通知", ends_on=YESTERDAY), CTX),
    ]


def all_errors() -> list[FieldError]:
    found: dict[tuple[str, str], FieldError] = {}
    for result in _results():
        assert isinstance(result, Err), result
        for error in result.errors:
            found.setdefault((error.code, error.message), error)
    return list(found.values())


ERRORS = all_errors()


def test_the_list_reaches_every_error_code() -> None:
    codes = {e.code for e in ERRORS}
    assert codes >= {
        "required", "first_generation", "length", "format", "area", "checksum", "birth_date",
        "birth_future", "birth_too_old", "mobile_length", "mobile_prefix", "landline",
        "uscc_length", "uscc_invalid", "too_long", "name_chars", "amount_format",
        "amount_positive", "amount_too_large", "choice", "headcount_format",
        "headcount_range", "date_past", "time_format", "consent_required", "trade_required",
        "trade_too_many", "unknown_option", "area_unknown", "trade_unknown", "hours_range",
        "period_order", "period_future"}


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: f"{e.field}-{e.code}")
def test_every_error_has_a_chinese_text(error: FieldError) -> None:
    zh = error.text("zh_CN")
    en = error.text("en")
    assert error.field and error.code and error.message
    assert zh != en, f"no Chinese for {error.message!r}"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), zh
    assert "{" not in zh and "}" not in zh, zh
    for value in error.params.values():
        assert str(value) in zh, (zh, error.params)
    assert error.to_json() == {"field": error.field, "code": error.code, "message": zh,
                               "message_en": en}


def test_unknown_messages_fall_back_to_the_msgid_in_chinese_too() -> None:
    assert translate("no such message 123", "zh_CN") == "no such message 123"
    assert translate("no such message 123") == "no such message 123"


def test_the_chinese_catalogue_loads_and_the_translator_switches() -> None:
    zh = catalogue("zh_CN")
    assert zh
    assert all(msgid and text for msgid, text in zh.items())
    t = Translator()
    message = "Please enter the ID card number."
    assert t(message) == zh[message] != message
    t.set_language("en")
    assert t(message) == message
    t.set_language("zh_CN")
    assert t(message) == zh[message]
