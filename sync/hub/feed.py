"""GET /v1/pull: what a hall must know, in hub sequence order.

Jobs from every hall (with the hub's fills), worker merges, the city's data files (rules,
catalogue), and the notices, queue calls, numbered check-ins (id, worker id, day, letter,
number, time: sync.hub.materialise), calls for staff and complaint statuses of the
caller's own hall.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, or_, select

from kiosk.core.codec import compact_json
from sync.hub.schema import employers, feed
from sync.protocol import PROTOCOL_VERSION

PAGE = 500
CITY_WIDE = ("job", "worker_merge", "asset", "course_seats")  # every hall; the rest: their own hall


def _employers(conn: Connection, ids: set[str], *, contacts: bool) -> dict[str, str]:
    """Per employer id, what a board shows of it (id, display name, kind, role, licence)
    as JSON text: never an ID number; with `contacts` (a staff counter's pull) also the
    contact person and phone."""
    if not ids:
        return {}
    shown = {}
    for row in conn.execute(select(employers.c.id, employers.c.payload).where(
            employers.c.id.in_(ids))):
        payload = json.loads(row.payload)
        item = {"id": str(row.id), "display_name": payload["display_name"],
                "kind": payload["kind"], "role": payload.get("role", "direct"),
                "licence_no": payload.get("licence_no", "")}
        if contacts:
            item |= {"contact_name": payload.get("contact_name", ""),
                     "phone": payload.get("phone", "")}
        shown[str(row.id)] = compact_json(item)
    return shown


def pull(conn: Connection, hall_id: str, after: int, limit: int = PAGE, *,
         contacts: bool = False) -> bytes:
    """A page of the feed as the JSON of a `PullResponse`.

    `contacts`: the caller is a staff counter (the hub's record of the token, never the
    request's say): job items carry their employer's contact person and phone.

    The stored payloads are canonical JSON already: they are spliced into the answer as
    they are, not parsed into models and serialised again (a pull per terminal every few
    seconds is most of the hub's requests)."""
    query = select(feed.c.seq, feed.c.kind, feed.c.record_id, feed.c.payload).where(
        feed.c.seq > after, or_(feed.c.kind.in_(CITY_WIDE), feed.c.hall_id == hall_id),
    ).order_by(feed.c.seq).limit(limit)
    rows = conn.execute(query).all()
    employer_of = {int(row.seq): str(json.loads(row.payload).get("employer_id", ""))
                   for row in rows if row.kind == "job"}
    shown = _employers(conn, set(employer_of.values()), contacts=contacts)
    items = ",".join(
        f'{{"seq":{int(row.seq)},"kind":{compact_json(str(row.kind))},'
        f'"record_id":{compact_json(str(row.record_id))},"payload":{row.payload},'
        f'"employer":{shown.get(employer_of.get(int(row.seq), ""), "null")}}}'
        for row in rows)
    cursor = int(rows[-1].seq) if rows else after
    more = "true" if len(rows) == limit else "false"
    return (f'{{"version":{PROTOCOL_VERSION},"items":[{items}],"next_cursor":{cursor},'
            f'"more":{more}}}').encode()
