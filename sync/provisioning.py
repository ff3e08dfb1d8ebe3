"""The provisioning string a terminal is set up with: `LGP1:<base64url JSON>`.

`kiosk-hub terminals add` prints it (and its QR code); `kiosk provision STRING` reads it.
It carries the hub's URL, the terminal id, its hall and its bearer token: a secret.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

PREFIX = "LGP1"
FILE_NAME = "sync.json"  # in the terminal's data dir


@dataclass(frozen=True, slots=True)
class Provisioning:
    hub: str  # base URL, e.g. https://hub.example:8443
    terminal: str
    hall: str
    token: str


def encode(p: Provisioning) -> str:
    raw = json.dumps(asdict(p), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return f"{PREFIX}:{base64.urlsafe_b64encode(raw).decode('ascii').rstrip('=')}"


def decode(text: str) -> Provisioning:
    """Parse a provisioning string; raises ValueError saying what is wrong with it."""
    prefix, _, body = text.strip().partition(":")
    if prefix != PREFIX or not body:
        raise ValueError(f"not a provisioning string (it starts with {PREFIX}:)")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        data = json.loads(raw.decode("utf-8"))
        fields = {key: str(data[key]) for key in ("hub", "terminal", "hall", "token")}
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError, KeyError,
            TypeError) as exc:
        raise ValueError(f"damaged provisioning string ({exc})") from exc
    if not all(fields.values()):
        raise ValueError("damaged provisioning string (an empty field)")
    return Provisioning(**fields)


def save(path: Path, p: Provisioning) -> None:
    """Write the terminal's provisioning (it holds the token: owner-only, replaced atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(p), handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def load(path: Path) -> Provisioning | None:
    """The saved provisioning, or None when this terminal was never provisioned."""
    if not path.exists():
        return None
    data = json.loads(path.read_text("utf-8"))
    return Provisioning(**{key: str(data[key]) for key in ("hub", "terminal", "hall", "token")})
