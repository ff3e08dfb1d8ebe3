"""The reads of calling queue numbers (叫号): the next number waiting, what each counter
window called last, the last calls of the day, and how many wait before a number.

A number is its terminal's letter and its number (A012, kiosk.core.queue_numbers). It is
waiting while it has a check-in today and no call of any kind: a number called once (or
passed over) is never the next again; recall calls the same number. The next is the
oldest check-in waiting, whichever touchscreen numbered it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

_UNCALLED = """NOT EXISTS (
    SELECT 1 FROM queue_calls q
    WHERE q.hall_id = c.hall_id AND q.day = c.day AND q.queue_no = c.queue_no
      AND q.queue_prefix = c.queue_prefix)"""
_NEXT = f"""
SELECT c.queue_prefix, c.queue_no FROM checkins c
WHERE c.hall_id = :hall AND c.day = :day AND c.queue_no IS NOT NULL AND {_UNCALLED}
ORDER BY c.created_at, c.queue_no, c.queue_prefix LIMIT 1
"""
_AHEAD = f"""
SELECT count(*) FROM checkins c
WHERE c.hall_id = :hall AND c.day = :day AND c.queue_no IS NOT NULL AND {_UNCALLED}
  AND (c.created_at, c.queue_no, c.queue_prefix) < (
    SELECT t.created_at, t.queue_no, t.queue_prefix FROM checkins t
    WHERE t.hall_id = :hall AND t.day = :day AND t.queue_no = :number
      AND t.queue_prefix = :prefix)
"""
_WAITING = f"""
SELECT count(*) FROM checkins c
WHERE c.hall_id = :hall AND c.day = :day AND c.queue_no IS NOT NULL AND {_UNCALLED}
"""
_RECENT = """
SELECT queue_no, window, action, created_at, queue_prefix FROM queue_calls
WHERE hall_id = :hall AND day = :day
ORDER BY created_at DESC, rowid DESC LIMIT :limit
"""
_LAST_AT_WINDOW = """
SELECT queue_no, window, action, created_at, queue_prefix FROM queue_calls
WHERE hall_id = :hall AND day = :day AND window = :window
ORDER BY created_at DESC, rowid DESC LIMIT 1
"""


@dataclass(frozen=True, slots=True)
class CallRow:
    queue_no: int
    window: str
    action: str  # a CallAction value
    created_at: str  # UTC ISO
    queue_prefix: str = ""  # the number's letter (A012)


QueueNo = tuple[str, int]  # a number of the day: its letter ("" for none) and number

class QueueReader:
    """Reads over a connection (the store's, or the board's read-only one)."""

    def __init__(self, conn: sqlite3.Connection, hall_id: str) -> None:
        self._conn = conn
        self._hall = hall_id

    def next_waiting(self, day: str) -> QueueNo | None:
        """Today's oldest check-in whose number has not been called (or passed over), of
        any letter."""
        row = self._conn.execute(_NEXT, {"hall": self._hall, "day": day}).fetchone()
        return None if row is None else (str(row[0]), int(row[1]))

    def waiting_before(self, day: str, number: int, prefix: str = "") -> int:
        """How many numbers checked in before `prefix``number` still wait to be called."""
        params = {"hall": self._hall, "day": day, "number": number, "prefix": prefix}
        return int(self._conn.execute(_AHEAD, params).fetchone()[0])

    def waiting(self, day: str) -> int:
        return int(self._conn.execute(_WAITING, {"hall": self._hall, "day": day}).fetchone()[0])

    def recent(self, day: str, limit: int = 8) -> list[CallRow]:
        """The day's last calls, newest first."""
        rows = self._conn.execute(_RECENT, {"hall": self._hall, "day": day, "limit": limit})
        return [CallRow(int(n), str(w), str(a), str(t), str(p)) for n, w, a, t, p in rows]

    def last_at_window(self, day: str, window: str) -> CallRow | None:
        row = self._conn.execute(
            _LAST_AT_WINDOW, {"hall": self._hall, "day": day, "window": window}).fetchone()
        return None if row is None else CallRow(int(row[0]), str(row[1]), str(row[2]),
                                                str(row[3]), str(row[4]))
