"""What a person at the counter PC would see as broken: an action they cannot reach (off
the window, cut by its panel) and text cut short (wider than its label, elided, a combo
box's choice or a header cut)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QWidget,
)

ELLIPSIS = "…"


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    return f"{type(widget).__name__} {text!r}"


def _in_window(widget: QWidget, rect: QRect) -> QRect:
    return QRect(widget.mapTo(widget.window(), rect.topLeft()), rect.size())


def _shown_part(widget: QWidget) -> QRect:
    """The part of `widget` its ancestors leave on screen, in window coordinates."""
    shown = _in_window(widget, widget.rect())
    parent = widget.parentWidget()
    while parent is not None:
        shown &= _in_window(parent, parent.rect())
        parent = parent.parentWidget()
    return shown


def _bring_into_view(widget: QWidget) -> None:
    """Scroll every scroll area around `widget` to it, as a person would."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 0)
        parent = parent.parentWidget()


def _cut(widget: QWidget) -> bool:
    _bring_into_view(widget)
    return _shown_part(widget) != _in_window(widget, widget.rect())


def unreachable_buttons(window: QWidget) -> list[str]:
    """Visible buttons not wholly on screen, even after scrolling to them."""
    return [f"{_name(b)} at {_in_window(b, b.rect()).getRect()}"
            for b in window.findChildren(QAbstractButton)
            if b.isVisible() and b.width() > 0 and _cut(b)
            and not isinstance(b.parentWidget(), QTabBar)]  # the tab bar's scroll arrows


def _widest(label: QLabel) -> int:
    metrics = label.fontMetrics()
    return max(metrics.horizontalAdvance(line) for line in label.text().split("\n"))


def _label_problem(label: QLabel, *, panels: bool = True) -> str:
    text = label.text()
    if not text:
        return ""
    room = label.contentsRect()
    if ELLIPSIS in text and not text.endswith(("…", "…）")):
        return "elided"
    if not label.wordWrap() and _widest(label) > room.width():
        return f"{_widest(label)} px of text in {room.width()} px"
    if label.wordWrap() and label.heightForWidth(label.width()) > label.height():
        return f"needs {label.heightForWidth(label.width())} px height, has {label.height()}"
    if panels and _cut(label):
        return "cut by its panel"
    return ""


def _button_problem(button: QAbstractButton) -> str:
    if button.text() and button.sizeHint().width() > button.width():
        return f"needs {button.sizeHint().width()} px, has {button.width()}"
    return ""


def _combo_problem(combo: QComboBox) -> str:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    widest = max((combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                  for i in range(combo.count())), default=0)
    if widest > field.width():
        return f"its longest choice needs {widest} px, has {field.width()}"
    return ""


def _header_problems(table: QTableView) -> list[str]:
    header = table.horizontalHeader()
    problems = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        text = str(table.model().headerData(column, header.orientation()))
        needed = _header_width(header, column)
        if needed > header.sectionSize(column):
            problems.append(f"header {text!r} needs {needed} px, has "
                            f"{header.sectionSize(column)}")
    return problems


def _header_width(header: QHeaderView, column: int) -> int:
    text = str(header.model().headerData(column, header.orientation()))
    widest = max(header.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
    return widest + 2 * 6  # the sections' padding


def _tab_problems(bar: QTabBar) -> list[str]:
    return [f"tab {bar.tabText(i)!r} cut" for i in range(bar.count())
            if bar.tabRect(i).width() < bar.tabSizeHint(i).width()
            or not bar.rect().contains(bar.tabRect(i))]


def clipped_texts(window: QWidget, *, panels: bool = True) -> list[str]:
    """Visible texts that do not fit where they are shown (or, with `panels`, that their
    panel cuts even when scrolled to: off for pages that scroll across)."""
    problems = [f"{_name(w)}: {p}" for w in window.findChildren(QLabel)
                if w.isVisible() and (p := _label_problem(w, panels=panels))]
    problems += [f"{_name(w)}: {p}" for w in window.findChildren(QAbstractButton)
                 if w.isVisible() and (p := _button_problem(w))]
    problems += [f"QComboBox {w.currentText()!r}: {p}" for w in window.findChildren(QComboBox)
                 if w.isVisible() and (p := _combo_problem(w))]
    for table in window.findChildren(QTableView):
        if table.isVisible():
            problems += _header_problems(table)
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            problems += _tab_problems(bar)
    return problems
