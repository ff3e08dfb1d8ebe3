"""培训: the city's courses open for sign-up, by trade pictogram; a course's dates, place,
subsidy and seats left; sign-up with the worker card, the ID card on the reader or the ID
number typed (the same step as check-in and 我想干), and a ticket with the dates, place and
what to bring. A full course says so; a second sign-up is refused politely."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.errors import N_, Err
from kiosk.core.training import LEVELS, Course
from kiosk.services.training import CourseView
from kiosk.ui import pictograms
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.terminal.checkin import NOT_REGISTERED, UNREGISTERED
from kiosk.ui.terminal.id_entry import IdEntry
from kiosk.ui.terminal.job_tile import JobTile
from kiosk.ui.terminal.ticket import Ticket, TicketWatch
from kiosk.ui.theme import TouchSize
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.page_stack import ReadingPageStack
from kiosk.ui.widgets.step_header import StepHeader
from kiosk.ui.widgets.tiles import Tile, TileGrid

TRADES, COURSES, DETAIL, IDENTIFY, DONE = range(5)
MAX_CARDS = 8  # courses of one trade shown at once (a city publishes a few per trade)
ICON_PX = 64
SIGN_UP_ID = N_("Show your worker card to the scanner, put your ID card on the reader, or "
                "type your ID card number.")
# What the screen says of the sign-up ticket (the queue ticket's words speak of a number).
TICKET_TEXTS = {
    Ticket.NONE: N_("Please remember the dates and the place; staff at the counter have "
                    "your sign-up and can tell you again."),
    Ticket.PRINTING: N_("Printing your ticket…"),
    Ticket.PRINTED: N_("Your ticket is printed: please take it with you to the course."),
    Ticket.FAILED: N_("The ticket printer is not working. Please remember the dates and the "
                      "place; staff at the counter can help."),
}
TITLES = {TRADES: N_("Training"), COURSES: N_("Courses"), DETAIL: N_("Course details"),
          IDENTIFY: N_("Sign up"), DONE: N_("Sign up")}


class TrainingScreen(Screen):
    register_requested = Signal(str)  # an ID number not registered: register with it

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.ticket = TicketWatch(session, self, texts=TICKET_TEXTS)
        self.ticket.changed.connect(self._done_detail)
        self.trade = ""
        self.views: list[CourseView] = []
        self.current: CourseView | None = None
        self._unknown = ""
        self._done_title, self._done_msgid, self._signed = "", "", False
        self._portrait = self._large = False
        self._tiles_shown: tuple[tuple[str, ...], str, int] = ((), "", 0)
        self.header = StepHeader()
        self.header.back.clicked.connect(self.back)
        self.pages = ReadingPageStack()
        for build in (self._build_trades, self._build_courses, self._build_detail,
                      self._build_identify, self._build_done):
            self.pages.addWidget(build())
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.pages, 1)

    # -- building ----------------------------------------------------------------------
    def _build_trades(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.trades_hint = label("", "")
        self.trade_tiles = TileGrid(columns=4, max_selected=1)
        self.trade_tiles.selection_changed.connect(self._trade_chosen)
        self.no_courses = label("", "hint")
        for widget in (self.trades_hint, self.trade_tiles, self.no_courses):
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    def _build_courses(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.cards_grid = QGridLayout()
        self.cards: list[JobTile] = []
        for i in range(MAX_CARDS):
            card = JobTile()
            card.hide()
            card.clicked.connect(self._open(i))
            self.cards.append(card)
        self._place_cards()
        layout.addLayout(self.cards_grid)
        layout.addStretch(1)
        return page

    def _build_detail(self) -> QWidget:
        page = ReadingPageStack.read_page(QWidget())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sign_up_button = big_button("", "primary")
        self.sign_up_button.clicked.connect(self.ask_id)
        self.full_note = label("", "error")
        self.detail_title = label("", "title")
        self.detail_body = label("", "card")
        self.detail_body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_source = label("", "hint")
        # the sign-up button first: in view on any screen, a long course scrolls below it
        for widget in (self.sign_up_button, self.full_note, self.detail_title,
                       self.detail_body, self.detail_source):
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    def _build_identify(self) -> QWidget:
        self.id_entry = IdEntry(self.session)
        self.id_entry.entered.connect(self.sign_up_id)
        self.id_lead = label("", "hint")
        self.id_entry.add_lead(self.id_lead)
        return self.id_entry

    def _build_done(self) -> QWidget:
        page = ReadingPageStack.read_page(QWidget())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.done_title = label("", "title")
        self.done_detail = label("", "")
        self.done_button = big_button("", "primary")
        self.done_button.clicked.connect(lambda: self.navigate.emit(HOME))
        self.register_button = big_button("", "primary")
        self.register_button.clicked.connect(
            lambda: self.register_requested.emit(self._unknown))
        self.register_button.hide()
        row = QHBoxLayout()  # first: in view in 大字 too, the course's lines below
        row.addWidget(self.done_button)
        row.addWidget(self.register_button)
        layout.addLayout(row)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_detail)
        layout.addStretch(1)
        return page

    def _open(self, index: int) -> Callable[[], None]:
        return lambda: self.open_course(index)

    def orient(self, portrait: bool) -> None:
        self._portrait = portrait
        self.trade_tiles.set_columns(2 if portrait else 4)
        self._place_cards()

    def set_large(self, large: bool) -> None:
        super().set_large(large)
        self._large = large
        self._place_cards()
        self._trade_texts()

    def _place_cards(self) -> None:
        columns = 1 if self._portrait or self._large else 2
        for i, card in enumerate(self.cards):
            self.cards_grid.removeWidget(card)
            self.cards_grid.addWidget(card, i // columns, i % columns)

    # -- behaviour ---------------------------------------------------------------------
    def shown(self) -> None:
        self.session.say(N_("Training"))
        self._trade_texts()
        self._header()

    def _trade_chosen(self, keys: list[str]) -> None:
        if keys:
            self.show_trade(keys[0])

    def show_trade(self, trade: str) -> None:
        """The courses of a trade open for sign-up today."""
        self.trade = trade
        self.views = self.session.services.open_courses(trade)[:MAX_CARDS]
        for i, card in enumerate(self.cards):
            if i < len(self.views):
                card.ensurePolished()
                card.set_lines(*self._summary(self.views[i]))
            card.setVisible(i < len(self.views))
        self.pages.setCurrentIndex(COURSES)
        self._header()

    def open_course(self, index: int) -> None:
        self.current = self.views[index]
        self._detail_texts()
        self.pages.setCurrentIndex(DETAIL)
        self._header()

    def ask_id(self) -> None:
        if self.current is None or self.current.seats_left <= 0:
            return
        self.id_entry.clear()
        self.pages.setCurrentIndex(IDENTIFY)
        self._header()
        self.session.say(SIGN_UP_ID)

    @property
    def wants_id(self) -> bool:
        """The sign-up step is asking who the worker is (a card or an ID card may answer)."""
        return self.pages.currentIndex() == IDENTIFY and self.current is not None

    def sign_up_id(self, id_number: str) -> None:
        """The ID number typed or read: sign up the worker it names."""
        worker = self.session.services.find_worker_by_id_number(id_number)
        if worker is None:
            self._unknown = id_number
            self._done(NOT_REGISTERED, UNREGISTERED, signed=False)
            self.session.say(NOT_REGISTERED)
            return
        self.sign_up_worker(worker.id)

    def sign_up_worker(self, worker_id: str) -> None:
        """The worker (from a scanned card, or found by ID number) takes a seat."""
        view = self.current
        if view is None:
            return
        self._unknown = ""
        self.ticket.stop()
        services = self.session.services
        asked_at = services.now()
        result = services.sign_up(worker_id, view.course.id, print_ticket=self.session.printing)
        if isinstance(result, Err):
            self._done(N_("Not signed up"), result.errors[0].message, signed=False)
            self.current = services.course_view(view.course.id) or view
            return
        self.current = services.course_view(view.course.id) or view
        self.ticket.watch(services.ticket_of("course_signup", result.value.id, asked_at)
                          if self.session.printing else None)
        self._done(N_("You are signed up!"), "", signed=True)
        self.session.say(N_("You are signed up!"))

    def _done(self, title: str, msgid: str, *, signed: bool) -> None:
        self._done_title, self._done_msgid, self._signed = title, msgid, signed
        self.register_button.setVisible(bool(self._unknown))
        self._done_detail()
        self.pages.setCurrentIndex(DONE)
        self._header()

    def _done_detail(self) -> None:
        t = self.t
        self.done_title.setText(t(self._done_title))
        if not self._signed or self.current is None:
            self.done_detail.setText(t(self._done_msgid))
            return
        course, language = self.current.course, self._language
        line = t(N_("{label}: {value}"))
        rows = [(t(N_("Course")), course.text("title", language)),
                (t(N_("Course dates")), self._dates(course)),
                (t(N_("Course place")), course.text("place", language)),
                (t(N_("What to bring")), course.text("bring", language))]
        lines = [line.format(label=name, value=value) for name, value in rows]
        self.done_detail.setText("\n".join([*lines, t(self.ticket.text)]))

    def back(self) -> None:
        index = self.pages.currentIndex()
        if index in (TRADES, DONE):
            self.navigate.emit(HOME)
            return
        if index == COURSES:
            with QSignalBlocker(self.trade_tiles):
                self.trade_tiles.clear()
        self.pages.setCurrentIndex(index - 1)
        self._header()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.ticket.stop()
        super().hideEvent(event)

    def reset(self) -> None:
        self.trade, self.views, self.current, self._unknown = "", [], None, ""
        self._done_title, self._done_msgid, self._signed = "", "", False
        with QSignalBlocker(self.trade_tiles):
            self.trade_tiles.clear()
        self.id_entry.clear()
        self.ticket.stop()
        self.register_button.hide()
        self.detail_title.setText("")
        self.detail_body.setText("")
        self.pages.setCurrentIndex(TRADES)

    # -- texts -------------------------------------------------------------------------
    @property
    def _language(self) -> str:
        return "en" if self.session.t.language == "en" else "zh"

    def _trade_texts(self) -> None:
        """A tile per trade with a course open for sign-up, with its pictogram."""
        services = self.session.services
        language = self.session.t.language
        side = round(ICON_PX * (TouchSize.LARGE_TEXT if self._large else 1.0))
        self.trade_tiles.icon_size = QSize(side, side)
        trades = [tr for code in services.course_trades()
                  if (tr := services.catalogue.trade(code)) is not None]
        shown = (tuple(tr.code for tr in trades), language, side)
        self.no_courses.setVisible(not trades)
        if shown == self._tiles_shown:  # the same tiles: kept (new ones show a turn later)
            return
        self._tiles_shown = shown
        with QSignalBlocker(self.trade_tiles):
            self.trade_tiles.set_tiles([Tile(tr.code, tr.label(language), pictograms.icon(
                sector=tr.sector, pictogram=tr.pictogram, glyph=tr.zh[:1], side=side))
                for tr in trades])

    def _trade_name(self, code: str) -> str:
        trade = self.session.services.catalogue.trade(code)
        return trade.label(self.session.t.language) if trade else code

    def _dates(self, course: Course) -> str:
        return self.t(N_("{first} to {last}, {count} sessions")).format(
            first=f"{course.starts_on:%Y-%m-%d}", last=f"{course.ends_on:%Y-%m-%d}",
            count=len(course.sessions))

    def _seats(self, view: CourseView) -> str:
        if view.seats_left <= 0:
            return self.t(N_("Full"))
        return self.t(N_("{count} seats left")).format(count=view.seats_left)

    def _summary(self, view: CourseView) -> tuple[str, str, str]:
        course = view.course
        return (course.text("title", self._language),  # titles name the level
                f"{self._dates(course)} · {self._seats(view)}",
                course.text("place", self._language))

    def _detail_texts(self) -> None:
        view = self.current
        if view is None:
            return
        course, t, language = view.course, self.t, self._language
        sessions = "；".join(f"{s.day:%m-%d} {s.starts}–{s.ends}" for s in course.sessions) if (
            language == "zh") else "; ".join(f"{s.day:%b %d} {s.starts}-{s.ends}"
                                             for s in course.sessions)
        rows = [(t(N_("Trade")), self._trade_name(course.trade)),
                (t(N_("Level")), t(LEVELS[course.level])),
                (t(N_("Course dates")), self._dates(course)),
                (t(N_("Sessions")), sessions),
                (t(N_("Course place")), course.text("place", language)),
                (t(N_("Provider")), course.text("provider", language)),
                (t(N_("Seats left")), self._seats(view)),
                (t(N_("What to bring")), course.text("bring", language)),
                (t(N_("Subsidy")), course.text("subsidy", language)),
                (t(N_("Sign up by")), f"{course.signup_until:%Y-%m-%d}")]
        line = t(N_("{label}: {value}"))
        self.detail_title.setText(course.text("title", language))
        self.detail_body.setText("\n".join(line.format(label=k, value=v) for k, v in rows))
        self.detail_source.setText(t(N_("Source: {source}")).format(source=course.source))
        self.detail_source.setVisible(bool(course.source))
        full = view.seats_left <= 0
        self.sign_up_button.setEnabled(not full)
        self.sign_up_button.setText(t(N_("Full")) if full else t(N_("Sign up for this course")))
        self.full_note.setText(t(N_("This course is full. Please choose another date or ask "
                                    "at the counter.")))
        self.full_note.setVisible(full)

    def _header(self) -> None:
        t = self.t
        self.header.set_step(t(TITLES[self.pages.currentIndex()]), 0, 0, "", t(N_("← Back")))

    def retranslate(self) -> None:
        t = self.t
        self.trades_hint.setText(t(N_("Vocational training: tap your trade to see its "
                                      "courses.")))
        self.no_courses.setText(t(N_("No courses are open for sign-up at the moment. Please "
                                     "ask at the counter.")))
        self.id_lead.setText(t(SIGN_UP_ID))
        self.done_button.setText(t(N_("Done")))
        self.register_button.setText(t(N_("Register now")))
        self.id_entry.retranslate()
        self._trade_texts()
        if self.trade and self.pages.currentIndex() == COURSES:
            self.show_trade(self.trade)
        if self.current is not None:
            self._detail_texts()
        if self.pages.currentIndex() == DONE:
            self._done_detail()
        self._header()
