"""Work the law keeps from women and from minors, as lists the city publishes with its
posting rules (`assets/post_rules.json`, `protected_work`; signed and versioned like the
minimum wage).

- Women: 《女职工劳动保护特别规定》(国务院令第619号, 2012) annex item 1 — underground mining,
  class-IV physical work, heavy lifting. A men-only limit on such a job is lawful
  (kiosk.core.post_check says why); on any other job it stays discrimination.
- Minors (未成年工, 16–17): 《未成年工特殊保护规定》(劳部发〔1994〕498号) art. 3 and
  《劳动法》 art. 64. A minor is never matched with or referred to such a job
  (`minor_may_take`, the one rule matching, referrals and the hub all call), and an
  "18 and over" limit on it is lawful.

Each item names the trades of the catalogue that are such work and phrases in a post that
show it (矿山井下, 负重30公斤). What makes a job such work is read in one place,
`ProtectedList.item_for_job`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from kiosk.core.errors import N_, Ok, Result, fail

ADULT_AGE = 18  # 未成年工: 16 and 17 (劳动法 第五十八条)


@dataclass(frozen=True, slots=True)
class ProtectedItem:
    """One item of a legal list: its number in the law, its words, what marks it."""

    number: str  # as the law numbers it: "1", "3.11"
    zh: str
    en: str
    trades: frozenset[str]
    markers: tuple[re.Pattern[str], ...]
    hazards: frozenset[str] = frozenset()  # a job's hazard tags that are this work (高处)

    def label(self, language: str) -> str:
        return self.en if language == "en" else self.zh


@dataclass(frozen=True, slots=True)
class ProtectedList:
    """A law's list of forbidden work, with the law's name and the lawful alternative."""

    law_zh: str
    law_en: str
    items: tuple[ProtectedItem, ...] = ()
    alternative_zh: str = ""  # what to write instead of a limit on other work
    alternative_en: str = ""
    limits: tuple[re.Pattern[str], ...] = ()  # wording of the limit this list allows

    def law(self, language: str) -> str:
        return self.law_en if language == "en" else self.law_zh

    def alternative(self, language: str) -> str:
        return self.alternative_en if language == "en" else self.alternative_zh

    def item_for(self, trade: str, texts: Sequence[str] = ()) -> ProtectedItem | None:
        """The first item the trade is, else the first a text shows."""
        found = next((i for i in self.items if trade in i.trades), None)
        if found is not None:
            return found
        plain = [unicodedata.normalize("NFKC", text).lower() for text in texts]
        return next((i for i in self.items for text in plain
                     for m in i.markers if m.search(text)), None)

    def item_for_job(self, job: JobLike) -> ProtectedItem | None:
        """What makes this job such work: its trade, its hazard tags (kiosk.core.hazards:
        a 高处 tag is the work at height of item 3.3), or its title and description. The
        one place a job's kind of work is read."""
        tags = {str(tag) for tag in getattr(job, "hazards", ())}
        by_trade = next((i for i in self.items if job.trade in i.trades), None)
        by_tag = next((i for i in self.items if i.hazards & tags), None)
        return by_trade or by_tag or self.item_for("", (job.title, job.description))


@dataclass(frozen=True, slots=True)
class ProtectedWork:
    women: ProtectedList
    minors: ProtectedList


NO_PROTECTED_WORK = ProtectedWork(ProtectedList("", ""), ProtectedList("", ""))


class JobLike(Protocol):
    @property
    def trade(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...


class PersonLike(Protocol):
    @property
    def birth_date(self) -> date: ...


def is_minor(birth_date: date, today: date) -> bool:
    years = today.year - birth_date.year - (
        (today.month, today.day) < (birth_date.month, birth_date.day))
    return years < ADULT_AGE


def adult_born_by(today: date) -> str:
    """The ISO date on or before which a person was born to be 18 on `today` (a string,
    so 29 February compares right): what `is_minor` says, for SQL."""
    return f"{today.year - ADULT_AGE:04d}-{today.month:02d}-{today.day:02d}"


def minor_barred_item(person: PersonLike, job: JobLike, today: date,
                      work: ProtectedWork) -> ProtectedItem | None:
    """The item of the minors' list that bars this person from this job today, or None."""
    if not is_minor(person.birth_date, today):
        return None
    return work.minors.item_for_job(job)


def minor_may_take(person: PersonLike, job: JobLike, today: date,
                   work: ProtectedWork) -> Result[None]:
    """Ok unless the person is 16–17 and the job is work the law keeps from minors; the
    error names the work and the law, in plain words."""
    item = minor_barred_item(person, job, today, work)
    if item is None:
        return Ok(None)
    return fail("worker_id", "minor_barred", N_(
        "Workers under 18 may not do this work: {work}. The law forbids it ({law}). "
        "Please ask the counter about other work."),
        work=item.zh, work_en=item.en, law=work.minors.law_zh, law_en=work.minors.law_en)


# -- loading ----------------------------------------------------------------------------

def protected_work_from_data(data: Mapping[str, Any] | None,
                             compile_pattern: Any) -> ProtectedWork:
    """The `protected_work` section of the posting rules (absent: empty lists).
    `compile_pattern` compiles a pattern with the rules' macros. Raises KeyError,
    TypeError or re.error on a malformed section."""
    if not data:
        return NO_PROTECTED_WORK
    return ProtectedWork(women=_list(data["women"], compile_pattern),
                         minors=_list(data["minors"], compile_pattern))


def _list(data: Mapping[str, Any], compile_pattern: Any) -> ProtectedList:
    alternative = data.get("alternative", {})
    return ProtectedList(
        law_zh=str(data["law"]["zh"]), law_en=str(data["law"]["en"]),
        items=tuple(_item(i, compile_pattern) for i in data["items"]),
        alternative_zh=str(alternative.get("zh", "")),
        alternative_en=str(alternative.get("en", "")),
        limits=tuple(compile_pattern(p) for p in data.get("limits", ())))


def _item(data: Mapping[str, Any], compile_pattern: Any) -> ProtectedItem:
    trades, hazards = data.get("trades", []), data.get("hazards", [])
    for name, codes in (("trades", trades), ("hazards", hazards)):
        if not isinstance(codes, list) or not all(isinstance(t, str) for t in codes):
            raise TypeError(f"protected work item {data.get('number')}: {name} are codes")
    return ProtectedItem(number=str(data["number"]), zh=str(data["zh"]), en=str(data["en"]),
                         trades=frozenset(trades),
                         markers=tuple(compile_pattern(p) for p in data.get("markers", ())),
                         hazards=frozenset(hazards))
