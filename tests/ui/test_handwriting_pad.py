"""Writing a name by finger on the registration's name step: real strokes (stroke data of
real characters, tests/system/data/name_strokes.json) drawn on the pad with mouse events,
the real recogniser (libzinnia0 + Tegaki's model), candidates tapped into the name, and the
registration stored; and the name step without the recogniser."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.core.records import HelpPlace
from kiosk.services import help as staff_help
from kiosk.services.hall import Services
from kiosk.system import handwriting
from kiosk.system.config import default_config
from kiosk.ui.terminal.register import (
    KEYS_HAND,
    KEYS_LETTERS,
    NAME,
    NAME_HANDWRITING,
    NAME_PINYIN,
    REVIEW,
    RegisterScreen,
)
from kiosk.ui.terminal.window import TerminalWindow
from kiosk.ui.widgets.handwriting_pad import StrokePad
from tests.ui.test_register import NEW_ID, PHONE_NUMBER, Taps

DATA = json.loads((Path(__file__).parents[1] / "system" / "data" / "name_strokes.json")
                  .read_text("utf-8"))
BOX = 1024


@pytest.fixture
def window(make_terminal: Callable[..., TerminalWindow]) -> TerminalWindow:
    return make_terminal()


def to_name_step(window: TerminalWindow, tap: Taps) -> RegisterScreen:
    tap(window.page("home").buttons["register"])  # type: ignore[attr-defined]
    screen = window.register
    tap(screen.agree)
    tap.keys(screen.id_entry.keypad.keys, NEW_ID)
    tap.keys(screen.phone_keypad.keys, PHONE_NUMBER)
    assert screen.step == NAME
    return screen


def write(pad: StrokePad, char: str) -> None:
    """`char` drawn stroke by stroke with the mouse: press, moves, release."""
    strokes = DATA["surnames"].get(char) or DATA["given"][char]
    scale = pad.width() / BOX
    for stroke in strokes:
        points = [QPoint(round(x * scale), round(y * scale)) for x, y in stroke]
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         points[0])
        for point in points[1:]:
            QTest.mouseMove(pad, point)
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           points[-1])


def pick(screen: RegisterScreen, tap: Taps, char: str) -> None:
    panel = screen.handwriting
    assert panel is not None
    write(panel.pad, char)
    texts = [b.text() for b in panel.candidate_buttons]
    assert char in texts[:5], (char, texts)
    tap(panel.candidate_buttons[texts.index(char)])


def test_a_name_written_by_hand_is_registered(qtbot: QtBot, window: TerminalWindow,
                                              services: Services) -> None:
    tap = Taps(qtbot)
    screen = to_name_step(window, tap)
    assert screen.input_buttons[KEYS_HAND].text() == "✍ 手写输入"
    tap(screen.input_buttons[KEYS_HAND])
    panel = screen.handwriting
    assert panel is not None and panel.isVisible() and panel.pad.isVisible()
    assert not screen.name_keypad.letters_label.isVisible()
    assert all(not b.isEnabled() for b in panel.candidate_buttons)  # nothing written yet
    pick(screen, tap, "陈")
    assert screen.name_keypad.display.text() == "陈" and panel.pad.strokes == []
    assert not screen.name_next.isEnabled()
    pick(screen, tap, "明")
    assert screen.name_keypad.display.text() == "陈明" and screen.name_next.isEnabled()
    tap(screen.name_next)
    tap(screen.trade_tiles.buttons["C01"])
    tap(screen.trades_next)
    assert screen.step == REVIEW and screen.review_values[NAME].text() == "陈明"
    tap(screen.submit)
    worker = services.find_worker_by_id_number(NEW_ID)
    assert worker is not None and worker.name == "陈明"


def test_undo_write_again_and_delete_a_character(qtbot: QtBot,
                                                  window: TerminalWindow) -> None:
    tap = Taps(qtbot)
    screen = to_name_step(window, tap)
    tap(screen.input_buttons[KEYS_HAND])
    panel = screen.handwriting
    assert panel is not None
    assert not panel.undo.isEnabled() and not panel.backspace.isEnabled()
    write(panel.pad, "李")
    assert len(panel.pad.strokes) == len(DATA["surnames"]["李"]) == 7
    assert panel.candidates[0] == "李"
    tap(panel.undo)
    assert len(panel.pad.strokes) == 6 and panel.candidates[:1] != ["李"]
    tap(panel.rewrite)
    assert panel.pad.strokes == [] and panel.candidates == []
    assert not panel.candidate_buttons[0].isEnabled()
    pick(screen, tap, "李")
    tap(panel.backspace)
    assert screen.name_keypad.name == "" and not panel.backspace.isEnabled()
    tap(screen.input_buttons[KEYS_LETTERS])  # back to pinyin, the same name
    assert screen.name_inputs.currentIndex() == NAME_PINYIN
    assert screen.name_keypad.keys["l"].isVisible()


def test_ask_staff_calls_them_and_keeps_what_was_written(
        qtbot: QtBot, window: TerminalWindow, services: Services) -> None:
    tap = Taps(qtbot)
    screen = to_name_step(window, tap)
    tap(screen.input_buttons[KEYS_HAND])
    pick(screen, tap, "陈")
    assert screen.header.help.text() == "请工作人员帮助"
    tap(screen.header.help)
    [call] = staff_help.waiting(services)
    assert (call.place, call.terminal_id) == (HelpPlace.NAME, "T01")
    assert not screen.header.help.isVisible()
    assert screen.header.help_waiting.isVisible()
    assert screen.header.help_waiting.text() == "已通知工作人员，请稍候。"
    assert screen.step == NAME and screen.name_keypad.name == "陈"  # nothing lost
    assert screen.name_inputs.currentIndex() == NAME_HANDWRITING
    assert isinstance(staff_help.handle(services.as_staff("S01"), call.id), Ok)
    assert screen.header.help.isVisible()  # the store announced it
    assert not screen.header.help_waiting.isVisible() and screen.name_keypad.name == "陈"


def test_the_idle_reset_clears_the_pad_and_returns_to_pinyin(
        qtbot: QtBot, window: TerminalWindow) -> None:
    tap = Taps(qtbot)
    screen = to_name_step(window, tap)
    tap(screen.input_buttons[KEYS_HAND])
    assert screen.handwriting is not None
    write(screen.handwriting.pad, "王")
    window.reset_all()
    assert screen.handwriting.pad.strokes == [] and screen.handwriting.candidates == []
    assert screen.name_inputs.currentIndex() == NAME_PINYIN


def test_without_the_model_the_pad_is_off_and_says_why(
        qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    monkeypatch.setenv(handwriting.MODEL_ENV, str(tmp_path / "absent.model"))
    handwriting.shared_recogniser.cache_clear()
    try:
        terminal = TerminalWindow(services, default_config("T01"), printing=False)
        qtbot.addWidget(terminal)
        terminal.resize(1920, 1080)
        terminal.show()
        tap = Taps(qtbot)
        screen = to_name_step(terminal, tap)
        assert screen.handwriting is None
        hand = screen.input_buttons[KEYS_HAND]
        assert hand.isVisible() and not hand.isEnabled()
        assert screen.handwriting_reason.isVisible()
        assert screen.handwriting_reason.text() == (
            "手写输入暂不可用：未安装手写识别模型（tegaki-zinnia-simplified-chinese）。"
            "请用拼音输入。")
        hand.click()  # a disabled button: nothing happens
        assert screen.name_inputs.currentIndex() == NAME_PINYIN
        terminal.toggle_language()
        assert screen.handwriting_reason.text().startswith("Handwriting is not available")
        terminal.shutdown()
    finally:
        handwriting.shared_recogniser.cache_clear()
