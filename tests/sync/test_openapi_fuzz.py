"""schemathesis against the hub's OpenAPI: no generated request gets a 5xx, with and
without a valid terminal token (cases drawn from each operation's Hypothesis strategy)."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings

from sync.hub.app import create_app
from sync.hub.database import database_url, make_engine, migrate
from sync.hub.terminals import add_terminal
from tests.sync.conftest import HALL_A, HUB_KEYS

EXAMPLES = 60


def test_no_generated_request_gets_a_server_error(tmp_path: Path) -> None:
    engine = make_engine(database_url(None, tmp_path))
    migrate(engine)
    _terminal, token = add_terminal(engine, HALL_A, "fuzz")
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(engine, keys=HUB_KEYS))
    tried: list[str] = []
    seen: set[int] = set()
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            tried.append(f"{operation.method.upper()} {operation.path}")

            @given(operation.as_strategy())
            @settings(max_examples=EXAMPLES, deadline=None,
                      suppress_health_check=list(HealthCheck))
            def no_server_error(case: schemathesis.Case) -> None:
                for headers in ({}, {"Authorization": f"Bearer {token}"}):
                    response = case.call(headers=headers)
                    seen.add(response.status_code)
                    assert response.status_code < 500, (
                        case.method, case.path, response.status_code, response.text[:300])

            no_server_error()
    finally:
        engine.dispose()
    assert {"POST /v1/push", "GET /v1/pull"} <= set(tried), tried
    assert 401 in seen and any(200 <= code < 300 for code in seen), seen  # both paths ran
