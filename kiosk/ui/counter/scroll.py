"""A page that scrolls only when the window is smaller than the page's minimum.

`QScrollArea.setWidgetResizable(True)` gives a page with wrapping labels its *preferred*
height for the width (tables' preferred heights are large), so pages scrolled at sizes
where they fit. This area gives the page the whole viewport, and scrolls only below the
page's minimum (its minimum height at that width when labels wrap)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# A hidden page's layout changes (the language switched) ask no layout request: refit it
# when it shows again too.
_REFIT = (QEvent.Type.LayoutRequest, QEvent.Type.Show)


class PageScroll(QScrollArea):
    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(page)
        page.installEventFilter(self)

    def fit_page(self) -> None:
        page = self.widget()
        if page is None:
            return
        room = self.maximumViewportSize()
        size = self.page_size(page, room)
        if size.width() > room.width():  # a bar across takes from the height
            room.setHeight(room.height() - self.horizontalScrollBar().sizeHint().height())
            size = self.page_size(page, room)
        page.resize(size)

    @staticmethod
    def page_size(page: QWidget, room: QSize) -> QSize:
        """The viewport's size, or the page's minimum where that is larger."""
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        width = max(room.width(), least.width())
        layout = page.layout()
        height = least.height()
        if layout is not None and layout.hasHeightForWidth():
            height = max(height, layout.minimumHeightForWidth(width))
        return QSize(width, max(room.height(), height))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self, self.fit_page)  # once the shown page has laid itself out

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self.fit_page()
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.widget() and event.type() in _REFIT:
            self.fit_page()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.widget()
        return super().sizeHint() if page is None else page.sizeHint()


def scrolling(page: QWidget) -> PageScroll:
    return PageScroll(page)
