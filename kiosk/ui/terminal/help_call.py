"""请工作人员帮助 at the touchscreen: the call for staff this terminal made, and whether it
is still waiting.

A screen's 请工作人员帮助 asks the window, which asks here: the call is written (and syncs
to the hall's counters) and every screen's header says staff are on their way, while the
screen keeps what the worker entered. When the call is handled, at a counter sharing this
store or at one whose answer comes back through the hub feed, the store announces it and
the headers offer help again. The idle reset forgets the call (the counter still lists it
until staff mark it handled).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.core.errors import Err
from kiosk.core.records import HelpPlace
from kiosk.services import help as staff_help
from kiosk.services.hall import Services


class _Announced(QObject):
    """Store change announcements (from any thread: the sync agent's too) as a signal on
    the GUI thread."""

    changed = Signal(object)

    def __call__(self, entities: frozenset[str]) -> None:
        self.changed.emit(entities)


class HelpCall(QObject):
    waiting_changed = Signal(bool)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.request_id: str | None = None
        self.bridge = _Announced(self)
        self.bridge.changed.connect(self._store_changed)
        unsubscribe = self._unsubscribe = services.store.subscribe(self.bridge)
        self.destroyed.connect(lambda *_args: _quietly(unsubscribe))

    @property
    def waiting(self) -> bool:
        return self.request_id is not None

    def ask(self, place: str) -> bool:
        """Call staff to this terminal (`place`: a HelpPlace value); False if it failed."""
        result = staff_help.ask(self.services, HelpPlace(place))
        if isinstance(result, Err):
            return False
        self._set(result.value.id)
        return True

    def check(self) -> None:
        """Handled meanwhile (here or at a counter, through the feed): waiting no more."""
        if self.request_id is not None and not staff_help.is_open(self.services,
                                                                  self.request_id):
            self._set(None)

    def forget(self) -> None:
        self._set(None)

    def stop(self) -> None:
        _quietly(self._unsubscribe)

    def _store_changed(self, entities: frozenset[str]) -> None:
        if "staff_call" in entities:
            self.check()

    def _set(self, request_id: str | None) -> None:
        changed = (request_id is None) != (self.request_id is None)
        self.request_id = request_id
        if changed:
            self.waiting_changed.emit(self.waiting)


def _quietly(unsubscribe: Callable[[], None]) -> None:
    """Leave the store once (stopped, then destroyed: the second time is nothing)."""
    with contextlib.suppress(ValueError):  # already left
        unsubscribe()
