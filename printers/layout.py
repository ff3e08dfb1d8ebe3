"""Lay a ticket out on a strip of paper: positioned text, QR codes and rules.

Units are whatever the painter uses (printer dots for raster, points for PDF); the painter
supplies a function that measures text at a size. Both painters draw the same layout.
"""

from __future__ import annotations

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


@dataclass(slots=True)
class _Cursor:
    width: float
    measure: Measure
    y: float
    items: list[Placed]

    @property
    def body(self) -> float:
        return self.width / 16

    @property
    def margin(self) -> float:
        return self.width / 40

    def text(self, text: str, size: float, *, centred: bool = False, indent: float = 0) -> None:
        left = self.margin + indent
        room = self.width - left - self.margin
        for line in wrap(text, size, room, self.measure):
            x = (self.width - self.measure(line, size)) / 2 if centred else left
            self.items.append(TextRun(x, self.y, size, line))
            self.y += size * 1.3


def layout(ticket: Ticket, width: float, measure: Measure) -> Page:
    cursor = _Cursor(width, measure, width / 40, [])
    for block in ticket.blocks:
        _place(cursor, block)
    return Page(width, cursor.y + cursor.body * 2, tuple(cursor.items))


def _place(c: _Cursor, block: Block) -> None:
    if isinstance(block, Heading):
        c.text(block.text, c.body * 1.2, centred=True)
    elif isinstance(block, Huge):
        c.text(block.text, c.width / 3.2, centred=True)
    elif isinstance(block, Field):
        label = f"{block.label}："
        indent = c.measure(label, c.body)
        c.items.append(TextRun(c.margin, c.y, c.body, label))
        c.text(block.value or "—", c.body, indent=indent)
    elif isinstance(block, Paragraph):
        c.text(block.text, c.body * (0.8 if block.small else 1.0))
    elif isinstance(block, QRCode):
        side = c.width * 0.6
        c.y += c.body * 0.3
        c.items.append(QRBox((c.width - side) / 2, c.y, side, block.payload))
        c.y += side + c.body * 0.2
        c.text(block.caption, c.body * 0.8, centred=True)
    else:
        assert isinstance(block, Rule)
        c.y += c.body * 0.3
        c.items.append(HLine(c.y))
        c.y += c.body * 0.5


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


def _tokens(text: str) -> list[str]:
    """Words (with their trailing space) and single wide characters, with punctuation glued
    to its neighbour."""
    tokens: list[str] = []
    word = ""
    for ch in text:
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
