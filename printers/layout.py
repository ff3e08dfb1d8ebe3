"""Lay a ticket out on a strip of paper: positioned text, QR codes and rules.

Units are whatever the painter uses (printer dots for raster, points for PDF); the painter
supplies a function that measures text at a size. Both painters draw the same layout.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from printers.tickets import Block, Field, Heading, Huge, Paragraph, QRCode, Rule, Ticket

Measure = Callable[[str, float], float]


@dataclass(frozen=True, slots=True)
class TextRun:
    x: float
    y: float  # top of the line
    size: float
    text: str


@dataclass(frozen=True, slots=True)
class QRBox:
    x: float
    y: float
    side: float
    payload: str


@dataclass(frozen=True, slots=True)
class HLine:
    y: float


Placed = TextRun | QRBox | HLine


@dataclass(frozen=True, slots=True)
class Page:
    width: float
    height: float
    items: tuple[Placed, ...]


# At least this printable width (80 mm paper) gets the wide layout: larger type, short
# fields two to a line, the QR code's caption beside it.
WIDE_MM = 64.0
DOTS_PER_MM = 8.0  # a 203 dpi head: what `width` means when no printable width is given


@dataclass(frozen=True, slots=True)
class Style:
    """One paper's sizes, in layout units."""

    body: float
    margin: float
    heading: float
    huge: float
    qr_side: float
    wide: bool

    @property
    def gap(self) -> float:
        return self.body * 0.6


def style_for(width: float, printable_mm: float) -> Style:
    """58 mm (48 printable): 3 mm type, one column. 80 mm (72 printable): 4 mm type, two
    columns where fields are short, a 36 mm QR code with its caption beside it."""
    unit = width / printable_mm  # layout units per millimetre
    if printable_mm < WIDE_MM:
        return Style(body=width / 16, margin=width / 40, heading=width / 16 * 1.2,
                     huge=width / 3.2, qr_side=width * 0.6, wide=False)
    # The heading as large as lets a hall's usual 16-character name fit one line.
    return Style(body=4.0 * unit, margin=1.5 * unit, heading=4.2 * unit, huge=width / 3.2,
                 qr_side=36.0 * unit, wide=True)


@dataclass(slots=True)
class _Cursor:
    width: float
    measure: Measure
    style: Style
    y: float
    items: list[Placed]

    @property
    def body(self) -> float:
        return self.style.body

    @property
    def margin(self) -> float:
        return self.style.margin

    def text(self, text: str, size: float, *, centred: bool = False, indent: float = 0,
             right: float | None = None) -> None:
        left = self.margin + indent
        room = (self.width - self.margin if right is None else right) - left
        for line in wrap(text, size, room, self.measure):
            x = (self.width - self.measure(line, size)) / 2 if centred else left
            self.items.append(TextRun(x, self.y, size, line))
            self.y += size * 1.3


def layout(ticket: Ticket, width: float, measure: Measure,
           printable_mm: float | None = None) -> Page:
    """`width` layout units are `printable_mm` wide (default: printer dots at 8 per mm)."""
    style = style_for(width, printable_mm or width / DOTS_PER_MM)
    cursor = _Cursor(width, _remembered(measure), style, style.margin, [])
    blocks = list(ticket.blocks)
    while blocks:
        block = blocks.pop(0)
        if isinstance(block, Field) and blocks and _pair(cursor, block, blocks[0]):
            blocks.pop(0)
        else:
            _place(cursor, block)
    return Page(width, cursor.y + cursor.body * 2, tuple(cursor.items))


def _remembered(measure: Measure) -> Measure:
    """`measure` asked once per text and size within one layout (a word is measured when
    the line breaker looks at it and again when a field's value is placed; pillow takes
    about 0.3 ms a call)."""
    known: dict[tuple[str, float], float] = {}

    def remembered(text: str, size: float) -> float:
        key = (text, size)
        if key not in known:
            known[key] = measure(text, size)
        return known[key]
    return remembered


def _place(c: _Cursor, block: Block) -> None:
    if isinstance(block, Heading):
        c.text(block.text, c.style.heading, centred=True)
    elif isinstance(block, Huge):
        c.text(block.text, c.style.huge, centred=True)
    elif isinstance(block, Field):
        _field(c, block)
    elif isinstance(block, Paragraph):
        c.text(block.text, c.body * (0.8 if block.small else 1.0))
    elif isinstance(block, QRCode):
        (_qr_beside if c.style.wide else _qr_below)(c, block)
    else:
        assert isinstance(block, Rule)
        c.y += c.body * 0.3
        c.items.append(HLine(c.y))
        c.y += c.body * 0.5


def _field(c: _Cursor, block: Field) -> None:
    """The label, then the value beside it; a value with a run that only fits a whole line
    (a complaint number, a date and time) starts on the next line instead of being broken."""
    label = f"{block.label}："
    indent = c.measure(label, c.body)
    value = block.value or "—"
    c.items.append(TextRun(c.margin, c.y, c.body, label))
    full = c.width - 2 * c.margin
    widest = max(c.measure(token.strip(), c.body) for token in _tokens(value))
    if full - indent < widest <= full - c.body:
        c.y += c.body * 1.3
        indent = c.body
    c.text(value, c.body, indent=indent)


def _pair(c: _Cursor, first: Field, second: Block) -> bool:
    """Wide paper: two short fields side by side on one line, if both fit their column."""
    if not c.style.wide or not isinstance(second, Field):
        return False
    column = (c.width - 2 * c.margin - c.style.gap) / 2
    texts = [f"{f.label}：{f.value or '—'}" for f in (first, second)]
    if any(c.measure(text, c.body) > column for text in texts):
        return False
    for x, field in zip((c.margin, c.margin + column + c.style.gap), (first, second),
                        strict=True):
        label = f"{field.label}："
        c.items.append(TextRun(x, c.y, c.body, label))
        c.items.append(TextRun(x + c.measure(label, c.body), c.y, c.body, field.value or "—"))
    c.y += c.body * 1.3
    return True


def _qr_below(c: _Cursor, block: QRCode) -> None:
    side = c.style.qr_side
    c.y += c.body * 0.3
    c.items.append(QRBox((c.width - side) / 2, c.y, side, block.payload))
    c.y += side + c.body * 0.2
    c.text(block.caption, c.body * 0.8, centred=True)


def _qr_beside(c: _Cursor, block: QRCode) -> None:
    """The code at the left, its caption in the room to its right, vertically centred."""
    side = c.style.qr_side
    top = c.y + c.body * 0.3
    c.items.append(QRBox(c.margin, top, side, block.payload))
    indent = side + c.style.gap
    size = c.body
    lines = wrap(block.caption, size, c.width - 2 * c.margin - indent, c.measure)
    c.y = top + (side - len(lines) * size * 1.3) / 2
    c.text(block.caption, size, indent=indent)
    c.y = top + side + c.body * 0.5


# Chinese line-breaking rules: these never start a line / never end one.
NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…%")
NO_LINE_END = frozenset("（《「『【〔〈“‘")


def wrap(text: str, size: float, room: float, measure: Measure) -> list[str]:
    """Break into lines that fit `room`: between any two CJK characters, at spaces otherwise,
    and inside a word only when the word alone is wider than the line (codes, numbers).
    Closing punctuation stays with the character before it, opening brackets with the one
    after, so no line starts with "，" or ends with "（"."""
    lines: list[str] = []
    line = ""
    tokens = [piece for token in _tokens(text)
              for piece in (token if measure(token.rstrip(), size) > room else (token,))]
    for token in tokens:
        candidate = line + token
        if line and measure(candidate.rstrip(), size) > room:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


# Units that stay with their number: "¥350/天", "3号楼", "2人", "8小时", "50%".
_UNITS = ("平方米|平米|小时|公里|号楼|天|日|月|年|时|分|件|次|个|趟|米|吨|方|人|车|周|号|楼|层|"
          "室|元|岁|%|％")
# A run that is never broken across lines: a date with its time, or an amount or a number
# with its unit (a number inside a word, as in TS20261123-T01-001, is that word's already).
_KEEP = re.compile(rf"(?<![A-Za-z0-9\-/.,:])(?:\d{{4}}-\d{{2}}-\d{{2}} \d{{2}}:\d{{2}}"
                   rf"|[¥￥]?\d[\d,.]*(?:{_UNITS})?(?:/(?:{_UNITS}))?)")


def _tokens(text: str) -> list[str]:
    """Words (with their trailing space) and single wide characters, with punctuation glued
    to its neighbour; a number with its unit is part of its word."""
    tokens: list[str] = []
    word = ""
    at = 0
    while at < len(text):
        kept = _KEEP.match(text, at) if word == "" else None
        if kept:
            word, at = kept.group(), kept.end()
            continue
        ch = text[at]
        at += 1
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
            if ch == " ":
                tokens.append(word)
                word = ""
    if word:
        tokens.append(word)
    glued: list[str] = []
    for token in tokens:
        if glued and (token[0] in NO_LINE_START or glued[-1][-1] in NO_LINE_END):
            glued[-1] += token
        else:
            glued.append(token)
    return glued
