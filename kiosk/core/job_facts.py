"""What a worker decides by, as one list of labelled facts: the terminal's job detail, the
referral slip and the board card (compactly) all say the same, translated.

A job in a licensed trade (叉车工, 电工 …) always names the licence first, even a job
posted before the licence was added by rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from kiosk.core import formatting
from kiosk.core.catalogue import Catalogue
from kiosk.core.drafts import with_required_licences
from kiosk.core.errors import N_
from kiosk.core.hazards import gear_list, hazard_list, insurance_text, insured
from kiosk.core.i18n import translate
from kiosk.core.records import Gear, Hazard, InsuranceKind, Intention, SkillLevel

LEVELS = {SkillLevel.APPRENTICE: N_("Apprentice"), SkillLevel.HELPER: N_("Helper"),
          SkillLevel.SKILLED: N_("Skilled worker"), SkillLevel.MASTER: N_("Master craftsman")}
KINDS = {Intention.DAILY: N_("Paid daily"), Intention.HOURLY: N_("By the hour"),
         Intention.SEASONAL: N_("Seasonal"), Intention.LONG_TERM: N_("Long term")}
LIST_SEPARATORS = {"en": ", "}  # 、 in Chinese
SEPARATOR = " · "


class JobLike(Protocol):
    """The fields facts are made of: a job record, or the board's row of it."""

    @property
    def trade(self) -> str: ...
    @property
    def certificates(self) -> tuple[str, ...]: ...
    @property
    def skill_level(self) -> SkillLevel | None: ...
    @property
    def employment_type(self) -> Intention: ...
    @property
    def start_date(self) -> date: ...
    @property
    def start_time(self) -> str | None: ...
    @property
    def end_date(self) -> date | None: ...
    @property
    def hours_per_day(self) -> float | None: ...
    @property
    def meals(self) -> bool: ...
    @property
    def lodging(self) -> bool: ...
    @property
    def tools_provided(self) -> bool: ...
    @property
    def insurance(self) -> bool: ...
    @property
    def insurance_kind(self) -> InsuranceKind | None: ...
    @property
    def hazards(self) -> tuple[Hazard, ...]: ...


class FullJob(JobLike, Protocol):
    """A job record's fields that only the detail and the slip show in full."""

    @property
    def skills_note(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def meeting_point(self) -> str: ...
    @property
    def meeting_time(self) -> str | None: ...
    @property
    def day_estimate_cents(self) -> int | None: ...
    @property
    def protective_gear(self) -> tuple[Gear, ...]: ...


def typed(text: str) -> str:
    """Staff's words as a worker reads them: stored NFKC (kiosk.core.fields), so the
    comma typed in 砌隔墙，约200平方米 is half-width; beside Chinese it is full-width again."""
    return formatting.cjk_punctuation(text)


@dataclass(frozen=True, slots=True)
class Fact:
    key: str  # stable: "licence", "level", "skills", "work", "kind", "time", "meet", …
    label: str  # translated
    value: str  # translated
    important: bool = False  # shown so it cannot be missed (a licence the law requires)


@dataclass(frozen=True, slots=True)
class FactWriter:
    catalogue: Catalogue
    language: str
    today: date
    relative: bool = True  # 今天/明天 on screens; a printed slip gives the date
    work_chars: int = 120  # the work described, shortened (the counter has it in full)

    def t(self, message: str) -> str:
        return translate(message, self.language)

    @property
    def _and(self) -> str:
        return LIST_SEPARATORS.get(self.language, "、")

    @property
    def _today(self) -> date:
        """What dates are said relative to: no day is "today" on paper."""
        return self.today if self.relative else date.min

    def facts(self, job: FullJob) -> tuple[Fact, ...]:
        """Every fact the job has, in the order a worker weighs them."""
        t = self.t
        rows = [
            Fact("licence", t(N_("Licence required")), self.licences(job), important=True),
            Fact("level", t(N_("Level")), self.level(job)),
            Fact("skills", t(N_("Skills")), typed(job.skills_note)),
            Fact("work", t(N_("Work")), shortened(typed(job.description), self.work_chars)),
            Fact("kind", t(N_("Kind of work")), t(KINDS[job.employment_type])),
            Fact("earnings", t(N_("A day's earnings")), "" if job.day_estimate_cents is None
                 else t(N_("about {amount}")).format(
                     amount=formatting.yuan(job.day_estimate_cents))),
            Fact("time", t(N_("Working time")), self.working_time(job)),
            Fact("hours", t(N_("Working hours")), self.hours(job)),
            Fact("meet", t(N_("Meet at")), self.meeting(job)),
            Fact("provided", t(N_("Employer provides")), self.provided(job) or t(N_("Nothing"))),
            Fact("insurance", t(N_("Insurance")), self.insurance(job)),
            Fact("hazards", t(N_("Hazardous work")), hazard_list(job.hazards, self.language),
                 important=True),
            Fact("gear", t(N_("Must wear")), gear_list(job.protective_gear, self.language)),
        ]
        return tuple(fact for fact in rows if fact.value)

    def compact(self, job: JobLike) -> str:
        """One short line for a board card (beside its licence badge): level, what is
        provided, hours, end (the last elided first)."""
        parts = [self.level(job), self._provided_short(job), self.hours(job),
                 self._until_short(job)]
        return SEPARATOR.join(p for p in parts if p)

    def _until_short(self, job: JobLike) -> str:
        if job.end_date is None or job.end_date == job.start_date:
            return ""
        return self.t(N_("until {date}")).format(
            date=formatting.month_day(job.end_date, self.language))

    def _provided_short(self, job: JobLike) -> str:
        """包吃住、工具、保险: meals and lodging in one word, as halls write it."""
        both = job.meals and job.lodging
        offered = ((both, N_("Meals and lodging")), (job.meals and not both, N_("Meals")),
                   (job.lodging and not both, N_("Lodging")), (job.tools_provided, N_("Tools")),
                   (insured(job.insurance_kind, job.insurance), N_("Insurance")))
        return self._and.join(self.t(text) for on, text in offered if on)

    def licences(self, job: JobLike) -> str:
        codes = with_required_licences(job.trade, job.certificates)
        return self._and.join(self._certificate(code) for code in codes)

    def _certificate(self, code: str) -> str:
        found = next((c for c in self.catalogue.certificates if c.code == code), None)
        return found.label(self.language) if found else code

    def level(self, job: JobLike) -> str:
        return "" if job.skill_level is None else self.t(LEVELS[job.skill_level])

    def hours(self, job: JobLike) -> str:
        if job.hours_per_day is None:
            return ""
        hours = f"{job.hours_per_day:g}"
        return self.t(N_("{hours} h a day")).format(hours=hours)

    def until(self, job: JobLike) -> str:
        """至11月27日 (共5天); "" for a job without an end date, or of one day."""
        if job.end_date is None or job.end_date == job.start_date:
            return ""
        days = (job.end_date - job.start_date).days + 1
        return self.t(N_("until {date} ({days} days)")).format(
            date=formatting.month_day(job.end_date, self.language), days=days)

    def working_time(self, job: JobLike) -> str:
        start = formatting.starts(job.start_date, job.start_time, self._today, self.language)
        return SEPARATOR.join(p for p in (start, self.until(job)) if p)

    def meeting(self, job: FullJob) -> str:
        if not job.meeting_point and not job.meeting_time:
            return ""
        day = formatting.relative_day(job.start_date, self._today, self.language)
        when = f"{day} {job.meeting_time}" if job.meeting_time else ""
        return " ".join(p for p in (when, typed(job.meeting_point)) if p)

    def provided(self, job: JobLike) -> str:
        """包吃、包住、提供工具、有保险: only what the employer provides (an insurance of a
        stated kind is its own fact)."""
        offered: Sequence[tuple[bool, str]] = (
            (job.meals, N_("Meals")), (job.lodging, N_("Lodging")),
            (job.tools_provided, N_("Tools")),
            (job.insurance and job.insurance_kind is None, N_("Insurance")))
        return self._and.join(self.t(text) for on, text in offered if on)

    def insurance(self, job: JobLike) -> str:
        """单日意外险 / 雇主责任险 / 工伤保险 / 用工方未投保, or "" when no kind is said."""
        if job.insurance_kind is None:
            return ""
        return insurance_text(job.insurance_kind, job.insurance, self.language)


def shortened(text: str, most: int) -> str:
    """`text`, or its first `most` - 1 characters and an ellipsis."""
    return text if len(text) <= most else text[:most - 1] + "…"
