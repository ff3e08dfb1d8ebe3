"""Person names, start dates and times, free text and choices."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.errors import Err, Ok
from kiosk.core.fields import (
    normalise,
    validate_choice,
    validate_person_name,
    validate_start_date,
    validate_start_time,
    validate_text,
)
from kiosk.core.records import PayUnit, Settlement
from tests.conftest import TODAY
from tests.core.strategies import full_width

MANY = settings(max_examples=1000, deadline=None)

# Common CJK ideographs (U+4E00–U+9FA5): every Han name character.
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


def han_text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(HAN, min_size=min_size, max_size=max_size)


def name_ok(raw: str) -> str:
    result = validate_person_name(raw)
    assert isinstance(result, Ok), (raw, result)
    return result.value


def name_code(raw: str) -> str:
    result = validate_person_name(raw)
    assert isinstance(result, Err), (raw, result)
    assert result.fields() == {"name"}
    assert len(result.errors) == 1
    return result.errors[0].code


# --- names -------------------------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
NAME_PADS = ["", " ", "\u3000"]
DOTS = ["·", "•", "・"]
WORD_GAPS = [" ", "  ", "\u3000"]


def han_names() -> st.SearchStrategy[tuple[str, str]]:
    return st.tuples(han_text(1, 30), st.sampled_from(NAME_PADS)).map(
        lambda t: (t[1] + t[0] + t[1], t[0]))


def minority_names() -> st.SearchStrategy[tuple[str, str]]:
    """Uyghur and other names written 买买提·艾力, with any of the middle dots people type."""
    return st.tuples(han_text(1, 6), han_text(1, 6), st.sampled_from(DOTS)).map(
        lambda t: (t[0] + t[2] + t[1], t[0] + "·" + t[1]))


def latin_names() -> st.SearchStrategy[tuple[str, str]]:
    def build(t: tuple[str, str, str, bool]) -> tuple[str, str]:
        given_name, family, gap, wide = t
        typed = given_name + gap + family
        return (full_width(typed) if wide else typed), given_name + " " + family

    return st.tuples(st.text(LETTERS, min_size=1, max_size=12),
                     st.text(LETTERS, min_size=1, max_size=12),
                     st.sampled_from(WORD_GAPS), st.booleans()).map(build)


def names() -> st.SearchStrategy[tuple[str, str]]:
    """(typed, normalised): Han names, minority names with a middle dot, Latin names."""
    return st.one_of(han_names(), minority_names(), latin_names())


@MANY
@given(names())
def test_han_minority_and_latin_names_are_accepted_and_normalised(case: tuple[str, str]) -> None:
    typed, normal = case
    assert len(normal) <= 30
    assert name_ok(typed) == normal


SYMBOLS = "0123456789０１２３@#$%&*+=/\\?!,;:'\"<>[]{}|~^_￥¥。，！？、"


@st.composite
def bad_names(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(["symbol", "long", "blank"]))
    if kind == "symbol":
        name = draw(han_text(1, 10))
        at = draw(st.integers(0, len(name)))
        return name[:at] + draw(st.sampled_from(SYMBOLS)) + name[at:], "name_chars"
    if kind == "long":
        return draw(han_text(31, 60)), "too_long"
    return draw(st.text(" \t\u3000\n", max_size=5)), "required"


@MANY
@given(bad_names())
def test_names_with_digits_or_symbols_too_long_or_blank_are_rejected(
        case: tuple[str, str]) -> None:
    typed, code = case
    assert name_code(typed) == code


@pytest.mark.parametrize(("typed", "normal"), [
    ("张建国", "张建国"),
    ("王芳", "王芳"),
    ("欧阳娜娜", "欧阳娜娜"),
    ("买买提·艾力", "买买提·艾力"),
    ("阿依古丽•买买提", "阿依古丽·买买提"),
    ("爱新觉罗・溥仪", "爱新觉罗·溥仪"),
    ("  李  ", "李"),
    ("Zhang  Wei", "Zhang Wei"),
    ("ＬＩ Ｍｉｎｇ", "LI Ming"),
    ("José", "José"),
])
def test_real_world_names(typed: str, normal: str) -> None:
    assert name_ok(typed) == normal


@pytest.mark.parametrize(("typed", "code"), [
    ("", "required"),
    ("张3", "name_chars"),
    ("张三（临时）", "name_chars"),
    ("张三!", "name_chars"),
    ("13805311234", "name_chars"),
    ("张" * 31, "too_long"),
])
def test_rejected_names(typed: str, code: str) -> None:
    assert name_code(typed) == code


def test_thirty_characters_is_the_limit() -> None:
    assert name_ok("张" * 30) == "张" * 30


def test_name_field_is_passed_through() -> None:
    result = validate_person_name("1", field="complainant_name")
    assert isinstance(result, Err)
    assert result.fields() == {"complainant_name"}


# --- start dates -----------------------------------------------------------------------

@MANY
@given(st.integers(-3650, 3650))
def test_start_date_is_today_or_later(offset: int) -> None:
    day = TODAY + timedelta(days=offset)
    result = validate_start_date(day, TODAY)
    if offset >= 0:
        assert isinstance(result, Ok)
        assert result.value == day
    else:
        assert isinstance(result, Err)
        assert result.codes() == {"date_past"}
        assert result.fields() == {"start_date"}


def test_start_date_hand_picked() -> None:
    assert validate_start_date(TODAY, TODAY) == Ok(TODAY)
    assert isinstance(validate_start_date(TODAY + timedelta(days=1), TODAY), Ok)
    yesterday = validate_start_date(TODAY - timedelta(days=1), TODAY)
    assert isinstance(yesterday, Err)
    assert yesterday.codes() == {"date_past"}
    missing = validate_start_date(None, TODAY, field="when")
    assert isinstance(missing, Err)
    assert missing.codes() == {"required"}
    assert missing.fields() == {"when"}
    # across a year boundary
    assert isinstance(validate_start_date(date(2026, 12, 31), date(2027, 1, 1)), Err)
    assert isinstance(validate_start_date(date(2027, 1, 1), date(2026, 12, 31)), Ok)


# --- start times, free text, choices ---------------------------------------------------

@pytest.mark.parametrize(("typed", "normal"), [
    ("", None), ("  ", None), ("07:30", "07:30"), ("7:30", "07:30"), ("7：30", "07:30"),
    ("０７：３０", "07:30"), ("23:59", "23:59"), ("0:00", "00:00"), (" 12:05 ", "12:05"),
])
def test_start_times(typed: str, normal: str | None) -> None:
    assert validate_start_time(typed) == Ok(normal)


@pytest.mark.parametrize("typed", ["24:00", "7:60", "7点半", "730", "07:3", "7:30pm", "-1:00"])
def test_bad_start_times(typed: str) -> None:
    result = validate_start_time(typed)
    assert isinstance(result, Err)
    assert result.codes() == {"time_format"}
    assert result.fields() == {"start_time"}


def test_free_text_is_trimmed_and_loses_control_characters_but_keeps_newlines() -> None:
    assert validate_text("  砌墙\x00\x07\u200b 两天\n包午饭 ", "note", required=False,
                         max_len=50) == Ok("砌墙 两天\n包午饭")


def test_free_text_required_and_length() -> None:
    empty = validate_text("  ", "title", required=True, max_len=10)
    assert isinstance(empty, Err)
    assert empty.codes() == {"required"}
    assert empty.fields() == {"title"}
    assert validate_text("", "note", required=False, max_len=10) == Ok("")
    assert validate_text("字" * 10, "note", required=False, max_len=10) == Ok("字" * 10)
    long = validate_text("字" * 11, "note", required=False, max_len=10)
    assert isinstance(long, Err)
    assert long.codes() == {"too_long"}
    assert long.errors[0].params == {"max": 10}
    assert "10" in long.errors[0].text("en")


def test_choices_take_enum_values_only() -> None:
    assert validate_choice("day", PayUnit, "pay_unit") == Ok(PayUnit.DAY)
    assert validate_choice("on_completion", Settlement, "settlement") == Ok(
        Settlement.ON_COMPLETION)
    for bad in ("DAY", "天", "", "week"):
        result = validate_choice(bad, PayUnit, "pay_unit")
        assert isinstance(result, Err)
        assert result.codes() == {"choice"}
        assert result.fields() == {"pay_unit"}


def test_normalise_makes_full_width_half_width_and_trims() -> None:
    assert normalise("　１３８ＡＢｃ（）：　") == "138ABc():"
