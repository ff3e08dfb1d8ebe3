"""统一社会信用代码 (unified social credit code) validation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc

from kiosk.core.errors import Err, Ok
from kiosk.core.fields import validate_uscc
from tests.core.strategies import USCC_ALPHABET, full_width, uscc_codes_and

MANY = settings(max_examples=1000, deadline=None)
# A real code: the example in python-stdnum's documentation.
REAL = "91110000600037341L"


def ok(raw: str) -> str:
    result = validate_uscc(raw)
    assert isinstance(result, Ok), (raw, result)
    return result.value


def code_of(raw: str) -> str:
    result = validate_uscc(raw)
    assert isinstance(result, Err), (raw, result)
    assert len(result.errors) == 1
    assert result.errors[0].field == "uscc"
    return result.errors[0].code


SPELLINGS = {
    "plain": lambda code: code,
    "lower": str.lower,
    "wide": full_width,
    "groups": lambda code: f"{code[:2]} {code[2:8]} {code[8:17]} {code[17]}",
    "dashes": lambda code: f"{code[:8]}-{code[8:17]}-{code[17]}",
    "padded": lambda code: f"  {code}\u3000",
    "wide lower": lambda code: full_width(code.lower()),
}


@MANY
@given(uscc_codes_and(spelling=len(SPELLINGS)))
def test_every_code_with_its_check_character_is_accepted_and_normalised(
        case: tuple[str, dict[str, int]]) -> None:
    code, choice = case
    spell = list(SPELLINGS.values())[choice["spelling"]]
    assert ok(spell(code)) == code


@MANY
@given(uscc_codes_and(position=18, shift=30))
def test_changing_any_single_character_is_rejected(case: tuple[str, dict[str, int]]) -> None:
    code, change = case
    position, shift = change["position"], change["shift"]
    alphabet = "0123456789" if position < 8 else USCC_ALPHABET
    index = alphabet.index(code[position])
    replacement = alphabet[(index + 1 + shift % (len(alphabet) - 1)) % len(alphabet)]
    assert replacement != code[position]
    changed = code[:position] + replacement + code[position + 1:]
    assert code_of(changed) == "uscc_invalid"


@MANY
@given(st.text(USCC_ALPHABET, min_size=1, max_size=30).filter(lambda s: len(s) != 18))
def test_wrong_lengths_are_rejected_with_the_count(text: str) -> None:
    result = validate_uscc(text)
    assert isinstance(result, Err)
    assert result.codes() == {"uscc_length"}
    assert result.errors[0].params == {"count": len(text)}


def test_a_real_code_in_the_ways_people_type_it() -> None:
    for typed in (REAL, REAL.lower(), "9 1 110000 600037341L", "91110000-600037341-l",
                  full_width(REAL), f" {REAL} "):
        assert ok(typed) == REAL


def test_check_character_is_what_stdnum_computes() -> None:
    assert uscc.calc_check_digit(REAL[:17]) == REAL[17]
    assert code_of(REAL[:17] + "M") == "uscc_invalid"


@pytest.mark.parametrize(("raw", "code"), [
    ("", "required"),
    ("   ", "required"),
    ("9111000060003734", "uscc_length"),
    ("91110000600037341L0", "uscc_length"),
    ("A1110000600037341L", "uscc_invalid"),  # the first 8 characters are digits
    ("91110000600O37341L", "uscc_invalid"),  # O is not in the alphabet
    ("91110000600I37341L", "uscc_invalid"),  # nor I
    ("91110000600037341!", "uscc_invalid"),
])
def test_rejected_codes(raw: str, code: str) -> None:
    assert code_of(raw) == code


def test_the_field_name_is_passed_through() -> None:
    result = validate_uscc("123", field="company_code")
    assert isinstance(result, Err)
    assert result.fields() == {"company_code"}
