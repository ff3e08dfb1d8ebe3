"""Colours and sizes for the screens: high contrast, scaled from the window's size.

Sizes are given for a 1920×1080 landscape (or 1080×1920 portrait) screen and scaled by
`Theme.scale`, so 3840×2160 doubles everything and the layout stays the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from kiosk.ui import fonts


class Colours:
    """Light text on a dark navy ground; amber for money, red (with text) for urgency."""

    BACKGROUND = QColor("#08172E")
    HEADER = QColor("#A3161B")  # 中国红 band with white and gold text
    HEADER_TEXT = QColor("#FFFFFF")
    HEADER_ACCENT = QColor("#FFD54F")
    HEADER_MUTED = QColor("#FFD9D6")
    BAR = QColor("#0F2747")
    CARD = QColor("#12305A")
    CARD_BORDER = QColor("#2B4C7E")
    TEXT = QColor("#FFFFFF")
    TEXT_SOFT = QColor("#DCE6F5")
    MUTED = QColor("#A9BBD6")
    PAY = QColor("#FFD54F")
    URGENT = QColor("#E53935")
    URGENT_TEXT = QColor("#FFFFFF")
    TICKER = QColor("#000000")
    TICKER_TEXT = QColor("#FFE082")
    STALE = QColor("#FFB300")
    STALE_TEXT = QColor("#1A1A1A")
    SECTORS: ClassVar[dict[str, QColor]] = {
        "construction": QColor("#D35400"),
        "services": QColor("#0E8C73"),
        "logistics": QColor("#1F6FC5"),
        "manufacturing": QColor("#7D3C98"),
        "others": QColor("#5D6D7E"),
    }
    SECTOR_DEFAULT = QColor("#5D6D7E")


class Size:
    """Pixel sizes at scale 1 (1080p). Titles are at least 48 px, as read from 3–5 m."""

    TITLE = 52
    PAY = 60
    BODY = 32
    META = 28
    TRADE = 30
    BADGE = 30
    HALL = 50
    CLOCK = 56
    DATE = 26
    STAT_NUMBER = 50
    STAT_LABEL = 24
    SECTION = 28
    TICKER = 36
    EMPTY_TITLE = 110
    EMPTY_BODY = 36
    HEADER_LANDSCAPE = 112
    HEADER_PORTRAIT = 210
    SECTION_BAR = 50
    STALE_BAR = 52
    TICKER_BAR = 64
    GAP = 14
    CARD_PAD = 14
    CARD_RADIUS = 14
    CARD_MIN_HEIGHT = 250
    TWO_COLUMNS_MIN_WIDTH = 1600  # in scaled pixels: narrower screens get one column


@dataclass(frozen=True, slots=True)
class Theme:
    width: int
    height: int

    @classmethod
    def for_size(cls, width: int, height: int) -> Theme:
        return cls(max(1, width), max(1, height))

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def scale(self) -> float:
        """1.0 at 1920×1080 or 1080×1920, 2.0 at 3840×2160; never below 0.25."""
        long_side, short_side = max(self.width, self.height), min(self.width, self.height)
        return max(0.25, min(long_side / 1920, short_side / 1080))

    def px(self, size: float) -> int:
        return max(1, round(size * self.scale))

    def font(self, size: float, *, bold: bool = False) -> QFont:
        font = QFont(fonts.family())
        font.setPixelSize(self.px(size))
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    @property
    def header_height(self) -> int:
        return self.px(Size.HEADER_PORTRAIT if self.portrait else Size.HEADER_LANDSCAPE)

    def grid(self, area_width: int, area_height: int) -> tuple[int, int]:
        """(columns, rows) of job cards that fit the board area at a readable size."""
        gap = self.px(Size.GAP)
        columns = 2 if area_width / self.scale >= Size.TWO_COLUMNS_MIN_WIDTH else 1
        rows = max(1, (area_height - gap) // (self.px(Size.CARD_MIN_HEIGHT) + gap))
        return columns, rows


# Qt draws glyphs above 64 px as paths, without FreeType's synthetic bold, and the one CJK
# font has no bold face: big bold text is drawn smaller under a scaled painter instead.
_BOLD_LIMIT_PX = 63


def bold_scaled(font: QFont) -> tuple[QFont, float]:
    """The font to draw with and the painter scale that makes it `font`'s size."""
    px = font.pixelSize()
    if not font.bold() or px <= _BOLD_LIMIT_PX:
        return font, 1.0
    small_px = round(px / math.ceil(px / _BOLD_LIMIT_PX))
    small = QFont(font)
    small.setPixelSize(small_px)
    return small, px / small_px


def draw_text(p: QPainter, rect: QRect, flags: Qt.AlignmentFlag | int, text: str,
              font: QFont) -> None:
    """`p.drawText(rect, flags, text)` in `font`, bold at any size."""
    drawn, scale = bold_scaled(font)
    p.setFont(drawn)
    if scale == 1.0:
        p.drawText(rect, flags, text)
        return
    p.save()
    p.scale(scale, scale)
    p.drawText(QRectF(rect.x() / scale, rect.y() / scale, rect.width() / scale,
                      rect.height() / scale), flags, text)
    p.restore()
