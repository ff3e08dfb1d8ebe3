"""灵活就业意外伤害保险: what accident insurance for flexible workers is (who is covered,
what it costs, the subsidy, how to enrol) in large type, with a recorded summary read
aloud, and 我需要帮助办理: the worker gives their ID number (typed, card or reader) and a
request for help is recorded for staff to follow up.

The page's text is the city's (the `accident-insurance` policy page, a signed asset); the
voice plays the recorded summary, since the touchscreen speaks only prompts recorded in
advance (kiosk.ui.voice).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.errors import N_, Err
from kiosk.core.records import HelpTopic
from kiosk.ui.terminal.base import HOME, INFO, Screen, Session
from kiosk.ui.terminal.checkin import ENTER_ID, NOT_REGISTERED
from kiosk.ui.terminal.id_entry import IdEntry
from kiosk.ui.voice import HELP_NOTED_PROMPT, INSURANCE_PROMPTS
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.page_stack import PageStack, TallPage
from kiosk.ui.widgets.reading import ReadingLabel
from kiosk.ui.widgets.step_header import StepHeader

PAGE_ID = "accident-insurance"  # the policy page this screen shows
READ, ASK, DONE = range(3)


class InsuranceScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.header = StepHeader()
        self.header.back.clicked.connect(self.back)
        self.pages = PageStack()
        self.pages.addWidget(self._build_read())
        self.entry = IdEntry(session)
        self.entry.entered.connect(self.ask_help)
        self.pages.addWidget(self.entry)
        self.pages.addWidget(self._build_done())
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.pages, 1)

    def _build_read(self) -> QWidget:
        page = TallPage()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setSpacing(20)
        self.listen = big_button("", "secondary")
        self.listen.clicked.connect(self.speak)
        self.help = big_button("", "primary")
        self.help.clicked.connect(self.want_help)
        row.addWidget(self.listen, 1)
        row.addWidget(self.help, 2)
        self.title = label("", "title")
        self.body = ReadingLabel("")
        self.source = label("", "hint")
        # the buttons come first: in view when the page opens, in 大字 too
        layout.addLayout(row)
        for widget in (self.title, self.body, self.source):
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.done_title = label("", "title")
        self.done_detail = label("", "")
        self.finish = big_button("", "primary")
        self.finish.clicked.connect(lambda: self.navigate.emit(HOME))
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_detail)
        layout.addStretch(1)
        layout.addWidget(self.finish)
        return page

    # -- behaviour ---------------------------------------------------------------------
    def shown(self) -> None:
        self.pages.setCurrentIndex(READ)
        self.retranslate()
        self.speak()

    def speak(self) -> None:
        """The recorded summary of the page, clip after clip."""
        if self.session.voice is not None:
            self.session.voice.say_all(list(INSURANCE_PROMPTS), self.session.t.language)

    def reset(self) -> None:
        self.entry.clear()
        self.pages.setCurrentIndex(READ)

    def want_help(self) -> None:
        self.entry.clear()
        self.pages.setCurrentIndex(ASK)
        self._header()
        self.session.say(ENTER_ID)

    @property
    def wants_id(self) -> bool:
        """The 我需要帮助办理 step is asking for the ID number (a card or reader fills it)."""
        return self.pages.currentIndex() == ASK

    def ask_help(self, id_number: str) -> None:
        services = self.session.services
        worker = services.find_worker_by_id_number(id_number)
        if worker is None:
            self._done(N_("This ID number is not registered yet."),
                       N_("Please register first, or ask the staff at the counter."))
            self.session.say(NOT_REGISTERED)
            return
        result = services.ask_help(worker.id, HelpTopic.ACCIDENT_INSURANCE)
        if isinstance(result, Err):
            self._done(N_("Sorry, the request could not be recorded."),
                       N_("Please ask the staff at the counter."))
            return
        self._done(N_("Noted. Staff will contact you about enrolling."),
                   N_("You can also go to the counter with your ID card: staff will help "
                      "you enrol."))
        self.session.say(HELP_NOTED_PROMPT)

    def _done(self, title: str, detail: str) -> None:
        self._done_texts = (title, detail)
        self.done_title.setText(self.t(title))
        self.done_detail.setText(self.t(detail))
        self.pages.setCurrentIndex(DONE)
        self._header()

    def back(self) -> None:
        index = self.pages.currentIndex()
        if index == READ:
            self.navigate.emit(INFO)
        elif index == DONE:
            self.navigate.emit(HOME)
        else:
            self.pages.setCurrentIndex(READ)
            self._header()

    # -- texts -------------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.listen.setText(t(N_("Listen")))
        self.help.setText(t(N_("I need help to enrol")))
        self.finish.setText(t(N_("Done")))
        self.entry.retranslate()
        page = next((p for p in self.session.services.policy_pages() if p.id == PAGE_ID), None)
        language = "en" if self.session.t.language == "en" else "zh"
        self.title.setText(page.title(language) if page else t(N_("Accident insurance")))
        self.body.setText("\n\n".join(page.body(language)) if page else "")
        self.source.setText(t(N_("Source: {source}")).format(source=page.source)
                            if page and page.source else "")
        self.source.setVisible(bool(page and page.source))
        if self.pages.currentIndex() == DONE:
            title, detail = getattr(self, "_done_texts", ("", ""))
            self.done_title.setText(t(title) if title else "")
            self.done_detail.setText(t(detail) if detail else "")
        self._header()

    def _header(self) -> None:
        t = self.t
        titles = {READ: N_("Accident insurance"), ASK: N_("I need help to enrol"),
                  DONE: N_("I need help to enrol")}
        self.header.set_step(t(titles[self.pages.currentIndex()]), 0, 0, "", t(N_("← Back")))
