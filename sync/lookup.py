"""The terminal's side of the city-wide worker lookup (sync.hub.lookup): asks the hub for
a worker this terminal does not know, by ID number or worker card, and turns the hub's
masked profile into a `kiosk.core.city_workers.CityProfile`.

Short timeouts: a worker is standing at the screen, and without an answer the hall goes
on as offline (the card still checks in; a typed number may register). The number asked
goes in the POST body (never the URL, which proxies log), over HTTPS to any hub that is
not this machine (sync.transport).
"""

from __future__ import annotations

import logging
from datetime import date

import httpx

from kiosk.core.city_workers import CityProfile, HubUnreachable
from kiosk.core.records import Intention, Sex
from sync import protocol
from sync.protocol import MaskedWorker, WorkerLookupRequest, WorkerLookupResponse
from sync.provisioning import Provisioning

log = logging.getLogger(__name__)
LOOKUP_TIMEOUT_S = 4.0


class HubDirectory:
    """`CityDirectory` over HTTP. Thread-safe (httpx.Client is): the screens call it from
    their task runner, off the GUI thread."""

    def __init__(self, credentials: Provisioning, client: httpx.Client | None = None) -> None:
        self.credentials = credentials
        self._client = client or httpx.Client(timeout=LOOKUP_TIMEOUT_S)

    def close(self) -> None:
        self._client.close()

    def by_id_number(self, id_number: str) -> CityProfile | None:
        return self._ask(WorkerLookupRequest(terminal_id=self.credentials.terminal,
                                             id_number=id_number))

    def by_worker_id(self, worker_id: str) -> CityProfile | None:
        return self._ask(WorkerLookupRequest(terminal_id=self.credentials.terminal,
                                             worker_id=worker_id))

    def _ask(self, request: WorkerLookupRequest) -> CityProfile | None:
        url = self.credentials.hub.rstrip("/") + protocol.LOOKUP_PATH
        headers = {"Authorization": f"Bearer {self.credentials.token}",
                   "Content-Type": "application/json"}
        try:
            response = self._client.post(url, headers=headers,
                                         content=protocol.encode(request, compress=False))
        except httpx.HTTPError as exc:
            raise HubUnreachable(f"network: {type(exc).__name__}") from exc
        if response.status_code != httpx.codes.OK:
            raise HubUnreachable(f"hub answered {response.status_code}")
        try:
            answer = WorkerLookupResponse.model_validate_json(response.content)
            return None if answer.worker is None else profile(answer.worker)
        except ValueError as exc:
            raise HubUnreachable("the hub's answer is not v1") from exc


def profile(shown: MaskedWorker) -> CityProfile:
    return CityProfile(
        worker_id=shown.worker_id, name_masked=shown.name_masked, birth_year=shown.birth_year,
        sex=Sex(shown.sex), trades=tuple(shown.trades), certificates=tuple(shown.certificates),
        intentions=tuple(Intention(i) for i in shown.intentions if i in _INTENTIONS),
        areas=tuple(shown.areas), available_from=date.fromisoformat(shown.available_from),
        home_hall=shown.home_hall, home_hall_name=shown.home_hall_name,
        registered_on=date.fromisoformat(shown.registered_on),
        consent_version=shown.consent_version)


_INTENTIONS = frozenset(i.value for i in Intention)
