"""Printing: tickets built from stored records, and the print worker.

The worker runs in its own thread with its OWN store connection. It takes queued jobs in
order, marks each `printing` before sending and `printed` only after the transport took it.
A printer failure puts the job back with its reason and a retry time, and stops the round,
so tickets come out in order. A ticket that cannot be drawn (its record is missing, the
font is gone) is put back the same way but holds up no other ticket. Jobs found `printing`
at start-up may or may not have come out: they are shown to staff (reprint or cancel)
instead of being printed twice.

A send cut short (the printer stalled part-way: paper out, lid open) is never sent again
as it is: the printer may be half-way through a raster image and would take the start of
the resend as the rest of it. The job goes to staff as "may have printed partly" (reprint
or cancel), and before anything else reaches that printer the worker sends `reset_bytes`
(finish any band, ESC @, feed and cut), then asks its real-time status (DLE EOT) where it
answers: no ticket goes to a printer that says it has no paper or its cover is open.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from enum import Enum
from typing import TypeVar
from zoneinfo import ZoneInfo

from kiosk.core import formatting
from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import iso_utc
from kiosk.core.counter_hours import CounterHours
from kiosk.core.employers import employer_label, licence_name
from kiosk.core.errors import N_, Err
from kiosk.core.privacy import mask_phone
from kiosk.core.records import CheckIn, Employer, PayUnit, Record
from kiosk.store.print_queue import PrintJob, PrintKind
from kiosk.store.store import Store
from kiosk.system.config import HallInfo
from kiosk.system.printer_profile import PrinterProfile
from printers.tickets import (
    Issuer,
    Ticket,
    card_ticket,
    complaint_ticket,
    course_ticket,
    erasure_ticket,
    handoff_ticket,
    interest_ticket,
    policy_ticket,
    queue_ticket,
    referral_ticket,
    self_post_ticket,
)
from printers.transports import (
    FailureReason,
    PrinterStatus,
    PrintFailure,
)

log = logging.getLogger(__name__)
# What staff read next to a stuck print job (打印机缺纸 …), by failure reason.
FAILURE_MESSAGES = {
    FailureReason.OFFLINE: N_("The printer is not connected."),
    FailureReason.PAPER_OUT: N_("The printer is out of paper."),
    FailureReason.BUSY: N_("The printer is in use by another program."),
    FailureReason.TIMEOUT: N_("The printer does not answer."),
    FailureReason.INTERRUPTED: N_("Printing was interrupted: reprint or cancel."),
    FailureReason.RENDER: N_("The ticket could not be made."),
    FailureReason.PARTIAL: N_("The printer stopped part-way: the ticket may have printed "
                              "partly. Reprint or cancel."),
}
BACKOFF_START_S = 2.0
BACKOFF_CAP_S = 300.0
# A job `printing` for longer than this was left by a process that died: no send takes so
# long (the slowest transport gives up after 30 s without progress).
STUCK_AFTER = timedelta(minutes=2)


class TicketSource:
    """Builds the ticket for a print job from the records in the store."""

    def __init__(self, store: Store, catalogue: Catalogue, hall: HallInfo,
                 language: str = "zh_CN", *, card_key: bytes | None = None,
                 counter_hours: CounterHours | None = None) -> None:
        """`card_key`: the terminal's card key (HallSettings.card_key): cards are signed
        `LGW2`; only a tool without it prints the old `LGW1`."""
        self.store = store
        self.card_key = card_key
        self.counter_hours = counter_hours or CounterHours()
        self.catalogue = catalogue
        self.hall = hall
        self.language = language
        self._tz = ZoneInfo(hall.timezone)

    def ticket(self, kind: PrintKind, ref_id: str, now: datetime) -> Ticket:
        issuer = Issuer(self.hall, now.astimezone(self._tz), self.language)
        builder = {
            PrintKind.CARD: self._card, PrintKind.QUEUE: self._queue,
            PrintKind.REFERRAL: self._referral, PrintKind.INTEREST: self._interest,
            PrintKind.COMPLAINT: self._complaint, PrintKind.ERASURE: self._erasure,
            PrintKind.HANDOFF: self._handoff,
            PrintKind.POLICY: self._policy,
            PrintKind.COURSE: self._course,
            PrintKind.SELF_POST: self._self_post,
        }.get(kind)
        if builder is None:
            raise PrintFailure(FailureReason.RENDER, f"no ticket layout for {kind}")
        return builder(ref_id, issuer)

    def _card(self, ref_id: str, issuer: Issuer) -> Ticket:
        worker = _need(self.store.workers.get(ref_id), ref_id)
        return card_ticket(worker, self.catalogue, issuer, self._card_text(worker.id))

    def _card_text(self, worker_id: str) -> str | None:
        if self.card_key is None:
            return None
        from kiosk.core.cards import sign_worker_card  # noqa: PLC0415 - cryptography on demand

        return sign_worker_card(worker_id, self.card_key)

    def _queue(self, ref_id: str, issuer: Issuer) -> Ticket:
        checkin = _need(self.store.checkins.get(ref_id), ref_id)
        return queue_ticket(checkin, self.waiting_before(checkin), issuer)

    def _referral(self, ref_id: str, issuer: Issuer) -> Ticket:
        referral = _need(self.store.referrals.get(ref_id), ref_id)
        job = _need(self.store.jobs.get(referral.job_id), referral.job_id)
        employer = self.store.employers.get(job.employer_id)  # may not have synced yet
        from kiosk.services.safety import briefings_of  # noqa: PLC0415 - only for slips

        briefings = briefings_of(self.store).for_tags(job.hazards)
        acknowledged = bool(briefings) and self.store.safety_acks.count(
            "worker_id = ? AND job_id = ?", [referral.worker_id, job.id]) > 0
        return referral_ticket(referral, job, employer_name=_employer_name(employer, issuer),
                               worker=self.store.workers.get(referral.worker_id),
                               catalogue=self.catalogue, issuer=issuer,
                               employer_phone=employer.phone if employer else "",
                               employer_licence=_licence(employer, issuer),
                               briefings=briefings, acknowledged=acknowledged)

    def _interest(self, ref_id: str, issuer: Issuer) -> Ticket:
        referral = _need(self.store.referrals.get(ref_id), ref_id)
        job = _need(self.store.jobs.get(referral.job_id), referral.job_id)
        employer = self.store.employers.get(job.employer_id)
        return interest_ticket(referral, job, _employer_name(employer, issuer),
                               self.catalogue, issuer, employer_licence=_licence(employer, issuer))

    def _complaint(self, ref_id: str, issuer: Issuer) -> Ticket:
        return complaint_ticket(_need(self.store.complaints.get(ref_id), ref_id), issuer)

    def _handoff(self, ref_id: str, issuer: Issuer) -> Ticket:
        step = _need(self.store.case_steps.get(ref_id), ref_id)
        complaint = _need(self.store.complaints.get(step.complaint_id), step.complaint_id)
        return handoff_ticket(complaint, step, issuer)

    def _erasure(self, ref_id: str, issuer: Issuer) -> Ticket:
        return erasure_ticket(_need(self.store.workers.get(ref_id), ref_id), issuer)

    def _course(self, ref_id: str, issuer: Issuer) -> Ticket:
        from kiosk.services.training import courses_of  # noqa: PLC0415 - rare

        signup = _need(self.store.course_signups.get(ref_id), ref_id)
        course = next((c for c in courses_of(self.store) if c.id == signup.course_id), None)
        if course is None:
            raise PrintFailure(FailureReason.RENDER, f"course {signup.course_id} not found")
        from kiosk.store.training import TrainingReader  # noqa: PLC0415 - rare

        row = next((r for r in TrainingReader(self.store.conn).signups_of_worker(
            signup.worker_id) if r.signup_id == signup.id), None)
        return course_ticket(course, signup, self.store.workers.get(signup.worker_id),
                             self.catalogue, issuer,
                             confirmed=row is not None and not row.unconfirmed)

    def _policy(self, ref_id: str, issuer: Issuer) -> Ticket:
        from kiosk.services.city_content import policy_pages_of  # noqa: PLC0415 - rare

        page = next((p for p in policy_pages_of(self.store) if p.id == ref_id), None)
        if page is None:
            raise PrintFailure(FailureReason.RENDER, f"policy page {ref_id} not found")
        return policy_ticket(page, issuer)

    def _self_post(self, ref_id: str, issuer: Issuer) -> Ticket:
        from kiosk.core.counter_hours import counter_opens_next  # noqa: PLC0415 - rare
        from kiosk.core.fields import validate_amount  # noqa: PLC0415

        post = self.store.self_posts.get(ref_id)
        if post is None:
            raise PrintFailure(FailureReason.RENDER, f"self-post {ref_id} not found")
        known = self.store.employers.get(post.employer_id) if post.employer_id else None
        employer = known.display_name if known else post.employer.name if post.employer else ""
        phone = known.phone if known else post.employer.phone if post.employer else ""
        cents = validate_amount(post.job.pay_amount)
        pay = post.job.pay_amount if isinstance(cents, Err) or post.job.pay_unit not in set(
            PayUnit) else formatting.pay(cents.value, PayUnit(post.job.pay_unit), self.language)
        opens = counter_opens_next(issuer.printed_at, self.counter_hours)
        return self_post_ticket(post, f"{employer} · {mask_phone(phone)}", pay, self.catalogue,
                                issuer, opens_at=opens)

    def waiting_before(self, checkin: CheckIn) -> int:
        """Workers who checked in earlier today, whose number was not called yet and who were
        not referred or hired today (an unverified check-in has no number: it waits for no
        one, no one waits for it)."""
        if checkin.queue_no is None:
            return 0
        start = datetime.combine(checkin.day, time.min, self._tz).astimezone(UTC)
        return self.store.checkins.count(
            "hall_id = ? AND day = ? AND queue_no IS NOT NULL"
            " AND (created_at, queue_no, queue_prefix) < (?, ?, ?) AND worker_id NOT IN ("
            " SELECT worker_id FROM referrals WHERE status IN ('referred', 'arrived', 'hired')"
            " AND updated_at >= ?) AND NOT EXISTS ("
            " SELECT 1 FROM queue_calls q WHERE q.hall_id = checkins.hall_id"
            " AND q.day = checkins.day AND q.queue_no = checkins.queue_no"
            " AND q.queue_prefix = checkins.queue_prefix)",
            [checkin.hall_id, checkin.day.isoformat(), iso_utc(checkin.created_at),
             checkin.queue_no, checkin.queue_prefix, iso_utc(start)])


R = TypeVar("R", bound=Record)


def _employer_name(employer: Employer | None, issuer: Issuer) -> str:
    """The name a slip shows, with the role of an intermediary: 鲁班劳务（劳务派遣）."""
    if employer is None:
        return ""
    return employer_label(employer.display_name, employer.role.value, issuer.t)


def _licence(employer: Employer | None, issuer: Issuer) -> tuple[str, str] | None:
    """An intermediary's licence, (its name, its number), for the slip."""
    name = None if employer is None else licence_name(employer.role.value, employer.licence_no)
    return None if employer is None or name is None else (issuer.t(name), employer.licence_no)


def _need(record: R | None, ref_id: str) -> R:
    if record is None:
        raise PrintFailure(FailureReason.RENDER, f"record {ref_id} not found")
    return record


class _Outcome(Enum):
    PRINTED = "printed"
    SKIPPED = "skipped"  # someone else moved the job first
    TICKET_FAILED = "ticket_failed"  # could not be drawn; the next job may go on
    PRINTER_FAILED = "printer_failed"  # the printer did not take it; keep the order


class PrintWorker:
    """Prints queued jobs in order; one instance per printer, on its own thread."""

    def __init__(self, store: Store, source: TicketSource, printer: PrinterProfile,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.source = source
        self.printer = printer
        self.clock = clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        # The printer may hold half a ticket: clean it up before sending anything else.
        self._needs_reset = store.print_queue.last_send_cut_short()
        self._reset_failures = 0
        self._reset_due: datetime | None = None
        # Why the last round stopped at the printer (offline, paper out …), if it did.
        self.printer_failure: PrintFailure | None = None

    def recover(self, stuck_for: timedelta | None = None) -> int:
        """At start-up: jobs caught mid-send go to staff instead of printing twice. With
        `stuck_for`, only jobs `printing` for at least that long (another process may be
        printing the others right now)."""
        now = self.clock()
        before = None if stuck_for is None else iso_utc(now - stuck_for)
        count = self.store.print_queue.fail_interrupted(iso_utc(now), before)
        if count:
            self._needs_reset = True
        return count

    def run_once(self) -> int:
        """Print every due job in order; stop at the first printer failure. Returns how many
        printed."""
        printed = 0
        self.printer_failure = None
        if not self._printer_clean(self.clock()):
            return 0
        for job in self.store.print_queue.queued():
            now = self.clock()
            due = job.next_attempt_at is None or job.next_attempt_at <= iso_utc(now)
            if not due and job.error_code == FailureReason.RENDER.value:
                continue  # this ticket's own problem, not the printer's: the others go on
            if not due:
                break  # the head of the queue is waiting to retry: keep the order
            outcome = self._print(job, now)
            if outcome is _Outcome.PRINTED:
                printed += 1
            elif outcome is _Outcome.PRINTER_FAILED:
                break
        return printed

    def _print(self, job: PrintJob, now: datetime) -> _Outcome:
        queue = self.store.print_queue
        if not queue.claim(job.id, iso_utc(now)):
            return _Outcome.SKIPPED  # cancelled or taken meanwhile: go on with the next
        try:
            data, suffix = self.printer.render(self.source.ticket(job.kind, job.ref_id, now))
        except PrintFailure as failure:  # nothing was sent: safe to try again later
            self._retry_later(job, failure, now)
            return _Outcome.TICKET_FAILED
        except Exception as exc:  # e.g. the font uninstalled; not left stuck in `printing`
            log.exception("print job %s: the ticket could not be made", job.id)
            self._retry_later(job, PrintFailure(FailureReason.RENDER,
                                                f"{type(exc).__name__}: {exc}"), now)
            return _Outcome.TICKET_FAILED
        try:
            self.printer.transport.send(data, suffix, f"{job.kind.value}-{job.id}")
        except PrintFailure as failure:
            self.printer_failure = failure
            if failure.partial:
                self._cut_short(job, failure, now)
            else:
                self._retry_later(job, failure, now)
            return _Outcome.PRINTER_FAILED
        queue.mark_printed(job.id, iso_utc(self.clock()))
        return _Outcome.PRINTED

    def _cut_short(self, job: PrintJob, failure: PrintFailure, now: datetime) -> None:
        """Part of the ticket went out: staff decide, and the printer is cleaned up first."""
        self.store.print_queue.mark_failed(job.id, FailureReason.PARTIAL.value,
                                           failure.detail[:500], iso_utc(now))
        self._needs_reset = True
        log.warning("print job %s was cut short (%s): left to staff", job.id,
                    failure.reason.value)

    def _printer_clean(self, now: datetime) -> bool:
        """Whether the printer may be sent a ticket: after a send cut short, only once its
        status (where it answers) is ready and the reset bytes went through whole."""
        if not self._needs_reset:
            return True
        if self._reset_due is not None and now < self._reset_due:
            return False
        reset = self.printer.reset()
        try:
            if reset is not None:  # first the reset: a status request sent to a printer
                # half-way through an image could be taken as dots
                self.printer.transport.send(reset, ".bin", f"reset-{now:%Y%m%d%H%M%S%f}")
                self._check_status()
        except PrintFailure as failure:
            self.printer_failure = failure
            self._reset_failures += 1
            self._reset_due = now + timedelta(seconds=backoff_seconds(self._reset_failures))
            log.warning("the printer could not be reset: %s", failure.reason.value)
            return False
        self._needs_reset, self._reset_failures, self._reset_due = False, 0, None
        return True

    def _check_status(self) -> None:
        status = getattr(self.printer.transport, "status", None)
        answer = status() if callable(status) else None
        if isinstance(answer, PrinterStatus) and not answer.ready:
            raise PrintFailure(FailureReason.PAPER_OUT)

    @property
    def needs_reset(self) -> bool:
        return self._needs_reset

    def _retry_later(self, job: PrintJob, failure: PrintFailure, now: datetime) -> None:
        retry = now + timedelta(seconds=backoff_seconds(job.attempts + 1))
        self.store.print_queue.mark_retry(job.id, failure.reason.value, failure.detail[:500],
                                          iso_utc(retry), iso_utc(now))
        log.warning("print job %s failed: %s", job.id, failure.reason.value)

    def wake(self) -> None:
        """Something was queued: look now rather than at the next tick."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def run_forever(self, tick_s: float = 2.0) -> None:
        self.recover()
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # a bug must not kill the thread: log and try again later
                log.exception("print worker round failed")
            self._wake.wait(tick_s)
            self._wake.clear()


def backoff_seconds(attempt: int) -> float:
    """2, 4, 8 … seconds, capped at 5 minutes."""
    return min(BACKOFF_CAP_S, BACKOFF_START_S * 2.0 ** max(0, attempt - 1))
