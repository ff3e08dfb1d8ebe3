"""The minimum wage a job's pay must meet (最低工资规定; 劳动合同法 art. 72 for part-time
hourly work), per pay unit, from the figures the hall's province sets.

The figures are configuration ([policy] in config.toml) with their source and the date they
took effect, so a hall updates them when the province does; the defaults are Shandong's
class-1 figures (Jinan's districts) in force since 2023-10-01: 2,200 yuan a month and 22
yuan an hour for part-time work. A day's pay is checked as hours × the hourly figure (8
hours when the post gives none); piece rates (per item, per m², per job) by the day's
earnings the employer estimates.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.formatting import yuan
from kiosk.core.records import PayUnit

FULL_DAY_HOURS = 8.0
PIECE_UNITS = frozenset({PayUnit.PIECE, PayUnit.SQUARE_METRE, PayUnit.JOB})


@dataclass(frozen=True, slots=True)
class MinimumWage:
    hourly_cents: int = 2_200  # 非全日制用工小时最低工资标准
    monthly_cents: int = 220_000  # 月最低工资标准
    source: str = "山东省最低工资标准（一类地区），2023年10月1日起执行"


def day_floor_cents(rule: MinimumWage, hours_per_day: float | None) -> int:
    return round(rule.hourly_cents * (hours_per_day or FULL_DAY_HOURS))


def check_pay(rule: MinimumWage, pay_cents: int, unit: PayUnit, *,
              hours_per_day: float | None, day_estimate_cents: int | None) -> Result[None]:
    """Ok when the pay meets the minimum for its unit; else an error naming the figure,
    what the pay comes to, and the rule's source."""
    if unit is PayUnit.HOUR:
        return _at_least(pay_cents, rule.hourly_cents, "pay_amount", rule, N_(
            "The pay is below the minimum wage: at least {floor} an hour ({source})."))
    if unit is PayUnit.DAY:
        return _at_least(pay_cents, day_floor_cents(rule, hours_per_day), "pay_amount", rule,
                         N_("The pay is below the minimum wage: at least {floor} for the "
                            "day's hours ({source})."))
    if unit is PayUnit.MONTH:
        return _at_least(pay_cents, rule.monthly_cents, "pay_amount", rule, N_(
            "The pay is below the minimum wage: at least {floor} a month ({source})."))
    if day_estimate_cents is None:
        return fail("day_estimate", "required", N_(
            "For pay by the piece, the square metre or the job, give what a worker earns in "
            "a day, so that it can be checked against the minimum wage."))
    return _at_least(day_estimate_cents, day_floor_cents(rule, hours_per_day), "day_estimate",
                     rule, N_("A day's earnings at this rate are below the minimum wage: at "
                              "least {floor} for the day's hours ({source})."))


def _at_least(cents: int, floor: int, field: str, rule: MinimumWage,
              message: str) -> Result[None]:
    if cents >= floor:
        return Ok(None)
    result: Err = fail(field, "below_minimum_wage", message, floor=yuan(floor),
                       source=rule.source)
    return result
