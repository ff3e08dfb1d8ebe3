"""The footer ticker: notices and the hall's information crawling right to left.

The text is laid out once (QStaticText) and drawn at an offset that follows the elapsed
time, so a late frame never makes it jump back or speed up; two copies make the loop seamless.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QStaticText, QTransform
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import Colours, Size, Theme, bold_scaled

SPEED = 110  # pixels per second at scale 1
FRAME_MS = 16
JOINER = "　　◆　　"


class Ticker(QWidget):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: tuple[str, ...] = ()
        self._static = QStaticText()
        self._width = 0.0
        self._elapsed = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.update)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.set_theme(theme)

    @property
    def text(self) -> str:
        return JOINER.join(self.items)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setFixedHeight(theme.px(Size.TICKER_BAR))
        self._font = theme.font(Size.TICKER, bold=True)
        self._drawn_font, self._scale = bold_scaled(self._font)
        self._relayout()

    def set_items(self, items: tuple[str, ...]) -> None:
        if items == self.items:
            return
        self.items = items
        self._relayout()

    def _relayout(self) -> None:
        self._static = QStaticText(self.text + JOINER if self.items else "")
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        scale = self._scale
        self._static.prepare(QTransform.fromScale(scale, scale), self._drawn_font)
        self._width = QFontMetrics(self._drawn_font).horizontalAdvance(self._static.text()) * scale
        if not self._elapsed.isValid():
            self._elapsed.start()
        self.update()

    def start(self) -> None:
        self._elapsed.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def offset(self) -> float:
        if self._width <= 0:
            return 0.0
        moved = self._elapsed.elapsed() / 1000 * self.theme.px(SPEED)
        return moved % self._width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), Colours.TICKER)
            p.fillRect(QRect(0, 0, self.width(), self.theme.px(3)), Colours.HEADER)
            if self._width <= 0:
                return
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.setFont(self._drawn_font)
            p.setPen(Colours.TICKER_TEXT)
            scale = self._scale
            p.scale(scale, scale)
            y = (self.height() / scale - self._static.size().height()) / 2 + 1.5
            x = round(self.theme.px(24) - self.offset()) / scale
            step, right = self._width / scale, self.width() / scale
            while x < right:
                p.drawStaticText(QPointF(x, y), self._static)
                x += step
        finally:
            p.end()
