"""Starting a role's window: `kiosk run --role board|terminal|counter [--screen N]
[--windowed WxH]`."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer
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
from kiosk.ui.tiling import Rect, tile

if TYPE_CHECKING:
    from kiosk.ui.counter.window import CounterWindow

ROLES = ("board", "terminal", "counter")
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
QUIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)
WAKEUP_MS = 200


def run_role(paths: Paths, role: str, *, windowed: tuple[int, int] | None = None,
             screen: int | None = None, language: str = "zh_CN",
             background: bool = True, board_screen: int | None = None,
             stop_timeout_s: float = 10.0, stop_requested: threading.Event | None = None,
             ) -> int:
    """Open the app, show the role's window (full screen unless `windowed`), run Qt.

    `role` may name several roles ("terminal,board"): one process, one store, a window
    each (on screens N, N+1, … when full screen) — the demo shows the board following
    what is done on the touchscreen at once. `board_screen` adds the board on that screen
    (a counter driving the hall's second screen). Windowed, they are tiled side by side
    over the screens; closing any of them, Ctrl+Q, Ctrl+C (SIGINT) or SIGTERM ends them
    all. `stop_timeout_s` bounds the wait for the print worker and sync threads then.
    `stop_requested`: a stop asked for before this was called (a signal during start-up).
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
    with _quit_on_signals(qt_app) as signals:
        if stop_requested is not None and stop_requested.is_set():
            signals.received = True
        app = open_app(paths)
        windows = [_window(app, r) for r in roles]
        threads = start_background(app, language=language) if background else None
        try:
            _show(windows, roles, windowed, [screens[n] if n is not None else None
                                             for n in chosen])
            for i, window in enumerate(windows):
                if windowed is not None:  # development only: a hall's screen has no way out
                    QShortcut(QKeySequence("Ctrl+Q"), window, qt_app.quit)
                    QuitOnClose(window, qt_app.quit)
                if roles[i] != "counter":  # the counter has a sign-out; the others lock down
                    _staff_exit(window, app, qt_app, language)
            return _exec(qt_app, signals)
        finally:
            for window in windows:
                _dispose(window)
            if threads is not None:
                threads.stop(stop_timeout_s)
            app.close()


def _exec(qt_app: QApplication, signals: SignalQuit) -> int:
    watchdog = _tell_systemd(qt_app)
    # A signal taken before the loop ran asked to quit a loop not yet running: again now.
    QTimer.singleShot(0, lambda: qt_app.quit() if signals.received else None)
    try:
        return int(qt_app.exec())
    finally:
        sdnotify.stopping()
        watchdog.stop()


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


class SignalQuit:
    """Ctrl+C (SIGINT) and `systemctl stop` (SIGTERM) close the windows cleanly, also
    while they are being built (then Qt's loop is not started at all)."""

    def __init__(self, qt_app: QApplication) -> None:
        self.qt_app = qt_app
        self.received = False

    def __call__(self, _number: int, _frame: object) -> None:
        self.received = True
        self.qt_app.quit()


@contextmanager
def _quit_on_signals(qt_app: QApplication) -> Iterator[SignalQuit]:
    """The handlers hold until the windows and threads are gone. Python runs handlers only
    between bytecodes, so a timer wakes the interpreter a few times a second in Qt's loop."""
    handler = SignalQuit(qt_app)
    previous = {number: signal.signal(number, handler) for number in QUIT_SIGNALS}
    wakeup = QTimer()
    wakeup.timeout.connect(lambda: None)
    wakeup.start(WAKEUP_MS)
    try:
        yield handler
    finally:
        wakeup.stop()
        for number, old in previous.items():
            signal.signal(number, old)


class QuitOnClose(QObject):
    """Closing one of several role windows (its title bar's ×) ends them all: `quit` is
    called (after Qt's loop has ended, when the windows are disposed of, it does nothing)."""

    def __init__(self, window: QWidget, quit_all: Callable[[], None]) -> None:
        super().__init__(window)
        self.quit_all = quit_all
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close:
            self.quit_all()
        return False


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


def _show(windows: Sequence[QWidget], roles: Sequence[str], windowed: tuple[int, int] | None,
          chosen: Sequence[QScreen | None]) -> None:
    """Windowed: tiled without overlap over the chosen screens (all, when none was chosen).
    Otherwise full screen each. The counter keeps its mouse pointer; a TV or a
    touchscreen hides it."""
    if windowed is not None:
        screens = _distinct([s for s in chosen if s is not None]) or _all_screens()
        show_tiled(windows, windowed, [_rect(screen.availableGeometry()) for screen in screens])
        return
    for window, role, screen in zip(windows, roles, chosen, strict=True):
        if screen is not None:
            window.setScreen(screen)
            window.setGeometry(screen.geometry())
        if role != "counter":
            window.setCursor(Qt.CursorShape.BlankCursor)
        window.showFullScreen()


def show_tiled(windows: Sequence[QWidget], size: tuple[int, int], areas: Sequence[Rect],
               ) -> None:
    """Show `windows` side by side on `areas` (screens' available geometry), each at most
    `size` (see kiosk.ui.tiling)."""
    minimums = [_minimum(window) for window in windows]
    for window, place in zip(windows, tile(len(windows), size, areas, minimums=minimums),
                             strict=True):
        window.setGeometry(place.x, place.y, place.width, place.height)
        window.show()


def _minimum(window: QWidget) -> tuple[int, int]:
    """The smallest the window can be now, or later (`MIN_SIZE_AT_WORK`: the counter's
    workspace after sign-in is larger than its sign-in page)."""
    window.ensurePolished()
    hint = window.minimumSizeHint()
    later = getattr(window, "MIN_SIZE_AT_WORK", (0, 0))
    return max(hint.width(), later[0]), max(hint.height(), later[1])


def _all_screens() -> list[QScreen]:
    """The primary screen first, then the others in Qt's order."""
    primary = QGuiApplication.primaryScreen()
    return _distinct([primary, *QGuiApplication.screens()])


def _distinct(screens: Sequence[QScreen]) -> list[QScreen]:
    return [screen for i, screen in enumerate(screens) if screen not in screens[:i]]


def _rect(rect: QRect) -> Rect:
    return Rect(rect.x(), rect.y(), rect.width(), rect.height())
