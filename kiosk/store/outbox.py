"""The outbox: every record change waiting to reach the city hub, in creation order."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk.core.codec import JSONValue, hashed_json
from kiosk.core.ids import new_id


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    ACKED = "acked"
    REJECTED = "rejected"
    QUARANTINED = "quarantined"


class ChangeOp(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class Change:
    seq: int
    change_id: str
    entity: str
    entity_id: str
    op: ChangeOp
    payload: dict[str, Any]
    content_hash: str
    created_at: str
    state: OutboxState
    attempts: int
    last_error: str | None


_COLUMNS = ("seq, change_id, entity, entity_id, op, payload, content_hash, created_at, state, "
            "attempts, last_error")


class Outbox:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def append(self, entity: str, entity_id: str, op: ChangeOp,
               payload: dict[str, JSONValue], created_at: str) -> str:
        """Queue one change; call inside the transaction that wrote the record."""
        change_id = new_id()
        text, digest = hashed_json(payload)
        self._conn.execute(
            "INSERT INTO outbox (change_id, entity, entity_id, op, payload, content_hash, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (change_id, entity, entity_id, op.value, text, digest, created_at),
        )
        return change_id

    def counts_by_state(self) -> dict[str, int]:
        counts = {state.value: 0 for state in OutboxState}
        for state, count in self._conn.execute(
            "SELECT state, COUNT(*) FROM outbox GROUP BY state"
        ):
            counts[state] = count
        return counts

    def oldest_unsent_created_at(self) -> str | None:
        """Creation time of the oldest change not yet acknowledged by the hub."""
        row = self._conn.execute(
            "SELECT created_at FROM outbox WHERE state IN ('pending', 'sending') "
            "ORDER BY seq LIMIT 1"
        ).fetchone()
        return None if row is None else str(row[0])

    def unsent(self, limit: int = 500) -> list[Change]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE state IN ('pending', 'sending') "
            "ORDER BY seq LIMIT ?", (limit,)
        )
        return [_change(row) for row in rows]

    def for_entity(self, entity: str, entity_id: str) -> list[Change]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE entity = ? AND entity_id = ? ORDER BY seq",
            (entity, entity_id),
        )
        return [_change(row) for row in rows]


def _change(row: tuple[Any, ...]) -> Change:
    return Change(
        seq=row[0], change_id=row[1], entity=row[2], entity_id=row[3], op=ChangeOp(row[4]),
        payload=json.loads(row[5]), content_hash=row[6], created_at=row[7],
        state=OutboxState(row[8]), attempts=row[9], last_error=row[10],
    )


def refill_unsent(conn: sqlite3.Connection, entity: str, defaults: dict[str, JSONValue]) -> int:
    """Give the unsent changes of `entity` the fields a newer schema added (with the values
    their rows got), rehashed, so the hub takes changes queued before an upgrade. How many."""
    rows = conn.execute(
        "SELECT seq, payload FROM outbox WHERE entity = ? "
        "AND state IN ('pending', 'sending', 'quarantined', 'rejected')", (entity,)).fetchall()
    for seq, old in rows:
        text, digest = hashed_json({**defaults, **json.loads(old)})
        conn.execute("UPDATE outbox SET payload = ?, content_hash = ? WHERE seq = ?",
                     (text, digest, seq))
    return len(rows)
