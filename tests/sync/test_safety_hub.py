"""Safety and insurance across roles through the real hub (PostgreSQL and SQLite) and real
terminal files: a job's hazard tags and insurance travel to another hall; a worker's
acknowledgement and insurance help request reach the hub, which re-checks them (a known
worker, never rewritten, the hall's own); the city's stop-work notice, signed, shows on
the board while it holds and marks the jobs it stops on the board and the touchscreen."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.assets import AssetProblem
from kiosk.core.codec import to_payload
from kiosk.core.errors import Ok
from kiosk.core.records import AckVia, Hazard, HelpStatus, InsuranceKind
from kiosk.ui.terminal.base import JOBS
from kiosk.ui.terminal.jobs import JobsScreen
from sync.hub.assets import latest, publish
from sync.hub.schema import help_requests, jobs, safety_acks
from sync.protocol import Reason, Result
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.store import samples
from tests.sync.conftest import CITY_KEY, HALL_A, HALL_B, Hub, Terminal
from tests.sync.hostile import change_of, make_world, push_dicts, record_change
from tests.sync.test_city_content import Screens, screens  # noqa: F401 - the fixture


def stop_work(clock: FixedClock, version: int = 1, **changes: Any) -> dict[str, Any]:
    now = clock.now()
    notice: dict[str, Any] = {
        "id": "wind-blue", "title_zh": "大风蓝色预警", "title_en": "Blue gale warning",
        "text_zh": "六级以上大风，停止高处作业", "text_en": "Gale: stop all work at height",
        "starts_at": (now - timedelta(minutes=30)).isoformat(),
        "ends_at": (now + timedelta(hours=3)).isoformat(),
        "hazards": ["height"], "trades": [], "districts": []}
    notice.update(changes)
    return {"version": version, "notices": [notice]}


def post_jobs(terminal: Terminal) -> tuple[Any, Any]:
    s = terminal.services
    employer = s.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    height = s.post_job(job_draft(employer.value.id, title="外墙脚手架", hazards=["height"],
                                  protective_gear=["helmet", "harness"],
                                  insurance_kind="employer_liability"))
    safe = s.post_job(job_draft(employer.value.id, trade="S03", title="写字楼保洁"))
    assert isinstance(height, Ok) and isinstance(safe, Ok)
    return height.value, safe.value


def test_acknowledgements_and_help_requests_reach_the_hub(hub: Hub, hall_a: Terminal,
                                                          hall_b: Terminal) -> None:
    s = hall_a.services
    height, _safe = post_jobs(hall_a)
    worker = s.register_worker(worker_draft())
    assert isinstance(worker, Ok)
    ack = s.acknowledge(worker.value.id, height.id, AckVia.TOUCHSCREEN)
    request = s.ask_help(worker.value.id)
    assert isinstance(ack, Ok) and isinstance(request, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_a.store.outbox.unsent() == []
    with hub.engine.connect() as conn:
        stored_job = json.loads(conn.execute(select(jobs.c.payload).where(
            jobs.c.id == height.id)).scalar_one())
        assert stored_job["hazards"] == ["height"]
        assert stored_job["insurance_kind"] == "employer_liability"
        assert conn.execute(select(safety_acks.c.worker_id)).scalars().all() == [
            worker.value.id]
        assert conn.execute(select(help_requests.c.id)).scalars().all() == [request.value.id]
    done = s.as_staff("S001").mark_help_done(request.value.id)
    assert isinstance(done, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    with hub.engine.connect() as conn:
        payload = json.loads(conn.execute(select(help_requests.c.payload)).scalar_one())
    assert (payload["status"], payload["staff_id"]) == (HelpStatus.DONE.value, "S001")

    assert hall_b.agent(hub.client).sync_once().ok  # hall B's workers see the tags
    shared = hall_b.store.jobs.get(height.id)
    assert shared is not None and shared.hazards == (Hazard.HEIGHT,)
    assert shared.insurance_kind is InsuranceKind.EMPLOYER_LIABILITY


def test_the_hub_rechecks_acknowledgements_and_requests(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    world = make_world(hub, a)
    ack = samples.safety_ack(hall_id=HALL_A, worker_id=world.worker_id, job_id=world.job_id)
    stranger = samples.safety_ack(hall_id=HALL_A, worker_id=samples.worker().id,
                                  job_id=world.job_id)
    request = samples.help_request(hall_id=HALL_A, worker_id=world.worker_id)
    bad_tag = {**to_payload(samples.safety_ack(hall_id=HALL_A, worker_id=world.worker_id)),
               "hazards": ["flying"]}
    no_staff = samples.safety_ack(hall_id=HALL_A, worker_id=world.worker_id, staff_id=None)
    status, answer = push_dicts(hub, a, [record_change(ack), record_change(stranger),
                                         record_change(request), change_of("safety_ack", bad_tag),
                                         record_change(no_staff)])
    assert status == 200 and answer is not None
    got = [(x.result, x.reason) for x in answer.answers]
    assert got == [(Result.STORED, None), (Result.REJECTED, Reason.UNKNOWN_WORKER),
                   (Result.STORED, None), (Result.REJECTED, Reason.INVALID),
                   (Result.REJECTED, Reason.INVALID)]
    rewritten = {**to_payload(ack), "hazards": ["heat"]}
    status, answer = push_dicts(hub, a, [change_of("safety_ack", rewritten, op="update")])
    assert answer is not None and answer.answers[0].reason is Reason.IMMUTABLE
    closed = {**to_payload(request), "status": "done", "staff_id": "S009",
              "updated_at": to_payload(request)["updated_at"]}
    status, answer = push_dicts(hub, b, [change_of("help_request", closed, op="update")])
    assert answer is not None and answer.answers[0].result is Result.REJECTED  # not B's


def test_a_stop_work_notice_shows_on_the_board_and_marks_the_jobs_it_stops(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, screens: Screens,  # noqa: F811
        clock: FixedClock) -> None:
    height, safe = post_jobs(hall_a)
    board = screens.board(hall_a, HALL_A)
    touch = screens.touchscreen(hall_a, HALL_A)
    assert not board.stop_banner.isVisible()
    assert publish(hub.engine, "stop_work", stop_work(clock), signing_key=CITY_KEY) == 1
    assert hall_a.agent(hub.client).sync_once().ok

    qtbot.waitUntil(board.stop_banner.isVisible, timeout=5000)
    assert board.stop_banner.text.startswith("停工通知  大风蓝色预警：六级以上大风，停止高处作业")
    cards = {job.id: board._card(job) for job in board.snapshot.jobs}
    assert cards[height.id].stopped_label == "停工" and cards[safe.id].stopped_label == ""
    assert cards[height.id].hazards == ("height",)

    touch.show_screen(JOBS)
    screen = touch.page(JOBS)
    assert isinstance(screen, JobsScreen)
    lines = {b.lines()[0] for b in screen.job_buttons if b.isVisible()}
    assert "【停工】瓦工 · 外墙脚手架" in lines and "月嫂育婴 · 写字楼保洁" in lines
    assert screen.open_job_id(height.id)
    assert "停工通知：大风蓝色预警：六级以上大风，停止高处作业" in screen.detail_text()
    assert "危险作业：高处作业" in screen.detail_text()
    assert "雇主责任险" in screen.detail_text()

    clock.advance(hours=4)  # the notice has ended: the band goes, the marks with it
    board.tick()
    qtbot.waitUntil(lambda: not board.stop_banner.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: all(not j.stopped for j in board.snapshot.jobs), timeout=5000)


def test_bad_stop_work_notices_are_refused_at_the_hub(hub: Hub, clock: FixedClock) -> None:
    with pytest.raises(AssetProblem, match="offset"):
        publish(hub.engine, "stop_work", stop_work(clock, starts_at="2026-07-10T12:00"),
                signing_key=CITY_KEY)
    with pytest.raises(AssetProblem, match="hazards or trades"):
        publish(hub.engine, "stop_work", stop_work(clock, hazards=[]), signing_key=CITY_KEY)
    assert latest(hub.engine, "stop_work") is None


def test_another_halls_worker_is_known_to_the_hub_for_an_acknowledgement(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    """A worker registered at hall A, briefed at hall B (who pulled the job): stored."""
    height, _safe = post_jobs(hall_a)
    worker = hall_a.services.register_worker(worker_draft(id_number=id_number(seq=71)))
    assert isinstance(worker, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_b.agent(hub.client).sync_once().ok
    ack = samples.safety_ack(hall_id=HALL_B, worker_id=worker.value.id, job_id=height.id,
                             via=AckVia.TOUCHSCREEN, staff_id=None)
    _status, answer = push_dicts(hub, hall_b.credentials, [record_change(ack)])
    assert answer is not None and answer.answers[0].result is Result.STORED


def test_a_briefing_acknowledged_by_taps_reaches_the_hub(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, screens: Screens) -> None:  # noqa: F811
    """我想干 on the touchscreen's real widgets, 我已知晓 on the briefing, then a sync: the
    hub holds the acknowledgement beside the request; the insurance help request likewise."""
    from kiosk.ui.terminal.base import INSURANCE
    from kiosk.ui.terminal.insurance import InsuranceScreen
    from kiosk.ui.terminal.jobs import BRIEFING
    from tests.ui.test_terminal import tap, type_id

    height, _safe = post_jobs(hall_a)
    worker = hall_a.services.register_worker(worker_draft())
    assert isinstance(worker, Ok)
    touch = screens.touchscreen(hall_a, HALL_A)
    touch.show_screen(JOBS)
    screen = touch.page(JOBS)
    assert isinstance(screen, JobsScreen) and screen.open_job_id(height.id)
    tap(qtbot, screen.want_button)
    type_id(qtbot, screen.want.keypad.keys, id_number())
    assert screen.pages.currentIndex() == BRIEFING
    tap(qtbot, screen.briefing.ack)
    touch.show_screen(INSURANCE)
    insurance = touch.page(INSURANCE)
    assert isinstance(insurance, InsuranceScreen)
    tap(qtbot, insurance.help)
    type_id(qtbot, insurance.entry.keypad.keys, id_number())
    assert hall_a.agent(hub.client).sync_once().ok
    with hub.engine.connect() as conn:
        acks = [json.loads(p) for p in conn.execute(select(safety_acks.c.payload)).scalars()]
        asked = conn.execute(select(help_requests.c.worker_id)).scalars().all()
    assert [(a["worker_id"], a["job_id"], a["via"], a["hazards"]) for a in acks] == [
        (worker.value.id, height.id, "touchscreen", ["height"])]
    assert asked == [worker.value.id]
