"""Training courses the city (or a hall, through the city's operator) publishes to the halls
as a signed asset `training_courses` (kiosk.core.assets): each course's trade, level,
sessions, place, provider, the subsidy it may qualify for, what to bring, its seats and the
days sign-up is open. Workers sign up at the touchscreen (kiosk.services.training); staff
record attendance per session at the counter; a hardship worker's "131" training counts
from that attendance.

Both ends parse with `courses_from_data`: the hub before publishing, the terminal before
keeping. A problem raises `ContentProblem` (kiosk.core.city_content), naming the entry
(counted from 1) and the JSON field. The demo's courses ship in
`assets/training_courses.json`; the demo city publishes them through its hub.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.core.city_content import (
    DISTRICT_CODE,
    MAX_PARAGRAPH_CHARS,
    ContentProblem,
    _date,
    _entry,
    _file,
    _list,
    _text,
    first_repeated,
    shipped_data,
)
from kiosk.core.errors import N_

TRAINING_COURSES = "training_courses"
COURSE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
TRADE_CODE = re.compile(r"[A-Z][0-9]{2}")
CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
MAX_COURSES, MAX_SESSIONS, MAX_SEATS = 60, 40, 500
MAX_TITLE, MAX_LINE = 40, 120

# 职业技能等级 as courses name them: 专项职业能力 (one skill, its own certificate), then the
# levels of 国家职业技能标准 (五级/初级工, 四级/中级工, 三级/高级工).
LEVELS: dict[str, str] = {
    "special": N_("Single-skill certificate"),
    "junior": N_("Level 5 · junior"),
    "intermediate": N_("Level 4 · intermediate"),
    "senior": N_("Level 3 · senior"),
}


@dataclass(frozen=True, slots=True)
class Session:
    day: date
    starts: str  # HH:MM, hall local time
    ends: str


@dataclass(frozen=True, slots=True)
class Course:
    id: str
    trade: str  # a catalogue trade code
    level: str  # a key of LEVELS
    title_zh: str
    title_en: str
    provider_zh: str
    provider_en: str
    place_zh: str
    place_en: str
    sessions: tuple[Session, ...]
    seats: int
    signup_from: date
    signup_until: date
    subsidy_zh: str
    subsidy_en: str
    bring_zh: str
    bring_en: str
    source: str = ""  # where the facts come from
    districts: tuple[str, ...] = ()  # empty: every hall

    def text(self, field: str, language: str) -> str:
        """`title`, `provider`, `place`, `subsidy` or `bring` in the language."""
        english = str(getattr(self, f"{field}_en"))
        return english if language == "en" and english else str(getattr(self, f"{field}_zh"))

    @property
    def starts_on(self) -> date:
        return self.sessions[0].day

    @property
    def ends_on(self) -> date:
        return self.sessions[-1].day

    def open_for_signup(self, day: date) -> bool:
        return self.signup_from <= day <= self.signup_until and day <= self.starts_on

    def offered_at(self, district: str) -> bool:
        return not self.districts or district in self.districts

    def session(self, number: int) -> Session | None:
        """The `number`th session, counted from 1."""
        return self.sessions[number - 1] if 1 <= number <= len(self.sessions) else None


def courses_from_data(data: Any) -> tuple[Course, ...]:
    """The courses of a `training_courses` asset; raises ContentProblem."""
    items = _list(_file(data).get("courses"), "courses", MAX_COURSES)
    courses = tuple(_course(item, n) for n, item in enumerate(items, 1))
    twice = first_repeated([c.id for c in courses])
    if twice is not None:
        raise ContentProblem(N_("Course ids must differ: {id} is used twice."), id=twice)
    return courses


def shipped_courses_data() -> dict[str, Any]:
    """The demo city's courses, `assets/training_courses.json` (published by `kiosk demo`)."""
    return shipped_data("training_courses.json")


def _course(item: Any, n: int) -> Course:
    obj = _entry(item, n)
    course_id = obj.get("id")
    if not isinstance(course_id, str) or not COURSE_ID.fullmatch(course_id):
        raise ContentProblem(N_("Entry {n}: id must be lower-case letters, digits and "
                                "hyphens."), n=n)
    trade = obj.get("trade")
    if not isinstance(trade, str) or not TRADE_CODE.fullmatch(trade):
        raise ContentProblem(N_("Entry {n}: trade must be a catalogue code such as C03."), n=n)
    level = obj.get("level")
    if level not in LEVELS:
        raise ContentProblem(N_("Entry {n}: level must be one of {levels}."), n=n,
                             levels=", ".join(LEVELS))
    seats = obj.get("seats")
    if not isinstance(seats, int) or isinstance(seats, bool) or not 1 <= seats <= MAX_SEATS:
        raise ContentProblem(N_("Entry {n}: seats must be a whole number from 1 to {most}."),
                             n=n, most=MAX_SEATS)
    sessions = _sessions(obj, n)
    signup_from, signup_until = _date(obj, "signup_from", n), _date(obj, "signup_until", n)
    if not signup_from <= signup_until <= sessions[0].day:
        raise ContentProblem(N_("Entry {n}: sign-up must open, then close, no later than "
                                "the first session."), n=n)
    return Course(
        course_id, trade, str(level), _text(obj, "title_zh", n, MAX_TITLE),
        _text(obj, "title_en", n, MAX_TITLE * 2), _text(obj, "provider_zh", n, MAX_LINE),
        _text(obj, "provider_en", n, MAX_LINE), _text(obj, "place_zh", n, MAX_LINE),
        _text(obj, "place_en", n, MAX_LINE), sessions, seats, signup_from, signup_until,
        _text(obj, "subsidy_zh", n, MAX_PARAGRAPH_CHARS),
        _text(obj, "subsidy_en", n, MAX_PARAGRAPH_CHARS),
        _text(obj, "bring_zh", n, MAX_LINE), _text(obj, "bring_en", n, MAX_LINE * 2),
        _source(obj, n), _districts(obj, n))


def _sessions(obj: dict[str, Any], n: int) -> tuple[Session, ...]:
    items = _list(obj.get("sessions"), "sessions", MAX_SESSIONS, n)
    if not items:
        raise ContentProblem(N_("Entry {n}: sessions needs at least one session."), n=n)
    out = []
    for item in items:
        if not isinstance(item, dict) or set(item) != {"day", "starts", "ends"}:
            raise ContentProblem(N_("Entry {n}: a session is {{day, starts, ends}}."), n=n)
        starts, ends = item["starts"], item["ends"]
        if not all(isinstance(v, str) and CLOCK.fullmatch(v) for v in (starts, ends)) or (
                ends <= starts):
            raise ContentProblem(N_("Entry {n}: a session starts and ends at times such as "
                                    "08:30 and 11:30, in that order."), n=n)
        out.append(Session(_date(item, "day", n), starts, ends))
    if any(b.day <= a.day for a, b in itertools.pairwise(out)):
        raise ContentProblem(N_("Entry {n}: sessions must be on different days, in order."),
                             n=n)
    return tuple(out)


def _source(obj: dict[str, Any], n: int) -> str:
    source = obj.get("source", "")
    if not isinstance(source, str) or len(source) > MAX_PARAGRAPH_CHARS:
        raise ContentProblem(N_("Entry {n}: source must be text of at most {most} "
                                "characters."), n=n, most=MAX_PARAGRAPH_CHARS)
    return source.strip()


def _districts(obj: dict[str, Any], n: int) -> tuple[str, ...]:
    districts = _list(obj.get("districts", []), "districts", 200, n)
    for code in districts:
        if not isinstance(code, str) or not DISTRICT_CODE.fullmatch(code):
            raise ContentProblem(N_("Entry {n}: district {district} is not a 6-digit code "
                                    "such as 370104."), n=n,
                                 district=json.dumps(code, ensure_ascii=False))
    return tuple(districts)
