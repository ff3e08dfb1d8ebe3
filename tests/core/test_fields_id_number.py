"""身份证号 validation (GB 11643): properties over generated numbers and real-world cases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from kiosk.core.errors import Err, Ok
from kiosk.core.fields import PROVINCE_CODES, IdNumber, validate_id_number, with_check_digit
from kiosk.core.records import Sex
from tests.conftest import TODAY, id_number
from tests.core.strategies import (
    DIGITS,
    OLDEST_BIRTH,
    PROVINCES,
    Parts,
    full_width,
    valid_id_parts,
    valid_ids_and,
)

MANY = settings(max_examples=1000, deadline=None)
ID_CODES = {"required", "first_generation", "length", "format", "area", "checksum",
            "birth_date", "birth_future", "birth_too_old"}


def accepted(raw: str, today: date = TODAY) -> IdNumber:
    result = validate_id_number(raw, today)
    assert isinstance(result, Ok), (raw, result)
    return result.value


def rejected(raw: str, today: date = TODAY, field: str = "id_number") -> str:
    """The single error code of a rejected number (and checks the error's shape)."""
    result = validate_id_number(raw, today, field)
    assert isinstance(result, Err), (raw, result)
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.field == field
    assert error.code in ID_CODES
    assert error.message
    return error.code


def with_x_check_digit() -> str:
    """A valid number whose check character is X."""
    for seq in range(1000):
        number = id_number(date(1988, 8, 8), "370102", seq)
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence gives X")


# --- properties ------------------------------------------------------------------------

X_SPELLINGS = ["X", "x", "Ｘ", "ｘ"]
GAPS = ["", "", "", "", " ", "  ", "\u3000", "\t"]  # 8: three bits pick one


def messy_spelling(number: str, wide: int, gaps: int, x: str) -> str:
    """The number typed with full-width characters (bits of `wide`), stray spaces (three
    bits of `gaps` per gap) and `x` for a check character X."""
    out = [GAPS[gaps & 7]]
    for i, ch in enumerate(number):
        if ch == "X":
            out.append(x)
        else:
            out.append(full_width(ch) if wide >> i & 1 else ch)
        out.append(GAPS[gaps >> 3 * (i + 1) & 7])
    return "".join(out)


@MANY
@given(valid_ids_and(messy=2, wide=2**18, gaps=8**19, x=len(X_SPELLINGS)))
def test_every_well_formed_number_is_accepted_and_normalised(
        case: tuple[Parts, dict[str, int]]) -> None:
    # valid province + any county code + any real birth date up to today + check digit,
    # typed plainly or with lowercase x, full-width characters and spaces anywhere
    (number, birth, seq), typing = case
    typed = messy_spelling(number, typing["wide"], typing["gaps"],
                           X_SPELLINGS[typing["x"]]) if typing["messy"] else number
    value = accepted(typed)
    assert value.number == number
    assert value.birth_date == birth
    assert value.sex == (Sex.MALE if seq % 2 == 1 else Sex.FEMALE)


@MANY
@given(valid_ids_and(position=18, shift=10))
def test_changing_any_single_character_is_rejected(case: tuple[Parts, dict[str, int]]) -> None:
    (number, _, _), change = case
    position, shift = change["position"], change["shift"]
    alphabet = DIGITS + ("X" if position == 17 else "")
    # any other character of the alphabet: move 1..len-1 places along it
    index = alphabet.index(number[position])
    replacement = alphabet[(index + 1 + shift % (len(alphabet) - 1)) % len(alphabet)]
    assert replacement != number[position]
    changed = number[:position] + replacement + number[position + 1:]
    code = rejected(changed)
    if position == 17:
        assert code == "checksum"
    elif changed[:2] not in PROVINCE_CODES:
        assert code in {"area", "checksum"}
    elif 6 <= position < 14:
        assert code in {"checksum", "birth_date", "birth_future", "birth_too_old"}
    else:
        assert code == "checksum"


def future_birth() -> st.SearchStrategy[tuple[str, str]]:
    return valid_id_parts(min_birth=TODAY + timedelta(days=1), max_birth=date(2199, 12, 31)).map(
        lambda parts: (parts[0], "birth_future"))


def too_old_birth() -> st.SearchStrategy[tuple[str, str]]:
    return valid_id_parts(min_birth=date(1800, 1, 1),
                          max_birth=date(OLDEST_BIRTH.year - 1, 12, 31)).map(
        lambda parts: (parts[0], "birth_too_old"))


def first_generation() -> st.SearchStrategy[tuple[str, str]]:
    return st.tuples(st.text(DIGITS, min_size=15, max_size=15), st.booleans()).map(
        lambda t: (full_width(t[0]) if t[1] else t[0], "first_generation"))


def wrong_length() -> st.SearchStrategy[tuple[str, str]]:
    return st.text(DIGITS + "X", min_size=1, max_size=40).filter(
        lambda s: len(s) not in (15, 18)).map(lambda s: (s, "length"))


def bad_province() -> st.SearchStrategy[tuple[str, str]]:
    prefixes = [f"{n:02d}" for n in range(100) if f"{n:02d}" not in PROVINCES]
    return st.tuples(st.sampled_from(prefixes), valid_id_parts()).map(
        lambda t: (with_check_digit(t[0] + t[1][0][2:17]), "area"))


@MANY
@given(st.one_of(future_birth(), too_old_birth(), first_generation(), wrong_length(),
                 bad_province()))
def test_invalid_numbers_are_rejected_with_their_code(case: tuple[str, str]) -> None:
    # future birth dates (stdnum accepts them), more than 120 years old, old 15-digit
    # numbers, wrong lengths (the count is reported), unknown province prefixes
    raw, expected = case
    result = validate_id_number(raw, TODAY)
    assert isinstance(result, Err), raw
    assert result.codes() == {expected}
    assert result.fields() == {"id_number"}
    if expected == "length":
        assert result.errors[0].params == {"count": len(raw)}
        assert str(len(raw)) in result.errors[0].text("en")


# --- real-world and hand-picked cases --------------------------------------------------

def test_the_standard_example_with_x() -> None:
    # The example from GB 11643-1999: 北京市朝阳区, 1949-12-31, female, check character X.
    value = accepted("11010519491231002X")
    assert value.birth_date == date(1949, 12, 31)
    assert value.sex is Sex.FEMALE
    assert accepted("11010519491231002x").number == "11010519491231002X"
    assert accepted("110105 19491231 002x").number == "11010519491231002X"
    assert accepted("１１０１０５１９４９１２３１００２ｘ").number == "11010519491231002X"


def test_a_generated_x_number_in_every_spelling() -> None:
    number = with_x_check_digit()
    for typed in (number, number.lower(), f" {number} ", full_width(number.lower()),
                  f"{number[:6]} {number[6:14]} {number[14:]}"):
        assert accepted(typed).number == number


def test_the_standard_example_born_in_1880_is_too_old_today() -> None:
    # GB 11643's other example: 广东汕头, born 1880-01-01; valid check digit, but 146 years old.
    assert with_check_digit("44052418800101001") == "440524188001010014"
    assert rejected("440524188001010014") == "birth_too_old"
    assert accepted("440524188001010014", today=date(1990, 1, 1)).birth_date == date(1880, 1, 1)


def test_age_limit_is_by_year() -> None:
    assert accepted(id_number(OLDEST_BIRTH)).birth_date == OLDEST_BIRTH
    too_old = date(TODAY.year - 121, 12, 31)
    assert rejected(id_number(too_old)) == "birth_too_old"


def test_born_today_is_accepted_and_tomorrow_is_not() -> None:
    assert accepted(id_number(TODAY)).birth_date == TODAY
    assert rejected(id_number(TODAY + timedelta(days=1))) == "birth_future"
    # stdnum itself accepts future birth dates: our wrapper must not
    assert ric.is_valid(id_number(date(2030, 1, 1)))
    assert rejected(id_number(date(2030, 1, 1))) == "birth_future"


@pytest.mark.parametrize("birth", [date(1995, 6, 1), date(1980, 6, 1), date(2020, 6, 1),
                                   date(1960, 2, 29), date(2024, 2, 29)])
def test_laiwu_county_code_is_accepted_for_any_birth_year(birth: date) -> None:
    # 莱芜市莱城区 371202 existed 1992–2018 (莱芜 merged into 济南 in 2019). Cards issued there
    # keep the code for life, whatever the birth year; stdnum's place check is wrong for us.
    number = id_number(birth, "371202", 35)
    value = accepted(number)
    assert value.birth_date == birth
    assert value.sex is Sex.MALE


def test_stdnum_disagrees_on_laiwu_outside_its_years() -> None:
    # The reason the wrapper does its own checks: stdnum rejects these real numbers.
    for birth in (date(1980, 6, 1), date(2020, 6, 1)):
        number = id_number(birth, "371202", 36)
        assert not ric.is_valid(number)
        assert accepted(number).sex is Sex.FEMALE
    assert ric.is_valid(id_number(date(1995, 6, 1), "371202", 36))


def test_unknown_county_codes_under_a_valid_province_are_accepted() -> None:
    for area in ("370199", "379999", "110000", "810000", "820000", "830000", "710000"):
        assert accepted(id_number(area=area)).number.startswith(area)


@pytest.mark.parametrize("prefix", ["00", "10", "19", "20", "24", "30", "38", "47", "55",
                                    "60", "66", "70", "72", "80", "84", "90", "99"])
def test_invalid_province_prefixes_are_rejected(prefix: str) -> None:
    assert rejected(id_number(area=prefix + "0104")) == "area"


@pytest.mark.parametrize("ymd", ["19750230", "19751301", "19750001", "19750100", "19750431",
                                 "19000229", "20230229", "00000101"])
def test_impossible_birth_dates_with_a_right_check_digit_are_rejected(ymd: str) -> None:
    number = with_check_digit(f"370104{ymd}123")
    assert rejected(number) == "birth_date"


def test_leap_day_birth_dates_are_accepted_in_leap_years() -> None:
    assert accepted(id_number(date(2000, 2, 29))).birth_date == date(2000, 2, 29)
    assert accepted(id_number(date(1964, 2, 29))).birth_date == date(1964, 2, 29)


@pytest.mark.parametrize("raw", ["", " ", "\u3000", "\t \n"])
def test_empty_input_is_required(raw: str) -> None:
    assert rejected(raw) == "required"


@pytest.mark.parametrize("raw", ["37010419750314012Y", "3701041975031401XX",
                                 "X70104197503140123", "37010419750314-123",
                                 "37010419750314０1a3", "370104197503１４0!23"])
def test_eighteen_characters_that_are_not_digits_are_a_format_error(raw: str) -> None:
    assert rejected(raw) == "format"


def test_length_error_counts_characters_after_removing_spaces() -> None:
    result = validate_id_number("3701 0419 7503 1401 2", TODAY)
    assert isinstance(result, Err)
    assert result.errors[0].code == "length"
    assert result.errors[0].params == {"count": 17}
    assert rejected("37010419750314012345") == "length"
    assert rejected("3701041975031") == "length"


def test_fifteen_digits_is_first_generation_and_fifteen_with_a_letter_is_length() -> None:
    assert rejected("370104750314123") == "first_generation"
    assert rejected(" 370104 750314 123 ") == "first_generation"
    assert rejected("37010475031412X") == "length"


def test_sex_comes_from_the_seventeenth_digit() -> None:
    for seq in range(20):
        value = accepted(id_number(seq=seq))
        assert value.sex is (Sex.MALE if seq % 2 else Sex.FEMALE)


def test_error_field_name_is_passed_through() -> None:
    assert rejected("123", field="guardian_id") == "length"


def test_with_check_digit_rejects_wrong_input() -> None:
    for bad in ("", "1234567890123456", "123456789012345678", "3701041975031401a"):
        with pytest.raises(ValueError):
            with_check_digit(bad)
    assert with_check_digit("11010519491231002") == "11010519491231002X"


def arabic_indic(text: str) -> str:
    return "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in text)


@pytest.mark.parametrize("raw", ["3701041975031401\u1369X", arabic_indic(id_number()),
                                 "37" + arabic_indic(id_number()[2:]),
                                 "37" + arabic_indic(with_x_check_digit()[2:])])
def test_other_scripts_digits_never_crash_and_are_never_accepted(raw: str) -> None:
    # Ethiopic (U+1369) and Arabic-Indic digits pass str.isdigit(); the validator must still
    # answer with an error value (the hub re-validates what terminals send) and must never
    # accept a number that is not ASCII (blind_index encodes it as ASCII).
    try:
        result = validate_id_number(raw, TODAY)
    except Exception as exc:
        pytest.fail(f"validate_id_number({raw!r}) raised {exc!r}")
    assert isinstance(result, Err), result
