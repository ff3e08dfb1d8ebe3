"""Connecting a terminal to the city hub with its provisioning code (LGP1): from the
console (`kiosk provision STRING|--image PNG`) or by scanning the code at first start."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.scan import Provisioning
from kiosk.store.store import Store
from kiosk.store.sync_state import SyncState
from kiosk.system.config import Config, Paths, write_config
from sync import provisioning, transport


def is_provisioned(paths: Paths) -> bool:
    return (paths.data_dir / provisioning.FILE_NAME).exists()


# What staff read for each problem of sync.transport with the hub's address.
HUB_URL_PROBLEMS = {
    transport.BAD_SCHEME: N_("The hub's address {url} must start with https://."),
    transport.NO_HOST: N_("The hub's address {url} has no valid host name."),
    transport.NOT_HTTPS: N_(
        "The hub's address {url} is plain http: the hall's network would see the token, "
        "ID numbers and phones. Use https://, or --insecure-hub for a test set-up."),
}


def provisioning_refusal(config: Config, given: Provisioning, *,
                         insecure: bool = False) -> Err | None:
    """Why this terminal must not take `given` (another hall's code, a hub address that is
    not HTTPS), or None: what a dry-run scan says too."""
    if given.hall != config.hall.id:
        return fail("string", "hall_mismatch", N_("This code is for another hall: {hall}."),
                    hall=given.hall)
    problem = transport.hub_url_problem(given.hub, insecure=insecure)
    if problem is not None:
        return fail("string", problem, HUB_URL_PROBLEMS[problem], url=given.hub)
    return None


def apply_provisioning(paths: Paths, config: Config, store: Store,
                       given: Provisioning, *, insecure: bool = False) -> Result[int]:
    """Save the hub's address and token (and the city's keys); changes kept back while the
    terminal was not allowed to sync are released. How many were released.

    The hub is reached over HTTPS, or plain HTTP on this machine; `insecure`
    (`--insecure-hub`) allows plain HTTP elsewhere, which `kiosk doctor` then fails."""
    refused = provisioning_refusal(config, given, insecure=insecure)
    if refused is not None:
        return refused
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
