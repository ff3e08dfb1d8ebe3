"""Check-ins another terminal of the hall made, pulled from the hub into a real SQLite file:
kept once, never over a check-in this terminal made, never another hall's, never a
malformed one; the queue and 今日待岗 read them without counting anyone twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from kiosk.core.codec import to_payload
from kiosk.core.errors import Ok
from kiosk.core.ids import new_id
from kiosk.core.records import CheckIn
from kiosk.services import calling
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.store.supply import hall_supply, keep_supply
from kiosk.store.sync_state import Pulled, SyncState
from tests.conftest import TODAY, id_number, worker_draft

HALL = "370104-DDBL"


def own_checkin(services: Services, seq: int = 1) -> CheckIn:
    worker = services.register_worker(worker_draft(id_number=id_number(seq=seq)))
    assert isinstance(worker, Ok)
    checked = services.check_in(worker.value.id)
    assert isinstance(checked, Ok)
    return checked.value.checkin


def pulled(store: Store, *payloads: dict[str, Any], hall: str = HALL) -> int:
    return SyncState(store, hall_id=hall).apply_pulled(
        [Pulled("checkin", p) for p in payloads], 1, "2026-11-23T02:00:00.000Z")


def other_terminal(services: Services, queue_no: int = 1, **overrides: object) -> dict[str, Any]:
    checkin = CheckIn(id=new_id(), hall_id=HALL, worker_id=new_id(), day=services.today(),
                      queue_no=queue_no, created_at=services.now(), queue_prefix="B")
    return to_payload(replace(checkin, **overrides))  # type: ignore[arg-type]


def acknowledge_all(store: Store) -> None:
    with store.write():
        store.conn.execute("UPDATE outbox SET state = 'acked'")


def test_a_check_in_of_this_terminal_is_never_overwritten(services: Services,
                                                           store: Store) -> None:
    mine = own_checkin(services)
    older = {**to_payload(mine), "queue_no": 9, "queue_prefix": "H",
             "created_at": "2026-11-22T23:00:00.000Z"}
    assert pulled(store, older) == 0  # unsent: the outbox has it
    acknowledge_all(store)
    assert pulled(store, older) == 0  # sent: check-ins are never rewritten
    assert store.checkins.get(mine.id) == mine


def test_another_terminal_s_check_in_joins_the_queue_once(services: Services,
                                                          store: Store) -> None:
    mine = own_checkin(services)
    theirs = other_terminal(services, created_at=mine.created_at - timedelta(minutes=5))
    assert pulled(store, theirs) == 1
    assert pulled(store, theirs) == 0  # idempotent
    assert store.checkins.count() == 2
    assert calling.window_state(services, "1").waiting == 2
    assert calling.waiting_before(services, mine.queue_no or 0, mine.queue_prefix) == 1
    call = calling.call_next(services, "1")
    assert isinstance(call, Ok) and (call.value.queue_prefix, call.value.queue_no) == ("B", 1)


def test_another_hall_s_or_a_malformed_check_in_is_not_kept(services: Services,
                                                             store: Store) -> None:
    assert pulled(store, other_terminal(services, hall_id="370112-HSL")) == 0
    assert pulled(store, other_terminal(services), hall="") == 0  # hall not known here
    assert pulled(store, other_terminal(services, queue_no=None)) == 0
    assert pulled(store, {**other_terminal(services), "queue_prefix": "Z"}) == 0
    assert pulled(store, {**other_terminal(services), "name": "张建国"}) == 0
    broken = other_terminal(services)
    del broken["worker_id"]
    assert pulled(store, broken) == 0
    assert store.checkins.count() == 0


def test_a_worker_checked_in_here_keeps_this_terminal_s_number(services: Services,
                                                               store: Store) -> None:
    mine = own_checkin(services)
    assert pulled(store, other_terminal(services, worker_id=mine.worker_id, queue_no=4)) == 0
    assert [c.id for c in store.checkins.where()] == [mine.id]


def test_the_hub_s_figure_already_counts_pulled_check_ins(services: Services,
                                                          store: Store) -> None:
    own_checkin(services)
    acknowledge_all(store)
    assert pulled(store, other_terminal(services)) == 1
    with store.write():
        assert keep_supply(store.conn, {"hall_id": HALL, "day": TODAY.isoformat(),
                                        "trades": {"C01": 2}})
    assert hall_supply(store.conn, HALL, TODAY).total == 2


def test_terminals_sharing_a_letter_never_give_one_number_twice_here(
        services: Services, store: Store) -> None:
    """Both terminals without a letter: this one numbers on after the numbers it pulled,
    and a pulled number it has given already is not kept (the counter would call two
    people)."""
    assert pulled(store, other_terminal(services, queue_no=1, queue_prefix="")) == 1
    mine = own_checkin(services, seq=2)
    assert (mine.queue_prefix, mine.queue_no) == ("", 2)
    assert pulled(store, other_terminal(services, queue_no=2, queue_prefix="")) == 0
    assert sorted(c.queue_no or 0 for c in store.checkins.where()) == [1, 2]
