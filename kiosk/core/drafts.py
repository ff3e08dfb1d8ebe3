"""What people enter (drafts of raw strings) and its validation into clean values (S2).

Every validator collects all the errors of a draft, so a form can mark every bad field at
once; nothing is stored unless the whole draft is valid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, TypeVar

from kiosk.core import fields as f
from kiosk.core.catalogue import Catalogue
from kiosk.core.employers import validate_licence
from kiosk.core.errors import N_, Err, FieldError, Ok, Result
from kiosk.core.hazards import insured, ordered
from kiosk.core.privacy import mask_name
from kiosk.core.records import (
    CaseAction,
    ComplaintKind,
    EmployerKind,
    EmployerRole,
    Gear,
    Hazard,
    InsuranceKind,
    Intention,
    PayUnit,
    Settlement,
    SkillLevel,
)
from kiosk.core.wages import PIECE_UNITS, MinimumWage, check_pay

MAX_TRADES_PER_WORKER = 3
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Context:
    """What validation needs to know about the hall and the day."""

    today: date
    catalogue: Catalogue
    areas: frozenset[str] = frozenset()  # empty: any area accepted
    minimum_wage: MinimumWage = field(default_factory=MinimumWage)


@dataclass(frozen=True, slots=True)
class WorkerDraft:
    name: str
    id_number: str
    phone: str
    trades: Sequence[str]
    certificates: Sequence[str] = ()
    intentions: Sequence[str] = (Intention.DAILY.value,)
    areas: Sequence[str] = ()
    available_from: date | None = None
    skills_note: str = ""
    low_income: bool = False
    disabled: bool = False
    consent_given: bool = False


@dataclass(frozen=True, slots=True)
class ValidWorker:
    name: str
    id_number: f.IdNumber
    phone: str
    trades: tuple[str, ...]
    certificates: tuple[str, ...]
    intentions: tuple[Intention, ...]
    areas: tuple[str, ...]
    available_from: date
    skills_note: str
    low_income: bool
    disabled: bool


@dataclass(frozen=True, slots=True)
class EmployerDraft:
    kind: str
    name: str
    phone: str
    contact_name: str = ""
    display_name: str = ""
    uscc: str = ""
    role: str = EmployerRole.DIRECT.value
    licence_no: str = ""  # 劳务派遣 / 职业中介: the licence's number
    id_number: str = ""  # 揽头: the gang-master's own ID number


@dataclass(frozen=True, slots=True)
class ValidEmployer:
    kind: EmployerKind
    role: EmployerRole
    name: str
    display_name: str
    contact_name: str
    phone: str
    uscc: str | None
    licence_no: str = ""
    id_number: f.IdNumber | None = None  # a 揽头's


@dataclass(frozen=True, slots=True)
class JobDraft:
    employer_id: str
    trade: str
    title: str
    place: str
    start_date: date | None
    pay_amount: str
    pay_unit: str
    settlement: str
    headcount: str | int
    description: str = ""
    certificates: Sequence[str] = ()
    employment_type: str = Intention.DAILY.value
    area: str = ""
    start_time: str = ""
    hours_per_day: str = ""
    urgent: bool = False
    skill_level: str = ""  # "" any level, else a SkillLevel value
    skills_note: str = ""
    end_date: date | None = None  # the last working day, or
    days: str = ""  # the number of working days (the end date follows)
    meeting_point: str = ""
    meeting_time: str = ""
    meals: bool = False
    lodging: bool = False
    tools_provided: bool = False
    insurance: bool = False
    day_estimate: str = ""  # yuan a worker earns in a day, for pay by the piece, m² or job
    hazards: Sequence[str] = ()  # Hazard values (高处, 动火 …)
    protective_gear: Sequence[str] = ()  # Gear values the worker must wear
    insurance_kind: str = ""  # "" not said, else an InsuranceKind value (sets `insurance`)


@dataclass(frozen=True, slots=True)
class JobFacts:
    """What a worker decides by, beyond trade, pay and place (the job record's later
    fields, under the same names)."""

    skill_level: SkillLevel | None = None
    skills_note: str = ""
    end_date: date | None = None
    meeting_point: str = ""
    meeting_time: str | None = None
    meals: bool = False
    lodging: bool = False
    tools_provided: bool = False
    insurance: bool = False
    day_estimate_cents: int | None = None
    hazards: tuple[Hazard, ...] = ()
    protective_gear: tuple[Gear, ...] = ()
    insurance_kind: InsuranceKind | None = None


@dataclass(frozen=True, slots=True)
class ValidJob:
    employer_id: str
    trade: str
    title: str
    description: str
    certificates: tuple[str, ...]
    employment_type: Intention
    area: str
    place: str
    start_date: date
    start_time: str | None
    hours_per_day: float | None
    pay_cents: int
    pay_unit: PayUnit
    settlement: Settlement
    headcount: int
    urgent: bool
    facts: JobFacts = field(default_factory=JobFacts)


@dataclass(frozen=True, slots=True)
class ComplaintDraft:
    complainant_name: str
    phone: str
    employer_name: str
    amount: str
    period_from: date | None
    period_to: date | None
    description: str
    worker_id: str | None = None
    employer_id: str | None = None
    kind: str = ComplaintKind.WAGES.value


@dataclass(frozen=True, slots=True)
class ValidComplaint:
    kind: ComplaintKind
    complainant_name: str
    phone: str
    employer_name: str
    amount_cents: int | None
    period_from: date
    period_to: date
    description: str
    worker_id: str | None
    employer_id: str | None


@dataclass(frozen=True, slots=True)
class CaseStepDraft:
    """A casework step as staff enter it: who took part, when, what came of it, and the
    sum recovered (yuan, optional)."""

    action: str
    happened_on: date | None
    party: str = ""
    outcome: str = ""
    recovered: str = ""


@dataclass(frozen=True, slots=True)
class ValidCaseStep:
    action: CaseAction
    happened_on: date
    party: str
    outcome: str
    recovered_cents: int | None


@dataclass(frozen=True, slots=True)
class NoticeDraft:
    text_zh: str
    text_en: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    priority: int = 0


@dataclass(frozen=True, slots=True)
class ValidNotice:
    text_zh: str
    text_en: str
    starts_on: date
    ends_on: date | None
    priority: int


@dataclass(slots=True)
class _Collector:
    """Gathers field errors while a draft is checked field by field."""

    errors: list[FieldError] = field(default_factory=list)

    def take(self, result: Result[T]) -> T | None:
        if isinstance(result, Err):
            self.errors.extend(result.errors)
            return None
        return result.value

    def add(self, field_name: str, code: str, message: str, **params: str | int) -> None:
        self.errors.append(FieldError(field_name, code, message, params))

    def finish(self, build: Callable[[], T]) -> Result[T]:
        """Err with every error collected, or Ok(build()) when there was none."""
        return Err(tuple(self.errors)) if self.errors else Ok(build())


def validate_worker(draft: WorkerDraft, ctx: Context) -> Result[ValidWorker]:
    """A worker's registration: consent first, then every S2 field."""
    if not draft.consent_given:
        return Err((FieldError("consent", "consent_required", N_(
            "We can only take your ID number with your consent."), {}),))
    c = _Collector()
    name = c.take(f.validate_person_name(draft.name))
    id_number = c.take(f.validate_id_number(draft.id_number, ctx.today))
    if id_number is not None and f.age_on(id_number.birth_date, ctx.today) < f.MIN_WORKING_AGE:
        c.add("id_number", "under_minimum_age", N_(
            "Nobody under 16 can be registered for work: the Labour Law (art. 15) forbids "
            "employing them. The holder of this ID number is {age}."),
            age=f.age_on(id_number.birth_date, ctx.today))
    phone = c.take(f.validate_mobile(draft.phone))
    trades = _check_trades(c, draft.trades, ctx)
    certificates = _check_codes(c, draft.certificates, ctx.catalogue.certificate_codes,
                                "certificates")
    intentions = _check_intentions(c, draft.intentions, "intentions")
    areas = _check_areas(c, draft.areas, ctx)
    skills = c.take(f.validate_text(draft.skills_note, "skills_note", required=False,
                                    max_len=200))
    available = draft.available_from or ctx.today
    if available < ctx.today:
        c.add("available_from", "date_past", N_("The date cannot be in the past."))
    return c.finish(lambda: ValidWorker(
        name=_some(name), id_number=_some(id_number), phone=_some(phone), trades=trades,
        certificates=certificates, intentions=intentions, areas=areas,
        available_from=available, skills_note=_some(skills), low_income=draft.low_income,
        disabled=draft.disabled))


def validate_employer(draft: EmployerDraft,
                      today: date | None = None) -> Result[ValidEmployer]:
    """A company (with its 统一社会信用代码) or an individual employer; a labour-dispatch
    firm or agency with its licence number; a 揽头 (a person) with an ID number, checked
    as a worker's is (on `today`, by default the date of the system clock)."""
    c = _Collector()
    try:
        kind: EmployerKind | None = EmployerKind(draft.kind)
    except ValueError:
        kind = None
        c.add("kind", "choice", N_("Please choose one of the options."))
    role = c.take(f.validate_choice(draft.role, EmployerRole, "role"))
    name = c.take(f.validate_text(draft.name, "name", required=True, max_len=60))
    contact = c.take(f.validate_text(draft.contact_name, "contact_name", required=False,
                                     max_len=30))
    phone = c.take(f.validate_phone(draft.phone))
    display = c.take(f.validate_text(draft.display_name, "display_name", required=False,
                                     max_len=30))
    uscc: str | None = None
    if kind is EmployerKind.COMPANY:
        uscc = c.take(f.validate_uscc(draft.uscc))
    licence = "" if role is None else c.take(validate_licence(draft.licence_no, role))
    gang_master = _gang_master(c, draft, kind, role, today or date.today())
    shown = display or name or ""
    return c.finish(lambda: ValidEmployer(
        kind=_some(kind), role=_some(role), name=_some(name),
        display_name=mask_name(shown) if gang_master is not None else shown,
        contact_name=_some(contact), phone=_some(phone), uscc=uscc,
        licence_no=licence or "", id_number=gang_master))


def _gang_master(c: _Collector, draft: EmployerDraft, kind: EmployerKind | None,
                 role: EmployerRole | None, today: date) -> f.IdNumber | None:
    """A 揽头 is a person: registered as an individual, with a valid ID number of someone
    of working age (boards show the name masked)."""
    if role is not EmployerRole.GANG_MASTER:
        return None
    if kind is EmployerKind.COMPANY:
        c.add("kind", "gang_master_person", N_(
            "A gang-master is a person: register them as an individual."))
    number = c.take(f.validate_id_number(draft.id_number, today))
    if number is not None and f.age_on(number.birth_date, today) < f.MIN_WORKING_AGE:
        c.add("id_number", "under_minimum_age", N_(
            "Nobody under 16 can be registered for work: the Labour Law (art. 15) forbids "
            "employing them. The holder of this ID number is {age}."),
            age=f.age_on(number.birth_date, today))
        return None
    return number


def validate_job(draft: JobDraft, ctx: Context) -> Result[ValidJob]:
    """A job post with every S2 field (the discrimination check is the counter's)."""
    c = _Collector()
    if ctx.catalogue.trade(draft.trade) is None:
        c.add("trade", "trade_unknown", N_("Please choose a trade."))
    title = c.take(f.validate_text(draft.title, "title", required=True, max_len=40))
    description = c.take(f.validate_text(draft.description, "description", required=False,
                                         max_len=1000))
    place = c.take(f.validate_text(draft.place, "place", required=True, max_len=100))
    certificates = _check_codes(c, draft.certificates, ctx.catalogue.certificate_codes,
                                "certificates")
    certificates = with_required_licences(draft.trade, certificates)
    employment = _check_intentions(c, [draft.employment_type], "employment_type")
    area = _check_areas(c, [draft.area] if draft.area else [], ctx, "area")
    start_date = c.take(f.validate_start_date(draft.start_date, ctx.today))
    start_time = c.take(f.validate_start_time(draft.start_time))
    hours = _check_hours(c, draft.hours_per_day)
    pay = c.take(f.validate_amount(draft.pay_amount))
    unit = c.take(f.validate_choice(draft.pay_unit, PayUnit, "pay_unit"))
    settlement = c.take(f.validate_choice(draft.settlement, Settlement, "settlement"))
    headcount = c.take(f.validate_headcount(draft.headcount))
    facts = _job_facts(c, draft, start_date)
    estimate = _check_wage(c, draft, ctx, pay=pay, unit=unit, hours=hours)
    facts = replace(facts, day_estimate_cents=estimate)
    return c.finish(lambda: ValidJob(
        employer_id=draft.employer_id, trade=draft.trade, title=_some(title),
        description=_some(description), certificates=certificates,
        employment_type=employment[0], area=area[0] if area else "", place=_some(place),
        start_date=_some(start_date), start_time=start_time, hours_per_day=hours,
        pay_cents=_some(pay), pay_unit=_some(unit), settlement=_some(settlement),
        headcount=_some(headcount), urgent=draft.urgent, facts=facts))


def _check_wage(c: _Collector, draft: JobDraft, ctx: Context, *, pay: int | None,
                unit: PayUnit | None, hours: float | None) -> int | None:
    """The day's earnings estimate (pay by the piece, m² or job), and the minimum wage for
    the pay unit (kiosk.core.wages); nothing is checked while the pay itself is wrong."""
    estimate = None
    if draft.day_estimate.strip() and unit in PIECE_UNITS:
        estimate = c.take(f.validate_amount(draft.day_estimate, "day_estimate"))
        if estimate is None:
            return None
    if pay is None or unit is None:
        return estimate
    checked = check_pay(ctx.minimum_wage, pay, unit, hours_per_day=hours,
                        day_estimate_cents=estimate)
    if isinstance(checked, Err):
        c.errors.extend(checked.errors)
    return estimate


def _job_facts(c: _Collector, draft: JobDraft, start: date | None) -> JobFacts:
    """Skill level and note, the end (a date or a number of days), the meeting point and
    time, and what the employer provides."""
    level: SkillLevel | None = None
    if draft.skill_level:
        level = c.take(f.validate_choice(draft.skill_level, SkillLevel, "skill_level"))
    note = c.take(f.validate_text(draft.skills_note, "skills_note", required=False,
                                  max_len=200))
    meeting = c.take(f.validate_text(draft.meeting_point, "meeting_point", required=False,
                                     max_len=100))
    meeting_time = c.take(f.validate_start_time(draft.meeting_time, "meeting_time"))
    kind = _insurance_kind(c, draft.insurance_kind)
    return JobFacts(skill_level=level, skills_note=note or "", meeting_point=meeting or "",
                    meeting_time=meeting_time, end_date=_end_date(c, draft, start),
                    meals=draft.meals, lodging=draft.lodging,
                    tools_provided=draft.tools_provided,
                    insurance=insured(kind, draft.insurance), insurance_kind=kind,
                    hazards=ordered(_choices(c, draft.hazards, Hazard, "hazards")),
                    protective_gear=tuple(g for g in Gear if g in set(
                        _choices(c, draft.protective_gear, Gear, "protective_gear"))))


def _insurance_kind(c: _Collector, raw: str) -> InsuranceKind | None:
    """The employer's insurance: "" (not said) or one of the kinds."""
    if not raw:
        return None
    return c.take(f.validate_choice(raw, InsuranceKind, "insurance_kind"))


def _choices(c: _Collector, raw: Sequence[str], enum: type[Hazard] | type[Gear],
             field_name: str) -> list[Any]:
    """The values of `enum` named in `raw`; an unknown one is an error of `field_name`."""
    known = {member.value: member for member in enum}
    if any(value not in known for value in raw):
        c.add(field_name, "unknown_option", N_("Please choose one of the options."))
    return [known[value] for value in raw if value in known]


MAX_WORKING_DAYS = 731


def _end_date(c: _Collector, draft: JobDraft, start: date | None) -> date | None:
    """The last working day: given, or the start plus the number of days less one."""
    end = draft.end_date
    text = f.normalise(draft.days)
    if text:
        if not text.isdigit() or not 1 <= int(text) <= MAX_WORKING_DAYS:
            c.add("days", "days_range", N_("The number of days must be between 1 and {max}."),
                  max=MAX_WORKING_DAYS)
            return None
        if start is None:
            return None
        by_days = start + timedelta(days=int(text) - 1)
        if end is not None and end != by_days:
            c.add("days", "days_mismatch",
                  N_("The end date and the number of days do not agree."))
            return None
        end = by_days
    if end is not None and start is not None and end < start:
        c.add("end_date", "period_order", N_("The end date is before the start date."))
        return None
    return end


# Work the law allows only with a licence (特种作业操作证, 特种设备作业人员证): a post for
# the trade always asks for it, whatever staff ticked.
REQUIRED_LICENCES: dict[str, tuple[str, ...]] = {
    "L04": ("forklift",), "C03": ("electrician",), "C05": ("welder",),
    "C08": ("work_at_height",),
}


def with_required_licences(trade: str, certificates: tuple[str, ...]) -> tuple[str, ...]:
    """The certificates with the trade's required licences first."""
    return tuple(dict.fromkeys((*REQUIRED_LICENCES.get(trade, ()), *certificates)))


def validate_complaint(draft: ComplaintDraft, ctx: Context) -> Result[ValidComplaint]:
    """A complaint or dispute (S8): wage arrears and overtime claim a sum; an injury, a
    deposit or ID withheld, or another dispute may name one."""
    c = _Collector()
    kind = c.take(f.validate_choice(draft.kind, ComplaintKind, "kind"))
    name = c.take(f.validate_person_name(draft.complainant_name, "complainant_name"))
    phone = c.take(f.validate_phone(draft.phone))
    employer = c.take(f.validate_text(draft.employer_name, "employer_name", required=True,
                                      max_len=60))
    amount: int | None = None
    if draft.amount.strip() or kind in (ComplaintKind.WAGES, ComplaintKind.OVERTIME):
        amount = c.take(f.validate_amount(draft.amount, "amount"))
    description = c.take(f.validate_text(draft.description, "description", required=True,
                                         max_len=2000))
    start, end = draft.period_from, draft.period_to
    if start is None or end is None:
        c.add("period", "required", N_("Please give when it happened."))
    elif start > end:
        c.add("period", "period_order", N_("The period ends before it starts."))
    elif end > ctx.today:
        c.add("period", "period_future", N_("The dates cannot be in the future."))
    return c.finish(lambda: ValidComplaint(
        kind=_some(kind), complainant_name=_some(name), phone=_some(phone),
        employer_name=_some(employer), amount_cents=amount, period_from=_some(start),
        period_to=_some(end),        description=_some(description), worker_id=draft.worker_id,
        employer_id=draft.employer_id))


def validate_case_step(draft: CaseStepDraft, ctx: Context) -> Result[ValidCaseStep]:
    """A casework step: a mediation names who took part; every step but taking a case up
    says what came of it; a sum recovered is optional."""
    c = _Collector()
    action = c.take(f.validate_choice(draft.action, CaseAction, "action"))
    party = c.take(f.validate_text(draft.party, "party", required=action in (
        CaseAction.MEDIATION, CaseAction.REFER), max_len=100))
    outcome = c.take(f.validate_text(draft.outcome, "outcome", required=action not in (
        None, CaseAction.TAKE_UP), max_len=500))
    recovered = None
    if draft.recovered.strip():
        recovered = c.take(f.validate_amount(draft.recovered, "recovered"))
    day = draft.happened_on
    if day is None:
        c.add("happened_on", "required", N_("Please give the date."))
    elif day > ctx.today:
        c.add("happened_on", "date_future", N_("The dates cannot be in the future."))
    return c.finish(lambda: ValidCaseStep(
        action=_some(action), happened_on=_some(day), party=_some(party),
        outcome=_some(outcome), recovered_cents=recovered))


def validate_notice(draft: NoticeDraft, ctx: Context) -> Result[ValidNotice]:
    """A notice for the board ticker: Chinese text required, English optional."""
    c = _Collector()
    text_zh = c.take(f.validate_text(draft.text_zh, "text_zh", required=True, max_len=200))
    text_en = c.take(f.validate_text(draft.text_en, "text_en", required=False, max_len=300))
    starts = draft.starts_on or ctx.today
    if draft.ends_on is not None and draft.ends_on < starts:
        c.add("ends_on", "period_order", N_("The end date is before the start date."))
    return c.finish(lambda: ValidNotice(
        text_zh=_some(text_zh), text_en=_some(text_en), starts_on=starts,
        ends_on=draft.ends_on, priority=draft.priority))


def _check_trades(c: _Collector, trades: Sequence[str], ctx: Context) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(trades))
    if not chosen:
        c.add("trades", "trade_required", N_("Please choose at least one trade."))
    elif len(chosen) > MAX_TRADES_PER_WORKER:
        c.add("trades", "trade_too_many", N_("Choose at most {max} trades."),
              max=MAX_TRADES_PER_WORKER)
    return _check_codes(c, chosen, ctx.catalogue.trade_codes, "trades")


def _check_codes(c: _Collector, codes: Sequence[str], known: frozenset[str],
                 field_name: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(codes))
    if any(code not in known for code in chosen):
        c.add(field_name, "unknown_option", N_("Please choose one of the options."))
    return chosen


def _check_intentions(c: _Collector, values: Sequence[str],
                      field_name: str) -> tuple[Intention, ...]:
    try:
        chosen = tuple(dict.fromkeys(Intention(v) for v in values))
    except ValueError:
        c.add(field_name, "choice", N_("Please choose one of the options."))
        return (Intention.DAILY,)
    if not chosen:
        c.add(field_name, "choice", N_("Please choose one of the options."))
        return (Intention.DAILY,)
    return chosen


def _check_areas(c: _Collector, areas: Sequence[str], ctx: Context,
                 field_name: str = "areas") -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(a for a in areas if a))
    if ctx.areas and any(a not in ctx.areas for a in chosen):
        c.add(field_name, "area_unknown", N_("Please choose one of the listed areas."))
    return chosen


def _check_hours(c: _Collector, raw: str) -> float | None:
    text = f.normalise(raw)
    if not text:
        return None
    try:
        hours = float(text)
    except ValueError:
        hours = -1.0
    if not 0 < hours <= 24:
        c.add("hours_per_day", "hours_range", N_("Hours per day must be between 0 and 24."))
        return None
    return hours


def _some(value: T | None) -> T:
    """Unwrap a value the collector has already proven present."""
    assert value is not None
    return value
