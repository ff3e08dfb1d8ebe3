"""GET /v1/pull: what a hall must know, in hub sequence order.

Jobs from every hall (with the hub's fills) and the notices of the caller's own hall.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, or_, select

from sync.hub.schema import feed
from sync.protocol import FeedItem, PullResponse

PAGE = 500


def pull(conn: Connection, hall_id: str, after: int, limit: int = PAGE) -> PullResponse:
    query = select(feed.c.seq, feed.c.kind, feed.c.record_id, feed.c.payload).where(
        feed.c.seq > after, or_(feed.c.kind == "job", feed.c.hall_id == hall_id),
    ).order_by(feed.c.seq).limit(limit)
    items = [FeedItem(seq=int(row.seq), kind=row.kind, record_id=row.record_id,
                      payload=json.loads(row.payload)) for row in conn.execute(query)]
    cursor = items[-1].seq if items else after
    return PullResponse(items=items, next_cursor=cursor, more=len(items) == limit)
