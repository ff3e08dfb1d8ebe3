"""我要招工's answers and choices, free of Qt: what each tile means, and the drafts the
answers make (kiosk.core.drafts), checked by the same rules as the counter's form."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from kiosk.core.catalogue import Catalogue
from kiosk.core.drafts import EmployerDraft, JobDraft
from kiosk.core.errors import N_
from kiosk.core.records import EmployerKind, EmployerRole, Intention, PayUnit, Settlement
from kiosk.core.wages import MinimumWage, day_floor_cents

HEADCOUNTS = (1, 2, 3, 4, 5, 6, 8, 10, 15, 20)
START_DAYS = ((0, N_("Today")), (1, N_("Tomorrow")), (2, N_("The day after tomorrow")),
              (7, N_("In a week")))
START_TIMES = ("06:00", "07:00", "08:00", "09:00", "13:00")
LONG = "long"
DURATIONS = (("1", N_("1 day")), ("2", N_("2 days")), ("3", N_("3 days")),
             ("5", N_("5 days")), ("7", N_("7 days")), ("15", N_("15 days")),
             ("30", N_("30 days")), (LONG, N_("Long term")))
PAY_UNITS = ((PayUnit.DAY, N_("per day")), (PayUnit.HOUR, N_("per hour")),
             (PayUnit.PIECE, N_("per piece")))
AMOUNTS = {PayUnit.DAY: (180, 200, 220, 250, 280, 300, 350, 400, 450, 500),
           PayUnit.HOUR: (22, 25, 28, 30, 35, 40, 45, 50),
           PayUnit.PIECE: (0.5, 1, 2, 3, 5, 10, 20, 50)}
DAY_ESTIMATES = (180, 200, 250, 300, 350, 400)
SETTLEMENTS = ((Settlement.DAILY, N_("Paid daily")), (Settlement.WEEKLY, N_("Paid weekly")),
               (Settlement.MONTHLY, N_("Paid monthly")),
               (Settlement.ON_COMPLETION, N_("Paid on completion")))
KINDS = ((EmployerKind.COMPANY, N_("A company")), (EmployerKind.INDIVIDUAL, N_("A person")))
ROLES = ((EmployerRole.DIRECT, N_("For ourselves")),
         (EmployerRole.DISPATCH, N_("Labour dispatch (劳务派遣)")),
         (EmployerRole.AGENCY, N_("Employment agency (职业中介)")),
         (EmployerRole.GANG_MASTER, N_("Gathering a crew (揽头)")))
HALL, SITE = "hall", "site"
MEETINGS = ((HALL, N_("Meet at this hall")), (SITE, N_("Meet at the workplace")))
ANY_LEVEL = "any"
LEVELS = ((ANY_LEVEL, N_("Any level")), ("apprentice", N_("Apprentice")),
          ("helper", N_("Helper")), ("skilled", N_("Skilled worker")),
          ("master", N_("Master craftsman")))
PROVIDED = (("meals", N_("Meals")), ("lodging", N_("Lodging")),
            ("tools_provided", N_("Tools")), ("insurance", N_("Insurance")))


@dataclass(slots=True)
class Answers:
    """What the employer has chosen so far (checked when they submit)."""

    phone: str = ""
    employer_id: str | None = None  # a returning employer, confirmed on the screen
    kind: str = EmployerKind.INDIVIDUAL.value
    role: str = EmployerRole.DIRECT.value
    uscc: str = ""
    name: str = ""
    trade: str = ""
    headcount: int = 0
    start_in_days: int = 0
    start_date: date | None = None  # a scanned draft's own day (else start_in_days)
    start_time: str = ""
    duration: str = "1"
    pay_unit: str = PayUnit.DAY.value
    pay_amount: str = ""
    day_estimate: str = ""
    settlement: str = Settlement.DAILY.value
    area: str = ""
    place: str = ""  # a scanned draft's address (else the area)
    meeting: str = HALL
    meeting_point: str = ""  # a scanned draft's own meeting point
    skill_level: str = ANY_LEVEL
    certificates: list[str] = field(default_factory=list)
    provided: list[str] = field(default_factory=list)
    note: str = ""  # other requirements, in the employer's words (checked as they tap)
    title: str = ""  # a scanned draft's title (else made from the trade and headcount)
    description: str = ""

    def employer_draft(self) -> EmployerDraft | None:
        """The new employer, or None for a returning one."""
        if self.employer_id is not None:
            return None
        return EmployerDraft(kind=self.kind, name=self.name, phone=self.phone,
                             uscc=self.uscc if self.kind == EmployerKind.COMPANY.value else "",
                             role=self.role)

    def job_draft(self, today: date, catalogue: Catalogue, hall_name: str) -> JobDraft:
        trade = catalogue.trade(self.trade)
        title = self.title or (f"招{trade.zh}{self.headcount}名" if trade else "")
        meeting = self.meeting_point or (hall_name if self.meeting == HALL else "")
        return JobDraft(
            employer_id=self.employer_id or "", trade=self.trade, title=title,
            place=self.place or self.area, area=self.area,
            start_date=self.start_date or today + timedelta(days=self.start_in_days),
            start_time=self.start_time, pay_amount=self.pay_amount, pay_unit=self.pay_unit,
            settlement=self.settlement, headcount=self.headcount or "",
            description=self.description, certificates=tuple(self.certificates),
            employment_type=self.employment_type(),
            days="" if self.duration == LONG else self.duration, urgent=self.start_in_days == 0,
            skill_level="" if self.skill_level == ANY_LEVEL else self.skill_level,
            skills_note=self.note, meeting_point=meeting,
            meeting_time=self.start_time if meeting else "",
            day_estimate=self.day_estimate if self.pay_unit == PayUnit.PIECE.value else "",
            meals="meals" in self.provided, lodging="lodging" in self.provided,
            tools_provided="tools_provided" in self.provided,
            insurance="insurance" in self.provided)

    def employment_type(self) -> str:
        """用工方式 from the pay and how long: by the hour, long term, seasonal (15 days or
        more), else paid daily."""
        if self.pay_unit == PayUnit.HOUR.value:
            return Intention.HOURLY.value
        if self.duration == LONG:
            return Intention.LONG_TERM.value
        if self.duration.isdigit() and int(self.duration) >= 15:
            return Intention.SEASONAL.value
        return Intention.DAILY.value


def amounts_allowed(unit: PayUnit, rule: MinimumWage) -> tuple[float, ...]:
    """The pay tiles for `unit` that meet the minimum wage (a day: 8 hours at the hourly
    figure); piece rates are checked by the day's earnings instead."""
    if unit is PayUnit.HOUR:
        return tuple(a for a in AMOUNTS[unit] if a * 100 >= rule.hourly_cents)
    if unit is PayUnit.DAY:
        return tuple(a for a in AMOUNTS[unit] if a * 100 >= day_floor_cents(rule, None))
    return AMOUNTS[unit]


def estimates_allowed(rule: MinimumWage) -> tuple[int, ...]:
    return tuple(a for a in DAY_ESTIMATES if a * 100 >= day_floor_cents(rule, None))


def amount_text(amount: float) -> str:
    return f"{amount:g}"


def from_draft(answers: Answers, job: JobDraft, today: date) -> Answers:
    """A scanned phone draft's job as answers (the employer checks them on the review)."""
    days = job.days or ("" if job.end_date is None or job.start_date is None
                        else str((job.end_date - job.start_date).days + 1))
    return replace(
        answers, trade=job.trade, headcount=int(job.headcount) if str(job.headcount).isdigit()
        else 0, start_date=job.start_date,
        start_in_days=(job.start_date - today).days if job.start_date else 0,
        start_time=job.start_time, duration=days or LONG, pay_unit=job.pay_unit,
        pay_amount=job.pay_amount, day_estimate=job.day_estimate, settlement=job.settlement,
        area=job.area, place=job.place, meeting_point=job.meeting_point,
        skill_level=job.skill_level or ANY_LEVEL, certificates=list(job.certificates),
        provided=[name for name, _ in PROVIDED if getattr(job, name)], note=job.skills_note,
        title=job.title, description=job.description)
