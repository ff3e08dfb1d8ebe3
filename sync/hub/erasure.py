"""A worker erased at their request (PIPL art. 47) reaches the hub as a `delete` change
carrying the anonymised record (kiosk.services.erasure). The hub then drops every copy of
the person's details it holds: the worker row's sealed ID number, the personal fields of
every earlier change of that worker in the change log, and the worker's hub index (so the
person may register again). The anonymised record and the counts it takes part in stay.
Other halls where the same person registered are told through the feed (`worker_erased`)
and erase their own records in turn."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, select, update

from kiosk.core.codec import canonical_json
from kiosk.core.erasure import ERASED_FIELDS, ERASED_NAME
from kiosk.core.records import Worker
from sync.hub.lookup import halls_holding
from sync.hub.schema import changes, feed, worker_aliases, worker_identities, workers
from sync.protocol import Op, PushRequest

ERASED_KIND = "worker_erased"  # a feed item: payload {"worker_id": …}, to its own hall


def carries_erasure(batch: PushRequest) -> bool:
    """True when the batch asks to erase a worker (the hub then purges its old pages)."""
    return any(c.op == Op.DELETE and c.record_type == "worker" for c in batch.changes)


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
        _tell_other_halls(conn, record.id)


def _tell_other_halls(conn: Connection, worker_id: str) -> None:
    """The same person registered at other halls (merged workers, see `identity`): each
    hall gets a `worker_erased` item for its own record, which only it may rewrite; it
    erases the record and sends its own anonymised delete back. Halls that were shown the
    person's masked profile (`lookup`) get one too, and drop their copy."""
    person = _same_person(conn, worker_id)
    _tell_halls_holding_copies(conn, worker_id, person)
    linked = person - {worker_id}
    if not linked:
        return
    for row in conn.execute(select(workers.c.id, workers.c.hall_id, workers.c.payload).where(
            workers.c.id.in_(sorted(linked))).order_by(workers.c.id)):
        if json.loads(row.payload).get("name") == ERASED_NAME:
            continue  # erased there already
        conn.execute(feed.insert().values(
            kind=ERASED_KIND, record_id=str(row.id), hall_id=str(row.hall_id),
            payload=canonical_json({"worker_id": str(row.id)})))


def _tell_halls_holding_copies(conn: Connection, worker_id: str, person: set[str]) -> None:
    """Every hall shown the person's masked profile, the home halls too: the counter of a
    hall keeps a copy of a worker its touchscreen registered (pulled check-ins), and only
    this item reaches it (a terminal with the record itself, erased already, ignores it)."""
    for hall_id in sorted(halls_holding(conn, person, set())):
        for shown in sorted(person):
            conn.execute(feed.insert().values(
                kind=ERASED_KIND, record_id=shown, hall_id=hall_id,
                payload=canonical_json({"worker_id": shown})))


def _same_person(conn: Connection, worker_id: str) -> set[str]:
    """The worker's canonical id and every alias of it."""
    canonical = conn.execute(select(worker_aliases.c.canonical_id).where(
        worker_aliases.c.alias_id == worker_id)).scalar_one_or_none() or worker_id
    aliases = conn.execute(select(worker_aliases.c.alias_id).where(
        worker_aliases.c.canonical_id == canonical)).scalars().all()
    return {str(canonical), *map(str, aliases)}


def _scrub_log(conn: Connection, worker_id: str, anonymous: dict[str, Any]) -> None:
    rows = conn.execute(select(changes.c.change_id, changes.c.payload).where(
        changes.c.record_type == "worker", changes.c.record_id == worker_id)).all()
    for change_id, text in rows:
        scrubbed = canonical_json({**json.loads(text), **anonymous})
        if scrubbed != text:
            conn.execute(update(changes).where(changes.c.change_id == change_id)
                         .values(payload=scrubbed))
