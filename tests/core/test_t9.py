"""九宫格: number-key sequences decoded to pinyin, ranked for names."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from kiosk.core.pinyin_input import PinyinIndex
from kiosk.core.t9 import KEY_LETTERS, T9Pinyin, digits_of


@pytest.fixture(scope="module")
def t9() -> T9Pinyin:
    return T9Pinyin(PinyinIndex.load())


def test_keys_are_a_phones() -> None:
    assert "".join(KEY_LETTERS.values()) == "abcdefghijklmnopqrstuvwxyz"
    assert digits_of("zhang") == "94264" and digits_of("lv") == "58"


def test_five_keys_spell_zhang_first_then_xiang(t9: T9Pinyin) -> None:
    assert t9.syllables("94264", position=0) == ["zhang", "xiang"]
    index = t9.index
    assert index.suggest("zhang", 0)[0].char == "张"


def test_every_spelling_of_a_sequence_is_offered(t9: T9Pinyin) -> None:
    assert set(t9.syllables("726", 0)) == {"pan", "pao", "ran", "rao", "san", "sao"}
    assert set(t9.syllables("9426", 0)) == {"zhan", "zhao", "xian", "xiao"}


def test_the_position_decides_the_order(t9: T9Pinyin) -> None:
    # 9-4: zh (张, 赵, 周) leads for a surname; yi / xi for a given name's character
    assert t9.syllables("94", 0)[0] == "zh"
    assert t9.syllables("94", 1)[0] != "zh"


def test_sequences_no_syllable_starts_with_spell_nothing(t9: T9Pinyin) -> None:
    assert t9.syllables("222", 0) == []  # no syllable starts with three of a, b, c
    assert t9.next_digits("94264") == frozenset()  # zhang / xiang end there
    assert "5" not in t9.next_digits("2") and "4" in t9.next_digits("2")  # ch…, no bj


def test_every_syllable_is_reachable(t9: T9Pinyin) -> None:
    for syllable in t9.index.syllables:
        digits = digits_of(syllable)
        for end in range(1, len(digits)):
            assert digits[end] in t9.next_digits(digits[:end]), syllable
        assert syllable in t9.syllables(digits, 0), syllable


def test_the_100_commonest_surnames_take_at_most_three_taps(t9: T9Pinyin) -> None:
    """Keys then the character, among the first page of candidates of the reading the
    keys spell best (or of a reading picked from the tiles: one tap more). Measured:
    2.47 taps on average, 3 at most (龚: 4-6 then 龚)."""
    data = json.loads(resources.files("kiosk_assets").joinpath(
        "name_chars.json").read_text("utf-8"))
    surnames = [(s, spelled.split()[0]) for s, spelled in data["surnames"] if len(s) == 1]
    taps = [_taps(t9, char, reading) for char, reading in surnames[:100]]
    assert None not in taps
    assert max(t for t in taps if t is not None) <= 3
    assert sum(t for t in taps if t is not None) / len(taps) < 2.6


def _taps(t9: T9Pinyin, char: str, reading: str) -> int | None:
    index = t9.index
    for end in range(1, len(reading) + 1):
        spelled = t9.syllables(digits_of(reading[:end]), 0)
        if spelled and char in [c.char for c in index.suggest(spelled[0], 0, 12)]:
            return end + 1  # the keys, then the character
        if reading[:end] in spelled and char in [
                c.char for c in index.suggest(reading[:end], 0, 12)]:
            return end + 2  # the keys, its reading's tile, then the character
    return None
