"""The counter's tables keep the chosen row by its id, never by its place."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.ui.counter.table import RowTable


def test_the_choice_follows_its_id_and_is_cleared_when_the_row_is_gone(qtbot: QtBot) -> None:
    table = RowTable(stretch_column=1)
    qtbot.addWidget(table)
    table.set_headers(["No.", "Worker"])
    table.set_rows([("a", ("1", "王建军")), ("b", ("2", "李建华")), ("c", ("3", "赵铁柱"))])
    assert table.select_id("b")
    table.set_rows([("c", ("1", "赵铁柱")), ("b", ("2", "李建华"))])  # re-ranked
    assert table.selected_id() == "b"
    table.set_rows([("c", ("1", "赵铁柱")), ("a", ("2", "王建军"))])  # b referred: gone
    assert table.selected_id() is None and table.selectedItems() == []
