"""Write kiosk/core/glyph_ranges.py from the installed font chain (used by a test too)."""
from __future__ import annotations


def generate() -> str:
    from kiosk.system.fonts import characters, font_chain
    drawn: set[int] = set()
    for face in font_chain():
        drawn |= characters(face)
    ranges: list[list[int]] = []
    for code in sorted(c for c in drawn if c >= 0x20 and not 0x7F <= c < 0xA0):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    pairs = [f"(0x{a:X}, 0x{b:X})," for a, b in ranges]
    lines = []
    line = "   "
    for pair in pairs:
        if len(line) + 1 + len(pair) > 99:
            lines.append(line)
            line = "   "
        line += " " + pair
    lines.append(line)
    head = ('"""The characters the kiosk\'s font chain draws (WenQuanYi Micro Hei, then Hanazono\n'
            'Mincho A and B), as inclusive code point ranges. Generated from the fonts\' cmaps by\n'
            'tests/core/glyph_ranges_gen.py, checked by tests/core/test_glyphs.py; do not edit.\n'
            '"""\n\nRANGES: tuple[tuple[int, int], ...] = (\n')
    return head + "\n".join(lines) + "\n)\n"


if __name__ == "__main__":
    from pathlib import Path
    Path("kiosk/core/glyph_ranges.py").write_text(generate())
