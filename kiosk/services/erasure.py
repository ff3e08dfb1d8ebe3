"""Deleting a worker's personal data at their request (PIPL art. 47), approved by a
supervisor and audited. The worker's record stays, anonymised, so that statistics keep
counting what happened (registrations, check-ins, referrals by trade); everything that
names or identifies the person goes, on this terminal now (kiosk.store.erase) and at the
hub when the change reaches it (op `delete`)."""

from __future__ import annotations

from kiosk.core.codec import iso_utc
from kiosk.core.erasure import ERASED_NAME, anonymised
from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.records import AuditAction, Worker
from kiosk.services.base import not_found
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from kiosk.store.erase import finish_erasure, record_erasure
from kiosk.store.print_queue import PrintKind

__all__ = ["ERASED_NAME", "NOT_SUPERVISOR", "erase_worker"]

NOT_SUPERVISOR = N_("Only a supervisor can approve deleting a worker's data.")
ERASE_AT_HOME = N_("This worker is registered at another hall ({hall}): their data is "
                   "deleted at that hall's request desk, and then here too.")
ERASE_AT_OTHER_MACHINE = N_("This worker was registered at another machine of this hall: "
                            "their data is deleted there, and then here too.")


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
    home = services.home_hall_of(worker.id)
    if home is not None and home.hall_id == services.settings.hall_id:
        return fail("worker_id", "other_machine", ERASE_AT_OTHER_MACHINE)
    if home is not None:  # a copy of another hall's worker: the person asks there
        return fail("worker_id", "other_hall", ERASE_AT_HOME, hall=home.label)
    erased = anonymised(worker, services.now())
    store = services.store
    with store.write() as tx:
        record_erasure(tx, store.conn, erased)
        services.audit(tx, AuditAction.WORKER_ERASE, erased,
                       f"approved by {approval.value.id}")
        services.audit(tx, AuditAction.WORKER_ERASE, erased, "approval",
                       staff_id=approval.value.id)
        if print_receipt:
            tx.queue_print(PrintKind.ERASURE, erased, iso_utc(erased.updated_at))
    finish_erasure(store, erased)
    return Ok(erased)
