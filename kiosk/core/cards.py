"""Worker cards that prove themselves: `LGW2`, signed by the terminal that issued it.

`LGW2:<worker uuid>:<key id>:<signature>`: the signature is the issuing terminal's Ed25519
signature over the ASCII text before the last colon (`LGW2:<worker uuid>:<key id>`), 64
bytes as unpadded base64url (86 characters). The key id names the key: the first 6 bytes
of the SHA-256 of its raw public key, unpadded base64url (8 characters). Every terminal's
public key reaches every other terminal in the city's signed `card_keys` asset, so a card
from any hall is checked offline (docs/scan-formats.md).

What a check-in then does with the card is kiosk.core.card_rules.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.core.card_rules import CardProof

SIGNED_CARD = "LGW2"
KEY_ID_BYTES = 6
KEY_ID_CHARS = 8  # unpadded base64url of 6 bytes
SIGNATURE_BYTES = 64


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def raw_public_key(private: bytes) -> bytes:
    """The 32 raw bytes of the public half of a raw 32-byte Ed25519 private key."""
    key = Ed25519PrivateKey.from_private_bytes(private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_text(private: bytes) -> str:
    """The public half as standard base64 (how the hub and the `card_keys` asset name it)."""
    return base64.b64encode(raw_public_key(private)).decode("ascii")


def key_id(public: bytes) -> str:
    """The 8-character id a card names its key by."""
    return _b64url(hashlib.sha256(public).digest()[:KEY_ID_BYTES])


def card_message(worker_id: str, kid: str) -> bytes:
    """The bytes a terminal signs for a worker's card."""
    return f"{SIGNED_CARD}:{worker_id}:{kid}".encode("ascii")


def sign_worker_card(worker_id: str, private: bytes) -> str:
    """The `LGW2` text of a worker's card, signed with the terminal's raw private key."""
    key = Ed25519PrivateKey.from_private_bytes(private)
    kid = key_id(raw_public_key(private))
    message = card_message(worker_id, kid)
    return f"{message.decode('ascii')}:{_b64url(key.sign(message))}"


def signed_by_any(message: bytes, signature: bytes, keys: Iterable[bytes]) -> bool:
    """Whether one of the raw Ed25519 public keys `keys` signed `message`."""
    if len(signature) != SIGNATURE_BYTES:
        return False
    for raw in keys:
        try:
            Ed25519PublicKey.from_public_bytes(raw).verify(signature, message)
        except (InvalidSignature, ValueError):
            continue
        return True
    return False


def card_proof(worker_id: str, kid: str, signature: bytes,
               card_keys: Iterable[bytes]) -> CardProof:
    """What an `LGW2` card's signature proves with the terminal keys this terminal has."""
    named = [raw for raw in card_keys if key_id(raw) == kid]
    if not named:
        return CardProof.UNKNOWN_KEY
    if signed_by_any(card_message(worker_id, kid), signature, named):
        return CardProof.SIGNED
    return CardProof.BAD_SIGNATURE
