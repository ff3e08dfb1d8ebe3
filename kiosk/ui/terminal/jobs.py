"""找活: jobs by trade group, a few big ones per page; a job's details; 我想干 records a
request for the counter and gives a queue number."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import formatting
from kiosk.core.city_workers import FOUND_AT_WANT, FOUND_ELSEWHERE_WANT
from kiosk.core.employers import employer_label, licence_name
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.job_facts import FactWriter
from kiosk.core.queue_numbers import queue_label
from kiosk.core.records import AckVia, HelpPlace, JobPost, ReferralOrigin, Worker
from kiosk.core.safety_content import StopWork
from kiosk.services.jobs import JobListing
from kiosk.ui.city_lookup import CityLookup
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.terminal.briefing import BriefingPage, HazardRow
from kiosk.ui.terminal.checkin import (
    ENTER_ID,
    NOT_REGISTERED,
    SEARCHING,
    SEARCHING_DETAIL,
    UNREGISTERED,
)
from kiosk.ui.terminal.id_entry import IdEntry
from kiosk.ui.terminal.job_tile import JobTile
from kiosk.ui.terminal.ticket import Ticket, TicketWatch
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.step_header import StepHeader
from kiosk.ui.widgets.tiles import Tile, TileGrid

MAX_PER_PAGE = 6
# (columns, rows) of job cards a page: the cards are wide and three lines tall, so a
# landscape screen shows two columns; 大字 cards are taller (an English title on two
# lines), so a page has fewer rows
GRID = {(False, False): (2, 3), (False, True): (2, 2),  # (portrait, large)
        (True, False): (1, 6), (True, True): (1, 4)}
ALL = "all"
LIST, DETAIL, WANT, WANTED, BRIEFING = range(5)


class JobsScreen(Screen):
    register_requested = Signal(str)  # an ID number not registered: register with it

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.ticket = TicketWatch(session, self)
        self.ticket.changed.connect(self._wanted_detail)
        self._unknown = ""  # the ID number typed that is not registered
        self._same_number = False  # the worker's check-in number, reused
        self._detail_msgid: str | FieldError = ""
        self._title_msgid = ""
        self._found_elsewhere = False  # the worker was found through the city hub …
        self._home_hall = ""  # … registered at this hall (its name; "" when unnamed)
        self.city = CityLookup(session.services, self)
        self._stops: tuple[StopWork, ...] = ()  # the city's stop-work notices holding now
        self.trades: frozenset[str] = frozenset()  # the group's trades (empty: all)
        self.total = 0  # open jobs in the group
        self.listings: list[JobListing] = []  # the page shown
        self.page = 0
        self.current: JobListing | None = None
        self._portrait = False
        self._large = False
        self.header = StepHeader()
        self.header.back.clicked.connect(self.back)
        self.offer_help(self.header)
        self.pages = PageStack()
        self.pages.addWidget(self._build_list())
        self.pages.addWidget(self._build_detail())
        self.want = IdEntry(session)
        self.want.entered.connect(self.want_job)
        self.pages.addWidget(self.want)
        self.pages.addWidget(self._build_wanted())
        self.briefing = BriefingPage(session)
        self.briefing.acknowledged.connect(self.acknowledge)
        self.pages.addWidget(self.briefing)
        self._briefed_worker: Worker | None = None  # who reads the briefing now
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.pages, 1)

    def help_place(self) -> HelpPlace:
        return HelpPlace.JOBS

    # -- building ----------------------------------------------------------------------
    def _build_list(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.groups = TileGrid(columns=6, max_selected=1)
        self.groups.selection_changed.connect(lambda _keys: self.load())
        self.empty = label("", "hint")
        self.job_buttons: list[JobTile] = []
        layout.addWidget(self.groups)
        self._cards = QGridLayout()
        for i in range(MAX_PER_PAGE):
            button = JobTile()
            button.hide()  # shown by show_page(); hidden ones take no room
            button.clicked.connect(self._open(i))
            self.job_buttons.append(button)
        self._place_cards()
        layout.addLayout(self._cards)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.previous = big_button("", "")
        self.previous.clicked.connect(lambda: self.show_page(self.page - 1))
        self.page_label = label("", "", wrap=False)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next = big_button("", "")
        self.next.clicked.connect(lambda: self.show_page(self.page + 1))
        row.addWidget(self.previous)
        row.addWidget(self.page_label)
        row.addWidget(self.next)
        layout.addLayout(row)
        return page

    def _build_detail(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.detail_title = label("", "title")
        self.detail_licence = label("", "licence")  # a licence the law requires
        self.detail_adults = label("", "licence")  # work the law keeps from under-18s
        self.detail_stop = label("", "error")  # a stop-work notice holds for this job now
        self.detail_hazards = HazardRow()  # pictograms and names of the hazard tags
        self.detail_body = label("", "card")  # trade, pay, place, places, employer
        self.detail_facts = label("", "card")  # level, skills, work, time, meeting …
        for column in (self.detail_body, self.detail_facts):
            column.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.detail_columns.addWidget(self.detail_body, 2)
        self.detail_columns.addWidget(self.detail_facts, 3)
        self.want_button = big_button("", "primary")
        self.want_button.clicked.connect(self.ask_id)
        facts = QWidget()
        stacked = QVBoxLayout(facts)
        stacked.setContentsMargins(0, 0, 0, 0)
        for widget in (self.detail_title, self.detail_licence, self.detail_adults,
                       self.detail_stop, self.detail_hazards):
            stacked.addWidget(widget)
        stacked.addLayout(self.detail_columns)
        stacked.addStretch(1)
        # the facts scroll when 大字 makes them taller than the screen; 我想干 stays in view
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setObjectName("detailScroll")
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setWidget(facts)
        layout.addWidget(self.detail_scroll, 1)
        layout.addWidget(self.want_button)
        return page

    def _build_wanted(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.wanted_title = label("", "title")
        self.wanted_number = label("", "huge", wrap=False)
        self.wanted_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.wanted_detail = label("", "")
        self.wanted_done = big_button("", "primary")
        self.wanted_done.clicked.connect(lambda: self.navigate.emit(HOME))
        self.wanted_register = big_button("", "primary")
        self.wanted_register.clicked.connect(
            lambda: self.register_requested.emit(self._unknown))
        self.wanted_register.hide()
        for widget in (self.wanted_title, self.wanted_number, self.wanted_detail):
            layout.addWidget(widget)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.wanted_done)
        row.addWidget(self.wanted_register)
        layout.addLayout(row)
        return page

    def _open(self, index: int) -> Callable[[], None]:
        return lambda: self.open_job(index)

    def orient(self, portrait: bool) -> None:
        """Six group tiles in a row on a landscape screen, two rows of three in portrait;
        job cards in two columns on a landscape screen, one in portrait."""
        self._portrait = portrait
        self.groups.set_columns(3 if portrait else 6)
        self.detail_columns.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                         else QBoxLayout.Direction.LeftToRight)
        self._relaid()

    def set_large(self, large: bool) -> None:
        super().set_large(large)
        self._large = large
        self._relaid()

    def _relaid(self) -> None:
        self._place_cards()
        if self.listings and len(self.listings) != min(self.per_page, self.total):
            self.show_page(self.page)

    def _place_cards(self) -> None:
        columns, _rows = GRID[self._portrait, self._large]
        for i, button in enumerate(self.job_buttons):
            self._cards.removeWidget(button)
            self._cards.addWidget(button, i // columns, i % columns)

    @property
    def per_page(self) -> int:
        columns, rows = GRID[self._portrait, self._large]
        return columns * rows

    # -- behaviour ---------------------------------------------------------------------
    def shown(self) -> None:
        self.session.say(N_("Find work"))
        if not self.groups.selected():
            self.groups.set_selected([ALL])  # loads
        else:
            self.load()

    def load(self) -> None:
        """The group's first page; only the jobs on a page are read, and their count."""
        selected = self.groups.selected()
        group = selected[0] if selected else ALL
        catalogue = self.session.services.catalogue
        self.trades = frozenset() if group == ALL else frozenset(
            t.code for t in catalogue.trades if t.sector == group)
        self.total = self.session.services.count_open_jobs(self.trades)
        self.show_page(0)
        self.pages.setCurrentIndex(LIST)
        self._header()

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def show_page(self, page: int) -> None:
        self.page = max(0, min(page, self.page_count - 1))
        self.listings = self.session.services.open_jobs(
            self.trades, limit=self.per_page, offset=self.page * self.per_page)
        self._fill_page()

    def _fill_page(self) -> None:
        self._stops = self.session.services.stop_work_now()
        for i, button in enumerate(self.job_buttons):
            shown = i < len(self.listings)
            if shown:
                button.ensurePolished()  # styled before it is laid out, not after
                button.set_lines(*self._summary(self.listings[i]))
            if button.isVisibleTo(self) != shown:  # showing a card lays the page out again
                button.setVisible(shown)
        self.previous.setEnabled(self.page > 0)
        self.next.setEnabled(self.page < self.page_count - 1)
        self.page_label.setText(self.t(N_("Page {page} of {pages}")).format(
            page=self.page + 1, pages=self.page_count))
        self.empty.setVisible(not self.listings)

    def open_job_id(self, job_id: str) -> bool:
        """A job's details by its id (a scanned job code); False when it is not open."""
        self.groups.set_selected([ALL])
        listing = self.session.services.open_job_listing(job_id)
        if listing is None:
            return False
        self._open_listing(listing)
        return True

    def open_job(self, index: int) -> None:
        """The details of the `index`th job on the page shown."""
        self._open_listing(self.listings[index])

    def _open_listing(self, listing: JobListing) -> None:
        self.current = listing
        self._detail_texts()
        self.pages.setCurrentIndex(DETAIL)
        self._header()

    def ask_id(self) -> None:
        self.want.clear()
        self.pages.setCurrentIndex(WANT)
        self._header()
        self.session.say(ENTER_ID)

    def want_job(self, id_number: str) -> None:
        """我想干 with the ID number typed or read from the ID card; one this terminal does
        not know is asked of the city hub (a worker registered at another hall)."""
        self._want(self.session.services.find_worker_by_id_number(id_number), id_number)

    def want_job_by_card(self, worker_id: str) -> None:
        """我想干 with the worker card scanned at the ID step: nothing to type."""
        worker = self.session.services.worker(worker_id)
        self._want(worker if worker is not None and worker.id_masked else None, "")

    def _want(self, worker: Worker | None, id_number: str) -> None:
        listing = self.current
        self.ticket.stop()
        self._home_hall, self._found_elsewhere = "", False
        if worker is None and id_number and listing is not None and self.city.available:
            self._unknown = ""
            self._wanted(None, SEARCHING, SEARCHING_DETAIL)
            self.city.by_id_number(id_number, lambda found, hall: self._city_answer(
                id_number, found, hall))
            return
        if worker is None or listing is None:
            self._not_registered(id_number if listing is not None else "")
            return
        self._ask(worker, listing)

    def _city_answer(self, id_number: str, found: Worker | None, hall: str) -> None:
        if found is None or self.current is None:
            self._not_registered(id_number)
            return
        self._found_elsewhere, self._home_hall = True, hall
        self._ask(found, self.current)

    def _not_registered(self, id_number: str) -> None:
        self._unknown = id_number
        self._wanted(None, NOT_REGISTERED, UNREGISTERED)
        self.session.say(NOT_REGISTERED)

    def _ask(self, worker: Worker, listing: JobListing) -> None:
        services = self.session.services
        self._unknown = ""
        briefings = services.briefing_for(listing.job)
        if briefings and not services.acknowledged(worker.id, listing.job.id):
            self._briefed_worker = worker  # the request follows 我已知晓
            self.briefing.show_briefings(briefings)
            self.pages.setCurrentIndex(BRIEFING)
            self._header()
            return
        self._request(worker, listing)

    def acknowledge(self) -> None:
        """我已知晓: the acknowledgement is recorded, then the request goes to the counter."""
        worker, listing = self._briefed_worker, self.current
        self._briefed_worker = None
        if worker is None or listing is None:
            return
        acked = self.session.services.acknowledge(worker.id, listing.job.id,
                                                  AckVia.TOUCHSCREEN)
        if isinstance(acked, Err):
            self._wanted(None, N_("Sorry, this job cannot take requests now."),
                         acked.errors[0].message)
            return
        self._request(worker, listing)

    def _request(self, worker: Worker, listing: JobListing) -> None:
        services = self.session.services
        self._same_number = services.todays_checkin(worker.id) is not None
        asked_at = services.now()
        result = services.refer(listing.job.id, worker.id, ReferralOrigin.TOUCHSCREEN,
                                print_ticket=self.session.printing)
        if isinstance(result, Err):
            error = result.errors[0]
            if error.code == "minor_barred":  # plain words: the work, the law, what next
                self._wanted(None, N_("This job is not for workers under 18"), error)
                return
            self._wanted(None, N_("Sorry, this job cannot take requests now."), error)
            return
        self.ticket.watch(services.ticket_of("referral", result.value.id, asked_at)
                          if self.session.printing else None)
        self._wanted(None if result.value.queue_no is None else queue_label(
            result.value.queue_prefix, result.value.queue_no), N_("Noted! Your queue number:"),
            "")
        self.session.say(N_("Please go to the counter when your number is called; staff "
                            "will call the employer for you."))

    def _wanted(self, number: str | None, title: str, detail: str | FieldError) -> None:
        self._title_msgid = title
        self.wanted_title.setText(self.t(title))
        self.wanted_number.setText("" if number is None else number)
        self.wanted_number.setVisible(number is not None)
        self.wanted_register.setVisible(bool(self._unknown))
        self._detail_msgid = detail
        self._wanted_detail()
        self.pages.setCurrentIndex(WANTED)
        self._header()

    @property
    def wants_id(self) -> bool:
        """The 我想干 step is asking for the ID number."""
        return self.pages.currentIndex() == WANT and self.current is not None

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        """Gone from the screen (home, or the window closed): stop reading the ticket."""
        self.ticket.stop()
        super().hideEvent(event)

    def _wanted_detail(self) -> None:
        """The detail under the number: the same number as the check-in, the counter, and
        what to do about the ticket (take it only once it printed)."""
        t = self.t
        if isinstance(self._detail_msgid, FieldError):
            self.wanted_detail.setText(self.session.error_text(self._detail_msgid))
            return
        if self._detail_msgid or not self.wanted_number.text():
            self.wanted_detail.setText(t(self._detail_msgid))
            return
        found = (t(FOUND_AT_WANT).format(hall=self._home_hall) if self._home_hall
                 else t(FOUND_ELSEWHERE_WANT))
        lines = [found if self._found_elsewhere else "",
                 t(N_("This is your number from check-in today: the same number."))
                 if self._same_number else "",
                 t(N_("Please go to the counter when your number is called; staff will call "
                      "the employer for you.")),
                 t(self.ticket.text) if self.ticket.state is not Ticket.NONE else t(N_(
                     "Please remember the number on the screen and wait until it is called."))]
        self.wanted_detail.setText("\n".join(line for line in lines if line))

    def back(self) -> None:
        index = self.pages.currentIndex()
        if index == BRIEFING:  # not acknowledged: no request; back to the job
            self._briefed_worker = None
            if self.session.voice is not None:
                self.session.voice.stop()
            self.pages.setCurrentIndex(DETAIL)
            self._header()
        elif index in (LIST, WANTED):
            self.navigate.emit(HOME)
        else:
            self.pages.setCurrentIndex(index - 1)
            self._header()

    # -- texts -------------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        catalogue = self.session.services.catalogue
        language = self.session.t.language
        tiles = [Tile(ALL, t(N_("All")))] + [
            Tile(s.code, s.en if language == "en" else s.zh) for s in catalogue.sectors]
        self.groups.set_tiles(tiles)
        self.previous.setText(t(N_("◀ Previous")))
        self.next.setText(t(N_("Next ▶")))
        self.empty.setText(t(N_("No open jobs in this group at the moment.")))
        self.want_button.setText(t(N_("I want this job")))
        self.wanted_done.setText(t(N_("Done")))
        self.wanted_register.setText(t(N_("Register now")))
        if self.pages.currentIndex() == WANTED:
            self.wanted_title.setText(t(self._title_msgid))
            self._wanted_detail()
        self.want.retranslate()
        self.briefing.retranslate()
        if self.listings:
            self._fill_page()
        if self.current is not None:
            self._detail_texts()
        self._header()

    def _header(self) -> None:
        t = self.t
        titles = {LIST: N_("Find work"), DETAIL: N_("Job details"),
                  WANT: N_("I want this job"), WANTED: N_("I want this job"),
                  BRIEFING: N_("Safety briefing")}
        self.header.set_step(t(titles[self.pages.currentIndex()]), 0, 0, "", t(N_("← Back")))

    def _trade(self, job: JobPost) -> str:
        trade = self.session.services.catalogue.trade(job.trade)
        return trade.label(self.session.t.language) if trade else job.trade

    def _when(self, job: JobPost) -> str:
        return formatting.starts(job.start_date, job.start_time,
                                 self.session.services.today(), self.session.t.language)

    def _summary(self, listing: JobListing) -> tuple[str, str, str]:
        job, t = listing.job, self.t
        language = self.session.t.language
        urgent = f"【{t(N_('Urgent'))}】" if job.urgent else ""
        if any(n.stops(job.trade, job.hazards) for n in self._stops):
            stopped = t(N_("Work stopped"))
            urgent = f"【{stopped}】{urgent}"
        pay = formatting.pay(job.pay_cents, job.pay_unit, language)
        settle = formatting.settlement(job.settlement, language)
        left = t(N_("{count} more wanted")).format(count=job.headcount_left)
        return (f"{urgent}{self._trade(job)} · {job.title}", f"{pay} {settle} · {left}",
                f"{job.place} · {self._when(job)}")

    def _detail_texts(self) -> None:
        """Trade, pay and place, then every fact the job has (kiosk.core.job_facts); a
        required licence also stands out above them, in words."""
        listing = self.current
        if listing is None:
            return
        job, t = listing.job, self.t
        language = self.session.t.language
        writer = FactWriter(self.session.services.catalogue, language,
                            self.session.services.today())
        facts = writer.facts(job)
        rows = [
            (t(N_("Trade")), self._trade(job)),
            (t(N_("Pay")), formatting.pay(job.pay_cents, job.pay_unit, language)),
            (t(N_("Paid")), formatting.settlement(job.settlement, language)),
            (t(N_("Place")), job.place),
            (t(N_("Places left")), str(job.headcount_left)),
            (t(N_("Employer")), employer_label(listing.employer_name, listing.employer_role, t)),
        ]
        licence_msgid = licence_name(listing.employer_role, listing.employer_licence)
        if licence_msgid is not None:  # an intermediary's licence, under its name
            rows.append((t(licence_msgid), listing.employer_licence))
        self.detail_title.setText(job.title)
        licence = writer.licences(job)
        self.detail_licence.setText(
            t(N_("Licence required: {licence}")).format(licence=licence) if licence else "")
        self.detail_licence.setVisible(bool(licence))
        barred = self.session.services.post_rules().protected.minors.item_for_job(job)
        self.detail_adults.setText("" if barred is None else t(N_(
            "18 and over only: the law keeps workers under 18 from this work ({work})."
        )).format(work=barred.label(language)))
        self.detail_adults.setVisible(barred is not None)
        stops = [t(N_("{label}: {value}")).format(label=n.title(language), value=n.text(language))
                 for n in self.session.services.stopping(job)]
        self.detail_stop.setText("\n".join(
            t(N_("Stop-work notice: {notice}")).format(notice=text) for text in stops))
        self.detail_stop.setVisible(bool(stops))
        self.detail_hazards.set_tags(job.hazards, language)
        line = t(N_("{label}: {value}"))
        self.detail_body.setText("\n".join(
            line.format(label=name, value=value) for name, value in rows if value))
        self.detail_facts.setText("\n".join(
            line.format(label=f.label, value=f.value) for f in facts
            if f.key not in ("licence", "hazards")))

    def detail_text(self) -> str:
        """Everything the detail says, column after column."""
        return "\n".join(w.text() for w in (self.detail_licence, self.detail_adults,
                                            self.detail_stop, self.detail_hazards.names,
                                            self.detail_body, self.detail_facts) if w.text())

    def reset(self) -> None:
        """Forget the filter and the list; the list is read again when the screen is next
        shown, not now (clearing the filter used to read every open job, unseen)."""
        self.listings, self.current, self.page, self.total = [], None, 0, 0
        with QSignalBlocker(self.groups):
            self.groups.clear()
        self.want.clear()
        self.ticket.stop()
        self._unknown, self._same_number, self._detail_msgid = "", False, ""
        self._home_hall, self._found_elsewhere = "", False
        self.city.cancel()
        self.wanted_register.hide()
        for button in self.job_buttons:  # left shown: the next list most often fills them
            button.set_lines("", "", "")
        self.detail_title.setText("")
        self.detail_licence.setText("")
        self.detail_body.setText("")
        self.detail_facts.setText("")
        self.pages.setCurrentIndex(LIST)

