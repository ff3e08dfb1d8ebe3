"""The handwriting recogniser: the real Zinnia library and Tegaki's model (Debian packages
libzinnia0 and tegaki-zinnia-simplified-chinese, installed by scripts/bootstrap.sh), fed
real stroke data (tests/system/data/name_strokes.json: each stroke's centre line, in writing
order, of common surname and given-name characters)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.core.handwriting import rank_for_name
from kiosk.core.pinyin_input import PinyinIndex
from kiosk.system.handwriting import (
    LIBRARY_ENV,
    LIBRARY_PACKAGE,
    MODEL_ENV,
    MODEL_PACKAGE,
    Recogniser,
    Unavailable,
    open_recogniser,
)

DATA = json.loads(Path(__file__).with_name("data").joinpath("name_strokes.json")
                  .read_text("utf-8"))
INDEX = PinyinIndex.load()
Strokes = list[tuple[tuple[float, float], ...]]


def strokes_of(char: str) -> Strokes:
    medians = DATA["surnames"].get(char) or DATA["given"][char]
    return [tuple((float(x), float(y)) for x, y in stroke) for stroke in medians]


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    opened = open_recogniser()
    assert isinstance(opened, Recogniser), opened
    return opened


def offered(recogniser: Recogniser, strokes: Strokes, position: int) -> list[str]:
    return rank_for_name(recogniser.classify(strokes, 40), INDEX, position, 10)


@pytest.mark.parametrize("char", ["李", "陈", "杨", "黄", "周", "孙", "林", "高"])
def test_common_surnames_come_first(recogniser: Recogniser, char: str) -> None:
    assert offered(recogniser, strokes_of(char), 0)[0] == char


def test_most_of_the_100_commonest_surnames_are_among_five_candidates(
        recogniser: Recogniser) -> None:
    found = [c for c in DATA["surnames"] if c in offered(recogniser, strokes_of(c), 0)[:5]]
    assert len(DATA["surnames"]) == 100
    assert len(found) >= 90, sorted(set(DATA["surnames"]) - set(found))


def test_given_name_characters_are_found_after_the_surname(recogniser: Recogniser) -> None:
    found = [c for c in DATA["given"] if c in offered(recogniser, strokes_of(c), 1)[:5]]
    assert len(found) >= 85, sorted(set(DATA["given"]) - set(found))


def test_where_and_how_big_one_writes_does_not_matter(recogniser: Recogniser) -> None:
    small_corner = [tuple((x * 0.2 + 5, y * 0.2 + 600) for x, y in s)
                    for s in strokes_of("陈")]
    assert offered(recogniser, small_corner, 0)[0] == "陈"


def test_stroke_order_is_part_of_the_shape(recogniser: Recogniser) -> None:
    """Zinnia compares strokes in order: the same lines drawn backwards are another
    character (why the pad draws each stroke as it is written and offers undo)."""
    backwards = [tuple(reversed(s)) for s in reversed(strokes_of("李"))]
    assert offered(recogniser, backwards, 0)[:1] != ["李"]


def test_nothing_written_gives_nothing(recogniser: Recogniser) -> None:
    assert recogniser.classify([]) == []
    assert recogniser.classify([()]) == []
    assert recogniser.classify(strokes_of("李"), limit=0) == []


def test_scribbles_give_guesses_not_errors(recogniser: Recogniser) -> None:
    dots = [((float(i), float(i)),) for i in range(64)]
    huge = [((-1e12, 1e12), (1e12, -1e12))]
    assert isinstance(recogniser.classify(dots), list)
    assert isinstance(recogniser.classify(huge), list)


def test_a_missing_library_is_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIBRARY_ENV, "libzinnia-absent.so.0")
    missing = open_recogniser()
    assert isinstance(missing, Unavailable)
    assert missing.params == {"package": LIBRARY_PACKAGE}
    assert "recogniser" in missing.reason


def test_a_library_that_is_not_zinnia_is_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIBRARY_ENV, "libc.so.6")
    assert isinstance(open_recogniser(), Unavailable)


@pytest.mark.parametrize("content", [None, b"", b"x", bytes(range(256)) * 400, "truncated"])
def test_a_missing_or_broken_model_is_a_reason(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path,
                                               content: bytes | str | None) -> None:
    model = tmp_path / "handwriting.model"
    if content == "truncated":
        real = open_recogniser()
        assert isinstance(real, Recogniser)
        model.write_bytes(real.model.read_bytes()[:1_000_000])
    elif isinstance(content, bytes):
        model.write_bytes(content)
    monkeypatch.setenv(MODEL_ENV, str(model))
    broken = open_recogniser()
    assert isinstance(broken, Unavailable)
    assert broken.params == {"package": MODEL_PACKAGE}
