"""A hall's day of records for the sync benchmarks: what a terminal's outbox really holds.

Per 100 records, in the order a hall makes them: 45 check-ins, 15 worker registrations,
15 referrals, 7 employers, 8 job posts, 6 service events (131 follow-up) and 4 staff audit
events. Every record passes the hub's checks: workers carry distinct, valid ID numbers;
referrals and check-ins point at workers and jobs made before them. Built directly (as
tests/store/samples.py does), so a benchmark spends its set-up time on nothing else.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from kiosk.core.fields import validate_id_number, with_check_digit
from kiosk.core.privacy import blind_index, mask_id_number
from kiosk.core.records import Record
from tests.store import samples

MIX = (("checkin", 45), ("worker", 15), ("referral", 15), ("employer", 7), ("job", 8),
       ("service_event", 6), ("audit", 4))
_KEY = b"bench-blind-index-key-32-bytes!!"
_TODAY = date(2026, 11, 23)
_USCC = "91370100MA3C5L8Q0U"  # a valid 统一社会信用代码 (check character U)
_id_numbers = itertools.count()


class HallDay:
    """Records of one terminal of one hall, drawn in the `mix` proportions."""

    def __init__(self, hall_id: str, terminal_id: str, seed: int,
                 mix: tuple[tuple[str, int], ...] = MIX) -> None:
        self.hall_id = hall_id
        self.terminal_id = terminal_id
        self.rng = random.Random(seed)
        self.workers: list[str] = []
        self.employers: list[str] = []
        self.jobs: list[str] = []
        self.checkins: dict[str, int] = {}  # worker → check-ins so far (one a day)
        self.queue: dict[date, int] = {}  # day → the last queue number given
        self.clock = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
        kinds, weights = zip(*mix, strict=True)
        self._kinds, self._weights = list(kinds), list(weights)

    def records(self, n: int) -> Iterator[Record]:
        """`n` records; a terminal's first ones are a worker, an employer and a job, which
        the others refer to."""
        first = [k for k in ("worker", "employer", "job") if not getattr(self, f"{k}s")]
        drawn = self.rng.choices(self._kinds, self._weights, k=max(0, n - len(first)))
        for kind in (first + drawn)[:n]:
            self.clock += timedelta(milliseconds=self.rng.randint(10, 900))
            yield getattr(self, f"_{kind}")()

    def _stamps(self) -> dict[str, object]:
        return {"hall_id": self.hall_id, "created_at": self.clock, "updated_at": self.clock}

    def _checkin(self) -> Record:
        """A check-in of a known worker on a day they have not checked in yet."""
        worker = self.rng.choice(self.workers)
        days = self.checkins[worker] = self.checkins.get(worker, -1) + 1
        day = _TODAY - timedelta(days=days)
        queue_no = self.queue[day] = self.queue.get(day, 0) + 1
        return samples.checkin(hall_id=self.hall_id, worker_id=worker, day=day,
                               queue_no=queue_no, created_at=self.clock)

    def _worker(self) -> Record:
        number = _new_id_number()
        parsed = validate_id_number(number, _TODAY)
        assert parsed.ok, number
        worker = samples.worker(
            **self._stamps(), id_number=number, id_index=blind_index(_KEY, number),
            id_masked=mask_id_number(number), birth_date=parsed.value.birth_date,  # type: ignore[union-attr]
            sex=parsed.value.sex, consent_at=self.clock)  # type: ignore[union-attr]
        self.workers.append(worker.id)
        return worker

    def _referral(self) -> Record:
        return samples.referral(self.rng.choice(self.jobs), **self._stamps(),
                                worker_id=self.rng.choice(self.workers))

    def _employer(self) -> Record:
        employer = samples.employer(**self._stamps(), uscc=_USCC)
        self.employers.append(employer.id)
        return employer

    def _job(self) -> Record:
        job = samples.job(self.rng.choice(self.employers), **self._stamps(),
                          headcount_filled=0, headcount=self.rng.randint(1, 20))
        self.jobs.append(job.id)
        return job

    def _service_event(self) -> Record:
        return samples.service_event(hall_id=self.hall_id, created_at=self.clock,
                                     worker_id=self.rng.choice(self.workers))

    def _audit(self) -> Record:
        return samples.audit_event(hall_id=self.hall_id, terminal_id=self.terminal_id,
                                   created_at=self.clock, entity_id=self.rng.choice(self.jobs))


def _new_id_number() -> str:
    """A valid 18-character ID number, distinct in this process (born 1960–1999)."""
    n = next(_id_numbers)
    born = date(1960, 1, 1) + timedelta(days=n // 999 % 14_600)
    return with_check_digit(f"370104{born:%Y%m%d}{n % 999 + 1:03d}")
