"""Tickets that need staff: failed, waiting on a printer fault, or stopped mid-send (they may
have printed partly). Staff see why and reprint or cancel with one tap; each choice is
audited. The CLI (`kiosk print-queue`) and the counter's 小票 page read the same list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, Ok, Result, fail
from kiosk.core.records import AuditAction
from kiosk.services.hall import Services
from kiosk.services.printing import FAILURE_MESSAGES, STUCK_AFTER
from kiosk.store.print_queue import PrintJob, PrintKind, PrintState

STOPPED_WHILE_PRINTING = N_("Stopped while printing: it may have printed. Reprint or cancel.")
NOT_NOW = N_("That ticket cannot be changed now: it has printed or staff changed it already.")
KIND_NAMES = {
    PrintKind.CARD: N_("Worker card"), PrintKind.QUEUE: N_("Queue ticket"),
    PrintKind.REFERRAL: N_("Referral slip"), PrintKind.INTEREST: N_("I want this job ticket"),
    PrintKind.COMPLAINT: N_("Complaint receipt"), PrintKind.REPORT: N_("Report"),
    PrintKind.ERASURE: N_("Deletion receipt"),
    PrintKind.POLICY: N_("Policy page"),
}


@dataclass(frozen=True, slots=True)
class TicketTrouble:
    """One print job staff must decide on, and why (catalogue messages)."""

    job: PrintJob
    kind_name: str
    reason: str
    queued_again: bool  # True: it is still queued and retries by itself after the fault

    @property
    def id(self) -> str:
        return self.job.id


def tickets_needing_staff(services: Services, now: datetime) -> list[TicketTrouble]:
    """Failed jobs, jobs retrying after a printer fault, and jobs stuck `printing` since
    before STUCK_AFTER (the process sending them died)."""
    stuck_before = iso_utc(now - STUCK_AFTER)
    return [TicketTrouble(job, KIND_NAMES.get(job.kind, N_("Ticket")), reason_of(job),
                          job.state is PrintState.QUEUED)
            for job in services.store.print_queue.needing_attention(stuck_before)]


def reason_of(job: PrintJob) -> str:
    if job.state is PrintState.PRINTING:
        return STOPPED_WHILE_PRINTING
    for reason, message in FAILURE_MESSAGES.items():
        if reason.value == job.error_code:
            return message
    return N_("The ticket did not print.")


def reprint(services: Services, job_id: str) -> Result[None]:
    """Queue the ticket again, first in line once the printer answers; audited."""
    return _act(services, job_id, AuditAction.PRINT_REPRINT, reprint=True)


def cancel(services: Services, job_id: str) -> Result[None]:
    """Drop the ticket (it came out after all, or the person has gone); audited."""
    return _act(services, job_id, AuditAction.PRINT_CANCEL, reprint=False)


def _act(services: Services, job_id: str, action: AuditAction, *, reprint: bool) -> Result[None]:
    store, moment = services.store, services.now()
    now = iso_utc(moment)
    with store.write() as tx:
        queue = store.print_queue
        job = queue.get(job_id)
        if job is not None and job.state is PrintState.PRINTING:
            queue.fail_stuck(job_id, now, iso_utc(moment - STUCK_AFTER))  # its process died
        moved = queue.reprint(job_id, now) if reprint else queue.cancel(job_id, now)
        if not moved or job is None:
            return fail("job", "status_transition", NOT_NOW)
        services.audit(tx, action, None, f"{job.kind.value} {job.id}")
        tx.changed.add("print_jobs")
    return Ok(None)
