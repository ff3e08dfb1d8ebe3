"""Finding the fonts used on screen (Qt), on tickets (pillow) and in PDFs (reportlab).

The main font is WenQuanYi Micro Hei (Debian `fonts-wqy-microhei`): TrueType outlines, so
reportlab can embed it, and Simplified Chinese glyph forms. Noto CJK is CFF (reportlab
rejects it) and Droid Sans Fallback lacks Latin letters and digits, so neither is accepted
as a substitute.

It lacks the rare characters of CJK extensions A–F that people's names hold (䶮, 𠮷, 㛃,
𪚥): those come from the fallback chain, Hanazono Mincho A and B (Debian `fonts-hanazono`,
TrueType, free licence or OFL, embedding allowed), A covering extension A, B covering
extensions B–F. Every text is drawn run by run, each character in the first font of the
chain that has it, alike by pillow and reportlab; Qt gets the same families as fallbacks.
Extension G is not covered by any TrueType font Debian ships: input refuses it.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFile

FONT_ENV = "KIOSK_CJK_FONT"
FALLBACK_ENV = "KIOSK_FALLBACK_FONTS"  # font files separated by ":" (none: "")
FONT_FAMILY = "WenQuanYi Micro Hei"
FONT_INDEX = 0  # the proportional face in the .ttc collection
KNOWN_PATHS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/local/share/fonts/wqy-microhei.ttc"),
)
FALLBACK_PATHS = (
    Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
    Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),
)
INSTALL_HINT = "apt-get install fonts-wqy-microhei"
FALLBACK_HINT = "apt-get install fonts-hanazono"


class FontMissing(Exception):
    """The CJK font is not installed: Chinese would show as empty boxes."""


@dataclass(frozen=True, slots=True)
class Face:
    """One font of the chain: its file, its index in a collection, and a short name."""

    path: Path
    index: int
    name: str


def cjk_font_path() -> Path:
    """The font file, from $KIOSK_CJK_FONT or the Debian package's location."""
    override = os.environ.get(FONT_ENV)
    candidates = (Path(override),) if override else KNOWN_PATHS
    for path in candidates:
        if path.is_file():
            return path
    searched = ", ".join(str(p) for p in candidates)
    raise FontMissing(
        f"The Chinese font {FONT_FAMILY} was not found ({searched}); "
        f"install it with `{INSTALL_HINT}`.")


def fallback_paths() -> tuple[Path, ...]:
    """The fallback fonts that are installed ($KIOSK_FALLBACK_FONTS or Hanazono)."""
    override = os.environ.get(FALLBACK_ENV)
    paths = FALLBACK_PATHS if override is None else tuple(
        Path(p) for p in override.split(":") if p)
    return tuple(p for p in paths if p.is_file())


def font_chain() -> tuple[Face, ...]:
    """The main font, then the fallbacks that are installed, in the order they are tried
    (looked up once per setting of the two environment variables)."""
    return _chain(os.environ.get(FONT_ENV), os.environ.get(FALLBACK_ENV))


@functools.lru_cache(maxsize=8)
def _chain(font_env: str | None, fallback_env: str | None) -> tuple[Face, ...]:
    main = Face(cjk_font_path(), FONT_INDEX, "WenQuanYiMicroHei")
    return (main, *(Face(p, 0, f"Fallback{n}-{p.stem}")
                    for n, p in enumerate(fallback_paths(), 1)))


@functools.cache
def characters(face: Face) -> frozenset[int]:
    """The code points the font has a glyph for (its cmap)."""
    cmap = TTFontFile(str(face.path), subfontIndex=face.index).charToGlyph
    return frozenset(code for code, glyph in cmap.items() if glyph)


def runs(text: str, chain: tuple[Face, ...] | None = None) -> list[tuple[Face, str]]:
    """The text cut into runs, each drawn in the first font of the chain that has all its
    characters (the main font for what none has: it shows as a box)."""
    return list(_runs(text, chain or font_chain()))


@functools.lru_cache(maxsize=8192)  # layouts measure the same words again and again
def _runs(text: str, chain: tuple[Face, ...]) -> tuple[tuple[Face, str], ...]:
    main = chain[0]
    main_chars = characters(main)
    if all(ord(ch) in main_chars or ch.isspace() for ch in text):
        return ((main, text),) if text else ()
    out: list[tuple[Face, str]] = []
    for ch in text:
        face = next((f for f in chain if ord(ch) in characters(f) or ch.isspace()), main)
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + ch)
        else:
            out.append((face, ch))
    return tuple(out)


def missing(text: str, chain: tuple[Face, ...] | None = None) -> str:
    """The characters of `text` that no font of the chain can draw."""
    chain = chain or font_chain()
    return "".join(ch for ch in text if not ch.isspace()
                   and not any(ord(ch) in characters(f) for f in chain))
