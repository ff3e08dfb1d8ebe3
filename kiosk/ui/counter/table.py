"""The counter's small shared widgets: a read-only table of rows, each row carrying the id
of what it shows, a box holding one and an action button."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kiosk.ui.theme import CounterSize
from kiosk.ui.widgets.fit_text import two_lines

ID_ROLE = Qt.ItemDataRole.UserRole


class RowTable(QTableWidget):
    def __init__(self, stretch_column: int = -1, *, also_wrap: tuple[int, ...] = ()) -> None:
        super().__init__()
        self.stretch_column = stretch_column
        self.wrapping = {stretch_column, *also_wrap}  # share the width left, text wraps
        self.headers: list[str] = []  # as given: one shown on two lines is still this
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(CounterSize.ROW)

    def set_headers(self, headers: Sequence[str]) -> None:
        self.setColumnCount(len(headers))
        self.headers = list(headers)
        self.setHorizontalHeaderLabels(self.headers)
        header = self.horizontalHeader()
        for column in range(len(headers)):
            mode = (QHeaderView.ResizeMode.Stretch if column in self.wrapping
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(column, mode)
        self._hold_headers()

    def _hold_headers(self) -> None:
        """At least as wide as its columns' headers (and the stretching column's header
        beside them): a narrow window then never cuts a header short."""
        header = self.horizontalHeader()
        self._break_wide_headers()
        needed = sum(header.sectionSizeHint(c) if c in self.wrapping
                     else max(header.sectionSizeHint(c), self.sizeHintForColumn(c))
                     for c in range(header.count()))
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(needed + frame)

    def _break_wide_headers(self) -> None:
        """A header wider than its column's cells takes two lines ("Mobile" / "number"):
        the table, and the page around it, need less width."""
        metrics = self.horizontalHeader().fontMetrics()
        for column, text in enumerate(self.headers):
            item = self.horizontalHeaderItem(column)
            if item is None or column in self.wrapping:
                continue
            cells = self.sizeHintForColumn(column)
            shown = text
            if metrics.horizontalAdvance(text) > cells and two_lines(text):
                shown = min(two_lines(text), key=lambda lines: max(
                    metrics.horizontalAdvance(line) for line in lines.split("\n")))
            if item.text() != shown:
                item.setText(shown)

    def set_rows(self, rows: Sequence[tuple[str, Sequence[str]]]) -> None:
        """`rows` of (id, cells); the selection follows the id when it is still there, and
        is cleared when it is gone (never left on whichever row took its place: a worker
        just referred must not leave the next one chosen)."""
        keep = self.selected_id()
        self.setRowCount(len(rows))
        for r, (row_id, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row_id)
                self.setItem(r, c, item)
        if keep is not None and not self.select_id(keep):
            self.clearSelection()
        self.resizeRowsToContents()
        self._hold_headers()

    def selected_id(self) -> str | None:
        items = self.selectedItems()
        return None if not items else str(items[0].data(ID_ROLE))

    def select_id(self, row_id: str) -> bool:
        for r in range(self.rowCount()):
            item = self.item(r, 0)
            if item is not None and item.data(ID_ROLE) == row_id:
                self.selectRow(r)
                return True
        return False


def action_button(role: str, action: Callable[[], object]) -> QPushButton:
    """A counter button with a style role (primary, secondary or "") that runs `action`."""
    button = QPushButton()
    if role:
        button.setProperty("role", role)
    button.clicked.connect(lambda _checked=False: action())
    return button


def table_box(stretch_column: int) -> tuple[QGroupBox, RowTable]:
    """A group box holding only a table (the page sets the box's title when it translates)."""
    box = QGroupBox()
    table = RowTable(stretch_column=stretch_column)
    QVBoxLayout(box).addWidget(table)
    return box, table


