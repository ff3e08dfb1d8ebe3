"""Safety and insurance at the hall: the briefing a worker reads before a hazardous job
and its acknowledgement, the city's weather stop-work notices, and workers' requests for
help enrolling in accident insurance that staff follow up.

Briefings and stop-work notices are the city's signed assets (kiosk.core.safety_content)
the sync agent kept; without them the briefings shipped with the kiosk and no notice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from kiosk.core.city_content import district_code
from kiosk.core.errors import N_, Ok, Result, fail
from kiosk.core.hazards import hazardous_by_tags
from kiosk.core.ids import new_id
from kiosk.core.records import (
    AckVia,
    AuditAction,
    HelpRequest,
    HelpStatus,
    HelpTopic,
    JobPost,
    SafetyAck,
)
from kiosk.core.safety_content import (
    SAFETY_BRIEFINGS,
    STOP_WORK,
    Briefing,
    Briefings,
    StopWork,
    briefings_from_data,
    shipped_briefings_data,
    stop_work_from_data,
)
from kiosk.services.base import HallBase, not_found
from kiosk.store.outbox import ChangeOp
from kiosk.store.store import Store
from kiosk.store.sync_state import stored_asset

log = logging.getLogger(__name__)
SHIPPED_VERSION = 0  # the briefings' version when none was published yet


def briefings_of(store: Store) -> Briefings:
    """The city's last published briefings, or those shipped with the kiosk (version 0)."""
    kept = stored_asset(store, SAFETY_BRIEFINGS)
    if kept is not None:
        try:
            return briefings_from_data(kept["data"])
        except ValueError:
            log.warning("the kept safety briefings cannot be read; using the shipped ones")
    return replace(briefings_from_data(shipped_briefings_data()), version=SHIPPED_VERSION)


def stop_work_of(store: Store) -> tuple[StopWork, ...]:
    kept = stored_asset(store, STOP_WORK)
    if kept is None:
        return ()
    try:
        return stop_work_from_data(kept["data"])
    except ValueError:
        log.warning("the kept stop-work notices cannot be read")
        return ()


@dataclass(frozen=True, slots=True)
class HelpRow:
    """An open (or done) help request as staff see it."""

    request: HelpRequest
    worker_name: str


class SafetyCases(HallBase):
    # -- briefings ---------------------------------------------------------------------
    def briefings(self) -> Briefings:
        return briefings_of(self.store)

    def briefing_for(self, job: JobPost) -> tuple[Briefing, ...]:
        """The briefings a worker reads before this job (none: not hazardous)."""
        if not hazardous_by_tags(job):
            return ()
        return self.briefings().for_tags(job.hazards)

    def acknowledge(self, worker_id: str, job_id: str, via: AckVia) -> Result[SafetyAck]:
        """The worker read the job's briefing: 我已知晓 at the touchscreen, or staff ticked
        that the worker read it on the slip (the signed-in staff member, audited)."""
        worker_id = self.store.canonical_worker_id(worker_id)
        if via is AckVia.COUNTER and self.actor is None:
            return fail("staff_id", "required", N_("Sign in at the counter first."))
        with self.store.write() as tx:
            job = self.store.jobs.get(job_id)
            if job is None:
                return not_found("job_id")
            if self.store.workers.get(worker_id) is None:
                return not_found("worker_id")
            if not hazardous_by_tags(job):
                return fail("job_id", "not_hazardous", N_(
                    "This job has no hazard tags: there is no briefing to acknowledge."))
            ack = SafetyAck(id=new_id(), hall_id=self.settings.hall_id, worker_id=worker_id,
                            job_id=job.id, hazards=job.hazards, via=via,
                            staff_id=self.actor if via is AckVia.COUNTER else None,
                            briefing_version=self.briefings().version, created_at=self.now())
            tx.save(ack, ChangeOp.CREATE)
            self.audit(tx, AuditAction.SAFETY_ACK, ack)
        return Ok(ack)

    def safety_acks_of(self, worker_id: str) -> list[SafetyAck]:
        return list(self.store.safety_acks.where(
            "worker_id = ?", [self.store.canonical_worker_id(worker_id)],
            order_by="created_at DESC"))

    def unacknowledged_jobs(self, worker_id: str) -> list[JobPost]:
        """Hazardous jobs the worker was sent to or asked for (open referrals and hires),
        newest first, whose briefing they have not acknowledged: what staff tick after the
        worker read the slip."""
        worker_id = self.store.canonical_worker_id(worker_id)
        found: list[JobPost] = []
        for referral in self.store.referrals.where(
                "worker_id = ? AND status IN ('requested', 'referred', 'hired')", [worker_id],
                order_by="created_at DESC"):
            job = self.store.jobs.get(referral.job_id)
            if (job is not None and hazardous_by_tags(job) and job not in found
                    and not self.acknowledged(worker_id, job.id)):
                found.append(job)
        return found

    def acknowledged(self, worker_id: str, job_id: str) -> bool:
        return self.store.safety_acks.count(
            "worker_id = ? AND job_id = ?",
            [self.store.canonical_worker_id(worker_id), job_id]) > 0

    # -- stop-work notices ---------------------------------------------------------------
    def stop_work_now(self, moment: datetime | None = None) -> tuple[StopWork, ...]:
        """The city's stop-work notices holding at this hall now."""
        at = moment or self.clock.now()
        district = district_code(self.settings.hall_id)
        return tuple(n for n in stop_work_of(self.store) if n.holds(district, at))

    def stopping(self, job: JobPost, moment: datetime | None = None) -> tuple[StopWork, ...]:
        """The notices holding now that stop this job's work."""
        return tuple(n for n in self.stop_work_now(moment) if n.stops(job.trade, job.hazards))

    # -- help requests -------------------------------------------------------------------
    def ask_help(self, worker_id: str,
                 topic: HelpTopic = HelpTopic.ACCIDENT_INSURANCE) -> Result[HelpRequest]:
        """我需要帮助办理: an open request for staff to follow up; asking again while one
        is open returns it."""
        worker_id = self.store.canonical_worker_id(worker_id)
        with self.store.write() as tx:
            if self.store.workers.get(worker_id) is None:
                return not_found("worker_id")
            earlier = self.store.help_requests.first(
                "worker_id = ? AND topic = ? AND status = 'open'", [worker_id, topic.value])
            if earlier is not None:
                return Ok(earlier)
            now = self.now()
            request = HelpRequest(id=new_id(), hall_id=self.settings.hall_id,
                                  worker_id=worker_id, topic=topic, status=HelpStatus.OPEN,
                                  staff_id=None, note="", created_at=now, updated_at=now)
            tx.save(request, ChangeOp.CREATE)
        return Ok(request)

    def help_requests_of(self, worker_id: str) -> list[HelpRequest]:
        return list(self.store.help_requests.where(
            "worker_id = ?", [self.store.canonical_worker_id(worker_id)],
            order_by="created_at DESC"))

    def open_help_requests(self) -> list[HelpRow]:
        """Open requests of this hall, oldest first, with the worker's name (staff only)."""
        rows = []
        for request in self.store.help_requests.where(
                "status = 'open' AND hall_id = ?", [self.settings.hall_id],
                order_by="created_at"):
            worker = self.store.workers.get(request.worker_id)
            rows.append(HelpRow(request, worker.name if worker else ""))
        return rows

    def mark_help_done(self, request_id: str, note: str = "") -> Result[HelpRequest]:
        """Staff followed the request up (enrolled the worker, or explained): done."""
        if self.actor is None:
            return fail("staff_id", "required", N_("Sign in at the counter first."))
        if len(note) > 200:
            return fail("note", "too_long", N_("The note is too long (at most 200 characters)."))
        with self.store.write() as tx:
            request = self.store.help_requests.get(request_id)
            if request is None or request.hall_id != self.settings.hall_id:
                return not_found("request_id")
            if request.status is HelpStatus.DONE:
                return Ok(request)
            done = replace(request, status=HelpStatus.DONE, staff_id=self.actor,
                           note=note.strip(), updated_at=self.now())
            tx.save(done, ChangeOp.UPDATE)
            self.audit(tx, AuditAction.HELP_DONE, done)
        return Ok(done)
