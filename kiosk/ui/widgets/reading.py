"""Long wrapped text in the touchscreen's large reading style (a safety briefing, an
information page)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel


class ReadingLabel(QLabel):
    """Wrapped text in the large reading style whose height is measured from its own
    font, padding and border (QLabel's own measure came short in 大字: lines were cut)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setProperty("role", "reading")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        margins = self.contentsMargins()
        inner = max(1, width - margins.left() - margins.right() - 2 * self.margin())
        flags = int(Qt.TextFlag.TextWordWrap)
        text = QFontMetrics(self.font()).boundingRect(0, 0, inner, 100_000, flags, self.text())
        measured = text.height() + margins.top() + margins.bottom() + 2 * self.margin()
        return max(measured, super().heightForWidth(width))  # each errs short somewhere

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        if self.width() > 0:
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Laid out at a width that needs more lines than the height it got (its page was
        measured at another width, e.g. before the screen turned): ask again, so the
        screen's scroll area makes room rather than cutting the text."""
        super().resizeEvent(event)
        if self.height() < self.heightForWidth(self.width()):
            self.updateGeometry()
