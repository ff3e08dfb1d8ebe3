"""今日待岗 read from a real SQLite file: this terminal's check-ins by main trade, the
hub's figure for the hall, and the two merged without counting anyone twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.core.erasure import anonymised
from kiosk.core.errors import Ok
from kiosk.core.supply import SUPPLY_KIND, parse_supply
from kiosk.services.hall import Services
from kiosk.store.board import BoardReader
from kiosk.store.erase import finish_erasure, record_erasure
from kiosk.store.store import Store
from kiosk.store.supply import SUPPLY_KEY, hall_supply, keep_supply, published
from kiosk.store.sync_state import Pulled, SyncState
from tests.conftest import TODAY, FixedClock, id_number, worker_draft

HALL = "370104-DDBL"


def checked_in(services: Services, seq: int, trades: list[str]) -> str:
    worker = services.register_worker(worker_draft(id_number=id_number(seq=seq), trades=trades,
                                                   name="王" + "一二三四五六七八九"[seq % 9]))
    assert isinstance(worker, Ok), worker
    assert isinstance(services.check_in(worker.value.id), Ok)
    return worker.value.id


def acknowledge(store: Store, worker_id: str) -> None:
    with store.write():
        store.conn.execute(
            "UPDATE outbox SET state = 'acked' WHERE entity = 'checkin' AND entity_id IN "
            "(SELECT id FROM checkins WHERE worker_id = ?)", (worker_id,))


def test_each_worker_counts_once_under_their_main_trade(services: Services,
                                                         store: Store) -> None:
    checked_in(services, 1, ["C01", "C09"])
    checked_in(services, 2, ["C01"])
    checked_in(services, 3, ["S01", "C01"])
    services.register_worker(worker_draft(id_number=id_number(seq=4), trades=["M01"]))
    supply = hall_supply(store.conn, HALL, TODAY)
    assert supply.trades == (("C01", 2), ("S01", 1))  # most first; not checked in: not counted
    assert supply.total == 3
    assert hall_supply(store.conn, HALL, TODAY + timedelta(days=1)).trades == ()
    assert hall_supply(store.conn, "370104-OTHER", TODAY).trades == ()


def test_the_hubs_figure_plus_what_the_hub_has_not_acknowledged(
        services: Services, store: Store) -> None:
    sent = checked_in(services, 1, ["C01"])
    checked_in(services, 2, ["S01"])
    acknowledge(store, sent)  # the hub has it: its figure counts it
    with store.write():
        assert keep_supply(store.conn, {"hall_id": HALL, "day": TODAY.isoformat(),
                                        "trades": {"C01": 4, "M01": 2}})
    supply = hall_supply(store.conn, HALL, TODAY)
    assert dict(supply.trades) == {"C01": 4, "M01": 2, "S01": 1}


def test_an_old_figure_is_not_todays(services: Services, store: Store) -> None:
    sent = checked_in(services, 1, ["C01"])
    acknowledge(store, sent)
    with store.write():
        keep_supply(store.conn, {"day": (TODAY - timedelta(days=1)).isoformat(),
                                 "trades": {"C01": 40}})
    assert hall_supply(store.conn, HALL, TODAY).trades == (("C01", 1),)


@pytest.mark.parametrize("payload", [
    {"day": TODAY.isoformat(), "trades": {"C01": -1}},
    {"day": TODAY.isoformat(), "trades": {"C01": True}},
    {"day": TODAY.isoformat(), "trades": {"C01": "3"}},
    {"day": TODAY.isoformat(), "trades": {"X" * 40: 3}},
    {"day": TODAY.isoformat(), "trades": {f"T{i}": 1 for i in range(201)}},
    {"day": "yesterday", "trades": {"C01": 3}},
    {"day": 20261123, "trades": {"C01": 3}},
    {"day": TODAY.isoformat(), "trades": ["C01"]},
    {"trades": {"C01": 3}},
    "C01=3",
])
def test_a_malformed_figure_is_skipped_and_the_last_kept(store: Store, payload: object) -> None:
    good = {"day": TODAY.isoformat(), "trades": {"C01": 3}}
    with store.write():
        assert keep_supply(store.conn, good)
        assert not keep_supply(store.conn, payload)  # type: ignore[arg-type]
    assert published(store.conn) == parse_supply(good)


def test_an_earlier_days_figure_does_not_replace_todays(store: Store) -> None:
    with store.write():
        keep_supply(store.conn, {"day": TODAY.isoformat(), "trades": {"C01": 3}})
        assert not keep_supply(store.conn, {"day": "2026-11-22", "trades": {"C01": 9}})
        assert keep_supply(store.conn, {"day": TODAY.isoformat(), "trades": {"C01": 5}})
    kept = published(store.conn)
    assert kept is not None and kept.trades == (("C01", 5),)


def test_an_erased_worker_is_still_counted_and_nothing_names_them(
        services: Services, store: Store, clock: FixedClock) -> None:
    worker_id = checked_in(services, 1, ["L01"])
    worker = services.worker(worker_id)
    assert worker is not None
    erased = anonymised(worker, clock.now())
    with store.write() as tx:
        record_erasure(tx, store.conn, erased)
    finish_erasure(store, erased)
    assert services.worker(worker_id).name != worker.name  # type: ignore[union-attr]
    assert hall_supply(store.conn, HALL, TODAY).trades == (("L01", 1),)


def test_the_board_snapshot_and_a_pulled_figure(services: Services, store: Store,
                                                clock: FixedClock) -> None:
    checked_in(services, 1, ["C01"])
    state = SyncState(store)
    state.apply_pulled([Pulled(SUPPLY_KIND, {"hall_id": HALL, "day": TODAY.isoformat(),
                                             "trades": {"S01": 2}})], 7, clock.now().isoformat())
    assert store.get_setting(SUPPLY_KEY) is not None
    reader = BoardReader(store.path, HALL)
    try:
        supply = reader.load(clock.now()).supply
    finally:
        reader.close()
    assert supply is not None
    assert dict(supply.trades) == {"C01": 1, "S01": 2}  # the local one is not acknowledged yet
