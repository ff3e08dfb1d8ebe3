"""签到: the ID number, then today's queue number, very large. A second check-in the same
day shows the same number (the services decide that). A card the terminal cannot verify
checks in unverified: no number, and the worker is sent to the service desk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.card_rules import UNVERIFIED_ADVICE, UNVERIFIED_TITLE
from kiosk.core.errors import N_, Err
from kiosk.core.privacy import mask_name
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.terminal.id_entry import IdEntry
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.step_header import StepHeader

if TYPE_CHECKING:
    from kiosk.core.scan import WorkerCard

UNREGISTERED = N_("Please register first: tap Register on the home screen. It is free.")
ENTER_ID = N_("Enter the 18 characters of your ID card number.")


class CheckInScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.header = StepHeader()
        self.header.back.clicked.connect(lambda: self.navigate.emit(HOME))
        self.entry = IdEntry(session)
        self.entry.entered.connect(self.check_in)
        self.result = QWidget()
        self.greeting = label("", "title")
        self.number_caption = label("", "")
        self.number = label("", "huge", wrap=False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = label("", "")
        self.done = big_button("", "primary")
        self.done.clicked.connect(lambda: self.navigate.emit(HOME))
        result = QVBoxLayout(self.result)
        for widget in (self.greeting, self.number_caption, self.number, self.detail):
            result.addWidget(widget)
        result.addStretch(1)
        result.addWidget(self.done)
        self.pages = PageStack()
        self.pages.addWidget(self.entry)
        self.pages.addWidget(self.result)
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.pages, 1)
        self._greeting_name = ""
        self._already = False
        self._unknown = False
        self._unverified = False
        self._refusal = ""  # why a card checked nobody in (a refused old card)

    def retranslate(self) -> None:
        t = self.t
        self.header.set_step(t(N_("Check in")), 0, 0, "", t(N_("← Back")))
        self.entry.retranslate()
        self.done.setText(t(N_("Done")))
        self._result_texts()

    def check_in(self, id_number: str) -> None:
        worker = self.session.services.find_worker_by_id_number(id_number)
        if worker is None:
            self._show_unknown()
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
            self._show_unknown()
            return
        self._unknown = False
        self._greeting_name = masked_name
        self._already = result.value.already
        self._unverified = result.value.unverified
        queue_no = result.value.checkin.queue_no
        self.number.setText("" if queue_no is None else str(queue_no))
        self.number.setVisible(queue_no is not None)
        self._result_texts()
        self.pages.setCurrentWidget(self.result)
        self.session.say(UNVERIFIED_TITLE if self._unverified else N_(
            "You had already checked in today: this is the same number.")
            if self._already else N_("Your queue number today:"))

    def _show_unknown(self) -> None:
        self._unknown = True
        self.number.setText("")
        self.number.setVisible(False)
        self._result_texts()
        self.pages.setCurrentWidget(self.result)
        self.session.say(self._refusal or UNREGISTERED)

    def _result_texts(self) -> None:
        t = self.t
        if self._unknown:
            self.greeting.setText(t(N_("This card cannot be used for check-in.")
                                    if self._refusal else
                                    N_("This ID number is not registered yet.")))
            self.number_caption.setText("")
            self.detail.setText(t(self._refusal or UNREGISTERED))
            return
        if self._unverified:
            self.greeting.setText(t(UNVERIFIED_TITLE))
            self.number_caption.setText(t(N_("Your check-in is noted, without a queue "
                                             "number for now.")))
            self.detail.setText(t(UNVERIFIED_ADVICE))
            return
        self.greeting.setText(t(N_("Hello, {name}!")).format(name=self._greeting_name)
                              if self._greeting_name else t(N_("Hello!")))
        self.number_caption.setText(t(N_("Your queue number today:")))
        self.detail.setText(t(N_(
            "You had already checked in today: this is the same number.") if self._already
            else N_("Please take your ticket and wait until your number is called.")))

    def shown(self) -> None:
        self.session.say(ENTER_ID)

    def reset(self) -> None:
        self.entry.clear()
        self.number.setText("")
        self.number.setVisible(True)
        self._greeting_name, self._already, self._unknown = "", False, False
        self._unverified, self._refusal = False, ""
        self.pages.setCurrentWidget(self.entry)
