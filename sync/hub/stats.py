"""City statistics (S5): per hall per day, city totals, supply and demand by trade,
complaints by type and status and how long they stay open, and the "131" follow-up.

Days are the city's local calendar days (Asia/Shanghai by default). Counts come from the
change log (what was created, when) and from the materialised tables (hires, open places,
workers' trades, complaints' current status, service events). The definitions follow the
halls' reports (`kiosk.core.reports`): employers registered and the distinct employers of
the jobs posted each day (用工主体, annex 3 §13); complaints received, resolved and closed
(casework steps); "131" services given by kind (a training: a course attended, from
attendance). `followup_131` counts, per hall, the
workers given any "131" service and those given the whole of it (at least one career
guidance, three job recommendations and one training).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from kiosk.core.records import JobStatus, ReferralStatus
from kiosk.core.reports import AGE_BUCKETS, CaseDates, Period, days_open
from sync.hub.schema import (
    attendance,
    case_steps,
    changes,
    complaints,
    course_cancels,
    jobs,
    referrals,
    service_events,
    worker_aliases,
    workers,
)

CREATED: dict[str, str] = {"worker": "registrations", "checkin": "check_ins",
                           "job": "jobs_posted", "referral": "referrals",
                           "employer": "employers_registered", "complaint": "complaints"}
# Creations whose payload says which figure they count toward.
_BY_PAYLOAD = ("job", "service_event", "case_step")
_SERVICE_FIGURES = {"guidance": "guidance", "recommendation": "recommendations",
                    "training": "training"}
_CASE_FIGURES = {"resolve": "complaints_resolved", "close": "complaints_closed"}
METRICS = (*CREATED.values(), "hires", "employers_posting", *_SERVICE_FIGURES.values(),
           *_CASE_FIGURES.values())
FULL_131 = {"guidance": 1, "recommendation": 3, "training": 1}
# The keys of `days_open`'s age buckets (kiosk.core.reports.AGE_BUCKETS): days since filed.
AGE_KEYS = tuple(f"{low}-{'' if high is None else high}" for low, high, _ in AGE_BUCKETS)


def stats_for(conn: Connection, hall_id: str | None, timezone: str = "Asia/Shanghai",
              today: date | None = None) -> dict[str, Any]:
    """What a caller may read: a hall's own rows per day with the city totals and the
    trades (`hall_id`), or everything (None: the city's role). `today`: the local day
    days open are counted to (by default the clock's)."""
    found = city_stats(conn, timezone, today)
    if hall_id is not None:
        for key in ("per_hall_day", "complaints", "days_open", "followup_131"):
            found[key] = [r for r in found[key] if r["hall"] == hall_id]
    return found


def city_stats(conn: Connection, timezone: str = "Asia/Shanghai",
               today: date | None = None) -> dict[str, Any]:
    tz = ZoneInfo(timezone)
    per_day: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    created = select(changes.c.hall_id, changes.c.record_type, changes.c.created_at).where(
        changes.c.op == "create", changes.c.record_type.in_(list(CREATED)))
    for hall, record_type, stamp in conn.execute(created):
        day = _day(stamp, tz)
        if day is not None:
            per_day[(hall, day)][CREATED[record_type]] += 1
    _by_payload(conn, tz, per_day)
    hired = select(referrals.c.hall_id, referrals.c.updated_at).where(
        referrals.c.status == ReferralStatus.HIRED.value)
    for hall, stamp in conn.execute(hired):
        day = _day(stamp, tz)
        if day is not None:
            per_day[(hall, day)]["hires"] += 1
    rows: list[dict[str, Any]] = [{"hall": hall, "day": day, **{m: counts[m] for m in METRICS}}
                                  for (hall, day), counts in sorted(per_day.items())]
    totals = {m: sum(int(r[m]) for r in rows) for m in METRICS}
    complaints_by = _complaints(conn)
    return {"per_hall_day": rows, "city": totals, "trades": _trades(conn),
            "complaints": complaints_by, "complaints_city": _complaint_totals(complaints_by),
            "days_open": _days_open(conn, tz, today or datetime.now(tz).date()),
            "followup_131": _followup(conn)}


def _by_payload(conn: Connection, tz: ZoneInfo,
                per_day: defaultdict[tuple[str, str], Counter[str]]) -> None:
    """The figures a creation's payload decides: the employers posting (each once a day),
    "131" services by kind, complaints resolved and closed."""
    posting: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    rows = select(changes.c.hall_id, changes.c.record_type, changes.c.created_at,
                  changes.c.payload).where(changes.c.op == "create",
                                           changes.c.record_type.in_(_BY_PAYLOAD))
    for hall, record_type, stamp, text in conn.execute(rows):
        day = _day(stamp, tz)
        if day is None:
            continue
        payload = json.loads(text)
        if record_type == "job":
            posting[(hall, day)].add(str(payload.get("employer_id")))
            continue
        figures = _SERVICE_FIGURES if record_type == "service_event" else _CASE_FIGURES
        figure = figures.get(str(payload.get("kind" if record_type == "service_event"
                                             else "action")))
        if figure is not None:
            per_day[(hall, day)][figure] += 1
    for key, employers in posting.items():
        per_day[key]["employers_posting"] = len(employers)
    _trainings(conn, tz, per_day)


def _trainings(conn: Connection, tz: ZoneInfo,
               per_day: defaultdict[tuple[str, str], Counter[str]]) -> None:
    """A training given: a course a worker attended, on the day of the first session
    recorded (as the halls' reports count it, kiosk.store.stats)."""
    first: dict[str, tuple[str, str]] = {}  # sign-up id → (hall, earliest created_at)
    for hall, text in conn.execute(_attended()):
        payload = json.loads(text)
        signup, stamp = str(payload.get("signup_id")), str(payload.get("created_at"))
        if signup not in first or stamp < first[signup][1]:
            first[signup] = (str(hall), stamp)
    for hall, stamp in first.values():
        day = _day(stamp, tz)
        if day is not None:
            per_day[(hall, day)]["training"] += 1


def _attended() -> Any:
    """Attendance at sign-ups not cancelled (a cancelled sign-up counts for nothing)."""
    return select(attendance.c.hall_id, attendance.c.payload).where(
        attendance.c.signup_id.not_in(select(course_cancels.c.signup_id)))


def _complaints(conn: Connection) -> list[dict[str, Any]]:
    """Per hall, kind of dispute and status now: how many complaints."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for hall, text in conn.execute(select(complaints.c.hall_id, complaints.c.payload)):
        payload = json.loads(text)
        counts[(str(hall), str(payload.get("kind", "wages")), str(payload["status"]))] += 1
    return [{"hall": hall, "kind": kind, "status": status, "complaints": n}
            for (hall, kind, status), n in sorted(counts.items())]


def _days_open(conn: Connection, tz: ZoneInfo, today: date) -> list[dict[str, Any]]:
    """Per hall, how long complaints stay open (kiosk.core.reports.days_open): those open
    today by days since filed (AGE_BUCKETS), the oldest, and the median days from filing to
    the resolve or close step's date over every complaint that ended."""
    ended: dict[str, date] = {}
    for (text,) in conn.execute(select(case_steps.c.payload)):
        step = json.loads(text)
        if step.get("action") in ("resolve", "close"):
            day, key = date.fromisoformat(str(step["happened_on"])), str(step["complaint_id"])
            ended[key] = min(day, ended.get(key, day))
    cases: defaultdict[str, list[CaseDates]] = defaultdict(list)
    for complaint_id, hall, text in conn.execute(
            select(complaints.c.id, complaints.c.hall_id, complaints.c.payload)):
        filed = _day(str(json.loads(text)["created_at"]), tz)
        if filed is not None:
            cases[str(hall)].append(CaseDates(date.fromisoformat(filed),
                                              ended.get(str(complaint_id))))
    rows = []
    for hall, found in sorted(cases.items()):
        period = Period(min([today, *(c.filed for c in found)]), today)
        figures = days_open(found, period, today)
        rows.append({"hall": hall, "as_of": today.isoformat(),
                     "open": figures.open_cases,
                     "open_by_age": dict(zip(AGE_KEYS, figures.open_by_age, strict=True)),
                     "oldest_open_days": figures.oldest_open_days, "ended": figures.ended,
                     "median_days_to_end": figures.median_days_to_end})
    return rows


def _complaint_totals(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The city's complaints by status and by kind."""
    by_status: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    for row in rows:
        by_status[row["status"]] += row["complaints"]
        by_kind[row["kind"]] += row["complaints"]
    return {"by_status": dict(sorted(by_status.items())),
            "by_kind": dict(sorted(by_kind.items()))}


def _followup(conn: Connection) -> list[dict[str, Any]]:
    """Per hall: workers given any "131" service, and those given the whole of it. Training
    counts the courses a worker attended (attendance, sync.hub.training); a training ticked
    before attendance existed is served but not counted towards the whole."""
    given: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for hall, text in conn.execute(select(service_events.c.hall_id, service_events.c.payload)):
        payload = json.loads(text)
        kind = str(payload.get("kind"))
        kind = "training_legacy" if kind == "training" else kind
        given[(str(hall), str(payload.get("worker_id")))][kind] += 1
    courses: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for hall, text in conn.execute(_attended()):
        payload = json.loads(text)
        courses[(str(hall), str(payload.get("worker_id")))].add(str(payload.get("course_id")))
    for key, attended in courses.items():
        given[key]["training"] += len(attended)
    halls: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for (hall, _worker), kinds in given.items():
        halls[hall]["workers_served"] += 1
        if all(kinds[kind] >= need for kind, need in FULL_131.items()):
            halls[hall]["workers_complete"] += 1
    return [{"hall": hall, "workers_served": c["workers_served"],
             "workers_complete": c["workers_complete"]} for hall, c in sorted(halls.items())]


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
