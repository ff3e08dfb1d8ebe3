"""The city publishes data files to every terminal through the pull feed: the
discrimination rules and the trade catalogue (`kiosk-hub assets publish NAME FILE`).

Each publication is a city-wide feed entry `asset` whose payload is {name, version, data};
a version must be higher than the last one published under that name.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, select

from kiosk.core.assets import CATALOGUE, AssetProblem, check_asset
from kiosk.core.catalogue import catalogue_from_data, load_catalogue
from sync.hub.schema import feed

ASSET_KIND = "asset"


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


def publish(engine: Engine, name: str, data: Any) -> int:
    """Check and publish; the version published. Raises AssetProblem."""
    last = latest(engine, name)
    current = None
    if name == CATALOGUE:
        current = (catalogue_from_data(last["data"]) if last is not None
                   else load_catalogue())
    version = check_asset(name, data, current)
    if last is not None and version <= int(last["version"]):
        raise NotNewer(version, int(last["version"]))
    payload = {"name": name, "version": version, "data": data}
    with engine.begin() as conn:
        conn.execute(feed.insert().values(kind=ASSET_KIND, record_id=name, hall_id="",
                                          payload=json.dumps(payload, ensure_ascii=False)))
    return version
