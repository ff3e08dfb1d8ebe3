"""Money amounts (yuan → exact cents) and head counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.errors import Err, Ok
from kiosk.core.fields import MAX_HEADCOUNT, MAX_PAY_CENTS, validate_amount, validate_headcount
from tests.core.strategies import full_width, packed

MANY = settings(max_examples=1000, deadline=None)


def cents(raw: str) -> int:
    result = validate_amount(raw)
    assert isinstance(result, Ok), (raw, result)
    return result.value


def amount_code(raw: str, field: str = "pay_amount") -> str:
    result = validate_amount(raw, field)
    assert isinstance(result, Err), (raw, result)
    assert len(result.errors) == 1
    assert result.errors[0].field == field
    return result.errors[0].code


# --- amounts ---------------------------------------------------------------------------

AMOUNT_FORMS = ["{}", "¥{}", "{}元", "¥ {} 元", " {} ", "￥{}"]


STYLES = ["plain", "comma", "int", "wide"]


@MANY
@given(st.integers(1, MAX_PAY_CENTS), packed(style=len(STYLES), form=len(AMOUNT_FORMS)))
def test_every_positive_amount_with_two_decimals_becomes_exact_cents(
        value_cents: int, choice: dict[str, int]) -> None:
    style, form = STYLES[choice["style"]], AMOUNT_FORMS[choice["form"]]
    amount = Decimal(value_cents) / 100
    if style == "comma":
        text = f"{amount:,.2f}"
    elif style == "int" and value_cents % 100 == 0:
        text = str(value_cents // 100)
    else:
        text = f"{amount:.2f}" if value_cents % 10 == 0 else str(amount)
    typed = form.format(text)
    if style == "wide":
        typed = full_width(typed)
    assert cents(typed) == value_cents


@st.composite
def bad_amounts(draw: st.DrawFn) -> tuple[str, str]:
    """(typed, expected code)."""
    kind = draw(st.sampled_from(["not_positive", "three_decimals", "too_large"]))
    if kind == "not_positive":
        value = draw(st.integers(-MAX_PAY_CENTS * 10, 0))
        return f"{Decimal(value) / 100:.2f}", "amount_positive"
    if kind == "three_decimals":
        value = draw(st.integers(1, 10**10).filter(lambda n: n % 10 != 0))
        return f"{Decimal(value) / 1000:.3f}", "amount_format"
    value = draw(st.integers(MAX_PAY_CENTS + 1, MAX_PAY_CENTS * 1000))
    return f"{Decimal(value) / 100:.2f}", "amount_too_large"


@MANY
@given(bad_amounts())
def test_zero_negative_three_decimals_and_huge_amounts_are_rejected(
        case: tuple[str, str]) -> None:
    typed, code = case
    assert amount_code(typed) == code


@pytest.mark.parametrize(("typed", "value"), [
    ("350", 35000),
    ("350元", 35000),
    ("¥350", 35000),
    ("３５０", 35000),
    ("1,200.50", 120050),
    ("0.01", 1),
    ("180.5", 18050),
    ("1000000", MAX_PAY_CENTS),
    ("1,000,000.00", MAX_PAY_CENTS),
    ("25.00", 2500),
])
def test_real_world_amounts(typed: str, value: int) -> None:
    assert cents(typed) == value


@pytest.mark.parametrize(("typed", "code"), [
    ("0", "amount_positive"),
    ("0.00", "amount_positive"),
    ("-350", "amount_positive"),
    ("350.005", "amount_format"),
    ("0.001", "amount_format"),
    ("1000000.01", "amount_too_large"),
    ("", "amount_format"),
    ("三百五", "amount_format"),
    ("350块", "amount_format"),
    ("3 50", "amount_format"),
    ("1.2.3", "amount_format"),
    ("NaN", "amount_format"),
    ("Infinity", "amount_format"),
    ("-Infinity", "amount_format"),
    ("sNaN", "amount_format"),
])
def test_rejected_amounts(typed: str, code: str) -> None:
    assert amount_code(typed) == code


def test_amount_field_name_is_passed_through() -> None:
    assert amount_code("abc", field="amount") == "amount_format"


# --- head counts -------------------------------------------------------------------------

HEADCOUNT_FORMS = ["int", "str", "padded", "wide", "zeros"]


@MANY
@given(packed(count=MAX_HEADCOUNT, form=len(HEADCOUNT_FORMS)))
def test_every_headcount_from_1_to_999_is_accepted(choice: dict[str, int]) -> None:
    count, form = choice["count"] + 1, HEADCOUNT_FORMS[choice["form"]]
    raw: str | int = {
        "int": count, "str": str(count), "padded": f" {count} ",
        "wide": full_width(str(count)), "zeros": f"{count:04d}",
    }[form]
    result = validate_headcount(raw)
    assert isinstance(result, Ok), (raw, result)
    assert result.value == count


@st.composite
def bad_headcounts(draw: st.DrawFn) -> tuple[str | int, str]:
    kind = draw(st.sampled_from(["zero", "large", "negative", "text", "decimal"]))
    if kind == "zero":
        return draw(st.sampled_from([0, "0", "00", " 0 "])), "headcount_range"
    if kind == "large":
        value = draw(st.integers(MAX_HEADCOUNT + 1, 10**12))
        return (value if draw(st.booleans()) else str(value)), "headcount_range"
    if kind == "negative":
        value = draw(st.integers(-(10**6), -1))
        return (value if draw(st.booleans()) else str(value)), "headcount_format"
    if kind == "decimal":
        return f"{draw(st.integers(0, 999))}.{draw(st.integers(1, 9))}", "headcount_format"
    letters = draw(st.text("abc人个名几十 ", min_size=0, max_size=4))
    return letters, "headcount_format"


@MANY
@given(bad_headcounts())
def test_zero_too_many_and_non_numbers_are_rejected(case: tuple[str | int, str]) -> None:
    raw, code = case
    result = validate_headcount(raw)
    assert isinstance(result, Err), (raw, result)
    assert result.codes() == {code}
    assert result.fields() == {"headcount"}


@pytest.mark.parametrize(("raw", "code"), [
    (0, "headcount_range"), (1000, "headcount_range"), ("1000", "headcount_range"),
    ("", "headcount_format"), ("三", "headcount_format"), ("3人", "headcount_format"),
    ("-1", "headcount_format"), ("2.5", "headcount_format"),
])
def test_rejected_headcounts(raw: str | int, code: str) -> None:
    result = validate_headcount(raw)
    assert isinstance(result, Err)
    assert result.codes() == {code}


def test_headcount_bounds() -> None:
    for raw, value in ((1, 1), ("999", 999), (" 3 ", 3), ("３", 3)):
        result = validate_headcount(raw)
        assert isinstance(result, Ok)
        assert result.value == value


def test_headcount_with_a_digit_that_is_not_decimal_is_an_error_not_a_crash() -> None:
    # "፩" (Ethiopic one) passes str.isdigit() but int() cannot read it
    try:
        result = validate_headcount("፩")
    except ValueError as exc:
        pytest.fail(f"validate_headcount raised {exc!r}")
    assert isinstance(result, Err)
    assert result.codes() == {"headcount_format"}
