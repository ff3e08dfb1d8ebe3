"""Staff accounts on this terminal: not synced (each hall manages its own counter staff)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from kiosk.core.codec import iso_utc
from kiosk.core.staff import StaffMember, StaffRole

_COLUMNS = ("id", "name", "role", "pin_hash", "active", "failed_attempts", "locked_until",
            "created_at", "updated_at")


class StaffTable:
    """Writes must run inside the store's transaction (`Store.write()`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def get(self, staff_id: str) -> StaffMember | None:
        row = self._conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM staff WHERE id = ?", (staff_id,)).fetchone()
        return None if row is None else _member(row)

    def all(self) -> list[StaffMember]:
        rows = self._conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM staff ORDER BY id")
        return [_member(row) for row in rows]

    def insert(self, member: StaffMember) -> bool:
        """False when the id is taken."""
        try:
            self._conn.execute(
                f"INSERT INTO staff ({', '.join(_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_COLUMNS))})", _values(member))
        except sqlite3.IntegrityError:
            return False
        return True

    def update(self, member: StaffMember) -> None:
        sets = ", ".join(f"{c} = ?" for c in _COLUMNS[1:])
        self._conn.execute(f"UPDATE staff SET {sets} WHERE id = ?",
                           [*_values(member)[1:], member.id])

    def count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM staff").fetchone()[0])


def _values(m: StaffMember) -> list[Any]:
    return [m.id, m.name, m.role.value, m.pin_hash, int(m.active), m.failed_attempts,
            None if m.locked_until is None else iso_utc(m.locked_until),
            iso_utc(m.created_at), iso_utc(m.updated_at)]


def _member(row: Sequence[Any]) -> StaffMember:
    return StaffMember(
        id=row[0], name=row[1], role=StaffRole(row[2]), pin_hash=row[3], active=bool(row[4]),
        failed_attempts=int(row[5]), locked_until=None if row[6] is None else _time(row[6]),
        created_at=_time(row[7]), updated_at=_time(row[8]))


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
