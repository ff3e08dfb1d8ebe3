"""Content the city publishes to the halls as signed assets (`kiosk.core.assets`):

- `city_notices`: short notices for every hall or for chosen districts (district codes
  such as 370104, the first six digits of a hall id); the board's ticker and the
  touchscreen show them beside the hall's own, marked as from the city.
- `policy_pages`: the 明白纸 library (wage rights, 12333, social insurance, …) the
  touchscreen shows in large type and prints; a default set ships in `assets/`.

Both ends parse with these functions: the hub before publishing, the terminal before
keeping. A problem raises `ContentProblem`: a catalogue message naming the entry (counted
from 1) and the JSON field, which `kiosk-hub` shows translated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from kiosk.core.errors import N_

CITY_NOTICES, POLICY_PAGES = "city_notices", "policy_pages"
DISTRICT_CODE = re.compile(r"[0-9]{6}")  # fullmatch: no trailing newline slips through
PAGE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
HOTLINE = re.compile(r"[0-9][0-9 -]{2,19}")
MAX_NOTICES, MAX_PAGES, MAX_PARAGRAPHS = 50, 40, 12
MAX_NOTICE_CHARS, MAX_TITLE_CHARS, MAX_PARAGRAPH_CHARS = 200, 40, 400


class ContentProblem(ValueError):
    """A published notice or page is not valid: `msgid` (English, N_) and its values."""

    def __init__(self, msgid: str, **params: str | int) -> None:
        super().__init__(msgid.format(**params))
        self.msgid, self.params = msgid, params


@dataclass(frozen=True, slots=True)
class CityNotice:
    text_zh: str
    text_en: str
    starts_on: date
    ends_on: date
    priority: int
    districts: tuple[str, ...]  # empty: every hall

    def text(self, language: str) -> str:
        return self.text_en if language == "en" and self.text_en else self.text_zh

    def shown_at(self, district: str, day: date) -> bool:
        """For a hall of `district` (a 6-digit code, or "" when unknown) on `day`."""
        here = not self.districts or district in self.districts
        return here and self.starts_on <= day <= self.ends_on


@dataclass(frozen=True, slots=True)
class PolicyPage:
    id: str
    title_zh: str
    title_en: str
    body_zh: tuple[str, ...]
    body_en: tuple[str, ...]
    hotline: str = ""
    source: str = ""  # where the facts come from (shown small, printed)

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_zh

    def body(self, language: str) -> tuple[str, ...]:
        return self.body_en if language == "en" else self.body_zh


def district_code(hall_id: str) -> str:
    """The district code a hall id starts with (370104-DDBL -> 370104), or ""."""
    head = hall_id.split("-", 1)[0]
    return head if DISTRICT_CODE.fullmatch(head) else ""


def notices_from_data(data: Any) -> tuple[CityNotice, ...]:
    """The notices of a `city_notices` asset; raises ContentProblem."""
    items = _list(_file(data).get("notices"), "notices", MAX_NOTICES)
    return tuple(_notice(item, n) for n, item in enumerate(items, 1))


def pages_from_data(data: Any) -> tuple[PolicyPage, ...]:
    """The pages of a `policy_pages` asset; raises ContentProblem."""
    items = _list(_file(data).get("pages"), "pages", MAX_PAGES)
    pages = tuple(_page(item, n) for n, item in enumerate(items, 1))
    twice = first_repeated([p.id for p in pages])
    if twice is not None:
        raise ContentProblem(N_("Page ids must differ: {id} is used twice."), id=twice)
    if not pages:
        raise ContentProblem(N_("At least one page is needed."))
    return pages


def shipped_pages_data() -> dict[str, Any]:
    """The default library shipped in `assets/policy_pages.json`."""
    return shipped_data("policy_pages.json")


def shipped_data(file_name: str) -> dict[str, Any]:
    """A content file shipped in `assets/`: what a hall shows until the city publishes."""
    text = resources.files("kiosk_assets").joinpath(file_name).read_text("utf-8")
    return dict(json.loads(text))


def first_repeated(keys: list[str]) -> str | None:
    """The first key (in sorted order) that stands more than once, else None."""
    twice = sorted({k for k in keys if keys.count(k) > 1})
    return twice[0] if twice else None


def _notice(item: Any, n: int) -> CityNotice:
    obj = _entry(item, n)
    starts, ends = _date(obj, "starts_on", n), _date(obj, "ends_on", n)
    if ends < starts:
        raise ContentProblem(N_("Entry {n}: ends_on {ends} is before starts_on {starts}."),
                             n=n, ends=str(ends), starts=str(starts))
    priority = obj.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool) or not 0 <= priority <= 9:
        raise ContentProblem(N_("Entry {n}: priority must be a whole number from 0 to 9."), n=n)
    districts = _list(obj.get("districts", []), "districts", 200, n)
    for code in districts:
        if not isinstance(code, str) or not DISTRICT_CODE.fullmatch(code):
            raise ContentProblem(N_("Entry {n}: district {district} is not a 6-digit code "
                                    "such as 370104."), n=n,
                                 district=json.dumps(code, ensure_ascii=False))
    return CityNotice(_text(obj, "text_zh", n, MAX_NOTICE_CHARS),
                      _text(obj, "text_en", n, MAX_NOTICE_CHARS), starts, ends, priority,
                      tuple(districts))


def _page(item: Any, n: int) -> PolicyPage:
    obj = _entry(item, n)
    page_id = obj.get("id")
    if not isinstance(page_id, str) or not PAGE_ID.fullmatch(page_id):
        raise ContentProblem(N_("Entry {n}: id must be lower-case letters, digits and "
                                "hyphens."), n=n)
    hotline = obj.get("hotline", "")
    if hotline != "" and (not isinstance(hotline, str) or not HOTLINE.fullmatch(hotline)):
        raise ContentProblem(N_("Entry {n}: hotline must be a telephone number such as "
                                "12333."), n=n)
    source = obj.get("source", "")
    if not isinstance(source, str) or len(source) > MAX_PARAGRAPH_CHARS:
        raise ContentProblem(N_("Entry {n}: source must be text of at most {most} "
                                "characters."), n=n, most=MAX_PARAGRAPH_CHARS)
    return PolicyPage(page_id, _text(obj, "title_zh", n, MAX_TITLE_CHARS),
                      _text(obj, "title_en", n, MAX_TITLE_CHARS * 2),
                      _paragraphs(obj, "body_zh", n), _paragraphs(obj, "body_en", n),
                      hotline, source)


def _paragraphs(obj: dict[str, Any], field: str, n: int) -> tuple[str, ...]:
    items = _list(obj.get(field), field, MAX_PARAGRAPHS, n)
    if not items:
        raise ContentProblem(N_("Entry {n}: {field} needs at least one paragraph."), n=n,
                             field=field)
    out = []
    for p, text in enumerate(items, 1):
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_PARAGRAPH_CHARS:
            raise ContentProblem(N_("Entry {n}: paragraph {p} of {field} must be text of 1 to "
                                    "{most} characters."), n=n, p=p, field=field,
                                 most=MAX_PARAGRAPH_CHARS)
        out.append(text.strip())
    return tuple(out)


def _file(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContentProblem(N_("The file must be a JSON object."))
    return value


def _entry(value: Any, n: int) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContentProblem(N_("Entry {n} must be a JSON object."), n=n)
    return value


def _list(value: Any, field: str, most: int, n: int = 0) -> list[Any]:
    if not isinstance(value, list) or len(value) > most:
        if n:
            raise ContentProblem(N_("Entry {n}: {field} must be a list of at most {most} "
                                    "entries."), n=n, field=field, most=most)
        raise ContentProblem(N_("{field} must be a list of at most {most} entries."),
                             field=field, most=most)
    return value


def _text(obj: dict[str, Any], field: str, n: int, most: int) -> str:
    value = obj.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ContentProblem(N_("Entry {n}: {field} is missing or empty."), n=n, field=field)
    if len(value) > most or any(ch in value for ch in "\r\n\t"):
        raise ContentProblem(N_("Entry {n}: {field} must be one line of at most {most} "
                                "characters."), n=n, field=field, most=most)
    return value.strip()


def _date(obj: dict[str, Any], field: str, n: int) -> date:
    value = obj.get(field)
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise ContentProblem(N_("Entry {n}: {field} must be a date such as 2026-12-07, not "
                                "{value}."), n=n, field=field,
                             value=json.dumps(value, ensure_ascii=False)) from None
