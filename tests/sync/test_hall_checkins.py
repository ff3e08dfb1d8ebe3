"""A hall with several machines, through a real hub (PostgreSQL and SQLite): the
touchscreen's check-ins reach the counter of the same hall (never another hall), which
calls them in order; the calls come back to the touchscreen's 前面还有 N 人; the board's
今日待岗 counts each worker once on every machine of the hall."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from kiosk.core import payloads
from kiosk.core.catalogue import Catalogue
from kiosk.core.erasure import is_erased
from kiosk.core.errors import Err, Ok
from kiosk.core.scan import ScanKeys, WorkerCard
from kiosk.core.staff import StaffRole
from kiosk.services import calling
from kiosk.services.erasure import erase_worker
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from kiosk.store.supply import hall_supply
from sync.agent import SyncAgent
from sync.hub.schema import checkins, feed
from sync.hub.terminals import COUNTER
from sync.protocol import Reason, Result
from tests.conftest import FixedClock, id_number, worker_draft
from tests.sync.conftest import HALL_A, Hub, Terminal, make_terminal
from tests.sync.hostile import change_of, push_dicts


def lettered(terminal: Terminal, prefix: str) -> Terminal:
    """The terminal with its queue letter ([terminal] queue_prefix)."""
    services = terminal.services
    settings = replace(services.settings, queue_prefix=prefix)
    return replace(terminal, services=Services(terminal.store, settings, services.catalogue,
                                               services.clock))


def sync(terminal: Terminal, hub: Hub, clock: FixedClock) -> None:
    report = SyncAgent(terminal.store, terminal.credentials, hub.client,
                       clock=clock.now).sync_once()
    assert report.ok and report.errors == [], report.errors


def check_in_three(touch: Terminal) -> list[str]:
    ids = []
    for seq in (61, 62, 63):
        worker = touch.services.register_worker(worker_draft(id_number=id_number(seq=seq)))
        assert isinstance(worker, Ok)
        checked = touch.services.check_in(worker.value.id)
        assert isinstance(checked, Ok)
        ids.append(worker.value.id)
    return ids


def test_the_counter_calls_the_touchscreen_s_numbers_and_only_its_hall_sees_them(
        tmp_path: Path, hub: Hub, hall_b: Terminal, *, catalogue: Catalogue,
        clock: FixedClock) -> None:
    touch = lettered(make_terminal(tmp_path / "touch.sqlite3", hub, HALL_A, catalogue,
                                   clock), "A")
    counter = lettered(make_terminal(tmp_path / "counter.sqlite3", hub, HALL_A, catalogue,
                                     clock, kind=COUNTER), "C")
    try:
        workers = check_in_three(touch)
        assert [(c.queue_prefix, c.queue_no) for c in touch.store.checkins.where(
            order_by="queue_no")] == [("A", 1), ("A", 2), ("A", 3)]
        sync(touch, hub, clock)
        assert not calling.call_next(counter.services, "1").ok  # nobody known yet

        sync(counter, hub, clock)
        assert calling.window_state(counter.services, "1").waiting == 3
        first = calling.call_next(counter.services, "1")
        second = calling.call_next(counter.services, "2")
        assert isinstance(first, Ok) and isinstance(second, Ok)
        assert [(c.value.queue_prefix, c.value.queue_no) for c in (first, second)] == [
            ("A", 1), ("A", 2)]
        # Staff open the worker behind a number: the hub's masked profile, of this hall.
        shown = counter.services.worker(workers[0])
        assert shown is not None and shown.phone == "" and shown.id_number is None
        home = counter.services.home_hall_of(workers[0])
        assert home is not None and home.hall_id == HALL_A
        assert hall_supply(counter.store.conn, HALL_A, clock.now().date()).total == 3

        sync(counter, hub, clock)  # the calls go up
        sync(touch, hub, clock)  # the calls, and its own check-ins, come back
        assert touch.store.checkins.count() == 3
        assert calling.waiting_before(touch.services, 3, "A") == 0
        assert calling.window_state(touch.services, "1").waiting == 1
        assert hall_supply(touch.store.conn, HALL_A, clock.now().date()).total == 3
        sync(counter, hub, clock)  # pulling again changes nothing
        assert counter.store.checkins.count() == 3
        assert hall_supply(counter.store.conn, HALL_A, clock.now().date()).total == 3
    finally:
        touch.store.close()
        counter.store.close()

    sync(hall_b, hub, clock)
    assert hall_b.store.checkins.count() == 0
    assert hall_b.store.queue_calls.count() == 0
    with hub.engine.connect() as conn:
        entries = [json.loads(row.payload) for row in conn.execute(
            feed.select().where(feed.c.kind == "checkin"))]
    assert len(entries) == 3
    assert {frozenset(e) for e in entries} == {frozenset(
        {"id", "hall_id", "worker_id", "day", "queue_no", "queue_prefix", "created_at"})}


def test_an_erasure_at_the_touchscreen_reaches_the_counter_s_copy(
        tmp_path: Path, hub: Hub, catalogue: Catalogue, clock: FixedClock) -> None:
    """The counter kept the masked profile of a worker the touchscreen registered (to show
    who a number is): the person's erasure at the touchscreen erases that copy too."""
    touch = make_terminal(tmp_path / "touch.sqlite3", hub, HALL_A, catalogue, clock)
    counter = make_terminal(tmp_path / "counter.sqlite3", hub, HALL_A, catalogue, clock,
                            kind=COUNTER)
    try:
        assert isinstance(StaffAccounts(touch.services).add(
            "S900", "赵主任", StaffRole.SUPERVISOR, "730519"), Ok)
        gone = check_in_three(touch)[0]
        sync(touch, hub, clock)
        sync(counter, hub, clock)
        copy = counter.services.worker(gone)
        assert copy is not None and not is_erased(copy)
        assert isinstance(StaffAccounts(counter.services).add(
            "S901", "钱主任", StaffRole.SUPERVISOR, "730519"), Ok)
        refused = erase_worker(counter.services, gone, "S901", "730519", print_receipt=False)
        assert isinstance(refused, Err) and refused.codes() == {"other_machine"}
        changed = counter.services.update_worker(gone, worker_draft(id_number=id_number(seq=61)))
        assert isinstance(changed, Err) and changed.codes() == {"other_machine"}
        assert isinstance(erase_worker(touch.services, gone, "S900", "730519",
                                       print_receipt=False), Ok)
        sync(touch, hub, clock)
        sync(counter, hub, clock)
        erased = counter.services.worker(gone)
        assert erased is None or is_erased(erased)
    finally:
        touch.store.close()
        counter.store.close()


def test_a_number_given_once_the_hub_confirmed_the_worker_reaches_the_counter(
        tmp_path: Path, hub: Hub, catalogue: Catalogue, clock: FixedClock) -> None:
    """An old LGW1 card of a worker the counter registered checks in at the touchscreen
    unverified, without a number; the touchscreen numbers it once the hub has confirmed
    the worker and sends the number (the check-in's one rewrite), so the counter can call
    it; nothing else of a check-in can be rewritten."""
    touch = lettered(make_terminal(tmp_path / "touch.sqlite3", hub, HALL_A, catalogue,
                                   clock), "A")
    counter = make_terminal(tmp_path / "counter.sqlite3", hub, HALL_A, catalogue, clock,
                            kind=COUNTER)
    try:
        made = counter.services.register_worker(worker_draft(id_number=id_number(seq=71)))
        assert isinstance(made, Ok)
        sync(counter, hub, clock)
        card = touch.services.read_scan(payloads.worker_card(made.value.id), ScanKeys())
        assert isinstance(card, WorkerCard)
        checked = touch.services.check_in(card.worker_id, card=card)
        assert isinstance(checked, Ok) and checked.value.checkin.queue_no is None
        sync(touch, hub, clock)  # confirmed: numbered here, the number queued for the hub
        numbered = touch.store.checkins.get(checked.value.checkin.id)
        assert numbered is not None and (numbered.queue_prefix, numbered.queue_no) == ("A", 1)
        sync(touch, hub, clock)
        assert hall_supply(touch.store.conn, HALL_A, clock.now().date()).total == 1
        sync(counter, hub, clock)
        call = calling.call_next(counter.services, "1")
        assert isinstance(call, Ok) and (call.value.queue_prefix, call.value.queue_no) == (
            "A", 1)
        assert hall_supply(counter.store.conn, HALL_A, clock.now().date()).total == 1
    finally:
        touch.store.close()
        counter.store.close()
    with hub.engine.connect() as conn:
        stored = json.loads(conn.execute(checkins.select().where(
            checkins.c.id == numbered.id)).one().payload)
    assert stored["queue_no"] == 1
    renumbered = {**stored, "queue_no": 2}
    moved = {**stored, "queue_no": 1, "worker_id": made.value.id[:-1] + "0"}
    status, answer = push_dicts(hub, touch.credentials, [
        change_of("checkin", renumbered, op="update"), change_of("checkin", moved, op="update")])
    assert status == 200 and answer is not None
    assert [(a.result, a.reason) for a in answer.answers] == [
        (Result.REJECTED, Reason.IMMUTABLE), (Result.REJECTED, Reason.IMMUTABLE)]
