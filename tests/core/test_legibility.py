"""The board's distance and contrast rules in numbers."""

from __future__ import annotations

import pytest

from kiosk.core.legibility import (
    cap_height_mm,
    cap_height_px,
    contrast,
    font_px,
    luminance,
    mm_per_px,
)


def test_a_55_inch_1080p_panel_read_from_5_m() -> None:
    mm = mm_per_px(55, 1920, 1080)
    assert mm == pytest.approx(0.634, abs=0.001)
    assert mm_per_px(55, 1080, 1920) == mm  # portrait: the same pixels
    assert mm_per_px(55, 3840, 2160) == pytest.approx(mm / 2)
    assert cap_height_mm(5) == 25 and cap_height_mm(3) == 15
    assert cap_height_px(5, mm) == pytest.approx(39.4, abs=0.1)
    assert font_px(5, mm, 0.71) == 56  # WenQuanYi Micro Hei: cap height 0.71 em
    assert font_px(3, mm, 0.71) == 34


def test_a_smaller_panel_or_a_longer_distance_needs_more_pixels() -> None:
    assert font_px(5, mm_per_px(43, 1920, 1080), 0.71) > font_px(5, mm_per_px(55, 1920, 1080),
                                                                   0.71)
    assert font_px(8, mm_per_px(55, 1920, 1080), 0.71) == 89


def test_wcag_contrast() -> None:
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#777777", "#777777") == 1
    assert contrast("#A9BBD6", "#12305A") < 7  # the grey the board used to show places in
    assert luminance("#FFFFFF") == 1
    with pytest.raises(ValueError, match="RRGGBB"):
        luminance("#FFF")
