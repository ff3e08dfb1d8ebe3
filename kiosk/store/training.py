"""Training sign-ups and attendance as the terminal reads them, and the seats other halls
have taken (`course_seats`, sent by the hub: kiosk.core.training, sync.hub.training)."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from kiosk.core.training import COURSE_ID

log = logging.getLogger(__name__)
SEATS_KIND = "course_seats"
# A sign-up the hub refused (the seats were taken at other halls meanwhile): staff see why,
# and it holds no seat here.
_REFUSAL = ("(SELECT last_error FROM outbox o WHERE o.entity = 'course_signup' "
            "AND o.entity_id = s.id AND o.state = 'rejected' LIMIT 1)")
# A sign-up withdrawn (kiosk.core.records.CourseCancel): it holds no seat and counts for
# nothing; the cancel's time, "" while it stands.
_CANCELLED = "(SELECT c.created_at FROM course_cancels c WHERE c.signup_id = s.id)"
# Not yet accepted by the hub: its change is still to send (or being sent). A sign-up whose
# change the hub stored is the city's; one it refused is `refused`.
_UNCONFIRMED = ("EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'course_signup' "
                "AND o.entity_id = s.id AND o.state IN ('pending', 'sending', 'quarantined'))")
# A waiting sign-up whose worker has since taken a seat: the wait is over.
_SEATED_LATER = ("EXISTS (SELECT 1 FROM course_signups t WHERE t.worker_id = s.worker_id "
                 "AND t.course_id = s.course_id AND t.waiting = 0 AND t.id != s.id AND "
                 "(SELECT 1 FROM outbox o WHERE o.entity = 'course_signup' AND o.entity_id = "
                 "t.id AND o.state = 'rejected') IS NULL AND (SELECT 1 FROM course_cancels c "
                 "WHERE c.signup_id = t.id) IS NULL)")
# The hub offers this hall's waiting worker a freed seat (`course_offers`, kept from the feed).
_OFFERED = ("EXISTS (SELECT 1 FROM course_offers o, json_each(o.offered) j "
            "WHERE o.course_id = s.course_id AND j.value = s.id)")
_SIGNUP_COLUMNS = ("s.id, s.worker_id, s.course_id, coalesce(w.name, ''), "
                   f"coalesce(w.phone, ''), s.created_at, coalesce({_REFUSAL}, ''), "
                   f"coalesce({_CANCELLED}, ''), {_UNCONFIRMED}, s.waiting, {_OFFERED}, "
                   f"{_SEATED_LATER}")
# Sign-ups that stand here: not refused by the hub, not cancelled (a seat, or a place on
# the waiting list).
STANDING = f"{_REFUSAL} IS NULL AND {_CANCELLED} IS NULL"
OFFERS_KIND = "course_offers"


@dataclass(frozen=True, slots=True)
class SignupRow:
    """A sign-up with who signed up and the sessions they attended."""

    signup_id: str
    worker_id: str
    course_id: str
    name: str
    phone: str
    signed_at: str  # UTC ISO
    sessions: frozenset[int]  # attended
    refused: str = ""  # the hub's refusal (`course_full: …`), "" when sent or still to send
    cancelled: str = ""  # when it was cancelled (UTC ISO), "" while it stands
    unconfirmed: bool = False  # the hub has not yet accepted it (not sent, or no answer)
    waiting: bool = False  # on the waiting list: no seat
    offered: bool = False  # waiting, and the hub offers this worker a freed seat
    ended: bool = False  # waiting, and the worker has since taken a seat

    @property
    def standing(self) -> bool:
        """It holds a seat here: neither refused by the city nor cancelled."""
        return not self.refused and not self.cancelled


def keep_offers(conn: sqlite3.Connection, payload: dict[str, Any]) -> bool:
    """Store the waiting sign-ups of this hall the hub offers a course's freed seats to."""
    course_id, offered = payload.get("course_id"), payload.get("offered")
    if not isinstance(course_id, str) or not COURSE_ID.fullmatch(course_id) or not (
            isinstance(offered, list) and len(offered) <= 500
            and all(isinstance(i, str) and len(i) <= 64 for i in offered)):
        log.warning("a pulled course's offers were malformed and skipped")
        return False
    conn.execute("INSERT INTO course_offers (course_id, offered) VALUES (?, ?) "
                 "ON CONFLICT (course_id) DO UPDATE SET offered = excluded.offered",
                 (course_id, json.dumps(sorted(offered))))
    return True


def keep_seats(conn: sqlite3.Connection, payload: dict[str, Any]) -> bool:
    """Store a course's seats taken per hall unless malformed."""
    course_id, taken = payload.get("course_id"), payload.get("taken")
    if not isinstance(course_id, str) or not COURSE_ID.fullmatch(course_id) or not (
            isinstance(taken, dict) and all(
                isinstance(h, str) and isinstance(n, int) and not isinstance(n, bool)
                and 0 <= n <= 100_000 for h, n in taken.items())):
        log.warning("a pulled course's seats were malformed and skipped")
        return False
    conn.execute("INSERT INTO course_seats (course_id, taken) VALUES (?, ?) "
                 "ON CONFLICT (course_id) DO UPDATE SET taken = excluded.taken",
                 (course_id, json.dumps(taken, sort_keys=True)))
    return True


class TrainingReader:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def taken(self, course_ids: Collection[str], hall_id: str) -> dict[str, int]:
        """Seats taken per course: this hall's sign-ups (sent or not) and the other halls'
        as the hub last counted them."""
        ids = json.dumps(sorted(course_ids))
        counts = {str(c): int(n) for c, n in self._conn.execute(
            "SELECT course_id, count(*) FROM course_signups s WHERE hall_id = ? AND course_id "
            f"IN (SELECT value FROM json_each(?)) AND {STANDING} "
            f"AND (s.waiting = 0 OR ({_OFFERED} AND NOT {_SEATED_LATER})) GROUP BY course_id",
            (hall_id, ids))}
        for course_id, text in self._conn.execute(
                "SELECT course_id, taken FROM course_seats WHERE course_id IN "
                "(SELECT value FROM json_each(?))", (ids,)):
            elsewhere = sum(n for h, n in json.loads(text).items() if h != hall_id)
            counts[str(course_id)] = counts.get(str(course_id), 0) + elsewhere
        return counts

    def signup_of(self, worker_id: str, course_id: str) -> str | None:
        """The worker's standing sign-up for the course, a seat or a wait not over (one
        cancelled or refused is not)."""
        row = self._conn.execute(f"SELECT id FROM course_signups s WHERE worker_id = ? AND "
                                 f"course_id = ? AND {STANDING} AND NOT {_SEATED_LATER} "
                                 "ORDER BY waiting", (worker_id, course_id)).fetchone()
        return None if row is None else str(row[0])

    def signups(self, course_id: str) -> list[SignupRow]:
        """This terminal's sign-ups for the course, first come first."""
        rows = self._conn.execute(
            f"SELECT {_SIGNUP_COLUMNS} FROM course_signups s "
            "LEFT JOIN workers w ON w.id = s.worker_id WHERE s.course_id = ? "
            "ORDER BY s.created_at, s.id", (course_id,)).fetchall()
        return self._with_sessions(rows)

    def signups_of_worker(self, worker_id: str) -> list[SignupRow]:
        rows = self._conn.execute(
            f"SELECT {_SIGNUP_COLUMNS} FROM course_signups s "
            "LEFT JOIN workers w ON w.id = s.worker_id WHERE s.worker_id = ? "
            "ORDER BY s.created_at, s.id", (worker_id,)).fetchall()
        return self._with_sessions(rows)

    def cancelled(self, signup_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM course_cancels WHERE signup_id = ?",
                                  (signup_id,)).fetchone() is not None

    def attended(self, signup_id: str, session: int) -> bool:
        return self._conn.execute("SELECT 1 FROM attendance WHERE signup_id = ? AND "
                                  "session = ?", (signup_id, session)).fetchone() is not None

    def _with_sessions(self, rows: list[Any]) -> list[SignupRow]:
        ids = json.dumps([str(r[0]) for r in rows])
        sessions: dict[str, set[int]] = {}
        for signup_id, session in self._conn.execute(
                "SELECT signup_id, session FROM attendance WHERE signup_id IN "
                "(SELECT value FROM json_each(?))", (ids,)):
            sessions.setdefault(str(signup_id), set()).add(int(session))
        return [SignupRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                          frozenset(sessions.get(str(r[0]), ())), str(r[6]), str(r[7]),
                          bool(r[8]), bool(r[9]), bool(r[10]) and bool(r[9]),
                          bool(r[9]) and bool(r[11])) for r in rows]
