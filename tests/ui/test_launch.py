"""The demo's three windows (`kiosk run --role terminal,counter,board --windowed`) shown
side by side: on a 1920×1080 screen their frames stay inside it and do not overlap, also
once a clerk has signed in at the counter (its workspace is larger than its sign-in); and
closing any one of them ends them all."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.core.staff import StaffRole
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from kiosk.store.store import Store
from kiosk.system.config import default_config
from kiosk.ui.board.window import BoardWindow
from kiosk.ui.counter.window import CounterWindow
from kiosk.ui.launch import QuitOnClose, show_tiled
from kiosk.ui.terminal.window import TerminalWindow
from kiosk.ui.tiling import Rect

DEMO_SIZE = (1600, 900)


@pytest.fixture
def windows(qtbot: QtBot, services: Services, store: Store) -> Iterator[list[QWidget]]:
    config = default_config("T01")
    StaffAccounts(services).add("S001", "王芳", StaffRole.CLERK, "258036")
    made: list[QWidget] = [
        TerminalWindow(services, config, printing=False),
        CounterWindow(services, config),
        BoardWindow(config, services.catalogue, store.path, services.clock, store=store),
    ]
    for window in made:
        qtbot.addWidget(window)
    yield made
    for window in made:
        window.shutdown()  # type: ignore[attr-defined]


def frames(windows: list[QWidget]) -> list[QRect]:
    QApplication.processEvents()
    return [window.frameGeometry() for window in windows]


def assert_side_by_side(placed: list[QRect], screen: QRect) -> None:
    assert all(screen.contains(frame) for frame in placed), (screen, placed)
    assert not any(a.intersects(b) for a, b in combinations(placed, 2)), placed


def test_the_three_windows_fit_a_1080p_screen_without_overlap(
        qtbot: QtBot, windows: list[QWidget]) -> None:
    screen = QRect(0, 0, 1920, 1080)
    show_tiled(windows, DEMO_SIZE, [Rect(0, 0, 1920, 1080)])
    for window in windows:
        qtbot.waitExposed(window)
    assert_side_by_side(frames(windows), screen)
    counter = windows[1]
    assert isinstance(counter, CounterWindow)
    counter.login.staff_id.setText("S001")
    counter.login.pin.setText("258036")
    counter.login.submit.click()
    assert counter.signed_in is not None
    assert_side_by_side(frames(windows), screen)
    hint = counter.minimumSizeHint()  # the room kept for the workspace is enough
    assert hint.width() <= CounterWindow.MIN_SIZE_AT_WORK[0]
    assert hint.height() <= CounterWindow.MIN_SIZE_AT_WORK[1]


def test_closing_any_window_ends_them_all(qtbot: QtBot, windows: list[QWidget]) -> None:
    show_tiled(windows, DEMO_SIZE, [Rect(0, 0, 1920, 1080)])
    asked: list[str] = []
    for window in windows:
        QuitOnClose(window, lambda: asked.append("quit"))
    windows[2].close()  # the board's ×
    assert asked == ["quit"]


def test_a_stop_asked_for_during_start_up_quits_the_window_as_soon_as_it_runs(
        tmp_path: Path) -> None:
    """systemd's SIGTERM may come while Qt and the windows still load (`kiosk run` keeps
    it): the role then opens, quits at once and closes cleanly. In a process of its own:
    a Qt application whose loop has run and quit is not one later tests can use."""
    data = tmp_path / "hall"
    assert main(["--data-dir", str(data), "init"]) == 0
    code = ("import sys, threading; from pathlib import Path; "
            "from kiosk.system.config import Paths; from kiosk.ui.launch import run_role; "
            "stop = threading.Event(); stop.set(); "
            f"sys.exit(run_role(Paths.resolve(Path({str(data)!r})), 'board', "
            "windowed=(640, 360), background=False, stop_requested=stop))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert main(["--data-dir", str(data), "status"]) == 0  # the database was left sound
