"""POST /v1/workers/lookup: a hall asks for a worker registered elsewhere in the city.

A terminal or counter that does not know an ID number (typed, or read from an ID card) or
a worker card asks the hub. By an ID number, the hub computes its own blind index
(`identity`: every terminal has its own key, so no terminal can compute the hub's) and
forgets the number with the request: it is neither stored nor logged. By a card, the
worker id the card names. The hub answers with the worker's masked profile
(`protocol.MaskedWorker`) or, for anyone it cannot show (no such worker, an erased one),
one and the same "not found" body. Both cases run the same single query and write the
same audit row, so neither the answer nor the work done tells them apart.

What a hall is shown follows DESIGN.md (Privacy): the masked name, birth year, sex,
trades, certificates, kinds of work and areas wanted, the day they can start, their home
hall, registration day and consent version. Never the ID number (masked or not), the
phone, the birth date, the free-text skills note, or the hardship category: low income
and disability are sensitive data that stay with the home hall, which follows them up
("131"); the asking hall still ranks the worker by what it can see (older worker from
the birth year, long wait from its own referrals).

Every lookup is audited in `worker_lookups` (terminal, hall, when, by what, the worker
shown). Rates are per terminal (`limits.Limits.lookup_per_s`): a copied token cannot
walk the space of ID numbers.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, literal, select

from kiosk.core.erasure import ERASED_NAME
from kiosk.core.privacy import blind_index, mask_name
from sync.hub.schema import halls, worker_aliases, worker_identities, worker_lookups, workers
from sync.hub.terminals import Identity
from sync.protocol import MaskedWorker, WorkerLookupRequest, WorkerLookupResponse

BY_ID_NUMBER, BY_CARD = "id_number", "card"
NOT_FOUND = WorkerLookupResponse(found=False).model_dump_json().encode()


def look_up(conn: Connection, who: Identity, request: WorkerLookupRequest, *,
            index_key: bytes, at: str) -> bytes:
    """The answer's JSON: the masked profile of the worker asked for, or `NOT_FOUND`."""
    row = conn.execute(_query(request, index_key)).first()
    shown = None if row is None else _masked(str(row.id), str(row.hall_id),
                                             row.name or "", json.loads(row.payload))
    conn.execute(worker_lookups.insert().values(
        at=at, terminal_id=who.terminal_id, hall_id=who.hall_id,
        by=BY_CARD if request.worker_id is not None else BY_ID_NUMBER,
        worker_id=None if shown is None else shown.worker_id))
    if shown is None:
        return NOT_FOUND
    return WorkerLookupResponse(found=True, worker=shown).model_dump_json().encode()


def _query(request: WorkerLookupRequest, index_key: bytes) -> Any:
    """One statement whatever the key: the worker the number's hub index (or the card's id)
    names, followed to its canonical id, with its home hall's name."""
    if request.id_number is not None:
        named: Any = select(worker_identities.c.worker_id).where(
            worker_identities.c.hub_index == blind_index(index_key, request.id_number),
        ).scalar_subquery()
    else:
        named = literal(request.worker_id)
    canonical = func.coalesce(select(worker_aliases.c.canonical_id).where(
        worker_aliases.c.alias_id == named).scalar_subquery(), named)
    return (select(workers.c.id, workers.c.hall_id, workers.c.payload, halls.c.name)
            .select_from(workers.outerjoin(halls, halls.c.id == workers.c.hall_id))
            .where(workers.c.id == canonical))


def _masked(worker_id: str, hall_id: str, hall_name: str,
            payload: dict[str, Any]) -> MaskedWorker | None:
    """The profile a hall may see; None for an erased worker (no ID left, no name)."""
    if not payload.get("id_masked") or payload.get("name") in (None, "", ERASED_NAME):
        return None
    return MaskedWorker(
        worker_id=worker_id, name_masked=mask_name(str(payload["name"])),
        birth_year=int(str(payload["birth_date"])[:4]), sex=payload["sex"],
        trades=list(payload["trades"]), certificates=list(payload["certificates"]),
        intentions=list(payload["intentions"]), areas=list(payload["areas"]),
        available_from=str(payload["available_from"]), home_hall=hall_id,
        home_hall_name=hall_name[:100], registered_on=str(payload["created_at"])[:10],
        consent_version=str(payload["consent_version"]))


def halls_holding(conn: Connection, worker_ids: set[str], owner_halls: set[str]) -> set[str]:
    """The halls that were shown one of `worker_ids` (and keep a masked copy), other than
    the halls that have a record of their own."""
    if not worker_ids:
        return set()
    return {str(h) for (h,) in conn.execute(
        select(worker_lookups.c.hall_id).distinct().where(
            worker_lookups.c.worker_id.in_(sorted(worker_ids))))} - owner_halls
