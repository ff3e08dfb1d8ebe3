"""Work off the GUI thread: a task runs on a thread pool and its result comes back as a
Qt signal, so the callback runs on the GUI thread (see DESIGN.md, Threads).

A `TaskRunner` keeps the newest task only: a later `run` makes the results of earlier
ones stale, and they are dropped. A task that raises is logged and `on_fail` is called.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int)


class _Task(QRunnable):
    """Runs `work` on the pool; its result (or failure) arrives as a signal."""

    def __init__(self, ticket: int, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self.ticket, self.work, self.relay = ticket, work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception:
            log.exception("a background task failed")
            self.relay.failed.emit(self.ticket)
            return
        self.relay.done.emit(self.ticket, result)


class TaskRunner(QObject):
    """Hands work to `pool` (default: Qt's global pool) and calls `on_done(result)` on the
    GUI thread; `busy` until the newest task is done."""

    def __init__(self, parent: QObject, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.relay = _Relay()  # no parent: a task may outlive its page
        self.relay.done.connect(self._done)
        self.relay.failed.connect(self._failed)
        self.ticket = 0
        self.busy = False
        self._on_done: Callable[[object], None] = lambda _result: None
        self._on_fail: Callable[[], None] = lambda: None

    def run(self, work: Callable[[], object], on_done: Callable[[object], None],
            on_fail: Callable[[], None]) -> None:
        self.ticket += 1
        self.busy = True
        self._on_done, self._on_fail = on_done, on_fail
        self.pool.start(_Task(self.ticket, work, self.relay))

    def _done(self, ticket: int, result: object) -> None:
        if ticket == self.ticket:
            self.busy = False
            self._on_done(result)

    def _failed(self, ticket: int) -> None:
        if ticket == self.ticket:
            self.busy = False
            self._on_fail()
