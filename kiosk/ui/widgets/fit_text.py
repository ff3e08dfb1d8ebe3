"""A button's text fitted to its room: as large as it can be, up to its own size, on one
line or on two (broken at a space, or after "/", "-" or a comma), never below the least
text size; when that is not enough, on three lines or with a long word broken by a hyphen;
what does not fit even then is cut with "…".

A seven-column grid of trade tiles is narrow: English names ("Production-line worker")
and large text (大字) with four-character names did not fit and were cut mid-letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

BREAK_AFTER = "/-、，,;"  # a line may also end after these (a space is dropped at a break)
MIN_HYPHENATED = 8  # a shorter word is never broken with a hyphen


@dataclass(frozen=True, slots=True)
class Fitted:
    font: QFont
    text: str  # the lines to draw, "\n" between them, "&" as shown (no mnemonics)
    cut: bool = False  # even at the least size it did not fit: lines end with "…"


def fit_text(font: QFont, text: str, width: int, height: int, floor_px: int) -> Fitted:
    """`text` (a button's: "&&" is one "&") in `font` or smaller, within `width`×`height`."""
    shown = text.replace("&&", "&")
    layouts = [shown] if "\n" in shown else [shown, *two_lines(shown)]
    sizes = [_largest_px(font, lines, width, height) for lines in layouts]
    least = min(floor_px, font.pixelSize())
    if max(sizes) < least and "\n" not in shown:  # rather three lines or a hyphen than "…"
        layouts += last_resort(shown)
        sizes += [_largest_px(font, lines, width, height) for lines in layouts[len(sizes):]]
    best = max(range(len(layouts)), key=lambda i: (sizes[i], -i))  # fewer breaks on a tie
    px = max(sizes[best], least)
    fitted = _sized(font, px)
    if sizes[best] >= px:
        return Fitted(fitted, layouts[best])
    metrics = QFontMetrics(fitted)  # even the least size is too wide: cut each line
    cut = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
           for line in layouts[best].split("\n")]
    return Fitted(fitted, "\n".join(cut), cut=True)


def two_lines(text: str) -> list[str]:
    """Every way to break `text` in two: at a space (dropped; not one before "/" or "-",
    which would start the second line), or after a character of BREAK_AFTER."""
    breaks = [(i, i + 1) for i, ch in enumerate(text)
              if ch == " " and text[i + 1:i + 2] not in ("/", "-")]
    breaks += [(i + 1, i + 1) for i, ch in enumerate(text[:-1]) if ch in BREAK_AFTER]
    splits = (f"{text[:end].rstrip()}\n{text[start:].lstrip()}" for end, start in breaks)
    return list(dict.fromkeys(split for split in splits  # "a / b": one split, not two
                              if not split.startswith("\n") and not split.endswith("\n")))


def last_resort(text: str) -> list[str]:
    """Layouts tried only when no one- or two-line layout fits at the least size: three
    lines, a long Latin word broken with a hyphen ("Waterproof-" / "er"), or Chinese
    broken between two characters, as Chinese may be ("请工作人员" / "帮助")."""
    three = [f"{first}\n{rest}" for split in two_lines(text)
             for first, second in [split.split("\n", 1)] for rest in two_lines(second)]
    hyphenated = []
    for word in dict.fromkeys(text.split()):
        if len(word) >= MIN_HYPHENATED and word.isascii() and word.isalpha():
            # the most even break first: on a tie of sizes the earlier layout wins
            cuts = sorted(range(3, len(word) - 2), key=lambda i: (abs(len(word) - 2 * i), i))
            hyphenated += [text.replace(word, f"{word[:i]}-\n{word[i:]}", 1) for i in cuts]
    middle = len(text) / 2  # the most even break first
    between = sorted((i for i in range(1, len(text)) if _cjk(text[i - 1]) and _cjk(text[i])),
                     key=lambda i: (abs(middle - i), i))
    return [*three, *hyphenated, *(f"{text[:i]}\n{text[i:]}" for i in between)]


def _cjk(char: str) -> bool:
    """A Chinese character (the unified ideographs and their extension A)."""
    return "\u3400" <= char <= "\u9fff"


def _largest_px(font: QFont, lines: str, width: int, height: int) -> int:
    """The largest pixel size, at most `font`'s, at which `lines` fit `width`×`height`."""
    metrics = QFontMetrics(font)
    px = font.pixelSize()
    widest = max(metrics.horizontalAdvance(line) for line in lines.split("\n"))
    tall = metrics.lineSpacing() * (lines.count("\n") + 1)
    if widest > width:
        px = min(px, font.pixelSize() * width // max(1, widest))
    if tall > height:
        px = min(px, font.pixelSize() * height // max(1, tall))
    return px


def _sized(font: QFont, px: int) -> QFont:
    if px == font.pixelSize():
        return font
    sized = QFont(font)
    sized.setPixelSize(max(1, px))
    return sized
