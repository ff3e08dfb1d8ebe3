"""Signatures of the city's data files (rules, catalogue) served through the sync feed.

The city signs each published asset with its Ed25519 key, as it signs phone
pre-registrations (`LGR1`, kiosk.core.scan). The signature covers the ASCII bytes
`LGA1:<name>:<version>:` followed by the UTF-8 canonical JSON of the data
(`kiosk.core.codec.canonical_json`): the name and version cannot be swapped to another
file. It travels base64url (no padding) in the feed payload as `signature`. A terminal
uses an asset only when a city key it was provisioned with verifies it, and otherwise
keeps the version it has.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
)

from kiosk.core.codec import canonical_json
from kiosk.core.scan import ScanKeys, signed_by_city

ASSET_SIGNATURE = "LGA1"
SIGNATURE_BYTES = 64


def asset_message(name: str, version: int, data: Mapping[str, Any]) -> bytes:
    """The bytes the city signs for version `version` of asset `name`."""
    head = f"{ASSET_SIGNATURE}:{name}:{int(version)}:".encode("ascii")
    return head + canonical_json(dict(data)).encode("utf-8")


def sign_asset(name: str, version: int, data: Mapping[str, Any],
               key: Ed25519PrivateKey) -> str:
    """The base64url signature of an asset (for `kiosk-hub assets publish` and tests)."""
    raw = key.sign(asset_message(name, version, data))
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def verify_asset(payload: Mapping[str, Any], keys: ScanKeys) -> bool:
    """True when one of `keys` signed this feed payload ({name, version, data, signature})."""
    name, version, data = payload.get("name"), payload.get("version"), payload.get("data")
    signature = _signature_bytes(payload.get("signature"))
    if signature is None or not isinstance(name, str) or not isinstance(data, dict) or (
            not isinstance(version, int) or isinstance(version, bool)):
        return False
    try:
        message = asset_message(name, version, data)
    except (ValueError, TypeError, UnicodeEncodeError):
        return False
    return signed_by_city(message, signature, keys)


def _signature_bytes(text: Any) -> bytes | None:
    if not isinstance(text, str) or len(text) != 86:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "==")
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == SIGNATURE_BYTES else None
