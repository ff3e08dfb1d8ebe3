"""Big tick-tiles for choices (trades, certificates, 求职意向, areas): tap to tick, tap again
to untick. A ticked tile gets a ✓ and a thick border as well as a colour."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.widgets.buttons import big_button

TICK = "✓ "


@dataclass(frozen=True, slots=True)
class Tile:
    key: str
    text: str
    icon: QIcon | None = None  # a pictogram beside the text


class TileGrid(QWidget):
    """`columns` wide; at most `max_selected` ticked (0: no limit; 1: a single choice).

    With a limit above one, a further tap is refused and `refused()` lets the screen say why.
    """

    selection_changed = Signal(list)  # the ticked keys, in tile order
    refused = Signal()

    def __init__(self, columns: int, max_selected: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.max_selected = max_selected
        self.tiles: list[Tile] = []
        self.icon_size = QSize(64, 64)
        self.buttons: dict[str, QPushButton] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)

    def set_tiles(self, tiles: Sequence[Tile]) -> None:
        """Replace the tiles (keeps the ticks of keys that remain)."""
        kept = set(self.selected())
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        self.tiles = list(tiles)
        for i, tile in enumerate(self.tiles):
            button = big_button("", "tile")
            # equal columns: a long name is fitted into its tile, not given a wider column
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setCheckable(True)
            button.setChecked(tile.key in kept)
            if tile.icon is not None:
                button.setIcon(tile.icon)
                button.setIconSize(self.icon_size)
            button.clicked.connect(self._toggle(tile.key))
            self._grid.addWidget(button, i // self.columns, i % self.columns)
            self.buttons[tile.key] = button
            self._caption(tile)
        self._equal_columns()

    def set_columns(self, columns: int) -> None:
        """Re-flow the same tiles into `columns` columns."""
        if columns == self.columns:
            return
        self.columns = columns
        for i, tile in enumerate(self.tiles):
            button = self.buttons[tile.key]
            self._grid.removeWidget(button)
            self._grid.addWidget(button, i // columns, i % columns)
        self._equal_columns()

    def _equal_columns(self) -> None:
        for column in range(max(self.columns, self._grid.columnCount())):
            self._grid.setColumnStretch(column, 1 if column < self.columns else 0)

    def _toggle(self, key: str) -> Callable[[bool], None]:
        return lambda checked: self.tap(key, checked)

    def tap(self, key: str, checked: bool) -> None:
        button = self.buttons[key]
        if checked and self.max_selected == 1:
            for other_key, other in self.buttons.items():
                if other_key != key and other.isChecked():
                    other.setChecked(False)
                    self._caption(self._tile(other_key))
        elif checked and self.max_selected and len(self.selected()) > self.max_selected:
            button.setChecked(False)
            self.refused.emit()
            return
        self._caption(self._tile(key))
        self.selection_changed.emit(self.selected())

    def _tile(self, key: str) -> Tile:
        return next(t for t in self.tiles if t.key == key)

    def _caption(self, tile: Tile) -> None:
        button = self.buttons[tile.key]
        # "&&": a button would take "&" as a shortcut mark (Construction & renovation)
        button.setText((TICK if button.isChecked() else "") + tile.text.replace("&", "&&"))

    def selected(self) -> list[str]:
        return [t.key for t in self.tiles if t.key in self.buttons
                and self.buttons[t.key].isChecked()]

    def set_selected(self, keys: Sequence[str]) -> None:
        for tile in self.tiles:
            button, ticked = self.buttons[tile.key], tile.key in keys
            if button.isChecked() != ticked:  # only the tiles that change: fewer calls
                button.setChecked(ticked)
                self._caption(tile)
        self.selection_changed.emit(self.selected())

    def clear(self) -> None:
        self.set_selected(())
