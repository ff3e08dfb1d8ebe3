"""The composition root: config, key, store and services, built once at start-up (and
background.py, the threads a kiosk process runs beside its windows)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.core.card_rules import LegacyCards
from kiosk.services.base import Clock, HallSettings
from kiosk.services.hall import Services
from kiosk.store.backup import daily_backup
from kiosk.store.store import Store
from kiosk.store.sync_state import current_catalogue
from kiosk.system.config import (
    Config,
    Paths,
    load_config,
    load_or_create_card_key,
    load_or_create_key,
)
from sync import provisioning
from sync.lookup import HubDirectory

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class App:
    paths: Paths
    config: Config
    store: Store
    services: Services

    def close(self) -> None:
        directory = self.services.directory
        if isinstance(directory, HubDirectory):
            directory.close()
        self.store.close()


def hall_settings(config: Config, key: bytes, card_key: bytes | None = None) -> HallSettings:
    extra = {} if card_key is None else {"card_key": card_key}
    return HallSettings(
        hall_id=config.hall.id, terminal_id=config.terminal_id, blind_index_key=key,
        timezone=config.hall.timezone, areas=frozenset(config.areas), older=config.older,
        consent_version=config.consent_version, long_wait_days=config.long_wait_days,
        legacy_cards=LegacyCards(config.scan.legacy_cards),
        listing=config.listing, counter_hours=config.counter.hours(),
        city_copy_days=config.privacy.city_copy_days, queue_prefix=config.queue_prefix,
        **extra,
    )


def open_app(paths: Paths, clock: Clock | None = None) -> App:
    """Open everything a command or window needs; raises ConfigError or StoreError."""
    config = load_config(paths.config_file)
    key = load_or_create_key(paths.key_file)
    card_key = load_or_create_card_key(paths.card_key_file)
    store = Store(paths.database)
    services = Services(store, hall_settings(config, key, card_key), current_catalogue(store),
                        clock)
    services.directory = city_directory(paths)
    _backup_if_due(store, paths, services)
    return App(paths, config, store, services)


def city_directory(paths: Paths) -> HubDirectory | None:
    """The hub to ask for other halls' workers, once this terminal is provisioned."""
    credentials = provisioning.load(paths.data_dir / provisioning.FILE_NAME)
    return None if credentials is None else HubDirectory(credentials)


def _backup_if_due(store: Store, paths: Paths, services: Services) -> None:
    """Today's backup, once a day; a full disk must not stop the hall from working."""
    try:
        daily_backup(store.conn, paths.backups, services.today())
    except OSError:
        log.warning("daily backup failed", exc_info=True)
