"""The hub's secrets, from files beside each other and apart from the database: the key
of the blind index (`identity`) and the keyring that seals ID numbers (`sealing`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sync.hub.identity import load_or_create_key
from sync.hub.sealing import Keyring, keyring_path, load_or_create_keyring


@dataclass(frozen=True, slots=True)
class HubKeys:
    index: bytes  # HMAC key of the hub's blind index of ID numbers
    ids: Keyring  # seals ID numbers at rest


def load_hub_keys(key_file: Path) -> HubKeys:
    """Both keys, each created (mode 0600) when missing. Raises identity.DamagedKey,
    sealing.DamagedKeyring, or OSError."""
    return HubKeys(load_or_create_key(key_file), load_or_create_keyring(keyring_path(key_file)))
