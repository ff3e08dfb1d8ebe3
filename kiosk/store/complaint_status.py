"""The statuses of this hall's complaints as the hub sends them (`complaint_status` in the
feed): enough for the touchscreen's look-up by receipt number on a machine other than the
counter that filed the complaint, and nothing that names or reaches anyone."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.core.records import CaseAction, ComplaintKind, ComplaintStatus

log = logging.getLogger(__name__)
KIND = "complaint_status"
_COLUMNS = ("id", "hall_id", "number", "kind", "status", "filed_at", "last_action", "last_on",
            "updated_at")


@dataclass(frozen=True, slots=True)
class KnownStatus:
    id: str
    number: str
    kind: ComplaintKind
    status: ComplaintStatus
    filed_at: datetime
    last_action: CaseAction | None
    last_on: date | None


def keep_status(conn: sqlite3.Connection, payload: dict[str, Any]) -> bool:
    """Store a pulled status unless it is malformed or older than the one kept."""
    try:
        row = _checked(payload)
    except (KeyError, TypeError, ValueError):
        log.warning("a pulled complaint status was malformed and skipped")
        return False
    cursor = conn.execute(
        f"INSERT INTO complaint_status ({', '.join(_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_COLUMNS))}) ON CONFLICT (id) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c != "id")
        + " WHERE complaint_status.updated_at <= excluded.updated_at", row)
    return bool(cursor.rowcount)


def _checked(payload: dict[str, Any]) -> tuple[Any, ...]:
    ComplaintKind(payload["kind"])
    ComplaintStatus(payload["status"])
    if payload["last_action"] is not None:
        CaseAction(payload["last_action"])
        date.fromisoformat(str(payload["last_on"]))
    datetime.fromisoformat(str(payload["filed_at"]).replace("Z", "+00:00"))
    values = tuple(payload[c] for c in _COLUMNS)
    if not all(isinstance(v, str) for v in values if v is not None):
        raise TypeError("a status field is not text")
    return values


def status_by_id(conn: sqlite3.Connection, hall_id: str, complaint_id: str,
                 ) -> KnownStatus | None:
    """The kept status of one complaint of the hall."""
    rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM complaint_status "
                        "WHERE hall_id = ? AND id = ?", (hall_id, complaint_id)).fetchall()
    return next((_known(r) for r in rows), None)


def statuses_of_day(conn: sqlite3.Connection, hall_id: str, day_digits: str,
                    ) -> list[KnownStatus]:
    """The kept statuses of complaints numbered on a day (`YYYYMMDD`)."""
    rows = conn.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM complaint_status WHERE hall_id = ? "
        "AND number LIKE ? ORDER BY number", (hall_id, f"TS{day_digits}-%"))
    return [_known(r) for r in rows]


def _known(r: Any) -> KnownStatus:
    return KnownStatus(
        id=r[0], number=r[2], kind=ComplaintKind(r[3]), status=ComplaintStatus(r[4]),
        filed_at=datetime.fromisoformat(r[5].replace("Z", "+00:00")),
        last_action=None if r[6] is None else CaseAction(r[6]),
        last_on=None if r[7] is None else date.fromisoformat(r[7]))
