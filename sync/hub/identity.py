"""One worker city-wide: workers registered at two halls while offline are merged.

Each terminal has its own blind-index key, so terminals' indexes cannot be compared. The
hub computes its own index (HMAC-SHA256 with the hub key) from the plain ID number a
terminal sends until the hub acknowledged it. `worker_identities` holds one row per hub
index, and its PRIMARY KEY decides which worker came first (`ON CONFLICT DO NOTHING`, never
check-then-insert): that worker is canonical. A later worker with the same index becomes
an alias in `worker_aliases`, and a `worker_merge` item goes out in the pull feed so every
terminal re-points the alias's check-ins and referrals.
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.core.codec import canonical_json
from kiosk.core.privacy import blind_index
from kiosk.core.records import Worker
from sync.hub.datadir import PRIVATE_FILE_MODE
from sync.hub.schema import feed, worker_aliases, worker_identities

DEFAULT_KEY_FILE = "kiosk-hub.key"
KEY_BYTES = 32
MERGE_KIND = "worker_merge"


class DamagedKey(ValueError):
    """The key file holds no usable key (not hex, or too short)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: the hub key must be at least {KEY_BYTES} bytes of hex")
        self.path = path


def load_or_create_key(path: Path) -> bytes:
    """The hub key in `path` (hex); a new random one is written (mode 0600, whatever the
    umask) when missing. Raises DamagedKey, or OSError when the file cannot be used."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return _create_key(path)
    except UnicodeDecodeError as exc:
        raise DamagedKey(path) from exc
    try:
        key = bytes.fromhex(text)
    except ValueError as exc:
        raise DamagedKey(path) from exc
    if len(key) < KEY_BYTES:
        raise DamagedKey(path)
    return key


def _create_key(path: Path) -> bytes:
    key = secrets.token_bytes(KEY_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.fchmod(fd, PRIVATE_FILE_MODE)  # the umask may have taken bits off
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.hex() + "\n")
        out.flush()
        os.fsync(out.fileno())
    return key


def merge_workers(conn: Connection, stored: Sequence[tuple[Worker, int]], key: bytes) -> None:
    """Claim each worker's hub index; a worker whose index is taken becomes an alias."""
    claims = [(blind_index(key, worker.id_number), worker.id, seq)
              for worker, seq in stored if worker.id_number]
    if not claims:
        return
    claimed = {(str(row.hub_index), str(row.worker_id)) for row in conn.execute(
        _claim(conn.dialect.name), [
            {"hub_index": index, "worker_id": worker_id, "change_seq": seq}
            for index, worker_id, seq in claims])}
    # Only a worker whose index was taken already (rare) needs the owner looked up.
    others = [(index, worker_id, seq) for index, worker_id, seq in claims
              if (index, worker_id) not in claimed]
    if not others:
        return
    owners = {str(row.hub_index): str(row.worker_id) for row in conn.execute(
        select(worker_identities.c.hub_index, worker_identities.c.worker_id).where(
            worker_identities.c.hub_index.in_({index for index, _, _ in others})))}
    for index, worker_id, seq in others:
        if owners[index] != worker_id:
            _alias(conn, worker_id, owners[index], seq)


def _alias(conn: Connection, alias_id: str, canonical_id: str, seq: int) -> None:
    inserted = conn.execute(_new_alias(conn.dialect.name), {
        "alias_id": alias_id, "canonical_id": canonical_id, "change_seq": seq}).rowcount
    if inserted:
        payload = canonical_json({"alias_id": alias_id, "canonical_id": canonical_id})
        conn.execute(feed.insert().values(kind=MERGE_KIND, record_id=alias_id, hall_id="",
                                          payload=payload))


def canonical_worker(conn: Connection, worker_id: str) -> str:
    """The canonical id of a worker (itself unless it was merged into another)."""
    row = conn.execute(select(worker_aliases.c.canonical_id).where(
        worker_aliases.c.alias_id == worker_id)).first()
    return worker_id if row is None else str(row.canonical_id)


@functools.cache
def _claim(dialect: str) -> Any:
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)
    return insert(worker_identities).on_conflict_do_nothing(
        index_elements=["hub_index"]).returning(worker_identities.c.hub_index,
                                                worker_identities.c.worker_id)


@functools.cache
def _new_alias(dialect: str) -> Any:
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)
    return insert(worker_aliases).on_conflict_do_nothing(index_elements=["alias_id"])
