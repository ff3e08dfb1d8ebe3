"""Deleting a worker's personal data at their request (PIPL art. 47), approved by a
supervisor and audited. The worker's record stays, anonymised, so that statistics keep
counting what happened (registrations, check-ins, referrals by trade); everything that
names or identifies the person goes, on this terminal now (kiosk.store.erase) and at the
hub when the change reaches it (op `delete`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from kiosk.core.codec import JSONValue, iso_utc, to_payload
from kiosk.core.errors import N_, Err, Ok, Result
from kiosk.core.records import AuditAction, Worker
from kiosk.services.base import not_found
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from kiosk.store.backup import backup_dir_of
from kiosk.store.erase import erase_in_backups, scrub_worker_changes
from kiosk.store.forget import purge_wal
from kiosk.store.outbox import ChangeOp
from kiosk.store.print_queue import PrintKind

ERASED_NAME = "（已删除）"  # stored in the name's place: what staff lists then show
ERASED_FIELDS = ("name", "phone", "id_number", "id_masked", "id_index", "birth_date",
                 "certificates", "areas", "skills_note", "low_income", "disabled")
NOT_SUPERVISOR = N_("Only a supervisor can approve deleting a worker's data.")


def anonymised(worker: Worker, now_utc: datetime) -> Worker:
    """The record with nothing that names or identifies the person: trades, sex, the birth
    year and the dates of consent and registration stay for the statistics."""
    return replace(
        worker, name=ERASED_NAME, phone="", id_number=None, id_masked="",
        id_index=f"erased:{worker.id}", birth_date=date(worker.birth_date.year, 1, 1),
        certificates=(), areas=(), skills_note="", low_income=False, disabled=False,
        updated_at=now_utc)


def erase_worker(services: Services, worker_id: str, supervisor_id: str, pin: str, *,
                 print_receipt: bool = True) -> Result[Worker]:
    """Erase the worker's personal data here, queue the erasure for the hub, audit it, and
    print the person a receipt."""
    approval = StaffAccounts(services).is_supervisor_pin(supervisor_id, pin,
                                                         refusal=NOT_SUPERVISOR)
    if isinstance(approval, Err):
        return approval
    worker = services.worker(worker_id)
    if worker is None:
        return not_found("worker_id")
    erased = anonymised(worker, services.now())
    values = _erased_values(erased)
    store = services.store
    with store.write() as tx:
        tx.save(erased, ChangeOp.DELETE)
        scrub_worker_changes(store.conn, erased.id, values)
        services.audit(tx, AuditAction.WORKER_ERASE, erased,
                       f"approved by {approval.value.id}")
        services.audit(tx, AuditAction.WORKER_ERASE, erased, "approval",
                       staff_id=approval.value.id)
        if print_receipt:
            tx.queue_print(PrintKind.ERASURE, erased, iso_utc(erased.updated_at))
    purge_wal(store.conn)
    erase_in_backups(backup_dir_of(store.path), erased.id, values)
    return Ok(erased)


def _erased_values(erased: Worker) -> dict[str, JSONValue]:
    payload = to_payload(erased)
    return {name: payload[name] for name in ERASED_FIELDS}
