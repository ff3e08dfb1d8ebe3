"""300 terminals at once: every terminal of a city syncing against one hub for a minute.

Each simulated terminal has its own token and hall (15 halls), and records of a hall's
day (`_sync_records`, with jobs at a city's real share: 1 in 100). In a loop it waits
2/3 to 4/3 of `interval` (default 5 s: three times as often as the agent's default 15 s),
pushes its 1–20 newest records
as one gzip batch, exactly the body the agent sends, then pulls the feed after its cursor.
Bodies are built before the clock starts and each terminal talks over its own kept-alive
connection (`_http_lite`), so the load is the hub's work, not the client's,
and every terminal has sent its first batch and caught up with the feed (`warm_up`).

Measured: each push's latency (request out → answer in), errors (a failed request, a
status other than 200, an answer other than `stored`), and afterwards the hub's count of
changes against the records sent. Baseline in the same run: the same kind of batch
pushed by one terminal alone, one after another (its p50).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select

from bench._http_lite import Connection, HttpError
from bench._sync_records import HallDay
from kiosk.core.codec import hashed_json, iso_utc, to_payload
from kiosk.core.ids import new_id
from kiosk.core.records import ENTITY_TYPES
from sync import protocol
from sync.hub.schema import changes, feed
from sync.hub.terminals import add_terminal

FLEET_MIX = (("checkin", 55), ("worker", 15), ("referral", 15), ("employer", 2), ("job", 1),
             ("service_event", 8), ("audit", 4))
HALLS = 15
INTERVAL_S = 5.0
BATCH = (1, 20)
_TYPE_NAMES = {cls: name for name, cls in ENTITY_TYPES.items()}


@dataclass
class SimTerminal:
    terminal_id: str
    hall_id: str
    token: str
    bodies: list[tuple[int, bytes]]  # (records, gzip body), in the order they are sent
    cursor: int = 0


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    records_sent: int = 0
    pulls: int = 0
    pulled_items: int = 0


def make_fleet(engine: Engine, terminals: int, seconds: float, seed: int,
               interval: float = INTERVAL_S) -> list[SimTerminal]:
    """Register `terminals` terminals and build enough batches for `seconds` of syncing."""
    rng = random.Random(seed)
    rounds = max(30, int(seconds / (interval * 2 / 3)) + 2)
    fleet = []
    for i in range(terminals):
        hall = f"3701{i % HALLS:02d}-H{i % HALLS:02d}"
        terminal_id, token = add_terminal(engine, hall, f"bench {i}")
        day = HallDay(hall, terminal_id, seed=rng.randrange(2**32), mix=FLEET_MIX)
        sizes = [rng.randint(*BATCH) for _ in range(rounds)]
        fleet.append(SimTerminal(terminal_id, hall, token,
                                 [(n, push_body(terminal_id, hall, day.records(n)))
                                  for n in sizes]))
    return fleet


def push_body(terminal_id: str, hall_id: str, records: Any) -> bytes:
    """The agent's push body for new records (as encode_push builds it from the outbox)."""
    rows = []
    for record in records:
        text, digest = hashed_json(to_payload(record))
        rows.append((new_id(), _TYPE_NAMES[type(record)], record.id, "create", text, digest,
                     iso_utc(record.created_at)))
    return protocol.encode_push(terminal_id, hall_id, rows)


async def run_fleet(base: str, fleet: list[SimTerminal], seconds: float,
                    seed: int, interval: float = INTERVAL_S) -> Tally:
    tally = Tally()
    stop_at = time.perf_counter() + seconds
    waits = (interval * 2 / 3, interval * 4 / 3)
    await asyncio.gather(*(_terminal_loop(Connection(base), t, stop_at, waits=waits,
                                          rng=random.Random(seed + i), tally=tally)
                           for i, t in enumerate(fleet)))
    return tally


async def _terminal_loop(link: Connection, terminal: SimTerminal, stop_at: float, *,
                         waits: tuple[float, float], rng: random.Random, tally: Tally) -> None:
    await asyncio.sleep(rng.uniform(0, waits[1]))  # terminals are not in lock-step
    try:
        for records, body in terminal.bodies:
            if time.perf_counter() >= stop_at:
                return
            started = time.perf_counter()
            problem = await _push(link, terminal, body, records)
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            tally.records_sent += records
            if problem:
                tally.errors.append(problem)
            await _pull(link, terminal, tally)
            await asyncio.sleep(rng.uniform(*waits))
    finally:
        await link.close()


def _auth(terminal: SimTerminal) -> dict[str, str]:
    return {"Authorization": f"Bearer {terminal.token}"}


async def _push(link: Connection, terminal: SimTerminal, body: bytes,
                records: int) -> str | None:
    headers = {**_auth(terminal), "Content-Type": "application/json",
               "Content-Encoding": protocol.GZIP}
    try:
        answer = await link.request("POST", protocol.PUSH_PATH, headers, body)
    except HttpError as exc:
        return f"push: {exc}"
    if answer.status != 200:
        return f"push: HTTP {answer.status}"
    answers = protocol.PushResponse.model_validate_json(answer.body).answers
    stored = sum(a.result is protocol.Result.STORED for a in answers)
    return None if stored == records == len(answers) else f"push: {stored}/{records} stored"


async def _pull(link: Connection, terminal: SimTerminal, tally: Tally) -> None:
    try:
        answer = await link.request("GET", f"{protocol.PULL_PATH}?after={terminal.cursor}",
                                    _auth(terminal))
    except HttpError as exc:
        tally.errors.append(f"pull: {exc}")
        return
    if answer.status != 200:
        tally.errors.append(f"pull: HTTP {answer.status}")
        return
    page = protocol.PullResponse.model_validate_json(answer.body)
    terminal.cursor = page.next_cursor
    tally.pulls += 1
    tally.pulled_items += len(page.items)


async def alone(base: str, terminal: SimTerminal, batches: int) -> list[float]:
    """The baseline: one terminal's batches pushed one after another, nothing else running."""
    link, took = Connection(base), []
    for records, body in terminal.bodies[:batches]:
        started = time.perf_counter()
        problem = await _push(link, terminal, body, records)
        took.append((time.perf_counter() - started) * 1000)
        if problem:
            raise SystemExit(f"baseline push failed: {problem}")
    await link.close()
    del terminal.bodies[:batches]
    return took


async def warm_up(base: str, fleet: list[SimTerminal], engine: Engine) -> None:
    """Before the clock: each terminal sends its first batch (its first worker, employer
    and job) and has pulled the feed up to its head, as a city's terminals that have been
    running do. The minute measured is the steady state, not 300 first-ever pulls."""
    gate = asyncio.Semaphore(20)

    async def first(terminal: SimTerminal) -> None:
        records, body = terminal.bodies.pop(0)
        link = Connection(base, timeout_s=60)
        async with gate:
            problem = await _push(link, terminal, body, records)
        await link.close()
        if problem:
            raise SystemExit(f"warm-up push failed: {problem}")

    await asyncio.gather(*(first(t) for t in fleet))
    with engine.connect() as conn:
        head = int(conn.execute(select(func.coalesce(func.max(feed.c.seq), 0))).scalar_one())
    for terminal in fleet:
        terminal.cursor = head


def hub_changes(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(changes)).scalar_one())


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(cuts[94], 1),
            "p99_ms": round(cuts[98], 1), "max_ms": round(max(samples), 1)}
