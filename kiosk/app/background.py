"""The threads a kiosk process runs beside its windows: the print worker (queued tickets
to the configured printer) and, when the terminal is provisioned, the sync agent.

Each thread opens its own connection to the SQLite file. Qt-free: `kiosk.ui.launch`
starts them with the windows and stops them when the windows close.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.app import App
from kiosk.services.printing import PrintWorker, TicketSource
from kiosk.store.store import Store
from kiosk.system.printer_profile import profile_from_config
from sync import provisioning
from sync.background import DEFAULT_INTERVAL_S, BackgroundSync

log = logging.getLogger(__name__)
# "0" when another process syncs this terminal (the packaged kiosk-sync.service)
SYNC_SWITCH = "KIOSK_BACKGROUND_SYNC"


@dataclass(slots=True)
class Background:
    workers: list[PrintWorker] = field(default_factory=list)
    threads: list[threading.Thread] = field(default_factory=list)
    stores: list[Store] = field(default_factory=list)
    sync: BackgroundSync | None = None
    unsubscribe: Callable[[], None] | None = None

    def stop(self, timeout_s: float = 10.0) -> None:
        """Ask every thread to stop, then wait for them: `timeout_s` in all. A thread still
        busy then (a ticket half printed, a request to a hub that does not answer) is a
        daemon: it ends with the process, and its store stays open until then."""
        deadline = time.monotonic() + timeout_s
        if self.unsubscribe is not None:
            self.unsubscribe()
        for worker in self.workers:
            worker.stop()
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        for store, thread in zip(self.stores, self.threads, strict=True):
            if not thread.is_alive():
                store.close()
        if self.sync is not None:
            self.sync.stop(max(0.0, deadline - time.monotonic()))


def _warm_schema() -> None:
    """The record schema (pydantic) loaded beside the windows: the first record a person
    saves then does not wait for it."""
    from kiosk.core.schema import warm_up  # noqa: PLC0415 - the point is to load it here

    warm_up()


def start_background(app: App, *, sync_interval_s: float = DEFAULT_INTERVAL_S,
                     language: str = "zh_CN") -> Background:
    """The print worker for the first configured printer, and sync when provisioned."""
    background = Background()
    threading.Thread(target=_warm_schema, name="kiosk-schema", daemon=True).start()
    printer = app.config.printer()
    if printer is not None:
        store = Store(app.paths.database)
        source = TicketSource(store, app.services.catalogue, app.config.hall, language,
                              card_key=app.services.settings.card_key,
                              counter_hours=app.services.settings.counter_hours)
        worker = PrintWorker(store, source, profile_from_config(printer, app.paths.data_dir))
        thread = threading.Thread(target=worker.run_forever, name="kiosk-print", daemon=True)
        thread.start()
        background.workers.append(worker)
        background.threads.append(thread)
        background.stores.append(store)
        background.unsubscribe = app.store.subscribe(
            lambda changed: worker.wake() if "print_jobs" in changed else None)
    credentials = provisioning.load(app.paths.data_dir / provisioning.FILE_NAME)
    if credentials is not None and os.environ.get(SYNC_SWITCH, "1") != "0":
        background.sync = BackgroundSync(app.paths.database, credentials, sync_interval_s,
                                         card_key=app.services.card_public_key(),
                                         copy_days=app.config.privacy.city_copy_days).start()
    return background
