"""The workspace's pages chosen from a column on the left, grouped by the work they serve.

A row of tabs ran out of width at ten pages (a 1366×768 counter PC, in English); a column
holds twice as many, gives the pages the bar's height back, and keeps a page's name whole
in either language. It keeps `QTabWidget`'s small API (`addTab`, `currentWidget`,
`setCurrentWidget`, `tabText`, `currentChanged`), so the window and its tests read the
same."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.widgets.fit_text import two_lines

TEXT_WIDTH = 112  # a longer name takes two lines: the pages keep the width


class SideNav(QWidget):
    currentChanged = Signal(int)  # noqa: N815 - QTabWidget's name, kept for its readers

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideNav")
        self.stack = QStackedWidget()
        self.buttons: list[QPushButton] = []
        self._groups: list[str] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idClicked.connect(self.setCurrentIndex)
        self.column = QVBoxLayout()
        self.column.setContentsMargins(6, 8, 6, 8)
        self.column.setSpacing(4)
        self.column.addStretch(1)
        self.holder = QWidget()
        self.holder.setObjectName("sideNavColumn")
        self.holder.setLayout(self.column)
        self.rail = QScrollArea()  # a short window scrolls the column, never cuts it
        self.rail.setObjectName("sideNavRail")
        self.rail.setFrameShape(QFrame.Shape.NoFrame)
        self.rail.setWidgetResizable(True)
        self.rail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rail.setWidget(self.holder)
        self.rail.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.rail)
        row.addWidget(self.stack, 1)

    def addTab(self, page: QWidget, text: str, group: str = "") -> int:  # noqa: N802
        """`page` at the end of the column; a new `group` starts after a rule."""
        index = self.stack.addWidget(page)
        if self._groups and group != self._groups[-1]:
            self.column.insertWidget(self.column.count() - 1, _rule())
        self._groups.append(group)
        button = QPushButton()
        button.setObjectName("navButton")
        button.setCheckable(True)
        button.setChecked(index == self.stack.currentIndex())
        self._group.addButton(button, index)
        self.column.insertWidget(self.column.count() - 1, button)
        self.buttons.append(button)
        self.setTabText(index, text)
        return index

    def count(self) -> int:
        return self.stack.count()

    def currentIndex(self) -> int:  # noqa: N802 - QTabWidget's name
        return self.stack.currentIndex()

    def currentWidget(self) -> QWidget | None:  # noqa: N802 - QTabWidget's name
        return self.stack.currentWidget()

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - QTabWidget's name
        if index == self.stack.currentIndex():
            self.buttons[index].setChecked(True)
            return
        self.stack.setCurrentIndex(index)
        self.buttons[index].setChecked(True)
        self.currentChanged.emit(index)

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802 - QTabWidget's name
        self.setCurrentIndex(self.stack.indexOf(page))

    def tabText(self, index: int) -> str:  # noqa: N802 - QTabWidget's name
        return self.buttons[index].property("title") or ""

    def setTabText(self, index: int, text: str) -> None:  # noqa: N802 - QTabWidget's name
        button = self.buttons[index]
        button.setProperty("title", text)
        button.ensurePolished()  # the style sheet's font, not the default one
        button.setText(shortest_lines(text, QFontMetrics(button.font()), TEXT_WIDTH))
        button.setToolTip(text)
        self._fit_rail()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_rail()

    def _fit_rail(self) -> None:
        """As wide as the longest name (the language may have changed), and a scroll bar's
        room more only when the window is too short for the column."""
        widest = max((b.sizeHint().width() for b in self.buttons), default=0)
        margins = self.column.contentsMargins()
        width = widest + margins.left() + margins.right()
        self.holder.setMinimumWidth(width)
        tall = self.holder.sizeHint().height() > self.height()
        bar = self.rail.verticalScrollBar().sizeHint().width() if tall else 0
        self.rail.setFixedWidth(width + bar)


def shortest_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` on one line when it fits `width`, else on the two lines that are narrowest
    (broken at a space, or between two Chinese characters)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    splits = two_lines(text) or [f"{text[:i]}\n{text[i:]}" for i in range(1, len(text))
                                 if not (text[i - 1].isascii() or text[i].isascii())]
    return min(splits, default=text, key=lambda lines: max(
        metrics.horizontalAdvance(line) for line in lines.split("\n")))


def _rule() -> QFrame:
    rule = QFrame()
    rule.setObjectName("navRule")
    rule.setFrameShape(QFrame.Shape.HLine)
    return rule
