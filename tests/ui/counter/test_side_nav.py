"""The counter's side column: every page named whole (on two lines when long), a rule
between groups of work, and choosing a page by its button."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame

from kiosk.ui.counter.pages import GROUPS, PAGES
from kiosk.ui.counter.side_nav import TEXT_WIDTH, shortest_lines
from kiosk.ui.counter.window import CounterWindow
from tests.ui.counter.conftest import Factory


def test_a_page_is_chosen_by_its_button_and_the_column_shows_which(
        make_counter: Factory) -> None:
    window: CounterWindow = make_counter()
    nav = window.tabs
    assert nav is not None and nav.count() == len(PAGES)
    changes: list[int] = []
    nav.currentChanged.connect(changes.append)
    nav.buttons[4].click()
    assert nav.currentIndex() == 4 and changes == [4]
    assert [b.isChecked() for b in nav.buttons].count(True) == 1 and nav.buttons[4].isChecked()
    assert window.current_page() is window.pages[PAGES[4][0]]


def test_groups_are_ruled_off_and_long_names_take_two_lines(make_counter: Factory) -> None:
    window = make_counter()
    window.toggle_language()  # English: the longest names
    nav = window.tabs
    assert nav is not None
    rules = [w for w in nav.holder.findChildren(QFrame) if w.objectName() == "navRule"]
    assert len(rules) == len(set(GROUPS.values())) - 1
    for index, button in enumerate(nav.buttons):
        lines = button.text().split("\n")
        assert " ".join(lines) == nav.tabText(index) == button.toolTip()
        widest = max(button.fontMetrics().horizontalAdvance(line) for line in lines)
        assert widest <= TEXT_WIDTH or len(lines) == 1
    assert nav.tabText(0) == "Same-day hiring" and nav.buttons[0].text() == "Same-day\nhiring"


def test_chinese_names_break_between_characters_never_inside_a_number(
        make_counter: Factory) -> None:
    window = make_counter()
    metrics = window.tabs.buttons[0].fontMetrics() if window.tabs else None
    assert metrics is not None
    assert shortest_lines("困难帮扶“131”", metrics, 60).split("\n")[1].endswith("131”")
    assert shortest_lines("统计", metrics, TEXT_WIDTH) == "统计"
