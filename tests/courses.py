"""The demo city's training courses kept in a terminal's store the way the sync agent
keeps a signed asset (kiosk.store.sync_state), for tests that need courses without a hub."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core.asset_signing import sign_asset
from kiosk.core.scan import public_key_text
from kiosk.core.training import TRAINING_COURSES, shipped_courses_data
from kiosk.store.store import Store
from kiosk.store.sync_state import Pulled, SyncState

CITY_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32, 64)))
OPEN_DAY = datetime(2026, 12, 8, 1, 0, tzinfo=UTC)  # 09:00 in Jinan: every sign-up open
FIRST_SESSION = datetime(2026, 12, 14, 2, 0, tzinfo=UTC)  # 10:00 on the electricians' day 1
ELECTRICIANS = "jn-2612-elec-5"


def keep_demo_courses(store: Store) -> None:
    data = shipped_courses_data()
    payload = {"name": TRAINING_COURSES, "version": data["version"], "data": data,
               "signature": sign_asset(TRAINING_COURSES, data["version"], data, CITY_KEY)}
    SyncState(store, city_keys=(public_key_text(CITY_KEY),)).apply_pulled(
        [Pulled("asset", payload)], 1, OPEN_DAY.isoformat())
