"""GET /v1/pull: what a hall must know, in hub sequence order.

Jobs from every hall (with the hub's fills), worker merges, the city's data files (rules,
catalogue), and the notices of the caller's own hall.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, or_, select

from sync.hub.schema import employers, feed
from sync.protocol import FeedEmployer, FeedItem, PullResponse

PAGE = 500
CITY_WIDE = ("job", "worker_merge", "asset")  # every hall; notices only their own hall


def _employers(conn: Connection, ids: set[str]) -> dict[str, FeedEmployer]:
    """The display name and kind of each employer (from its payload; nothing else)."""
    if not ids:
        return {}
    shown = {}
    for row in conn.execute(select(employers.c.id, employers.c.payload).where(
            employers.c.id.in_(ids))):
        payload = json.loads(row.payload)
        shown[str(row.id)] = FeedEmployer(id=str(row.id), display_name=payload["display_name"],
                                          kind=payload["kind"])
    return shown


def pull(conn: Connection, hall_id: str, after: int, limit: int = PAGE) -> PullResponse:
    query = select(feed.c.seq, feed.c.kind, feed.c.record_id, feed.c.payload).where(
        feed.c.seq > after, or_(feed.c.kind.in_(CITY_WIDE), feed.c.hall_id == hall_id),
    ).order_by(feed.c.seq).limit(limit)
    rows = [(int(row.seq), str(row.kind), str(row.record_id), json.loads(row.payload))
            for row in conn.execute(query)]
    shown = _employers(conn, {str(p["employer_id"]) for _, kind, _, p in rows if kind == "job"})
    items = [FeedItem(seq=seq, kind=kind, record_id=record_id, payload=payload,  # type: ignore[arg-type]
                      employer=shown.get(str(payload.get("employer_id", ""))))
             for seq, kind, record_id, payload in rows]
    cursor = items[-1].seq if items else after
    return PullResponse(items=items, next_cursor=cursor, more=len(items) == limit)
