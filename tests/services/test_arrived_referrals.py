"""A worker whose slip was scanned (arrived) is at the job: referring them to it again gives
the same referral, and matching no longer lists them for it."""

from __future__ import annotations

from kiosk.core.records import ReferralStatus
from kiosk.services import arrivals
from kiosk.services.dispatch import Dispatch
from kiosk.services.hall import Services
from tests.conftest import employer_draft, job_draft, worker_draft
from tests.printers import ok


def test_an_arrived_worker_is_not_referred_or_offered_again(services: Services) -> None:
    staff = services.as_staff("S001")
    worker = ok(staff.register_worker(worker_draft()))
    assert ok(services.check_in(worker.id)).checkin.queue_no == 1
    job = ok(staff.post_job(job_draft(ok(staff.register_employer(employer_draft())).id)))
    referral = ok(staff.refer(job.id, worker.id))
    note = arrivals.confirm_arrival(services, referral.id)
    assert note.referral is not None and note.referral.status is ReferralStatus.ARRIVED
    again = ok(staff.refer(job.id, worker.id))
    assert again.id == referral.id and services.store.referrals.count() == 1
    fit = ok(Dispatch(services).fit_workers(job.id))
    assert worker.id not in [m.candidate.worker_id for m in fit]
