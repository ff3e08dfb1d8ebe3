"""Handwritten characters for a name: the recogniser's guesses ranked as a name pad wants.

The recogniser (`kiosk.system.handwriting`, Zinnia with Tegaki's Simplified Chinese model)
knows characters a name never holds (radicals such as 钅, rare characters the printers
cannot print) and ranks only by shape. A name pad keeps the characters the pinyin keypad
offers (the GB2312 set of `PinyinIndex`) and, as the pinyin keypad does, prefers common
surnames for the first character and common given-name characters after it: a guess of
that kind gains `NAME_BONUS` on the recogniser's score (an SVM margin, roughly -2…+2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.core.pinyin_input import PinyinIndex

NAME_BONUS = 0.6
MAX_STROKES = 64  # more is scribbling: the pad stops taking strokes
MAX_POINTS = 2_000  # points of one stroke (a finger sampled at 120 Hz for 16 s)


@dataclass(frozen=True, slots=True)
class Guess:
    """One recognised character and the recogniser's score for it (higher is better)."""

    char: str
    score: float


Point = tuple[float, float]
Stroke = tuple[Point, ...]


def rank_for_name(guesses: Iterable[Guess], index: PinyinIndex, position: int,
                  limit: int) -> list[str]:
    """The characters to offer for the character at `position` (0: the surname), best
    first: only those the name keypad offers, name characters lifted by `NAME_BONUS`."""
    preferred = index.surname_chars if position == 0 else index.given_chars
    scored: dict[str, float] = {}
    for guess in guesses:
        if len(guess.char) != 1 or not index.readings(guess.char):
            continue
        score = guess.score + (NAME_BONUS if guess.char in preferred else 0.0)
        scored[guess.char] = max(score, scored.get(guess.char, score))
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    return [char for char, _ in ranked[:max(limit, 0)]]


def fit_strokes(strokes: Iterable[Iterable[Point]], width: float,
                height: float) -> list[Stroke]:
    """Strokes drawn on a `width`×`height` pad as the recogniser takes them: points
    clamped to the pad, empty strokes dropped, at most MAX_STROKES of MAX_POINTS each."""
    fitted: list[Stroke] = []
    for stroke in strokes:
        points = tuple((min(max(x, 0.0), width), min(max(y, 0.0), height))
                       for x, y in stroke)[:MAX_POINTS]
        if points:
            fitted.append(points)
        if len(fitted) == MAX_STROKES:
            break
    return fitted


BOX = 1000  # the recogniser's writing box: Tegaki's models were trained in 1000×1000
MARGIN = 0.1  # share of the box left round the writing
MIN_STEP = 12  # points closer than this (in the box) to the last one kept are dropped


def _thinned(points: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """A stroke without the points a finger reports between two that matter: the
    recogniser looks at a stroke's turning points, and its time grows with the points."""
    kept = [points[0]]
    for x, y in points[1:-1]:
        lx, ly = kept[-1]
        if (x - lx) ** 2 + (y - ly) ** 2 >= MIN_STEP ** 2:
            kept.append((x, y))
    if len(points) > 1:
        kept.append(points[-1])
    return tuple(kept)


def normalise(strokes: Iterable[Stroke]) -> list[tuple[tuple[int, int], ...]]:
    """Strokes scaled and centred into the BOX (aspect kept, MARGIN round it), as integer
    points MIN_STEP apart at least: where on the pad and how big people write does not
    matter then, nor how often the panel reports the finger."""
    strokes = [s for s in strokes if s]
    points = [p for s in strokes for p in s]
    if not points:
        return []
    xs, ys = [x for x, _ in points], [y for _, y in points]
    extent = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = BOX * (1 - 2 * MARGIN) / extent
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [_thinned([(round((x - cx) * scale + BOX / 2), round((y - cy) * scale + BOX / 2))
                      for x, y in s]) for s in strokes]
