"""Workers of other halls, known through the city hub (sync.hub.lookup).

A hall that does not know an ID number or a worker card asks the hub, which answers with
the worker's masked profile (`CityProfile`): no ID number, no phone, no full name or
birth date, no free text, no hardship category. The hall keeps it as a worker row of its
own store (`local_worker`), never sent back to the hub (the record belongs to the home
hall), so check-in, 我想干 and matching treat the worker like any other; `hub_workers`
marks such rows and names the home hall.

What the hall keeps of an ID number typed or read here: its own blind index (so the next
visit is found without the hub) and the masked number; never the number itself.

The copy is kept only while the hall uses it: `city_copy_days` after its last use here (a
check-in, a referral request or a referral made for the worker, a service event, or the
hub asked again) it is removed (kiosk.store.city_copies), and in any case twice that long
after the hub was last asked about it. A worker who comes back later is looked up again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from kiosk.core.errors import N_
from kiosk.core.records import Intention, Sex, Worker

# A worker known by card only: no ID number was typed here. The index must be unique and
# can never equal a real blind index (64 hex digits).
CARD_ONLY_INDEX = "hub:{worker_id}"
CARD_ONLY_MASK = "*" * 18  # the ID number is known to exist, and nothing of it is shown
FOUND_ELSEWHERE = N_("Already registered at another hall: you can check in here directly.")
FOUND_AT = N_("Already registered at {hall}: you can check in here directly.")
FOUND_ELSEWHERE_WANT = N_("Already registered at another hall: no need to register here "
                          "again.")
FOUND_AT_WANT = N_("Already registered at {hall}: no need to register here again.")
FROM_HALL = N_("Registered at: {hall}")

# Days a copy of another hall's worker is kept after its last use here ([privacy]
# city_copy_days). 90: a season of day labour. A worker who comes back to this hall for
# the next job of the season (building work, harvests and the festival peaks come in
# spells of about three months) is still found by the hall's own index, also while the
# hub cannot be reached; after a season without a visit the copy serves no purpose here,
# and asking the hub again takes a second.
DEFAULT_CITY_COPY_DAYS = 90
# A copy is removed in any case `LOOKUP_AGE_FACTOR` x city_copy_days after the hub was last
# asked about it, and city_copy_days is at most 180: no copy outlives 360 days of the hub's
# lookup audit, which the hub keeps 365 days (`kiosk-hub lookups --purge`) because it names
# the halls an erasure at the home hall must reach (sync.hub.lookup.halls_holding).
LOOKUP_AGE_FACTOR = 2
MAX_CITY_COPY_DAYS = 180


class HubUnreachable(Exception):
    """The hub could not be asked now (offline, refused, too many lookups): the hall goes
    on with what it knows."""


@dataclass(frozen=True, slots=True)
class CityProfile:
    """What the hub shows a hall of another hall's worker."""

    worker_id: str
    name_masked: str
    birth_year: int
    sex: Sex
    trades: tuple[str, ...]
    certificates: tuple[str, ...]
    intentions: tuple[Intention, ...]
    areas: tuple[str, ...]
    available_from: date
    home_hall: str
    home_hall_name: str
    registered_on: date
    consent_version: str

    @property
    def hall_label(self) -> str:
        return self.home_hall_name or self.home_hall


class CityDirectory(Protocol):
    """The hub, as the services see it (sync.lookup implements it). Each call may block on
    the network: never on the GUI thread. Raises HubUnreachable."""

    def by_id_number(self, id_number: str) -> CityProfile | None: ...

    def by_worker_id(self, worker_id: str) -> CityProfile | None: ...


def local_worker(profile: CityProfile, *, id_index: str | None, id_masked: str | None,
                 now: datetime) -> Worker:
    """The worker row a hall keeps of a profile. The birth date is the first day of the
    birth year: the older-worker rule then applies from the year the age is reached."""
    registered = datetime(profile.registered_on.year, profile.registered_on.month,
                          profile.registered_on.day, tzinfo=UTC)
    return Worker(
        id=profile.worker_id, hall_id=profile.home_hall, name=profile.name_masked,
        id_index=id_index or CARD_ONLY_INDEX.format(worker_id=profile.worker_id),
        id_masked=id_masked or CARD_ONLY_MASK, id_number=None,
        birth_date=date(profile.birth_year, 1, 1), sex=profile.sex, phone="",
        trades=profile.trades, certificates=profile.certificates,
        intentions=profile.intentions, areas=profile.areas,
        available_from=profile.available_from, skills_note="", low_income=False,
        disabled=False, consent_at=registered, consent_version=profile.consent_version,
        created_at=registered, updated_at=now)


def is_card_only(worker: Worker) -> bool:
    """A worker known here by card only (no ID number typed here yet)."""
    return worker.id_index == CARD_ONLY_INDEX.format(worker_id=worker.id)
