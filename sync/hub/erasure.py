"""A worker erased at their request (PIPL art. 47) reaches the hub as a `delete` change
carrying the anonymised record (kiosk.services.erasure). The hub then drops every copy of
the person's details it holds: the worker row's sealed ID number, the personal fields of
every earlier change of that worker in the change log, and the worker's hub index (so the
person may register again). The anonymised record and the counts it takes part in stay."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, select, update

from kiosk.core.codec import canonical_json
from kiosk.core.records import Worker
from sync.hub.schema import changes, worker_identities, workers

# The Worker fields an erasure empties (kiosk.services.erasure.ERASED_FIELDS).
ERASED_FIELDS = ("name", "phone", "id_number", "id_masked", "id_index", "birth_date",
                 "certificates", "areas", "skills_note", "low_income", "disabled")


def is_erasure(record: Worker) -> bool:
    """A delete must really be an erasure: nothing left that names or reaches the person."""
    return (record.id_number is None and not record.phone and not record.id_masked
            and not record.skills_note and not record.certificates and not record.areas)


def erase_workers(conn: Connection, erased: Sequence[tuple[Worker, dict[str, Any]]]) -> None:
    """For each (anonymised record, its payload): scrub the change log and the index."""
    for record, payload in erased:
        anonymous = {name: payload[name] for name in ERASED_FIELDS if name in payload}
        _scrub_log(conn, record.id, anonymous)
        conn.execute(update(workers).where(workers.c.id == record.id).values(id_sealed=None))
        conn.execute(delete(worker_identities).where(
            worker_identities.c.worker_id == record.id))


def _scrub_log(conn: Connection, worker_id: str, anonymous: dict[str, Any]) -> None:
    rows = conn.execute(select(changes.c.change_id, changes.c.payload).where(
        changes.c.record_type == "worker", changes.c.record_id == worker_id)).all()
    for change_id, text in rows:
        scrubbed = canonical_json({**json.loads(text), **anonymous})
        if scrubbed != text:
            conn.execute(update(changes).where(changes.c.change_id == change_id)
                         .values(payload=scrubbed))
