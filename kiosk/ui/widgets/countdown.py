"""The idle warning over the whole window: "还在使用吗？" with the seconds left and a big
button to carry on. When the count reaches zero it emits `expired`."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import big_button, label


class CountdownOverlay(QWidget):
    expired = Signal()
    continued = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.seconds_left = 0
        self._message = "{seconds}"
        self._timer = QTimer(self)
        self.tick_ms = 1000  # one second per count (tests shorten it)
        self._timer.timeout.connect(self._tick)
        dialog = QFrame(self)
        dialog.setObjectName("dialog")
        self.question = label("", "title")
        self.count = label("", "huge", wrap=False)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = label("", "")
        self.carry_on = big_button("", "primary")
        self.carry_on.clicked.connect(self._carry_on)
        inner = QVBoxLayout(dialog)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(24)
        for widget in (self.question, self.count, self.detail, self.carry_on):
            inner.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(dialog, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self._dialog = dialog
        parent.installEventFilter(self)
        self.hide()

    def set_texts(self, question: str, detail: str, carry_on: str) -> None:
        self.question.setText(question)
        self.detail.setText(detail)
        self.carry_on.setText(carry_on)

    def start(self, seconds: int) -> None:
        self.seconds_left = seconds
        self._show_count()
        self.setGeometry(self._host.rect())
        self._dialog.setMinimumWidth(self.width() * 2 // 3)
        self.show()
        self.raise_()
        self._timer.start(self.tick_ms)

    def stop(self) -> None:
        self._timer.stop()
        self.hide()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        self.seconds_left -= 1
        self._show_count()
        if self.seconds_left <= 0:
            self.stop()
            self.expired.emit()

    def _show_count(self) -> None:
        self.count.setText(str(max(0, self.seconds_left)))

    def _carry_on(self) -> None:
        self.stop()
        self.continued.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # While a window is torn down its events may still come after this overlay's
        # Python side is gone: then there is no host to follow.
        host: QWidget | None = getattr(self, "_host", None)
        if host is not None and watched is host and event.type() == QEvent.Type.Resize:
            self.setGeometry(host.rect())
        return False
