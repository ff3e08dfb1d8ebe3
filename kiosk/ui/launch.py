"""Starting a role's window: `kiosk run --role board|terminal|counter [--screen N]
[--windowed WxH]`."""

from __future__ import annotations

import signal
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from kiosk.app import App, open_app
from kiosk.app.background import start_background
from kiosk.core.errors import N_
from kiosk.core.i18n import Translator, translate
from kiosk.services.staff import StaffAccounts
from kiosk.system import sdnotify
from kiosk.system.config import Paths
from kiosk.system.fonts import FontMissing
from kiosk.ui.board.window import BoardWindow
from kiosk.ui.fonts import install_cjk_font
from kiosk.ui.input_watch import watch_input
from kiosk.ui.staff_exit import EXIT_STAFF, CornerTaps, StaffExitDialog
from kiosk.ui.terminal.window import TerminalWindow

if TYPE_CHECKING:
    from kiosk.ui.counter.window import CounterWindow

ROLES = ("board", "terminal", "counter")
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


def run_role(paths: Paths, role: str, *, windowed: tuple[int, int] | None = None,
             screen: int | None = None, language: str = "zh_CN",
             background: bool = True, board_screen: int | None = None) -> int:
    """Open the app, show the role's window (full screen unless `windowed`), run Qt.

    `role` may name several roles ("terminal,board"): one process, one store, a window
    each (on screens N, N+1, … when full screen) — the demo shows the board following
    what is done on the touchscreen at once. `board_screen` adds the board on that screen
    (a counter driving the hall's second screen).
    """
    roles = role.split(",")
    if board_screen is not None and "board" not in roles:
        roles.append("board")
    if not roles or any(r not in ROLES for r in roles):
        raise ValueError(f"unknown role: {role}")
    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    try:
        install_cjk_font()
    except FontMissing as exc:
        print(f"{translate(N_('The terminal cannot start:'), language)} {exc}", file=sys.stderr)
        return EXIT_FAILURE
    screens = QGuiApplication.screens()
    chosen = _screen_numbers(roles, screen, board_screen)
    wrong = next((n for n in chosen if n is not None and not 0 <= n < len(screens)), None)
    if wrong is not None:
        message = translate(N_("There is no screen {number}; screens: {count}."), language)
        print(message.format(number=wrong, count=len(screens)), file=sys.stderr)
        return EXIT_BAD_INPUT
    app = open_app(paths)
    windows = [_window(app, r) for r in roles]
    threads = start_background(app, language=language) if background else None
    try:
        for i, window in enumerate(windows):
            number = chosen[i]
            _place(window, windowed, screens[number] if number is not None else None,
                   offset=i, cursor=roles[i] == "counter")
            if windowed is not None:  # development only: a hall's screen has no way out
                QShortcut(QKeySequence("Ctrl+Q"), window, qt_app.quit)
            if roles[i] != "counter":  # the counter has a sign-out; the others lock down
                _staff_exit(window, app, qt_app, language)
        wakeup = _quit_on_sigterm(qt_app)
        watchdog = _tell_systemd(qt_app)
        try:
            return int(qt_app.exec())
        finally:
            sdnotify.stopping()
            watchdog.stop()
            wakeup.stop()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
    finally:
        for window in windows:
            _dispose(window)
        if threads is not None:
            threads.stop()
        app.close()


def _staff_exit(window: QWidget, app: App, qt_app: QApplication, language: str) -> None:
    """The hidden gesture opens the staff exit; a right PIN ends `kiosk run` with
    EXIT_STAFF (the systemd unit does not restart it: maintenance)."""
    taps = CornerTaps(window)
    watch_input(taps, within=window)

    def ask() -> None:
        dialog = StaffExitDialog(StaffAccounts(app.services), Translator(language), window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            qt_app.exit(EXIT_STAFF)

    taps.triggered.connect(ask)


def _screen_numbers(roles: list[str], screen: int | None,
                    board_screen: int | None) -> list[int | None]:
    """Each role's screen: N, N+1, … in order; the board on `board_screen` when given."""
    numbers: list[int | None] = []
    for i, role in enumerate(roles):
        if role == "board" and board_screen is not None:
            numbers.append(board_screen)
        else:
            numbers.append(None if screen is None else screen + i)
    return numbers


def _tell_systemd(qt_app: QApplication) -> QTimer:
    """READY once the windows are up; then a watchdog ping from the Qt event loop, so a
    hung window is restarted by systemd (`kiosk@.service` is Type=notify with a watchdog).
    Outside systemd this does nothing."""
    sdnotify.ready()
    timer = QTimer(qt_app)
    interval = sdnotify.watchdog_interval()
    if interval:
        timer.timeout.connect(sdnotify.watchdog)
        timer.start(int(interval * 1000))
    return timer


def _quit_on_sigterm(qt_app: QApplication) -> QTimer:
    """`systemctl stop` (SIGTERM) closes the window cleanly. Python runs signal handlers
    only between bytecodes, so a timer wakes the interpreter a few times a second."""
    signal.signal(signal.SIGTERM, lambda _number, _frame: qt_app.quit())
    wakeup = QTimer()
    wakeup.timeout.connect(lambda: None)
    wakeup.start(250)
    return wakeup


def _window(app: App, role: str) -> BoardWindow | TerminalWindow | CounterWindow:
    if role == "terminal":
        return TerminalWindow(app.services, app.config, paths=app.paths)
    if role == "counter":
        from kiosk.ui.counter.window import CounterWindow  # noqa: PLC0415 - counter only

        return CounterWindow(app.services, app.config, paths=app.paths)
    return BoardWindow(app.config, app.services.catalogue, app.paths.database,
                       app.services.clock, store=app.store)


def _dispose(window: BoardWindow | TerminalWindow | CounterWindow) -> None:
    """Stop the window's thread and timers, then delete it while Qt and Python both live."""
    window.shutdown()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _place(window: QWidget, windowed: tuple[int, int] | None, screen: QScreen | None, *,
           offset: int = 0, cursor: bool = False) -> None:
    """Full screen on `screen`, or a window when `windowed`. The counter keeps its mouse
    pointer; a TV or a touchscreen hides it."""
    if screen is not None:
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
    if windowed is not None:
        window.resize(*windowed)
        window.move(40 + offset * 80, 40 + offset * 80)  # several windows: cascaded
        window.show()
        return
    if not cursor:
        window.setCursor(Qt.CursorShape.BlankCursor)
    window.showFullScreen()
