"""The counter's call controls (叫号), in the top bar while staff are signed in (in place
of the hall's name, which the window title keeps): this window's number now and how many
wait, then call next / call again / 过号 (did not come: passed over, the next is called).
In the top bar, not a band of its own: every tab keeps its whole height on a 1366×768
screen.

A call is a record of the hall: the board shows it at once and says it aloud, the other
terminals of the hall see it after their next sync.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.errors import N_, Err, Result
from kiosk.core.records import QueueCall
from kiosk.services import calling
from kiosk.ui.counter.context import CounterContext
from kiosk.ui.counter.table import action_button
from kiosk.ui.widgets.buttons import label


class CallBar(QWidget):
    called = Signal(int)  # a number was called (or called again) to this window
    problem = Signal(str)  # why nothing was called, translated (for the status line)

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window_label = ctx.config.counter.window
        self.serving = label("", "", wrap=False)
        self.next_button = action_button("primary", self.call_next)
        self.recall_button = action_button("bar", self.recall)
        self.skip_button = action_button("bar", self.skip)
        row = self.row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.serving)
        for button in (self.next_button, self.recall_button, self.skip_button):
            button.setObjectName("callButton")
            row.addWidget(button)
        self._serving: int | None = None

    def t(self, message: str) -> str:
        return self.ctx.t(message)

    # -- actions -------------------------------------------------------------------------
    def call_next(self) -> None:
        self._after(calling.call_next(self.ctx.services, self.window_label))

    def recall(self) -> None:
        self._after(calling.recall(self.ctx.services, self.window_label))

    def skip(self) -> None:
        self._after(calling.skip(self.ctx.services, self.window_label))

    def _after(self, result: Result[QueueCall] | Result[QueueCall | None]) -> None:
        self.refresh()
        if isinstance(result, Err):
            self.problem.emit(self.ctx.errors(result))
        elif result.value is not None:
            self.called.emit(result.value.queue_no)

    # -- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        state = calling.window_state(self.ctx.services, self.window_label)
        self._serving = state.serving
        t = self.t
        now = (t(N_("No. {number}")).format(number=state.serving_label)
               if state.serving is not None else t(N_("Free")))
        self.serving.setText(t(N_("{now} · {count} waiting")).format(
            now=now, count=state.waiting))
        self.serving.setToolTip(t(N_("Window {window}")).format(window=self.window_label))
        self.recall_button.setEnabled(state.serving is not None)
        self.skip_button.setEnabled(state.serving is not None)
        self.next_button.setEnabled(state.waiting > 0)

    def retranslate(self) -> None:
        t = self.t
        self.next_button.setText(t(N_("Call next")))
        self.recall_button.setText(t(N_("Again")))
        self.skip_button.setText(t(N_("Skip")))
        self.next_button.setToolTip(t(N_(
            "Call the number waiting longest (of every touchscreen) to this window")))
        self.recall_button.setToolTip(t(N_("Call this window's number again")))
        self.skip_button.setToolTip(t(N_(
            "Did not come: pass over this number and call the next")))
        self.refresh()

    @property
    def serving_number(self) -> int | None:
        return self._serving
