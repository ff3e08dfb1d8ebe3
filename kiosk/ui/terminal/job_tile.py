"""One job in the 找活 list: a big tappable card of three lines (trade and title; pay,
settlement and places left; place and start)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import label


class JobTile(QFrame):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "job")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # wrapped, not cut: two cards side by side leave a long English line half the width
        self.headline = label("", "jobTitle")
        self.pay = label("", "jobPay")
        self.where = label("", "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)  # 大字 in landscape: two rows of cards whose
        layout.setSpacing(2)  # English titles take two lines, and the paging row, in view
        for widget in (self.headline, self.pay, self.where):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            layout.addWidget(widget)

    def set_lines(self, headline: str, pay: str, where: str) -> None:
        self.headline.setText(headline)
        self.pay.setText(pay)
        self.where.setText(where)
        self._hold_height(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._hold_height(event.size().width())

    def _hold_height(self, width: int) -> None:
        """At least the height its wrapped lines need at this width: the page's layout
        (in a page stack, which asks no height for a width) would squeeze a card whose
        English title takes two lines, and the screen scrolls instead."""
        if width <= 0 or self.layout() is None:
            return
        needed = self.heightForWidth(width)  # the frame's border counted
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def lines(self) -> tuple[str, str, str]:
        return self.headline.text(), self.pay.text(), self.where.text()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)
