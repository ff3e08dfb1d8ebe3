"""What a hall's terminals learn of its complaints: the status only.

A complaint's receipt promises that its number shows how the complaint is going at the
hall's touchscreen, which may be another machine than the counter that filed it. So each
time a complaint or one of its casework steps is stored, the hub puts the complaint's
status in the filing hall's feed: its number, kind, status, when it was filed and the
latest step's action and date. No name, phone, employer, sum or staff words travel.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from kiosk.core.codec import canonical_json
from sync.hub.schema import case_steps, complaints, feed

KIND = "complaint_status"


def complaint_statuses(conn: Connection, complaint_ids: set[str]) -> None:
    """A feed entry (the filing hall's only) with the status of each complaint."""
    if not complaint_ids:
        return
    found = conn.execute(select(complaints.c.id, complaints.c.hall_id, complaints.c.payload)
                         .where(complaints.c.id.in_(sorted(complaint_ids)))
                         .order_by(complaints.c.id)).all()
    latest = _latest_steps(conn, {str(row.id): str(row.hall_id) for row in found})
    entries = []
    for row in found:
        payload = status_payload(json.loads(row.payload), latest.get(str(row.id)))
        entries.append({"kind": KIND, "record_id": str(row.id), "hall_id": str(row.hall_id),
                        "payload": canonical_json(payload)})
    if entries:
        conn.execute(feed.insert(), entries)


def _latest_steps(conn: Connection, halls: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per complaint, its latest step by the filing hall."""
    latest: dict[str, dict[str, Any]] = {}
    rows = conn.execute(select(case_steps.c.complaint_id, case_steps.c.hall_id,
                               case_steps.c.payload)
                        .where(case_steps.c.complaint_id.in_(sorted(halls))))
    for complaint_id, hall_id, text in rows:
        if halls.get(str(complaint_id)) != str(hall_id):
            continue
        step = json.loads(text)
        kept = latest.get(str(complaint_id))
        if kept is None or (kept["created_at"], kept["id"]) < (step["created_at"], step["id"]):
            latest[str(complaint_id)] = step
    return latest


def status_payload(complaint: dict[str, Any], step: dict[str, Any] | None) -> dict[str, Any]:
    updated = str(complaint["updated_at"])
    if step is not None:
        updated = max(updated, str(step["created_at"]))
    return {
        "id": complaint["id"], "hall_id": complaint["hall_id"], "number": complaint["number"],
        "kind": complaint.get("kind", "wages"), "status": complaint["status"],
        "filed_at": complaint["created_at"],
        "last_action": None if step is None else step["action"],
        "last_on": None if step is None else step["happened_on"],
        "updated_at": updated,
    }
