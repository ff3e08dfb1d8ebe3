"""The agent against `kiosk-hub serve` (uvicorn in its own process) on a loopback port,
through a proxy that cuts connections: every change still reaches the hub exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from kiosk.store.outbox import OutboxState
from sync.agent import SyncReport
from sync.hub.schema import changes
from tests.conftest import id_number, worker_draft
from tests.sync.conftest import Hub, Terminal
from tests.sync.netparts import CuttingProxy, hub_process


@pytest.fixture
def served(hub: Hub, tmp_path: Path) -> Iterator[str]:
    url = hub.engine.url.render_as_string(hide_password=False)
    with hub_process(url, tmp_path / "hub.log") as base:
        yield base


@pytest.fixture
def proxy(served: str) -> Iterator[CuttingProxy]:
    cutter = CuttingProxy(int(served.rsplit(":", 1)[1]))
    yield cutter
    cutter.close()


def hub_ids(hub: Hub) -> list[str]:
    with hub.engine.connect() as conn:
        return sorted(conn.execute(select(changes.c.change_id)).scalars())


def register(terminal: Terminal, count: int, first: int = 300) -> list[str]:
    for seq in range(first, first + count):
        assert terminal.services.register_worker(worker_draft(id_number=id_number(seq=seq))).ok
    return sorted(c.change_id for c in terminal.store.outbox.unsent(10_000))


def via(terminal: Terminal, base: str) -> Terminal:
    return replace(terminal, credentials=replace(terminal.credentials, hub=base))


def test_sync_over_real_http(hub: Hub, hall_a: Terminal, hall_b: Terminal, served: str) -> None:
    created = register(hall_a, 3)
    with httpx.Client(timeout=30) as client:
        report = via(hall_a, served).agent(client).sync_once()
        assert report.ok and report.stored == 3
        assert via(hall_b, served).agent(client).sync_once().ok
    assert hub_ids(hub) == created


def test_a_lost_response_is_answered_duplicate_on_the_retry(
        hub: Hub, hall_a: Terminal, proxy: CuttingProxy) -> None:
    created = register(hall_a, 4)
    terminal = via(hall_a, proxy.url)
    with httpx.Client(timeout=30) as client:
        proxy.cut_response()
        first = terminal.agent(client).sync_once()
        assert proxy.cuts == 1 and not first.ok and first.acked == 0
        assert hub_ids(hub) == created  # the hub committed before its answer was lost
        assert hall_a.store.outbox.counts_by_state()["pending"] == 4  # still queued
        second = terminal.agent(client).sync_once()
    assert second.ok and second.duplicate == 4 and second.stored == 0
    assert hall_a.store.outbox.counts_by_state()[OutboxState.ACKED] == 4
    assert hub_ids(hub) == created


def test_a_request_cut_mid_body_stores_nothing_and_is_sent_again(
        hub: Hub, hall_a: Terminal, proxy: CuttingProxy) -> None:
    created = register(hall_a, 4)
    terminal = via(hall_a, proxy.url)
    with httpx.Client(timeout=30) as client:
        proxy.cut_request(after_bytes=400)  # past the headers, inside the gzip body
        first = terminal.agent(client).sync_once()
        assert proxy.cuts == 1 and not first.ok
        assert hub_ids(hub) == []
        second = terminal.agent(client).sync_once()
    assert second.ok and second.stored == 4
    assert hub_ids(hub) == created


def test_no_hub_at_all_leaves_everything_queued(hall_a: Terminal) -> None:
    register(hall_a, 2)
    nowhere = via(hall_a, f"http://127.0.0.1:{_closed_port()}")
    with httpx.Client(timeout=5) as client:
        report = nowhere.agent(client).sync_once()
    assert not report.ok and "network" in report.errors[0]
    assert hall_a.store.outbox.counts_by_state()["pending"] == 2


def _closed_port() -> int:
    from tests.sync.pg import free_port
    return free_port()  # nothing listens there once the probe socket is closed


def test_a_hub_that_does_not_answer_in_time_is_retried_and_answers_duplicate(
        hub: Hub, hall_a: Terminal, proxy: CuttingProxy) -> None:
    created = register(hall_a, 3)
    terminal = via(hall_a, proxy.url)
    proxy.stall_responses()
    with httpx.Client(timeout=1.0) as client:
        first = terminal.agent(client).sync_once()
    assert not first.ok and "Timeout" in first.errors[0]
    assert hall_a.store.outbox.counts_by_state()["pending"] == 3
    proxy.stall_responses(False)
    with httpx.Client(timeout=30) as client:
        second = terminal.agent(client).sync_once()
    assert second.ok and second.duplicate == 3
    assert hub_ids(hub) == created


def test_a_hub_answering_500_keeps_everything_queued(
        hub: Hub, hall_a: Terminal, served: str) -> None:
    created = register(hall_a, 2)
    with hub.engine.begin() as conn:  # break the hub's database under it: pushes fail
        conn.exec_driver_sql("ALTER TABLE changes RENAME TO changes_away")
    with httpx.Client(timeout=30) as client:
        report = via(hall_a, served).agent(client).sync_once()
    assert report.errors == ["hub answered 500"]
    assert hall_a.store.outbox.counts_by_state()["pending"] == 2
    with hub.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE changes_away RENAME TO changes")
    with httpx.Client(timeout=30) as client:  # uvicorn closed the connection after its 500
        assert via(hall_a, served).agent(client).sync_once().stored == 2
    assert hub_ids(hub) == created


def test_a_hub_with_two_workers_stores_the_pipelined_batches_of_two_halls_once(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, tmp_path: Path) -> None:
    created = register(hall_a, 23) + register(hall_b, 17, first=400)
    url = hub.engine.url.render_as_string(hide_password=False)
    with hub_process(url, tmp_path / "hub2.log", workers=2) as base, \
            httpx.Client(timeout=30) as client:
        agents = [via(t, base).agent(client) for t in (hall_a, hall_b)]
        for agent in agents:
            agent.batch_size, agent.in_flight = 4, 3
        reports = [agent.sync_once() for agent in agents]
    assert [r.stored for r in reports] == [23, 17] and all(r.ok for r in reports)
    assert hub_ids(hub) == sorted(created)
    assert hall_a.store.outbox.counts_by_state()["acked"] == 23


def test_a_cut_among_pipelined_batches_sends_only_that_batch_again(
        hub: Hub, hall_a: Terminal, proxy: CuttingProxy) -> None:
    created = register(hall_a, 12)
    agent = via(hall_a, proxy.url).agent(httpx.Client(timeout=30))
    agent.batch_size, agent.in_flight = 3, 2
    # The first batch's answer is lost (the hub stored it). Named by a change it carries:
    # the hub stores the two batches on the wire side by side and may answer either first.
    proxy.cut_response(to_request_with=hall_a.store.outbox.unsent(1)[0].change_id.encode())
    first = agent.sync_once()
    # The batches on the wire were still settled; nothing more was claimed after the cut.
    # (Which of the two concurrent batches answers first, and is cut, is the hub's race.)
    assert not first.ok and first.stored == first.sent - 3 and first.sent in (6, 9)
    states = hall_a.store.outbox.counts_by_state()
    assert (states["acked"], states["pending"], states["sending"]) == (
        first.stored, 12 - first.stored, 0)
    second = agent.sync_once()
    assert second.ok and second.duplicate == 3 and second.stored == 12 - first.stored - 3
    assert hub_ids(hub) == created
    assert hall_a.store.outbox.counts_by_state()["acked"] == 12


def test_a_hub_killed_after_its_commit_before_its_answer_loses_and_doubles_nothing(
        hub: Hub, hall_a: Terminal, tmp_path: Path) -> None:
    created = register(hall_a, 5)
    url = hub.engine.url.render_as_string(hide_password=False)
    reports: list[SyncReport] = []
    with hub_process(url, tmp_path / "hub-killed.log") as base:
        port = int(base.rsplit(":", 1)[1])
        proxy = CuttingProxy(port)
        proxy.stall_responses()  # the answer is written by the hub, held on its way back
        with httpx.Client(timeout=30) as client:
            sync = threading.Thread(target=lambda: reports.append(
                via(hall_a, proxy.url).agent(client).sync_once()))
            sync.start()
            _wait_for(lambda: hub_ids(hub) == created)  # committed
            os.kill(_server_pid(port), signal.SIGKILL)  # ... and killed before answering
            proxy.close()
            sync.join(30)
    assert reports and not reports[0].ok and reports[0].acked == 0
    assert hall_a.store.outbox.counts_by_state()["pending"] == 5
    with hub_process(url, tmp_path / "hub-again.log") as base, \
            httpx.Client(timeout=30) as client:
        again = via(hall_a, base).agent(client).sync_once()
    assert again.ok and again.duplicate == 5 and again.stored == 0
    assert hub_ids(hub) == created
    assert hall_a.store.outbox.counts_by_state()["acked"] == 5


def _wait_for(condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _server_pid(port: int) -> int:
    found = subprocess.run(["pgrep", "-f", f"sync.hub.cli .*--port {port}"],
                           capture_output=True, text=True, check=True).stdout.split()
    assert len(found) == 1, found
    return int(found[0])
