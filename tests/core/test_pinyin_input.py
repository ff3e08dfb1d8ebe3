"""The pinyin name keypad's engine, on the shipped data (assets/name_chars.json)."""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.glyphs import drawable
from kiosk.core.pinyin_input import Candidate, PinyinIndex, normalise_letters, spellings

ROOT = Path(__file__).resolve().parents[2]
INDEX = PinyinIndex.load()
SYLLABLES = sorted(INDEX.syllables)
PREFIXES = sorted({s[:end] for syllable in SYLLABLES for s in spellings(syllable)
                   for end in range(1, len(s) + 1)})


def chars(letters: str, position: int, limit: int = 12, *, before: str = "",
          offset: int = 0) -> list[str]:
    return [c.char for c in INDEX.suggest(letters, position, limit, before=before,
                                          offset=offset)]


def shipped_data() -> dict[str, object]:
    text = resources.files("kiosk_assets").joinpath("name_chars.json").read_text("utf-8")
    data: dict[str, object] = json.loads(text)
    return data


# --- ranking -------------------------------------------------------------------------

def test_zhang_as_a_surname_is_zhang_first_then_zhang_of_the_seal() -> None:
    found = chars("zhang", 0)
    assert found[0] == "张"
    assert "章" in found


@pytest.mark.parametrize(("letters", "first"), [
    ("wang", "王"), ("li", "李"), ("zhang", "张"), ("liu", "刘"), ("chen", "陈"),
    ("yang", "杨"), ("huang", "黄"), ("zhao", "赵"), ("wu", "吴"), ("zhou", "周"),
])
def test_the_commonest_surnames_come_first(letters: str, first: str) -> None:
    assert chars(letters, 0)[0] == first


def test_wei_in_a_given_name_offers_wei_of_greatness_near_the_top() -> None:
    assert "伟" in chars("wei", 1)[:3]


def test_a_prefix_merges_the_surnames_of_every_syllable_it_starts() -> None:
    top = chars("zh", 0)
    assert {"张", "赵", "周", "朱"} <= set(top)
    assert top[0] == "张"


def test_position_changes_the_ranking() -> None:
    """A surname character leads at position 0, a given-name character at position 1."""
    assert chars("fang", 0)[0] == "方"
    assert chars("fang", 1)[0] == "芳"
    assert chars("jun", 1)[0] == "军"
    assert chars("jun", 2) == chars("jun", 1)


@pytest.mark.parametrize("name", ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨秀英", "黄丽",
                                  "赵强", "吴敏", "周杰", "徐明", "孙丽华", "马超", "朱建国"])
def test_common_names_take_one_letter_per_character(name: str) -> None:
    """The first letter alone puts each character of a common name on the first page."""
    for position, char in enumerate(name):
        initials = {reading[0] for reading in INDEX.readings(char)}
        assert any(char in chars(i, position, before=name[:position]) for i in initials), char


def test_every_top_surname_is_on_the_first_page_of_its_syllable() -> None:
    surnames = shipped_data()["surnames"]
    assert isinstance(surnames, list)
    missed = [(name, spelled) for name, spelled in surnames[:200]
              if name[0] not in chars(spelled.split()[0], 0)]
    assert missed == []


# --- polyphonic surnames -------------------------------------------------------------

@pytest.mark.parametrize(("surname", "reading", "top"), [
    ("单", "shan", 1), ("曾", "zeng", 1), ("解", "xie", 2), ("区", "ou", 2), ("仇", "qiu", 3),
    ("朴", "piao", 1), ("查", "zha", 12), ("盖", "ge", 3), ("乐", "yue", 2), ("覃", "qin", 2),
    ("缪", "miao", 2), ("翟", "zhai", 1),
])
def test_a_polyphonic_surname_ranks_under_its_surname_reading(
        surname: str, reading: str, top: int) -> None:
    assert surname in chars(reading, 0, limit=top)


@pytest.mark.parametrize(("surname", "surname_reading", "other_reading"), [
    ("单", "shan", "dan"), ("曾", "zeng", "ceng"), ("解", "xie", "jie"), ("区", "ou", "qu"),
    ("仇", "qiu", "chou"), ("朴", "piao", "pu"), ("查", "zha", "cha"), ("盖", "ge", "gai"),
    ("乐", "yue", "le"), ("覃", "qin", "tan"),
])
def test_only_the_surname_reading_of_a_polyphone_is_boosted(
        surname: str, surname_reading: str, other_reading: str) -> None:
    """Under its other reading the character is ranked like any other, not as a surname."""
    assert other_reading in INDEX.readings(surname)
    otherwise = chars(other_reading, 0, limit=1000)
    assert surname in otherwise
    surnames = shipped_data()["surnames"]
    assert isinstance(surnames, list)
    read_so = {name[0] for name, spelled in surnames
               if spelled.split()[0].startswith(other_reading) and name[0] != surname}
    assert read_so <= set(otherwise[:otherwise.index(surname)])


def test_compound_surnames_start_at_position_0_and_continue_at_position_1() -> None:
    assert "尉" in chars("yu", 0, limit=24)
    assert "欧" in chars("ou", 0, limit=1)
    assert chars("chi", 1, before="尉")[0] == "迟"
    assert chars("chi", 1)[0] != "迟"  # no compound surname without its first character
    assert chars("y", 1, before="欧")[0] == "阳"
    assert chars("m", 1, before="司")[0] == "马"
    assert chars("g", 1, before="诸")[0] == "葛"
    assert chars("q", 1, before="万")[0] == "俟"
    assert chars("chi", 2, before="尉迟")[0] != "迟"


def test_before_does_not_add_what_the_letters_rule_out() -> None:
    assert "阳" not in chars("m", 1, before="欧")


# --- ü, spelling, bad input ----------------------------------------------------------

@pytest.mark.parametrize("letters", ["lv", "lü", "LV", "lu:", " lv "])
def test_lv_spellings_find_lv(letters: str) -> None:
    assert chars(letters, 0)[0] == "吕"


def test_lu_also_finds_lv_after_the_lu_surnames() -> None:
    found = chars("lu", 0)
    assert "吕" in found
    assert found.index("卢") < found.index("吕")
    assert found.index("陆") < found.index("吕")
    assert chars("nv", 1, limit=50)[0] == "女"
    assert "女" in chars("nu", 1, limit=50)
    assert "略" in chars("lue", 1, limit=50)


def test_v_is_only_a_letter_after_l_and_n() -> None:
    assert chars("v", 0) == []
    assert "v" in INDEX.next_letters("l")
    assert "v" in INDEX.next_letters("n")
    assert "v" not in INDEX.next_letters("j")


@pytest.mark.parametrize("letters", ["xq", "", "zhangg", "123", "张", "z h", "vv", "ii"])
def test_letters_no_syllable_starts_with_give_nothing(letters: str) -> None:
    assert INDEX.suggest(letters, 0) == []
    assert INDEX.suggest(letters, 1, before="欧") == []
    assert INDEX.next_letters(letters) == (INDEX.next_letters("") if letters == "" else set())


def test_limits_and_offsets_page_through_one_ranking() -> None:
    everything = chars("s", 0, limit=10_000)
    assert len(everything) == len(set(everything)) > 100
    pages = [chars("s", 0, limit=12, offset=o) for o in range(0, len(everything), 12)]
    assert [c for page in pages for c in page] == everything
    assert INDEX.suggest("s", 0, limit=0) == []
    assert chars("s", 0, offset=-5) == everything[:12]
    assert INDEX.suggest("s", 0, offset=len(everything)) == []


# --- next letters --------------------------------------------------------------------

def test_next_letters_after_zh() -> None:
    assert INDEX.next_letters("zh") <= {"a", "e", "i", "o", "u"}
    assert INDEX.next_letters("zh") == {"a", "e", "i", "o", "u"}


def test_every_letter_but_i_u_v_starts_a_syllable() -> None:
    assert INDEX.next_letters("") == set(string.ascii_lowercase) - {"i", "u", "v"}


def test_a_complete_syllable_that_nothing_extends_has_no_next_letters() -> None:
    assert INDEX.next_letters("zhuang") == set()
    assert INDEX.next_letters("zhang") == set()
    assert INDEX.next_letters("zhan") == {"g"}


@pytest.mark.parametrize("prefix", ["", *PREFIXES])
def test_next_letters_are_exactly_the_letters_that_give_candidates(prefix: str) -> None:
    for letter in string.ascii_lowercase:
        offered = letter in INDEX.next_letters(prefix)
        assert offered == bool(INDEX.suggest(prefix + letter, 0, limit=1)), prefix + letter


# --- the data ------------------------------------------------------------------------

def is_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def test_every_candidate_is_one_character_read_as_typed_common_ones_first() -> None:
    """GB2312 characters first; then the rare ones, each one the font chain draws."""
    for prefix in PREFIXES:
        for position in (0, 1):
            found = INDEX.suggest(prefix, position, limit=100_000)
            common = [is_gb2312(c.char) for c in found]
            assert common == sorted(common, reverse=True)  # never a rare one before
            for candidate in found:
                assert len(candidate.char) == 1 and drawable(candidate.char)
                assert candidate.pinyin in INDEX.readings(candidate.char)
                assert any(s.startswith(prefix) for s in spellings(candidate.pinyin))


def test_a_rare_name_character_is_found_by_paging_on() -> None:
    """䶮 (extension A, read yan): after every GB2312 yan, never before."""
    found = INDEX.suggest("yan", 1, limit=100_000)
    chars = [c.char for c in found]
    assert "䶮" in chars and all(is_gb2312(c) for c in chars[:chars.index("䶮")][:40])
    page = chars.index("䶮") // 12
    assert "䶮" in [c.char for c in INDEX.suggest("yan", 1, 12, offset=page * 12)]


def test_the_index_covers_gb2312_and_the_syllables_of_mandarin() -> None:
    assert 400 <= len(SYLLABLES) <= 420
    assert {"zhang", "lv", "lve", "nv", "er", "a", "o", "e"} <= INDEX.syllables
    assert not {"m", "n", "ng", "hm", "hng"} & INDEX.syllables
    level_one = {bytes((hi, lo)).decode("gb2312")
                 for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
                 if (hi, lo) < (0xD7, 0xFA)}
    assert not [c for c in level_one if not INDEX.readings(c)]


def test_the_lists_are_large_and_their_readings_are_indexed() -> None:
    data = shipped_data()
    surnames, given_chars = data["surnames"], data["given"]
    assert isinstance(surnames, list) and isinstance(given_chars, list)
    assert len([s for s, _ in surnames if len(s) == 1]) >= 300
    assert len([s for s, _ in surnames if len(s) == 2]) >= 30
    assert len(given_chars) >= 500
    for text, spelled in [*surnames, *given_chars]:
        for char, syllable in zip(text, spelled.split(), strict=False):
            assert syllable in INDEX.readings(char), (text, spelled)


def test_normalise_letters() -> None:
    assert normalise_letters(" LÜE ") == "lve"
    assert normalise_letters("nu:") == "nv"


def test_load_is_cached() -> None:
    assert PinyinIndex.load() is INDEX


def test_a_candidate_is_a_value() -> None:
    assert INDEX.suggest("wang", 0, limit=1) == [Candidate("王", "wang")]


def test_an_unknown_data_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        PinyinIndex({"format": 99})


@given(syllable=st.sampled_from(SYLLABLES), cut=st.integers(1, 6),
       position=st.integers(0, 3), offset=st.integers(0, 60), limit=st.integers(1, 30),
       before=st.sampled_from(["", "欧", "司", "尉", "王", "张伟"]))
@settings(max_examples=300, deadline=None)
def test_every_suggestion_is_read_with_a_syllable_starting_with_the_letters(
        *, syllable: str, cut: int, position: int, offset: int, limit: int, before: str,
) -> None:
    prefix = syllable[:cut]
    found = INDEX.suggest(prefix, position, limit, before=before, offset=offset)
    assert len(found) <= limit
    assert len({c.char for c in found}) == len(found)
    for candidate in found:
        assert any(s.startswith(prefix) for reading in INDEX.readings(candidate.char)
                   for s in spellings(reading))


# --- the generator -------------------------------------------------------------------

def run_generator(out: Path, hash_seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_name_chars.py"),
                    "--out", str(out), "--rare-out", str(out.with_suffix(".rare.json"))],
                   check=True, env=env, capture_output=True)
    return out.read_bytes()


def test_the_generator_is_reproducible(tmp_path: Path) -> None:
    """Two runs (with different string hashing) write the same bytes, the shipped ones."""
    first = run_generator(tmp_path / "first.json", "1")
    second = run_generator(tmp_path / "second.json", "2")
    assert first == second
    assert json.loads(first)["format"] == 1
    data = shipped_data()
    if data["pypinyin"] != version("pypinyin"):
        pytest.skip(f"shipped data built with pypinyin {data['pypinyin']}, "
                    f"{version('pypinyin')} installed")
    assert first == (ROOT / "assets" / "name_chars.json").read_bytes()
    assert (tmp_path / "first.rare.json").read_bytes() == (
        ROOT / "assets" / "name_chars_rare.json").read_bytes()


def test_the_generator_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "stale.json"
    stale.write_text("{}\n", encoding="utf-8")
    script = str(ROOT / "scripts" / "build_name_chars.py")
    result = subprocess.run([sys.executable, script, "--check", "--out", str(stale),
                             "--rare-out", str(stale)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "stale" in result.stderr
