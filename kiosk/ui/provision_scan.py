"""A provisioning code (LGP1) scanned at a window: connect a never-provisioned terminal."""

from __future__ import annotations

from kiosk.core.errors import N_, Err
from kiosk.core.i18n import translate
from kiosk.core.scan import Provisioning
from kiosk.services.hall import Services
from kiosk.services.provision import provision_by_scan
from kiosk.system.config import Config, Paths


def provision_notice(paths: Paths, services: Services, given: Provisioning, config: Config,
                     language: str) -> str:
    """Provision from the scanned code; what to tell the person who scanned it."""
    result = provision_by_scan(paths, config, services.store, given)
    if isinstance(result, Err):
        return "\n".join(e.text(language) for e in result.errors)
    return translate(N_("Connected to the city hub as terminal {terminal}. Sync starts when "
                        "the terminal starts next."), language).format(
        terminal=given.terminal)
