"""Keys for the 统一社会信用代码 (GB 32100-2015): the digits and the 21 capital letters the
code uses (no I, O, S, V or Z), ⌫ and 清空, with a display in groups (the owner places it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.ui.widgets.buttons import big_button, label, set_flag
from kiosk.ui.widgets.keypad import BACKSPACE, grouped

USCC_KEYS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_LENGTH = 18
GROUPS_USCC = (2, 6, 9, 1)  # authority and kind, district, organisation code, check
CLEAR = "clear"  # not "C": a letter of the code


class CodeKeypad(QWidget):
    changed = Signal(str)

    def __init__(self, columns: int = 8, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.display = label(" ", "entry", wrap=False)
        self.keys: dict[str, QPushButton] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        for key in (*USCC_KEYS, BACKSPACE, CLEAR):
            button = big_button(key, "key")
            button.clicked.connect(self._press(key))
            self.keys[key] = button
        self.set_columns(columns)

    def set_columns(self, columns: int) -> None:
        for i, key in enumerate((*USCC_KEYS, BACKSPACE, CLEAR)):
            self._grid.removeWidget(self.keys[key])
            self._grid.addWidget(self.keys[key], i // columns, i % columns)

    def _press(self, key: str) -> Callable[[], None]:
        return lambda: self.press(key)

    def retranslate(self, clear: str) -> None:
        self.keys[CLEAR].setText(clear)

    def press(self, key: str) -> None:
        if key == BACKSPACE:
            self.set_text(self._text[:-1])
        elif key == CLEAR:
            self.set_text("")
        elif len(self._text) < USCC_LENGTH:
            self.set_text(self._text + key)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        text = text[:USCC_LENGTH]
        changed = text != self._text
        self._text = text
        self.display.setText(grouped(text, GROUPS_USCC) or " ")
        if changed:
            self.changed.emit(text)

    def set_invalid(self, invalid: bool) -> None:
        set_flag(self.display, "invalid", invalid)

    def clear(self) -> None:
        self.set_text("")
        self.set_invalid(False)
