"""今日待岗 through a real hub (PostgreSQL and SQLite): the check-ins of one terminal reach
the hall's other terminals as counts by trade, never another hall, never anything about a
person; a terminal never counts its own check-ins twice."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import Ok
from kiosk.core.supply import SUPPLY_KIND
from kiosk.services.hall import Services
from kiosk.store.supply import hall_supply
from sync.hub.schema import feed
from tests.conftest import TODAY, FixedClock, id_number, worker_draft
from tests.sync.conftest import HALL_A, Hub, Terminal, make_terminal


def check_in(services: Services, seq: int, trade: str) -> tuple[str, str]:
    """A new worker of `trade` checks in: their id and name."""
    name = "赵" + "甲乙丙丁戊己庚辛"[seq % 8]
    worker = services.register_worker(worker_draft(id_number=id_number(seq=seq), name=name,
                                                   phone=f"1380531{seq:04d}", trades=[trade]))
    assert isinstance(worker, Ok), worker
    assert isinstance(services.check_in(worker.value.id), Ok)
    return worker.value.id, name


def counts(terminal: Terminal) -> dict[str, int]:
    return dict(hall_supply(terminal.store.conn, terminal.services.settings.hall_id,
                            TODAY).trades)


def test_check_ins_reach_the_halls_other_terminals_as_counts_only(
        tmp_path: Path, hub: Hub, hall_a: Terminal, hall_b: Terminal, *,
        catalogue: Catalogue, clock: FixedClock) -> None:
    people = [check_in(hall_a.services, 1, "C01"), check_in(hall_a.services, 2, "C01"),
              check_in(hall_a.services, 3, "S01")]
    assert counts(hall_a) == {"C01": 2, "S01": 1}
    assert hall_a.agent(hub.client).sync_once().ok
    assert counts(hall_a) == {"C01": 2, "S01": 1}  # acknowledged, then the hub's: not twice

    other = make_terminal(tmp_path / "a2.sqlite3", hub, HALL_A, catalogue, clock)
    try:
        assert other.agent(hub.client).sync_once().ok
        assert counts(other) == {"C01": 2, "S01": 1}
        check_in(other.services, 4, "L01")  # not sent yet: counted here at once
        assert counts(other) == {"C01": 2, "S01": 1, "L01": 1}
        assert other.agent(hub.client).sync_once().ok
        assert counts(other) == {"C01": 2, "S01": 1, "L01": 1}
    finally:
        other.store.close()
    assert hall_a.agent(hub.client).sync_once().ok
    assert counts(hall_a) == {"C01": 2, "S01": 1, "L01": 1}

    assert hall_b.agent(hub.client).sync_once().ok
    assert counts(hall_b) == {}  # another hall's figure never reaches it
    with hub.engine.connect() as conn:
        published = conn.execute(select(feed.c.hall_id, feed.c.payload).where(
            feed.c.kind == SUPPLY_KIND)).all()
    assert published and {row.hall_id for row in published} == {HALL_A}
    for row in published:
        payload = json.loads(row.payload)
        assert set(payload) == {"hall_id", "day", "trades"}
        assert all(worker_id not in row.payload and name not in row.payload
                   for worker_id, name in people)
    assert json.loads(published[-1].payload)["trades"] == {"C01": 2, "L01": 1, "S01": 1}
