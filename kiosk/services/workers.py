"""Workers: ID and mobile checks, registration and correction, cards, check-in."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.privacy import blind_index, mask_id_number
from kiosk.core.queue_numbers import counter_kind
from kiosk.core.records import (
    AuditAction,
    CheckIn,
    Unverified,
    Worker,
)
from kiosk.services.base import HallBase, not_found
from kiosk.store.outbox import ChangeOp
from kiosk.store.print_queue import PrintKind, PrintState
from kiosk.store.store import WriteTransaction
from kiosk.store.sync_state import stored_asset

# Validation (kiosk.core.drafts and kiosk.core.fields) is imported by the methods that
# validate, when first called ("see top"): a touchscreen shows its home screen without it.
if TYPE_CHECKING:
    from kiosk.core.drafts import (
        ValidWorker,
        WorkerDraft,
    )
    from kiosk.core.scan import ScanKeys, ScanResult, WorkerCard


@dataclass(frozen=True, slots=True)
class CheckInResult:
    checkin: CheckIn
    already: bool  # True when the worker had checked in earlier today
    print_job: str | None = None  # the queue ticket queued now, if any

    @property
    def unverified(self) -> bool:
        """Waiting for the hub to confirm the worker: no queue number yet."""
        return self.checkin.queue_no is None


class WorkerCases(HallBase):
    """Registering, correcting and checking in workers."""

    def check_id_number(self, raw: str) -> Result[str]:
        """The ID number as it will be stored (upper-case X), or why it is not valid."""
        from kiosk.core.fields import validate_id_number  # noqa: PLC0415 - see top
        parsed = validate_id_number(raw, self.today())
        return parsed if isinstance(parsed, Err) else Ok(parsed.value.number)

    def check_mobile(self, raw: str) -> Result[str]:
        """A mobile number as it will be stored, or why it is not valid."""
        from kiosk.core.fields import validate_mobile  # noqa: PLC0415 - see top
        return validate_mobile(raw)

    def print_card(self, worker_id: str) -> Result[str]:
        """Queue the worker's card (a print job); its id."""
        worker = self.worker(worker_id)
        if worker is None:
            return not_found("worker_id")
        with self.store.write() as tx:
            job_id = tx.queue_print(PrintKind.CARD, worker, iso_utc(self.now()))
            self.audit(tx, AuditAction.PRINT_CARD, worker)
        return Ok(job_id)

    def read_scan(self, text: str, keys: ScanKeys) -> ScanResult:
        """What a scanned code is (worker card, job, pre-registration, …) or why not."""
        from kiosk.core.scan import parse_scan  # noqa: PLC0415 - cryptography only on a scan

        return parse_scan(text, keys=self.card_keys(keys), now=self.now(),
                          context=self.context())

    def card_keys(self, keys: ScanKeys) -> ScanKeys:
        """`keys` with the terminal card keys: this terminal's own and those the city
        published (the `card_keys` asset), which check LGW2 worker cards."""
        from dataclasses import replace as replaced  # noqa: PLC0415

        from kiosk.core.assets import CARD_KEYS, AssetProblem, card_keys_from_data  # noqa: PLC0415
        from kiosk.core.cards import raw_public_key  # noqa: PLC0415 - cryptography on a scan

        published: tuple[bytes, ...] = ()
        kept = stored_asset(self.store, CARD_KEYS)
        if kept is not None:
            try:
                published = card_keys_from_data(kept["data"])
            except AssetProblem:  # checked before it was kept; a damaged copy is ignored
                published = ()
        own = raw_public_key(self.settings.card_key)
        return replaced(keys, card_keys=(own, *published, *keys.card_keys))

    def card_public_key(self) -> str:
        """The public half of this terminal's card key (base64), which the hub publishes."""
        from kiosk.core.cards import public_key_text  # noqa: PLC0415 - cryptography on demand

        return public_key_text(self.settings.card_key)

    def card_text(self, worker_id: str) -> str:
        """What a worker's card carries: `LGW2`, signed with this terminal's card key."""
        from kiosk.core.cards import sign_worker_card  # noqa: PLC0415 - cryptography on demand

        return sign_worker_card(worker_id, self.settings.card_key)

    def card_standing(self, card: WorkerCard) -> Result[Unverified | None]:
        """None when a check-in with this card is numbered at once; else why it waits for
        the hub. An error when the hall refuses old cards."""
        from kiosk.core.card_rules import (  # noqa: PLC0415
            LegacyRefused,
            WorkerStanding,
            standing,
        )
        worker = self.worker(card.worker_id)
        known = (WorkerStanding.UNKNOWN if worker is None else WorkerStanding.DELETED
                 if not worker.id_masked else WorkerStanding.KNOWN)  # erased: no ID left
        try:
            return Ok(standing(card.proof, known, self.settings.legacy_cards))
        except LegacyRefused:
            return fail("payload", "legacy_card_refused", LEGACY_REFUSED)

    def worker(self, worker_id: str) -> Worker | None:
        """The worker, also by an id the hub has since merged into another (this terminal
        may know the person only under the old id)."""
        canonical = self.store.canonical_worker_id(worker_id)
        return self.store.workers.get(canonical) or (
            None if canonical == worker_id else self.store.workers.get(worker_id))

    def find_worker_by_id_number(self, raw: str) -> Worker | None:
        """Look a worker up by the blind index of a (valid) ID number."""
        from kiosk.core.fields import validate_id_number  # noqa: PLC0415 - see top
        parsed = validate_id_number(raw, self.today())
        if isinstance(parsed, Err):
            return None
        index = blind_index(self.settings.blind_index_key, parsed.value.number)
        return self.store.workers.first("id_index = ?", [index])

    def register_worker(self, draft: WorkerDraft, *, print_card: bool = False) -> Result[Worker]:
        from kiosk.core.drafts import validate_worker  # noqa: PLC0415 - see top
        checked = validate_worker(draft, self.context())
        if isinstance(checked, Err):
            return checked
        now = self.now()
        worker = Worker(
            id=new_id(), hall_id=self.settings.hall_id, consent_at=now,
            consent_version=self.settings.consent_version, created_at=now, updated_at=now,
            **self._worker_fields(checked.value))
        return self._save_worker(worker, ChangeOp.CREATE, print_card=print_card)

    def update_worker(self, worker_id: str, draft: WorkerDraft) -> Result[Worker]:
        """Staff correct a worker's details; the consent given at registration stays."""
        from kiosk.core.drafts import validate_worker  # noqa: PLC0415 - see top
        current = self.store.workers.get(worker_id)
        if current is None:
            return not_found("worker_id")
        checked = validate_worker(replace(draft, consent_given=True), self.context())
        if isinstance(checked, Err):
            return checked
        updated = replace(current, updated_at=self.now(), **self._worker_fields(checked.value))
        return self._save_worker(updated, ChangeOp.UPDATE)

    def _worker_fields(self, valid: ValidWorker) -> dict[str, Any]:
        """The Worker fields that come from a validated draft."""
        number = valid.id_number.number
        return {
            "name": valid.name, "id_index": blind_index(self.settings.blind_index_key, number),
            "id_masked": mask_id_number(number), "id_number": number,
            "birth_date": valid.id_number.birth_date, "sex": valid.id_number.sex,
            "phone": valid.phone, "trades": valid.trades, "certificates": valid.certificates,
            "intentions": valid.intentions, "areas": valid.areas,
            "available_from": valid.available_from, "skills_note": valid.skills_note,
            "low_income": valid.low_income, "disabled": valid.disabled,
        }

    def _save_worker(self, worker: Worker, op: ChangeOp, *,
                     print_card: bool = False) -> Result[Worker]:
        """Store the worker unless another worker already has the same ID number."""
        try:
            with self.store.write() as tx:
                if self.store.workers.first("id_index = ? AND id != ?",
                                            [worker.id_index, worker.id]) is not None:
                    raise _AlreadyRegistered
                tx.save(worker, op)
                self.audit(tx, AuditAction.WORKER_REGISTER if op is ChangeOp.CREATE
                           else AuditAction.WORKER_UPDATE, worker)
                if print_card:
                    tx.queue_print(PrintKind.CARD, worker, iso_utc(worker.updated_at))
        except _AlreadyRegistered:
            return _already_registered()
        except sqlite3.IntegrityError as exc:
            if "id_index" not in str(exc):
                raise
            return _already_registered()
        return Ok(worker)

    def check_in(self, worker_id: str, *, print_ticket: bool = False,
                 card: WorkerCard | None = None) -> Result[CheckInResult]:
        """One check-in per worker per hall per day; a second try returns the same number.

        Without `card` (the worker typed their ID number) the worker must be known here.
        With a card, what it proves decides (`card_standing`): a card signed by a city
        terminal checks in a worker this terminal never saw, numbered at once; a card it
        cannot verify, or an old card of a worker it does not know, makes an unverified
        check-in: stored and synced, no number until the hub confirms the worker. An id the
        hub merged into another (the same person registered twice) checks in the other.
        """
        if card is None:
            if self.worker(worker_id) is None:
                return not_found("worker_id")
            unverified: Unverified | None = None
        else:
            judged = self.card_standing(card)
            if isinstance(judged, Err):
                return judged
            unverified = judged.value
        return self._check_in(worker_id, unverified, print_ticket=print_ticket)

    def _number(self, tx: WriteTransaction, waiting: CheckIn, *,
                print_ticket: bool) -> CheckIn:
        """An unverified check-in of today, now verified here (the worker typed their ID
        number, or showed a card this terminal checks): it takes its queue number. Only
        this hall's row changes; the hub keeps the check-in as it was sent."""
        numbered = replace(waiting, queue_no=tx.next_number(
            waiting.hall_id, waiting.day.isoformat(), counter_kind(waiting.queue_prefix)))
        self.store.checkins.upsert(numbered)
        tx.changed.add("checkin")
        if print_ticket:
            tx.queue_print(PrintKind.QUEUE, numbered, iso_utc(self.now()))
        return numbered

    def _check_in(self, worker_id: str, unverified: Unverified | None, *,
                  print_ticket: bool) -> Result[CheckInResult]:
        worker_id = self.store.canonical_worker_id(worker_id)
        day = self.today().isoformat()
        hall = self.settings.hall_id
        with self.store.write() as tx:
            earlier = self.store.checkins.first(
                "worker_id = ? AND hall_id = ? AND day = ?", [worker_id, hall, day])
            if earlier is not None:
                if earlier.queue_no is None and unverified is None:
                    earlier = self._number(tx, earlier, print_ticket=print_ticket)
                return Ok(CheckInResult(earlier, already=True))
            now = self.now()
            prefix = self.settings.queue_prefix
            number = None if unverified else tx.next_number(hall, day, counter_kind(prefix))
            checkin = CheckIn(id=new_id(), hall_id=hall, worker_id=worker_id,
                              day=date.fromisoformat(day), queue_no=number, created_at=now,
                              unverified=unverified, queue_prefix=prefix)
            tx.save(checkin, ChangeOp.CREATE)
            self.audit(tx, AuditAction.CHECK_IN, checkin)
            job = tx.queue_print(PrintKind.QUEUE, checkin, iso_utc(now)) if print_ticket else None
        return Ok(CheckInResult(checkin, already=False, print_job=job))

    def todays_checkin(self, worker_id: str) -> CheckIn | None:
        """The worker's check-in at this hall today (their one queue number), if any."""
        return self.store.checkins.first(
            "worker_id = ? AND hall_id = ? AND day = ?",
            [self.store.canonical_worker_id(worker_id), self.settings.hall_id,
             self.today().isoformat()])

    def ticket_state(self, job_id: str | None) -> PrintState | None:
        """Where a ticket is: queued, printing, printed, failed (a retry pending counts as
        failed: the worker is in front of the screen now); None when there is none."""
        job = None if job_id is None else self.store.print_queue.get(job_id)
        if job is None:
            return None
        if job.state is PrintState.QUEUED and job.error_code is not None:
            return PrintState.FAILED
        return job.state

    def ticket_of(self, ref_entity: str, ref_id: str, since: datetime) -> str | None:
        """The print job of a record queued at or after `since` (what a tap just queued)."""
        job = self.store.print_queue.latest_for(ref_entity, ref_id, iso_utc(since))
        return None if job is None else job.id


LEGACY_REFUSED = N_("This is an old card that this hall no longer accepts. Please ask at the "
                    "service desk for a new card.")


class _AlreadyRegistered(Exception):
    """Raised inside the write transaction to roll it back."""


def _already_registered() -> Err:
    return fail("id_number", "already_registered", N_(
        "This ID number is already registered. You can check in instead."))

