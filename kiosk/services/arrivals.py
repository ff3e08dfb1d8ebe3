"""到岗: a referral slip scanned at any terminal or counter of any hall, by the employer or
the worker; staff calling the employer about a referral; and who did not come.

A scan is an `Arrival` record of the scanning hall (the hub takes it from any hall and
passes it to the hall that made the referral). When the referral is this hall's and here,
it is marked `arrived` in the same transaction (kiosk.store.arrivals); otherwise the
referral's own hall marks it when the arrival reaches it through the hub.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.privacy import mask_name
from kiosk.core.records import (
    Arrival,
    AuditAction,
    Employer,
    JobPost,
    Referral,
    ReferralStatus,
)
from kiosk.services.base import not_found
from kiosk.services.hall import Services
from kiosk.store.arrivals import mark_arrived
from kiosk.store.outbox import ChangeOp


@dataclass(frozen=True, slots=True)
class ArrivalNote:
    """What the screen says after a slip was read: the job and the worker's masked name
    when this terminal knows them (empty otherwise), and whether it was read before."""

    arrival: Arrival
    job_title: str
    worker_masked: str
    referral: Referral | None  # this hall's referral, now arrived (None: another hall's)
    again: bool  # the slip was read here before: nothing new was recorded


def confirm_arrival(services: Services, referral_id: str, *, job_title: str = "",
                    worker_masked: str = "") -> ArrivalNote:
    """Record that the slip of `referral_id` was read here. `job_title` and
    `worker_masked` are what the slip's code says, used when this terminal has not the
    referral. Reading the same slip again here records nothing more."""
    store, settings = services.store, services.settings
    with store.write() as tx:
        earlier = store.arrivals.first("referral_id = ? AND terminal_id = ?",
                                       [referral_id, settings.terminal_id])
        arrival = earlier or Arrival(id=new_id(), hall_id=settings.hall_id,
                                     referral_id=referral_id,
                                     terminal_id=settings.terminal_id,
                                     created_at=services.now())
        updated = None
        if earlier is None:
            tx.save(arrival, ChangeOp.CREATE)
            updated = mark_arrived(tx, store, arrival, hall_id=settings.hall_id,
                                   terminal_id=settings.terminal_id, staff_id=services.actor,
                                   now=arrival.created_at)
    referral = updated or store.referrals.get(referral_id)
    title, masked = _shown(services, referral)
    return ArrivalNote(arrival, title or job_title, masked or worker_masked,
                       updated, earlier is not None)


def job_title(services: Services, job_id: str) -> str:
    """The title of a job this terminal has (jobs of every hall come through the hub)."""
    job = services.store.jobs.get(job_id) if job_id else None
    return job.title if job is not None else ""


def _shown(services: Services, referral: Referral | None) -> tuple[str, str]:
    if referral is None:
        return "", ""
    job = services.store.jobs.get(referral.job_id)
    worker = services.store.workers.get(referral.worker_id)
    return (job.title if job else "", mask_name(worker.name) if worker else "")


@dataclass(frozen=True, slots=True)
class EmployerContact:
    """The employer of a job as the counter shows it. Another hall's employer has a
    contact and phone only on a staff counter (the hub sends them to counters only)."""

    display_name: str
    contact_name: str
    phone: str


def employer_contact(services: Services, job: JobPost) -> EmployerContact | None:
    employer: Employer | None = services.store.employers.get(job.employer_id)
    if employer is None:
        return None
    return EmployerContact(employer.display_name, employer.contact_name, employer.phone)


def note_employer_call(services: Services, referral_id: str) -> Result[Referral]:
    """Staff phoned the employer about a referral (一键联系): audited on the referral."""
    referral = services.store.referrals.get(referral_id)
    if referral is None:
        return not_found("referral_id")
    if services.actor is None:
        return fail("staff_id", "required", N_("Please sign in first."))
    with services.store.write() as tx:
        services.audit(tx, AuditAction.CALL_EMPLOYER, referral, "phoned the employer")
    return Ok(referral)


def record_employer_no_show(services: Services, referral_id: str) -> Result[Referral]:
    """The employer did not come to meet the referred worker: the referral says so, and a
    job of this hall counts the employer's no-show (another hall's job is that hall's)."""
    referral = services.store.referrals.get(referral_id)
    if referral is None:
        return not_found("referral_id")
    outcome = services.record_outcome(referral_id, ReferralStatus.EMPLOYER_NO_SHOW)
    if isinstance(outcome, Err):
        return outcome
    job = services.store.jobs.get(referral.job_id)
    if job is not None and job.hall_id == services.settings.hall_id:
        counted = services.record_employer_no_show(job.id)
        if isinstance(counted, Err):
            return counted
    return Ok(outcome.value)
