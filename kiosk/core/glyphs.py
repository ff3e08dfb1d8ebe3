"""Which characters can be printed and shown: the font chain's coverage, and emoji.

Input refuses what no font of the chain draws (it would print as a box or vanish from a
PDF) and emoji in job text; both are told to the person at once, never dropped later.
"""

from __future__ import annotations

import bisect

from kiosk.core.glyph_ranges import RANGES

_STARTS = tuple(start for start, _ in RANGES)
# Emoji blocks (pictographs, faces, transport, flags …) and the joiners and selectors that
# make emoji of other characters.
_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x1F1E6, 0x1F1FF), (0xE0020, 0xE007F))
_EMOJI_MARKS = frozenset("\ufe0f\u200d\u20e3")


def drawable(ch: str) -> bool:
    code = ord(ch)
    at = bisect.bisect_right(_STARTS, code) - 1
    return at >= 0 and RANGES[at][0] <= code <= RANGES[at][1]


def undrawable(text: str) -> str:
    """The characters of `text` no font draws, each once, in order (whitespace aside)."""
    seen: list[str] = []
    for ch in text:
        if not ch.isspace() and ch not in seen and not drawable(ch):
            seen.append(ch)
    return "".join(seen)


def has_emoji(text: str) -> bool:
    return any(ch in _EMOJI_MARKS or any(a <= ord(ch) <= b for a, b in _EMOJI_RANGES)
               for ch in text)
