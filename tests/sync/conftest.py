"""Fixtures for the hub and sync tests: a real PostgreSQL, SQLite files, two terminals.

`hub` is parametrised over both databases the hub runs on: PostgreSQL (production) and an
SQLite file (the embedded default of `kiosk-hub serve`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from kiosk.core.catalogue import Catalogue
from kiosk.core.scan import public_key_text
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.store import Store
from sync.agent import SyncAgent
from sync.hub.app import create_app
from sync.hub.assets import CITY_KEY_ENV
from sync.hub.database import database_url, make_engine, migrate
from sync.hub.keys import HubKeys
from sync.hub.sealing import Keyring
from sync.hub.terminals import TOUCHSCREEN, add_terminal
from sync.provisioning import Provisioning
from tests.conftest import FixedClock
from tests.sync.pg import PostgresServer, find_bin_dir

HALL_A, HALL_B = "370104-DDBL", "370112-HSL"
TEST_HUB_URL = "http://testserver"
HUB_KEY = bytes(range(32))
# The hub's keys in tests: its blind-index key and a keyring of one ID-number key.
HUB_KEYS = HubKeys(HUB_KEY, Keyring({"k1": bytes(range(96, 128))}, "k1"))
# The city's asset-signing key in tests: the hub signs with it (KIOSK_HUB_CITY_KEY_FILE),
# terminals are provisioned with its public half.
CITY_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32, 64)))
CITY_PUBLIC = public_key_text(CITY_KEY)


@pytest.fixture(autouse=True)
def city_key_file(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path_factory.mktemp("city") / "city-key.pem"
    path.write_bytes(CITY_KEY.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                            NoEncryption()))
    monkeypatch.setenv(CITY_KEY_ENV, str(path))
    return path


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.fail("PostgreSQL binaries not found: run scripts/bootstrap.sh (Debian postgresql)")
    server = PostgresServer(bin_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Hub:
    engine: Engine
    app: FastAPI
    client: TestClient

    def provision(self, hall_id: str, name: str = "counter",
                  hub_url: str = TEST_HUB_URL, *, kind: str = TOUCHSCREEN) -> Provisioning:
        terminal_id, token = add_terminal(self.engine, hall_id, name, kind=kind)
        return Provisioning(hub=hub_url, terminal=terminal_id, hall=hall_id, token=token,
                            city_keys=(CITY_PUBLIC,))


@pytest.fixture(params=["postgresql", "sqlite"])
def hub_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres")
        url = server.new_database()
    else:
        url = database_url(None, tmp_path)
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def hub(hub_engine: Engine, catalogue: Catalogue) -> Iterator[Hub]:
    app = create_app(hub_engine, catalogue, keys=HUB_KEYS)
    with TestClient(app) as client:
        yield Hub(hub_engine, app, client)


@dataclass
class Terminal:
    store: Store
    services: Services
    credentials: Provisioning

    def agent(self, client: httpx.Client) -> SyncAgent:
        return SyncAgent(self.store, self.credentials, client)


def make_terminal(path: Path, hub: Hub, hall_id: str, catalogue: Catalogue,
                  clock: FixedClock, *, kind: str = TOUCHSCREEN) -> Terminal:
    """A terminal of `hall_id`: a touchscreen at the hub unless `kind` says otherwise."""
    creds = hub.provision(hall_id, kind=kind)
    store = Store(path)
    settings = HallSettings(hall_id=hall_id, terminal_id=creds.terminal,
                            blind_index_key=hall_id.encode() * 3,
                            areas=frozenset({"槐荫区", "市中区"}))
    return Terminal(store, Services(store, settings, catalogue, clock), creds)


@pytest.fixture
def hall_a(tmp_path: Path, hub: Hub, catalogue: Catalogue,
           clock: FixedClock) -> Iterator[Terminal]:
    terminal = make_terminal(tmp_path / "a.sqlite3", hub, HALL_A, catalogue, clock)
    yield terminal
    terminal.store.close()


@pytest.fixture
def hall_b(tmp_path: Path, hub: Hub, catalogue: Catalogue,
           clock: FixedClock) -> Iterator[Terminal]:
    terminal = make_terminal(tmp_path / "b.sqlite3", hub, HALL_B, catalogue, clock)
    yield terminal
    terminal.store.close()
