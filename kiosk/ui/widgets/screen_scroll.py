"""A touchscreen screen held in a vertical scroll area, so that a screen taller than the
window (大字 on a screen whose rows of targets do not fit) scrolls instead of pushing the
window past the display's edge, where its last buttons could not be reached. A screen that
fits shows no scroll bar; screens reflow first (`Screen.set_large`), this is the rest."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class ScreenScroll(QScrollArea):
    def __init__(self, screen: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.screen_widget = screen
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(screen)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.screen_widget.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As wide as the screen needs (nothing scrolls sideways), any height."""
        return QSize(self.screen_widget.minimumSizeHint().width(), 0)
