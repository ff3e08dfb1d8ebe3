"""A big numeric keypad with its own display: ID numbers (with X) and phone numbers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.ui.widgets.buttons import ButtonStates, big_button, label, set_flag

BACKSPACE = "⌫"
GROUPS_ID = (6, 8, 4)  # 370104 19750314 123X: area, birth date, sequence and check
GROUPS_PHONE = (3, 4, 4)  # 138 0531 1234


def grouped(text: str, groups: tuple[int, ...]) -> str:
    """Digits spaced in their natural groups, so people can compare with their card."""
    parts, start = [], 0
    for size in groups:
        if start >= len(text):
            break
        parts.append(text[start:start + size])
        start += size
    if start < len(text):
        parts.append(text[start:])
    return " ".join(parts)


class NumericKeypad(QWidget):
    """Keys 0–9, X (optional: then 清空 has a row below), ⌫ and 清空; `display` (placed by
    the owner) shows what was typed, in groups.

    `changed(text)` on every key; the owner checks the value (through services) and may
    mark it with `set_invalid()`.
    """

    changed = Signal(str)

    def __init__(self, max_length: int, groups: tuple[int, ...], *, allow_x: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self.groups = groups
        self.allow_x = allow_x
        self._text = ""
        self._states = ButtonStates()
        self.display = label("", "entry", wrap=False)  # placed by the owner
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        rows = ["123", "456", "789", ("X" if allow_x else "C") + "0" + BACKSPACE]
        if allow_x:  # X takes 清空's place: 清空 gets a row of its own
            rows.append("C")
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                button = big_button(self._caption(key), "key")
                button.clicked.connect(self._press(key))
                grid.addWidget(button, r, c, 1, 3 if len(row) == 1 else 1)
                self.keys[key] = button
        self.set_text("")

    @staticmethod
    def _caption(key: str) -> str:
        return {"C": "清空"}.get(key, key)

    def _press(self, key: str) -> Callable[[], None]:
        return lambda: self.press(key)

    def retranslate(self, clear: str) -> None:
        """The caption of the clear key (the only word on the keypad)."""
        self.keys["C"].setText(clear)

    def press(self, key: str) -> None:
        if key == BACKSPACE:
            self.set_text(self._text[:-1])
        elif key == "C":
            self.set_text("")
        elif len(self._text) < self.max_length and (key.isdigit() or key == "X"):
            self.set_text(self._text + key)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        text = text[:self.max_length]
        changed = text != self._text
        self._text = text
        self.display.setText(grouped(text, self.groups) or " ")
        self._states.enable(self.keys[BACKSPACE], bool(text))
        self._states.enable(self.keys["C"], bool(text))
        if "X" in self.keys:
            # X is only ever the last of 18 characters
            self._states.enable(self.keys["X"], len(text) == self.max_length - 1)
        full = len(text) >= self.max_length
        for key in "0123456789":
            self._states.enable(self.keys[key], not full)
        if changed:
            self.changed.emit(text)

    def set_invalid(self, invalid: bool) -> None:
        set_flag(self.display, "invalid", invalid)

    def clear(self) -> None:
        self.set_text("")
        self.set_invalid(False)
