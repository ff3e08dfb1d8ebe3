"""生僻字: a name character the counter PC's input method does not offer (䶮, 㛃 …) found by
its pinyin, common characters first and then the rare ones the fonts draw, and put into
the name field where the cursor is. Hidden until staff open it beside the name."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import N_
from kiosk.core.i18n import Translator
from kiosk.core.pinyin_input import Candidate, PinyinIndex
from kiosk.ui.widgets.buttons import label

PER_PAGE = 24
COLUMNS = 12


class RareCharPanel(QWidget):
    """Pinyin letters in, a page of characters out; a click inserts one into `target`."""

    def __init__(self, t: Translator, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.t = t
        self.target = target
        self.offset = 0
        self.candidates: list[Candidate] = []
        self.letters = QLineEdit()
        self.letters.setMaxLength(8)
        self.letters.textEdited.connect(lambda _text: self._first_page())
        self.more = QPushButton("▶")
        self.more.clicked.connect(self.next_page)
        self.hint = label("", "hint")
        self.buttons = [self._char_button() for _ in range(PER_PAGE)]
        grid = QGridLayout()
        for i, button in enumerate(self.buttons):
            grid.addWidget(button, i // COLUMNS, i % COLUMNS)
        top = QHBoxLayout()
        top.addWidget(self.letters)
        top.addWidget(self.more)
        top.addWidget(self.hint, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addLayout(grid)
        self.hide()
        self.retranslate()

    def _char_button(self) -> QPushButton:
        button = QPushButton()
        button.setMinimumWidth(44)
        button.clicked.connect(lambda _checked=False, b=button: self.insert(b.text()))
        return button

    def toggle(self) -> None:
        self.setVisible(not self.isVisible())
        if self.isVisible():
            self.letters.setFocus()
            self._first_page()

    def _first_page(self) -> None:
        self.offset = 0
        self._show_page()

    def next_page(self) -> None:
        self.offset = self.offset + PER_PAGE if self._has_more() else 0
        self._show_page()

    def _suggest(self, offset: int, limit: int) -> list[Candidate]:
        letters = "".join(ch for ch in self.letters.text().lower() if "a" <= ch <= "z")
        if not letters:
            return []
        return PinyinIndex.load().suggest(letters, 1, limit, offset=offset)

    def _has_more(self) -> bool:
        return bool(self._suggest(self.offset + PER_PAGE, 1))

    def _show_page(self) -> None:
        self.candidates = self._suggest(self.offset, PER_PAGE)
        for i, button in enumerate(self.buttons):
            button.setText(self.candidates[i].char if i < len(self.candidates) else "")
            button.setVisible(i < len(self.candidates))
        self.more.setEnabled(self.offset > 0 or self._has_more())

    def insert(self, char: str) -> None:
        if char:
            self.target.insert(char)

    def retranslate(self) -> None:
        self.letters.setPlaceholderText(self.t(N_("Pinyin, e.g. yan")))
        self.hint.setText(self.t(N_("Common characters come first; ▶ pages on to the rare "
                                    "ones. Click one to put it into the name.")))
