"""The reads the counter's worker desk needs, by index: workers by name, phone and
name list (for the in-memory pinyin-initials search), "131" service counts, and hardship
workers longest-waiting first.

Hardship (see kiosk.core.matching) is read from `worker_match` (kept by triggers): its
`flagged` (low-income family or disability), `last_work_at` (the last hire, or
registration), `sex` and `birth_date` are the same on each of a worker's trade rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

_BY_NAME = "SELECT id FROM workers WHERE name = ? ORDER BY rowid LIMIT ?"

# A substring (or suffix) search reads the small covering index, not the table.
_NAME_LIKE = """
SELECT id FROM workers WHERE rowid IN (
    SELECT rowid FROM workers INDEXED BY workers_name WHERE name LIKE ? ESCAPE '\\' LIMIT ?)
ORDER BY name, rowid
"""
_PHONE_LIKE = """
SELECT id FROM workers WHERE rowid IN (
    SELECT rowid FROM workers INDEXED BY workers_phone WHERE phone LIKE ? ESCAPE '\\' LIMIT ?)
ORDER BY name, rowid
"""
_BY_NAMES = """
SELECT id, name FROM workers WHERE name IN (SELECT value FROM json_each(?))
ORDER BY rowid LIMIT ?
"""
_CONTACTS = """
SELECT id, id_masked, phone FROM workers WHERE id IN (SELECT value FROM json_each(?))
"""

# Workers of other halls known through the hub (kiosk.store.hub_workers) are followed up
# ("131") by their home hall, which knows their hardship; not listed here.
_HARDSHIP = """
(m.flagged OR m.last_work_at <= :long_wait_before
 OR m.birth_date <= CASE m.sex WHEN 'M' THEN :men_born_by ELSE :women_born_by END)
AND m.worker_id NOT IN (SELECT worker_id FROM hub_workers)
"""
# One row per trade of a worker, longest wait first: read row by row and stopped early.
_WAITING = f"""
SELECT m.worker_id, m.last_work_at FROM worker_match m INDEXED BY worker_match_wait
WHERE {_HARDSHIP}
ORDER BY m.last_work_at, m.worker_id
"""
_WAITING_AMONG = f"""
SELECT m.worker_id, min(m.last_work_at) FROM worker_match m
WHERE m.worker_id IN (SELECT value FROM json_each(:ids)) AND {_HARDSHIP}
GROUP BY m.worker_id
"""

# "131" training counts the courses a worker attended (kiosk.services.training); the
# training ticks recorded before attendance existed read as `training_legacy`; a cancelled
# sign-up's attendance does not count.
_SERVED_AMONG = """
SELECT worker_id, CASE kind WHEN 'training' THEN 'training_legacy' ELSE kind END, count(*)
FROM service_events WHERE worker_id IN (SELECT value FROM json_each(?1))
GROUP BY 1, 2
UNION ALL
SELECT worker_id, 'training', count(DISTINCT course_id) FROM attendance
WHERE worker_id IN (SELECT value FROM json_each(?1))
AND signup_id NOT IN (SELECT signup_id FROM course_cancels) GROUP BY worker_id
"""


@dataclass(frozen=True, slots=True)
class HardshipQuery:
    """The cut-offs of the hardship flags (computed by core, see MatchPolicy)."""

    long_wait_before: str  # UTC ISO: no hire since then is a long wait
    men_born_by: str  # ISO date: men born on or before it are older workers
    women_born_by: str

    def params(self) -> dict[str, str]:
        return {"long_wait_before": self.long_wait_before, "men_born_by": self.men_born_by,
                "women_born_by": self.women_born_by}


ServiceCounts = dict[str, dict[str, int]]  # worker id → service kind → how many


def like_pattern(text: str, *, prefix: bool = True) -> str:
    """A LIKE pattern finding `text` anywhere (or at the end, without `prefix`)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%" if prefix else f"%{escaped}"


class DeskReader:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # -- finding workers -------------------------------------------------------------------
    def ids_by_name(self, name: str, limit: int) -> list[str]:
        return self._ids(_BY_NAME, (name, limit))

    def ids_by_name_part(self, part: str, limit: int) -> list[str]:
        return self._ids(_NAME_LIKE, (like_pattern(part), limit))

    def ids_by_names(self, names: Collection[str], limit: int) -> list[tuple[str, str]]:
        """(worker id, name) of the workers with any of these names."""
        rows = self._conn.execute(_BY_NAMES, (json.dumps(list(names)), limit))
        return [(str(r[0]), str(r[1])) for r in rows]

    def ids_by_phone(self, phone: str, limit: int) -> list[str]:
        """A whole mobile number (indexed), or its last digits (a scan of the phone index)."""
        if len(phone) == 11:
            return self._ids("SELECT id FROM workers WHERE phone = ? ORDER BY rowid LIMIT ?",
                             (phone, limit))
        return self._ids(_PHONE_LIKE, (like_pattern(phone, prefix=False), limit))

    def contacts(self, worker_ids: Collection[str]) -> dict[str, tuple[str, str]]:
        """worker id → (masked ID number, phone)."""
        rows = self._conn.execute(_CONTACTS, (json.dumps(list(worker_ids)),))
        return {str(r[0]): (str(r[1]), str(r[2])) for r in rows}

    def _ids(self, sql: str, params: tuple[object, ...]) -> list[str]:
        return [str(r[0]) for r in self._conn.execute(sql, params)]

    # -- the name list (for the pinyin-initials directory) ---------------------------------
    def last_rowid(self) -> int:
        row = self._conn.execute("SELECT max(rowid) FROM workers").fetchone()
        return 0 if row is None or row[0] is None else int(row[0])

    def distinct_names(self) -> list[str]:
        """Every name once (a scan of the name index)."""
        return [str(r[0]) for r in self._conn.execute("SELECT DISTINCT name FROM workers")]

    def names_after(self, rowid: int) -> list[str]:
        """The names of workers stored after `rowid` (a range of the rowid)."""
        sql = "SELECT name FROM workers WHERE rowid > ?"
        return [str(r[0]) for r in self._conn.execute(sql, (rowid,))]

    # -- hardship "131" --------------------------------------------------------------------
    def served_ids(self) -> set[str]:
        """Every worker with a service event or a course attended (the
        `service_events_worker` and `attendance_worker` indexes)."""
        sql = ("SELECT DISTINCT worker_id FROM service_events "
               "UNION SELECT DISTINCT worker_id FROM attendance WHERE signup_id NOT IN "
               "(SELECT signup_id FROM course_cancels)")
        return {str(r[0]) for r in self._conn.execute(sql)}

    def service_counts(self, worker_ids: Collection[str]) -> ServiceCounts:
        """Service events of the workers named, per kind (the `service_events_worker`
        index)."""
        rows = self._conn.execute(_SERVED_AMONG, (json.dumps(list(worker_ids)),))
        counts: ServiceCounts = {}
        for worker_id, kind, count in rows:
            counts.setdefault(str(worker_id), {})[str(kind)] = int(count)
        return counts

    def waiting(self, q: HardshipQuery, skip: Collection[str],
                limit: int) -> list[tuple[str, str]]:
        """Up to `limit` hardship workers not in `skip`, longest wait first, as (worker id,
        last hire or registration, UTC ISO); the index walk stops when they are found."""
        found: dict[str, str] = {}
        cursor = self._conn.execute(_WAITING, q.params())
        try:
            for worker_id, since in cursor:
                if len(found) >= limit:
                    break
                if worker_id not in skip:
                    found.setdefault(str(worker_id), str(since))
        finally:
            cursor.close()
        return list(found.items())

    def waiting_among(self, q: HardshipQuery,
                      worker_ids: Collection[str]) -> list[tuple[str, str]]:
        """Which of `worker_ids` are hardship workers, with their last hire or registration."""
        if not worker_ids:
            return []
        params = {**q.params(), "ids": json.dumps(list(worker_ids))}
        return [(str(r[0]), str(r[1])) for r in self._conn.execute(_WAITING_AMONG, params)]
