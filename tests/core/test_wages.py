"""The minimum wage per pay unit: refused with the figure and its source, piece rates by
the day's earnings the employer estimates."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Err, Ok
from kiosk.core.i18n import translate
from kiosk.core.records import PayUnit
from kiosk.core.wages import MinimumWage, check_pay

RULE = MinimumWage()  # Shandong class 1: 22 yuan an hour, 2,200 a month


def error_text(result: object) -> str:
    assert isinstance(result, Err)
    [error] = result.errors
    return error.text("zh_CN")


@pytest.mark.parametrize(("cents", "unit", "hours", "ok"), [
    (2_200, PayUnit.HOUR, None, True), (2_199, PayUnit.HOUR, None, False),
    (500, PayUnit.HOUR, None, False),  # `kiosk job add --pay 5 --pay-unit hour`
    (17_600, PayUnit.DAY, None, True), (17_500, PayUnit.DAY, None, False),  # 8 hours
    (13_200, PayUnit.DAY, 6.0, True), (13_100, PayUnit.DAY, 6.0, False),
    (220_000, PayUnit.MONTH, None, True), (180_000, PayUnit.MONTH, None, False),
])
def test_each_pay_unit_meets_its_figure(cents: int, unit: PayUnit, hours: float | None,
                                        ok: bool) -> None:
    result = check_pay(RULE, cents, unit, hours_per_day=hours, day_estimate_cents=None)
    assert isinstance(result, Ok) is ok


def test_a_refusal_names_the_figure_and_its_source() -> None:
    text = error_text(check_pay(RULE, 1_800, PayUnit.HOUR, hours_per_day=None,
                                day_estimate_cents=None))
    assert "¥22" in text and "山东省最低工资标准" in text
    assert "¥176" in error_text(check_pay(RULE, 15_000, PayUnit.DAY, hours_per_day=None,
                                          day_estimate_cents=None))


@pytest.mark.parametrize("unit", [PayUnit.PIECE, PayUnit.SQUARE_METRE, PayUnit.JOB])
def test_a_piece_rate_is_checked_by_the_days_earnings(unit: PayUnit) -> None:
    missing = check_pay(RULE, 3_000, unit, hours_per_day=None, day_estimate_cents=None)
    assert isinstance(missing, Err) and missing.errors[0].field == "day_estimate"
    assert isinstance(check_pay(RULE, 3_000, unit, hours_per_day=None,
                                day_estimate_cents=30_000), Ok)
    low = check_pay(RULE, 3_000, unit, hours_per_day=10.0, day_estimate_cents=20_000)
    assert isinstance(low, Err) and low.errors[0].field == "day_estimate"
    assert "¥220" in error_text(low)


def test_the_messages_are_translated() -> None:
    result = check_pay(RULE, 100, PayUnit.MONTH, hours_per_day=None, day_estimate_cents=None)
    assert isinstance(result, Err)
    message = result.errors[0].message
    assert translate(message, "zh_CN") != message
