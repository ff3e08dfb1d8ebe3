"""我要招工 fits the touchscreen: its keypad steps (mobile, credit code, name, other
requirements with what the check says) need no scrolling, normal or 大字, landscape or
portrait, Chinese or English; on every other step its 下一步 is in sight, and no step pushes
the window past the display."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.core.errors import Ok
from kiosk.ui.terminal import employer_post as ep
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import employer_draft, job_draft
from tests.ui.test_large_text import LANDSCAPE, PORTRAIT, fits_without_scrolling, make

__all__ = ["make"]  # the fixture


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
@pytest.mark.parametrize("english", [False, True])
@pytest.mark.parametrize("large", [False, True])
def test_every_step_fits(make: Callable[..., TerminalWindow], size: tuple[int, int],
                         english: bool, large: bool) -> None:
    window = make(size, english=english)
    window.set_large_text(large)
    window.show_screen("employer")
    screen = window.page("employer")
    assert isinstance(screen, ep.EmployerPostScreen)
    for step in (ep.PHONE, ep.USCC, ep.NAME):
        screen.go(step)
        fits_without_scrolling(window, f"step {step}")
    screen.name_keypad.press("l")
    fits_without_scrolling(window, "name candidates")
    screen.go(ep.NOTE)
    screen.note_keypad.set_name("只要男的")  # what the check says, beside the keys
    screen.note_keypad.press("z")
    assert screen.note_check.text()
    fits_without_scrolling(window, "note with the check's words")
    screen.unit_tiles.buttons["piece"].click()  # the fullest pay step
    for step in (ep.WHO, ep.TRADE, ep.START, ep.PAY, ep.PLACE, ep.NEEDS, ep.PROVIDED,
                 ep.REVIEW):
        screen.go(step)
        QApplication.processEvents()
        assert (window.width(), window.height()) == size, step
        last_trade = list(screen.trade_tiles.buttons.values())[-1]
        action = screen.main_button() if step != ep.TRADE else last_trade  # tiles move on
        assert action is not None, step
        top_left = action.mapTo(window, action.rect().topLeft())
        holder = window.holders[window.current]
        if holder.verticalScrollBar().isVisible():  # only a header's button is in sight
            assert action is screen.header.action, step
        assert window.rect().contains(action.rect().translated(top_left)), step


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
@pytest.mark.parametrize("english", [False, True])
@pytest.mark.parametrize("large", [False, True])
def test_the_last_step_with_what_a_gang_master_brings_fits(
        make: Callable[..., TerminalWindow], size: tuple[int, int], english: bool,
        large: bool) -> None:
    window = make(size, english=english)
    window.set_large_text(large)
    window.show_screen("employer")
    screen = window.page("employer")
    assert isinstance(screen, ep.EmployerPostScreen)
    services = window.session.services
    sent = services.submit_self_post(job_draft("", start_date=services.today()),
                                     employer=employer_draft(role="gang_master"),
                                     print_receipt=False)
    assert isinstance(sent, Ok), sent
    screen.post = sent.value
    screen._done_texts()
    screen.go(ep.DONE)
    assert screen.done_bring.text()
    fits_without_scrolling(window, "done, with the ID card to bring")
