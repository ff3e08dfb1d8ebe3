"""Property: whatever mix of writes, syncs, lost answers, crashes between claiming and
sending, and replays of old batches happens on several terminals, the hub ends up with
exactly the set of changes the terminals created: none lost, none doubled."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.core.catalogue import Catalogue
from kiosk.store.outbox import _COLUMNS, Change, OutboxState, _change
from sync import protocol
from sync.agent import _wire
from sync.hub.schema import changes
from sync.protocol import PushRequest
from tests.conftest import FixedClock, employer_draft, id_number, worker_draft
from tests.sync.conftest import HALL_A, HALL_B, Hub, Terminal, make_terminal

ACTIONS = ("write", "write", "sync", "lost_answer", "crash_after_claim", "replay")
_serial = itertools.count(1)


def write(terminal: Terminal) -> None:
    n = next(_serial)
    if n % 2:
        assert terminal.services.register_employer(employer_draft(name=f"雇主{n}")).ok
    else:
        assert terminal.services.register_worker(worker_draft(
            id_number=id_number(seq=n % 1000, area="370104" if n < 1000 else "370112"))).ok


def post(hub: Hub, terminal: Terminal, wire: list[protocol.Change]) -> None:
    request = PushRequest(terminal_id=terminal.credentials.terminal,
                          hall_id=terminal.credentials.hall, changes=wire)
    response = hub.client.post(protocol.PUSH_PATH, content=protocol.encode(request), headers={
        "Authorization": f"Bearer {terminal.credentials.token}", "Content-Encoding": "gzip",
        "Content-Type": "application/json"})
    assert response.status_code == 200


def act(action: str, hub: Hub, terminal: Terminal) -> None:
    agent = terminal.agent(hub.client)
    agent.batch_size = 4
    if action == "write":
        write(terminal)
    elif action == "sync":
        assert agent.sync_once().ok
    elif action == "lost_answer":  # the hub commits; the terminal never hears back
        batch = agent.state.claim(4)
        if batch:
            post(hub, terminal, [_wire(c) for c in batch])
    elif action == "crash_after_claim":  # killed after marking `sending`, before the POST
        agent.state.claim(4)
    else:  # old changes sent again, acked ones included
        replayed = [_wire(c) for c in all_changes(terminal)][:50]
        if replayed:
            post(hub, terminal, replayed)


def all_changes(terminal: Terminal) -> list[Change]:
    rows = terminal.store.conn.execute(f"SELECT {_COLUMNS} FROM outbox ORDER BY seq")
    return [_change(row) for row in rows]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 2)),
                      min_size=1, max_size=30))
def test_the_hub_converges_to_exactly_the_changes_created(
        hub: Hub, catalogue: Catalogue, steps: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock()
        terminals = [make_terminal(Path(tmp) / f"t{i}.sqlite3", hub, hall, catalogue, clock)
                     for i, hall in enumerate((HALL_A, HALL_A, HALL_B))]
        try:
            for action, which in steps:
                act(action, hub, terminals[which])
            for terminal in terminals:
                assert terminal.agent(hub.client).sync_once().ok
            created = {c.change_id for t in terminals for c in all_changes(t)}
            with hub.engine.connect() as conn:
                stored = list(conn.execute(select(changes.c.change_id).where(
                    changes.c.terminal_id.in_([t.credentials.terminal for t in terminals])
                )).scalars())
            assert sorted(stored) == sorted(created)
            for terminal in terminals:
                counts = terminal.store.outbox.counts_by_state()
                assert counts[OutboxState.ACKED] == sum(counts.values())
        finally:
            for terminal in terminals:
                terminal.store.close()
