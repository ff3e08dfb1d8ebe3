"""ID numbers sealed at rest: AES-256-GCM under keys the database never holds.

The keys live in a keyring file beside the hub key (`kiosk-hub.key` →
`kiosk-hub-ids.keyring`), mode 0600, one `<key id> <hex key>` line per key, the last line
the current one. A sealed value is `<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>`, so
keys can rotate: a new key is appended, every value is sealed again under it, and the old
lines stay readable for backups made before. The worker's id is the associated data, so a
sealed number copied onto another worker's row does not open.

A dump of the database therefore holds no plain ID number; the hub's blind index
(`identity`) finds a worker by number without opening any.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sync.hub.datadir import PRIVATE_FILE_MODE

KEY_BYTES = 32
NONCE_BYTES = 12
_LINE = re.compile(r"^(k[1-9][0-9]{0,5}) ([0-9a-f]{64})$")


class DamagedKeyring(ValueError):
    """The keyring file cannot be read as keys (a wrong line, no key, a repeated id)."""

    def __init__(self, path: Path, line: int = 0) -> None:
        where = f" (line {line})" if line else ""
        super().__init__(f"{path}{where}: not a keyring of ID-number keys")
        self.path = path
        self.line = line


class CannotUnseal(ValueError):
    """A sealed value whose key is not in the keyring, or that does not open."""


@dataclass(frozen=True, slots=True)
class Keyring:
    """Keys by id; `current` seals, all of them open."""

    keys: Mapping[str, bytes]
    current: str

    def seal(self, worker_id: str, id_number: str) -> str:
        nonce = secrets.token_bytes(NONCE_BYTES)
        box = AESGCM(self.keys[self.current]).encrypt(
            nonce, id_number.encode("ascii"), worker_id.encode("utf-8"))
        return f"{self.current}:{base64.urlsafe_b64encode(nonce + box).decode('ascii')}"

    def unseal(self, worker_id: str, sealed: str) -> str:
        key_id, _, body = sealed.partition(":")
        key = self.keys.get(key_id)
        if key is None:
            raise CannotUnseal(f"no key {key_id!r} in the keyring")
        try:
            raw = base64.urlsafe_b64decode(body.encode("ascii"))
            plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:],
                                        worker_id.encode("utf-8"))
        except (ValueError, InvalidTag) as exc:
            raise CannotUnseal(f"a value sealed with {key_id!r} does not open") from exc
        return plain.decode("ascii")

    def is_current(self, sealed: str) -> bool:
        return sealed.partition(":")[0] == self.current


def keyring_path(hub_key_file: Path) -> Path:
    """The keyring beside the hub key: `kiosk-hub.key` → `kiosk-hub-ids.keyring`."""
    return hub_key_file.with_name(f"{hub_key_file.stem}-ids.keyring")


def load_or_create_keyring(path: Path) -> Keyring:
    """The keyring in `path`; one with a first random key is written when missing.
    Raises DamagedKeyring, or OSError when the file cannot be used."""
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return add_key(path)
    except UnicodeDecodeError as exc:
        raise DamagedKeyring(path) from exc
    return _parse(path, text)


def add_key(path: Path) -> Keyring:
    """Append a new random key, which becomes the current one (the file is created 0600
    when missing); returns the whole keyring."""
    try:
        old = _parse(path, path.read_text(encoding="ascii"))
    except FileNotFoundError:
        old = None
    key_id = "k1" if old is None else f"k{max(int(k[1:]) for k in old.keys) + 1}"
    line = f"{key_id} {secrets.token_bytes(KEY_BYTES).hex()}\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
    os.fchmod(fd, PRIVATE_FILE_MODE)  # the umask may have taken bits off
    with os.fdopen(fd, "a", encoding="ascii") as out:
        out.write(line)
        out.flush()
        os.fsync(out.fileno())
    return _parse(path, path.read_text(encoding="ascii"))


def _parse(path: Path, text: str) -> Keyring:
    keys: dict[str, bytes] = {}
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _LINE.match(line.strip())
        if match is None or match[1] in keys:
            raise DamagedKeyring(path, number)
        keys[match[1]] = bytes.fromhex(match[2])
        current = match[1]
    if not keys:
        raise DamagedKeyring(path)
    return Keyring(keys, current)
