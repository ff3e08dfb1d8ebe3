"""签到: a worker card or an ID card on the reader is enough (no typing); the ID number
on the keypad otherwise. Then today's queue number, very large, how many wait before it,
and what to do about the ticket. A second check-in the same day shows the same number (the
services decide that). An ID number not registered yet leads to registration, kept. A card
the terminal cannot verify checks in unverified: no number, and the worker is sent to the
service desk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.card_rules import UNVERIFIED_ADVICE, UNVERIFIED_TITLE
from kiosk.core.errors import N_, Err
from kiosk.core.privacy import mask_name
from kiosk.core.queue_numbers import queue_label
from kiosk.services import calling
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.terminal.id_entry import IdEntry
from kiosk.ui.terminal.ticket import Ticket, TicketWatch
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.step_header import StepHeader

if TYPE_CHECKING:
    from kiosk.core.scan import WorkerCard

UNREGISTERED = N_("Tap Register now: the number you typed is kept.")
NOT_REGISTERED = N_("This ID number is not registered yet.")
ENTER_ID = N_("Enter the 18 characters of your ID card number.")
NO_TYPING = N_("Scan your worker card, or put your ID card on the reader: no typing needed.")


class CheckInScreen(Screen):
    register_requested = Signal(str)  # an ID number not registered: register with it

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.header = StepHeader()
        self.header.back.clicked.connect(lambda: self.navigate.emit(HOME))
        self.no_typing = label("", "title")
        self.entry = IdEntry(session)
        self.entry.entered.connect(self.check_in)
        self.entry.add_lead(self.no_typing)
        self.result = QWidget()
        self.greeting = label("", "title")
        self.number_caption = label("", "")
        self.number = label("", "huge", wrap=False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ahead = label("", "")
        self.detail = label("", "")
        self.register_button = big_button("", "primary")
        self.register_button.clicked.connect(self._register)
        self.done = big_button("", "primary")
        self.done.clicked.connect(lambda: self.navigate.emit(HOME))
        result = QVBoxLayout(self.result)
        for widget in (self.greeting, self.number_caption, self.number, self.ahead, self.detail):
            result.addWidget(widget)
        result.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done)
        buttons.addWidget(self.register_button)
        result.addLayout(buttons)
        self.pages = PageStack()
        self.pages.addWidget(self.entry)
        self.pages.addWidget(self.result)
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.pages, 1)
        self.ticket = TicketWatch(session, self)
        self.ticket.changed.connect(self._result_texts)
        self._greeting_name = ""
        self._already = False
        self._unknown = ""  # the ID number typed that is not registered
        self._ahead = 0
        self._unverified = False
        self._refusal = ""  # why a card checked nobody in (a refused old card)

    def retranslate(self) -> None:
        t = self.t
        self.header.set_step(t(N_("Check in")), 0, 0, "", t(N_("← Back")))
        self.no_typing.setText(t(NO_TYPING))
        self.entry.retranslate()
        self.entry.prompt.setText(t(N_("No card with you? Type your ID number:")))
        self.register_button.setText(t(N_("Register now")))
        self._result_texts()

    def check_in(self, id_number: str) -> None:
        worker = self.session.services.find_worker_by_id_number(id_number)
        if worker is None:
            self._refusal = ""
            self._show_unknown(id_number)
            return
        self.check_in_worker(worker.id, mask_name(worker.name))

    def check_in_worker(self, worker_id: str, masked_name: str = "", *,
                        card: WorkerCard | None = None) -> None:
        """Check in by the worker's id: typed ID number, or a scanned `card` (one signed by
        any city terminal works offline; one this terminal cannot verify waits for the
        hub, and the worker is sent to the service desk)."""
        services = self.session.services
        if not masked_name:
            known = services.worker(worker_id)
            masked_name = mask_name(known.name) if known is not None and known.id_masked \
                else ""
        result = services.check_in(worker_id, print_ticket=self.session.printing, card=card)
        if isinstance(result, Err):
            self._refusal = result.errors[0].message if card is not None else ""
            self._show_unknown("")
            return
        self._unknown, self._refusal = "", ""
        self._greeting_name = masked_name
        self._already = result.value.already
        self._unverified = result.value.unverified
        checkin = result.value.checkin
        number, prefix = checkin.queue_no, checkin.queue_prefix
        self._ahead = 0 if number is None else calling.waiting_before(services, number, prefix)
        self.number.setText("" if number is None else queue_label(prefix, number))
        self.ticket.watch(result.value.print_job)
        self._result_texts()
        self.pages.setCurrentWidget(self.result)
        if self._unverified:
            self.session.say(UNVERIFIED_TITLE)
        elif self._already:
            self.session.say(N_("You had already checked in today: this is the same number."))
        elif self.ticket.state is Ticket.PRINTING:  # the ticket is said once it printed
            self.session.say(N_("Your queue number today:"))
        else:
            self.session.say(self.ticket.text)

    def _show_unknown(self, id_number: str) -> None:
        self._unknown = id_number or " "
        self.number.setText("")
        self.ticket.stop()
        self._result_texts()
        self.pages.setCurrentWidget(self.result)
        self.session.say(self._refusal or NOT_REGISTERED)

    def _register(self) -> None:
        self.register_requested.emit(self._unknown.strip())

    def _result_texts(self) -> None:
        t = self.t
        unknown = bool(self._unknown)
        self.register_button.setVisible(unknown and not self._refusal)
        self.done.setText(t(N_("Back to home")) if unknown else t(N_("Done")))
        self.done.setProperty("role", "" if unknown else "primary")
        self.number.setVisible(not unknown and not self._unverified)
        self.ahead.setVisible(not unknown and not self._unverified)
        if unknown and self._refusal:
            self.greeting.setText(t(N_("This card cannot be used for check-in.")))
            self.number_caption.setText("")
            self.detail.setText(t(self._refusal))
            return
        if self._unverified:
            self.greeting.setText(t(UNVERIFIED_TITLE))
            self.number_caption.setText(t(N_("Your check-in is noted, without a queue "
                                             "number for now.")))
            self.detail.setText(t(UNVERIFIED_ADVICE))
            return
        if unknown:
            self.greeting.setText(t(NOT_REGISTERED))
            self.number_caption.setText(t(N_("Registering is free and takes a few minutes.")))
            self.detail.setText(t(UNREGISTERED))
            return
        self.greeting.setText(t(N_("Hello, {name}!")).format(name=self._greeting_name)
                              if self._greeting_name else t(N_("Hello!")))
        self.number_caption.setText(t(N_("Your queue number today:")))
        self.ahead.setText(t(N_("People before you: {count}")).format(count=self._ahead))
        detail = t(self.ticket.text)
        if self._already:
            detail = t(N_("You had already checked in today: this is the same number.")) + (
                "\n" + detail)
        self.detail.setText(detail)

    def shown(self) -> None:
        self.session.say(NO_TYPING)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        """Gone from the screen (home, or the window closed): stop reading the ticket."""
        self.ticket.stop()
        super().hideEvent(event)

    def reset(self) -> None:
        self.entry.clear()
        self.ticket.stop()
        self.number.setText("")
        self._greeting_name, self._already, self._unknown = "", False, ""
        self._unverified, self._refusal = False, ""
        self.pages.setCurrentWidget(self.entry)
