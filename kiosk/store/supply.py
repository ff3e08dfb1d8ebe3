"""今日待岗 on this terminal: the hub's figure for the hall (kept in `settings`) and this
terminal's own check-ins, counted by main trade (kiosk.core.supply). Counts only: the
query reads a worker's trades and whether the check-in was acknowledged, nothing else."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from datetime import date
from typing import Any

from kiosk.core.codec import compact_json
from kiosk.core.supply import Supply, main_trade, merged, parse_supply

log = logging.getLogger(__name__)
SUPPLY_KEY = "supply.hall"  # the last figure the hub published for this hall
_UNSENT = "('pending', 'sending', 'quarantined')"
_CHECKINS_SQL = f"""
SELECT w.trades, EXISTS (SELECT 1 FROM outbox AS o WHERE o.entity = 'checkin'
                         AND o.entity_id = c.id AND o.state IN {_UNSENT})
FROM checkins AS c LEFT JOIN workers AS w ON w.id = c.worker_id
WHERE c.hall_id = :hall AND c.day = :today AND c.queue_no IS NOT NULL
"""


def keep_supply(conn: sqlite3.Connection, payload: dict[str, Any]) -> bool:
    """Keep a pulled figure unless it is malformed or for an earlier day than the one kept
    (a later figure of the same day replaces it: the feed is in hub order)."""
    supply = parse_supply(payload)
    if supply is None:
        log.warning("a pulled supply figure was malformed and skipped")
        return False
    kept = published(conn)
    if kept is not None and kept.day > supply.day:
        return False
    value = compact_json({"day": supply.day.isoformat(), "trades": dict(supply.trades)})
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                 "DO UPDATE SET value = excluded.value", (SUPPLY_KEY, value))
    return True


def published(conn: sqlite3.Connection) -> Supply | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SUPPLY_KEY,)).fetchone()
    if row is None:
        return None
    try:
        return parse_supply(json.loads(row[0]))
    except ValueError:
        return None


def hall_supply(conn: sqlite3.Connection, hall_id: str, day: date) -> Supply:
    """The hall's workers checked in on `day`, by main trade."""
    unsent: Counter[str] = Counter()
    everyone: Counter[str] = Counter()
    for trades, not_acknowledged in conn.execute(_CHECKINS_SQL,
                                                 {"hall": hall_id, "today": day.isoformat()}):
        trade = main_trade(_trades(trades))
        everyone[trade] += 1
        if not_acknowledged:
            unsent[trade] += 1
    return merged(day, published(conn), unsent, everyone)


def _trades(text: str | None) -> list[str]:
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []
