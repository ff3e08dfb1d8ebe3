"""City statistics (S5): per hall per day, city totals, supply and demand by trade.

Days are the city's local calendar days (Asia/Shanghai by default). Counts come from the
change log (what was created, when) and from the materialised tables (hires, open places,
workers' trades).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from kiosk.core.records import JobStatus, ReferralStatus
from sync.hub.schema import changes, jobs, referrals, worker_aliases, workers

CREATED: dict[str, str] = {"worker": "registrations", "checkin": "check_ins",
                           "job": "jobs_posted", "referral": "referrals"}
METRICS = (*CREATED.values(), "hires")


def stats_for(conn: Connection, hall_id: str | None,
              timezone: str = "Asia/Shanghai") -> dict[str, Any]:
    """What a caller may read: a hall's own rows per day with the city totals and the
    trades (`hall_id`), or everything (None: the city's role)."""
    found = city_stats(conn, timezone)
    if hall_id is not None:
        found["per_hall_day"] = [r for r in found["per_hall_day"] if r["hall"] == hall_id]
    return found


def city_stats(conn: Connection, timezone: str = "Asia/Shanghai") -> dict[str, Any]:
    tz = ZoneInfo(timezone)
    per_day: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    created = select(changes.c.hall_id, changes.c.record_type, changes.c.created_at).where(
        changes.c.op == "create", changes.c.record_type.in_(list(CREATED)))
    for hall, record_type, stamp in conn.execute(created):
        day = _day(stamp, tz)
        if day is not None:
            per_day[(hall, day)][CREATED[record_type]] += 1
    hired = select(referrals.c.hall_id, referrals.c.updated_at).where(
        referrals.c.status == ReferralStatus.HIRED.value)
    for hall, stamp in conn.execute(hired):
        day = _day(stamp, tz)
        if day is not None:
            per_day[(hall, day)]["hires"] += 1
    rows: list[dict[str, Any]] = [{"hall": hall, "day": day, **{m: counts[m] for m in METRICS}}
                                  for (hall, day), counts in sorted(per_day.items())]
    totals = {m: sum(int(r[m]) for r in rows) for m in METRICS}
    return {"per_hall_day": rows, "city": totals, "trades": _trades(conn)}


def _trades(conn: Connection) -> list[dict[str, Any]]:
    """Per trade: workers offering it (a merged worker once), and open places to fill."""
    supply: Counter[str] = Counter()
    merged_away = select(worker_aliases.c.alias_id)  # the same person under a second id
    for (payload,) in conn.execute(select(workers.c.payload).where(
            workers.c.id.not_in(merged_away))):
        trades = json.loads(payload).get("trades")
        if isinstance(trades, list):
            supply.update(str(trade) for trade in trades)
    demand: Counter[str] = Counter()
    open_jobs = select(jobs.c.trade, jobs.c.headcount, jobs.c.headcount_filled).where(
        jobs.c.status == JobStatus.OPEN.value)
    for trade, headcount, filled in conn.execute(open_jobs):
        demand[trade] += max(0, headcount - filled)
    return [{"trade": t, "workers": supply[t], "open_places": demand[t]}
            for t in sorted(set(supply) | set(demand))]


def _day(stamp: str, tz: ZoneInfo) -> str | None:
    """The local day of a stored time; None for a row from before the hub checked times."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(tz).date().isoformat()
