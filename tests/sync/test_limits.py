"""Auth first, small answers: the hub reads no body before the token is known, bounds what a
body may be and inflate to, never repeats input, throttles each terminal, and says when
its database is down. Real hub app on PostgreSQL and SQLite (and on a dead database)."""

from __future__ import annotations

import gzip
import json
import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from kiosk.core.catalogue import Catalogue
from sync import protocol
from sync.hub.app import create_app
from sync.hub.database import make_engine
from sync.hub.limits import Limits, TokenBuckets
from sync.protocol import PushRequest
from sync.provisioning import Provisioning
from sync.runner import run_forever
from tests.conftest import FixedClock
from tests.sync.conftest import HALL_A, HALL_B, HUB_KEYS, Hub, make_terminal
from tests.sync.pg import free_port

SMALL_ANSWER = 512


def gzip_bomb() -> bytes:
    """31 KB on the wire, 32 MB of JSON once inflated: one string field of spaces."""
    inner = b" " * (32 * 1024 * 1024)
    body = b'{"version":1,"terminal_id":"T","hall_id":"H","changes":[' + inner + b"]}"
    bomb = gzip.compress(body, compresslevel=9)
    assert 30_000 < len(bomb) < 33_000
    return bomb


def push_raw(client: TestClient, body: bytes, token: str | None, *,
             encoding: str | None = "gzip") -> tuple[int, bytes, float]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if encoding is not None:
        headers["Content-Encoding"] = encoding
    start = time.perf_counter()
    response = client.post(protocol.PUSH_PATH, content=body, headers=headers)
    return response.status_code, response.content, time.perf_counter() - start


def empty_push(creds: Provisioning) -> bytes:
    return protocol.encode(PushRequest(terminal_id=creds.terminal, hall_id=creds.hall,
                                       changes=[]), compress=False)


def test_a_gzip_bomb_without_a_token_is_401_fast_and_small(hub: Hub) -> None:
    status, content, seconds = push_raw(hub.client, gzip_bomb(), None)
    assert status == 401
    assert len(content) < SMALL_ANSWER and seconds < 1.0
    status, content, _ = push_raw(hub.client, gzip_bomb(), "not-a-token")
    assert status == 401 and len(content) < SMALL_ANSWER


def test_a_gzip_bomb_with_a_token_is_413_and_small(hub: Hub) -> None:
    creds = hub.provision(HALL_A)
    status, content, seconds = push_raw(hub.client, gzip_bomb(), creds.token)
    assert status == 413 and len(content) < SMALL_ANSWER and seconds < 2.0


def test_inflation_beyond_the_ratio_is_413(hub_engine: Engine) -> None:
    limits = Limits(max_inflation=10, inflation_floor=1024)
    with TestClient(create_app(hub_engine, keys=HUB_KEYS, limits=limits)) as client:
        creds = Hub(hub_engine, client.app, client).provision(HALL_A)  # type: ignore[arg-type]
        padded = empty_push(creds)[:-1] + b" " * 50_000 + b"}"
        status, _, _ = push_raw(client, gzip.compress(padded), creds.token)
        assert status == 413
        fine = empty_push(creds)
        assert push_raw(client, gzip.compress(fine), creds.token)[0] == 200


def test_a_plain_body_over_the_wire_limit_is_413(hub_engine: Engine) -> None:
    limits = Limits(max_wire_bytes=10_000)
    with TestClient(create_app(hub_engine, keys=HUB_KEYS, limits=limits)) as client:
        creds = Hub(hub_engine, client.app, client).provision(HALL_A)  # type: ignore[arg-type]
        body = empty_push(creds)[:-1] + b" " * 20_000 + b"}"
        assert push_raw(client, body, creds.token, encoding=None)[0] == 413


def test_a_body_that_is_not_utf8_is_400(hub: Hub) -> None:
    creds = hub.provision(HALL_A)
    body = empty_push(creds).replace(creds.hall.encode(), b"\xff\xfe\xfd")
    for encoding, sent in ((None, body), ("gzip", gzip.compress(body))):
        status, content, _ = push_raw(hub.client, sent, creds.token, encoding=encoding)
        assert status == 400, content
        assert b"\xff" not in content and len(content) < SMALL_ANSWER


def test_an_unknown_content_encoding_is_400(hub: Hub) -> None:
    creds = hub.provision(HALL_A)
    assert push_raw(hub.client, empty_push(creds), creds.token, encoding="br")[0] == 400


def test_a_422_never_repeats_the_input_and_is_short(hub: Hub) -> None:
    creds = hub.provision(HALL_A)
    secret = "身份证370104197503141234" * 200
    body = json.dumps({"version": 1, "terminal_id": creds.terminal, "hall_id": creds.hall,
                       "changes": [{"x": secret}] * 8, secret: secret}).encode()
    status, content, _ = push_raw(hub.client, gzip.compress(body), creds.token)
    assert status == 422
    assert len(content) < 1024
    assert "身份证".encode() not in content and b"370104" not in content
    answer = json.loads(content)
    assert answer["error"] == "invalid_request" and "changes.0" in answer["detail"]


def test_a_bad_query_is_422_without_echo(hub: Hub) -> None:
    creds = hub.provision(HALL_A)
    response = hub.client.get(protocol.PULL_PATH, params={"after": "x" * 5000},
                              headers={"Authorization": f"Bearer {creds.token}"})
    assert response.status_code == 422 and len(response.content) < SMALL_ANSWER
    assert "xxxx" not in response.text


def test_each_terminal_has_its_own_push_and_pull_rate(hub_engine: Engine) -> None:
    limits = Limits(push_per_s=0.01, push_burst=2, pull_per_s=0.01, pull_burst=3)
    with TestClient(create_app(hub_engine, keys=HUB_KEYS, limits=limits)) as client:
        hub = Hub(hub_engine, client.app, client)  # type: ignore[arg-type]
        a, b = hub.provision(HALL_A), hub.provision(HALL_B)
        codes = [push_raw(client, empty_push(a), a.token, encoding=None)[0] for _ in range(3)]
        assert codes == [200, 200, 429]
        assert push_raw(client, empty_push(b), b.token, encoding=None)[0] == 200
        auth = {"Authorization": f"Bearer {a.token}"}
        pulls = [client.get(protocol.PULL_PATH, headers=auth) for _ in range(4)]
        assert [r.status_code for r in pulls] == [200, 200, 200, 429]
        assert int(pulls[-1].headers["Retry-After"]) >= 1


def test_token_buckets_refill_with_time() -> None:
    now = [0.0]
    buckets = TokenBuckets(per_s=2.0, burst=2, clock=lambda: now[0])
    assert [buckets.take("t") for _ in range(3)] == [True, True, False]
    now[0] += 0.5
    assert buckets.take("t") and not buckets.take("t")
    assert buckets.take("other")


def test_limits_come_from_the_environment() -> None:
    limits = Limits.from_environment({"KIOSK_HUB_LIMIT_PUSH_PER_S": "2.5",
                                      "KIOSK_HUB_LIMIT_MAX_BODY_BYTES": "1000"})
    assert limits.push_per_s == 2.5 and limits.max_body_bytes == 1000
    assert limits.pull_burst == Limits().pull_burst


def test_health_checks_the_database(hub: Hub) -> None:
    assert hub.client.get("/health").json() == {"status": "ok"}
    dead = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none")
    with TestClient(create_app(dead, keys=HUB_KEYS)) as client:
        response = client.get("/health")
    dead.dispose()
    assert response.status_code == 503
    assert response.json() == {"status": "database_unavailable"}


class RecordedWait(threading.Event):
    """The runner's stop event: records how long it was asked to wait, then stops it."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout or 0.0)
        self.set()
        return True


def test_the_agent_waits_as_long_as_a_429_asks(hub_engine: Engine, tmp_path: Path,
                                               catalogue: Catalogue) -> None:
    limits = Limits(pull_per_s=0.001, pull_burst=1)
    with TestClient(create_app(hub_engine, keys=HUB_KEYS, limits=limits)) as client:
        hub = Hub(hub_engine, client.app, client)  # type: ignore[arg-type]
        terminal = make_terminal(tmp_path / "t.sqlite3", hub, HALL_A, catalogue, FixedClock())
        try:
            assert terminal.agent(client).sync_once().ok  # the one pull the bucket holds
            refused = terminal.agent(client).sync_once()
            assert not refused.ok and refused.retry_after_s is not None
            assert refused.retry_after_s >= 60  # ~1000 s for a token at 0.001/s
            stop = RecordedWait()
            run_forever(terminal.agent(client), 15.0, stop)
            assert stop.waits[-1] >= refused.retry_after_s - 1  # not the 15 s interval
        finally:
            terminal.store.close()
