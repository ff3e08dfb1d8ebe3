"""Names without a keyboard: tap the pinyin letters, then the character from big candidate
buttons (common surnames first for the first character, common name characters after).

Keys that cannot continue any syllable are greyed out, so people who are unsure of the
spelling are led to a real one. `display` and `letters_label` are placed by the owner.

Two sets of keys (`set_phone_keys`): all the letters (全键盘), or a phone's number keys
(九宫格, 2 ABC … 9 WXYZ) as most people type on their phones. On the number keys a tap
per letter spells several pinyin at once: the best one's characters show at once, and
every pinyin the taps may spell is a tile above the keys to pick another.
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
from kiosk.core.t9 import KEY_LETTERS, T9Pinyin
from kiosk.ui.widgets.buttons import ButtonStates, big_button, label
from kiosk.ui.widgets.page_stack import PageStack

LETTER_ROWS = ("abcdefg", "hijklmn", "opqrst", "uvwxyz")
CANDIDATES_PER_PAGE = 12
CANDIDATE_COLUMNS = 6
BACKSPACE = "⌫"
CLEAR = "C"
MAX_SYLLABLES = 6  # no key sequence spells more (7-2-6: pan pao ran rao san sao)
PHONE_ROWS = (("1", "2", "3", BACKSPACE), ("4", "5", "6", CLEAR), ("7", "8", "9"))


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
        self.phone_keys: dict[str, QPushButton] = {}
        self.t9 = T9Pinyin(index)
        self.phone = False  # 九宫格: the number keys
        self.digits = ""  # the number keys tapped for this character
        self.syllables: list[str] = []  # what they may spell, best first
        self.syllable_buttons = [big_button("", "key") for _ in range(MAX_SYLLABLES)]
        for i, button in enumerate(self.syllable_buttons):
            button.setCheckable(True)
            button.clicked.connect(self._pick_syllable(i))
        for i, button in enumerate(self.candidate_buttons):
            button.clicked.connect(self._choose(i))
        self._candidates = QGridLayout()
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(self._candidates)
        self.key_pages = PageStack()
        letters = QWidget()
        grid = self._letter_grid()
        grid.setContentsMargins(0, 0, 0, 0)
        letters.setLayout(grid)
        self.key_pages.addWidget(letters)
        self.key_pages.addWidget(self._phone_page())
        self._layout.addWidget(self.key_pages)
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
                for caption in (BACKSPACE, CLEAR):
                    key = big_button(caption, "key")
                    key.clicked.connect(self._letter(caption))
                    self.keys[caption] = key
                    row.addWidget(key)
            rows.addLayout(row)
        return rows

    def _phone_page(self) -> QWidget:
        """The pinyin the taps spell in a row of tiles, over a phone's keys: 1 (no
        letters, as on a phone) 2 ABC 3 DEF ⌫ / 4 GHI 5 JKL 6 MNO 清空 / 7 PQRS 8 TUV 9 WXYZ."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        tiles = QHBoxLayout()
        for button in self.syllable_buttons:
            tiles.addWidget(button)
        layout.addLayout(tiles)
        grid = QGridLayout()
        for r, row in enumerate(PHONE_ROWS):
            for c, key in enumerate(row):
                caption = f"{key} {KEY_LETTERS[key].upper()}" if key in KEY_LETTERS else key
                button = big_button(caption, "key")
                button.clicked.connect(self._letter(key))
                self.phone_keys[key] = button
                grid.addWidget(button, r, c)
        self.phone_keys["1"].setEnabled(False)  # a phone's 1 has no letters either
        layout.addLayout(grid)
        return page

    def set_phone_keys(self, phone: bool) -> None:
        """九宫格 (the number keys) or 全键盘 (all the letters); what was typed for the
        character in progress is dropped, the name so far is kept."""
        if phone == self.phone:
            return
        self.phone = phone
        self.key_pages.setCurrentIndex(1 if phone else 0)
        self.letters, self.digits, self.offset = "", "", 0
        self.refresh()

    def _letter(self, key: str) -> Callable[[], None]:
        return lambda: self.press(key)

    def _pick_syllable(self, i: int) -> Callable[[], None]:
        return lambda: self.pick_syllable(i)

    def _choose(self, i: int) -> Callable[[], None]:
        return lambda: self.choose(i)

    def retranslate(self, clear: str) -> None:
        self.keys[CLEAR].setText(clear)
        self.phone_keys[CLEAR].setText(clear)

    # -- input -------------------------------------------------------------------------
    def press(self, key: str) -> None:
        """A key of either set: a letter, a number key (2–9), ⌫ or C (清空)."""
        if key == BACKSPACE:
            self._back()
        elif key == CLEAR:
            self.name, self.letters, self.digits = "", "", ""
        elif len(self.name) < self.max_chars:
            if key in KEY_LETTERS:
                self._spell(self.digits + key)
            else:
                self.letters += key
        self.offset = 0
        self.refresh()
        self.changed.emit(self.name)

    def _back(self) -> None:
        if self.digits:
            self._spell(self.digits[:-1])
        elif self.letters:
            self.letters = self.letters[:-1]
        else:
            self.name = self.name[:-1]

    def _spell(self, digits: str) -> None:
        """The number keys tapped so far; the best pinyin they spell is the one shown."""
        self.digits = digits
        self.syllables = self.t9.syllables(digits, len(self.name)) if digits else []
        self.letters = self.syllables[0] if self.syllables else ""

    def pick_syllable(self, i: int) -> None:
        """Another pinyin the number keys spell: its characters are shown instead."""
        if i < len(self.syllables):
            self.letters, self.offset = self.syllables[i], 0
        self.refresh()

    def choose(self, i: int) -> None:
        if i >= len(self.candidates) or len(self.name) >= self.max_chars:
            return
        self.name += self.candidates[i].char
        self.letters, self.digits, self.offset = "", "", 0
        self.refresh()
        self.changed.emit(self.name)

    def set_name(self, name: str) -> None:
        self.name, self.letters, self.digits, self.offset = name[:self.max_chars], "", "", 0
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
        typed = bool(self.letters or self.name)
        for keys in (self.keys, self.phone_keys):
            states.enable(keys[BACKSPACE], typed)
            states.enable(keys[CLEAR], typed)
        if self.phone:
            self._refresh_phone()
        self.display.setText(self.name or " ")
        shown = self.letters.replace("v", "ü")
        self.letters_label.setText(shown)

    def _refresh_phone(self) -> None:
        states = self._states
        if not self.digits:
            self.syllables = []
        following = self.t9.next_digits(self.digits) if len(self.name) < self.max_chars \
            else frozenset()
        for key in KEY_LETTERS:
            states.enable(self.phone_keys[key], key in following)
        for i, button in enumerate(self.syllable_buttons):
            syllable = self.syllables[i] if i < len(self.syllables) else ""
            states.text(button, syllable.replace("v", "ü"))
            states.enable(button, bool(syllable))
            button.setChecked(bool(syllable) and syllable == self.letters)
