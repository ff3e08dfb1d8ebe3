"""Names without a keyboard: tap the pinyin letters, then the character from big candidate
buttons (common surnames first for the first character, common name characters after).

Keys that cannot continue any syllable are greyed out, so people who are unsure of the
spelling are led to a real one. `display` and `letters_label` are placed by the owner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.pinyin_input import Candidate, PinyinIndex
from kiosk.ui.widgets.buttons import ButtonStates, big_button, label

LETTER_ROWS = ("abcdefg", "hijklmn", "opqrst", "uvwxyz")
CANDIDATES_PER_PAGE = 12
CANDIDATE_COLUMNS = 6
BACKSPACE = "⌫"


class PinyinKeypad(QWidget):
    changed = Signal(str)  # the name so far

    def __init__(self, index: PinyinIndex, max_chars: int = 6,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.max_chars = max_chars
        self.name = ""
        self.letters = ""
        self.offset = 0
        self.candidates: list[Candidate] = []
        self._states = ButtonStates()
        self.display = label("", "entry", wrap=False)
        self.letters_label = label("", "title", wrap=False)
        self.candidate_buttons = [big_button("", "candidate") for _ in range(CANDIDATES_PER_PAGE)]
        self.more = big_button("▶", "")
        self.more.clicked.connect(self._more)
        self.keys: dict[str, QPushButton] = {}
        for i, button in enumerate(self.candidate_buttons):
            button.clicked.connect(self._choose(i))
        self._candidates = QGridLayout()
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(self._candidates)
        self._layout.addLayout(self._letter_grid())
        self._portrait: bool | None = None
        self.set_portrait(True)
        self.refresh()

    def set_portrait(self, portrait: bool) -> None:
        """Portrait: two rows of six candidates above the letters. Landscape: the letters
        on the left, three rows of four candidates on the right (the screen is wide, not
        tall)."""
        if portrait == self._portrait:
            return
        self._portrait = portrait
        columns = CANDIDATE_COLUMNS if portrait else CANDIDATE_COLUMNS - 2
        for i, button in enumerate(self.candidate_buttons):
            self._candidates.removeWidget(button)
            self._candidates.addWidget(button, i // columns, i % columns)
        rows = -(-len(self.candidate_buttons) // columns)
        self._candidates.removeWidget(self.more)
        self._candidates.addWidget(self.more, 0, columns, rows, 1)
        self._layout.setDirection(QBoxLayout.Direction.BottomToTop if portrait
                                  else QBoxLayout.Direction.RightToLeft)

    def _letter_grid(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        for r, letters in enumerate(LETTER_ROWS):
            row = QHBoxLayout()
            for letter in letters:
                key = big_button("ü" if letter == "v" else letter, "key")
                key.clicked.connect(self._letter(letter))
                self.keys[letter] = key
                row.addWidget(key)
            if r == len(LETTER_ROWS) - 1:
                for caption in (BACKSPACE, "C"):
                    key = big_button(caption, "key")
                    key.clicked.connect(self._letter(caption))
                    self.keys[caption] = key
                    row.addWidget(key)
            rows.addLayout(row)
        return rows

    def _letter(self, key: str) -> Callable[[], None]:
        return lambda: self.press(key)

    def _choose(self, i: int) -> Callable[[], None]:
        return lambda: self.choose(i)

    def retranslate(self, clear: str) -> None:
        self.keys["C"].setText(clear)

    # -- input -------------------------------------------------------------------------
    def press(self, key: str) -> None:
        if key == BACKSPACE:
            if self.letters:
                self.letters = self.letters[:-1]
            else:
                self.name = self.name[:-1]
        elif key == "C":
            self.name, self.letters = "", ""
        elif len(self.name) < self.max_chars:
            self.letters += key
        self.offset = 0
        self.refresh()
        self.changed.emit(self.name)

    def choose(self, i: int) -> None:
        if i >= len(self.candidates) or len(self.name) >= self.max_chars:
            return
        self.name += self.candidates[i].char
        self.letters, self.offset = "", 0
        self.refresh()
        self.changed.emit(self.name)

    def set_name(self, name: str) -> None:
        self.name, self.letters, self.offset = name[:self.max_chars], "", 0
        self.refresh()
        self.changed.emit(self.name)

    def clear(self) -> None:
        self.set_name("")

    def _more(self) -> None:
        self.offset = self.offset + CANDIDATES_PER_PAGE if self._has_more() else 0
        self.refresh()

    def _has_more(self) -> bool:
        return bool(self._suggest(self.offset + CANDIDATES_PER_PAGE, 1))

    def _suggest(self, offset: int, limit: int) -> list[Candidate]:
        if not self.letters:
            return []
        return self.index.suggest(self.letters, len(self.name), limit, before=self.name,
                                  offset=offset)

    # -- showing -----------------------------------------------------------------------
    def refresh(self) -> None:
        self.candidates = self._suggest(self.offset, CANDIDATES_PER_PAGE)
        states = self._states
        for i, button in enumerate(self.candidate_buttons):
            states.text(button, self.candidates[i].char if i < len(self.candidates) else "")
            states.enable(button, i < len(self.candidates))
        states.enable(self.more, self.offset > 0 or self._has_more())
        possible = self.index.next_letters(self.letters) if len(self.name) < self.max_chars \
            else frozenset()
        for letter in "abcdefghijklmnopqrstuvwxyz":
            states.enable(self.keys[letter], letter in possible)
        states.enable(self.keys[BACKSPACE], bool(self.letters or self.name))
        states.enable(self.keys["C"], bool(self.letters or self.name))
        self.display.setText(self.name or " ")
        shown = self.letters.replace("v", "ü")
        self.letters_label.setText(shown)
