"""Hypothesis strategies shared by the core tests (valid ID numbers, phones, records)."""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

from hypothesis import strategies as st
from stdnum.cn import uscc

from kiosk.core.fields import MAX_AGE_YEARS, PROVINCE_CODES, with_check_digit
from tests.conftest import TODAY

PROVINCES = sorted(PROVINCE_CODES)
DIGITS = "0123456789"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CST = timezone(timedelta(hours=8), "CST")

# The oldest birth date a worker registering on TODAY may have (MAX_AGE_YEARS by year).
OLDEST_BIRTH = date(TODAY.year - MAX_AGE_YEARS, 1, 1)


def full_width(text: str) -> str:
    """ASCII digits and letters as their full-width forms (what some IMEs produce)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def packed(**sizes: int) -> st.SearchStrategy[dict[str, int]]:
    """Several bounded choices (name → 0..size-1) drawn as ONE block of random bytes.

    Hypothesis spends its time per draw, not per bit: packing the choices of a test case
    into one draw makes a thousand cases several times cheaper to generate. Bytes, unlike
    one huge st.integers (which favours small numbers), spread evenly over every choice.
    All-zero bytes shrink to the first option of every choice.
    """
    total = math.prod(sizes.values())
    size = (total.bit_length() + 7) // 8 + 2  # two spare bytes: negligible modulo bias

    def unpack(raw: bytes) -> dict[str, int]:
        n = int.from_bytes(raw, "big") % total
        out: dict[str, int] = {}
        for name, choices in sizes.items():
            n, out[name] = divmod(n, choices)
        return out

    return st.binary(min_size=size, max_size=size).map(unpack)


Parts = tuple[str, date, int]


def valid_ids_and(
    min_birth: date = OLDEST_BIRTH, max_birth: date = TODAY, **extra: int
) -> st.SearchStrategy[tuple[Parts, dict[str, int]]]:
    """((ID number, birth date, sequence), extra choices): a valid province, any county,
    a birth date in the range, a check digit; plus the `extra` choices of `packed`, drawn
    in the same single draw (so that they, too, spread evenly)."""
    first = min_birth.toordinal()

    def build(p: dict[str, int]) -> tuple[Parts, dict[str, int]]:
        birth = date.fromordinal(first + p["day"])
        first17 = f"{PROVINCES[p['province']]}{p['county']:04d}{birth:%Y%m%d}{p['seq']:03d}"
        return (with_check_digit(first17), birth, p["seq"]), {k: p[k] for k in extra}

    return packed(seq=1000, day=max_birth.toordinal() - first + 1, county=10_000,
                  province=len(PROVINCES), **extra).map(build)


def valid_id_parts(
    min_birth: date = OLDEST_BIRTH, max_birth: date = TODAY
) -> st.SearchStrategy[Parts]:
    """(ID number, birth date, sequence), see valid_ids_and."""
    return valid_ids_and(min_birth, max_birth).map(lambda t: t[0])


def valid_ids() -> st.SearchStrategy[str]:
    return valid_id_parts().map(lambda parts: parts[0])


def mobiles() -> st.SearchStrategy[str]:
    """An 11-digit mainland mobile number 1[3-9]xxxxxxxxx."""
    return packed(number=7 * 10**9).map(lambda p: f"{13 * 10**9 + p['number']}")


def uscc_codes_and(**extra: int) -> st.SearchStrategy[tuple[str, dict[str, int]]]:
    """(a valid 统一社会信用代码, extra choices): 8 digits, 9 characters of the alphabet,
    a check character; the `extra` choices of `packed` come from the same draw."""

    def build(p: dict[str, int]) -> tuple[str, dict[str, int]]:
        body, chars = p["body"], []
        for _ in range(9):
            body, place = divmod(body, 31)
            chars.append(USCC_ALPHABET[place])
        first17 = f"{p['head']:08d}" + "".join(chars)
        return first17 + uscc.calc_check_digit(first17), {k: p[k] for k in extra}

    return packed(head=10**8, body=31**9, **extra).map(build)


# --- records -------------------------------------------------------------------------

aware_datetimes = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([UTC, CST]),
).map(lambda moment: moment.replace(microsecond=moment.microsecond // 1000 * 1000))


SIMPLE_FIELDS: dict[Any, st.SearchStrategy[Any]] = {
    datetime: aware_datetimes,
    date: st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    bool: st.booleans(),
    int: st.integers(-(2**53), 2**53),
    float: st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    str: st.text(max_size=30),
}


def strategy_for(hint: Any) -> st.SearchStrategy[Any]:
    """A strategy for one record field, from its type hint."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        assert len(inner) == 1, hint
        return st.none() | strategy_for(inner[0])
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return st.lists(strategy_for(item), max_size=4).map(tuple)
    if hint in SIMPLE_FIELDS:
        return SIMPLE_FIELDS[hint]
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return st.sampled_from(list(hint))
    raise AssertionError(f"no strategy for {hint!r}")


def records(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Any instance of a record dataclass, every field drawn from its type."""
    hints = typing.get_type_hints(cls)
    return st.builds(cls, **{
        f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(cls)
    })
