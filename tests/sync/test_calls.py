"""Queue calls travel through a real hub (PostgreSQL and SQLite) to the other terminals of
the same hall, never to another hall; a hall cannot call numbers in another hall, and a
call is never rewritten."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import to_payload
from kiosk.core.errors import Ok
from kiosk.core.ids import new_id
from kiosk.core.records import CallAction, QueueCall
from kiosk.services import calling
from sync.protocol import Reason, Result
from tests.conftest import FixedClock, id_number, worker_draft
from tests.store import samples
from tests.sync.conftest import HALL_A, HALL_B, Hub, Terminal, make_terminal
from tests.sync.hostile import change_of, make_world, push_dicts


def test_a_call_reaches_the_other_terminals_of_the_hall_only(
        tmp_path: Path, hub: Hub, hall_a: Terminal, hall_b: Terminal, *,
        catalogue: Catalogue, clock: FixedClock) -> None:
    s = hall_a.services
    worker = s.register_worker(worker_draft(id_number=id_number(seq=41)))
    assert isinstance(worker, Ok)
    assert isinstance(s.check_in(worker.value.id), Ok)
    call = calling.call_next(s, "2")
    assert isinstance(call, Ok)
    assert hall_a.agent(hub.client).sync_once().ok

    board = make_terminal(tmp_path / "a2.sqlite3", hub, HALL_A, catalogue, clock)
    try:
        assert board.agent(hub.client).sync_once().ok
        assert board.agent(hub.client).sync_once().ok  # a second pull changes nothing
        assert [(c.id, c.queue_no, c.window) for c in board.store.queue_calls.where()] == [
            (call.value.id, 1, "2")]
        state = calling.window_state(board.services, "2")
        assert state.serving == 1 and state.recent[0].queue_no == 1
    finally:
        board.store.close()
    assert hall_b.agent(hub.client).sync_once().ok
    assert hall_b.store.queue_calls.count() == 0
    assert hall_a.agent(hub.client).sync_once().ok  # its own call comes back: kept once
    assert hall_a.store.queue_calls.count() == 1


def test_a_hall_cannot_call_for_another_hall_nor_rewrite_a_call(
        hub: Hub, clock: FixedClock) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    call = to_payload(QueueCall(id=new_id(), hall_id=HALL_A, day=clock.now().date(),
                                queue_no=7, window="1", action=CallAction.CALL,
                                created_at=clock.now()))
    status, answer = push_dicts(hub, b, [change_of("call", call)])
    assert status == 200 and answer is not None
    assert (answer.answers[0].result, answer.answers[0].reason) == (
        Result.REJECTED, Reason.HALL_MISMATCH)
    status, answer = push_dicts(hub, a, [change_of("call", call)])
    assert answer is not None and answer.answers[0].result is Result.STORED
    rewritten = {**call, "queue_no": 8}
    status, answer = push_dicts(hub, a, [change_of("call", rewritten, op="update")])
    assert answer is not None and (answer.answers[0].result, answer.answers[0].reason) == (
        Result.REJECTED, Reason.IMMUTABLE)
    bad = {**call, "id": new_id(), "action": "shout", "window": "x" * 30}
    status, answer = push_dicts(hub, a, [change_of("call", bad)])
    assert answer is not None and answer.answers[0].result is Result.REJECTED


def test_a_number_s_letter_travels_and_the_hub_takes_only_the_hall_s_letters(
        hub: Hub, hall_a: Terminal, clock: FixedClock) -> None:
    """A012 reaches the hub with its letter; a letter outside A–H is rejected there by the
    same schema the terminal uses."""
    s = hall_a.services
    worker = s.register_worker(worker_draft(id_number=id_number(seq=43)))
    assert isinstance(worker, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    world = make_world(hub, hall_a.credentials)
    good = to_payload(samples.checkin(hall_id=HALL_A, worker_id=world.worker_id,
                                      queue_prefix="C", day=clock.now().date()))
    bad = {**to_payload(samples.checkin(hall_id=HALL_A, worker_id=world.worker_id,
                                        day=clock.now().date())), "queue_prefix": "Z"}
    status, answer = push_dicts(hub, hall_a.credentials, [change_of("checkin", good),
                                                          change_of("checkin", bad)])
    assert status == 200 and answer is not None
    assert [a.result for a in answer.answers] == [Result.STORED, Result.REJECTED]
    assert "queue_prefix" in answer.answers[1].detail
