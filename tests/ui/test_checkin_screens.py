"""The check-in screens as a worker sees them, in Chinese and English, normal and large
text, landscape and portrait: the entry says a card is enough, the number with who waits
before it, the printer's state, an unregistered ID with 去登记 — every button whole on the
screen and a touch target; each saved as a PNG for review."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.services.hall import Services
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import id_number, worker_draft
from tests.ui.conftest import grab
from tests.ui.test_terminal import LANDSCAPE, MIN_TARGET_PX, PORTRAIT, Factory, make_terminal

__all__ = ["make_terminal"]  # the fixture
SHOTS = Path("/tmp/shots-calls")


def whole(window: TerminalWindow) -> list[str]:
    """Visible buttons not a touch target or not wholly on the window; labels cut."""
    problems = []
    for button in window.findChildren(QPushButton):
        if not button.isVisible():
            continue
        where = button.geometry().translated(
            button.mapTo(window, button.rect().topLeft()) - button.geometry().topLeft())
        if button.height() < MIN_TARGET_PX or not window.rect().contains(where):
            problems.append(f"button {button.text()!r}")
    for text in window.findChildren(QLabel):
        if text.isVisible() and not text.wordWrap() and text.text() and (
                text.fontMetrics().horizontalAdvance(text.text()) > text.width()):
            problems.append(f"label {text.text()!r} cut")
    return problems


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_check_in_screens(qtbot: QtBot, services: Services, make_terminal: Factory, *,
                              language: str, large: bool, size: tuple[int, int]) -> None:
    worker = services.register_worker(worker_draft(id_number=id_number(seq=5)))
    assert isinstance(worker, Ok)
    window = make_terminal(size)
    if window.session.t.language != language:
        window.toggle_language()
    window.set_large_text(large)
    window.show_screen("checkin")
    screen = cast("CheckInScreen", window.page("checkin"))
    tag = f"{language}-{'large' if large else 'normal'}-{size[0]}x{size[1]}"
    SHOTS.mkdir(exist_ok=True)
    qtbot.wait(1)
    expected = ("扫工作卡" if language == "zh_CN" else "Scan your worker card")
    assert screen.no_typing.text().startswith(expected)
    assert whole(window) == []
    grab(window, SHOTS / f"checkin-entry-{tag}.png")
    screen.check_in(id_number(seq=5))
    qtbot.wait(1)
    assert screen.number.text() == "1" and whole(window) == []
    grab(window, SHOTS / f"checkin-number-{tag}.png")
    screen.reset()
    screen.check_in(id_number(seq=6))
    qtbot.wait(1)
    assert screen.register_button.isVisible() and whole(window) == []
    grab(window, SHOTS / f"checkin-unregistered-{tag}.png")
