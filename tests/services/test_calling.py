"""Calling queue numbers on a real SQLite file: the lowest waiting number first, recall and
过号, one number per worker per day shared by check-in and 我想干, records that sync."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Err, Ok
from kiosk.core.records import CallAction, QueueCall, ReferralOrigin, Worker
from kiosk.core.schema import check_record
from kiosk.services import calling
from kiosk.services.hall import Services
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft


def register(services: Services, seq: int) -> Worker:
    result = services.register_worker(worker_draft(id_number=id_number(seq=seq),
                                                   phone=f"138053{seq:05d}"))
    assert isinstance(result, Ok), result
    return result.value


def checked_in(services: Services, count: int) -> list[int]:
    numbers = []
    for seq in range(count):
        result = services.check_in(register(services, 100 + seq).id)
        assert isinstance(result, Ok)
        numbers.append(result.value.checkin.queue_no)
    return numbers


def called(result: object) -> QueueCall:
    assert isinstance(result, Ok), result
    assert isinstance(result.value, QueueCall)
    return result.value


def test_numbers_are_called_lowest_first_to_each_window(services: Services) -> None:
    assert checked_in(services, 3) == [1, 2, 3]
    first = called(calling.call_next(services, "1"))
    second = called(calling.call_next(services, "2"))
    assert (first.queue_no, first.window, first.action) == (1, "1", CallAction.CALL)
    assert (second.queue_no, second.window) == (2, "2")
    state = calling.window_state(services, "1")
    assert state.serving == 1 and state.waiting == 1
    assert [(c.queue_no, c.window) for c in state.recent] == [(2, "2"), (1, "1")]
    assert calling.waiting_before(services, 3) == 0


def test_recall_calls_the_same_number_and_skip_passes_to_the_next(services: Services) -> None:
    checked_in(services, 2)
    called(calling.call_next(services, "1"))
    again = called(calling.recall(services, "1"))
    assert (again.queue_no, again.action) == (1, CallAction.RECALL)
    skipped = calling.skip(services, "1")
    assert isinstance(skipped, Ok) and skipped.value is not None
    assert skipped.value.queue_no == 2
    actions = [(c.queue_no, c.action) for c in services.store.queue_calls.where(
        order_by="rowid")]
    assert actions == [(1, "call"), (1, "recall"), (1, "skip"), (2, "call")]
    skipped = calling.skip(services, "1")  # 2 did not come either; nobody else waits
    assert isinstance(skipped, Ok) and skipped.value is None
    assert calling.window_state(services, "1").serving is None


def test_nothing_to_call_says_why_and_stores_nothing(services: Services) -> None:
    for result, code in ((calling.call_next(services, "1"), "queue_empty"),
                         (calling.recall(services, "1"), "nothing_called"),
                         (calling.skip(services, "1"), "nothing_called"),
                         (calling.call_next(services, ""), "window"),
                         (calling.call_next(services, "123456789"), "window")):
        assert isinstance(result, Err) and result.errors[0].code == code
        assert result.errors[0].text("zh_CN") != result.errors[0].text("en")
    assert services.store.queue_calls.count() == 0
    assert services.store.outbox.for_entity("call", "") == []
    assert services.pending_sync_count() == 0


def test_a_call_is_a_record_of_the_hall_with_its_change(services: Services) -> None:
    checked_in(services, 1)
    call = called(calling.call_next(services.as_staff("S001"), "3"))
    assert check_record(call) == []
    change, = services.store.outbox.for_entity("call", call.id)
    assert change.payload["queue_no"] == 1 and change.payload["window"] == "3"
    assert services.store.audit_events.count("action = 'queue.call'") == 1


def test_a_new_day_starts_a_new_queue(services: Services, clock: FixedClock) -> None:
    checked_in(services, 1)
    called(calling.call_next(services, "1"))
    clock.advance(days=1)
    assert calling.window_state(services, "1").serving is None
    assert isinstance(calling.call_next(services, "1"), Err)


def test_i_want_this_job_reuses_the_check_in_number(services: Services) -> None:
    """The 12-then-49 bug: a worker who checked in keeps that number for 我想干, and one
    who did not gets their day's number there, in the same queue."""
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id, start_date=services.today()))
    other = services.post_job(job_draft(employer.value.id, start_date=services.today(),
                                        title="搬运装卸"))
    assert isinstance(job, Ok) and isinstance(other, Ok)
    checked_in(services, 11)
    worker = register(services, 300)
    number = services.check_in(worker.id)
    assert isinstance(number, Ok) and number.value.checkin.queue_no == 12
    for job_id in (job.value.id, other.value.id):
        asked = services.refer(job_id, worker.id, ReferralOrigin.TOUCHSCREEN)
        assert isinstance(asked, Ok) and asked.value.queue_no == 12
    newcomer = register(services, 301)
    asked = services.refer(job.value.id, newcomer.id, ReferralOrigin.TOUCHSCREEN)
    assert isinstance(asked, Ok) and asked.value.queue_no == 13
    again = services.check_in(newcomer.id)
    assert isinstance(again, Ok) and again.value.already
    assert again.value.checkin.queue_no == 13
    for _ in range(13):
        called(calling.call_next(services, "1"))
    assert [c.queue_no for c in services.store.queue_calls.where(order_by="rowid")] == list(
        range(1, 14))


@pytest.mark.parametrize("sql", [
    "SELECT min(queue_no) FROM checkins WHERE hall_id = 'H' AND day = 'D' AND NOT EXISTS ("
    "SELECT 1 FROM queue_calls q WHERE q.hall_id = 'H' AND q.day = 'D' "
    "AND q.queue_no = checkins.queue_no)",
])
def test_the_next_number_is_read_by_index(services: Services, sql: str) -> None:
    plan = " ".join(str(row[3]) for row in services.store.conn.execute(
        f"EXPLAIN QUERY PLAN {sql}"))
    assert "SCAN" not in plan, plan
