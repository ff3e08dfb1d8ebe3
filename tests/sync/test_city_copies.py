"""Copies of other halls' workers expire, across a real hub (PostgreSQL and SQLite).

Hall B keeps a masked copy of hall A's worker it was shown (kiosk.core.city_workers) only
while it uses it: unused for [privacy] city_copy_days (90), the sync agent's cycle removes
the worker row and its `hub_workers` mark, from the file, its WAL and its backups, while
hall B's own check-ins and referrals of the worker stay. A worker who comes back is looked
up at the hub again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.core.errors import Ok
from kiosk.core.privacy import mask_name
from kiosk.core.staff import StaffRole
from kiosk.services.dispatch import Dispatch
from kiosk.services.erasure import erase_worker
from kiosk.services.staff import StaffAccounts
from kiosk.store.backup import backup_dir_of, daily_backup, existing_backups
from sync.agent import SyncAgent
from sync.hub.erasure import ERASED_KIND
from sync.hub.schema import feed, worker_lookups
from sync.lookup import HubDirectory
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.sync.conftest import Hub, Terminal

GONE_NUMBER, KEPT_NUMBER = id_number(date(1971, 4, 2), seq=611), id_number(seq=418)
GONE_NAME, KEPT_NAME = "司马光辉", "李秀英"


@pytest.fixture
def clock(clock: FixedClock) -> FixedClock:
    """92 days ago: the hub takes no change stamped in its future, and the housekeeping
    runs about today."""
    clock.moment = datetime.now(UTC).replace(microsecond=0) - timedelta(days=92)
    return clock


def register(terminal: Terminal, number: str, name: str) -> str:
    made = terminal.services.register_worker(worker_draft(
        name=name, id_number=number, phone="13905310000", trades=["C01"], certificates=[],
        areas=["槐荫区"]))
    assert isinstance(made, Ok), made
    return made.value.id


def sync(terminal: Terminal, hub: Hub, clock: FixedClock) -> SyncAgent:
    """One sync cycle of the terminal's agent, on the test's clock; the agent."""
    agent = SyncAgent(terminal.store, terminal.credentials, hub.client, clock=clock.now,
                      card_key=terminal.services.card_public_key())
    report = agent.sync_once()
    reasons = terminal.store.conn.execute(
        "SELECT entity, last_error FROM outbox WHERE state = 'rejected'").fetchall()
    assert report.ok and report.rejected == 0, (report, reasons)
    agent.last_report = report  # type: ignore[attr-defined]
    return agent


def found_at_b(hall_b: Terminal, number: str) -> str:
    """Hall B asks the hub by the number typed there, keeps the copy, checks them in."""
    services = hall_b.services
    assert services.find_worker_by_id_number(number) is None  # unknown here
    profile = services.ask_city_by_id_number(number)
    assert profile is not None
    kept = services.keep_city_worker(profile, number)
    assert isinstance(services.check_in(kept.id), Ok)
    return kept.id


def hall_b_bytes(hall_b: Terminal) -> dict[str, bytes]:
    """Every file of hall B's database: the file, its WAL, every backup."""
    path = hall_b.store.path
    files = [path, path.with_name(path.name + "-wal"),
             *existing_backups(backup_dir_of(path))]
    return {p.name: p.read_bytes() for p in files if p.exists()}


def refer_by_staff(hall_b: Terminal, worker_id: str) -> None:
    employer = hall_b.services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = hall_b.services.post_job(job_draft(employer.value.id,
                                             start_date=hall_b.services.today()))
    assert isinstance(job, Ok)
    assert isinstance(Dispatch(hall_b.services).refer(job.value.id, worker_id), Ok)


def check_in(hall_b: Terminal, worker_id: str) -> None:
    assert isinstance(hall_b.services.check_in(worker_id), Ok)


@pytest.mark.parametrize("use", [check_in, refer_by_staff], ids=["check-in", "staff referral"])
def test_a_copy_unused_for_91_days_is_gone_after_the_sync_and_one_used_yesterday_stays(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock,
        use: Callable[[Terminal, str], None]) -> None:
    gone = register(hall_a, GONE_NUMBER, GONE_NAME)
    kept = register(hall_a, KEPT_NUMBER, KEPT_NAME)
    sync(hall_a, hub, clock)
    hall_b.services.directory = HubDirectory(hall_b.credentials, hub.client)
    assert found_at_b(hall_b, GONE_NUMBER) == gone
    assert found_at_b(hall_b, KEPT_NUMBER) == kept
    sync(hall_b, hub, clock)  # hall B's check-ins reach the hub
    clock.advance(days=90)
    use(hall_b, kept)  # "yesterday", as seen from the day of the housekeeping
    clock.advance(days=1)
    daily_backup(hall_b.store.conn, backup_dir_of(hall_b.store.path), clock.now().date())
    masked = mask_name(GONE_NAME).encode()
    assert any(masked in data for data in hall_b_bytes(hall_b).values())  # it was there
    agent = sync(hall_b, hub, clock)
    assert agent.last_report.expired == 1  # type: ignore[attr-defined]
    services, conn = hall_b.services, hall_b.store.conn
    assert services.worker(gone) is None and services.home_hall_of(gone) is None
    assert conn.execute("SELECT count(*) FROM worker_match WHERE worker_id = ?",
                        (gone,)).fetchone() == (0,)
    # hall B's own records of the worker stay: its statistics count them
    assert conn.execute("SELECT count(*) FROM checkins WHERE worker_id = ?",
                        (gone,)).fetchone() == (1,)
    # not a byte of the masked name in the file, its WAL or the backup made before
    files = hall_b_bytes(hall_b)
    assert {"b.sqlite3", "b.sqlite3-wal"} <= set(files) and len(files) == 3
    assert [name for name, data in files.items() if masked in data] == []
    # the copy used yesterday stays, with its home hall, and is still found here
    copy = services.worker(kept)
    assert copy is not None and copy.name == mask_name(KEPT_NAME)
    assert services.home_hall_of(kept) is not None
    found = services.find_worker_by_id_number(KEPT_NUMBER)
    assert found is not None and found.id == kept
    assert mask_name(KEPT_NAME).encode() in files["b.sqlite3"]
    assert sync(hall_b, hub, clock).last_report.expired == 0  # type: ignore[attr-defined]


def test_a_worker_whose_copy_expired_checks_in_again_after_a_fresh_lookup(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    worker_id = register(hall_a, GONE_NUMBER, GONE_NAME)
    sync(hall_a, hub, clock)
    hall_b.services.directory = HubDirectory(hall_b.credentials, hub.client)
    found_at_b(hall_b, GONE_NUMBER)
    clock.advance(days=91)
    assert hall_b.services.expire_city_copies() == [worker_id]
    # back after the season: a stranger here again, found through the hub once more
    assert found_at_b(hall_b, GONE_NUMBER) == worker_id
    assert hall_b.services.home_hall_of(worker_id) is not None
    numbers = hall_b.store.conn.execute(
        "SELECT day, queue_no FROM checkins WHERE worker_id = ? ORDER BY day",
        (worker_id,)).fetchall()
    assert len(numbers) == 2 and numbers[1][1] == 1  # both visits, numbered
    with hub.engine.connect() as conn:
        shown = conn.execute(select(worker_lookups.c.hall_id).where(
            worker_lookups.c.worker_id == worker_id)).scalars().all()
    assert shown == [hall_b.credentials.hall] * 2


def test_a_copy_in_use_is_still_dropped_when_the_hub_was_last_asked_180_days_ago(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    """However often it is used, a copy never outlives the hub's lookup audit, which
    names the halls an erasure must reach."""
    worker_id = register(hall_a, GONE_NUMBER, GONE_NAME)
    sync(hall_a, hub, clock)
    hall_b.services.directory = HubDirectory(hall_b.credentials, hub.client)
    found_at_b(hall_b, GONE_NUMBER)
    for _month in range(6):
        clock.advance(days=30)
        check_in(hall_b, worker_id)  # used every month, never asked of the hub again
    assert hall_b.services.expire_city_copies() == []  # 180 days: not yet
    clock.advance(days=1)
    assert hall_b.services.expire_city_copies() == [worker_id]


def test_an_erasure_at_the_home_hall_after_the_copy_expired_finds_nothing_to_do_at_hall_b(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    """The hub still tells hall B (its audit names it); hall B has nothing left to erase,
    and the sync goes on."""
    assert isinstance(StaffAccounts(hall_a.services).add(
        "S900", "赵主任", StaffRole.SUPERVISOR, "730519"), Ok)
    worker_id = register(hall_a, GONE_NUMBER, GONE_NAME)
    sync(hall_a, hub, clock)
    hall_b.services.directory = HubDirectory(hall_b.credentials, hub.client)
    found_at_b(hall_b, GONE_NUMBER)
    clock.advance(days=91)
    assert sync(hall_b, hub, clock).last_report.expired == 1  # type: ignore[attr-defined]
    assert isinstance(erase_worker(hall_a.services, worker_id, "S900", "730519"), Ok)
    sync(hall_a, hub, clock)
    with hub.engine.connect() as conn:
        told = conn.execute(select(feed.c.hall_id).where(
            feed.c.kind == ERASED_KIND, feed.c.record_id == worker_id)).scalars().all()
    assert hall_b.credentials.hall in told
    sync(hall_b, hub, clock)
    assert hall_b.services.worker(worker_id) is None
    assert hall_b.services.find_worker_by_id_number(GONE_NUMBER) is None
    assert hall_b.services.ask_city_by_id_number(GONE_NUMBER) is None  # gone everywhere
