"""Masking for display, the keyed blind index, ages and the 4050 rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.privacy import (
    BLIND_INDEX_KEY_BYTES,
    OlderWorkerRule,
    age_on,
    blind_index,
    mask_id_number,
    mask_name,
    mask_phone,
    new_blind_index_key,
)
from kiosk.core.records import Sex
from tests.conftest import TODAY, id_number
from tests.core.strategies import mobiles, valid_ids

SOME = settings(max_examples=300, deadline=None)
keys = st.binary(min_size=16, max_size=64)


# --- masking -----------------------------------------------------------------------------

def test_mask_id_number_example() -> None:
    assert mask_id_number("11010519491231002X") == "1101**********002X"
    assert mask_id_number(id_number()) == id_number()[:4] + "*" * 10 + id_number()[-4:]


@SOME
@given(valid_ids())
def test_masked_id_keeps_first_and_last_four_and_never_the_middle(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == 18
    assert masked[:4] == number[:4]
    assert masked[-4:] == number[-4:]
    assert masked[4:14] == "*" * 10
    assert number[4:14] not in masked
    assert number[6:14] not in masked  # the birth date never shows


def test_mask_id_number_short_inputs_are_all_stars() -> None:
    assert mask_id_number("") == ""
    assert mask_id_number("12345678") == "********"
    assert mask_id_number("123456789") == "1234*6789"


@SOME
@given(mobiles())
def test_masked_mobile_hides_the_middle_four(phone: str) -> None:
    masked = mask_phone(phone)
    assert masked == phone[:3] + "****" + phone[-4:]
    assert masked[3:7] == "****"


@pytest.mark.parametrize(("phone", "masked"), [
    ("13805311234", "138****1234"),
    ("0531-88886666", "0531-******66"),
    ("010-12345678", "010-******78"),
    ("0531-88886666-123", "0531-**********23"),
    ("88886666", "****6666"),
    ("123", "123"),
])
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(("name", "masked"), [
    ("张三明", "张*明"),
    ("张三", "张*"),
    ("欧阳丽娜", "欧**娜"),
    ("李", "李"),
    ("", ""),
    ("买买提·艾力", "买****力"),
])
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@SOME
@given(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=3,
               max_size=12))
def test_masked_name_never_shows_the_middle(name: str) -> None:
    masked = mask_name(name)
    assert len(masked) == len(name)
    assert masked[0] == name[0]
    assert masked[-1] == name[-1]
    assert set(masked[1:-1]) == {"*"}


# --- blind index -------------------------------------------------------------------------

@SOME
@given(keys, valid_ids())
def test_blind_index_is_deterministic_hex_and_hides_the_number(key: bytes, number: str) -> None:
    index = blind_index(key, number)
    assert index == blind_index(key, number)
    assert len(index) == 64
    assert all(c in "0123456789abcdef" for c in index)
    assert number not in index
    assert number[:6] not in index or number[6:14] not in index
    assert blind_index(key, number.lower()) == index


@SOME
@given(keys, keys, valid_ids())
def test_blind_index_differs_between_keys(key1: bytes, key2: bytes, number: str) -> None:
    if key1 != key2:
        assert blind_index(key1, number) != blind_index(key2, number)


@SOME
@given(keys, valid_ids(), valid_ids())
def test_blind_index_differs_between_numbers(key: bytes, a: str, b: str) -> None:
    if a != b:
        assert blind_index(key, a) != blind_index(key, b)


def test_blind_index_needs_a_long_enough_key() -> None:
    with pytest.raises(ValueError):
        blind_index(b"short", id_number())
    with pytest.raises(ValueError):
        blind_index(b"k" * 15, id_number())
    assert len(blind_index(b"k" * 16, id_number())) == 64


def test_new_blind_index_keys_are_random_and_long() -> None:
    made = {new_blind_index_key() for _ in range(50)}
    assert len(made) == 50
    assert all(len(k) == BLIND_INDEX_KEY_BYTES >= 32 for k in made)


def test_blind_index_known_value() -> None:
    # HMAC-SHA256 of the upper-cased number: pins the function across versions, since
    # terminals and the hub must agree on it for look-ups to keep working.
    import hashlib
    import hmac
    key = b"k" * 32
    expected = hmac.new(key, b"11010519491231002X", hashlib.sha256).hexdigest()
    assert blind_index(key, "11010519491231002x") == expected


# --- ages --------------------------------------------------------------------------------

def reference_age(birth: date, day: date) -> int:
    """Count the birthdays up to `day`; a 29 February birthday falls on 1 March otherwise."""
    age = 0
    while True:
        year = birth.year + age + 1
        try:
            birthday = birth.replace(year=year)
        except ValueError:
            birthday = date(year, 3, 1)
        if birthday > day:
            return age
        age += 1


@settings(max_examples=1000, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
       st.integers(0, 120 * 366))
def test_age_on_counts_birthdays(birth: date, days_later: int) -> None:
    day = birth + timedelta(days=days_later)
    assert age_on(birth, day) == reference_age(birth, day)


def test_age_on_around_a_birthday() -> None:
    birth = date(1976, 11, 23)
    assert age_on(birth, date(2026, 11, 22)) == 49
    assert age_on(birth, date(2026, 11, 23)) == 50
    assert age_on(birth, date(2026, 11, 24)) == 50
    assert age_on(birth, birth) == 0
    assert age_on(date(1975, 12, 31), date(2026, 1, 1)) == 50
    assert age_on(date(1976, 1, 1), date(2025, 12, 31)) == 49


def test_age_on_for_29_february() -> None:
    leapling = date(2000, 2, 29)
    assert age_on(leapling, date(2001, 2, 28)) == 0
    assert age_on(leapling, date(2001, 3, 1)) == 1
    assert age_on(leapling, date(2004, 2, 28)) == 3
    assert age_on(leapling, date(2004, 2, 29)) == 4
    assert age_on(date(1976, 2, 29), date(2026, 2, 28)) == 49
    assert age_on(date(1976, 2, 29), date(2026, 3, 1)) == 50


def test_the_default_rule_is_4050() -> None:
    rule = OlderWorkerRule()
    assert (rule.men, rule.women) == (50, 40)
    # men from their 50th birthday
    assert rule.is_older(date(1976, 11, 23), Sex.MALE, TODAY)
    assert not rule.is_older(date(1976, 11, 24), Sex.MALE, TODAY)
    # women from their 40th birthday
    assert rule.is_older(date(1986, 11, 23), Sex.FEMALE, TODAY)
    assert not rule.is_older(date(1986, 11, 24), Sex.FEMALE, TODAY)
    # a 45-year-old is older as a woman, not as a man
    assert rule.is_older(date(1981, 6, 1), Sex.FEMALE, TODAY)
    assert not rule.is_older(date(1981, 6, 1), Sex.MALE, TODAY)


@SOME
@given(st.dates(min_value=date(1906, 1, 1), max_value=TODAY), st.sampled_from(list(Sex)),
       st.integers(30, 70), st.integers(30, 70))
def test_a_configured_rule_compares_age_with_its_threshold(
        birth: date, sex: Sex, men: int, women: int) -> None:
    rule = OlderWorkerRule(men=men, women=women)
    threshold = men if sex is Sex.MALE else women
    assert rule.is_older(birth, sex, TODAY) == (age_on(birth, TODAY) >= threshold)
