"""The top of every step: ← back, the step's title, "第 2 步，共 8 步", 请工作人员帮助 and a
progress bar; once staff are called, a band under it says they are on their way."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme import TouchColours, TouchSize
from kiosk.ui.widgets.buttons import big_button, label

BAR_HEIGHT = 18


class StepBar(QWidget):
    """How far through the steps: a filled share of a rounded bar, painted on demand
    (QProgressBar repaints itself at once on every change, before the new page shows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value, self.maximum = 0, 1
        self.setFixedHeight(BAR_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_progress(self, value: int, maximum: int) -> None:
        if (value, maximum) != (self.value, self.maximum):
            self.value, self.maximum = value, max(1, maximum)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(Qt.PenStyle.NoPen)
            radius = self.height() / 2
            p.setBrush(QColor(TouchColours.NEUTRAL))
            p.drawRoundedRect(QRectF(self.rect()), radius, radius)
            share = min(1.0, self.value / self.maximum)
            if share > 0:
                p.setBrush(QColor(TouchColours.SECONDARY))
                p.drawRoundedRect(QRectF(0, 0, self.width() * share, self.height()), radius,
                                  radius)
        finally:
            p.end()


class StepHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = big_button("", "")
        self.back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.title = label("", "title")
        self.counter = label("", "hint", wrap=False)
        self.progress = StepBar()
        self.action: QWidget | None = None
        self.help = big_button("", "secondary")
        # a share of the row, its text fitted (on two lines if need be): the title keeps
        # the rest, never squeezed to a column by the button's whole width
        self.help.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.help.setMinimumWidth(TouchSize.TARGET * 2)
        self.help.hide()  # until the screen offers it (`offer_help`)
        self.help_offered = False
        self.help_waiting = label("", "helpWaiting")
        self.help_waiting.hide()
        self._row = row = QHBoxLayout()
        row.addWidget(self.back)
        row.addWidget(self.title, 3)
        row.addWidget(self.counter)
        row.addWidget(self.help, 2)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.help_waiting)  # a band under the bar: the title keeps its room
        self._waiting_in_row = False

    def take_action(self, widget: QWidget | None) -> QWidget | None:
        """Show `widget` (a step's main button) at the row's end, where a screen short of
        height puts it; None takes back the one there (returned, for its page to keep)."""
        previous = self.action
        if previous is not None:
            self._row.removeWidget(previous)
        self.action = widget
        if widget is not None:
            self._row.addWidget(widget)
        # with a step's button here too, "第 5 步，共 6 步" gives the title its room (the
        # bar under the row shows how far)
        self.counter.setVisible(widget is None and self.progress.isVisibleTo(self))
        return previous

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """请工作人员帮助 takes at most a quarter of the row: on a landscape screen a
        button, not a band."""
        super().resizeEvent(event)
        quarter = max(self.help.minimumWidth(), event.size().width() // 4)
        self.help.setMaximumWidth(quarter)
        window = self.window()
        self._place_waiting(in_row=window.width() > window.height())

    def _place_waiting(self, *, in_row: bool) -> None:
        """"Staff are on their way" in place of the button on a landscape screen (whose
        keypads need every line of its height), in a band under the bar in portrait
        (whose row is narrow)."""
        if in_row == self._waiting_in_row:
            return
        self._waiting_in_row = in_row
        self.help_waiting.setWordWrap(not in_row)  # one line in the row: a short text
        if in_row:
            self._layout.removeWidget(self.help_waiting)
            self._row.insertWidget(self._row.indexOf(self.help) + 1, self.help_waiting, 2)
        else:
            self._row.removeWidget(self.help_waiting)
            self._layout.addWidget(self.help_waiting)

    def offer_help(self) -> None:
        self.help_offered = True
        self.help.show()

    def set_help_texts(self, ask: str, waiting: str) -> None:
        self.help.setText(ask)
        self.help_waiting.setText(waiting)

    def show_help_waiting(self, waiting: bool) -> None:
        """Staff are called (the button gives way to "已通知工作人员，请稍候") or not."""
        self.help.setVisible(self.help_offered and not waiting)
        self.help_waiting.setVisible(self.help_offered and waiting)

    def set_step(self, title: str, step: int, steps: int, counter_text: str,
                 back_text: str) -> None:
        """`step` counts from 1; `steps` == 0 hides the counter and the bar."""
        if title != self.title.text():
            self.title.setText(title)
            # A title on two lines (English in large text) needs a taller header; the
            # screen's layout keeps the header's old height unless told its hint changed.
            self.updateGeometry()
        self.back.setText(back_text)
        self.counter.setText(counter_text if steps else "")
        self.counter.setVisible(bool(steps) and self.action is None)
        self.progress.setVisible(bool(steps))
        self.progress.set_progress(step, steps)
