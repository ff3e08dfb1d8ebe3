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
from kiosk.core.city_workers import FOUND_AT, FOUND_ELSEWHERE
from kiosk.core.errors import N_, Err
from kiosk.core.privacy import mask_name
from kiosk.core.queue_numbers import queue_label
from kiosk.core.records import HelpPlace
from kiosk.services import calling
from kiosk.ui.city_lookup import CityLookup
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.terminal.id_entry import IdEntry
from kiosk.ui.terminal.ticket import Ticket, TicketWatch
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.step_header import StepHeader

if TYPE_CHECKING:
    from kiosk.core.records import Worker
    from kiosk.core.scan import WorkerCard

UNREGISTERED = N_("Tap Register now: the number you typed is kept.")
NOT_REGISTERED = N_("This ID number is not registered yet.")
ENTER_ID = N_("Enter the 18 characters of your ID card number.")
SEARCHING = N_("Looking you up in the city's records…")
SEARCHING_DETAIL = N_("Registered at another hall? One moment, please.")
NO_TYPING = N_("Scan your worker card, or put your ID card on the reader: no typing needed.")


class CheckInScreen(Screen):
    # an ID number not registered (and the name an ID card gave): register with it
    register_requested = Signal(str, str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.header = StepHeader()
        self.header.back.clicked.connect(lambda: self.navigate.emit(HOME))
        self.offer_help(self.header)
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
        self._found_elsewhere = False  # the worker was found through the city hub …
        self._home_hall = ""  # … registered at this hall (its name; "" when unnamed)
        self._searching = False  # asking the city hub now
        self.city = CityLookup(session.services, self)

    def help_place(self) -> HelpPlace:
        return HelpPlace.CHECK_IN

    def retranslate(self) -> None:
        t = self.t
        self.header.set_step(t(N_("Check in")), 0, 0, "", t(N_("← Back")))
        self.no_typing.setText(t(NO_TYPING))
        self.entry.retranslate()
        self.entry.prompt.setText(t(N_("No card with you? Type your ID number:")))
        self.register_button.setText(t(N_("Register now")))
        self._result_texts()

    def check_in(self, id_number: str, reader_name: str | None = None) -> None:
        """Check in by ID number. One this terminal does not know is asked of the city
        hub (a worker of another hall checks in at once); nobody there either: register,
        straight away when an ID card on the reader gave the number (`reader_name`)."""
        services = self.session.services
        worker = services.find_worker_by_id_number(id_number)
        if worker is not None:
            self.check_in_worker(worker.id, mask_name(worker.name))
            if services.city_copy_stale(worker.id):  # kept fresh for matching, unseen
                self.city.by_id_number(id_number, lambda _found, _hall: None)
            return
        self._refusal = ""
        if not self.city.available:
            self._not_registered(id_number, reader_name)
            return
        self._show_searching()
        self.city.by_id_number(id_number, lambda found, hall: self._city_answer(
            id_number, reader_name, found, hall))

    def _city_answer(self, id_number: str, reader_name: str | None, found: Worker | None,
                     hall: str) -> None:
        self._searching = False
        if found is None:
            self._not_registered(id_number, reader_name)
            return
        self._found_elsewhere, self._home_hall = True, hall
        self.check_in_worker(found.id, found.name)

    def _not_registered(self, id_number: str, reader_name: str | None) -> None:
        if reader_name is not None:
            self.register_requested.emit(id_number, reader_name)
        else:
            self._show_unknown(id_number)

    def _show_searching(self) -> None:
        self._searching = True
        self._unknown = ""
        self.number.setText("")
        self._result_texts()
        self.pages.setCurrentWidget(self.result)

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
        self._unknown, self._refusal, self._searching = "", "", False
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
        if card is not None and not masked_name and self.city.available:
            self.city.by_card(worker_id, self._card_answer)  # a worker of another hall

    def _card_answer(self, found: Worker | None, hall: str) -> None:
        """The hub's answer for a card's worker this terminal did not know: greet them by
        their masked name, and say where they are registered."""
        if found is not None:
            self._greeting_name, self._home_hall = found.name, hall
            self._found_elsewhere = True
            self._result_texts()

    def _show_unknown(self, id_number: str) -> None:
        self._unknown = id_number or " "
        self.number.setText("")
        self.ticket.stop()
        self._result_texts()
        self.pages.setCurrentWidget(self.result)
        self.session.say(self._refusal or NOT_REGISTERED)

    def _register(self) -> None:
        self.register_requested.emit(self._unknown.strip(), "")

    def _result_texts(self) -> None:
        t = self.t
        unknown = bool(self._unknown)
        self.register_button.setVisible(unknown and not self._refusal)
        self.done.setText(t(N_("Back to home")) if unknown or self._searching
                          else t(N_("Done")))
        self.done.setProperty("role", "" if unknown else "primary")
        shown = not unknown and not self._unverified and not self._searching
        self.number.setVisible(shown)
        self.ahead.setVisible(shown)
        if self._searching:
            self.greeting.setText(t(SEARCHING))
            self.number_caption.setText(t(SEARCHING_DETAIL))
            self.detail.setText("")
            return
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
        if self._found_elsewhere:  # the hall's name only when the city gave one (words)
            found = (t(FOUND_AT).format(hall=self._home_hall) if self._home_hall
                     else t(FOUND_ELSEWHERE))
            detail = found + "\n" + detail
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
        self._home_hall, self._searching, self._found_elsewhere = "", False, False
        self.city.cancel()
        self.pages.setCurrentWidget(self.entry)
