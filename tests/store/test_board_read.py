"""The board's read model against real SQLite files: what is shown, in which order, counts."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.drafts import NoticeDraft
from kiosk.core.errors import Ok, Result
from kiosk.core.ids import new_id
from kiosk.core.records import JobStatus, ReferralOrigin, ReferralStatus
from kiosk.services.hall import Services
from kiosk.store.board import (
    LAST_SYNC_KEY,
    BoardBusy,
    BoardReader,
    BoardUnavailable,
    local_day_bounds,
)
from kiosk.store.outbox import ChangeOp
from kiosk.store.store import Store
from tests.conftest import (
    HALL_MORNING,
    TODAY,
    FixedClock,
    employer_draft,
    id_number,
    job_draft,
    worker_draft,
)
from tests.store import samples

V = TypeVar("V")
HALL = "370104-DDBL"


def ok(result: Result[V]) -> V:
    assert isinstance(result, Ok), result
    return result.value


@pytest.fixture
def reader(store: Store) -> Iterator[BoardReader]:
    r = BoardReader(store.path, HALL)
    yield r
    r.close()


@pytest.fixture
def employer_id(services: Services) -> str:
    return ok(services.register_employer(employer_draft(display_name="李师傅"))).id


def post(services: Services, employer_id: str, **overrides: object) -> str:
    return ok(services.post_job(job_draft(employer_id, **overrides))).id


def test_an_empty_database_shows_nothing(reader: BoardReader) -> None:
    snap = reader.load(HALL_MORNING)
    assert snap.jobs == ()
    assert (snap.counts.open_jobs, snap.counts.checked_in, snap.counts.hired) == (0, 0, 0)
    assert snap.notices == ()
    assert snap.last_sync is None
    assert snap.day == TODAY


def test_jobs_carry_what_the_board_shows_and_no_phone(
        services: Services, reader: BoardReader, employer_id: str) -> None:
    job_id = post(services, employer_id, start_time="07:30", urgent=True, area="槐荫区")
    (job,) = reader.load(HALL_MORNING).jobs
    assert job.id == job_id
    assert (job.trade, job.title, job.area) == ("C01", "小区外墙砌砖", "槐荫区")
    assert (job.start_date, job.start_time, job.headcount_left) == (TODAY, "07:30", 3)
    assert (job.pay_cents, job.pay_unit.value, job.settlement.value) == (35000, "day", "daily")
    assert job.urgent is True
    assert job.employer == "李师傅"
    assert job.posted_at == HALL_MORNING
    values = [str(v) for v in dataclasses.astuple(job)]
    assert not any("13905317788" in v for v in values)
    assert "phone" not in {f.name for f in dataclasses.fields(job)}


def test_order_is_urgent_then_start_then_posted(
        services: Services, clock: FixedClock, reader: BoardReader, employer_id: str) -> None:
    tomorrow = TODAY + timedelta(days=1)
    plain_late = post(services, employer_id, title="A", start_date=tomorrow)
    clock.advance(minutes=1)
    plain_no_time = post(services, employer_id, title="B")
    clock.advance(minutes=1)
    plain_0800 = post(services, employer_id, title="C", start_time="08:00")
    clock.advance(minutes=1)
    plain_0700 = post(services, employer_id, title="D", start_time="07:00")
    clock.advance(minutes=1)
    urgent_late = post(services, employer_id, title="E", start_date=tomorrow, urgent=True)
    clock.advance(minutes=1)
    plain_0700_newer = post(services, employer_id, title="F", start_time="07:00")
    ids = [j.id for j in reader.load(clock.now()).jobs]
    assert ids == [urgent_late, plain_0700, plain_0700_newer, plain_0800, plain_no_time,
                   plain_late]


def test_closed_filled_full_and_past_jobs_are_not_shown(
        services: Services, clock: FixedClock, reader: BoardReader, employer_id: str) -> None:
    keep = post(services, employer_id, title="留")
    closed = post(services, employer_id)
    ok(services.close_job(closed))
    expired = post(services, employer_id)
    ok(services.close_job(expired, JobStatus.EXPIRED))
    one_place = post(services, employer_id, headcount="1")
    worker = ok(services.register_worker(worker_draft()))
    referral = ok(services.refer(one_place, worker.id))
    ok(services.record_outcome(referral.id, ReferralStatus.HIRED))
    assert [j.id for j in reader.load(clock.now()).jobs] == [keep]
    # The next day the job that started today has passed: the board no longer shows it.
    assert reader.load(clock.now() + timedelta(days=1)).jobs == ()


def test_headcount_left_counts_down(
        services: Services, reader: BoardReader, employer_id: str) -> None:
    job_id = post(services, employer_id, headcount="2")
    worker = ok(services.register_worker(worker_draft()))
    referral = ok(services.refer(job_id, worker.id))
    ok(services.record_outcome(referral.id, ReferralStatus.HIRED))
    (job,) = reader.load(HALL_MORNING).jobs
    assert job.headcount_left == 1


def test_a_changed_job_is_read_again_and_an_unchanged_one_reused(
        services: Services, reader: BoardReader, employer_id: str) -> None:
    changed, same = post(services, employer_id, headcount="2"), post(services, employer_id)
    before = {j.id: j for j in reader.load(HALL_MORNING).jobs}
    worker = ok(services.register_worker(worker_draft()))
    ok(services.record_outcome(ok(services.refer(changed, worker.id)).id, ReferralStatus.HIRED))
    after = {j.id: j for j in reader.load(HALL_MORNING).jobs}
    assert (before[changed].headcount_left, after[changed].headcount_left) == (2, 1)
    assert after[same] is before[same]


def test_a_job_without_a_local_employer_shows_no_employer(
        store: Store, reader: BoardReader) -> None:
    job = samples.job(employer_id=new_id(), start_date=TODAY,  # not one of this hall's
                      status=JobStatus.OPEN, headcount=2, headcount_filled=0)
    with store.write() as tx:
        tx.save(job, ChangeOp.CREATE)
    (shown,) = reader.load(HALL_MORNING).jobs
    assert (shown.id, shown.employer) == (job.id, "")


def test_counts_are_this_halls_and_todays(
        services: Services, store: Store, clock: FixedClock, reader: BoardReader,
        employer_id: str) -> None:
    job_id = post(services, employer_id, headcount="5")
    workers = [ok(services.register_worker(worker_draft(id_number=id_number(seq=s)))).id
               for s in (123, 125)]
    for w in workers:
        ok(services.check_in(w))
    other_hall = samples.checkin(hall_id="OTHER", day=TODAY)
    yesterday = samples.checkin(hall_id=HALL, day=TODAY - timedelta(days=1))
    with store.write() as tx:
        tx.save(other_hall, ChangeOp.CREATE)
        tx.save(yesterday, ChangeOp.CREATE)
    referral = ok(services.refer(job_id, workers[0], ReferralOrigin.COUNTER))
    ok(services.record_outcome(referral.id, ReferralStatus.HIRED))
    counts = reader.load(clock.now()).counts
    assert counts.open_jobs == 1
    assert counts.checked_in == len(workers)
    assert counts.hired == 1
    # The next local day starts at 16:00 UTC: yesterday's hire no longer counts.
    assert reader.load(datetime(2026, 11, 23, 16, 0, tzinfo=UTC)).counts.hired == 0
    assert reader.load(datetime(2026, 11, 23, 15, 59, tzinfo=UTC)).counts.hired == 1


def test_hires_are_counted_by_the_halls_local_day(store: Store, reader: BoardReader) -> None:
    late_yesterday = datetime(2026, 11, 22, 15, 59, 59, tzinfo=UTC)  # 23:59:59 in Jinan
    early_today = datetime(2026, 11, 22, 16, 0, tzinfo=UTC)  # 00:00 in Jinan
    job = samples.job(start_date=TODAY, status=JobStatus.OPEN)
    with store.write() as tx:
        tx.save(job, ChangeOp.CREATE)
        for moment in (late_yesterday, early_today):
            tx.save(samples.referral(job_id=job.id, hall_id=HALL, status=ReferralStatus.HIRED,
                                     updated_at=moment), ChangeOp.CREATE)
        tx.save(samples.referral(job_id=job.id, hall_id=HALL, status=ReferralStatus.DECLINED,
                                 updated_at=early_today), ChangeOp.CREATE)
    assert reader.load(HALL_MORNING).counts.hired == 1


def test_local_day_bounds_in_utc() -> None:
    assert local_day_bounds(date(2026, 11, 23), ZoneInfo("Asia/Shanghai")) == (
        "2026-11-22T16:00:00.000Z", "2026-11-23T16:00:00.000Z")


def test_active_notices_by_priority(services: Services, reader: BoardReader) -> None:
    low = ok(services.post_notice(NoticeDraft("低", priority=0))).id
    high = ok(services.post_notice(NoticeDraft("高", "High", priority=5))).id
    ok(services.post_notice(NoticeDraft("将来", starts_on=TODAY + timedelta(days=1))))
    ok(services.post_notice(NoticeDraft("昨天结束", starts_on=TODAY - timedelta(days=3),
                                        ends_on=TODAY - timedelta(days=1))))
    ends_today = ok(services.post_notice(NoticeDraft("今天结束", ends_on=TODAY))).id
    notices = reader.load(HALL_MORNING).notices
    assert [n.id for n in notices] == [high, low, ends_today]
    assert notices[0].text("en") == "High"
    assert notices[1].text("en") == "低"  # no English text: the Chinese one
    assert notices[0].text("zh_CN") == "高"


def test_last_sync_and_the_stale_hint(store: Store, reader: BoardReader) -> None:
    snap = reader.load(HALL_MORNING)
    assert not snap.is_stale(HALL_MORNING + timedelta(days=30), timedelta(minutes=30))
    with store.write():
        store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                           (LAST_SYNC_KEY, "2026-11-22T23:40:00.000Z"))
    snap = reader.load(HALL_MORNING)
    assert snap.last_sync == datetime(2026, 11, 22, 23, 40, tzinfo=UTC)
    assert not snap.is_stale(HALL_MORNING, timedelta(minutes=30))
    assert snap.is_stale(HALL_MORNING + timedelta(minutes=11), timedelta(minutes=30))


def test_an_unreadable_last_sync_is_ignored(store: Store, reader: BoardReader) -> None:
    with store.write():
        store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                           (LAST_SYNC_KEY, "yesterday"))
    assert reader.load(HALL_MORNING).last_sync is None


def test_changes_by_another_connection_are_noticed(
        services: Services, reader: BoardReader, employer_id: str) -> None:
    reader.load(HALL_MORNING)
    assert reader.has_changed() is False
    assert reader.has_changed() is False
    post(services, employer_id)
    assert reader.has_changed() is True
    assert len(reader.load(HALL_MORNING).jobs) == 1
    assert reader.has_changed() is False


def test_a_replaced_file_is_reopened(
        services: Services, store: Store, reader: BoardReader, employer_id: str,
        tmp_path: Path) -> None:
    """A restore puts another file in place: the reader follows it, not the old inode."""
    copy = tmp_path / "restored.sqlite3"
    post(services, employer_id, title="备份里的岗位")
    backup = sqlite3.connect(copy)
    store.conn.backup(backup)
    backup.close()
    post(services, employer_id, title="备份后的岗位")
    assert len(reader.load(HALL_MORNING).jobs) == 2
    opened = reader.reopened
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    shutil.copy(copy, tmp_path / "incoming.sqlite3")
    (tmp_path / "incoming.sqlite3").replace(store.path)
    assert reader.has_changed() is True
    assert [j.title for j in reader.load(HALL_MORNING).jobs] == ["备份里的岗位"]
    assert reader.reopened == opened + 1
    store.conn = sqlite3.connect(":memory:")  # the fixture closes it


def test_a_missing_file_keeps_the_last_snapshot_until_it_returns(
        store: Store, reader: BoardReader, tmp_path: Path) -> None:
    reader.load(HALL_MORNING)
    moved = tmp_path / "away.sqlite3"
    store.close()
    store.path.replace(moved)
    assert reader.has_changed() is False  # nothing to load yet: keep showing what we have
    reader.close()
    with pytest.raises(BoardUnavailable):
        reader.load(HALL_MORNING)
    moved.replace(store.path)
    assert reader.has_changed() is True
    assert reader.load(HALL_MORNING).jobs == ()
    store.conn = sqlite3.connect(":memory:")


def test_a_garbage_file_is_unavailable_then_recovers(
        store: Store, reader: BoardReader, tmp_path: Path) -> None:
    reader.load(HALL_MORNING)
    good = tmp_path / "good.sqlite3"
    reader.close()
    store.close()  # the last connection: everything is checkpointed into the file
    assert not Path(f"{store.path}-wal").exists()
    store.path.replace(good)
    store.path.write_bytes(b"this is not a database" * 100)
    assert reader.has_changed() is True
    with pytest.raises(BoardUnavailable):
        reader.load(HALL_MORNING)
    good.replace(store.path)
    assert reader.load(HALL_MORNING).jobs == ()
    store.conn = sqlite3.connect(":memory:")


def test_a_locked_database_is_busy_not_fatal(store: Store, reader: BoardReader) -> None:
    reader.load(HALL_MORNING)
    reader.close()
    store.close()
    locker = sqlite3.connect(store.path, isolation_level=None)
    locker.execute("PRAGMA locking_mode = EXCLUSIVE")
    locker.execute("BEGIN EXCLUSIVE")
    locker.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    locker.execute("COMMIT")  # exclusive locking mode keeps the lock until closed
    try:
        with pytest.raises(BoardBusy):
            reader.load(HALL_MORNING)
    finally:
        locker.close()
    assert reader.load(HALL_MORNING).jobs == ()
    store.conn = sqlite3.connect(":memory:")
