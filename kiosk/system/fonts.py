"""Finding the one CJK font used on screen (Qt), on tickets (pillow) and in PDFs (reportlab).

WenQuanYi Micro Hei (Debian `fonts-wqy-microhei`): TrueType outlines, so reportlab can embed
it, and Simplified Chinese glyph forms. Noto CJK is CFF (reportlab rejects it) and Droid Sans
Fallback lacks Latin letters and digits, so neither is accepted as a substitute.
"""

from __future__ import annotations

import os
from pathlib import Path

FONT_ENV = "KIOSK_CJK_FONT"
FONT_FAMILY = "WenQuanYi Micro Hei"
FONT_INDEX = 0  # the proportional face in the .ttc collection
KNOWN_PATHS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/local/share/fonts/wqy-microhei.ttc"),
)
INSTALL_HINT = "apt-get install fonts-wqy-microhei"


class FontMissing(Exception):
    """The CJK font is not installed: Chinese would show as empty boxes."""


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
