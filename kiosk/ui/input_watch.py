"""One filter for the input that idle clocks, keyboard-wedge scanners and the staff-exit
gesture watch, on the application's windows.

Real input — a touch, a click, a key, a scanner's keystrokes — always reaches a window
(`QWindow`) first, which then hands it to the widget under the finger or with the focus.
So the filter sits on each top-level window, not on the application: a Python filter on
the application is called for every event Qt delivers to any object (every widget's paint,
show, hide and layout request: a few hundred per tap, each crossing into Python), while a
window sees its input and a few events per frame.

`InputWatch` lets only input events (`QInputEvent`: mouse, touch, key, wheel) into the
watchers' own `eventFilter`, newest watcher first; a watcher returning True swallows the
event. It covers the windows open when a watcher is added, each window that gets the
focus later (a dialog takes the focus) and the windows open when `cover_windows()` is
called: the terminal and counter windows call it when they are shown, so a touch before
the window manager (if any) activates them is seen too.

A watcher added `within` a widget sees only the input aimed at that widget's window and
at the windows it opened (a dialog, a popup: their transient parent leads back to it).
Several role windows share one process in `kiosk run --role terminal,counter,board`: the
touchscreen's scanner must not take the keys a clerk types at the counter, and a tap at
the counter is not a touch at the touchscreen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QGuiApplication, QInputEvent, QWindow
from PySide6.QtWidgets import QWidget


class InputWatch(QObject):
    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self.setObjectName("inputWatch")
        self._app = app
        self._watchers: list[QObject] = []
        self._scopes: dict[QObject, QWidget] = {}

    def add(self, watcher: QObject, within: QWidget | None = None) -> None:
        if within is not None:
            self._scopes[watcher] = within
        if watcher not in self._watchers:
            if not self._watchers:
                self._app.focusWindowChanged.connect(self.cover)
            self._watchers.insert(0, watcher)
            watcher.destroyed.connect(lambda: self.remove(watcher))  # as Qt forgets a filter
        self.cover_all()

    def remove(self, watcher: QObject) -> None:
        self._scopes.pop(watcher, None)
        if watcher in self._watchers:
            self._watchers.remove(watcher)
            if not self._watchers:
                self._app.focusWindowChanged.disconnect(self.cover)
                for window in QGuiApplication.topLevelWindows():
                    window.removeEventFilter(self)

    def cover(self, window: QWindow | None) -> None:
        """Watch `window`'s input (again: Qt keeps one copy of a filter per object)."""
        if window is not None and self._watchers:
            window.installEventFilter(self)

    def cover_all(self) -> None:
        for window in QGuiApplication.topLevelWindows():
            self.cover(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(event, QInputEvent):
            return False
        return any(watcher.eventFilter(watched, event) for watcher in tuple(self._watchers)
                   if self._aimed_at(watcher, watched))

    def _aimed_at(self, watcher: QObject, watched: QObject) -> bool:
        scope = self._scopes.get(watcher)
        return scope is None or _opened_by(watched, scope)


def _opened_by(watched: QObject, scope: QWidget) -> bool:
    """`watched` is `scope`'s window or a window opened from it (dialog, popup, child)."""
    own = scope.window().windowHandle()
    window = watched if isinstance(watched, QWindow) else None
    while window is not None and own is not None:
        if window is own:
            return True
        window = window.transientParent() or window.parent()
    return False


def watch_input(watcher: QObject, within: QWidget | None = None) -> None:
    """Let `watcher.eventFilter` see every input event of the application's windows, or
    only those aimed at `within`'s window and the windows it opened."""
    app = QCoreApplication.instance()
    if isinstance(app, QGuiApplication):
        (app.findChild(InputWatch, "inputWatch") or InputWatch(app)).add(watcher, within)


def cover_windows() -> None:
    """Watch the windows open now too (a window calls this when it is shown)."""
    app = QCoreApplication.instance()
    found = app.findChild(InputWatch, "inputWatch") if app is not None else None
    if found is not None:
        found.cover_all()


def unwatch_input(watcher: QObject) -> None:
    app = QCoreApplication.instance()
    found = app.findChild(InputWatch, "inputWatch") if app is not None else None
    if found is not None:
        found.remove(watcher)
