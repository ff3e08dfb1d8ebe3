"""Reading the database off the GUI thread: the board's snapshots arrive as a Qt signal.

A worker in its own QThread owns the `BoardReader`. Every `poll_ms` it asks the reader
whether anything changed (file identity and `PRAGMA data_version`: no table is read) and
loads a new snapshot only then, at a change of the hall's day, on request (`reload()`), or
once a minute as a safety net. A busy or unreadable database is retried with backoff while
the board keeps showing its last snapshot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from kiosk.services.base import Clock
from kiosk.store.board import BoardBusy, BoardReader, BoardReadError, BoardSnapshot

log = logging.getLogger(__name__)

POLL_MS = 500
FULL_RELOAD = timedelta(minutes=1)
BACKOFF_MS = (250, 500, 1000, 2000, 4000, 8000)


class _Worker(QObject):
    loaded = Signal(object)  # BoardSnapshot
    trouble = Signal(str)

    def __init__(self, make_reader: Callable[[], BoardReader], clock: Clock, tz: ZoneInfo,
                 poll_ms: int) -> None:
        super().__init__()
        self._make_reader = make_reader
        self._clock = clock
        self._tz = tz
        self._poll_ms = poll_ms
        self._reader: BoardReader | None = None
        self._timer: QTimer | None = None
        self._retry: QTimer | None = None
        self._wanted = True
        self._failures = 0
        self._last: BoardSnapshot | None = None

    @Slot()
    def start(self) -> None:
        self._reader = self._make_reader()
        self._timer = QTimer(self)
        self._timer.setInterval(self._poll_ms)
        self._timer.timeout.connect(self.poll)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.poll)
        self._timer.start()
        self.poll()

    @Slot()
    def reload(self) -> None:
        self._wanted = True
        self.poll()

    @Slot()
    def poll(self) -> None:
        reader = self._reader
        if reader is None or (self._retry is not None and self._retry.isActive()):
            return
        now = self._clock.now()
        if not (self._wanted or reader.has_changed() or self._due_anyway(now)):
            return
        try:
            snapshot = reader.load(now)
        except BoardReadError as exc:
            self._wanted = True
            self._back_off(exc)
            return
        self._wanted = False
        self._failures = 0
        self._last = snapshot
        self.loaded.emit(snapshot)

    def _due_anyway(self, now: datetime) -> bool:
        last = self._last
        if last is None:
            return True
        return now.astimezone(self._tz).date() != last.day or now - last.read_at >= FULL_RELOAD

    def _back_off(self, exc: BoardReadError) -> None:
        delay = BACKOFF_MS[min(self._failures, len(BACKOFF_MS) - 1)]
        self._failures += 1
        kind = "busy" if isinstance(exc, BoardBusy) else "unavailable"
        log.warning("board: database %s (%s); retrying in %d ms", kind, exc, delay)
        self.trouble.emit(kind)
        if self._retry is not None:
            self._retry.start(delay)

    @Slot()
    def stop(self) -> None:
        for timer in (self._timer, self._retry):
            if timer is not None:
                timer.stop()
        if self._reader is not None:
            self._reader.close()
            self._reader = None


class BoardFeed(QObject):
    """Start it, connect `snapshot`, call `reload()` for a same-process change, `stop()`."""

    snapshot = Signal(object)  # BoardSnapshot, delivered in the GUI thread
    trouble = Signal(str)  # "busy" or "unavailable"
    _reload = Signal()
    _stop = Signal()

    def __init__(self, make_reader: Callable[[], BoardReader], clock: Clock, tz: ZoneInfo,
                 *, poll_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("board-feed")
        self._worker = _Worker(make_reader, clock, tz, poll_ms)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._worker.loaded.connect(self.snapshot)
        self._worker.trouble.connect(self.trouble)
        self._reload.connect(self._worker.reload)
        self._stop.connect(self._worker.stop, Qt.ConnectionType.BlockingQueuedConnection)

    def start(self) -> None:
        self._thread.start()

    def reload(self) -> None:
        """Load now rather than at the next poll (thread-safe)."""
        self._reload.emit()

    def stop(self) -> None:
        if self._thread.isRunning():
            self._stop.emit()  # waits until the worker closed its connection
            self._thread.quit()
            self._thread.wait()
        # Snapshots sent but not yet delivered hold Python objects: drop them now, not
        # while the interpreter shuts down.
        QCoreApplication.removePostedEvents(self)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()
