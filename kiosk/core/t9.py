"""九宫格: pinyin typed on a phone's number keys (2 ABC … 9 WXYZ), as most people type
Chinese on their phones.

A worker taps one key per letter; each sequence of keys may spell several pinyin (9-4-2-6
is zhao, zhan, xian or xiao). `T9Pinyin.syllables` lists them, the ones whose best character
ranks highest at that position in the name first (surnames for the first character), so
the keypad can show the first one's characters at once and the others as tiles to pick::

    t9 = T9Pinyin(PinyinIndex.load())
    t9.syllables("94264", position=0)   # ["zhang", "xiang"]: 张 after five taps
    t9.next_digits("9426")              # the keys that still spell some syllable

ü is on 8 (t u v), as v; "lu"/"nu" also find lü/nü as with the letter keys.
"""

from __future__ import annotations

from collections import defaultdict

from kiosk.core.pinyin_input import PinyinIndex

KEY_LETTERS = {"2": "abc", "3": "def", "4": "ghi", "5": "jkl", "6": "mno", "7": "pqrs",
               "8": "tuv", "9": "wxyz"}
LETTER_KEY = {letter: key for key, letters in KEY_LETTERS.items() for letter in letters}


def digits_of(letters: str) -> str:
    """The keys that type `letters` ("zhang" → "94264")."""
    return "".join(LETTER_KEY[letter] for letter in letters)


class T9Pinyin:
    """Key sequences → the pinyin (syllables or their starts) they may spell."""

    def __init__(self, index: PinyinIndex) -> None:
        self.index = index
        spelled: dict[str, list[str]] = defaultdict(list)
        for prefix in index.prefixes():
            spelled[digits_of(prefix)].append(prefix)
        self._spelled = {digits: tuple(sorted(found)) for digits, found in spelled.items()}
        following: dict[str, set[str]] = defaultdict(set)
        for digits in self._spelled:
            following[digits[:-1]].add(digits[-1])
        self._next = {digits: frozenset(keys) for digits, keys in following.items()}

    def syllables(self, digits: str, position: int) -> list[str]:
        """What `digits` may spell, best first: by how well each one's best character ranks
        at `position`, then whole syllables before starts of longer ones."""
        found = self._spelled.get(digits, ())
        whole = self.index.syllables
        return sorted(found, key=lambda p: (self.index.prefix_rank(p, position),
                                            p not in whole, p))

    def next_digits(self, digits: str) -> frozenset[str]:
        """The keys that, tapped after `digits`, still spell the start of some syllable."""
        return self._next.get(digits, frozenset())
