"""九宫格: number-key sequences decoded to pinyin, ranked for names."""

from __future__ import annotations

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
