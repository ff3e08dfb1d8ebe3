"""The board window: header, stale banner, section bar, the job area and the ticker.

Data flow: `BoardFeed` (its own thread) delivers `BoardSnapshot`s; the window paginates
and swaps the new data into the existing card widgets. A page timer flips pages, a clock
timer updates the time and the stale hint each second. When the board shares the process
with the writer (the demo), `Store.subscribe` asks the feed to reload at once, debounced;
across processes the feed's `PRAGMA data_version` poll sees the change within half a second.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.catalogue import Catalogue
from kiosk.services.base import Clock
from kiosk.store.board import BoardJob, BoardReader, BoardReadError, BoardSnapshot
from kiosk.store.store import Store
from kiosk.system.config import Config
from kiosk.ui.board.calls import NowServing, call_texts
from kiosk.ui.board.card import CardPainter
from kiosk.ui.board.feed import POLL_MS, BoardFeed
from kiosk.ui.board.format import CardText, Formatter, supply_text
from kiosk.ui.board.header import Header, SectionBar, StaleBanner, StopWorkBanner
from kiosk.ui.board.legible import BoardType
from kiosk.ui.board.paging import Pagination, paginate
from kiosk.ui.board.supply import SupplyPanel
from kiosk.ui.board.ticker import Ticker
from kiosk.ui.board.views import EmptyState, PagedView, ScrollView
from kiosk.ui.qr import QrCache
from kiosk.ui.theme import Colours, Theme
from kiosk.ui.voice_calls import call_clips

if TYPE_CHECKING:
    from kiosk.ui.voice import VoicePlayer

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
BOARD_ENTITIES = frozenset({"job", "employer", "checkin", "referral", "notice", "call",
                            "asset", "supply", "worker"})  # asset: the city's notices
ANNOUNCE_WITHIN = timedelta(minutes=2)  # an older call (a board restarted) is not said again


class BoardWindow(QWidget):
    """The `board` role. `shutdown()` (or closing the window) stops its thread and timers."""

    _store_changed = Signal()

    def __init__(self, config: Config, catalogue: Catalogue, database: Path, clock: Clock, *,
                 store: Store | None = None, poll_ms: int = POLL_MS, animate: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.settings = config.board
        self.catalogue = catalogue
        self.clock = clock
        self.tz = ZoneInfo(config.hall.timezone)
        self.animate = animate
        self.snapshot: BoardSnapshot | None = None
        self.pagination = Pagination((), (), 1)
        self.setWindowTitle(config.hall.name)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), Colours.BACKGROUND)
        self.setPalette(palette)
        self.theme = Theme.for_size(1920, 1080)
        self.type = BoardType.for_screen(self.settings, 1920, 1080)
        self.formatter = self._make_formatter()
        self.qr_cache = QrCache()
        self.card_painter = CardPainter(self.theme, self.qr_cache, self.type)
        self._build_parts()
        self._build_timers()
        self.feed = BoardFeed(lambda: BoardReader(database, config.hall.id, config.hall.timezone,
                                                          config.listing),
                              clock, self.tz, poll_ms=poll_ms, parent=self)
        self.feed.snapshot.connect(self.apply_snapshot)
        self.debounce.timeout.connect(self.feed.reload)
        self._store_changed.connect(self.debounce.start)
        self._unsubscribe = store.subscribe(self._on_store_change) if store else None
        self._stopped = False
        self.voice: VoicePlayer | None = None  # made at the first call to say
        self.announced: list[tuple[int, str]] = []  # (number, window) said or shown as new
        self._load_first(database)
        self.tick()
        self._start()

    def _build_parts(self) -> None:
        self.header = Header(self.theme)
        self.header.set_hall(self.config.hall.name)
        self.stale_banner = StaleBanner(self.theme)
        self.stop_banner = StopWorkBanner(self.theme, self.type)
        self._stop_ids: tuple[str, ...] = ()  # the stop-work notices shown
        self.section = SectionBar(self.theme)
        self.now_serving = NowServing(self.theme)
        self.paged = PagedView(self.theme, self.card_painter, self._card)
        self.paged.per_page_changed.connect(self._repaginate)
        self.scroller = ScrollView(self.theme, self.card_painter, self._card,
                                   self.settings.page_seconds)
        self.empty = EmptyState(self.theme)
        self.stack = QStackedWidget()
        for view in (self.paged, self.scroller, self.empty):
            self.stack.addWidget(view)
        self.ticker = Ticker(self.theme)
        self.supply = SupplyPanel(self.theme, self.type)
        self.side = QVBoxLayout()  # landscape: 叫号 above 今日待岗, right of the jobs
        self.side.setContentsMargins(0, 0, 0, 0)
        self.side.setSpacing(0)
        self.side.addWidget(self.supply, 1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # jobs, then the side
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(0)
        self.body.addWidget(self.stack, 1)
        self.body.addLayout(self.side)
        self.main = QVBoxLayout(self)
        self.main.setContentsMargins(0, 0, 0, 0)
        self.main.setSpacing(0)
        for widget in (self.header, self.stop_banner, self.stale_banner, self.section):
            self.main.addWidget(widget)
        self.main.addLayout(self.body, 1)
        self.main.addWidget(self.ticker)
        self._place_now_serving()

    def _build_timers(self) -> None:
        self.page_timer = QTimer(self)
        self.page_timer.setInterval(self.settings.page_seconds * 1000)
        self.page_timer.timeout.connect(self.next_page)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self.tick)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)

    def _start(self) -> None:
        self.clock_timer.start()
        if self.settings.mode == "pages":
            self.page_timer.start()
        if self.animate:
            self.ticker.start()
            if self.settings.mode == "scroll":
                self.scroller.start()
        self.feed.start()

    # -- data ------------------------------------------------------------------------
    def _load_first(self, database: Path) -> None:
        """The first snapshot before the window shows: no blank board at start-up."""
        reader = BoardReader(database, self.config.hall.id, self.config.hall.timezone,
                             self.config.listing)
        try:
            self.apply_snapshot(reader.load(self.clock.now()))
        except BoardReadError as exc:
            log.warning("board: first load failed (%s); waiting for the feed", exc)
            self._show_view()
        finally:
            reader.close()

    def _on_store_change(self, entities: frozenset[str]) -> None:
        """Called by the store after a commit, in the writer's thread: hand over to Qt."""
        if entities & BOARD_ENTITIES:
            self._store_changed.emit()

    def apply_snapshot(self, snapshot: object) -> None:
        assert isinstance(snapshot, BoardSnapshot)
        previous = self.snapshot
        self.snapshot = snapshot
        if previous is None or previous.day != snapshot.day:
            self.formatter = self._make_formatter()
        counts = snapshot.counts
        self.header.set_stats(self.formatter.stats(counts.open_jobs, counts.checked_in,
                                                   counts.hired))
        self.ticker.set_items(self.formatter.ticker_items(snapshot.notices, self.config.hall))
        self.now_serving.set_texts(call_texts(snapshot.calls, self.config.language))
        self.supply.set_text(supply_text(self.formatter, snapshot.supply))
        self._announce(previous, snapshot)
        if previous is None or previous.jobs != snapshot.jobs or previous.day != snapshot.day:
            self.scroller.set_jobs(snapshot.jobs)
            self._repaginate()
        self._update_stale()
        self._update_stop_work()

    def _update_stop_work(self) -> None:
        """The stop-work notices holding now in the red band; when that set changes (a
        notice starts or ends), the jobs are read again for their 停工 marks."""
        snap = self.snapshot
        now = self.clock.now()
        holding = tuple(n for n in (snap.stop_work if snap else ())
                        if n.starts_at <= now < n.ends_at)
        ids = tuple(n.id for n in holding)
        self.stop_banner.set_text(self.formatter.stop_work(holding))
        if ids != self._stop_ids:
            self._stop_ids = ids
            at_read = tuple(n.id for n in (snap.stop_work if snap else ())
                            if n.starts_at <= snap.read_at < n.ends_at) if snap else ()
            if ids != at_read:
                self.feed.reload()

    def _announce(self, previous: BoardSnapshot | None, snapshot: BoardSnapshot) -> None:
        """A new call (or a call again) is said aloud after a chime, when the board has a
        speaker; the band shows it whether or not anything can be heard."""
        if previous is None:
            return
        known = set(previous.calls)
        recent = self.clock.now() - ANNOUNCE_WITHIN
        new = [c for c in reversed(snapshot.calls) if c not in known and c.called_at >= recent]
        if not new:
            return
        language = self.config.language
        self.announced += [(c.queue_no, c.window) for c in new]
        if self.voice is None:
            from kiosk.ui.voice import VoicePlayer  # noqa: PLC0415 - QtMultimedia when needed

            self.voice = VoicePlayer(parent=self)
        self.voice.say_all([clip for c in new for clip in call_clips(
            c.queue_no, c.window, language, c.queue_prefix)],
                           language, chime=True)

    def _repaginate(self) -> None:
        jobs = self.snapshot.jobs if self.snapshot else ()
        keep = self.paged.first_job_id()
        self.pagination = paginate(jobs, self.paged.per_page, catalogue=self.catalogue,
                                   group_by_sector=self.settings.group_by_sector)
        self.paged.set_pagination(self.pagination, keep_job=keep)
        self._show_view()

    def _show_view(self) -> None:
        jobs = self.snapshot.jobs if self.snapshot else ()
        if not jobs:
            self.stack.setCurrentWidget(self.empty)
            self.empty.set_content(self.formatter.empty_title(), self.formatter.empty_hint(),
                                   self.formatter.hall_lines(self.config.hall))
        elif self.settings.mode == "scroll":
            self.stack.setCurrentWidget(self.scroller)
        else:
            self.stack.setCurrentWidget(self.paged)
        self._update_section()

    def _card(self, job: BoardJob) -> CardText:
        return self.formatter.card(job)

    def _make_formatter(self) -> Formatter:
        return Formatter(catalogue=self.catalogue, language=self.config.language,
                         today=self.clock.now().astimezone(self.tz).date(), tz=self.tz,
                         board=self.settings)

    # -- paging and time -------------------------------------------------------------
    def next_page(self) -> None:
        self.paged.next_page()
        self._update_section()

    def show_page(self, index: int) -> None:
        self.paged.show_page(index)
        self._update_section()

    def _update_section(self) -> None:
        f = self.formatter
        pag = self.pagination
        if self.stack.currentWidget() is self.empty or not pag.pages:
            self.section.set_content(f.section(None, 0), f.scan_hint(), 0, 0)
            return
        if self.settings.mode == "scroll":
            self.section.set_content(f.section(None, len(pag.jobs)), f.scan_hint(), 0, 0)
            return
        page = pag.pages[self.paged.page_index]
        self.section.set_content(f.section(page.group, page.group_count), f.scan_hint(),
                                 self.paged.page_index + 1, len(pag))

    @property
    def page_indicator(self) -> str:
        return self.section.page_text

    def tick(self) -> None:
        now = self.clock.now()
        self.header.set_time(self.formatter.date_line(now), self.formatter.clock(now))
        if now.astimezone(self.tz).date() != self.formatter.today:
            self.formatter = self._make_formatter()
            self.paged.set_formatter(self._card)
            self.scroller.set_formatter(self._card)
            self.feed.reload()
        self._update_stale()
        self._update_stop_work()

    def _update_stale(self) -> None:
        snap = self.snapshot
        after = timedelta(minutes=self.settings.stale_after_minutes)
        stale = snap is not None and snap.last_sync is not None and snap.is_stale(
            self.clock.now(), after)
        text = self.formatter.stale(snap.last_sync) if stale and snap and snap.last_sync else ""
        self.stale_banner.set_text(text)

    # -- size and lifetime -----------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._restyle()
        super().resizeEvent(event)

    def _place_now_serving(self) -> None:
        """Portrait: the band under the header (and the stale hint); landscape: the top of
        the right-hand column, so the jobs keep their rows while numbers are called."""
        column = not self.theme.portrait
        self.main.removeWidget(self.now_serving)
        self.side.removeWidget(self.now_serving)
        if column:
            self.side.insertWidget(0, self.now_serving)
        else:
            self.main.insertWidget(self.main.indexOf(self.stale_banner) + 1, self.now_serving)
        self.now_serving.set_theme(self.theme, column=column)

    def _restyle(self) -> None:
        """Sizes for this window: the theme's scale and the distance-chosen type."""
        theme = Theme.for_size(self.width(), self.height())
        type_ = BoardType.for_screen(self.settings, self.width(), self.height())
        if (theme, type_) == (self.theme, self.type):
            return
        self.theme, self.type = theme, type_
        self.card_painter.set_theme(theme, type_)
        self.supply.set_theme(theme, type_)
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if theme.portrait
                               else QBoxLayout.Direction.LeftToRight)
        self._place_now_serving()
        self.stop_banner.set_theme(theme, type_)
        for part in (self.header, self.stale_banner, self.section, self.paged, self.scroller,
                     self.empty, self.ticker):
            part.set_theme(theme)
        self.main.activate()  # the layout ran for this size before the direction changed

    def with_settings(self, **changes: object) -> None:
        """Change board settings at run time (tests, screenshots): mode, grouping, qr."""
        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        self.formatter = self._make_formatter()
        self._restyle()
        self.page_timer.setInterval(self.settings.page_seconds * 1000)
        self.scroller.page_seconds = self.settings.page_seconds
        scrolling = self.settings.mode == "scroll"
        if scrolling:
            self.page_timer.stop()
        elif not self._stopped:
            self.page_timer.start()
        if scrolling and self.animate and not self._stopped:
            self.scroller.start()
        else:
            self.scroller.stop()
        self._repaginate()

    def shutdown(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self._unsubscribe is not None:
            self._unsubscribe()
        for timer in (self.page_timer, self.clock_timer, self.debounce):
            timer.stop()
        self.ticker.stop()
        self.scroller.stop()
        self.feed.stop()
        if self.voice is not None:
            self.voice.stop()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)
