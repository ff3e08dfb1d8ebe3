"""Connecting a terminal to the city hub with its provisioning code (LGP1): from the
console (`kiosk provision STRING|--image PNG`) or by scanning the code at first start."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.errors import N_, Ok, Result, fail
from kiosk.core.scan import Provisioning
from kiosk.store.store import Store
from kiosk.store.sync_state import SyncState
from kiosk.system.config import Config, Paths, write_config
from sync import provisioning


def is_provisioned(paths: Paths) -> bool:
    return (paths.data_dir / provisioning.FILE_NAME).exists()


def apply_provisioning(paths: Paths, config: Config, store: Store,
                       given: Provisioning) -> Result[int]:
    """Save the hub's address and token (and the city's keys); changes kept back while the
    terminal was not allowed to sync are released. How many were released."""
    if given.hall != config.hall.id:
        return fail("string", "hall_mismatch", N_("This code is for another hall: {hall}."),
                    hall=given.hall)
    provisioning.save(paths.data_dir / provisioning.FILE_NAME, given)
    if given.city_keys:  # the city's pre-registration keys come with the hub's address
        write_config(paths.config_file, replace(
            config, scan=replace(config.scan, city_public_keys=given.city_keys)))
    return Ok(SyncState(store).release_quarantine())


def provision_by_scan(paths: Paths, config: Config, store: Store,
                      given: Provisioning) -> Result[int]:
    """A scanned code provisions only a terminal that was never provisioned: a code shown
    to a working terminal must not re-point it to another hub (staff use the console)."""
    if is_provisioned(paths):
        return fail("string", "already_provisioned", N_(
            "This terminal is already connected to the hub. Staff can change that with "
            "`kiosk provision` at the console."))
    return apply_provisioning(paths, config, store, given)
