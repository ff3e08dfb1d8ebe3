"""Qt fixtures: the offscreen platform, the CJK font, and a board on a real SQLite file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from kiosk.services.hall import Services
    from kiosk.ui.terminal.window import TerminalWindow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def cjk_font(qapp: QApplication) -> str:
    from kiosk.ui.fonts import install_cjk_font

    return install_cjk_font()


def grab(widget: QWidget, path: Path) -> Image.Image:
    """The widget as it is on screen now: saved as PNG (for looking) and returned for PIL."""
    QApplication.processEvents()
    image: QImage = widget.grab().toImage()
    assert image.save(str(path)), path
    with Image.open(path) as png:
        return png.convert("RGB")


def window_of(widget: QWidget) -> QWindow:
    handle = widget.window().windowHandle()
    assert handle is not None, "the window is not shown"
    return handle


def touch(widget: QWidget) -> None:
    """A tap the way a finger's arrives: at the window, which hands it to `widget` (what
    the idle clock and the staff-exit gesture watch). `QTest.mouseClick(widget)` sends it
    to the widget directly, past them."""
    centre = widget.mapTo(widget.window(), widget.rect().center())
    QTest.mouseClick(window_of(widget), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, centre)


def type_at_window(widget: QWidget, text: str) -> None:
    """Keys typed the way a keyboard's (or a keyboard-wedge scanner's) arrive: at the
    window with the focus, which hands them to its focused widget."""
    window = window_of(widget)
    for char in text:
        QTest.keyClick(window, char)


@pytest.fixture
def make_terminal(qtbot: QtBot, services: Services,
                  ) -> Iterator[Callable[..., TerminalWindow]]:
    """Touchscreen windows on the test's store, shown at 1920×1080 (or `size`); shut down
    after the test."""
    from kiosk.system.config import default_config
    from kiosk.ui.terminal.window import TerminalWindow

    made: list[TerminalWindow] = []

    def make(*, printing: bool = False, size: tuple[int, int] = (1920, 1080),
             ) -> TerminalWindow:
        terminal = TerminalWindow(services, default_config("T01"), printing=printing)
        qtbot.addWidget(terminal)
        terminal.resize(*size)
        terminal.show()
        qtbot.waitExposed(terminal)
        made.append(terminal)
        return terminal

    yield make
    for terminal in made:
        terminal.shutdown()
