"""Where the hub keeps a worker's ID number: sealed in `workers.id_sealed`, nowhere else
(and a 揽头's, registered as an employer with an ID number as a person: `employers.id_sealed`).

A terminal sends the plain number with a worker's change until the hub acknowledged it.
The hub computes its blind index from it (`identity`), seals it into the worker's row and
stores the change, and the worker's latest payload, with `"id_number": null`: the change
log keeps the terminal's content hash, by which replays are still recognised
(`ingest._already_stored`). Hubs from before sealing are converted by `seal_existing`
when `sync.hub.database.migrate` runs, and `reseal` puts every value under a new key.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select, text, update

from kiosk.core.codec import canonical_json
from kiosk.core.records import Employer, Record, Worker
from sync.hub.schema import changes, employers, workers
from sync.hub.sealing import Keyring

_PLAIN = '%"id_number":"%'  # a stored payload that still holds a number


def at_rest(record: Record, payload_text: str) -> str:
    """The payload as the hub stores it: a worker's (or a 揽头's) plain ID number left out."""
    if not isinstance(record, Worker | Employer) or record.id_number is None:
        return payload_text
    return _without_number(payload_text)


def sealed_column(keys: Keyring, record: Worker | Employer) -> dict[str, Any]:
    """The row's sealed number (None: keep the one the row has)."""
    return {"id_sealed": keys.seal(record.id, record.id_number) if record.id_number else None}


def _without_number(payload_text: str) -> str:
    payload: dict[str, Any] = json.loads(payload_text)
    payload["id_number"] = None
    return canonical_json(payload)


def seal_existing(conn: Connection, keys: Keyring) -> int:
    """Seal the plain numbers of a hub made before sealing; scrub them from the stored
    payloads of workers and of the change log. Returns how many numbers were sealed."""
    plain = conn.execute(text(
        "SELECT id, id_number FROM workers WHERE id_number IS NOT NULL")).all()
    for worker_id, number in plain:
        conn.execute(text("UPDATE workers SET id_sealed = :sealed, id_number = NULL "
                          "WHERE id = :id"),
                     {"sealed": keys.seal(str(worker_id), str(number)), "id": worker_id})
    _scrub(conn, workers.c.id, workers.c.payload)
    _scrub(conn, changes.c.change_id, changes.c.payload, changes.c.record_type == "worker")
    return len(plain)


def _scrub(conn: Connection, key: Any, payload: Any, *where: Any) -> None:
    table = key.table
    for row_key, stored in conn.execute(
            select(key, payload).where(payload.like(_PLAIN), *where)).all():
        conn.execute(update(table).where(key == row_key)
                     .values({payload.name: _without_number(stored)}))


def reseal(conn: Connection, keys: Keyring) -> int:
    """Seal again, under the current key, every number sealed with an older one."""
    count = 0
    for table in (workers, employers):
        for record_id, sealed in conn.execute(select(table.c.id, table.c.id_sealed).where(
                table.c.id_sealed.is_not(None))).all():
            if keys.is_current(sealed):
                continue
            number = keys.unseal(str(record_id), str(sealed))
            conn.execute(update(table).where(table.c.id == record_id)
                         .values(id_sealed=keys.seal(str(record_id), number)))
            count += 1
    return count
