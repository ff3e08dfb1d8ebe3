"""The reads matching needs, by index: fit candidates for a job among 100,000 workers.

`worker_match` (one row per worker and trade, kept by triggers on `workers` and
`referrals`) holds all that matching filters and orders by. The list for a job is today's
checked-in workers of its trade in core's order (a join from the day's check-ins), and
only when they are too few, the best others by one range scan of the trade. Core then
ranks that short list and explains each row; the SQL order only decides who makes it
(a test checks the two orders agree on random data).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.core.matching import Candidate
from kiosk.core.records import Intention, Sex


@dataclass(frozen=True, slots=True)
class JobQuery:
    """The job and the day, as matching's SQL needs them (cut-offs precomputed by core)."""

    job_id: str
    trade: str
    start: date
    area: str
    kind: str
    certificates: tuple[str, ...]
    hall_id: str
    day: date
    day_starts_at: str  # UTC ISO: a hire since then is today's
    long_wait_before: str  # UTC ISO: no hire since then is a long wait
    men_born_by: str  # ISO date: men born on or before it are older workers
    women_born_by: str
    exclude_hired_today: bool
    # The job is work the law keeps from minors: only those born on or before this ISO
    # date (18 today, kiosk.core.protected_work.adult_born_by); None: anyone
    adults_born_by: str | None = None


_TAKEN = """
SELECT worker_id FROM referrals INDEXED BY referrals_job
WHERE job_id = :job AND status IN ('requested', 'referred', 'arrived', 'hired')
"""

# Core's order for workers in the same check-in tier (see kiosk.core.matching).
_ORDER = """
ORDER BY
  (m.areas = '' OR :any_area OR instr(m.areas, :area) > 0) DESC,
  (m.intentions = '' OR instr(m.intentions, :kind) > 0) DESC,
  (m.flagged OR m.last_work_at <= :long_wait_before
   OR m.birth_date <= CASE m.sex WHEN 'M' THEN :men_born_by ELSE :women_born_by END) DESC,
  m.waited_since, m.worker_id
LIMIT :limit
"""

_FIT = "m.available_from <= :start {certificates} {hired_today} {adults}"

_CHECKED_IN = f"""
SELECT m.worker_id FROM checkins c
JOIN worker_match m ON m.trade = :trade AND m.worker_id = c.worker_id
WHERE c.hall_id = :hall AND c.day = :day AND c.queue_no IS NOT NULL AND {_FIT}
{_ORDER}
"""

_CHECKED_IN_ALL = """
SELECT worker_id FROM checkins WHERE hall_id = :hall AND day = :day AND queue_no IS NOT NULL
"""

# Checked-in and already-taken workers are skipped in Python (a few hundred at most):
# NOT IN sub-selects here would be probed for every row of the trade.
_OTHERS = f"""
SELECT m.worker_id FROM worker_match m
WHERE m.trade = :trade AND {_FIT}
{_ORDER}
"""

_CANDIDATE = """
SELECT w.id, w.name, w.sex, w.birth_date, w.trades, w.certificates, w.intentions, w.areas,
    w.available_from, w.low_income, w.disabled, w.created_at,
    (SELECT c.queue_no FROM checkins c
      WHERE c.hall_id = :hall AND c.day = :day AND c.worker_id = w.id),
    (SELECT MAX(r.created_at) FROM referrals r
      WHERE r.worker_id = w.id AND r.status != 'requested'),
    (SELECT MAX(r.updated_at) FROM referrals r
      WHERE r.worker_id = w.id AND r.status = 'hired'),
    w.phone,
    (SELECT c.queue_prefix FROM checkins c
      WHERE c.hall_id = :hall AND c.day = :day AND c.worker_id = w.id)
FROM workers w
"""


def _params(q: JobQuery) -> dict[str, Any]:
    return {
        "trade": q.trade, "start": q.start.isoformat(), "job": q.job_id, "hall": q.hall_id,
        "day": q.day.isoformat(), "area": f"|{q.area}|", "any_area": not q.area,
        "kind": f"|{q.kind}|", "long_wait_before": q.long_wait_before,
        "men_born_by": q.men_born_by, "women_born_by": q.women_born_by,
        "day_starts_at": q.day_starts_at}


def _fit_clauses(q: JobQuery, params: dict[str, Any]) -> dict[str, str]:
    """The SQL for every certificate the job asks for, for today's hires and for work
    barred to minors; binds them."""
    params.update({f"cert{i}": f"|{c}|" for i, c in enumerate(q.certificates)})
    certificates = "".join(f" AND instr(m.certificates, :cert{i}) > 0"
                           for i in range(len(q.certificates)))
    hired_today = (" AND (m.last_hire_at IS NULL OR m.last_hire_at < :day_starts_at)"
                   if q.exclude_hired_today else "")
    params["adults_born_by"] = q.adults_born_by
    adults = "" if q.adults_born_by is None else " AND m.birth_date <= :adults_born_by"
    return {"certificates": certificates, "hired_today": hired_today, "adults": adults}


class MatchReader:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def candidates_for_job(self, q: JobQuery, limit: int) -> list[Candidate]:
        """Up to `limit` fit workers in core's order: today's checked-in workers of the
        trade first; the others only when those do not fill the list."""
        params = _params(q)
        clauses = _fit_clauses(q, params)
        taken = {r[0] for r in self._conn.execute(_TAKEN, params)}
        chosen = self._ordered(_CHECKED_IN.format(**clauses), params, taken, limit)
        if len(chosen) < limit:
            here = {r[0] for r in self._conn.execute(_CHECKED_IN_ALL, params)}
            chosen += self._ordered(_OTHERS.format(**clauses), params, taken | here,
                                    limit - len(chosen))
        return self.candidates(chosen, hall_id=q.hall_id, day=q.day,
                               day_starts_at=q.day_starts_at)

    def _ordered(self, sql: str, params: dict[str, Any], skip: set[str],
                 limit: int) -> list[str]:
        """The first `limit` worker ids the query gives that are not in `skip`."""
        rows = self._conn.execute(sql, {**params, "limit": limit + len(skip)})
        return [r[0] for r in rows if r[0] not in skip][:limit]

    def candidates(self, worker_ids: Iterable[str], *, hall_id: str, day: date,
                   day_starts_at: str) -> list[Candidate]:
        """The workers named (those known here), in one query."""
        sql = _CANDIDATE + " WHERE w.id IN (SELECT value FROM json_each(:ids))"
        rows = self._conn.execute(sql, {"ids": json.dumps(list(worker_ids)), "hall": hall_id,
                                        "day": day.isoformat()})
        return [_candidate(row, day_starts_at) for row in rows]

    def candidate(self, worker_id: str, *, hall_id: str, day: date,
                  day_starts_at: str) -> Candidate | None:
        sql = _CANDIDATE + " WHERE w.id = :worker"
        row = self._conn.execute(sql, {"worker": worker_id, "hall": hall_id,
                                       "day": day.isoformat()}).fetchone()
        return None if row is None else _candidate(row, day_starts_at)


def _candidate(row: Sequence[Any], day_starts_at: str) -> Candidate:
    last_hire = row[14]
    return Candidate(
        worker_id=row[0], name=row[1], sex=Sex(row[2]), birth_date=date.fromisoformat(row[3]),
        trades=tuple(json.loads(row[4])), certificates=tuple(json.loads(row[5])),
        intentions=tuple(Intention(i) for i in json.loads(row[6])),
        areas=tuple(json.loads(row[7])), available_from=date.fromisoformat(row[8]),
        low_income=bool(row[9]), disabled=bool(row[10]), registered_at=_time(row[11]),
        queue_no=row[12], last_dispatch_at=None if row[13] is None else _time(row[13]),
        last_hire_at=None if last_hire is None else _time(last_hire),
        hired_today=last_hire is not None and last_hire >= day_starts_at, phone=row[15],
        queue_prefix=row[16] or "")


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
