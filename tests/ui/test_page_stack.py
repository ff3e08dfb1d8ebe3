"""A page stack is sized by the page on show and never asks a hidden page to lay out."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets.page_stack import PageStack


class CountingPage(QWidget):
    """A page with a word-wrapped label that counts the layout questions it is asked."""

    def __init__(self, minimum: QSize) -> None:
        super().__init__()
        self.asked = 0
        self.label = QLabel("一段会换行的说明文字 " * 8)
        self.label.setWordWrap(True)
        self.label.setMinimumSize(minimum)
        QVBoxLayout(self).addWidget(self.label)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        self.asked += 1
        return super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        self.asked += 1
        return super().minimumSizeHint()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        self.asked += 1
        return super().heightForWidth(width)


def test_only_the_page_on_show_is_asked_and_gives_the_stack_its_size(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    stack = PageStack()
    QVBoxLayout(window).addWidget(stack)
    small, big, hidden = (CountingPage(QSize(100, 100)), CountingPage(QSize(300, 400)),
                          CountingPage(QSize(50, 50)))
    for page in (small, big, hidden):
        stack.addWidget(page)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    assert not stack.hasHeightForWidth()
    assert stack.minimumSizeHint().height() < 400  # the small page is on show
    hidden.asked = 0
    for _ in range(3):
        hidden.label.setText(hidden.label.text() + " 改")  # the idle reset changes hidden text
        stack.setCurrentWidget(big)
        window.layout().activate()
        stack.setCurrentWidget(small)
        window.layout().activate()
    assert hidden.asked == 0
    stack.setCurrentWidget(big)
    assert stack.minimumSizeHint().height() >= 400 and stack.sizeHint().width() >= 300
