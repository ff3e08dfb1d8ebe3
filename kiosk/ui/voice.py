"""Spoken prompts for the touchscreen: each step can say its instruction aloud.

The recordings are WAV files generated offline by `scripts/make_voice.py` (espeak-ng) and
shipped in `assets/voice/<language>/<key>.wav`, where the key is a short hash of the
message id (the English source text), so a recording follows its message, not a screen.

Playback goes through QtMultimedia (`QSoundEffect`: WAV, low latency). Without
QtMultimedia or without any audio output the player is not `available` and every call is
a no-op: a hall terminal with no speaker (or CI) behaves exactly as one with voice off.
"""

from __future__ import annotations

import hashlib
import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal

from kiosk.core.errors import N_
from kiosk.core.i18n import LANGUAGES
from kiosk.core.records import Hazard

try:
    from PySide6 import QtMultimedia
except ImportError:  # PySide6-Addons missing: no voice, nothing else changes
    QtMultimedia = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

KEY_LENGTH = 16  # hex digits of the msgid's SHA-256; scripts/make_voice.py uses the same

# The messages that have a recording in every language (scripts/make_voice.py reads this
# tuple without importing the module: keep it a literal of N_("...") strings).
PROMPTS: tuple[str, ...] = (
    N_("Welcome! Tap what you want to do."),
    N_("Enter the 18 characters of your ID card number."),
    N_("Your queue number today:"),
    N_("Please take your ticket and wait until your number is called."),
    N_("You had already checked in today: this is the same number."),
    N_("This ID number is not registered yet."),
    N_("Please read, then tap I agree or I do not agree."),
    N_("Enter your 11-digit mobile number."),
    N_("Tap the pinyin of each character of your name, then the character."),
    N_("Choose up to 3 kinds of work you can do."),
    N_("Please check your details, then tap Submit."),
    N_("This code is your worker card: scan it at any hall's terminal to check in."),
    N_("This ID number is already registered. You can check in now."),
    N_("Are you still there?"),
    N_("For your privacy, the screen will be cleared."),
    N_("Noted! Your queue number:"),
    N_("Please go to the counter when your number is called; staff will call the "
       "employer for you."),
    N_("Find work"),
    N_("Service information"),
    N_("Scan your worker card, or put your ID card on the reader: no typing needed."),
    N_("Your ticket is printed: please take it and wait until your number is called."),
    N_("The ticket printer is not working. Please remember the number on the screen; "
       "staff at the counter can help."),
    N_("Please remember the number on the screen and wait until it is called."),
    N_("Tap Register now: the number you typed is kept."),
    # 培训 (kiosk.ui.terminal.training)
    N_("Training"),
    N_("Show your worker card to the scanner, put your ID card on the reader, or type your "
       "ID card number."),
    N_("You are signed up!"),
    N_("Your ticket is printed: please take it with you to the course."),
    N_("The ticket printer is not working. Please remember the dates and the place; staff "
       "at the counter can help."),
    N_("Swipe your ID card or scan your worker card to check in"),
    N_("Arrival confirmed."),
    # The pieces a called number is said with (see `call_clips`).
    N_("Number"), N_("please come to window"), N_("counter window"),
    N_("zero"), N_("one"), N_("two"), N_("three"), N_("four"), N_("five"), N_("six"),
    N_("seven"), N_("eight"), N_("nine"), N_("ten"), N_("hundred"), N_("thousand"),
    # A touchscreen's queue letter (kiosk.core.queue_numbers.PREFIX_LETTERS): A012.
    N_("A"), N_("B"), N_("C"), N_("D"), N_("E"), N_("F"), N_("G"), N_("H"),
    # The safety briefing (kiosk.ui.terminal.briefing): its intro and each hazard's summary.
    N_("Safety first: please read the points for this job, then tap I understand."),
    N_("Work at height: wear a helmet and a safety harness clipped above you. Stop in "
       "strong wind, rain or snow."),
    N_("Hot work: clear away anything that burns, keep an extinguisher ready and wear a "
       "welding mask."),
    N_("Confined space: ventilate, test the air, then work, with a watcher outside. If "
       "someone collapses, do not go in: call for help."),
    N_("Electrical work: only with an electrician's licence. Switch off and test before "
       "you touch."),
    N_("Heat: drink lightly salted water and rest in the shade. Tell someone at once if "
       "you feel dizzy."),
    N_("Cold: wear warm clothes and non-slip shoes. Never heat a closed room with "
       "charcoal."),
    N_("Machines: only those you were trained on. Keep the guards on and switch off "
       "before cleaning."),
    # The accident insurance page (kiosk.ui.terminal.insurance).
    N_("Accident insurance for flexible workers pays if you are hurt at work or on the "
       "way, and you may get a subsidy."),
    N_("Tap I need help and staff will help you enrol."),
    N_("Noted. Staff will contact you about enrolling."),
    # The policy pages' spoken summaries (kiosk.ui.terminal.policies), by page id below;
    # the hotline is written digit by digit so it is said as a phone number, not a sum.
    N_("Work done must be paid in full and on time. Keep evidence of where and when "
       "you worked and who hired you."),
    N_("If you are not paid, call 1 2 3 3 3, or register a complaint at this hall's "
       "counter."),
    N_("1 2 3 3 3 is the national human resources and social security hotline: you pay "
       "only the normal call charge."),
    N_("Ask about work, training, wages, social insurance and work injury, or complain "
       "about unpaid wages."),
    N_("An employer must pay at least the local minimum wage; overtime pay and special "
       "allowances do not count towards it."),
    N_("Ask the staff at the counter or call 1 2 3 3 3 for the figure in force here."),
    N_("Flexible workers can join the basic pension and medical insurance as "
       "individuals, where they work, whatever their household registration."),
    N_("Ask at a social insurance window, or call 1 2 3 3 3 about the amounts."),
    N_("Bring your ID card to the counter and staff will help you enrol."),
    N_("To open a shop or a small workshop, you can apply for a guaranteed start-up "
       "loan."),
    N_("It is usually up to 300,000 yuan for one person, with interest subsidised by "
       "the government."),
    N_("Ask at the district employment office or this hall's counter."),
)
# Each hazard tag's recorded summary (the same texts as in PROMPTS).
BRIEFING_PROMPTS: dict[Hazard, str] = {
    Hazard.HEIGHT: N_("Work at height: wear a helmet and a safety harness clipped above "
                      "you. Stop in strong wind, rain or snow."),
    Hazard.HOT_WORK: N_("Hot work: clear away anything that burns, keep an extinguisher "
                        "ready and wear a welding mask."),
    Hazard.CONFINED_SPACE: N_("Confined space: ventilate, test the air, then work, with a "
                              "watcher outside. If someone collapses, do not go in: call "
                              "for help."),
    Hazard.LIVE_ELECTRICAL: N_("Electrical work: only with an electrician's licence. Switch "
                               "off and test before you touch."),
    Hazard.HEAT: N_("Heat: drink lightly salted water and rest in the shade. Tell someone "
                    "at once if you feel dizzy."),
    Hazard.COLD: N_("Cold: wear warm clothes and non-slip shoes. Never heat a closed room "
                    "with charcoal."),
    Hazard.MACHINERY: N_("Machines: only those you were trained on. Keep the guards on and "
                         "switch off before cleaning."),
}
# The insurance page's summary: two clips said one after the other.
INSURANCE_PROMPTS = (N_("Accident insurance for flexible workers pays if you are hurt at "
                        "work or on the way, and you may get a subsidy."),
                     N_("Tap I need help and staff will help you enrol."))
# Each shipped policy page's recorded summary, by page id (assets/policy_pages.json). A
# page the city publishes later has no entry here, so the screen says nothing about it.
POLICY_PROMPTS: dict[str, tuple[str, ...]] = {
    "wage-rights": (
        N_("Work done must be paid in full and on time. Keep evidence of where and when "
           "you worked and who hired you."),
        N_("If you are not paid, call 1 2 3 3 3, or register a complaint at this hall's "
           "counter."),
    ),
    "hotline-12333": (
        N_("1 2 3 3 3 is the national human resources and social security hotline: you pay "
           "only the normal call charge."),
        N_("Ask about work, training, wages, social insurance and work injury, or complain "
           "about unpaid wages."),
    ),
    "minimum-wage": (
        N_("An employer must pay at least the local minimum wage; overtime pay and special "
           "allowances do not count towards it."),
        N_("Ask the staff at the counter or call 1 2 3 3 3 for the figure in force here."),
    ),
    "flexible-insurance": (
        N_("Flexible workers can join the basic pension and medical insurance as "
           "individuals, where they work, whatever their household registration."),
        N_("Ask at a social insurance window, or call 1 2 3 3 3 about the amounts."),
    ),
    "accident-insurance": (
        INSURANCE_PROMPTS[0],
        N_("Bring your ID card to the counter and staff will help you enrol."),
    ),
    "startup-loan": (
        N_("To open a shop or a small workshop, you can apply for a guaranteed start-up "
           "loan."),
        N_("It is usually up to 300,000 yuan for one person, with interest subsidised by "
           "the government."),
        N_("Ask at the district employment office or this hall's counter."),
    ),
}
HELP_NOTED_PROMPT = N_("Noted. Staff will contact you about enrolling.")
CHIME = "chime.wav"  # assets/voice/chime.wav: the ding-dong before a called number


def prompt_key(msgid: str) -> str:
    """The stable file name (without `.wav`) of `msgid`'s recording."""
    return hashlib.sha256(msgid.encode("utf-8")).hexdigest()[:KEY_LENGTH]


def prompt_path(msgid: str, language: str) -> Path | None:
    """The recording of `msgid` in `language`, or None when there is none."""
    if language not in LANGUAGES:
        return None
    file = resources.files("kiosk_assets").joinpath(
        "voice", language, f"{prompt_key(msgid)}.wav")
    if not isinstance(file, Path) or not file.is_file():  # (a zipped install has no paths)
        return None
    return file


def chime_path() -> Path | None:
    file = resources.files("kiosk_assets").joinpath("voice", CHIME)
    return file if isinstance(file, Path) and file.is_file() else None


def audio_output_available() -> bool:
    """Whether QtMultimedia is installed and the system has an audio output device."""
    if QtMultimedia is None:
        return False
    return bool(QtMultimedia.QMediaDevices.audioOutputs())


class VoicePlayer(QObject):
    """`say(msgid, language)` plays that message's recording, cutting off any prompt still
    playing. Unknown messages, missing files, voice switched off or no audio device: nothing
    happens (logged at debug level) and nothing is raised."""

    enabled_changed = Signal(bool)
    available_changed = Signal(bool)  # an audio output appeared or went away

    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._effects: dict[Path, QtMultimedia.QSoundEffect] = {}
        self._playing: QtMultimedia.QSoundEffect | None = None
        self._current: tuple[str, str] | None = None
        self._next: list[Path] = []  # the clips still to play after this one
        self._devices: QtMultimedia.QMediaDevices | None = None
        self.available = False
        if QtMultimedia is None:
            log.debug("voice: QtMultimedia is not installed (PySide6-Addons); voice is off")
            return
        self._devices = QtMultimedia.QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._outputs_changed)
        self._outputs_changed()

    # -- switching ---------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        self.set_enabled(on)

    def set_enabled(self, on: bool) -> None:
        """The 语音 switch; turning it off silences a prompt that is playing."""
        on = bool(on)
        if not on:
            self.stop()
        if on != self._enabled:
            self._enabled = on
            self.enabled_changed.emit(on)

    # -- playing -----------------------------------------------------------------------
    @property
    def current(self) -> tuple[str, str] | None:
        """(msgid, language) of the prompt say() started last, until stop(); it may have
        finished playing since. None when nothing was started (always, when silent)."""
        return self._current

    def say(self, msgid: str, language: str) -> None:
        """Play `msgid`'s recording in `language`, stopping whatever prompt is playing."""
        self.say_all([msgid], language)

    def say_all(self, msgids: list[str], language: str, *, chime: bool = False) -> None:
        """Play the recordings one after another (a called number: `call_clips`), after
        the chime when asked; nothing at all when one of them has no recording."""
        if not (self._enabled and self.available) or not msgids:
            return
        paths = []
        for msgid in msgids:
            path = prompt_path(msgid, language) if msgid in PROMPTS else None
            if path is None:
                log.debug("voice: no %s recording for %r", language, msgid)
                return
            paths.append(path)
        ding = chime_path() if chime else None
        self.stop()
        self._current = (msgids[0] if len(msgids) == 1 else " ".join(msgids), language)
        self._next = ([ding] if ding is not None else []) + paths
        self._play_next()

    def _play_next(self) -> None:
        if not self._next:
            self._playing = None
            return
        path = self._next.pop(0)
        effect = self._effects.get(path)
        if effect is None:
            effect = QtMultimedia.QSoundEffect(self)
            effect.statusChanged.connect(lambda e=effect, p=path: self._status(e, p))
            playing = getattr(effect, "playingChanged", None)
            if playing is not None:
                playing.connect(lambda e=effect: self._finished(e))
            effect.setSource(QUrl.fromLocalFile(str(path)))  # loads; play() waits for it
            self._effects[path] = effect
        self._playing = effect
        effect.play()

    def _finished(self, effect: QtMultimedia.QSoundEffect) -> None:
        """A clip stopped playing: the next one of the sequence starts."""
        if effect is self._playing and not effect.isPlaying():
            self._play_next()

    @property
    def queued(self) -> int:
        """Clips of the sequence still to play after the one playing."""
        return len(self._next)

    def stop(self) -> None:
        """Silence the prompt that is playing, if any (the idle reset, a screen change)."""
        self._next = []
        if self._playing is not None:
            self._playing.stop()
        self._playing = self._current = None

    def _status(self, effect: QtMultimedia.QSoundEffect, path: Path) -> None:
        if effect.status() == QtMultimedia.QSoundEffect.Status.Error:
            log.debug("voice: cannot play %s", path)

    def _outputs_changed(self) -> None:
        """A speaker plugged in or out: voice follows without a restart."""
        available = audio_output_available()
        log.debug("voice: %s", "audio output found" if available else "no audio output: silent")
        self.stop()
        for effect in self._effects.values():  # made for the old default output
            effect.deleteLater()
        self._effects.clear()
        if available != self.available:
            self.available = available
            self.available_changed.emit(available)
