"""Type read from a distance, and colours that stay readable: the board's rules in numbers.

The rule (used by the board and its tests): a key fact's **cap height** (the height of a
capital letter or a digit; Chinese characters are taller still) is at least 1/200 of the
distance it is read from. A hall board read from 5 m needs 25 mm; secondary facts, read by
someone who walked up to the board, are sized for 3 m (15 mm). Pixels follow from the
panel's physical size: a 55-inch 16:9 panel at 1920×1080 has 0.634 mm per pixel, so 25 mm
is 40 px of cap height (a 56 px font in WenQuanYi Micro Hei, whose cap height is 0.71 em).

Contrast follows WCAG 2.x: key facts at least 7:1 against their ground (level AAA).
"""

from __future__ import annotations

import math

MM_PER_INCH = 25.4
DISTANCE_RATIO = 200  # cap height ≥ distance / 200 (≈ 17 arc-minutes)
SECONDARY_DISTANCE_M = 3.0
KEY_CONTRAST = 7.0  # WCAG AAA


def mm_per_px(diagonal_inches: float, width_px: int, height_px: int) -> float:
    """The size of one pixel on a panel of this diagonal and resolution (square pixels)."""
    return diagonal_inches * MM_PER_INCH / math.hypot(width_px, height_px)


def cap_height_mm(distance_m: float) -> float:
    """The least cap height, in millimetres, for text read from `distance_m`."""
    return distance_m * 1000 / DISTANCE_RATIO


def cap_height_px(distance_m: float, mm_per_pixel: float) -> float:
    """The least cap height in pixels on a panel of `mm_per_pixel`."""
    return cap_height_mm(distance_m) / mm_per_pixel


def font_px(distance_m: float, mm_per_pixel: float, cap_ratio: float) -> int:
    """The least font size (em, in pixels) whose cap height meets the rule, for a font whose
    cap height is `cap_ratio` of its em."""
    return math.ceil(cap_height_px(distance_m, mm_per_pixel) / cap_ratio)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of `#RRGGBB`."""
    text = hex_colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #RRGGBB colour: {hex_colour!r}")
    r, g, b = (int(text[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
