"""The hall's services: settings, clock, audit and status that every use case shares.

Every write stores the record and its outbox change (and any print job) together, so a
crash or power cut leaves either all of it or none of it.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol, Self
from zoneinfo import ZoneInfo

from kiosk.core.card_rules import LegacyCards
from kiosk.core.catalogue import Catalogue
from kiosk.core.city_workers import DEFAULT_CITY_COPY_DAYS
from kiosk.core.counter_hours import CounterHours
from kiosk.core.errors import N_, Err, fail
from kiosk.core.ids import new_id
from kiosk.core.job_window import DEFAULT_LISTING, ListingRule
from kiosk.core.privacy import CONSENT_VERSION, OlderWorkerRule
from kiosk.core.records import (
    AuditAction,
    AuditEvent,
    Record,
    entity_name,
)
from kiosk.core.wages import MinimumWage
from kiosk.store.outbox import ChangeOp, OutboxState
from kiosk.store.store import Store, WriteTransaction

# Validation (kiosk.core.drafts and kiosk.core.fields) is imported by the methods that
# validate, when first called ("see top"): a touchscreen shows its home screen without it.
if TYPE_CHECKING:
    from kiosk.core.drafts import (
        Context,
    )
    from kiosk.core.post_check import PostRules


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class HallSettings:
    hall_id: str
    terminal_id: str
    blind_index_key: bytes
    timezone: str = "Asia/Shanghai"
    areas: frozenset[str] = frozenset()
    older: OlderWorkerRule = field(default_factory=OlderWorkerRule)
    consent_version: str = CONSENT_VERSION
    long_wait_days: int = 30  # no hire for this long makes a worker a hardship case
    # This terminal's Ed25519 card key (raw private bytes, kiosk.system.config
    # load_or_create_card_key): it signs the worker cards the terminal prints.
    card_key: bytes = field(default_factory=lambda: os.urandom(32), repr=False)
    legacy_cards: LegacyCards = LegacyCards.ACCEPT  # [scan] legacy_cards
    listing: ListingRule = DEFAULT_LISTING  # how long a job without an end date is listed
    counter_hours: CounterHours = field(default_factory=CounterHours)  # [counter] opens/closes
    # [privacy] city_copy_days: how long a copy of another hall's worker is kept unused
    city_copy_days: int = DEFAULT_CITY_COPY_DAYS
    # This terminal's queue letter ([terminal] queue_prefix, kiosk.core.queue_numbers):
    # its check-ins are A001, A002… ("": numbers without a letter).
    queue_prefix: str = ""


class HallBase:
    """What every use case shares: the store, the hall's settings, its clock and audit."""

    def __init__(self, store: Store, settings: HallSettings, catalogue: Catalogue,
                 clock: Clock | None = None) -> None:
        self.store = store
        self.settings = settings
        self.catalogue = catalogue
        self.clock = clock or SystemClock()
        self._tz = ZoneInfo(settings.timezone)
        self.actor: str | None = None  # the signed-in staff member, when staff act
        self._rules: tuple[int, PostRules] | None = None

    def as_staff(self, staff_id: str) -> Self:
        """The same services acting for a staff member: every write is audited."""
        acting = copy.copy(self)
        acting.actor = staff_id
        return acting

    def audit(self, tx: WriteTransaction, action: AuditAction, record: Record | None = None,
              detail: str = "", *, staff_id: str | None = None) -> None:
        """Log a staff action in the caller's transaction (nothing when no staff acts).

        `staff_id` names someone other than the signed-in actor (a supervisor's override).
        """
        actor = staff_id or self.actor
        if actor is None:
            return
        event = AuditEvent(
            id=new_id(), hall_id=self.settings.hall_id, terminal_id=self.settings.terminal_id,
            staff_id=actor, action=action,
            entity="" if record is None else entity_name(record),
            entity_id="" if record is None else record.id, detail=detail[:200],
            created_at=self.now())
        tx.save(event, ChangeOp.CREATE)

    def now(self) -> datetime:
        """UTC, truncated to the milliseconds that records keep (what is returned is stored)."""
        moment = self.clock.now().astimezone(UTC)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)

    def today(self) -> date:
        """The hall's local calendar day."""
        return self.clock.now().astimezone(self._tz).date()

    def day_starts_at(self, day: date) -> datetime:
        """The UTC moment the hall's calendar `day` begins."""
        return datetime.combine(day, datetime.min.time(), self._tz).astimezone(UTC)

    def local_time(self, moment: datetime) -> datetime:
        """A moment in the hall's time zone (for what staff and workers read)."""
        return moment.astimezone(self._tz)

    def context(self) -> Context:
        from kiosk.core.drafts import Context  # noqa: PLC0415 - see top
        return Context(today=self.today(), catalogue=self.catalogue, areas=self.settings.areas,
                       minimum_wage=self.minimum_wage())

    def minimum_wage(self) -> MinimumWage:
        """The minimum wage of the city's posting rules (kiosk.core.wages)."""
        return MinimumWage()

    def pending_sync_count(self) -> int:
        """Records entered here and not yet acknowledged by the city hub."""
        counts = self.store.outbox.counts_by_state()
        unsent = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.QUARANTINED)
        return sum(counts.get(state.value, 0) for state in unsent)

    def status(self) -> dict[str, object]:
        """Counts per entity, outbox by state and the age of the oldest unsent change."""
        oldest = self.store.outbox.oldest_unsent_created_at()
        age = None
        if oldest is not None:
            created = datetime.fromisoformat(oldest.replace("Z", "+00:00"))
            age = max(0.0, (self.now() - created) / timedelta(seconds=1))
        return {
            "hall": {"id": self.settings.hall_id, "terminal": self.settings.terminal_id},
            "records": self.store.counts(),
            "outbox": self.store.outbox.counts_by_state(),
            "oldest_pending_age_s": None if age is None else round(age, 1),
            "print_jobs": self.store.print_queue.counts_by_state(),
        }


def not_found(field_name: str) -> Err:
    return fail(field_name, "not_found", N_("The record was not found."))

