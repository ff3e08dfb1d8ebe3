"""A stack of full-screen pages that lays out only the page on show."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget


class PageStack(QStackedWidget):
    """A QStackedWidget that does not offer a height for a width.

    Qt's stacked layout answers a height-for-width question by asking every page, shown or
    not, and a page with word-wrapped labels answers by laying out all their text: every
    tap that changed a text anywhere relaid the text of every page of every stack. A page
    stack fills the room its window gives it and never asks for a height, so each page
    only lays itself out, within the stack's size, when it is shown.
    """

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False
