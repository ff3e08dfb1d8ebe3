"""A touchscreen screen held in a vertical scroll area, so that a screen taller than the
window (大字 on a screen whose rows of targets do not fit) scrolls instead of pushing the
window past the display's edge, where its last buttons could not be reached. A screen that
fits shows no scroll bar; screens reflow first (`Screen.set_large`), this is the rest.

The screen gets the viewport's size, or its least height at that width when that is more
(wrapped labels counted at the width they have, not at a guessed narrower one)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class ScreenScroll(QScrollArea):
    def __init__(self, screen: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.screen_widget = screen
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(screen)
        screen.installEventFilter(self)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.screen_widget.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As wide as the screen needs (nothing scrolls sideways), any height."""
        return QSize(self.screen_widget.minimumSizeHint().width(), 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.screen_widget and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _least_height(self, width: int) -> int:
        """The screen's least height at `width`: its wrapped labels' lines counted."""
        screen = self.screen_widget
        layout = screen.layout()
        least = screen.minimumSizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            least = max(least, layout.minimumHeightForWidth(width))
        return least

    def _fit(self) -> None:
        viewport = self.maximumViewportSize()
        width = viewport.width()
        least = self._least_height(width)
        if least > viewport.height():  # it scrolls: the bar takes some width
            width -= self.verticalScrollBar().sizeHint().width()
            least = self._least_height(width)
        size = QSize(width, max(least, viewport.height()))
        if self.screen_widget.size() != size:
            self.screen_widget.resize(size)
