"""A button's text fitted to its room: one line, two lines, smaller, or cut with "…"."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from kiosk.ui import fonts
from kiosk.ui.widgets.fit_text import fit_text, two_lines

FLOOR = 28  # the least text size on the touchscreen


def bold(px: int) -> QFont:
    font = QFont(fonts.family())
    font.setPixelSize(px)
    font.setBold(True)
    return font


def widest(font: QFont, text: str) -> int:
    return max(QFontMetrics(font).horizontalAdvance(line) for line in text.split("\n"))


def test_text_that_fits_is_left_as_it_is() -> None:
    font = bold(36)
    fitted = fit_text(font, "瓦工", 400, 80, FLOOR)
    assert (fitted.font, fitted.text, fitted.cut) == (font, "瓦工", False)


def test_a_long_name_goes_on_two_lines_before_it_gets_smaller() -> None:
    font = bold(36)
    width = widest(font, "Production-line") + 2
    fitted = fit_text(font, "Production-line worker", width, 90, FLOOR)
    assert fitted.font.pixelSize() == 36 and not fitted.cut
    assert fitted.text.split("\n") == ["Production-line", "worker"]
    assert widest(fitted.font, fitted.text) <= width


def test_a_second_line_never_starts_with_a_slash() -> None:
    assert two_lines("Loader / porter") == ["Loader /\nporter"]
    assert two_lines("Production-line worker") == ["Production-line\nworker",
                                                    "Production-\nline worker"]
    assert two_lines("砌砖工") == []


def test_four_characters_in_large_text_get_smaller_not_cut() -> None:
    font = bold(45)  # 大字
    width = widest(font, "装修杂工") * 3 // 4
    fitted = fit_text(font, "装修杂工", width, 80, FLOOR)
    assert FLOOR <= fitted.font.pixelSize() < 45 and fitted.font.bold()
    assert fitted.text == "装修杂工" and not fitted.cut
    assert widest(fitted.font, fitted.text) <= width


def test_below_the_least_size_the_text_is_cut_with_an_ellipsis() -> None:
    fitted = fit_text(bold(36), "Waterproofer", 60, 80, FLOOR)
    assert fitted.font.pixelSize() == FLOOR and fitted.cut
    assert fitted.text.endswith("…") and widest(fitted.font, fitted.text) <= 60


def test_rather_three_lines_or_a_hyphen_than_an_ellipsis() -> None:
    """English trade tiles in 大字: "Waterproofer" and "Cook / kitchen helper" come out
    whole, at the least size, instead of "Waterpro…" and "kitchen h…"."""
    font = bold(36)
    width = widest(bold(FLOOR), "Waterproofer") * 3 // 4
    fitted = fit_text(font, "Waterproofer", width, 90, FLOOR)
    assert not fitted.cut and fitted.font.pixelSize() >= FLOOR
    assert fitted.text.replace("-\n", "") == "Waterproofer" and fitted.text.count("\n") == 1
    assert widest(fitted.font, fitted.text) <= width
    width = widest(bold(FLOOR), "kitchen") + 4
    fitted = fit_text(font, "Cook / kitchen helper", width, 130, FLOOR)
    assert not fitted.cut and fitted.text.split("\n") == ["Cook /", "kitchen", "helper"]


def test_an_escaped_ampersand_is_one_and_the_lines_given_are_kept() -> None:
    font = bold(36)
    fitted = fit_text(font, "R&&D", 400, 80, FLOOR)
    assert fitted.text == "R&D"
    home_tile = "登记\n第一次来？免费登记"  # lines given: not broken again, the widest counts
    narrow = fit_text(font, home_tile, widest(font, "第一次来"), 200, FLOOR)
    assert narrow.text.count("\n") == 1 and narrow.font.pixelSize() < 36


def test_chinese_too_long_for_one_line_breaks_between_characters() -> None:
    """请工作人员帮助 on a narrow 大字 button: two lines, not "请工作人员…"."""
    font = bold(50)
    width = widest(bold(FLOOR), "请工作人员帮助") * 2 // 3
    fitted = fit_text(font, "请工作人员帮助", width, 130, FLOOR)
    assert not fitted.cut and fitted.font.pixelSize() >= FLOOR
    assert fitted.text.replace("\n", "") == "请工作人员帮助" and fitted.text.count("\n") == 1
    assert widest(fitted.font, fitted.text) <= width
    # while one line fits at the least size, it stays one line
    assert "\n" not in fit_text(font, "装修杂工", widest(bold(FLOOR), "装修杂工"), 130,
                                FLOOR).text
