"""The engine of the pinyin name keypad: letters in, ranked Chinese characters out.

A worker enters a name one character at a time. For the current character they tap
pinyin letters (``v`` stands for ü); after every tap the keypad shows candidate
characters as large buttons and greys out the letters that cannot come next::

    index = PinyinIndex.load()
    index.suggest("zh", position=0)      # 张 赵 周 朱 郑 钟 …  (surnames first)
    index.suggest("wei", position=1)     # 伟 卫 薇 唯 韦 威 …  (given-name characters first)
    index.next_letters("zh")             # frozenset({"a", "e", "i", "o", "u"})

(`suggest` returns `Candidate`s: the character and the reading it was found under.)

`letters` may be a whole syllable ("zhang") or any start of one ("z", "zh", "zha"); the
candidates of every syllable that starts that way are merged into one ranking:

- at ``position == 0`` (the surname) common surnames come first, by how many people bear
  them, each under its reading *as a surname* (单 under shan, not dan; 曾 under zeng; 区
  under ou); the first characters of compound surnames (欧阳, 司马, 尉迟 …) count too;
- at later positions characters common in given names come first, roughly by frequency;
- then every other GB2312 character with that reading, most common first (by how many
  phrases of pypinyin's dictionary use it so).

Pass ``before`` (the characters chosen so far) and, when it is the first character of a
compound surname (欧, 司, 诸葛's 诸 …), the second characters of those surnames that match
the letters come first at position 1 (欧 + "y" → 阳 first).

Typed "lu"/"nu" (and "lue"/"nue") also find the lü/nü characters (吕, 女, 略), after those
read lu/nu, for people who do not know the ü key.

After every GB2312 character come the rare ones (GB 18030's other hanzi that pypinyin
reads and the kiosk's font chain draws, e.g. 䶮 yan): a worker whose name holds one pages
on past the common characters. They live in a second file, loaded the first time a
ranking runs out, so start-up and ordinary typing never pay for them.

The data is `assets/name_chars.json` (and `name_chars_rare.json`), built by
`scripts/build_name_chars.py` from pypinyin's dictionaries; everything is ranked once at
load and cached, so `suggest` and `next_letters` are dictionary look-ups.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any, ClassVar

DATA_FILE = "name_chars.json"
RARE_FILE = "name_chars_rare.json"  # {"format": 1, "rare": "字pinyin …"}, commonest first
DATA_FORMAT = 1

_LETTERS = re.compile(r"[a-z]+")
_TOKEN = re.compile(r"([^a-z])([a-z]+)")
_BOOSTED = 0  # tier of surnames (position 0) or given-name characters (later positions)
_OTHER = 1


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate button: a character and the toneless reading it was found under."""

    char: str
    pinyin: str  # toneless, ü written v: "zhang", "lv"


def normalise_letters(letters: str) -> str:
    """Typed letters in the index's spelling: lower case, ü (or "u:") as v, no spaces."""
    return letters.strip().lower().replace("ü", "v").replace("u:", "v")


def spellings(syllable: str) -> tuple[str, ...]:
    """How a syllable may be typed: itself and, for lü/nü syllables, with u for ü."""
    if syllable[:2] in ("lv", "nv"):
        return (syllable, syllable[0] + "u" + syllable[2:])
    return (syllable,)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One (character, reading) pair with its two sort keys."""

    char: str
    pinyin: str
    surname_key: tuple[int, int]  # position 0
    given_key: tuple[int, int]  # later positions
    candidate: Candidate


class PinyinIndex:
    """Toneless pinyin → characters, ranked for names. Build it with `PinyinIndex.load()`."""

    _loaded: ClassVar[PinyinIndex | None] = None

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != DATA_FORMAT:
            raise ValueError(f"{DATA_FILE}: unsupported format {data.get('format')!r}")
        entries = _entries(data)
        self._readings = _readings_by_char(entries)
        self._keys = {e.candidate: (e.surname_key, e.given_key) for e in entries}
        self._compounds = _compound_seconds(data["surnames"])
        self.syllables: frozenset[str] = frozenset(e.pinyin for e in entries)
        prefixes = _prefix_matches(self.syllables)
        self._next = _next_letters(prefixes)
        by_syllable = _invert(prefixes)
        self._surname_order = _ranked(entries, by_syllable, surname=True)
        self._given_order = _ranked(entries, by_syllable, surname=False)
        self._after_first: dict[tuple[str, str], tuple[Candidate, ...]] = {}
        self._rare: dict[str, tuple[Candidate, ...]] | None = None
        self._rare_readings: dict[str, tuple[str, ...]] = {}
        # the characters that lead at each position (handwriting ranks by these too)
        self.surname_chars: frozenset[str] = frozenset(s[0] for s, _ in data["surnames"])
        self.given_chars: frozenset[str] = frozenset(g for g, _ in data["given"])

    @classmethod
    def load(cls) -> PinyinIndex:
        """The index of the shipped `assets/name_chars.json`, built once per process."""
        if cls._loaded is None:
            text = resources.files("kiosk_assets").joinpath(DATA_FILE).read_text("utf-8")
            cls._loaded = cls(json.loads(text))
        return cls._loaded

    def suggest(self, letters: str, position: int, limit: int = 12, *,
                before: str = "", offset: int = 0) -> list[Candidate]:
        """Up to `limit` candidates for the character at `position` (0 = the surname).

        `letters` is what was tapped for this character so far; `offset` pages through
        the rest of the ranking. Letters no syllable starts with give no candidates.
        """
        key = normalise_letters(letters)
        order = (self._surname_order if position == 0 else self._given_order).get(key)
        if order is None or limit <= 0:
            return []
        if position == 1 and len(before) == 1 and before in self._compounds:
            order = self._compound_first(key, before, order)
        start = max(offset, 0)
        found = list(order[start:start + limit])
        if len(found) < limit:  # past the common characters: the rare ones follow
            rare = self.rare_order(key)
            skip = max(start - len(order), 0)
            found += rare[skip:skip + limit - len(found)]
        return found

    def rare_order(self, letters: str) -> tuple[Candidate, ...]:
        """The rare characters (outside GB2312) read as `letters` may start, commonest
        first; the rare file is read the first time."""
        return self._load_rare().get(normalise_letters(letters), ())

    def _load_rare(self) -> dict[str, tuple[Candidate, ...]]:
        if self._rare is None:
            text = resources.files("kiosk_assets").joinpath(RARE_FILE).read_text("utf-8")
            self._rare, self._rare_readings = rare_ranking(json.loads(text))
        return self._rare

    def prefixes(self) -> frozenset[str]:
        """Every start of a syllable that has candidates ("z", "zh", …, "zhang"; "lu" for
        lü's characters too)."""
        return frozenset(self._surname_order)

    def prefix_rank(self, letters: str, position: int) -> tuple[int, int]:
        """How well `letters`' best candidate at `position` ranks (lower is better): the
        tier (common surname or name character first) and the rank within it."""
        order = (self._surname_order if position == 0 else self._given_order).get(
            normalise_letters(letters))
        keys = self._keys.get(order[0]) if order else None
        if keys is None:
            return (_OTHER + 1, 0)
        return keys[0] if position == 0 else keys[1]

    def next_letters(self, letters: str) -> frozenset[str]:
        """The letters that can follow `letters` in some syllable (v is ü)."""
        return self._next.get(normalise_letters(letters), frozenset())

    def readings(self, char: str) -> tuple[str, ...]:
        """Every toneless reading `char` is indexed under, a rare character's too (empty
        if the keypad does not offer it)."""
        common = self._readings.get(char)
        if common is not None:
            return common
        self._load_rare()
        return self._rare_readings.get(char, ())

    def _compound_first(self, key: str, first: str,
                        order: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        """`order` with the matching second characters of compound surnames put first."""
        cached = self._after_first.get((key, first))
        if cached is None:
            seconds = tuple(c for c in self._compounds[first]
                            if any(s.startswith(key) for s in spellings(c.pinyin)))
            chars = {c.char for c in seconds}
            cached = seconds + tuple(c for c in order if c.char not in chars)
            self._after_first[key, first] = cached
        return cached


def _tokens(general: str) -> Iterable[tuple[str, str]]:
    """The ("字", "pinyin") pairs of the data's `general` string, in order."""
    for token in general.split():
        match = _TOKEN.fullmatch(token)
        if match is None:
            raise ValueError(f"{DATA_FILE}: bad token {token!r}")
        yield match[1], match[2]


def rare_ranking(data: dict[str, Any]) -> tuple[dict[str, tuple[Candidate, ...]],
                                                dict[str, tuple[str, ...]]]:
    """Prefix → the rare file's characters of every syllable starting so, in its order;
    and each rare character's readings."""
    if data.get("format") != DATA_FORMAT:
        raise ValueError(f"{RARE_FILE}: unsupported format {data.get('format')!r}")
    entries = [_Entry(char, pinyin, (_OTHER, rank), (_OTHER, rank), Candidate(char, pinyin))
               for rank, (char, pinyin) in enumerate(dict.fromkeys(_tokens(data["rare"])))]
    by_syllable = _invert(_prefix_matches({e.pinyin for e in entries}))
    return _ranked(entries, by_syllable, surname=True), _readings_by_char(entries)


def _boost_ranks(items: list[list[str]], *, compounds: bool) -> dict[tuple[str, str], int]:
    """(character, reading) → rank in a list of [text, "reading …"] entries, best first.

    For surnames (`compounds`), text may be a compound and its readings go one per
    character; only its first character is boosted. For given-name characters the text is
    one character and each reading counts.
    """
    ranks: dict[tuple[str, str], int] = {}
    for rank, (text, spelled) in enumerate(items):
        pairs = [(text[0], spelled.split()[0])] if compounds else [
            (text, syllable) for syllable in spelled.split()]
        for pair in pairs:
            ranks.setdefault(pair, rank)
    return ranks


def _entries(data: dict[str, Any]) -> list[_Entry]:
    """Every (character, reading) of the data with its sort keys, in general order."""
    surname_ranks = _boost_ranks(data["surnames"], compounds=True)
    given_ranks = _boost_ranks(data["given"], compounds=False)
    general = dict.fromkeys(_tokens(data["general"]))
    # A surname or name reading that no phrase uses is still indexed, after the rest.
    seconds = [(c.char, c.pinyin) for cs in _compound_seconds(data["surnames"]).values()
               for c in cs]
    general.update(dict.fromkeys((*surname_ranks, *given_ranks, *seconds)))
    entries = []
    for rank, (char, pinyin) in enumerate(general):
        surname = surname_ranks.get((char, pinyin))
        given = given_ranks.get((char, pinyin))
        entries.append(_Entry(
            char, pinyin,
            (_OTHER, rank) if surname is None else (_BOOSTED, surname),
            (_OTHER, rank) if given is None else (_BOOSTED, given),
            Candidate(char, pinyin)))
    return entries


def _readings_by_char(entries: list[_Entry]) -> dict[str, tuple[str, ...]]:
    readings: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        readings[entry.char].append(entry.pinyin)
    return {char: tuple(syllables) for char, syllables in readings.items()}


def _compound_seconds(surnames: list[list[str]]) -> dict[str, tuple[Candidate, ...]]:
    """First character of a compound surname → its possible second characters."""
    seconds: dict[str, list[Candidate]] = defaultdict(list)
    for text, spelled in surnames:
        if len(text) == 2:
            seconds[text[0]].append(Candidate(text[1], spelled.split()[1]))
    return {first: tuple(chars) for first, chars in seconds.items()}


def _prefix_matches(syllables: Iterable[str]) -> dict[str, dict[str, int]]:
    """Typed prefix → {syllable: 0 if spelled so, 1 if only through the u-for-ü alias}."""
    prefixes: dict[str, dict[str, int]] = defaultdict(dict)
    for syllable in syllables:
        for alias, spelling in enumerate(spellings(syllable)):
            for end in range(1, len(spelling) + 1):
                found = prefixes[spelling[:end]]
                found[syllable] = min(found.get(syllable, alias), alias)
    return prefixes


def _next_letters(prefixes: Iterable[str]) -> dict[str, frozenset[str]]:
    following: dict[str, set[str]] = defaultdict(set)
    for prefix in prefixes:
        following[prefix[:-1]].add(prefix[-1])
    return {prefix: frozenset(letters) for prefix, letters in following.items()}


def _invert(prefixes: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, int]]]:
    """Syllable → the (prefix, alias) pairs it matches."""
    matched: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for prefix, found in prefixes.items():
        for syllable, alias in found.items():
            matched[syllable].append((prefix, alias))
    return matched


def _ranked(entries: list[_Entry], prefixes_of: dict[str, list[tuple[str, int]]], *,
            surname: bool) -> dict[str, tuple[Candidate, ...]]:
    """Prefix → its candidates, best first, each character once.

    Entries are ranked by (tier, alias, rank): boosted characters first, and within a
    tier those spelled as typed before those found through the u-for-ü alias.
    """
    ordered = sorted(entries, key=lambda e: e.surname_key if surname else e.given_key)
    tiers = [[e for e in ordered if (e.surname_key if surname else e.given_key)[0] == tier]
             for tier in (_BOOSTED, _OTHER)]
    ranked: dict[str, list[Candidate]] = defaultdict(list)
    seen: dict[str, set[str]] = defaultdict(set)
    for tier in tiers:
        for alias in (0, 1):
            for entry in tier:
                candidate = entry.candidate
                for prefix, how in prefixes_of[entry.pinyin]:
                    if how == alias and candidate.char not in seen[prefix]:
                        seen[prefix].add(candidate.char)
                        ranked[prefix].append(candidate)
    return {prefix: tuple(candidates) for prefix, candidates in ranked.items()}
