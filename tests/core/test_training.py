"""The city's training courses are checked field by field, the same at the hub and the
terminal: each problem names the entry and the field, in the catalogue's words; a good
course knows its dates, whether sign-up is open, where it is offered and its sessions."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from kiosk.core.city_content import ContentProblem
from kiosk.core.i18n import translate
from kiosk.core.training import courses_from_data, shipped_courses_data

COURSE: dict[str, Any] = shipped_courses_data()["courses"][0]


def file_of(**changes: Any) -> dict[str, Any]:
    return {"version": 1, "courses": [{**copy.deepcopy(COURSE), **changes}]}


def session(day: str, starts: str = "08:30", ends: str = "16:30") -> dict[str, str]:
    return {"day": day, "starts": starts, "ends": ends}


@pytest.mark.parametrize(("changes", "msgid"), [
    ({"id": "Elec 5"}, "Entry {n}: id must be lower-case letters, digits and hyphens."),
    ({"trade": "电工"}, "Entry {n}: trade must be a catalogue code such as C03."),
    ({"trade": "C03\n"}, "Entry {n}: trade must be a catalogue code such as C03."),
    ({"level": "expert"}, "Entry {n}: level must be one of {levels}."),
    ({"seats": 0}, "Entry {n}: seats must be a whole number from 1 to {most}."),
    ({"seats": True}, "Entry {n}: seats must be a whole number from 1 to {most}."),
    ({"seats": 30.0}, "Entry {n}: seats must be a whole number from 1 to {most}."),
    ({"sessions": []}, "Entry {n}: sessions needs at least one session."),
    ({"sessions": [{"day": "2026-12-14"}]}, "Entry {n}: a session is {{day, starts, ends}}."),
    ({"sessions": [session("2026-12-14", "16:30", "08:30")]},
     "Entry {n}: a session starts and ends at times such as 08:30 and 11:30, in that order."),
    ({"sessions": [session("2026-12-14", "8:30")]},
     "Entry {n}: a session starts and ends at times such as 08:30 and 11:30, in that order."),
    ({"sessions": [session("2026-12-15"), session("2026-12-14")]},
     "Entry {n}: sessions must be on different days, in order."),
    ({"sessions": [session("2026-02-30")]},
     "Entry {n}: {field} must be a date such as 2026-12-07, not {value}."),
    ({"signup_until": "2026-12-20"},
     "Entry {n}: sign-up must open, then close, no later than the first session."),
    ({"signup_from": "2026-12-13", "signup_until": "2026-12-02"},
     "Entry {n}: sign-up must open, then close, no later than the first session."),
    ({"title_zh": ""}, "Entry {n}: {field} is missing or empty."),
    ({"place_zh": "一行\n两行"}, "Entry {n}: {field} must be one line of at most {most} "
                               "characters."),
    ({"districts": ["3701"]}, "Entry {n}: district {district} is not a 6-digit code such as "
                              "370104."),
])
def test_a_bad_course_is_refused_naming_the_entry_and_field(changes: dict[str, Any],
                                                            msgid: str) -> None:
    with pytest.raises(ContentProblem) as caught:
        courses_from_data(file_of(**changes))
    assert caught.value.msgid == msgid and caught.value.params["n"] == 1
    assert translate(msgid, "zh_CN") != msgid


def test_course_ids_must_differ() -> None:
    twice = file_of()
    twice["courses"].append(copy.deepcopy(COURSE))
    with pytest.raises(ContentProblem, match="jn-2612-elec-5 is used twice"):
        courses_from_data(twice)


def test_a_course_knows_its_dates_sign_up_window_and_halls() -> None:
    course, = courses_from_data(file_of(districts=["370104"]))
    assert (course.starts_on, course.ends_on) == (date(2026, 12, 14), date(2026, 12, 18))
    assert not course.open_for_signup(date(2026, 11, 30))
    assert course.open_for_signup(date(2026, 12, 1))
    assert course.open_for_signup(date(2026, 12, 13))
    assert not course.open_for_signup(date(2026, 12, 14))
    assert course.offered_at("370104") and not course.offered_at("370103")
    assert course.session(5) == course.sessions[-1] and course.session(6) is None
    assert course.session(0) is None
    assert course.text("place", "en").startswith("Practice building")
    assert course.text("place", "zh") == "槐荫区经十路 22799 号 实训楼 3 楼"
