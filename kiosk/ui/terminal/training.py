"""培训: the city's courses open for sign-up, by trade pictogram; a course's dates, place,
subsidy and seats left; sign-up with the worker card, the ID card on the reader or the ID
number typed (the same step as check-in and 我想干), and a ticket with the dates, place and
what to bring. A full course says so; a second sign-up is refused politely.

A sign-up is the city's only once the hub accepts it (two halls offline may sell the last
seat): until then the screen says it is recorded and the city confirms the seat, and turns
to 报名成功 (or says the course was full) when the sync brings the answer. 我的报名: the
worker shows their card or ID card and sees their sign-ups here, the city's answer on each,
and cancels one ("我去不了了", two taps: the seat goes back to the city)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import N_, Err
from kiosk.core.training import LEVELS, Course
from kiosk.services.training import CourseView, WorkerCourse
from kiosk.store.training import SignupRow
from kiosk.ui import pictograms
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.terminal.checkin import NOT_REGISTERED, UNREGISTERED
from kiosk.ui.terminal.id_entry import IdEntry
from kiosk.ui.terminal.job_tile import JobTile
from kiosk.ui.terminal.ticket import Ticket, TicketWatch
from kiosk.ui.theme import TouchSize
from kiosk.ui.widgets.buttons import big_button, label, set_role
from kiosk.ui.widgets.page_stack import ReadingPageStack
from kiosk.ui.widgets.step_header import StepHeader
from kiosk.ui.widgets.tiles import Tile, TileGrid

TRADES, COURSES, DETAIL, IDENTIFY, DONE, MINE = range(6)
MAX_CARDS = 8  # courses of one trade shown at once (a city publishes a few per trade)
MAX_MINE = 4  # a worker's sign-ups shown at once (few take more than one or two courses)
CITY_POLL_MS, CITY_POLLS = 3000, 60  # the city's answer watched for three minutes
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
          IDENTIFY: N_("Sign up"), DONE: N_("Sign up"), MINE: N_("My sign-ups")}
MINE_ID = N_("To see or cancel your sign-ups: show your worker card to the scanner, put your "
             "ID card on the reader, or type your ID card number.")
# What the worker reads of the city's answer on a sign-up (kiosk.store.training.SignupRow).
RECORDED = N_("Your sign-up is recorded")
CITY_CONFIRMS = N_("The seat is yours once the city confirms it. If other halls took the "
                   "last seats first, staff at the counter will phone you.")
CONFIRMED = N_("The city has confirmed your seat.")
REFUSED_TITLE = N_("The course was full")
REFUSED = N_("The city did not accept this sign-up: other halls took the last seats first. "
             "Please choose another course or ask at the counter.")
WAIT = N_("Join the waiting list")
WAIT_NOTE = N_("This course is full. A place on the waiting list is not a seat: if someone "
               "cancels, the counter phones the first on the list, in the order they joined "
               "at every hall.")
WAITING_TITLE = N_("You are on the waiting list")
WAITING = N_("This is not a seat yet. If someone cancels and you are first on the list, "
             "staff at the counter will phone you; the seat is yours once they sign you up.")
OFFERED = N_("A seat is free for you: staff at the counter will phone you, or ask them now.")
CANCEL = N_("I cannot go: cancel")
LEAVE = N_("Leave the waiting list")
LEFT_TITLE = N_("You have left the waiting list")
CANCEL_SURE = N_("Tap again to cancel this course")
CANCELLED_TITLE = N_("Sign-up cancelled")
CANCELLED = N_("Your seat goes back to other workers. You may sign up again while sign-up is "
               "open.")


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
        self.mode = "sign_up"  # or "mine": the ID step shows the worker's sign-ups
        self.signed: SignupRow | None = None  # the sign-up just made, as the city answers
        self.mine: list[WorkerCourse] = []
        self._armed = -1  # the row whose cancel button asks "tap again"
        self._polls = 0
        self._poll = QTimer(self)
        self._poll.setInterval(CITY_POLL_MS)
        self._poll.timeout.connect(self.check_city)
        self._portrait = self._large = False
        self._tiles_shown: tuple[tuple[str, ...], str, int] = ((), "", 0)
        self.header = StepHeader()
        self.header.back.clicked.connect(self.back)
        self.pages = ReadingPageStack()
        for build in (self._build_trades, self._build_courses, self._build_detail,
                      self._build_identify, self._build_done, self._build_mine):
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
        self.mine_button = big_button("", "secondary")
        self.mine_button.clicked.connect(self.ask_mine)
        for widget in (self.trades_hint, self.trade_tiles, self.no_courses):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.mine_button)
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

    def _build_mine(self) -> QWidget:
        page = ReadingPageStack.read_page(QWidget())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mine_empty = label("", "hint")
        layout.addWidget(self.mine_empty)
        self.mine_rows: list[tuple[QFrame, QLabel, QPushButton]] = []
        for i in range(MAX_MINE):
            frame = QFrame()
            frame.setProperty("role", "job")
            row = QVBoxLayout(frame)
            text = label("", "")
            button = big_button("", "secondary")
            button.clicked.connect(self._cancel_tapped(i))
            row.addWidget(text)
            row.addWidget(button)
            frame.hide()
            layout.addWidget(frame)
            self.mine_rows.append((frame, text, button))
        layout.addStretch(1)
        return page

    def _cancel_tapped(self, index: int) -> Callable[[], None]:
        return lambda: self.cancel_row(index)

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
        if self.current is None:
            return
        self.mode = "wait" if self.current.seats_left <= 0 else "sign_up"
        self.id_lead.setText(self.t(SIGN_UP_ID))
        self.id_entry.clear()
        self.pages.setCurrentIndex(IDENTIFY)
        self._header()
        self.session.say(SIGN_UP_ID)

    def ask_mine(self) -> None:
        """我的报名: who is asking (card, ID card or number), then their sign-ups."""
        self.mode = "mine"
        self.id_lead.setText(self.t(MINE_ID))
        self.id_entry.clear()
        self.pages.setCurrentIndex(IDENTIFY)
        self._header()
        self.session.say(MINE_ID)

    @property
    def wants_id(self) -> bool:
        """The ID step is asking who the worker is (a card or an ID card may answer)."""
        return self.pages.currentIndex() == IDENTIFY and (
            self.current is not None or self.mode == "mine")

    def sign_up_id(self, id_number: str) -> None:
        """The ID number typed or read: sign up the worker it names (or show their
        sign-ups)."""
        worker = self.session.services.find_worker_by_id_number(id_number)
        if worker is None:
            self._unknown = id_number
            self._done(NOT_REGISTERED, UNREGISTERED, signed=False)
            self.session.say(NOT_REGISTERED)
            return
        self.sign_up_worker(worker.id)

    def sign_up_worker(self, worker_id: str) -> None:
        """The worker (from a scanned card, or found by ID number) takes a seat, or, from
        我的报名, sees their sign-ups."""
        if self.mode == "mine":
            self.show_mine(worker_id)
            return
        view = self.current
        if view is None:
            return
        self._unknown = ""
        self.ticket.stop()
        services = self.session.services
        asked_at = services.now()
        waiting = self.mode == "wait"
        result = services.sign_up(worker_id, view.course.id, print_ticket=self.session.printing,
                                  waiting=waiting)
        if isinstance(result, Err):
            self._done(N_("Not signed up"), result.errors[0].message, signed=False)
            self.current = services.course_view(view.course.id) or view
            return
        if waiting:
            self._done(WAITING_TITLE, WAITING, signed=False)
            self.session.say(WAITING_TITLE)
            return
        self.current = services.course_view(view.course.id) or view
        self.ticket.watch(services.ticket_of("course_signup", result.value.id, asked_at)
                          if self.session.printing else None)
        self.signed = services.signup_row(result.value.id)
        self._done(self._signed_title(), "", signed=True)
        self.session.say(self._signed_title())
        self._polls = 0
        self._poll.start()

    def _signed_title(self) -> str:
        row = self.signed
        if row is not None and row.refused:
            return REFUSED_TITLE
        if row is None or row.unconfirmed:
            return RECORDED
        return N_("You are signed up!")

    def _city_line(self) -> str:
        row = self.signed
        if row is not None and row.refused:
            return REFUSED
        return CITY_CONFIRMS if row is None or row.unconfirmed else CONFIRMED

    def check_city(self) -> None:
        """Read the city's answer on the sign-up just made (the sync agent brings it):
        报名成功 once the hub accepted it, or the course was full after all."""
        self._polls += 1
        if self.signed is None or self.pages.currentIndex() != DONE:
            self._poll.stop()
            return
        before = self.signed
        self.signed = self.session.services.signup_row(before.signup_id) or before
        if (self.signed.unconfirmed, self.signed.refused) != (before.unconfirmed,
                                                              before.refused):
            self._done_title = self._signed_title()
            self._done_detail()
            self.session.say(self._done_title)
        if not self.signed.unconfirmed or self._polls >= CITY_POLLS:
            self._poll.stop()

    # -- 我的报名 ------------------------------------------------------------------------
    def show_mine(self, worker_id: str) -> None:
        """The worker's sign-ups at this hall for courses not over, with the city's answer
        on each and a cancel button on those that hold a seat."""
        self._unknown = ""
        self.mine = self.session.services.open_signups(worker_id)[:MAX_MINE]
        self._armed = -1
        self._mine_texts()
        self.pages.setCurrentIndex(MINE)
        self._header()
        self.session.say(TITLES[MINE])

    def cancel_row(self, index: int) -> None:
        """First tap: "tap again"; the second cancels the sign-up."""
        if index >= len(self.mine):
            return
        if self._armed != index:
            self._armed = index
            self._mine_texts()
            self.session.say(CANCEL_SURE)
            return
        taken = self.mine[index]
        result = self.session.services.cancel_signup(taken.signup.signup_id)
        if isinstance(result, Err):
            self._done(N_("Not cancelled"), result.errors[0].message, signed=False)
            return
        if taken.signup.waiting:
            self._done(LEFT_TITLE, "", signed=False)
            self.session.say(LEFT_TITLE)
            return
        self._done(CANCELLED_TITLE, CANCELLED, signed=False)
        self.session.say(CANCELLED_TITLE)

    def _mine_texts(self) -> None:
        t, language = self.t, self._language
        self.mine_empty.setText(t(N_("You have no sign-ups at this hall for courses still to "
                                     "come.")))
        self.mine_empty.setVisible(not self.mine)
        line = t(N_("{label}: {value}"))
        for i, (frame, text, button) in enumerate(self.mine_rows):
            frame.setVisible(i < len(self.mine))
            if i >= len(self.mine):
                continue
            taken = self.mine[i]
            course, row = taken.course, taken.signup
            assert course is not None  # open_signups keeps only courses the city publishes
            title = course.text("title", language)
            if row.waiting:
                title = t(N_("{course} (waiting list)")).format(course=title)
            state = (t(REFUSED) if row.refused else t(OFFERED) if row.offered else
                     t(WAITING) if row.waiting else
                     t(CITY_CONFIRMS) if row.unconfirmed else t(CONFIRMED))
            text.setText("\n".join((
                title,
                line.format(label=t(N_("Course dates")), value=self._dates(course)),
                line.format(label=t(N_("Course place")), value=course.text("place", language)),
                state)))
            button.setVisible(not row.refused)
            armed = i == self._armed
            button.setText(t(CANCEL_SURE) if armed else t(LEAVE) if row.waiting else t(CANCEL))
            set_role(button, "primary" if armed else "secondary")

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
        self.done_detail.setText("\n".join([t(self._city_line()), *lines,
                                            t(self.ticket.text)]))

    def back(self) -> None:
        index = self.pages.currentIndex()
        if index in (TRADES, DONE):
            self.navigate.emit(HOME)
            return
        if self.mode == "mine" and index in (IDENTIFY, MINE):
            self.mode = "sign_up"
            self.pages.setCurrentIndex(TRADES)
            self._header()
            return
        if index == COURSES:
            with QSignalBlocker(self.trade_tiles):
                self.trade_tiles.clear()
        self.pages.setCurrentIndex(index - 1)
        self._header()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.ticket.stop()
        self._poll.stop()
        super().hideEvent(event)

    def reset(self) -> None:
        self.trade, self.views, self.current, self._unknown = "", [], None, ""
        self._done_title, self._done_msgid, self._signed = "", "", False
        self.mode, self.signed, self.mine, self._armed = "sign_up", None, [], -1
        self._poll.stop()
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
        self.sign_up_button.setText(t(WAIT) if full else t(N_("Sign up for this course")))
        self.full_note.setText(t(WAIT_NOTE))
        self.full_note.setVisible(full)

    def _header(self) -> None:
        t = self.t
        index = self.pages.currentIndex()
        title = TITLES[MINE] if self.mode == "mine" and index in (IDENTIFY, DONE) else (
            TITLES[index])
        self.header.set_step(t(title), 0, 0, "", t(N_("← Back")))

    def retranslate(self) -> None:
        t = self.t
        self.trades_hint.setText(t(N_("Vocational training: tap your trade to see its "
                                      "courses.")))
        self.no_courses.setText(t(N_("No courses are open for sign-up at the moment. Please "
                                     "ask at the counter.")))
        self.id_lead.setText(t(MINE_ID if self.mode == "mine" else SIGN_UP_ID))
        self.mine_button.setText(t(N_("My sign-ups: see or cancel")))
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
        if self.pages.currentIndex() == MINE:
            self._mine_texts()
        self._header()
