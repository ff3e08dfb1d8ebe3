"""Workers known in every hall: a terminal that does not know an ID number or a worker
card asks the city hub (kiosk.core.city_workers), keeps the masked profile and carries on.

The asking happens off the GUI thread and touches no store (`ask_city_by_*`); keeping the
answer (`keep_city_worker`) is a write on the caller's thread, like every other. The copy
is never changed or erased here: the worker's record belongs to the home hall. It is
removed when this hall has not used it for `city_copy_days` (`expire_city_copies`, run by
the sync agent's cycle and `kiosk expire-copies`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.core.city_workers import CityDirectory, CityProfile, HubUnreachable, local_worker
from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, Result, fail
from kiosk.core.privacy import blind_index, mask_id_number
from kiosk.core.records import Worker
from kiosk.services.workers import WorkerCases
from kiosk.store.city_copies import expire_unused
from kiosk.store.hub_workers import HomeHall, home_hall, keep_profile

if TYPE_CHECKING:
    from kiosk.core.drafts import WorkerDraft

REFRESH_AFTER = timedelta(days=1)
OTHER_HALL = N_("This worker is registered at another hall ({hall}): their details are "
                "changed there.")
# A worker another machine of this hall registered (its check-in came through the hub):
# this terminal keeps their masked profile only; the record is on that machine.
OTHER_MACHINE = N_("This worker was registered at another machine of this hall: their "
                   "details are changed there.")


class CityWorkerCases(WorkerCases):
    """Asking the hub for another hall's worker, and keeping what it shows."""

    directory: CityDirectory | None = None  # the hub (sync.lookup), when provisioned

    @property
    def asks_city(self) -> bool:
        """This terminal can ask the hub (it is provisioned; it may still be offline)."""
        return self.directory is not None

    def ask_city_by_id_number(self, id_number: str) -> CityProfile | None:
        """Any thread: the hub's masked profile of the worker with this (valid, normalised)
        ID number, or None. Raises HubUnreachable (also when not provisioned)."""
        if self.directory is None:
            raise HubUnreachable("not provisioned")
        return self.directory.by_id_number(id_number)

    def ask_city_by_worker_id(self, worker_id: str) -> CityProfile | None:
        """Any thread: the hub's masked profile of the worker a card names, or None."""
        if self.directory is None:
            raise HubUnreachable("not provisioned")
        return self.directory.by_worker_id(worker_id)

    def keep_city_worker(self, profile: CityProfile, id_number: str | None = None) -> Worker:
        """Keep the profile as a worker of this store (not sent to the hub). With the ID
        number the worker typed or read here, its blind index and mask are kept (the next
        visit is found without the hub); the number itself never is. A worker this
        terminal has as its own record is returned as it is."""
        index = None if id_number is None else blind_index(self.settings.blind_index_key,
                                                           id_number)
        masked = None if id_number is None else mask_id_number(id_number)
        now = self.now()
        copy = local_worker(profile, id_index=index, id_masked=masked, now=now)
        with self.store.write() as tx:
            kept = keep_profile(self.store, tx, copy, profile.home_hall_name, iso_utc(now))
        if kept is None:
            own = self.worker(profile.worker_id)
            assert own is not None
            return own
        return kept

    def city_copy_stale(self, worker_id: str) -> bool:
        """A copy of another hall's worker last asked of the hub `REFRESH_AFTER` ago or
        more: worth asking again (their trades or wishes may have changed at home)."""
        home = self.home_hall_of(worker_id)
        if home is None or self.directory is None:
            return False
        asked = datetime.fromisoformat(home.looked_up_at.replace("Z", "+00:00"))
        return self.now() - asked >= REFRESH_AFTER

    def expire_city_copies(self) -> list[str]:
        """Remove the copies of other halls' workers unused here for `city_copy_days` (or
        last asked of the hub twice that long ago): row, WAL and backups. Their ids."""
        return expire_unused(self.store, self.settings.city_copy_days, self.now())

    def home_hall_of(self, worker_id: str) -> HomeHall | None:
        """Where a worker known through the hub is registered; None for this terminal's
        own workers."""
        return home_hall(self.store.conn, self.store.canonical_worker_id(worker_id))

    def update_worker(self, worker_id: str, draft: WorkerDraft) -> Result[Worker]:
        """Another hall's worker is changed only at their home hall."""
        home = self.home_hall_of(worker_id)
        if home is not None and home.hall_id == self.settings.hall_id:
            return fail("worker_id", "other_machine", OTHER_MACHINE)
        if home is not None:
            return fail("worker_id", "other_hall", OTHER_HALL, hall=home.label)
        return super().update_worker(worker_id, draft)
