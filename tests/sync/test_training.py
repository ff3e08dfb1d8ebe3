"""Training across roles, through the real hub (PostgreSQL and SQLite) and real terminal
files: the city publishes courses as a signed asset; a worker finds a course of their trade
on the touchscreen by taps only and signs up; the ticket's ESC/POS decoded back is the
course's ticket with its dates and place; the sign-up syncs and the hub counts seats across
halls, so a full course says so and the hub refuses a seat beyond it; attendance recorded
at the counter makes a hardship worker's "131" training count, and old ticks do not."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.errors import Err, Ok
from kiosk.core.records import ServiceKind, Worker
from kiosk.core.training import courses_from_data
from kiosk.services import desk
from kiosk.services.printing import PrintWorker, TicketSource
from kiosk.store.outbox import OutboxState
from kiosk.store.print_queue import PrintKind
from kiosk.system.printer_profile import PrinterProfile
from kiosk.ui.terminal.base import HOME, TRAINING
from kiosk.ui.terminal.training import TrainingScreen
from kiosk.ui.terminal.window import TerminalWindow
from printers import raster
from printers.tickets import Field, Issuer, Paragraph, course_ticket
from sync.hub.assets import publish
from sync.hub.schema import attendance, course_signups, feed, refusals
from tests.conftest import TODAY, FixedClock, id_number, worker_draft
from tests.printers import parse_escpos
from tests.sync.conftest import CITY_KEY, HALL_A, HALL_B, Hub, Terminal
from tests.sync.test_city_content import PaperTray, Screens, _ink, config_for, screens

__all__ = ["screens"]  # the fixture, used by name


def course(course_id: str, trade: str, seats: int, first: int = 7, **more: Any) -> dict[str, Any]:
    days = [TODAY + timedelta(days=first + n) for n in range(3)]
    return {
        "id": course_id, "trade": trade, "level": "junior",
        "title_zh": "电工（初级工）技能培训", "title_en": "Electrician, level 5 (junior)",
        "provider_zh": "槐荫区职业技能培训定点机构", "provider_en": "A training school",
        "place_zh": "槐荫区经十路 22799 号 实训楼 3 楼", "place_en": "22799 Jingshi Road",
        "sessions": [{"day": d.isoformat(), "starts": "08:30", "ends": "16:30"} for d in days],
        "seats": seats, "signup_from": (TODAY - timedelta(days=3)).isoformat(),
        "signup_until": (TODAY + timedelta(days=first - 1)).isoformat(),
        "subsidy_zh": "登记失业人员等取得证书后可按规定申请职业培训补贴。",
        "subsidy_en": "Registered unemployed people may claim the training subsidy.",
        "bring_zh": "身份证、一寸照片 2 张", "bring_en": "ID card, two photos",
        "source": "国办发〔2019〕24号", **more}


def courses(version: int = 1, full_seats: int = 1) -> dict[str, Any]:
    return {"version": version, "courses": [
        course("elec-a", "C03", 30),
        course("elec-full", "C03", full_seats, first=10),
        course("cook-a", "S05", 20, title_zh="中式烹调师（初级工）培训"),
    ]}


@pytest.fixture
def published(hub: Hub, hall_a: Terminal, hall_b: Terminal) -> Iterator[None]:
    assert publish(hub.engine, "training_courses", courses(), signing_key=CITY_KEY) == 1
    for hall in (hall_a, hall_b):
        assert hall.agent(hub.client).sync_once().ok
    yield


def electrician(terminal: Terminal, seq: int = 123, birth: date = date(1975, 3, 14)) -> Worker:
    result = terminal.services.register_worker(worker_draft(
        id_number=id_number(birth=birth, seq=seq), trades=["C03"]))
    assert isinstance(result, Ok), result
    return result.value


class Taps:
    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot, self.count = qtbot, 0

    def __call__(self, widget: QPushButton | QWidget) -> None:
        assert widget.isVisible() and widget.isEnabled(), widget
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.count += 1


def training_of(window: TerminalWindow) -> TrainingScreen:
    screen = window.page(TRAINING)
    assert isinstance(screen, TrainingScreen)
    return screen


def print_all(terminal: Terminal, clock: FixedClock, catalogue: Any) -> list[bytes]:
    tray = PaperTray()
    source = TicketSource(terminal.store, catalogue, config_for(HALL_A).hall)
    PrintWorker(terminal.store, source, PrinterProfile("ticket", tray, raster.DOTS_58MM),
                clock.now).run_once()
    return [data for _name, data in tray.printed]


@pytest.mark.usefixtures("published")
def test_a_worker_finds_a_course_of_their_trade_by_taps_and_signs_up_and_it_prints_and_syncs(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, screens: Screens) -> None:
    worker = electrician(hall_a)
    window = screens.touchscreen(hall_a, HALL_A)
    tap = Taps(qtbot)
    tap(window.page(HOME).buttons[TRAINING])  # type: ignore[attr-defined]
    training = training_of(window)
    qtbot.waitUntil(training.trade_tiles.buttons["C03"].isVisible)
    assert set(training.trade_tiles.buttons) == {"C03", "S05"}  # trades with courses open
    tap(training.trade_tiles.buttons["C03"])
    assert [c.lines()[0] for c in training.cards if c.isVisible()] == [
        "电工（初级工）技能培训", "电工（初级工）技能培训"]
    assert "剩 30 个名额" in training.cards[0].lines()[1]
    tap(training.cards[0])
    body = training.detail_body.text()
    assert "2026-11-30 至 2026-12-02，共 3 次课" in body
    assert "槐荫区经十路 22799 号 实训楼 3 楼" in body and "职业培训补贴" in body
    tap(training.sign_up_button)
    for char in id_number():
        tap(training.id_entry.keypad.keys[char])  # the 18th character signs up
    assert training.done_title.text() == "报名已登记"  # the city has not confirmed it yet
    assert "名额以市里确认为准" in training.done_detail.text()
    assert "2026-11-30 至 2026-12-02" in training.done_detail.text()
    assert tap.count == 4 + 18

    signup, = hall_a.store.course_signups.where()
    assert (signup.worker_id, signup.course_id) == (worker.id, "elec-a")
    job, = hall_a.store.print_queue.queued()
    assert (job.kind, job.ref_id) == (PrintKind.COURSE, signup.id)
    data, = print_all(hall_a, screens.clock, screens.catalogue)
    paper = parse_escpos(data).image()
    hall = config_for(HALL_A).hall
    issuer = Issuer(hall, screens.clock.now().astimezone(ZoneInfo(hall.timezone)))
    shown = next(c for c in hall_a.services.courses() if c.id == "elec-a")
    ticket = course_ticket(shown, signup, worker, screens.catalogue, issuer, confirmed=False)
    assert _ink(paper) == _ink(raster.render_image(ticket, raster.DOTS_58MM))
    moved = replace(shown, place_zh="历城区工业北路 实训基地")
    assert _ink(paper) != _ink(raster.render_image(
        course_ticket(moved, signup, worker, screens.catalogue, issuer, confirmed=False),
        raster.DOTS_58MM))
    assert Field("上课地点", "槐荫区经十路 22799 号 实训楼 3 楼") in ticket.blocks
    assert Paragraph("2026-11-30 08:30–16:30") in ticket.blocks
    assert "身份证、一寸照片 2 张" in ticket.texts()

    assert hall_a.agent(hub.client).sync_once().ok
    training.check_city()  # what the screen's timer does: the city has accepted it
    assert training.done_title.text() == "报名成功！"
    assert "市里已确认您的名额。" in training.done_detail.text()
    with hub.engine.connect() as conn:
        row = conn.execute(select(course_signups.c.hall_id, course_signups.c.worker_id).where(
            course_signups.c.id == signup.id)).one()
        seats = conn.execute(select(feed.c.payload).where(
            feed.c.kind == "course_seats", feed.c.record_id == "elec-a")).scalars().all()
    assert tuple(row) == (HALL_A, worker.id)
    assert json.loads(seats[-1]) == {"course_id": "elec-a", "taken": {HALL_A: 1}}


@pytest.mark.usefixtures("published")
def test_a_second_sign_up_is_refused_politely_and_a_full_course_says_so(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, hall_b: Terminal, screens: Screens) -> None:
    worker_a = electrician(hall_a)
    assert isinstance(hall_a.services.sign_up(worker_a.id, "elec-a"), Ok)
    again = hall_a.services.sign_up(worker_a.id, "elec-a")
    assert isinstance(again, Err) and again.errors[0].code == "signed_up_already"
    assert again.errors[0].text("zh_CN") == "您已经报名了这门课程，到时见。"

    worker_b = electrician(hall_b, seq=125)
    assert isinstance(hall_b.services.sign_up(worker_b.id, "elec-full"), Ok)  # its one seat
    assert hall_b.agent(hub.client).sync_once().ok
    assert hall_a.agent(hub.client).sync_once().ok  # hall A learns hall B took the seat
    full = hall_a.services.course_view("elec-full")
    assert full is not None and (full.taken, full.seats_left) == (1, 0)
    refused = hall_a.services.sign_up(worker_a.id, "elec-full")
    assert isinstance(refused, Err) and refused.errors[0].code == "course_full"
    assert hall_a.store.course_signups.count() == 1

    window = screens.touchscreen(hall_a, HALL_A)
    tap = Taps(qtbot)
    tap(window.page(HOME).buttons[TRAINING])  # type: ignore[attr-defined]
    training = training_of(window)
    qtbot.waitUntil(training.trade_tiles.buttons["C03"].isVisible)
    tap(training.trade_tiles.buttons["C03"])
    assert "已满" in training.cards[1].lines()[1]
    tap(training.cards[1])
    assert training.sign_up_button.text() == "加入候补名单"  # a place on the list, said plainly
    assert training.full_note.isVisible() and "候补不是名额" in training.full_note.text()

    # the same worker again on the touchscreen: told so, and nothing more is stored
    tap(training.header.back)
    tap(training.cards[0])
    tap(training.sign_up_button)
    window.on_id_card(id_number())  # the ID card on the reader
    assert training.done_title.text() == "未能报名"
    assert training.done_detail.text() == "您已经报名了这门课程，到时见。"
    assert hall_a.store.course_signups.count() == 1


@pytest.mark.usefixtures("published")
def test_the_hub_refuses_a_seat_beyond_the_course_counted_across_halls(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    worker_a, worker_b = electrician(hall_a), electrician(hall_b, seq=125)
    # both halls offline: each believes the one seat is free
    assert isinstance(hall_b.services.sign_up(worker_b.id, "elec-full"), Ok)
    assert isinstance(hall_a.services.sign_up(worker_a.id, "elec-full"), Ok)
    assert hall_b.agent(hub.client).sync_once().ok
    hall_a.agent(hub.client).sync_once()
    late, = hall_a.store.outbox.for_entity("course_signup",
                                           next(hall_a.store.course_signups.where()).id)
    assert late.state is OutboxState.REJECTED and "course_full" in (late.last_error or "")
    with hub.engine.connect() as conn:
        reasons = conn.execute(select(refusals.c.reason).where(
            refusals.c.record_type == "course_signup")).scalars().all()
        stored = conn.execute(select(course_signups.c.hall_id).where(
            course_signups.c.course_id == "elec-full")).scalars().all()
    assert reasons == ["course_full"] and stored == [HALL_B]
    # staff see the refusal beside the sign-up, and it holds no seat at hall A
    row, = hall_a.services.signups("elec-full")
    assert row.worker_id == worker_a.id and row.refused.startswith("course_full")
    seats = hall_a.services.course_view("elec-full")
    assert seats is not None and (seats.taken, seats.seats_left) == (1, 0)
    from kiosk.core.i18n import Translator
    from kiosk.ui.counter.training_page import refusal_text

    assert refusal_text(row.refused, Translator("zh_CN")) == (
        "未被市里接受：该课程名额已满（请联系本人）")


@pytest.mark.usefixtures("published")
def test_attendance_at_the_counter_makes_the_hardship_workers_131_training_count(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    older = electrician(hall_a, seq=131, birth=date(1964, 5, 2))  # an older worker
    services = hall_a.services
    ok = services.add_service_event(older.id, ServiceKind.GUIDANCE)
    assert isinstance(ok, Ok)
    tick = services.add_service_event(older.id, ServiceKind.TRAINING)  # an old tick, kept
    assert isinstance(tick, Ok)
    assert desk.progress_of(services, older.id) == desk.Progress(1, 0, 0, 1)
    refused = desk.record_131(services, older.id, ServiceKind.TRAINING)
    assert isinstance(refused, Err) and refused.errors[0].code == "training_from_attendance"

    signup = services.sign_up(older.id, "elec-a")
    assert isinstance(signup, Ok)
    staff = services.as_staff("S001")
    early = staff.record_attendance(signup.value.id, 1)
    assert isinstance(early, Err) and early.errors[0].code == "not_yet"
    clock.advance(days=7)  # the first session's day
    assert isinstance(services.record_attendance(signup.value.id, 1), Err)  # staff only
    present = staff.record_attendance(signup.value.id, 1)
    assert isinstance(present, Ok) and present.value.day == TODAY + timedelta(days=7)
    twice = staff.record_attendance(signup.value.id, 1)
    assert isinstance(twice, Err) and twice.errors[0].code == "recorded_already"

    progress = desk.progress_of(services, older.id)
    assert (progress.training, progress.legacy_training) == (1, 1)
    case = next(c for c in desk.hardship_cases(services) if c.worker_id == older.id)
    assert case.progress.training == 1 and case.progress.done == 2
    course_row, = services.worker_courses(older.id)
    assert course_row.signup.sessions == frozenset({1})

    assert hall_a.agent(hub.client).sync_once().ok
    with hub.engine.connect() as conn:
        kept = conn.execute(select(attendance.c.signup_id, attendance.c.hall_id)).all()
    assert [tuple(r) for r in kept] == [(signup.value.id, HALL_A)]


@pytest.mark.usefixtures("published")
def test_the_hub_refuses_attendance_from_another_hall_and_unknown_courses(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    from kiosk.core.ids import new_id
    from kiosk.core.records import Attendance, CourseSignup

    worker = electrician(hall_a)
    signup = hall_a.services.sign_up(worker.id, "elec-a")
    assert isinstance(signup, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    now = clock.now()
    forged = Attendance(new_id(), HALL_B, signup.value.id, worker.id, "elec-a", 1,
                        TODAY + timedelta(days=7), "S001", now)
    unknown = CourseSignup(new_id(), HALL_B, worker.id, "no-such-course", now)
    with hall_b.store.write() as tx:
        from kiosk.store.outbox import ChangeOp

        hall_b.store.course_signups.upsert(replace(signup.value, hall_id=HALL_A))
        for record in (unknown, forged):
            tx.save(record, ChangeOp.CREATE)
    hall_b.agent(hub.client).sync_once()
    from kiosk.store.sync_state import SyncState

    problems = SyncState(hall_b.store).problems()
    states = {c.entity: (c.state, c.last_error) for c in problems}
    assert states["attendance"][0] is OutboxState.REJECTED
    assert "not_owner" in (states["attendance"][1] or "")
    assert "unknown_course" in (states["course_signup"][1] or "")


def test_the_shipped_demo_courses_are_valid_and_say_where_their_facts_come_from() -> None:
    from kiosk.core.assets import check_asset
    from kiosk.core.training import shipped_courses_data

    data = shipped_courses_data()
    assert check_asset("training_courses", data) == 1
    found = courses_from_data(data)
    assert len(found) >= 8 and all("国办发〔2019〕24号" in c.source for c in found)
    assert all("济南市人力资源和社会保障局" in c.subsidy_zh for c in found)
