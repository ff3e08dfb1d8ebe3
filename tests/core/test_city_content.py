"""The city's notices and policy pages are checked field by field, the same at the hub and
the terminal: each problem names the entry and the field, in the catalogue's words."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from kiosk.core.city_content import (
    ContentProblem,
    district_code,
    notices_from_data,
    pages_from_data,
    shipped_pages_data,
)
from kiosk.core.i18n import translate

NOTICE = {"text_zh": "寒潮", "text_en": "Cold wave", "starts_on": "2026-11-23",
          "ends_on": "2026-11-30", "priority": 2, "districts": ["370104"]}


def file_of(**changes: Any) -> dict[str, Any]:
    return {"version": 1, "notices": [{**NOTICE, **changes}]}


@pytest.mark.parametrize(("changes", "msgid"), [
    ({"text_zh": ""}, "Entry {n}: {field} is missing or empty."),
    ({"text_en": "two\nlines"}, "Entry {n}: {field} must be one line of at most {most} "
                                "characters."),
    ({"starts_on": "2026-13-01"}, "Entry {n}: {field} must be a date such as 2026-12-07, "
                                  "not {value}."),
    ({"ends_on": "2026-11-01"}, "Entry {n}: ends_on {ends} is before starts_on {starts}."),
    ({"priority": True}, "Entry {n}: priority must be a whole number from 0 to 9."),
    ({"districts": ["370104\n"]}, "Entry {n}: district {district} is not a 6-digit code "
                                   "such as 370104."),
    ({"districts": ["槐荫区"]}, "Entry {n}: district {district} is not a 6-digit code such "
                               "as 370104."),
    ({"districts": "370104"}, "Entry {n}: {field} must be a list of at most {most} entries."),
])
def test_a_bad_notice_is_refused_naming_the_entry_and_field(changes: dict[str, Any],
                                                            msgid: str) -> None:
    with pytest.raises(ContentProblem) as caught:
        notices_from_data(file_of(**changes))
    assert caught.value.msgid == msgid and caught.value.params["n"] == 1
    assert translate(msgid, "zh_CN") != msgid


def test_a_notice_shows_in_its_districts_between_its_dates() -> None:
    notice, = notices_from_data(file_of())
    everywhere, = notices_from_data(file_of(districts=[]))
    assert notice.shown_at("370104", date(2026, 11, 23))
    assert not notice.shown_at("370112", date(2026, 11, 23))
    assert not notice.shown_at("", date(2026, 11, 23))  # a hall id without a district code
    assert not notice.shown_at("370104", date(2026, 12, 1))
    assert everywhere.shown_at("", date(2026, 11, 30))
    assert [district_code(h) for h in ("370104-DDBL", "DEMO-1", "3701-X")] == ["370104", "", ""]


def test_pages_need_distinct_ids_paragraphs_and_a_real_hotline() -> None:
    pages = shipped_pages_data()
    assert [p.id for p in pages_from_data(pages)] == [
        "wage-rights", "hotline-12333", "minimum-wage", "flexible-insurance",
        "accident-insurance", "startup-loan"]
    twice = copy.deepcopy(pages)
    twice["pages"][1]["id"] = "wage-rights"
    fraud = copy.deepcopy(pages)
    fraud["pages"][0]["hotline"] = "请加微信"
    empty = copy.deepcopy(pages)
    empty["pages"][2]["body_zh"] = ["  "]
    for bad, msgid in ((twice, "Page ids must differ: {id} is used twice."),
                       (fraud, "Entry {n}: hotline must be a telephone number such as 12333."),
                       (empty, "Entry {n}: paragraph {p} of {field} must be text of 1 to "
                               "{most} characters."),
                       ({"version": 1, "pages": []}, "At least one page is needed."),
                       ([], "The file must be a JSON object.")):
        with pytest.raises(ContentProblem) as caught:
            pages_from_data(bad)
        assert caught.value.msgid == msgid
