"""Phone numbers: mainland mobiles and landlines with their area codes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.errors import Err, Ok
from kiosk.core.fields import validate_landline, validate_mobile, validate_phone
from tests.core.strategies import DIGITS, full_width, packed

MANY = settings(max_examples=1000, deadline=None)

# Between the 3-4-4 groups of a mobile number, what people type or paste.
MOBILE_GAPS = ["", " ", "-", "  ", " - ", "\u3000", "－", "—", "."]
PADS = ["", " ", "\u3000"]
PREFIXES = ["", "+86", "+86 ", "+86-", "0086", "0086 ", "(+86)", "（+86）", "+86\u3000"]


def ok(result: Ok[str] | Err) -> str:
    assert isinstance(result, Ok), result
    return result.value


def err(result: Ok[str] | Err, field: str = "phone") -> str:
    assert isinstance(result, Err), result
    assert len(result.errors) == 1
    assert result.errors[0].field == field
    return result.errors[0].code


# --- mobiles -----------------------------------------------------------------------------

def typed_mobile() -> st.SearchStrategy[tuple[str, str]]:
    """(what was typed, the 11 digits)."""

    def build(p: dict[str, int]) -> tuple[str, str]:
        digits = f"{13 * 10**9 + p['number']}"
        body = (digits[:3] + MOBILE_GAPS[p["gap1"]] + digits[3:7] + MOBILE_GAPS[p["gap2"]]
                + digits[7:])
        if p["wide"]:
            body = full_width(body)
        pad = PADS[p["pad"]]
        return pad + PREFIXES[p["prefix"]] + body + pad, digits

    return packed(number=7 * 10**9, gap1=len(MOBILE_GAPS), gap2=len(MOBILE_GAPS),
                  prefix=len(PREFIXES), wide=2, pad=len(PADS)).map(build)


@MANY
@given(typed_mobile())
def test_every_mobile_is_accepted_and_normalised_to_eleven_digits(case: tuple[str, str]) -> None:
    typed, digits = case
    assert ok(validate_mobile(typed)) == digits
    assert ok(validate_phone(typed)) == digits


@st.composite
def wrong_mobiles(draw: st.DrawFn) -> tuple[str, str]:
    """(typed, expected code): 10 or 12 digits, or 11 digits not starting 13–19."""
    if draw(st.booleans()):
        length = draw(st.sampled_from([10, 12]))
        digits = "1" + draw(st.text(DIGITS, min_size=length - 1, max_size=length - 1))
        return digits[:3] + draw(st.sampled_from(MOBILE_GAPS)) + digits[3:], "mobile_length"
    first_two = draw(st.sampled_from(["10", "11", "12"] + [f"{d}{e}" for d in "23456789"
                                                           for e in "0123456789"]))
    return first_two + draw(st.text(DIGITS, min_size=9, max_size=9)), "mobile_prefix"


@MANY
@given(wrong_mobiles())
def test_wrong_length_or_prefix_is_rejected(case: tuple[str, str]) -> None:
    typed, code = case
    result = validate_mobile(typed)
    assert err(result) == code
    assert isinstance(result, Err)
    if code == "mobile_length":
        count = len(typed) - sum(not c.isdigit() for c in typed)
        assert result.errors[0].params == {"count": count}


@pytest.mark.parametrize(("typed", "digits"), [
    ("13805311234", "13805311234"),
    ("138 0531 1234", "13805311234"),
    ("138-0531-1234", "13805311234"),
    ("+86 138 0531 1234", "13805311234"),
    ("+8613805311234", "13805311234"),
    ("008613805311234", "13805311234"),
    ("１３８０５３１１２３４", "13805311234"),
    ("＋８６　１３８０５３１１２３４", "13805311234"),
    (" 199 5311 0000 ", "19953110000"),
    ("(+86) 170-1234-5678", "17012345678"),
])
def test_real_world_mobiles(typed: str, digits: str) -> None:
    assert ok(validate_mobile(typed)) == digits
    assert ok(validate_phone(typed)) == digits


@pytest.mark.parametrize(("typed", "code"), [
    ("", "required"),
    ("   ", "required"),
    ("- -", "required"),
    ("1380531123", "mobile_length"),
    ("138053112345", "mobile_length"),
    ("12805311234", "mobile_prefix"),
    ("23805311234", "mobile_prefix"),
    ("1380531123a", "format"),
    ("138O5311234", "format"),  # letter O typed for zero
    ("138/0531/1234", "format"),
    ("+1 415 555 0100", "format"),
])
def test_rejected_mobiles(typed: str, code: str) -> None:
    assert err(validate_mobile(typed)) == code


def test_the_mobile_error_field_is_passed_through() -> None:
    assert err(validate_mobile("12", field="contact"), field="contact") == "mobile_length"


@pytest.mark.parametrize("typed", ["+86 138 0531 123", "+86 138 0531 12345", "0086 1380531123"])
def test_a_country_code_with_too_few_or_too_many_digits_is_a_length_error(typed: str) -> None:
    # The person typed +86 and then one digit too few or too many: the message must say how
    # many digits a mobile has, not that "a phone number contains digits only".
    assert err(validate_mobile(typed)) == "mobile_length"


@pytest.mark.parametrize("typed", ["\u0661\u0663\u0668\u0660\u0665\u0663\u0661\u0661\u0662\u0663"
                                   "\u0664", "13\u0668\u0660\u0665\u0663\u0661\u0661\u0662\u0663"
                                   "\u0664", "1380531123\u1369"])
def test_digits_of_other_scripts_never_end_up_in_a_stored_number(typed: str) -> None:
    # Arabic-Indic digits pass str.isdigit() and re's \d; an accepted number must be ASCII.
    result = validate_mobile(typed)
    if isinstance(result, Ok):
        assert result.value.isascii(), f"accepted {result.value!r}"


# --- landlines ---------------------------------------------------------------------------

THREE_DIGIT_AREAS = ["010"] + [f"02{d}" for d in range(10)]


FOUR_DIGIT_AREAS = [f"0{d}{n:02d}" for d in "3456789" for n in range(100)]


def landline_parts(**extra: int) -> st.SearchStrategy[tuple[str, str, dict[str, int]]]:
    """(area code, local number, extra choices): 010/02x with 8 digits, 0[3-9]xx with 7 or
    8 digits; the `extra` choices of `packed` come from the same draw."""

    def build(p: dict[str, int]) -> tuple[str, str, dict[str, int]]:
        if p["three"]:
            area, local_len = THREE_DIGIT_AREAS[p["area"] % len(THREE_DIGIT_AREAS)], 8
        else:
            area, local_len = FOUR_DIGIT_AREAS[p["area"]], 7 + p["eight"]
        local = f"{2 + p['lead']}{p['rest']:07d}"[:local_len]
        return area, local, {k: p[k] for k in extra}

    return packed(three=2, area=len(FOUR_DIGIT_AREAS), eight=2, lead=8, rest=10**7,
                  **extra).map(build)


PLAIN_FORMS = ["{a}-{l}", "{a} {l}", "{a}－{l}", " {a}-{l} ", "{a}\u3000{l}"]
BRACKET_FORMS = ["({a}){l}", "({a}) {l}", "（{a}）{l}", "({a})-{l}"]


@MANY
@given(landline_parts(form=len(PLAIN_FORMS + BRACKET_FORMS), wide=2))
def test_landlines_are_normalised_to_area_dash_local(
        parts: tuple[str, str, dict[str, int]]) -> None:
    area, local, choice = parts
    form = (PLAIN_FORMS + BRACKET_FORMS)[choice["form"]]
    typed = form.format(a=area, l=local)
    if choice["wide"]:
        typed = full_width(typed)
    assert ok(validate_landline(typed)) == f"{area}-{local}"
    if form in PLAIN_FORMS:  # brackets: test_phone_accepts_area_codes_in_brackets
        assert ok(validate_phone(typed)) == f"{area}-{local}"


@MANY
@given(landline_parts())
def test_landlines_typed_without_any_separator_are_accepted(
        parts: tuple[str, str, dict[str, int]]) -> None:
    # On a phone keypad people type 01088886666 or 053188886666 in one go.
    area, local, _ = parts
    assert ok(validate_landline(area + local)) == f"{area}-{local}"
    assert ok(validate_phone(area + local)) == f"{area}-{local}"


@pytest.mark.parametrize(("typed", "normal"), [
    ("0531-88886666", "0531-88886666"),
    ("0531 88886666", "0531-88886666"),
    ("053188886666", "0531-88886666"),
    ("05318888666", "0531-8888666"),
    ("０５３１－８８８８６６６６", "0531-88886666"),
    ("0531-8888666", "0531-8888666"),
    ("010-12345678", "010-12345678"),
    ("021-62345678", "021-62345678"),
    ("0531-88886666-123", "0531-88886666-123"),
    ("0531-88886666转123", "0531-88886666-123"),
    ("0531-88886666 ext. 8", "0531-88886666-8"),
    ("0531-88886666 EXT 8", "0531-88886666-8"),
])
def test_real_world_landlines(typed: str, normal: str) -> None:
    assert ok(validate_landline(typed)) == normal
    assert ok(validate_phone(typed)) == normal


@pytest.mark.parametrize(("typed", "normal"), [
    ("01012345678", "010-12345678"),
    ("02162345678", "021-62345678"),
    ("010 8888 6666", "010-88886666"),
    ("0531-8888 6666", "0531-88886666"),
    ("0531 - 88886666", "0531-88886666"),
])
def test_real_world_landlines_without_separator_or_with_grouped_digits(
        typed: str, normal: str) -> None:
    assert ok(validate_landline(typed)) == normal
    assert ok(validate_phone(typed)) == normal


@pytest.mark.parametrize(("typed", "normal"), [
    ("(0531)88886666", "0531-88886666"),
    ("(010) 12345678", "010-12345678"),
    ("（0531）88886666", "0531-88886666"),
])
def test_phone_accepts_area_codes_in_brackets(typed: str, normal: str) -> None:
    # validate_landline accepts these; validate_phone must route them to it, not to mobile.
    assert ok(validate_landline(typed)) == normal
    assert ok(validate_phone(typed)) == normal


@pytest.mark.parametrize("typed", [
    "88886666",  # no area code
    "531-88886666",  # area code without its 0
    "053-88886666",  # 05x needs four digits
    "0101-2345678",  # 010 has three digits
    "00531-88886666",
    "0531-123456",  # local part too short
    "0531-123456789",  # local part too long
    "0531-8888666a",
    "0531-88886666-1234567",
    "",
])
def test_rejected_landlines(typed: str) -> None:
    assert err(validate_landline(typed)) == "landline"


def test_phone_routes_zero_to_landline_and_the_rest_to_mobile() -> None:
    assert err(validate_phone("0531-123")) == "landline"
    assert err(validate_phone("1380531123")) == "mobile_length"
    assert err(validate_phone("")) == "required"
    assert err(validate_phone("0531", field="contact"), field="contact") == "landline"
