"""Safety content the city publishes to the halls as signed assets (`kiosk.core.assets`):

- `safety_briefings`: one short briefing per hazard tag (title, a few points, the
  protective equipment, where the facts come from); a worker referred to a tagged job
  reads and acknowledges it. A default set ships in `assets/safety_briefings.json`.
- `stop_work`: weather stop-work notices (高温红色预警: 12:00–15:00 停止户外露天作业;
  大风: 停止高处作业) with the hours they hold, the hazard tags and trades they stop, and
  the districts they apply to (none: every hall). The board shows a notice while it holds,
  the touchscreen marks the jobs it stops and the counter warns before a referral.

Both ends parse with these functions: the hub before publishing, the terminal before
keeping. A problem raises `ContentProblem` (kiosk.core.city_content).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.core.city_content import (
    DISTRICT_CODE,
    MAX_PARAGRAPH_CHARS,
    ContentProblem,
    _entry,
    _file,
    _list,
    _paragraphs,
    _text,
    first_repeated,
    shipped_data,
)
from kiosk.core.errors import N_
from kiosk.core.records import Gear, Hazard

SAFETY_BRIEFINGS, STOP_WORK = "safety_briefings", "stop_work"
MAX_NOTICES = 20
NOTICE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
TRADE_CODE = re.compile(r"[A-Z][A-Z0-9]{1,15}")  # the catalogue's codes: C12, L01


@dataclass(frozen=True, slots=True)
class Briefing:
    hazard: Hazard
    title_zh: str
    title_en: str
    points_zh: tuple[str, ...]
    points_en: tuple[str, ...]
    gear: tuple[Gear, ...]
    source: str

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_zh

    def points(self, language: str) -> tuple[str, ...]:
        return self.points_en if language == "en" else self.points_zh


@dataclass(frozen=True, slots=True)
class Briefings:
    version: int
    items: tuple[Briefing, ...]

    def for_tags(self, tags: tuple[Hazard, ...]) -> tuple[Briefing, ...]:
        """The briefings of a job's tags, in the tags' order (a tag with none: left out)."""
        by_tag = {b.hazard: b for b in self.items}
        return tuple(by_tag[t] for t in tags if t in by_tag)


@dataclass(frozen=True, slots=True)
class StopWork:
    id: str
    title_zh: str
    title_en: str
    text_zh: str
    text_en: str
    starts_at: datetime  # aware
    ends_at: datetime
    hazards: tuple[Hazard, ...]  # jobs with any of these tags stop
    trades: tuple[str, ...]  # and jobs of these trades (outdoor work)
    districts: tuple[str, ...]  # empty: every hall

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_zh

    def text(self, language: str) -> str:
        return self.text_en if language == "en" else self.text_zh

    def holds(self, district: str, moment: datetime) -> bool:
        """In force for a hall of `district` at `moment` (aware)."""
        here = not self.districts or district in self.districts
        return here and self.starts_at <= moment < self.ends_at

    def stops(self, trade: str, hazards: tuple[Hazard, ...]) -> bool:
        """Whether it stops a job of `trade` with these tags."""
        return trade in self.trades or any(h in self.hazards for h in hazards)


def briefings_from_data(data: Any) -> Briefings:
    """The briefings of a `safety_briefings` asset; raises ContentProblem."""
    obj = _file(data)
    items = _list(obj.get("briefings"), "briefings", len(Hazard))
    briefings = tuple(_briefing(item, n) for n, item in enumerate(items, 1))
    twice = first_repeated([b.hazard.value for b in briefings])
    if twice is not None:
        raise ContentProblem(N_("Hazard {hazard} has two briefings."), hazard=twice)
    version = obj.get("version")
    return Briefings(version if isinstance(version, int) else 0, briefings)


def stop_work_from_data(data: Any) -> tuple[StopWork, ...]:
    """The notices of a `stop_work` asset; raises ContentProblem."""
    items = _list(_file(data).get("notices"), "notices", MAX_NOTICES)
    return tuple(_stop_work(item, n) for n, item in enumerate(items, 1))


def shipped_briefings_data() -> dict[str, Any]:
    """The default briefings shipped in `assets/safety_briefings.json`."""
    return shipped_data("safety_briefings.json")


def _briefing(item: Any, n: int) -> Briefing:
    obj = _entry(item, n)
    hazard = _enum(obj.get("hazard"), Hazard, "hazard", n)
    gear = tuple(_enum(g, Gear, "gear", n) for g in _list(obj.get("gear", []), "gear",
                                                           len(Gear), n))
    source = obj.get("source", "")
    if not isinstance(source, str) or not source.strip() or len(source) > MAX_PARAGRAPH_CHARS:
        raise ContentProblem(N_("Entry {n}: source must say where the facts come from, in at "
                                "most {most} characters."), n=n, most=MAX_PARAGRAPH_CHARS)
    return Briefing(hazard, _text(obj, "title_zh", n, 40), _text(obj, "title_en", n, 80),
                    _paragraphs(obj, "points_zh", n), _paragraphs(obj, "points_en", n),
                    gear, source.strip())


def _stop_work(item: Any, n: int) -> StopWork:
    obj = _entry(item, n)
    notice_id = obj.get("id")
    if not isinstance(notice_id, str) or not NOTICE_ID.fullmatch(notice_id):
        raise ContentProblem(N_("Entry {n}: id must be lower-case letters, digits and "
                                "hyphens."), n=n)
    starts, ends = _moment(obj, "starts_at", n), _moment(obj, "ends_at", n)
    if ends <= starts:
        raise ContentProblem(N_("Entry {n}: ends_at must be after starts_at."), n=n)
    hazards = tuple(_enum(h, Hazard, "hazards", n)
                    for h in _list(obj.get("hazards", []), "hazards", len(Hazard), n))
    trades = _list(obj.get("trades", []), "trades", 60, n)
    for code in trades:
        if not isinstance(code, str) or not TRADE_CODE.fullmatch(code):
            raise ContentProblem(N_("Entry {n}: trade {trade} is not a trade code such as "
                                    "C12."), n=n,
                                 trade=json.dumps(code, ensure_ascii=False))
    if not hazards and not trades:
        raise ContentProblem(N_("Entry {n}: name the hazards or trades the notice stops."), n=n)
    districts = _list(obj.get("districts", []), "districts", 200, n)
    for code in districts:
        if not isinstance(code, str) or not DISTRICT_CODE.fullmatch(code):
            raise ContentProblem(N_("Entry {n}: district {district} is not a 6-digit code "
                                    "such as 370104."), n=n,
                                 district=json.dumps(code, ensure_ascii=False))
    return StopWork(notice_id, _text(obj, "title_zh", n, 20), _text(obj, "title_en", n, 60),
                    _text(obj, "text_zh", n, 120), _text(obj, "text_en", n, 200), starts, ends,
                    hazards, tuple(trades), tuple(districts))


def _enum(value: Any, enum: type[Hazard] | type[Gear], field: str, n: int) -> Any:
    try:
        return enum(value)
    except ValueError:
        raise ContentProblem(N_("Entry {n}: {field} has an unknown value {value}."), n=n,
                             field=field, value=json.dumps(value, ensure_ascii=False)) from None


def _moment(obj: dict[str, Any], field: str, n: int) -> datetime:
    value = obj.get(field)
    try:
        if not isinstance(value, str) or len(value) > 32:
            raise ValueError(value)
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(value)
        return moment
    except ValueError:
        raise ContentProblem(N_("Entry {n}: {field} must be a time with its offset such as "
                                "2026-07-10T12:00:00+08:00, not {value}."), n=n, field=field,
                             value=json.dumps(value, ensure_ascii=False)[:40]) from None
