"""Typed access to the record tables: rows in, records out."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import typing
from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar

from kiosk.core.codec import (
    JSONValue,
    compact_json,
    from_payload,
    payload_defaults,
    to_payload,
)
from kiosk.core.records import (
    Arrival,
    Attendance,
    AuditEvent,
    CaseStep,
    CheckIn,
    Complaint,
    CourseCancel,
    CourseSignup,
    Employer,
    HelpRequest,
    JobPost,
    Notice,
    QueueCall,
    Record,
    Referral,
    SafetyAck,
    ServiceEvent,
    StaffCall,
    Worker,
)

R = TypeVar("R", bound=Record)

TABLE_NAMES: dict[type[Any], str] = {
    Worker: "workers",
    Employer: "employers",
    JobPost: "jobs",
    CheckIn: "checkins",
    Referral: "referrals",
    ServiceEvent: "service_events",
    Complaint: "complaints",
    CaseStep: "case_steps",
    Notice: "notices",
    AuditEvent: "audit_events",
    QueueCall: "queue_calls",
    CourseSignup: "course_signups",
    Attendance: "attendance",
    StaffCall: "staff_calls",
    Arrival: "arrivals",
    SafetyAck: "safety_acks",
    HelpRequest: "help_requests",
    CourseCancel: "course_cancels",
}


def _json_columns(cls: type[Any]) -> frozenset[str]:
    hints = typing.get_type_hints(cls)
    return frozenset(
        f.name for f in dataclasses.fields(cls) if typing.get_origin(hints[f.name]) is tuple
    )


class RecordTable(Generic[R]):
    """One record type's table. Writes must run inside the store's transaction."""

    def __init__(self, conn: sqlite3.Connection, cls: type[R]) -> None:
        self._conn = conn
        self.cls = cls
        self.name = TABLE_NAMES[cls]
        self._columns = tuple(f.name for f in dataclasses.fields(cls))
        self._json = _json_columns(cls)
        self._defaults = payload_defaults(cls)
        placeholders = ", ".join("?" for _ in self._columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in self._columns if c != "id")
        self._upsert_sql = (
            f"INSERT INTO {self.name} ({', '.join(self._columns)}) VALUES ({placeholders}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}"
        )

    def row_values(self, payload: dict[str, JSONValue]) -> list[Any]:
        """A payload's column values; a field it lacks (a record written before the field
        existed, pulled from the hub) takes its default."""
        defaults = self._defaults
        return [self._to_column(c, payload[c] if c in payload else defaults[c])
                for c in self._columns]

    def upsert_payload(self, payload: dict[str, JSONValue]) -> None:
        self._conn.execute(self._upsert_sql, self.row_values(payload))

    def upsert(self, record: R) -> None:
        self.upsert_payload(to_payload(record))

    def get(self, record_id: str) -> R | None:
        return self.first("id = ?", [record_id])

    def first(self, where: str, params: Sequence[Any] = (), order_by: str = "") -> R | None:
        return next(iter(self.where(where, params, order_by=order_by, limit=1)), None)

    def where(self, where: str = "1", params: Sequence[Any] = (), *, order_by: str = "",
              limit: int | None = None, offset: int = 0) -> Iterator[R]:
        sql = f"SELECT {', '.join(self._columns)} FROM {self.name} WHERE {where}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
            if offset:
                sql += f" OFFSET {int(offset)}"
        for row in self._conn.execute(sql, list(params)):
            yield self._record(row)

    def count(self, where: str = "1", params: Sequence[Any] = ()) -> int:
        sql = f"SELECT COUNT(*) FROM {self.name} WHERE {where}"
        return int(self._conn.execute(sql, list(params)).fetchone()[0])

    def _record(self, row: Sequence[Any]) -> R:
        payload = {
            col: json.loads(val) if col in self._json else val
            for col, val in zip(self._columns, row, strict=True)
        }
        return from_payload(self.cls, payload)

    def _to_column(self, column: str, value: JSONValue) -> Any:
        if column in self._json:
            return compact_json(value)
        if isinstance(value, bool):
            return int(value)
        return value
