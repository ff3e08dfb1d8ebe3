"""What every touchscreen screen shares: the session (services, config, language) and the
duties of a screen — clear itself for the next person, and re-translate itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.errors import N_, FieldError
from kiosk.core.i18n import Translator
from kiosk.core.records import HelpPlace
from kiosk.services.hall import Services
from kiosk.system.config import Config
from kiosk.ui.widgets.step_header import StepHeader

if TYPE_CHECKING:
    from kiosk.ui.voice import VoicePlayer

HOME, REGISTER, CHECK_IN, JOBS, INFO = "home", "register", "checkin", "jobs", "info"
COMPLAINT_STATUS = "complaint_status"
EMPLOYER = "employer"  # 我要招工: an employer posts a job, checked at the counter
POLICIES = "policies"  # the city's policy pages (明白纸), opened from the information screen
TRAINING = "training"  # the city's courses and sign-up (培训)
ARRIVAL = "arrival"  # a referral slip read here: 已确认到岗
INSURANCE = "insurance"  # 灵活就业意外伤害保险 and 我需要帮助办理, from the information screen


@dataclass(slots=True)
class Session:
    """One terminal's state shared by its screens; `t` follows the language switch."""

    services: Services
    config: Config
    t: Translator
    printing: bool = True  # queue tickets (a configured printer prints them)
    voice: VoicePlayer | None = None

    def say(self, msgid: str) -> None:
        """Speak `msgid`'s recording in the current language (nothing when voice is off)."""
        if self.voice is not None:
            self.voice.say(msgid, self.t.language)

    def error_text(self, error: FieldError) -> str:
        return error.text(self.t.language)


class Screen(QWidget):
    """A page of the terminal. `navigate(name)` asks the window to show another screen;
    `help_requested(place)` that staff be called (a `HelpPlace` value), from the
    请工作人员帮助 of the screen's header (`offer_help`)."""

    navigate = Signal(str)
    help_requested = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.help_header: StepHeader | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(40, 24, 40, 24)
        self.layout_.setSpacing(20)

    def t(self, message: str) -> str:
        return self.session.t(message)

    def offer_help(self, header: StepHeader) -> None:
        """`header`'s 请工作人员帮助 calls staff to this screen, at `help_place()`."""
        self.help_header = header
        header.offer_help()
        header.help.clicked.connect(lambda: self.help_requested.emit(self.help_place().value))

    def help_place(self) -> HelpPlace:
        """Where the worker is, for the counter's list of calls."""
        return HelpPlace.REGISTER

    def show_help_waiting(self, waiting: bool) -> None:
        """Staff are called from this terminal: the header says they are on their way."""
        if self.help_header is not None:
            self.help_header.set_help_texts(self.t(N_("Ask staff for help")), self.t(N_(
                "Staff are coming. Please wait.")))
            self.help_header.show_help_waiting(waiting)

    def reset(self) -> None:
        """Forget everything the last person entered or saw (the idle reset, going home)."""

    def retranslate(self) -> None:
        """Set every visible text in the current language."""

    def shown(self) -> None:
        """Called each time the screen is brought to the front."""

    def orient(self, portrait: bool) -> None:
        """The window's orientation, told to every screen (shown or not) on each resize."""

    def set_large(self, large: bool) -> None:
        """大字 on or off, told to every screen (shown or not): its targets are LARGE_TEXT
        times larger, so the screen's margins and gaps give them room; a screen with many
        rows of targets may also place them otherwise (call this first)."""
        self.layout_.setContentsMargins(40, 8 if large else 24, 40, 8 if large else 24)
        self.layout_.setSpacing(8 if large else 20)
