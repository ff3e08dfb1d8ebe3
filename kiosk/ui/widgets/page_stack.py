"""A stack of full-screen pages that lays out only the page on show."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


class PageStack(QStackedWidget):
    """A QStackedWidget whose size is its current page's, and which offers no height for a
    width.

    Qt's stacked layout answers a size or height-for-width question by asking every page,
    shown or not, and a page with word-wrapped labels answers by laying out all their
    text. A text changed on a hidden page (the idle reset clears them all) made the next
    page switch lay out the text of every page of every stack. A page stack fills the room
    its window gives it, so it asks only the page on show, and each page lays itself out,
    within the stack's size, when it is shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.sizeHint() if page is not None else QSize(0, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else QSize(0, 0)


class ReadingPageStack(PageStack):
    """A page stack whose pages marked `read_page()` are long text (a course's details):
    on show, such a page alone answers height-for-width, so the screen's scroll area gives
    the text the height its wrapped lines need instead of cutting it off. Other pages
    (a keypad) fill the room the window gives them, as in a PageStack."""

    @staticmethod
    def read_page(page: QWidget) -> QWidget:
        page.setProperty("reading", True)
        return page

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page is not None and bool(page.property("reading")) and page.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        """The least height of the page on show at `width` (its text wrapped there)."""
        page = self.currentWidget()
        layout = None if page is None else page.layout()
        if layout is None:
            return -1
        return layout.totalMinimumHeightForWidth(width)
class TallPage(QWidget):
    """A page of a PageStack whose wrapped text may be taller than the window (a safety
    briefing, an information page in 大字): its least height is what its layout needs at
    its width, so the screen's scroll area scrolls instead of squeezing the text."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is None or self.width() <= 0 or not layout.hasHeightForWidth():
            return hint
        return QSize(hint.width(), max(hint.height(), layout.totalHeightForWidth(self.width())))
