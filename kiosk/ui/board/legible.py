"""The board's type sizes, chosen from the viewing distance (kiosk.core.legibility).

Key facts (trade, pay, start, place, the supply counts) have a cap height of at least 1/200
of `[board] viewing_distance_m`; secondary facts (title, licence, hours, employer, places
left) of 1/200 of 3 m. Pixels follow from `[board] diagonal_inches` and the screen's
resolution (the board runs full-screen, so the window is the panel).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontMetrics

from kiosk.core.legibility import SECONDARY_DISTANCE_M, font_px, mm_per_px
from kiosk.system.config import BoardSettings
from kiosk.ui import fonts

PAY_OVER_KEY = 1.15  # the pay, the first thing read, a little larger than the other keys
_PROBE_PX = 200


@functools.cache
def cap_ratio(family: str) -> float:
    """The font's cap height as a share of its em (0.71 for WenQuanYi Micro Hei)."""
    font = QFont(family)
    font.setPixelSize(_PROBE_PX)
    font.setBold(True)
    cap = QFontMetrics(font).capHeight()
    return cap / _PROBE_PX if cap > 0 else 0.7


def cap_height_px(font: QFont) -> float:
    """The cap height a font of this pixel size draws (digits are as tall, 汉字 taller)."""
    return font.pixelSize() * cap_ratio(font.family())


@dataclass(frozen=True, slots=True)
class BoardType:
    """Font pixel sizes (em) for this screen."""

    mm_per_px: float
    distance_m: float
    key: int  # trade, start, place, supply counts
    pay: int
    secondary: int

    @classmethod
    def for_screen(cls, settings: BoardSettings, width: int, height: int) -> BoardType:
        mm = mm_per_px(settings.diagonal_inches, max(1, width), max(1, height))
        ratio = cap_ratio(fonts.family())
        key = font_px(settings.viewing_distance_m, mm, ratio)
        secondary = min(key, font_px(SECONDARY_DISTANCE_M, mm, ratio))
        return cls(mm, settings.viewing_distance_m, key, round(key * PAY_OVER_KEY), secondary)

    def mm(self, px: float) -> float:
        return px * self.mm_per_px

    def font(self, size: int, *, bold: bool = False) -> QFont:
        font = QFont(fonts.family())
        font.setPixelSize(size)
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font
