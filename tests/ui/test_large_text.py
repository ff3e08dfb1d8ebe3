"""大字 that is large: every key, tile, candidate and button and every text grows by the
theme's LARGE_TEXT (1.4), and the screens reflow so that nothing leaves the window: the
keypad steps (ID, mobile, name by pinyin or by hand, check-in) still fit without scrolling,
and a screen taller than the window scrolls instead of pushing it past the display."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.services.hall import Services
from kiosk.system.config import default_config
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.register import (
    AVAIL,
    CERTS,
    CONSENT,
    DUPLICATE,
    ID,
    INTENT,
    KEYS_HAND,
    KEYS_LETTERS,
    KEYS_PHONE,
    NAME,
    PHONE,
    REVIEW,
    TRADES,
)
from kiosk.ui.terminal.window import TerminalWindow
from kiosk.ui.theme import TouchSize
from tests.conftest import employer_draft, job_draft

LANDSCAPE, PORTRAIT = (1920, 1080), (1080, 1920)
AT_LEAST = TouchSize.LARGE_TEXT - 0.02  # whole pixels round


@pytest.fixture
def make(qtbot: QtBot, services: Services) -> Iterator[Callable[..., TerminalWindow]]:
    made: list[TerminalWindow] = []

    def window(size: tuple[int, int], *, english: bool = False) -> TerminalWindow:
        terminal = TerminalWindow(services, default_config("T01"), printing=False)
        qtbot.addWidget(terminal)
        terminal.resize(*size)
        terminal.show()
        qtbot.waitExposed(terminal)
        if english:
            terminal.toggle_language()
        made.append(terminal)
        return terminal

    yield window
    for terminal in made:
        terminal.shutdown()


def measured(window: TerminalWindow) -> dict[str, tuple[int, int]]:
    """(height, font px) of one of each kind of target and text, on the steps that show
    them."""
    register = window.register
    window.show_screen("register")
    sizes: dict[str, tuple[int, int]] = {}

    def take(name: str, widget: QWidget, *, least: bool = False) -> None:
        """`least`: a tile that fills the room it has: its least height is its size."""
        QApplication.processEvents()
        assert widget.isVisible(), name
        height = widget.minimumSizeHint().height() if least else widget.height()
        sizes[name] = (height, widget.font().pixelSize())

    register.go(CONSENT)
    take("body text", register.consent_text)
    take("button", register.agree)
    register.go(ID)
    take("id key", register.id_entry.keypad.keys["5"])
    register.go(NAME)
    register.name_keypad.press("l")
    take("pinyin key", register.name_keypad.keys["a"])
    take("pinyin candidate", register.name_keypad.candidate_buttons[0])
    take("name entry", register.name_keypad.display)
    register.choose_input(KEYS_HAND)
    assert register.handwriting is not None
    take("handwriting candidate", register.handwriting.candidate_buttons[0])
    register.choose_input(KEYS_PHONE)
    take("phone key", register.name_keypad.phone_keys["5"])
    register.name_keypad.press("5")
    take("pinyin tile", register.name_keypad.syllable_buttons[0])
    take("input choice", register.input_buttons[KEYS_PHONE])
    register.choose_input(KEYS_LETTERS)
    register.go(TRADES)
    take("trade tile", register.trade_tiles.buttons["C01"])
    take("step title", register.header.title)
    window.show_screen("home")
    take("home tile", window.page("home").buttons["register"],  # type: ignore[attr-defined]
         least=True)
    window.reset_all()
    return sizes


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_every_kind_of_target_and_text_grows_by_the_large_factor(
        make: Callable[..., TerminalWindow], size: tuple[int, int]) -> None:
    window = make(size)
    normal = measured(window)
    window.set_large_text(True)
    large = measured(window)
    for name, (height, font_px) in normal.items():
        big_height, big_font = large[name]
        assert big_height >= height * AT_LEAST, (name, height, big_height)
        if name == "step title":  # bold stops at 63 px (the font has no bold face above)
            assert big_font >= 63 and big_font > font_px
        else:
            assert big_font >= font_px * AT_LEAST, (name, font_px, big_font)
    assert (window.width(), window.height()) == size


def fits_without_scrolling(window: TerminalWindow, name: str) -> None:
    QApplication.processEvents()
    holder = window.holders[window.current]
    assert not holder.verticalScrollBar().isVisible(), name
    for button in window.findChildren(QPushButton):
        if button.isVisible():
            top_left = button.mapTo(window, button.rect().topLeft())
            assert window.rect().contains(button.rect().translated(top_left)), (
                name, button.text())
    for text in window.findChildren(QLabel):
        if text.isVisible() and text.text():
            top_left = text.mapTo(window, text.rect().topLeft())
            assert window.rect().contains(text.rect().translated(top_left)), (name, text.text())


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
@pytest.mark.parametrize("english", [False, True])
def test_the_keypad_steps_fit_in_large_text(make: Callable[..., TerminalWindow],
                                            size: tuple[int, int], english: bool) -> None:
    window = make(size, english=english)
    window.set_large_text(True)
    window.show_screen("register")
    register = window.register
    for step in (ID, PHONE, NAME):
        register.go(step)
        fits_without_scrolling(window, f"step {step}")
    register.name_keypad.press("l")
    fits_without_scrolling(window, "pinyin candidates")
    register.choose_input(KEYS_PHONE)
    register.name_keypad.press("9")
    register.name_keypad.press("4")
    fits_without_scrolling(window, "phone keys")
    register.choose_input(KEYS_HAND)
    fits_without_scrolling(window, "handwriting")
    register.header.help.click()
    fits_without_scrolling(window, "staff called")
    register.choose_input(KEYS_LETTERS)
    fits_without_scrolling(window, "staff called, the letter keys")
    window.help_call.forget()
    register.go(TRADES)  # its 下一步 in sight, whatever scrolls
    assert register.header.action is register.trades_next and register.trades_next.isVisible()
    window.show_screen("checkin")
    checkin = window.page("checkin")
    assert isinstance(checkin, CheckInScreen)
    checkin.entry.keypad.set_text("3701041975")
    fits_without_scrolling(window, "check-in")
    assert (window.width(), window.height()) == size


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_no_screen_in_large_text_pushes_the_window_past_the_display(
        make: Callable[..., TerminalWindow], services: Services,
        size: tuple[int, int]) -> None:
    employer = services.register_employer(employer_draft())
    for _ in range(8):
        services.post_job(job_draft(employer.value.id))  # type: ignore[union-attr]
    window = make(size, english=True)  # English: the longest texts
    window.set_large_text(True)
    window.show_screen("register")
    for step in (CONSENT, ID, PHONE, NAME, TRADES, REVIEW, CERTS, INTENT, AVAIL, DUPLICATE):
        window.register.go(step)
        QApplication.processEvents()
        assert (window.width(), window.height()) == size, step
    for name in ("checkin", "jobs", "info", "home"):
        window.show_screen(name)
        QApplication.processEvents()
        assert (window.width(), window.height()) == size, name
        holder = window.holders[name]
        assert holder.widget().width() <= holder.viewport().width(), name  # no sideways


def test_wrapped_text_taller_than_the_window_scrolls_and_is_never_squeezed(
        make: Callable[..., TerminalWindow]) -> None:
    window = make(LANDSCAPE, english=True)
    window.set_large_text(True)
    window.show_screen("info")
    QApplication.processEvents()
    info = window.page("info")
    trades: QLabel = info.trades  # type: ignore[attr-defined]
    body: QLabel = info.body  # type: ignore[attr-defined]
    assert trades.height() >= trades.heightForWidth(trades.width())  # every line shown
    assert body.geometry().bottom() < trades.geometry().top()  # nothing drawn over
    holder = window.holders["info"]
    assert holder.verticalScrollBar().isVisible()
    done = info.done  # type: ignore[attr-defined]
    assert done.geometry().bottom() <= info.height()  # reached by scrolling
    assert (window.width(), window.height()) == LANDSCAPE
