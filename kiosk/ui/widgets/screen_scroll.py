"""A touchscreen screen held in a vertical scroll area, so that a screen taller than the
window (大字 on a screen whose rows of targets do not fit) scrolls instead of pushing the
window past the display's edge, where its last buttons could not be reached. A screen that
fits shows no scroll bar; screens reflow first (`Screen.set_large`), this is the rest.

The screen gets the viewport's size, or its minimum height when that is more: as a window
does (a height-for-width guess of wrapped labels at some narrower width is not used)."""

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

    def _fit(self) -> None:
        least = self.screen_widget.minimumSizeHint().height()
        viewport = self.maximumViewportSize()
        scrolls = least > viewport.height()
        width = viewport.width() - (self.verticalScrollBar().sizeHint().width() if scrolls
                                    else 0)
        size = QSize(width, max(least, viewport.height()))
        if self.screen_widget.size() != size:
            self.screen_widget.resize(size)
