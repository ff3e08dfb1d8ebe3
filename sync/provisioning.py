"""The provisioning string a terminal is set up with: `LGP1:<base64url JSON>`.

`kiosk-hub terminals add` prints it (and its QR code); `kiosk provision STRING` reads it.
It carries the hub's URL, the terminal id, its hall and its bearer token: a secret.
The format and its parser live in kiosk.core.scan (terminals scan it too).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from kiosk.core.scan import PROVISIONING as PREFIX
from kiosk.core.scan import Provisioning, ScanError, parse_provisioning
from kiosk.core.scan import encode_provisioning as encode

__all__ = ["FILE_NAME", "PREFIX", "Provisioning", "decode", "encode", "load", "save"]

FILE_NAME = "sync.json"  # in the terminal's data dir


def decode(text: str) -> Provisioning:
    """Parse a provisioning string; raises ValueError saying what is wrong with it."""
    parsed = parse_provisioning(text)
    if isinstance(parsed, ScanError):
        raise ValueError(f"{parsed.code}: {parsed.text('en')}")
    return parsed


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
    return Provisioning(**{key: str(data[key]) for key in ("hub", "terminal", "hall", "token")},
                        city_keys=tuple(str(k) for k in data.get("city_keys", ())))
