"""One application-wide filter for the input that idle clocks, keyboard-wedge scanners and
the staff-exit gesture watch.

A Python event filter on the application is called for every event Qt delivers to any
object — paints, layout requests, timers, shows and hides: dozens per tap — and each call
crosses into Python with the object and the event wrapped. With a filter per watcher (two
per window, one per staff exit) that was a large share of a tap's time. `InputWatch` is
the one filter: it lets only input events (`QInputEvent`: mouse, touch, key, wheel) into
the watchers' own `eventFilter`, newest watcher first (the order Qt calls filters in); a
watcher returning True swallows the event.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QInputEvent


class InputWatch(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("inputWatch")
        self._app = app
        self._watchers: list[QObject] = []

    def add(self, watcher: QObject) -> None:
        if watcher in self._watchers:
            return
        if not self._watchers:
            self._app.installEventFilter(self)
        self._watchers.insert(0, watcher)
        watcher.destroyed.connect(lambda: self.remove(watcher))  # as Qt forgets a filter

    def remove(self, watcher: QObject) -> None:
        if watcher in self._watchers:
            self._watchers.remove(watcher)
            if not self._watchers:
                self._app.removeEventFilter(self)  # no Python call per event at all

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(event, QInputEvent):
            return False
        return any(watcher.eventFilter(watched, event) for watcher in tuple(self._watchers))


def watch_input(watcher: QObject) -> None:
    """Let `watcher.eventFilter` see every input event of the application."""
    app = QCoreApplication.instance()
    if app is not None:
        (app.findChild(InputWatch, "inputWatch") or InputWatch(app)).add(watcher)


def unwatch_input(watcher: QObject) -> None:
    app = QCoreApplication.instance()
    found = app.findChild(InputWatch, "inputWatch") if app is not None else None
    if found is not None:
        found.remove(watcher)
