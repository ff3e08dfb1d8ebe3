"""Terminals' worker-card keys: each terminal tells the hub the public half of its Ed25519
card key (POST /v1/card-key, for the token's own terminal only) and the hub publishes every
active terminal's key to every hall in the city-signed `card_keys` asset (sync.hub.assets),
so any terminal checks any hall's `LGW2` card offline (kiosk.core.cards).

A revoked terminal's key leaves the next publication: a stolen terminal cannot mint cards
the city accepts. Publishing needs the city key (KIOSK_HUB_CITY_KEY_FILE); a hub without
it keeps the keys and `kiosk-hub assets publish-card-keys` publishes them.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, Engine, select, update

from kiosk.core.assets import CARD_KEYS
from sync.hub.assets import latest, publish
from sync.hub.schema import terminals
from sync.hub.terminals import Identity

KEY_BYTES = 32


class BadCardKey(ValueError):
    """The key sent is not a base64 Ed25519 public key, or names another terminal."""


def public_key_ok(text: str) -> bool:
    try:
        return len(base64.b64decode(text, validate=True)) == KEY_BYTES
    except (binascii.Error, ValueError):
        return False


def record_key(conn: Connection, who: Identity, terminal_id: str, public_key: str) -> bool:
    """Keep `public_key` as the calling terminal's card key; True when it is new for it.
    Raises BadCardKey for a key of another terminal or one that is not a key."""
    if terminal_id != who.terminal_id:
        raise BadCardKey("a terminal registers its own card key only")
    if not public_key_ok(public_key):
        raise BadCardKey("not a base64 Ed25519 public key")
    current = conn.execute(select(terminals.c.card_key).where(
        terminals.c.id == who.terminal_id)).scalar_one_or_none()
    if current == public_key:
        return False
    conn.execute(update(terminals).where(terminals.c.id == who.terminal_id).values(
        card_key=public_key))
    return True


def card_keys_data(engine: Engine) -> dict[str, object]:
    """The next `card_keys` asset: every active terminal's key, version one above the last."""
    cols = terminals.c
    with engine.connect() as conn:
        rows = conn.execute(select(cols.id, cols.hall_id, cols.card_key).where(
            cols.card_key.is_not(None), cols.revoked_at.is_(None)).order_by(cols.id)).all()
    last = latest(engine, CARD_KEYS)
    version = 1 if last is None else int(last["version"]) + 1
    return {"version": version, "keys": [
        {"terminal": str(t), "hall": str(h), "key": str(k)} for t, h, k in rows]}


def publish_card_keys(engine: Engine, signing_key: Ed25519PrivateKey | None = None) -> int:
    """Sign and publish every active terminal's card key; the version published."""
    return publish(engine, CARD_KEYS, card_keys_data(engine), signing_key=signing_key)
