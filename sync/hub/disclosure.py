"""Opening a sealed ID number for a city function, and only with a record of it.

The city may need a worker's full ID number for a documented purpose: the labour inspectorate
(劳动保障监察) investigating a wage complaint, or a court's request. `kiosk-hub ids disclose`
opens one worker's number (by worker id or by a complaint's number) and writes who asked,
why, for which case and who ran it into `disclosures` in the same transaction: no number
is shown without its audit row. Erased workers have nothing left to open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, select

from sync.hub.identity import canonical_worker
from sync.hub.schema import complaints, disclosures, workers
from sync.hub.sealing import Keyring


@dataclass(frozen=True, slots=True)
class Request:
    """Who asks for a number, and why: every field but `case_ref` must be given."""

    requested_by: str  # e.g. 市劳动保障监察支队 王科长
    reason: str
    case_ref: str
    operator: str  # who runs the command on the hub


@dataclass(frozen=True, slots=True)
class Disclosed:
    worker_id: str
    hall_id: str
    name: str
    id_number: str


class NothingToDisclose(LookupError):
    """No such worker or complaint, or the worker has no sealed number (erased)."""


class IncompleteRequest(ValueError):
    """A request without who asked, why, or who runs it."""


def disclose(conn: Connection, keys: Keyring, request: Request, *, at: str,
             worker_id: str | None = None, complaint_number: str | None = None) -> Disclosed:
    """The worker's plain number, recorded in `disclosures` (inside the caller's
    transaction). Raises IncompleteRequest, NothingToDisclose or sealing.CannotUnseal."""
    if not (request.requested_by.strip() and request.reason.strip()
            and request.operator.strip()):
        raise IncompleteRequest("who asks, why and who runs it must all be given")
    wanted = worker_id if complaint_number is None else _complainant(conn, complaint_number)
    row = conn.execute(select(workers.c.id, workers.c.hall_id, workers.c.payload,
                              workers.c.id_sealed).where(
        workers.c.id == canonical_worker(conn, wanted or ""))).first()
    if row is None or row.id_sealed is None:
        raise NothingToDisclose(wanted or complaint_number or "")
    number = keys.unseal(str(row.id), str(row.id_sealed))
    conn.execute(disclosures.insert().values(
        at=at, worker_id=str(row.id), requested_by=request.requested_by.strip(),
        reason=request.reason.strip(), case_ref=request.case_ref.strip(),
        operator=request.operator.strip()))
    return Disclosed(str(row.id), str(row.hall_id), str(json.loads(row.payload)["name"]),
                     number)


def _complainant(conn: Connection, number: str) -> str | None:
    fragment = json.dumps({"number": number}, ensure_ascii=False)[1:-1].replace(" ", "")
    for (payload,) in conn.execute(select(complaints.c.payload).where(
            complaints.c.payload.contains(fragment))):
        found = json.loads(payload)
        if found.get("number") == number:
            worker = found.get("worker_id")
            return None if worker is None else str(worker)
    raise NothingToDisclose(number)


def disclosure_log(conn: Connection) -> list[dict[str, str]]:
    """Every disclosure, oldest first."""
    return [{"at": r.at, "worker_id": r.worker_id, "requested_by": r.requested_by,
             "reason": r.reason, "case_ref": r.case_ref, "operator": r.operator}
            for r in conn.execute(select(disclosures).order_by(disclosures.c.seq))]
