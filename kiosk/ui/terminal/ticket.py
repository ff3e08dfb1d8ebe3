"""What the screen says about a ticket just queued: "take your ticket" only once it has
printed; when the printer failed (or never answers), what to do instead — the number is
on the screen, staff can help; with printing off, remember the number.

The print worker runs in its own thread (or process): the state is read from the store
every `POLL_MS` until the ticket printed or failed, or `GIVE_UP_POLLS` reads have passed.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.errors import N_
from kiosk.store.print_queue import PrintState
from kiosk.ui.terminal.base import Session

POLL_MS = 500
GIVE_UP_POLLS = 30  # 15 s without a printed ticket: the printer is not working


class Ticket(StrEnum):
    NONE = "none"  # nothing printed (printing off, or checked in earlier)
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


TEXTS = {
    Ticket.NONE: N_("Please remember the number on the screen and wait until it is called."),
    Ticket.PRINTING: N_("Printing your ticket…"),
    Ticket.PRINTED: N_(
        "Your ticket is printed: please take it and wait until your number is called."),
    Ticket.FAILED: N_("The ticket printer is not working. Please remember the number on the "
                      "screen; staff at the counter can help."),
}


class TicketWatch(QObject):
    """`watch(job_id)` then `text` and `state`; `changed` when the state moves on. The
    printed and failed texts are also said (a worker may be looking at the slot)."""

    changed = Signal()

    def __init__(self, session: Session, parent: QObject | None = None, *,
                 texts: dict[Ticket, str] | None = None) -> None:
        """`texts`: what each state says, when not a queue number's (`TEXTS`)."""
        super().__init__(parent)
        self.session = session
        self.texts = TEXTS if texts is None else texts
        self.state = Ticket.NONE
        self._job: str | None = None
        self._polls = 0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    @property
    def text(self) -> str:
        return self.texts[self.state]

    def watch(self, job_id: str | None) -> None:
        """Follow the ticket just queued (None: there is none)."""
        self._job, self._polls = job_id, 0
        self.state = Ticket.NONE if job_id is None else Ticket.PRINTING
        if job_id is not None:
            self._timer.start()
            self.poll()
        else:
            self._timer.stop()

    def poll(self) -> None:
        if self._job is None:
            return
        self._polls += 1
        found = self.session.services.ticket_state(self._job)
        if found is PrintState.PRINTED:
            self._settle(Ticket.PRINTED)
        elif found in (PrintState.FAILED, PrintState.CANCELLED, None) or (
                self._polls >= GIVE_UP_POLLS):
            self._settle(Ticket.FAILED)

    def _settle(self, state: Ticket) -> None:
        self._timer.stop()
        self._job = None
        self.state = state
        self.changed.emit()
        self.session.say(self.texts[state])

    def stop(self) -> None:
        self._timer.stop()
        self._job, self.state = None, Ticket.NONE
