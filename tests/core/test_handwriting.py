"""Ranking the recogniser's guesses for a name, and fitting strokes into its box (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.handwriting import (
    BOX,
    MARGIN,
    MAX_POINTS,
    MAX_STROKES,
    NAME_BONUS,
    Guess,
    fit_strokes,
    normalise,
    rank_for_name,
)
from kiosk.core.pinyin_input import PinyinIndex

INDEX = PinyinIndex.load()


def test_characters_the_name_keypad_does_not_offer_are_dropped() -> None:
    """The keypad offers rare characters it can read and draw (龘 da), not a mark (々), a
    non-character, or one pypinyin cannot read (𠮷)."""
    guesses = [Guess("龘", 2.0), Guess("々", 1.5), Guess("ab", 1.4), Guess("𠮷", 1.3),
               Guess("", 1.2), Guess("陈", 0.1)]
    assert rank_for_name(guesses, INDEX, 0, 10) == ["龘", "陈"]


def test_a_common_surname_is_lifted_first_but_only_at_the_first_character() -> None:
    # 王 is a surname and not a common given-name character; 今 is neither
    guesses = [Guess("今", 0.2), Guess("王", 0.2 - NAME_BONUS / 2)]
    assert rank_for_name(guesses, INDEX, 0, 5) == ["王", "今"]
    assert rank_for_name(guesses, INDEX, 1, 5) == ["今", "王"]


def test_given_name_characters_are_lifted_after_the_surname() -> None:
    guesses = [Guess("劳", 0.3), Guess("英", 0.3 - NAME_BONUS / 2)]
    assert "英" in INDEX.given_chars and "劳" not in INDEX.given_chars
    assert rank_for_name(guesses, INDEX, 1, 5) == ["英", "劳"]


def test_a_far_better_shape_still_wins_over_a_name_character() -> None:
    guesses = [Guess("今", 1.5), Guess("王", 1.5 - 2 * NAME_BONUS)]
    assert rank_for_name(guesses, INDEX, 0, 1) == ["今"]


def test_the_limit_holds_and_duplicates_count_once() -> None:
    guesses = [Guess("李", 1.0), Guess("李", 0.5), Guess("张", 0.4), Guess("陈", 0.3)]
    assert rank_for_name(guesses, INDEX, 0, 2) == ["李", "张"]
    assert rank_for_name(guesses, INDEX, 0, 0) == []


def test_normalise_centres_and_scales_into_the_box() -> None:
    boxed = normalise([((10.0, 10.0), (30.0, 10.0)), ((20.0, 0.0), (20.0, 40.0))])
    xs = [x for s in boxed for x, _ in s]
    ys = [y for s in boxed for _, y in s]
    assert min(ys) == round(BOX * MARGIN) and max(ys) == round(BOX * (1 - MARGIN))
    assert (min(xs) + max(xs)) / 2 == BOX / 2  # the narrow side centred, aspect kept
    assert max(xs) - min(xs) == (max(ys) - min(ys)) // 2


def test_a_dot_or_nothing_does_not_divide_by_zero() -> None:
    assert normalise([]) == []
    assert normalise([((5.0, 5.0),)]) == [((BOX // 2, BOX // 2),)]


@given(st.lists(st.lists(st.tuples(st.floats(allow_nan=False, allow_infinity=False,
                                             min_value=-1e9, max_value=1e9),
                                   st.floats(allow_nan=False, allow_infinity=False,
                                             min_value=-1e9, max_value=1e9)),
                         max_size=5), max_size=80))
def test_any_input_fits_the_pad_and_the_box(strokes: list[list[tuple[float, float]]]) -> None:
    fitted = fit_strokes(strokes, 400.0, 300.0)
    assert len(fitted) <= MAX_STROKES
    assert all(0 <= x <= 400 and 0 <= y <= 300 for s in fitted for x, y in s)
    assert all(0 <= x <= BOX and 0 <= y <= BOX for s in normalise(fitted) for x, y in s)


def test_a_stroke_too_long_is_cut() -> None:
    fitted = fit_strokes([[(1.0, 1.0)] * (MAX_POINTS + 50)], 10.0, 10.0)
    assert len(fitted[0]) == MAX_POINTS


def test_points_a_finger_reports_close_together_are_thinned_ends_kept() -> None:
    dense = [tuple((float(i), 0.0) for i in range(1001)), ((0.0, 500.0), (0.0, 501.0))]
    boxed = normalise(dense)
    first = boxed[0]
    assert first[0] == (round(BOX * MARGIN), BOX // 2 - 200)
    assert first[-1] == (round(BOX * (1 - MARGIN)), BOX // 2 - 200)
    assert 60 <= len(first) <= 70  # 800 box units at one point per MIN_STEP (12)
    assert len(boxed[1]) == 2  # a stroke's two ends stay, however close
