"""Terminals use a city data file only when the city key signed it: a fake hub serving an
unsigned rules file that turns the discrimination check off changes nothing, nor does one
signed by another key or altered after signing; the terminal keeps its last good rules."""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core.asset_signing import sign_asset, verify_asset
from kiosk.core.errors import Err
from kiosk.core.scan import ScanKeys, public_key_text
from kiosk.store.sync_state import stored_asset
from sync.provisioning import Provisioning
from tests.conftest import employer_draft, job_draft
from tests.sync.conftest import CITY_KEY, Hub, Terminal
from tests.sync.test_assets import rules_with, shipped


def check_off(version: int) -> dict[str, Any]:
    """The shipped rules with every rule removed: nothing would ever be blocked."""
    data = copy.deepcopy(shipped("post_rules"))
    data["version"] = version
    for category in data["categories"]:
        category["rules"] = []
    return data


class FakeHub:
    """Whatever answers at the hub's address: serves one feed page of assets."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        page = {"version": 1, "items": items, "next_cursor": len(items), "more": False}
        body = json.dumps(page, ensure_ascii=False).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def asset_item(seq: int, data: dict[str, Any], signature: str | None) -> dict[str, Any]:
    payload: dict[str, Any] = {"name": "post_rules", "version": data["version"], "data": data}
    if signature is not None:
        payload["signature"] = signature
    return {"seq": seq, "kind": "asset", "record_id": "post_rules", "payload": payload}


@pytest.fixture
def fake_items() -> list[dict[str, Any]]:
    other = Ed25519PrivateKey.generate()
    off = check_off(990)
    signed_then_altered = check_off(992)
    signature = sign_asset("post_rules", 992, rules_with("限属龙", 992), CITY_KEY)
    return [asset_item(1, off, None),  # unsigned
            asset_item(2, check_off(991), sign_asset("post_rules", 991, check_off(991), other)),
            asset_item(3, signed_then_altered, signature),
            asset_item(4, check_off(993), "A" * 86)]


@pytest.fixture
def fake(fake_items: list[dict[str, Any]]) -> Iterator[FakeHub]:
    server = FakeHub(fake_items)
    yield server
    server.close()


def blocked(terminal: Terminal) -> bool:
    s = terminal.services
    employer = s.register_employer(employer_draft())
    assert not isinstance(employer, Err)
    return isinstance(s.post_job(job_draft(employer.value.id, description="限男性")), Err)


def test_a_fake_hub_cannot_turn_the_check_off(hub: Hub, hall_a: Terminal,
                                               fake: FakeHub) -> None:
    good = rules_with("限属龙", 90)  # the last good version, from the real hub
    from sync.hub.assets import publish

    publish(hub.engine, "post_rules", good)
    assert hall_a.agent(hub.client).sync_once().ok
    assert stored_asset(hall_a.store, "post_rules")["version"] == 90  # type: ignore[index]
    creds = hall_a.credentials
    fooled = Provisioning(hub=fake.url, terminal=creds.terminal, hall=creds.hall,
                          token=creds.token, city_keys=creds.city_keys)
    hall_a.credentials = fooled
    with httpx.Client(timeout=10) as client:
        hall_a.agent(client).pull_page(_report())
    kept = stored_asset(hall_a.store, "post_rules")
    assert kept is not None and kept["version"] == 90
    assert blocked(hall_a)


def test_a_terminal_without_city_keys_uses_no_published_asset(hub: Hub,
                                                             hall_a: Terminal) -> None:
    from sync.hub.assets import publish

    publish(hub.engine, "post_rules", rules_with("限属龙", 90))
    creds = hall_a.credentials
    hall_a.credentials = Provisioning(hub=creds.hub, terminal=creds.terminal,
                                      hall=creds.hall, token=creds.token)
    assert hall_a.agent(hub.client).sync_once().ok
    assert stored_asset(hall_a.store, "post_rules") is None  # the shipped rules stay


def test_verify_asset_needs_the_exact_signed_name_version_and_data() -> None:
    keys = ScanKeys.from_texts([public_key_text(CITY_KEY)])
    data = rules_with("限属龙", 90)
    payload = {"name": "post_rules", "version": 90, "data": data,
               "signature": sign_asset("post_rules", 90, data, CITY_KEY)}
    assert verify_asset(payload, keys)
    assert not verify_asset({**payload, "version": 91}, keys)
    assert not verify_asset({**payload, "name": "catalogue"}, keys)
    assert not verify_asset({**payload, "data": rules_with("限属虎", 90)}, keys)
    assert not verify_asset({k: v for k, v in payload.items() if k != "signature"}, keys)
    assert not verify_asset(payload, ScanKeys())


def _report() -> Any:
    from sync.agent import SyncReport

    return SyncReport()
