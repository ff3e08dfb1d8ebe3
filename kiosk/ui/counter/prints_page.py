"""小票: the tickets that need staff (a printer fault, a ticket that stopped mid-send and may
have printed partly, one left by a crash), why, and one tap to reprint or cancel. The print
worker writes through its own connection, so the page re-reads on a timer while shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.errors import N_, Err, Result
from kiosk.services import print_desk
from kiosk.services.hall import Services
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import say
from kiosk.ui.counter.table import action_button, table_box
from kiosk.ui.widgets.buttons import label

REREAD_MS = 5_000


class PrintsPage(CounterPage):
    TITLE = N_("Tickets")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.box, self.jobs = table_box(stretch_column=2)
        self.jobs.itemSelectionChanged.connect(self._chosen_changed)
        self.reprint_button = action_button("primary", self.reprint)
        self.cancel_button = action_button("", self.cancel)
        self.message = label("", "hint")
        self.empty = label("", "hint")
        actions = QHBoxLayout()
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.message, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.empty)
        column.addWidget(self.box, 1)
        column.addLayout(actions)
        self.timer = QTimer(self)
        self.timer.setInterval(REREAD_MS)
        self.timer.timeout.connect(self.refresh)
        self._chosen_changed()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.timer.stop()
        super().hideEvent(event)

    def stop(self) -> None:
        self.timer.stop()

    # -- acting -----------------------------------------------------------------------
    def _chosen_changed(self) -> None:
        chosen = self.jobs.selected_id() is not None
        self.reprint_button.setEnabled(chosen)
        self.cancel_button.setEnabled(chosen)

    def reprint(self) -> None:
        self._act(print_desk.reprint, N_("Queued again: it prints as soon as the printer "
                                         "is ready."))

    def cancel(self) -> None:
        self._act(print_desk.cancel, N_("Cancelled: it will not print."))

    def _act(self, action: Callable[[Services, str], Result[None]], done: str) -> None:
        chosen = self.jobs.selected_id()
        if chosen is None:
            return
        result = action(self.ctx.services, chosen)
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
        else:
            say(self.message, self.t(done))
        self.refresh()

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        services = self.ctx.services
        troubles = print_desk.tickets_needing_staff(services, services.now())
        self.jobs.set_rows([(trouble.id, (
            self.t(trouble.kind_name), _local_time(trouble.job.created_at, services),
            self.t(trouble.reason),
            self.t(N_("Retries by itself") if trouble.queued_again
                   else N_("Waiting for staff")),
        )) for trouble in troubles])
        self.empty.setText(self.t(N_("Every ticket has printed.")) if not troubles else
                           self.t(N_("These tickets did not print properly. Reprint or cancel "
                                     "each one; a ticket that may have printed partly is "
                                     "never sent again by itself.")))
        self._chosen_changed()

    def retranslate(self) -> None:
        t = self.t
        self.box.setTitle(t(N_("Tickets that need staff")))
        self.jobs.set_headers([t(N_("Ticket")), t(N_("Queued at")), t(N_("What happened")),
                               t(N_("Status"))])
        self.reprint_button.setText(t(N_("Reprint")))
        self.cancel_button.setText(t(N_("Cancel this ticket")))
        self.refresh()


def _local_time(stamp: str, services: Services) -> str:
    """An ISO UTC stamp as the hall's HH:MM (or the stamp as it is)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return services.local_time(moment).strftime("%H:%M")
