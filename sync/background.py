"""The sync agent as a thread inside the kiosk process (`kiosk run`, `kiosk demo`).

It opens its own connection to the terminal's SQLite file (WAL: the windows keep reading
and writing meanwhile), syncs at once, then every `interval_s` seconds, and backs off
with jitter after failures (see `sync.runner`). `stop()` ends it within a second or two.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from kiosk.core.city_workers import DEFAULT_CITY_COPY_DAYS
from kiosk.store.store import Store
from sync.agent import SyncAgent
from sync.provisioning import Provisioning
from sync.runner import run_forever

log = logging.getLogger(__name__)
DEFAULT_INTERVAL_S = 15.0


class BackgroundSync:
    def __init__(self, database: Path, credentials: Provisioning,
                 interval_s: float = DEFAULT_INTERVAL_S, *, card_key: str | None = None,
                 copy_days: int = DEFAULT_CITY_COPY_DAYS) -> None:
        self.database = database
        self.credentials = credentials
        self.card_key = card_key  # the public half of the terminal's card key (base64)
        self.copy_days = copy_days  # [privacy] city_copy_days
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kiosk-sync", daemon=True)

    def start(self) -> BackgroundSync:
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout_s)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        store = Store(self.database)
        agent = SyncAgent(store, self.credentials, card_key=self.card_key,
                          copy_days=self.copy_days)
        try:
            run_forever(agent, self.interval_s, self._stop)
        except Exception:  # the hall keeps working offline; the log says why
            log.exception("background sync stopped")
        finally:
            agent.close()
            store.close()
