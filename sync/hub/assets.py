"""The city publishes data files to every terminal through the pull feed: the
discrimination rules and the trade catalogue (`kiosk-hub assets publish NAME FILE`).

Each publication is a city-wide feed entry `asset` whose payload is {name, version, data,
signature}; a version must be higher than the last one published under that name. The
signature is the city key's (Ed25519, `kiosk.core.asset_signing`): terminals use nothing
unsigned. The key is a PEM file named by KIOSK_HUB_CITY_KEY_FILE (or given to `publish`).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from sqlalchemy import Engine, select

from kiosk.core.asset_signing import sign_asset
from kiosk.core.assets import CATALOGUE, AssetProblem, check_asset
from kiosk.core.catalogue import catalogue_from_data, load_catalogue
from sync.hub.schema import feed

log = logging.getLogger(__name__)

ASSET_KIND = "asset"
CITY_KEY_ENV = "KIOSK_HUB_CITY_KEY_FILE"  # the city's Ed25519 private key (PEM)


class NotNewer(AssetProblem):
    """The update's version is not above the last one published."""

    def __init__(self, version: int, published: int) -> None:
        super().__init__(f"version {version} is not newer than the published {published}")
        self.version, self.published = version, published


def latest(engine: Engine, name: str) -> dict[str, Any] | None:
    """The last published payload under `name`, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(feed.c.payload).where(
            feed.c.kind == ASSET_KIND, feed.c.record_id == name,
        ).order_by(feed.c.seq.desc()).limit(1)).first()
    return None if row is None else dict(json.loads(row.payload))


def publish(engine: Engine, name: str, data: Any, *,
            signing_key: Ed25519PrivateKey | None = None) -> int:
    """Check, sign and publish; the version published. Raises AssetProblem."""
    last = latest(engine, name)
    current = None
    if name == CATALOGUE:
        current = (catalogue_from_data(last["data"]) if last is not None
                   else load_catalogue())
    version = check_asset(name, data, current)
    if last is not None and version <= int(last["version"]):
        raise NotNewer(version, int(last["version"]))
    key = signing_key or city_key_from_environment()
    payload = {"name": name, "version": version, "data": data,
               "signature": sign_asset(name, version, data, key)}
    with engine.begin() as conn:
        conn.execute(feed.insert().values(kind=ASSET_KIND, record_id=name, hall_id="",
                                          payload=json.dumps(payload, ensure_ascii=False)))
    return version


def city_key_from_environment() -> Ed25519PrivateKey:
    """The city key named by KIOSK_HUB_CITY_KEY_FILE; raises AssetProblem without one."""
    path = os.environ.get(CITY_KEY_ENV, "")
    if not path:
        raise AssetProblem(f"assets are signed with the city key: set {CITY_KEY_ENV} to "
                           "its PEM file")
    return load_city_key(Path(path))


def configured_city_key() -> Ed25519PrivateKey | None:
    """The city key when KIOSK_HUB_CITY_KEY_FILE names one the hub can read, else None
    (the server then keeps terminals' card keys for `assets publish-card-keys`)."""
    if not os.environ.get(CITY_KEY_ENV):
        return None
    try:
        return city_key_from_environment()
    except AssetProblem as exc:
        log.warning("the city key cannot be used: %s", exc)
        return None


def load_city_key(path: Path) -> Ed25519PrivateKey:
    """An Ed25519 private key from a PEM file (`openssl genpkey -algorithm ed25519`)."""
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise AssetProblem(f"cannot read the city key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise AssetProblem(f"the city key {path} is not an Ed25519 key")
    return key
