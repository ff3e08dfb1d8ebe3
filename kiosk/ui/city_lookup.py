"""Asking the city hub for a worker this terminal does not know (kiosk.services.city_workers),
off the GUI thread: the answer is kept (a masked copy) and handed back on the GUI thread as
(the worker kept, or None; the home hall's name, "" when the hub has none: the worker's
`hall_id` then names it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.core.city_workers import CityProfile, HubUnreachable
from kiosk.core.records import Worker
from kiosk.services.hall import Services
from kiosk.ui.tasks import TaskRunner

Answer = Callable[[Worker | None, str], None]


class CityLookup(QObject):
    """One question at a time; `cancel()` (the next person) drops an answer still due."""

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = TaskRunner(self)

    @property
    def available(self) -> bool:
        return self.services.asks_city

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def by_id_number(self, id_number: str, answer: Answer) -> None:
        self._ask(lambda: self.services.ask_city_by_id_number(id_number), id_number, answer)

    def by_card(self, worker_id: str, answer: Answer) -> None:
        self._ask(lambda: self.services.ask_city_by_worker_id(worker_id), None, answer)

    def cancel(self) -> None:
        self.runner.ticket += 1  # a result still due is stale now
        self.runner.busy = False

    def _ask(self, work: Callable[[], CityProfile | None], id_number: str | None,
             answer: Answer) -> None:
        def done(result: object) -> None:
            if isinstance(result, CityProfile):
                kept = self.services.keep_city_worker(result, id_number)
                answer(kept, result.home_hall_name)
            else:
                answer(None, "")

        self.runner.run(lambda: _quietly(work), done, lambda: answer(None, ""))


def _quietly(work: Callable[[], CityProfile | None]) -> CityProfile | None:
    """The hub out of reach is an everyday case (offline): no answer, nothing logged."""
    try:
        return work()
    except HubUnreachable:
        return None
