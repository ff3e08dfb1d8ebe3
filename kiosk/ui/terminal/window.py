"""The `terminal` role: a top bar (hall, 中文/English, 大字, pending sync) over a stack of
screens. After `idle_seconds` without a touch a countdown shows; when it runs out every
screen forgets what the last person entered and home is shown."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPaintEvent, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.errors import N_, Err
from kiosk.core.i18n import Translator
from kiosk.services.hall import Services
from kiosk.system.config import Config, Paths
from kiosk.ui.id_reader import IdCardWatcher
from kiosk.ui.input_watch import cover_windows, unwatch_input, watch_input
from kiosk.ui.scan_inputs import ScanInputs
from kiosk.ui.terminal.base import (
    ARRIVAL,
    CHECK_IN,
    COMPLAINT_STATUS,
    EMPLOYER,
    HOME,
    INSURANCE,
    JOBS,
    REGISTER,
    TRAINING,
    Screen,
    Session,
)
from kiosk.ui.terminal.help_call import HelpCall
from kiosk.ui.terminal.home import HomeScreen
from kiosk.ui.terminal.idle import IdleWatcher
from kiosk.ui.terminal.screens import LATER, build_screen
from kiosk.ui.theme import TouchColours, touch_scale, touch_stylesheet
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.countdown import CountdownOverlay
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.screen_scroll import ScreenScroll

STATUS_REFRESH_MS = 10_000
_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]")
log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from kiosk.core.scan import EmployerPostDraft, WorkerCard
    from kiosk.ui.terminal.arrival import ArrivalScreen
    from kiosk.ui.terminal.checkin import CheckInScreen
    from kiosk.ui.terminal.complaint_status import ComplaintStatusScreen
    from kiosk.ui.terminal.employer_post import EmployerPostScreen
    from kiosk.ui.terminal.insurance import InsuranceScreen
    from kiosk.ui.terminal.jobs import JobsScreen
    from kiosk.ui.terminal.register import RegisterScreen
    from kiosk.ui.terminal.training import TrainingScreen
    from kiosk.ui.voice import VoicePlayer


class TerminalWindow(QWidget):
    def __init__(self, services: Services, config: Config, *, printing: bool = True,
                 paths: Paths | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths  # where a scanned provisioning code is saved (None: not here)
        self.setObjectName("touchRoot")
        self._fill_background()
        self.setWindowTitle(config.hall.name)
        self.voice: VoicePlayer | None = None  # made once the home screen shows
        self.voice_on = config.touch.voice
        self.session = Session(services, config, Translator(config.language), printing)
        self.large_text = config.touch.large_text
        self._scale = 0.0
        self._portrait: bool | None = None
        self.screens: dict[str, Screen] = {}
        self.holders: dict[str, ScreenScroll] = {}  # each screen in its scroll area
        self.id_reader: IdCardWatcher | None = None
        self.reader_problem = ""  # an N_ msgid for staff, "" when the reader is fine
        self._pending = list(LATER)  # screens still to build
        self.help_call = HelpCall(services, self)
        self.help_call.waiting_changed.connect(self._help_waiting)
        self._build_after_paint = False
        self._restyle()  # before any child: each is styled once, when it is first shown
        self.stack = PageStack()
        self._add(HOME, HomeScreen(self.session))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_bar())
        layout.addWidget(self.stack, 1)
        self.countdown = CountdownOverlay(self)
        self.countdown.expired.connect(self.reset_all)
        self.countdown.continued.connect(self._carry_on)
        self.idle = IdleWatcher(config.touch.idle_seconds, self)
        self.idle.idle.connect(self._warn)
        self.scan_inputs = ScanInputs(config.scan, self)
        self.scan_inputs.scanned.connect(self.on_scan)
        watch_input(self.idle, within=self)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_REFRESH_MS)
        self.status_timer.timeout.connect(self.update_status)
        self.status_timer.start()
        self.retranslate()
        self.update_status()
        self._builder = QTimer(self)
        self._builder.setInterval(0)
        self._builder.timeout.connect(self._build_next)
        if config.idcard.device:
            self._open_id_reader(config.idcard.device, config.idcard.baud)

    # -- the ID-card reader -------------------------------------------------------------
    def _open_id_reader(self, device: str, baud: int) -> None:
        from kiosk.system.idcard import SamReader, SerialPort  # noqa: PLC0415 - pyserial

        try:
            reader = SamReader(SerialPort(device, baud))
        except OSError as exc:  # unplugged, or no permission: staff see it, check-in works
            log.warning("ID-card reader %s cannot be opened: %s", device, exc)
            self.reader_problem = N_("ID-card reader not found")
            return
        self.attach_id_reader(IdCardWatcher(reader, self))

    def attach_id_reader(self, watcher: IdCardWatcher, *, start: bool = True) -> None:
        self.id_reader = watcher
        watcher.card_read.connect(self.on_id_card)
        watcher.problem.connect(self._reader_problem)
        if start:
            watcher.start()

    def _reader_problem(self, reason: str) -> None:
        self.reader_problem = N_("ID-card reader not answering") if reason else ""
        self.update_status()

    def on_id_card(self, id_number: str, name: str = "") -> None:
        """An ID card on the reader (or a reader typing the number like a scanner): the
        number (and name) fill whatever the worker is doing, with nothing to type —
        registration, 我想干, a course's sign-up, insurance help, else check-in (a worker of
        another hall found through the city hub too), or registration when not registered."""
        services = self.session.services
        checked = services.check_id_number(id_number)
        if isinstance(checked, Err):
            self._scan_notice(self.session.error_text(checked.errors[0]))
            return
        number = checked.value
        current = self.current
        if current == REGISTER:
            self.register.take_card(number, name)
            return
        jobs = cast("JobsScreen", self.page(JOBS))
        if current == JOBS and jobs.wants_id:
            jobs.want_job(number)
            return
        training = cast("TrainingScreen", self.page(TRAINING))
        if current == TRAINING and training.wants_id:
            training.sign_up_id(number)
            return
        insurance = cast("InsuranceScreen", self.page(INSURANCE))
        if current == INSURANCE and insurance.wants_id:
            insurance.ask_help(number)
            return
        if services.find_worker_by_id_number(number) is None and not services.asks_city:
            self.register_with(number, name)
            return
        screen = cast("CheckInScreen", self.page(CHECK_IN))
        self.reset_all()
        self.show_screen(CHECK_IN)
        screen.check_in(number, reader_name=name)  # not known here: the city is asked

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        cover_windows()  # its window exists now: watch its input before it has the focus
        self._build_after_paint = bool(self._pending) or self.voice is None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self._build_after_paint:  # home is on the screen: now the rest, one piece per
            self._build_after_paint = False  # event-loop turn (a tap builds what it needs)
            self._builder.start()

    def _build_next(self) -> None:
        if self.voice is None:
            from kiosk.ui.voice import VoicePlayer  # noqa: PLC0415 - QtMultimedia after home

            self.voice = VoicePlayer(enabled=self.voice_on, parent=self)
            self.voice.available_changed.connect(lambda _on: self._show_voice_state())
            self._show_voice_state()
            if self.session.voice is None:
                self.session.voice = self.voice
        elif self._pending:
            self.page(self._pending[0])
        if not self._pending:
            self._builder.stop()

    @property
    def built(self) -> bool:
        """Every screen and the voice player are made (shortly after home is painted)."""
        return not self._pending and self.voice is not None

    def page(self, name: str) -> Screen:
        """The screen called `name`, built now if it was not yet."""
        found = self.screens.get(name)
        if found is not None:
            return found
        made = build_screen(name, self.session)
        self._add(name, made)
        if self._portrait is not None:
            made.orient(self._portrait)
        made.set_large(self.large_text)
        made.retranslate()
        made.show_help_waiting(self.help_call.waiting)
        return made

    @property
    def register(self) -> RegisterScreen:
        return cast("RegisterScreen", self.page(REGISTER))

    def _add(self, name: str, screen: Screen) -> None:
        screen.navigate.connect(self.show_screen)
        screen.help_requested.connect(self.help_call.ask)
        if name == REGISTER:
            cast("RegisterScreen", screen).check_in_requested.connect(self.check_in)
        elif name in (CHECK_IN, JOBS, TRAINING):
            cast("CheckInScreen", screen).register_requested.connect(self.register_with)
        self.screens[name] = screen
        if name in self._pending:
            self._pending.remove(name)
        self.holders[name] = ScreenScroll(screen)
        self.stack.addWidget(self.holders[name])

    def _fill_background(self) -> None:
        """The ground colour from the palette: Qt fills a window with it anyway, and a
        style sheet background would paint all 2 million pixels a second time."""
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(TouchColours.BACKGROUND))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

    def _build_bar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("topBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hall = label(self.session.config.hall.name, "hall", wrap=True)
        self.hall.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # for staff (unsent records, a device that is off): it wraps and never widens the bar
        self.pending = label("", "", wrap=True)
        self.pending.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.language_button = big_button("", "bar")
        self.language_button.clicked.connect(self.toggle_language)
        self.large_button = big_button("", "bar")
        self.large_button.setCheckable(True)
        self.large_button.setChecked(self.large_text)
        self.large_button.clicked.connect(self.set_large_text)
        self.voice_button = big_button("", "bar")
        self.voice_button.setCheckable(True)
        self.voice_button.setChecked(self.voice_on)
        self.voice_button.clicked.connect(self.set_voice)
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 8, 24, 8)
        row.addWidget(self.hall, 2)
        row.addWidget(self.pending, 1)
        for button in (self.voice_button, self.large_button, self.language_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            row.addWidget(button)
        return bar

    # -- navigation and the idle reset ------------------------------------------------
    @property
    def current(self) -> str:
        holder = self.stack.currentWidget()
        return next(name for name, h in self.holders.items() if h is holder)

    def _show_voice_state(self) -> None:
        """Without an audio output (or QtMultimedia) the voice button shows off and cannot
        be switched on, and the status line tells staff why."""
        playable = self.voice is not None and self.voice.available
        self.voice_button.setEnabled(playable)
        self.voice_button.setChecked(playable and self.voice_on)
        self.update_status()

    def set_voice(self, on: bool) -> None:
        self.voice_on = on
        self.voice_button.setChecked(on)
        if self.voice is not None:
            self.voice.set_enabled(on)

    def show_screen(self, name: str) -> None:
        screen = self.page(name)
        if name == HOME:
            self.reset_all()
            return
        self.stack.setCurrentWidget(self.holders[name])
        screen.shown()
        self.idle.start()

    def check_in(self, id_number: str) -> None:
        """From registration: the worker checks in without typing the number again."""
        screen = cast("CheckInScreen", self.page(CHECK_IN))
        screen.reset()
        self.show_screen(CHECK_IN)
        screen.check_in(id_number)

    def register_with(self, id_number: str, name: str = "") -> None:
        """An ID number not registered (typed, or read from the ID card): registration
        starts with it kept, and the name too when the card gave it."""
        self.reset_all()
        self.register.start_with(id_number, name)
        self.show_screen(REGISTER)

    def on_scan(self, text: str) -> None:
        """A scanned code: a worker card checks in (or signs up for the course chosen on the
        training screen, or answers 我想干's ID step), a job code opens the job, a complaint
        receipt shows the complaint's status, a referral slip confirms the arrival (到岗),
        a phone pre-registration fills the registration; anything else is explained on
        home."""
        from kiosk.core import scan  # noqa: PLC0415 - cryptography only once a code comes
        from kiosk.ui.provision_scan import provision_notice  # noqa: PLC0415

        if _ID_NUMBER.fullmatch(text.strip().upper()):  # a reader in keyboard mode
            self.on_id_card(text.strip().upper())
            return
        keys = self.session.config.scan.usable_keys()
        result = self.session.services.read_scan(text, keys)
        if isinstance(result, scan.WorkerCard):
            self._worker_card(result)
        elif isinstance(result, scan.JobCode):
            self.reset_all()
            self.show_screen(JOBS)
            if not cast("JobsScreen", self.page(JOBS)).open_job_id(result.job_id):
                self._scan_notice(self.session.t(N_("This job is no longer open.")))
        elif isinstance(result, scan.ComplaintCode):
            self.reset_all()
            self.show_screen(COMPLAINT_STATUS)
            if not cast("ComplaintStatusScreen", self.page(COMPLAINT_STATUS)).show_complaint(
                    result.complaint_id):
                self._scan_notice(self.session.t(N_(
                    "This complaint is not one of this hall's: please ask at the counter.")))
        elif isinstance(result, scan.Referral):  # 到岗: the employer or the worker scans it
            self.reset_all()
            self.show_screen(ARRIVAL)
            cast("ArrivalScreen", self.page(ARRIVAL)).confirm(
                result.referral_id, result.job_id, result.worker_masked)
        elif isinstance(result, scan.PreRegistration):
            self.reset_all()
            self.register.prefill(result.draft())
            self.show_screen(REGISTER)
        elif isinstance(result, scan.EmployerPostDraft):
            self._employer_draft(result)
        elif isinstance(result, scan.Provisioning) and self.paths is not None:
            self._scan_notice(provision_notice(self.paths, self.session.services, result,
                                               self.session.config, self.session.t.language))
        elif isinstance(result, scan.ScanError):
            self._scan_notice(result.text(self.session.t.language))
        else:
            self._scan_notice(self.session.t(N_("Please show this code at the counter.")))

    def _worker_card(self, card: WorkerCard) -> None:
        """The card answers the ID step of the screen asking (a course's sign-up, 我想干),
        else checks the worker in."""
        training = cast("TrainingScreen", self.page(TRAINING))
        jobs = cast("JobsScreen", self.page(JOBS))
        if self.current == TRAINING and training.wants_id:
            training.sign_up_worker(card.worker_id)
        elif self.current == JOBS and jobs.wants_id:
            jobs.want_job_by_card(card.worker_id)
        else:
            screen = cast("CheckInScreen", self.page(CHECK_IN))
            self.reset_all()
            self.show_screen(CHECK_IN)
            screen.check_in_worker(card.worker_id, card=card)

    def _employer_draft(self, draft: EmployerPostDraft) -> None:
        """A signed phone job draft: 我要招工 filled in, for the employer to check."""
        self.reset_all()
        screen = cast("EmployerPostScreen", self.page(EMPLOYER))
        self.show_screen(EMPLOYER)
        screen.prefill(draft.job, draft.employer)

    def _scan_notice(self, text: str) -> None:
        self.reset_all()
        cast("HomeScreen", self.page(HOME)).show_notice(text)

    def reset_all(self) -> None:
        """Every screen forgets the last person; home is shown; the idle clock stops."""
        self.countdown.stop()
        if self.voice is not None:
            self.voice.stop()
        for screen in self.screens.values():
            screen.reset()
        self.help_call.forget()  # the counter still lists it until staff handle it
        self.stack.setCurrentWidget(self.holders[HOME])
        self.idle.stop()

    def _warn(self) -> None:
        if self.current != HOME:
            self.countdown.start(self.session.config.touch.countdown_seconds)
            self.session.say(N_("For your privacy, the screen will be cleared."))

    def _carry_on(self) -> None:
        self.idle.start()

    def _help_waiting(self, waiting: bool) -> None:
        for screen in self.screens.values():
            screen.show_help_waiting(waiting)

    # -- language, text size, status --------------------------------------------------
    def toggle_language(self) -> None:
        if self.voice is not None:
            self.voice.stop()
        language = "en" if self.session.t.language == "zh_CN" else "zh_CN"
        self.session.t.set_language(language)
        self.retranslate()

    def set_large_text(self, on: bool) -> None:
        self.large_text = on
        self.large_button.setChecked(on)
        for screen in self.screens.values():
            screen.set_large(on)
        self._restyle(force=True)

    def retranslate(self) -> None:
        t = self.session.t
        self.language_button.setText("English" if t.language == "zh_CN" else "中文")
        self.large_button.setText(t(N_("Large text")))
        self.voice_button.setText(t(N_("Voice")))
        self.countdown.set_texts(t(N_("Are you still there?")),
                                 t(N_("For your privacy, the screen will be cleared.")),
                                 t(N_("Continue")))
        for screen in self.screens.values():
            screen.retranslate()
            screen.show_help_waiting(self.help_call.waiting)
        self.update_status()

    def update_status(self) -> None:
        """A device that is off (scanner, camera, speakers), for staff walking by; never
        the records waiting to be sent: a staff figure, shown at the counter and by
        `kiosk doctor` (the hall works the same offline)."""
        parts = [self.session.t(self.scan_inputs.problem)] if self.scan_inputs.problem else []
        if self.reader_problem:
            parts.append(self.session.t(self.reader_problem))
        if self.voice is not None and not self.voice.available:
            parts.append(self.session.t(N_("Voice off: no audio output")))
        self.pending.setText(" · ".join(parts))

    def _restyle(self, *, force: bool = False) -> None:
        scale = touch_scale(self.width(), self.height())
        if force or abs(scale - self._scale) > 0.01:
            self._scale = scale
            self.setStyleSheet(touch_stylesheet(scale, large=self.large_text))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        portrait = event.size().height() > event.size().width()
        self._portrait = portrait
        for screen in self.screens.values():
            screen.orient(portrait)
        self._restyle()
        super().resizeEvent(event)

    def shutdown(self) -> None:
        self._build_after_paint = False  # a paint still to come must not start it again
        self._builder.stop()
        self.scan_inputs.stop()
        if self.id_reader is not None:
            self.id_reader.stop()
        if self.voice is not None:
            self.voice.stop()
        self.status_timer.stop()
        self.idle.stop()
        self.countdown.stop()
        self.help_call.stop()
        unwatch_input(self.idle)
