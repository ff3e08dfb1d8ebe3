"""docs/hub-deployment.md: its nginx example refuses, from outside, every route of the hub
that is not the terminals' API (the API description in all its forms)."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.routing import Route

from sync import protocol
from sync.hub.app import create_app
from sync.hub.database import database_url, make_engine, migrate
from tests.sync.conftest import HUB_KEYS

DOC = Path(__file__).resolve().parents[2] / "docs" / "hub-deployment.md"
PUBLIC = {protocol.PUSH_PATH, protocol.PULL_PATH, protocol.CARD_KEY_PATH, protocol.LOOKUP_PATH,
          "/v1/stats", "/health"}


def blocked_pattern() -> re.Pattern[str]:
    text = DOC.read_text("utf-8")
    found = re.findall(r"location ~ (\S+) \{\s*allow [^;]+; deny all;", text)
    assert len(found) == 1, found
    return re.compile(found[0])


def test_every_route_but_the_terminal_api_is_blocked_in_the_nginx_example(
        tmp_path: Path) -> None:
    engine = make_engine(database_url(None, tmp_path))
    migrate(engine)
    app = create_app(engine, keys=HUB_KEYS)
    paths = {route.path for route in app.routes if isinstance(route, Route)}
    engine.dispose()
    assert paths >= PUBLIC
    others = paths - PUBLIC
    assert {"/docs", "/redoc", "/openapi.json"} <= others
    pattern = blocked_pattern()
    for path in others:
        for variant in (path, path + "/", path + "/x"):
            assert pattern.search(variant), variant
    for path in PUBLIC:
        assert not pattern.search(path), path
