"""Voice prompts: a recording for every prompt in both languages, and a player that is
harmless when QtMultimedia or an audio device is missing."""

from __future__ import annotations

import importlib.util
import math
import subprocess
import sys
import wave
from array import array
from pathlib import Path
from types import ModuleType
from typing import ClassVar

import pytest
from PySide6 import QtMultimedia
from PySide6.QtCore import QObject, QUrl, Signal
from pytestqt.qtbot import QtBot

from kiosk.core.i18n import LANGUAGES, catalogue
from kiosk.services.hall import Services
from kiosk.system.config import default_config
from kiosk.ui import voice, voice_calls
from kiosk.ui.terminal.window import TerminalWindow
from kiosk.ui.voice import KEY_LENGTH, PROMPTS, VoicePlayer, prompt_key, prompt_path

ROOT = Path(__file__).resolve().parents[2]
MAKE_VOICE = ROOT / "scripts/make_voice.py"


def make_voice() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_voice", MAKE_VOICE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the recordings ----------------------------------------------------------------------
def test_every_prompt_is_a_translated_message() -> None:
    zh = catalogue("zh_CN")
    assert len(PROMPTS) == len(set(PROMPTS)) >= 11
    for msgid in PROMPTS:
        assert zh.get(msgid), msgid


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("msgid", PROMPTS)
def test_every_prompt_has_a_valid_recording(msgid: str, language: str) -> None:
    path = prompt_path(msgid, language)
    assert path is not None, f"run scripts/make_voice.py: no {language} file for {msgid!r}"
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getframerate(), wav.getsampwidth()) == (1, 16_000, 2)
        assert 0.3 <= wav.getnframes() / wav.getframerate() <= 15
        samples = array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    assert rms > 500, f"{path} is (nearly) silent"


def test_prompt_paths_are_stable_and_distinct() -> None:
    keys = [prompt_key(m) for m in PROMPTS]
    assert keys == [prompt_key(m) for m in PROMPTS]
    assert len(set(keys)) == len(keys)
    assert all(len(k) == KEY_LENGTH and int(k, 16) >= 0 for k in keys)
    assert prompt_key("Find work") == "02290939abab72b4"  # renaming would orphan the files
    for msgid in PROMPTS:
        zh, en = prompt_path(msgid, "zh_CN"), prompt_path(msgid, "en")
        assert zh is not None and en is not None
        assert zh.name == en.name == f"{prompt_key(msgid)}.wav"
        assert zh != en
        assert prompt_path(msgid, "zh_CN") == zh


def test_no_path_for_an_unknown_message_or_language() -> None:
    assert prompt_path("Not a prompt at all.", "zh_CN") is None
    assert prompt_path(PROMPTS[0], "fr") is None


def test_make_voice_reads_the_same_prompts_without_qt() -> None:
    script = make_voice()
    assert script.prompts_and_key_length() == (PROMPTS, KEY_LENGTH)
    assert all(script.key(m, KEY_LENGTH) == prompt_key(m) for m in PROMPTS)
    probe = (f"import runpy, sys; runpy.run_path({str(MAKE_VOICE)!r}); "
             "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", probe], cwd=ROOT, check=False).returncode == 0


def test_make_voice_check_finds_a_missing_file(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    script = make_voice()
    monkeypatch.setattr(script, "VOICE_DIR", tmp_path)
    assert script.check() == 1
    assert "missing: zh_CN/" in capsys.readouterr().out


# -- the player --------------------------------------------------------------------------
class FakeEffect(QObject):
    """Stands in for QSoundEffect: no sound on a developer's speakers, no device needed."""

    statusChanged = Signal()  # noqa: N815 - Qt's name

    made: ClassVar[list[FakeEffect]] = []

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = QUrl()
        self.plays = self.stops = 0
        FakeEffect.made.append(self)

    def setSource(self, url: QUrl) -> None:  # noqa: N802 - Qt's name
        self.source = url

    def play(self) -> None:
        self.plays += 1

    def stop(self) -> None:
        self.stops += 1

    def status(self) -> int:
        return 0


@pytest.fixture
def fake_audio(monkeypatch: pytest.MonkeyPatch) -> list[FakeEffect]:
    """An audio device as far as VoicePlayer can tell, with effects that make no sound."""
    FakeEffect.made = []
    monkeypatch.setattr(voice, "audio_output_available", lambda: True)
    monkeypatch.setattr(QtMultimedia, "QSoundEffect", FakeEffect)
    return FakeEffect.made


def test_the_player_reports_its_audio_honestly(qapp: object) -> None:
    player = VoicePlayer()
    assert isinstance(player.available, bool)
    assert player.available == voice.audio_output_available()
    player.say(PROMPTS[0], "zh_CN")  # plays on a machine with a speaker, no-op without
    player.say("Not a prompt at all.", "en")
    player.stop()
    assert player.current is None


def test_without_an_audio_device_everything_is_a_noop(
        qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voice, "audio_output_available", lambda: False)
    player = VoicePlayer()
    assert player.available is False
    for msgid in PROMPTS:
        player.say(msgid, "zh_CN")
        assert player.current is None
    player.set_enabled(False)
    player.set_enabled(True)
    player.stop()


def test_without_qtmultimedia_everything_is_a_noop(
        qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voice, "QtMultimedia", None)
    assert voice.audio_output_available() is False
    player = VoicePlayer()
    assert player.available is False
    player.say(PROMPTS[0], "en")
    assert player.current is None
    player.stop()


def test_say_plays_the_file_and_cuts_off_the_previous_prompt(
        qapp: object, fake_audio: list[FakeEffect]) -> None:
    player = VoicePlayer()
    assert player.available is True
    player.say(PROMPTS[0], "zh_CN")
    assert player.current == (PROMPTS[0], "zh_CN")
    [first] = fake_audio
    assert first.plays == 1
    assert Path(first.source.toLocalFile()) == prompt_path(PROMPTS[0], "zh_CN")
    player.say(PROMPTS[1], "en")
    assert first.stops == 1
    assert player.current == (PROMPTS[1], "en")
    assert Path(fake_audio[1].source.toLocalFile()) == prompt_path(PROMPTS[1], "en")
    player.say(PROMPTS[0], "zh_CN")  # the same recording again: loaded once
    assert len(fake_audio) == 2 and first.plays == 2
    player.stop()
    assert player.current is None and first.stops == 2


def test_unknown_message_or_missing_file_changes_nothing(
        qapp: object, fake_audio: list[FakeEffect], monkeypatch: pytest.MonkeyPatch) -> None:
    player = VoicePlayer()
    player.say(PROMPTS[0], "zh_CN")
    player.say("Not a prompt at all.", "zh_CN")
    player.say(PROMPTS[1], "fr")
    monkeypatch.setattr(voice, "prompt_path", lambda msgid, language: None)
    player.say(PROMPTS[2], "zh_CN")
    assert player.current == (PROMPTS[0], "zh_CN")
    assert len(fake_audio) == 1 and fake_audio[0].stops == 0


def test_disabled_player_is_silent(qapp: object, fake_audio: list[FakeEffect]) -> None:
    changes: list[bool] = []
    player = VoicePlayer(enabled=False)
    player.enabled_changed.connect(changes.append)
    assert player.enabled is False
    player.say(PROMPTS[0], "zh_CN")
    assert player.current is None and fake_audio == []
    player.enabled = True
    player.say(PROMPTS[0], "zh_CN")
    assert player.current == (PROMPTS[0], "zh_CN")
    player.set_enabled(False)  # the 语音 switch off silences what is playing
    assert player.current is None and fake_audio[0].stops == 1
    player.set_enabled(False)
    assert changes == [True, False]


def test_qtmultimedia_comes_from_the_same_qt_as_the_widgets() -> None:
    from importlib.metadata import version

    assert version("PySide6-Addons") == version("PySide6-Essentials")


def test_without_an_audio_output_the_voice_button_is_off_and_staff_are_told(
        qtbot: QtBot, services: Services) -> None:
    """This machine has no audio output: the button cannot promise voice."""
    window = TerminalWindow(services, default_config())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.built, timeout=10_000)
    assert window.voice is not None and not window.voice.available
    assert not window.voice_button.isEnabled() and not window.voice_button.isChecked()
    assert "无音频输出" in window.pending.text()
    window.shutdown()


# -- calling a number ----------------------------------------------------------------------
@pytest.mark.parametrize(("number", "said"), [
    (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (49, "四十九"), (100, "一百"),
    (105, "一百零五"), (110, "一百一十"), (1001, "一千零一"), (1010, "一千零一十"),
    (2300, "二千三百"), (12345, "一二三四五")])
def test_a_number_is_read_as_a_mandarin_number(number: int, said: str) -> None:
    zh = catalogue("zh_CN")
    assert "".join(zh[clip] for clip in voice_calls.chinese_number(number)) == said


def test_a_call_is_said_from_recorded_clips_in_both_languages() -> None:
    zh = catalogue("zh_CN")
    clips = voice_calls.call_clips(12, "3", "zh_CN")
    assert "".join(zh[c] for c in clips) == "请十二号，到三号窗口"
    assert voice_calls.call_clips(12, "3", "en") == [
        "Number", "one", "two", "please come to window", "three"]
    assert voice_calls.call_clips(7, "A2", "zh_CN") == ["Number", "seven"]  # a label is not said
    for language in LANGUAGES:
        assert all(prompt_path(c, language) for c in voice_calls.call_clips(1234, "56", language))
    assert voice.chime_path() is not None


def test_make_voice_writes_the_chime_it_checks() -> None:
    script = make_voice()
    path = voice.chime_path()
    assert path is not None and path.read_bytes() == script.chime()
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getframerate()) == (1, 16_000)
        assert 0.8 <= wav.getnframes() / wav.getframerate() <= 2


class FakeTimedEffect(FakeEffect):
    """An effect that says when it stops playing, as QSoundEffect does."""

    playingChanged = Signal()  # noqa: N815 - Qt's name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.playing = False

    def play(self) -> None:
        super().play()
        self.playing = True

    def isPlaying(self) -> bool:  # noqa: N802 - Qt's name
        return self.playing

    def finish(self) -> None:
        self.playing = False
        self.playingChanged.emit()


def test_a_sequence_plays_clip_after_clip_after_the_chime(
        qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    FakeEffect.made = []
    monkeypatch.setattr(voice, "audio_output_available", lambda: True)
    monkeypatch.setattr(QtMultimedia, "QSoundEffect", FakeTimedEffect)
    player = VoicePlayer()
    clips = voice_calls.call_clips(11, "1", "zh_CN")  # 请 十 一 号到 一 号窗口: 一 twice
    player.say_all(clips, "zh_CN", chime=True)
    heard = []
    for _ in range(20):
        playing = player._playing
        if playing is None:
            break
        heard.append(Path(playing.source.toLocalFile()))
        assert isinstance(playing, FakeTimedEffect)
        playing.finish()
    assert heard == [voice.chime_path(), *(prompt_path(c, "zh_CN") for c in clips)]
    player.say_all(clips, "zh_CN")
    assert player.queued == len(clips) - 1
    player.say(PROMPTS[0], "zh_CN")  # a new prompt cuts the call short
    assert player.queued == 0
    player.say_all([*clips, "Not a prompt at all."], "zh_CN")  # nothing half-said
    assert player.current == (PROMPTS[0], "zh_CN")
