"""The `counter` role's window: sign-in, then a workspace of tabs acting for the signed-in
staff member. Idle for `idle_minutes` (or 签退) signs out: the workspace is thrown away, so
nothing of one member's work stays on screen for the next."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import N_
from kiosk.core.i18n import Translator
from kiosk.core.staff import StaffMember
from kiosk.services import arrivals, print_desk
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from kiosk.system.config import Config, Paths
from kiosk.ui.arrival import arrival_text
from kiosk.ui.counter.call_bar import CallBar
from kiosk.ui.counter.context import CounterContext, CounterPage, StoreBridge
from kiosk.ui.counter.login import LoginPage, signed_in_text
from kiosk.ui.counter.pages import DESK, DISPATCH, POST, build_pages, group_of
from kiosk.ui.counter.scroll import scrolling
from kiosk.ui.counter.side_nav import SideNav
from kiosk.ui.counter.table import action_button
from kiosk.ui.input_watch import cover_windows, unwatch_input, watch_input
from kiosk.ui.scan_inputs import ScanInputs
from kiosk.ui.terminal.idle import IdleWatcher
from kiosk.ui.theme import counter_stylesheet
from kiosk.ui.widgets.buttons import label

IDLE_MINUTES = 10
REFRESH_DEBOUNCE_MS = 300
STATUS_REFRESH_MS = 10_000
_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]")


class CounterWindow(QWidget):
    # The room the workspace needs once signed in to show every tab without scrolling, in
    # either language: placing windows side by side leaves it from the start. Each tab
    # scrolls in a smaller window (tests keep both true).
    MIN_SIZE_AT_WORK = (1160, 680)

    def __init__(self, services: Services, config: Config, *,
                 idle_minutes: int = IDLE_MINUTES, paths: Paths | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths  # where a scanned provisioning code is saved (None: not here)
        self.setObjectName("counterRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(config.hall.name)
        self.setStyleSheet(counter_stylesheet())
        self.services, self.config = services, config
        self.t = Translator(config.language)
        self.accounts = StaffAccounts(services)
        self.ctx: CounterContext | None = None
        self.pages: dict[str, CounterPage] = {}
        self.tabs: SideNav | None = None
        self.call_bar: CallBar | None = None
        self.areas: dict[str, QScrollArea] = {}
        self.login = LoginPage(self.accounts, self.t)
        self.login.signed_in.connect(self.start_work)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_bar())
        layout.addWidget(self.stack, 1)
        self.idle = IdleWatcher(idle_minutes * 60, self)
        self.idle.idle.connect(lambda: self.sign_out("idle"))
        self.scan_inputs = ScanInputs(config.scan, self, swallow=False)
        self.scan_inputs.scanned.connect(self.on_scan)
        watch_input(self.idle, within=self)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_DEBOUNCE_MS)
        self._refresh.timeout.connect(self.refresh_current)
        self.bridge = StoreBridge(self)
        self.bridge.changed.connect(lambda _entities: self._refresh.start())
        self._unsubscribe = services.store.subscribe(self.bridge)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(STATUS_REFRESH_MS)
        self._notice_timer.timeout.connect(self.update_status)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_REFRESH_MS)
        self.status_timer.timeout.connect(self.update_status)
        self.status_timer.start()
        self.retranslate()
        self.update_status()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        cover_windows()  # its window exists now: watch its input before it has the focus

    def _build_bar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("topBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hall = label(self.config.hall.name, "hall", wrap=False)
        self.who = label("", "", wrap=False)
        self.pending = label("", "", wrap=False)
        self.language_button = action_button("bar", self.toggle_language)
        self.sign_out_button = action_button("bar", lambda: self.sign_out(""))
        self.sign_out_button.hide()
        row = QHBoxLayout(bar)
        self._bar_row = row
        row.setContentsMargins(16, 6, 16, 6)
        row.setSpacing(16)
        row.addWidget(self.hall, 1)
        row.addWidget(self.pending)
        row.addWidget(self.who)
        row.addWidget(self.language_button)
        row.addWidget(self.sign_out_button)
        return bar

    # -- signing in and out -----------------------------------------------------------
    @property
    def signed_in(self) -> StaffMember | None:
        return None if self.ctx is None else self.ctx.staff

    def start_work(self, member: StaffMember) -> None:
        """A fresh workspace for `member`: their services audit what they do."""
        self.ctx = CounterContext(self.services.as_staff(member.id), self.config, self.t,
                                  member, self.accounts)
        self.pages = build_pages(self.ctx)
        self.tabs = SideNav()
        self.areas = {name: scrolling(page) for name, page in self.pages.items()}
        for name, page in self.pages.items():
            self.tabs.addTab(self.areas[name], "", group_of(name))
            page.open_worker.connect(self.show_worker)
            page.open_job.connect(self.show_job)
            page.edit_job.connect(self.edit_job)
            page.edit_self_post.connect(self.edit_self_post)
        self.tabs.currentChanged.connect(lambda _index: self.refresh_current())
        self.stack.addWidget(self.tabs)
        self.stack.setCurrentWidget(self.tabs)
        self.call_bar = CallBar(self.ctx)
        self.call_bar.problem.connect(self.notice)
        self.hall.hide()  # the window's title keeps the hall's name
        self._bar_row.insertWidget(0, self.call_bar)
        self._bar_row.insertStretch(1, 1)
        self.who.setText(signed_in_text(member, self.t))
        self.sign_out_button.show()
        self.retranslate()
        self.refresh_current()
        self.idle.start()

    def sign_out(self, reason: str = "") -> None:
        if self.ctx is None:
            return
        self.accounts.sign_out(self.ctx.staff.id, reason)
        self.idle.stop()
        for page in self.pages.values():
            page.stop()
        if self.tabs is not None:
            self.stack.removeWidget(self.tabs)
            self.tabs.deleteLater()
        if self.call_bar is not None:
            self._bar_row.removeWidget(self.call_bar)
            stretch = self._bar_row.takeAt(0)  # the stretch that came after it
            del stretch
            self.call_bar.deleteLater()
            self.call_bar = None
            self.hall.show()
        self.tabs, self.ctx, self.pages, self.areas = None, None, {}, {}
        self.who.setText("")
        self.sign_out_button.hide()
        self.stack.setCurrentWidget(self.login)
        self.login.clear()

    # -- pages ------------------------------------------------------------------------
    def show_page(self, name: str) -> CounterPage | None:
        page = self.pages.get(name)
        if page is not None and self.tabs is not None:
            self.tabs.setCurrentWidget(self.areas[name])
        return page

    def current_page(self) -> CounterPage | None:
        if self.tabs is None:
            return None
        area = self.tabs.currentWidget()
        page = area.widget() if isinstance(area, QScrollArea) else None
        return page if isinstance(page, CounterPage) else None

    def show_worker(self, worker_id: str) -> None:
        page = self.show_page(DESK)
        if page is not None and hasattr(page, "show_worker"):
            page.show_worker(worker_id)

    def show_job(self, job_id: str) -> None:
        page = self.show_page(DISPATCH)
        if page is not None and hasattr(page, "show_job"):
            page.show_job(job_id)

    def edit_job(self, job_id: str) -> None:
        page = self.show_page(POST)
        if page is not None and hasattr(page, "load_job"):
            page.load_job(job_id)

    def edit_self_post(self, post_id: str) -> None:
        """An employer's own post in 招工登记: saving it there approves it."""
        page = self.show_page(POST)
        if page is not None and hasattr(page, "load_self_post"):
            page.load_self_post(post_id)

    def show_referral(self, referral_id: str, job_id: str = "",
                      worker_masked: str = "") -> None:
        """A referral slip scanned: the worker and the employer met (到岗, recorded here and
        sent to the hall that issued it); a slip of this hall opens its job in 即时快招 with
        the referral chosen, so staff record the outcome."""
        services = self.ctx.services if self.ctx is not None else self.services
        note = arrivals.confirm_arrival(services, referral_id,
                                        job_title=arrivals.job_title(services, job_id),
                                        worker_masked=worker_masked)
        arrived = arrival_text(self.t, note)
        page = self.show_page(DISPATCH)
        if page is not None and hasattr(page, "show_referral") and page.show_referral(
                referral_id):
            self.notice(arrived + " " + self.t(N_(
                "Record its outcome (hired, not hired or no-show).")))
        else:
            self.notice(arrived + " " + self.t(N_(
                "This referral slip was issued at another hall: the arrival is sent there, "
                "and its outcome is recorded there.")))

    def refresh_current(self) -> None:
        current = self.current_page()
        if current is not None:
            current.refresh()
        if self.call_bar is not None:
            self.call_bar.refresh()
        self.update_status()

    def on_scan(self, text: str) -> None:
        """A worker card opens the worker at the desk; a job code opens the job."""
        _remove_from_focused_field(text)
        if self.ctx is None:
            return
        from kiosk.core import scan  # noqa: PLC0415 - cryptography only once a code comes
        from kiosk.ui.provision_scan import provision_notice  # noqa: PLC0415

        if _ID_NUMBER.fullmatch(text.strip().upper()):  # an ID-card reader in keyboard mode
            page = self.show_page(DESK)
            if page is not None and hasattr(page, "find_text"):
                page.find_text(text.strip().upper())
            return
        keys = self.config.scan.usable_keys()
        result = self.services.read_scan(text, keys)
        if isinstance(result, scan.WorkerCard):
            self.show_worker(result.worker_id)
        elif isinstance(result, scan.JobCode):
            self.show_job(result.job_id)
        elif isinstance(result, scan.Referral):
            self.show_referral(result.referral_id, result.job_id, result.worker_masked)
        elif isinstance(result, scan.Provisioning) and self.paths is not None:
            self.notice(provision_notice(self.paths, self.services, result, self.config,
                                         self.t.language))
        elif isinstance(result, scan.ScanError):
            self.notice(result.text(self.t.language))
        else:
            self.notice(self.t(N_("This code is not used at the counter.")))

    def notice(self, text: str) -> None:
        self.pending.setText(text)
        self._notice_timer.start()  # then the status again (stopped by shutdown)

    # -- status and language ----------------------------------------------------------
    def update_status(self) -> None:
        count = self.services.pending_sync_count()
        synced = (self.t(N_("Waiting to sync: {count}")).format(count=count)
                  if count else self.t(N_("All synced")))
        parts = [self.t(self.scan_inputs.problem)] if self.scan_inputs.problem else []
        tickets = len(print_desk.tickets_needing_staff(self.services, self.services.now()))
        if tickets:
            parts.append(self.t(N_("Tickets that need staff: {count} (see Tickets)")).format(
                count=tickets))
        self.pending.setText(" · ".join([*parts, synced]))

    def toggle_language(self) -> None:
        self.t.set_language("en" if self.t.language == "zh_CN" else "zh_CN")
        self.retranslate()

    def retranslate(self) -> None:
        self.language_button.setText("English" if self.t.language == "zh_CN" else "中文")
        self.sign_out_button.setText(self.t(N_("Sign out")))
        self.login.retranslate()
        if self.ctx is not None:
            self.who.setText(signed_in_text(self.ctx.staff, self.t))
        if self.call_bar is not None:
            self.call_bar.retranslate()
            for layout in (self.call_bar.row, self._bar_row):
                layout.invalidate()  # the texts' new widths now, not one event later
                layout.activate()
        if self.tabs is not None:
            for index, page in enumerate(self.pages.values()):
                self.tabs.setTabText(index, self.t(page.TITLE))
                page.retranslate()
        self.update_status()

    def shutdown(self) -> None:
        """Before the window goes: sign out, stop timers, leave the store."""
        self.sign_out("shutdown")
        self.scan_inputs.stop()
        self._unsubscribe()
        self.status_timer.stop()
        self._notice_timer.stop()
        self._refresh.stop()
        unwatch_input(self.idle)


def _remove_from_focused_field(code: str) -> None:
    """The scanner typed `code` into whatever field had the focus: take it out again."""
    field = QApplication.focusWidget()
    if isinstance(field, QLineEdit) and field.text().endswith(code):
        field.setText(field.text()[: -len(code)])
