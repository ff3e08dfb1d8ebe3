"""The counter's call controls (叫号), in the top bar while staff are signed in (in place
of the hall's name, which the window title keeps): this window's number now and how many
wait, then call next / call again / 过号 (did not come: passed over, the next is called).
In the top bar, not a band of its own: every tab keeps its whole height on a 1366×768
screen.

A call is a record of the hall: the board shows it at once and says it aloud, the other
terminals of the hall see it after their next sync.

After them, while a touchscreen of the hall asks for staff (请工作人员帮助, from this
store or through the hub's feed), an alert names the terminal, where the worker is and
since when (the longest waiting first, "+2" when more wait), and 已处理 marks it handled:
the touchscreen stops saying staff are on their way once that reaches it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.errors import N_, Err, Result
from kiosk.core.records import HelpPlace, QueueCall, StaffCall
from kiosk.services import calling
from kiosk.services import help as staff_help
from kiosk.ui.counter.context import CounterContext
from kiosk.ui.counter.table import action_button
from kiosk.ui.widgets.buttons import label

PLACES = {
    HelpPlace.CONSENT: N_("registration, consent"),
    HelpPlace.ID_NUMBER: N_("registration, ID number"),
    HelpPlace.PHONE: N_("registration, mobile number"),
    HelpPlace.NAME: N_("registration, name"),
    HelpPlace.TRADES: N_("registration, kinds of work"),
    HelpPlace.REVIEW: N_("registration, check and submit"),
    HelpPlace.REGISTER: N_("registration"),
    HelpPlace.CHECK_IN: N_("check-in"),
    HelpPlace.JOBS: N_("finding work"),
}


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
        # on two lines (who, then where and since when): the bar keeps its width on a
        # 1366-pixel screen
        self.help_alert = label("", "helpAlert", wrap=False)
        self.help_done = action_button("primary", self.handle_help)
        self.help_done.setObjectName("callButton")
        row.addSpacing(12)
        row.addWidget(self.help_alert)
        row.addWidget(self.help_done)
        self.help_calls: list[StaffCall] = []  # open, the longest waiting first
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

    def handle_help(self) -> None:
        """已处理: staff went to the touchscreen that waited longest."""
        if self.help_calls:
            result = staff_help.handle(self.ctx.services, self.help_calls[0].id)
            if isinstance(result, Err):
                self.problem.emit(self.ctx.errors(result))
        self.refresh()

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
        self._help_texts()

    def _help_texts(self) -> None:
        t = self.t
        self.help_calls = staff_help.waiting(self.ctx.services)
        shown = bool(self.help_calls)
        was_shown = not self.help_alert.isHidden()
        self.help_alert.setVisible(shown)
        self.help_done.setVisible(shown)
        if shown:
            lines = [self._help_line(call) for call in self.help_calls]
            more = len(self.help_calls) - 1
            self.help_alert.setText(lines[0] + (t(N_(" (+{count} more)")).format(count=more)
                                                if more else ""))
            self.help_alert.setToolTip("\n".join(line.replace("\n", ": ") for line in lines))
        if shown or was_shown:
            self._relayout()

    def _relayout(self) -> None:
        """The bar's new widths now, up to the window's least size, not one event later
        (the top bar would squeeze the call bar to its old width meanwhile, and a window
        resized meanwhile would keep the old least width)."""
        widget: QWidget | None = self
        while widget is not None:
            layout = widget.layout()
            widget = widget.parentWidget()
            if layout is None:
                continue
            layout.invalidate()
            layout.activate()

    def _help_line(self, call: StaffCall) -> str:
        since = self.ctx.services.local_time(call.created_at).strftime("%H:%M")
        return self.t(N_("{terminal} asks for staff\n{place}, since {time}")).format(
            terminal=call.terminal_id, place=self.t(PLACES[call.place]), time=since)

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
        self.help_done.setText(t(N_("Handled")))
        self.help_done.setToolTip(t(N_(
            "Staff went to this touchscreen: it stops saying staff are on their way")))
        self.refresh()

    @property
    def serving_number(self) -> int | None:
        return self._serving
