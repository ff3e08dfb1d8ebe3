"""Cancelling a training sign-up, across roles, through the real hub (PostgreSQL and SQLite)
and real terminal files: a worker at the touchscreen finds their sign-ups with their ID card
and cancels one ("我去不了了"); the cancel syncs, the hub frees the seat and the city-wide
`course_seats` tells hall B, whose worker then takes it. Staff cancel at the counter with a
reason; a cancelled sign-up's attendance does not count for "131" at the hall or the hub.
The hub takes a cancel only from the hall that took the sign-up, once, for its own worker
and course. A sign-up printed before the city confirmed it says so, on the screen and on
the ticket, and the screen turns to 报名成功 (or 名额已满) when the sync brings the answer."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.errors import Err, Ok
from kiosk.core.ids import new_id
from kiosk.core.records import AuditAction, CourseCancel, CourseSignup
from kiosk.core.staff import StaffRole
from kiosk.services import desk
from kiosk.services.staff import StaffAccounts
from kiosk.store.outbox import ChangeOp, OutboxState
from kiosk.store.sync_state import SyncState
from kiosk.system.config import default_config
from kiosk.ui.counter.pages import TRAINING as COUNTER_TRAINING
from kiosk.ui.counter.training_page import TrainingPage
from kiosk.ui.counter.window import CounterWindow
from kiosk.ui.terminal.base import HOME, TRAINING
from printers import raster
from printers.tickets import Issuer, Paragraph, course_ticket
from sync.hub.schema import course_cancels, feed
from sync.hub.stats import city_stats
from tests.conftest import FixedClock, id_number
from tests.printers import parse_escpos
from tests.sync.conftest import HALL_A, HALL_B, Hub, Terminal
from tests.sync.test_city_content import Screens, _ink, config_for, screens
from tests.sync.test_training import Taps, electrician, print_all, published, training_of
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, CLERK_PIN, SIZE

__all__ = ["published", "screens"]  # the fixtures, used by name
SHOTS = Path("/tmp/shots-train2")


def push(hub: Hub, terminal: Terminal, record: CourseCancel) -> None:
    """Send a cancel as a terminal's token would, past the terminal's own rules (its table
    keeps one cancel per sign-up: the one before is set aside)."""
    terminal.store.conn.execute("DELETE FROM course_cancels")
    with terminal.store.write() as tx:
        tx.save(record, ChangeOp.CREATE)
    terminal.agent(hub.client).sync_once()


def seats_fed(hub: Hub, course_id: str) -> dict[str, int]:
    with hub.engine.connect() as conn:
        last = conn.execute(select(feed.c.payload).where(
            feed.c.kind == "course_seats", feed.c.record_id == course_id,
        ).order_by(feed.c.seq.desc()).limit(1)).scalar_one()
    taken: dict[str, int] = json.loads(last)["taken"]
    return taken


@pytest.mark.usefixtures("published")
def test_a_worker_cancels_at_the_touchscreen_and_hall_b_sees_the_seat_free(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, hall_b: Terminal, screens: Screens) -> None:
    worker_a, worker_b = electrician(hall_a), electrician(hall_b, seq=125)
    signed = hall_a.services.sign_up(worker_a.id, "elec-full")  # the course's one seat
    assert isinstance(signed, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_b.agent(hub.client).sync_once().ok
    full = hall_b.services.course_view("elec-full")
    assert full is not None and full.seats_left == 0
    refused = hall_b.services.sign_up(worker_b.id, "elec-full")
    assert isinstance(refused, Err) and refused.errors[0].code == "course_full"

    window = screens.touchscreen(hall_a, HALL_A)
    tap = Taps(qtbot)
    tap(window.page(HOME).buttons[TRAINING])  # type: ignore[attr-defined]
    training = training_of(window)
    assert training.mine_button.text() == "我的报名：查看或取消"
    tap(training.mine_button)
    assert training.wants_id and "查看或取消您的报名" in training.id_lead.text()
    window.on_id_card(id_number())  # the ID card on the reader
    assert training.header.title.text() == "我的报名"
    frame, text, cancel = training.mine_rows[0]
    assert frame.isVisible() and not training.mine_rows[1][0].isVisible()
    assert "电工（初级工）技能培训" in text.text() and "市里已确认您的名额" in text.text()
    assert cancel.text() == "我去不了了，取消报名"
    tap(cancel)  # the first tap asks again: nothing is cancelled yet
    assert cancel.text() == "再点一次，取消这门课" and hall_a.store.course_cancels.count() == 0
    tap(cancel)
    assert training.done_title.text() == "已取消报名"
    assert training.header.title.text() == "我的报名"
    assert "名额会让给其他人" in training.done_detail.text()
    assert tap.count == 4
    kept, = hall_a.store.course_cancels.where()
    assert (kept.signup_id, kept.staff_id, kept.reason) == (signed.value.id, None, "")
    assert hall_a.services.course_view("elec-full").seats_left == 1  # type: ignore[union-attr]

    assert hall_a.agent(hub.client).sync_once().ok
    assert seats_fed(hub, "elec-full") == {}
    with hub.engine.connect() as conn:
        assert conn.execute(select(course_cancels.c.signup_id)).scalars().all() == [
            signed.value.id]
    assert hall_b.agent(hub.client).sync_once().ok
    freed = hall_b.services.course_view("elec-full")
    assert freed is not None and freed.seats_left == 1
    taken = hall_b.services.sign_up(worker_b.id, "elec-full")
    assert isinstance(taken, Ok)
    assert hall_b.agent(hub.client).sync_once().ok
    assert hall_b.store.outbox.for_entity("course_signup", taken.value.id)[0].state is (
        OutboxState.ACKED)
    assert seats_fed(hub, "elec-full") == {HALL_B: 1}

    assert hall_a.services.open_signups(worker_a.id) == []  # nothing left to show


@pytest.mark.usefixtures("published")
def test_staff_cancel_at_the_counter_with_a_reason_and_it_does_not_count_for_131(
        hub: Hub, hall_a: Terminal, clock: FixedClock) -> None:
    older = electrician(hall_a, seq=131, birth=date(1964, 5, 2))
    services = hall_a.services
    signup = services.sign_up(older.id, "elec-a")
    assert isinstance(signup, Ok)
    staff = services.as_staff("S001")
    clock.advance(days=7)
    assert isinstance(staff.record_attendance(signup.value.id, 1), Ok)
    assert desk.progress_of(services, older.id).training == 1
    assert hall_a.agent(hub.client).sync_once().ok
    with hub.engine.connect() as conn:
        before = city_stats(conn)
    assert before["followup_131"] == [{"hall": HALL_A, "workers_served": 1,
                                       "workers_complete": 0}]
    assert sum(r["training"] for r in before["per_hall_day"]) == 1

    no_reason = staff.cancel_signup(signup.value.id, "  ")
    assert isinstance(no_reason, Err) and no_reason.errors[0].code == "required"
    assert no_reason.errors[0].text("zh_CN") == "请写明取消报名的原因。"
    assert hall_a.store.course_cancels.count() == 0
    done = staff.cancel_signup(signup.value.id, "本人来电：家中有事去不了")
    assert isinstance(done, Ok) and done.value.staff_id == "S001"
    audit, = [e for e in hall_a.store.audit_events.where()
              if e.action is AuditAction.COURSE_CANCEL]
    assert audit.entity_id == done.value.id
    twice = staff.cancel_signup(signup.value.id, "再取消一次")
    assert isinstance(twice, Err) and twice.errors[0].code == "cancelled_already"
    assert desk.progress_of(services, older.id).training == 0  # not counted any more
    assert not any(c.progress.training for c in desk.hardship_cases(services)
                   if c.worker_id == older.id)
    clock.advance(days=1)
    late = staff.record_attendance(signup.value.id, 2)
    assert isinstance(late, Err)

    assert hall_a.agent(hub.client).sync_once().ok
    with hub.engine.connect() as conn:
        after = city_stats(conn)
    assert after["followup_131"] == []  # the hall served nobody else
    assert sum(r["training"] for r in after["per_hall_day"]) == 0


@pytest.mark.usefixtures("published")
def test_a_worker_who_cancelled_may_sign_up_again(hub: Hub, hall_a: Terminal) -> None:
    worker = electrician(hall_a)
    first = hall_a.services.sign_up(worker.id, "elec-a")
    assert isinstance(first, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    assert isinstance(hall_a.services.cancel_signup(first.value.id), Ok)  # at the touchscreen
    assert hall_a.agent(hub.client).sync_once().ok
    assert seats_fed(hub, "elec-a") == {}
    again = hall_a.services.sign_up(worker.id, "elec-a")  # not "signed up already"
    assert isinstance(again, Ok) and again.value.id != first.value.id
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_a.store.outbox.for_entity("course_signup", again.value.id)[0].state is (
        OutboxState.ACKED)
    assert seats_fed(hub, "elec-a") == {HALL_A: 1}
    shown, = hall_a.services.open_signups(worker.id)
    assert shown.signup.signup_id == again.value.id and not shown.signup.unconfirmed


@pytest.mark.usefixtures("published")
def test_the_hub_takes_a_cancel_only_from_the_hall_of_the_sign_up_once(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    worker = electrician(hall_a)
    signup = hall_a.services.sign_up(worker.id, "elec-full")
    assert isinstance(signup, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    now = clock.now()
    # hall B forges a cancel of hall A's sign-up (its token pushes it directly), then one
    # in hall A's name
    forged = CourseCancel(new_id(), HALL_B, signup.value.id, worker.id, "elec-full", "",
                          None, now)
    in_a_name = replace(forged, id=new_id(), hall_id=HALL_A)
    with hall_b.store.write():
        hall_b.store.course_signups.upsert(signup.value)
    for record in (forged, in_a_name):
        push(hub, hall_b, record)
    problems = {c.entity_id: c.last_error or "" for c in SyncState(hall_b.store).problems()}
    assert problems[forged.id].startswith("not_owner")  # its own hall: not the sign-up's
    assert problems[in_a_name.id].startswith("hall_mismatch")  # hall A's name: not its token
    assert seats_fed(hub, "elec-full") == {HALL_A: 1}  # the seat is still hall A's

    # hall A itself: a cancel naming another worker, then the cancel, then a second one
    wrong = CourseCancel(new_id(), HALL_A, signup.value.id, new_id(), "elec-full", "", None,
                         now)
    first = replace(wrong, id=new_id(), worker_id=worker.id)
    second = replace(first, id=new_id())
    for record in (wrong, first, second):
        push(hub, hall_a, record)
    states = {c.entity_id: c.last_error or "" for c in SyncState(hall_a.store).problems()}
    assert "invalid" in states[wrong.id]
    assert first.id not in states
    assert "cancelled_already" in states[second.id]
    with hub.engine.connect() as conn:
        assert conn.execute(select(course_cancels.c.id)).scalars().all() == [first.id]
    assert seats_fed(hub, "elec-full") == {}


@pytest.mark.usefixtures("published")
def test_a_sign_up_before_the_city_confirms_says_so_on_screen_and_ticket_then_turns(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, hall_b: Terminal,
        screens: Screens) -> None:
    worker_a, worker_b = electrician(hall_a), electrician(hall_b, seq=125)
    # both halls offline: hall B sells the one seat first, hall A does not know yet
    assert isinstance(hall_b.services.sign_up(worker_b.id, "elec-full"), Ok)
    window = screens.touchscreen(hall_a, HALL_A)
    tap = Taps(qtbot)
    tap(window.page(HOME).buttons[TRAINING])  # type: ignore[attr-defined]
    training = training_of(window)
    qtbot.waitUntil(training.trade_tiles.buttons["C03"].isVisible)
    tap(training.trade_tiles.buttons["C03"])
    tap(training.cards[1])  # elec-full: hall A still sees its seat free
    tap(training.sign_up_button)
    window.on_id_card(id_number())
    assert training.done_title.text() == "报名已登记"
    assert "名额以市里确认为准" in training.done_detail.text()
    assert "报名成功" not in training.done_detail.text()

    signup, = hall_a.store.course_signups.where()
    data, = print_all(hall_a, screens.clock, screens.catalogue)
    hall = config_for(HALL_A).hall
    issuer = Issuer(hall, screens.clock.now().astimezone(ZoneInfo(hall.timezone)))
    shown = next(c for c in hall_a.services.courses() if c.id == "elec-full")
    ticket = course_ticket(shown, signup, worker_a, screens.catalogue, issuer, confirmed=False)
    assert Paragraph("报名已登记：名额以市里确认为准。如名额已被其他驿站先报满，工作人员会打电话"
                     "通知您。") in ticket.blocks
    paper = parse_escpos(data).image()
    assert _ink(paper) == _ink(raster.render_image(ticket, raster.DOTS_58MM))
    assert _ink(paper) != _ink(raster.render_image(
        course_ticket(shown, signup, worker_a, screens.catalogue, issuer), raster.DOTS_58MM))

    assert hall_b.agent(hub.client).sync_once().ok
    hall_a.agent(hub.client).sync_once()  # the hub refuses hall A's sign-up: course_full
    training.check_city()  # what the screen's timer does while it shows the sign-up
    assert training.done_title.text() == "名额已满"
    assert "市里未接受这次报名" in training.done_detail.text()

    # the worker, back later, reads it under 我的报名 (staff see it and phone too)
    training.reset()
    tap(training.mine_button)
    window.on_id_card(id_number())
    _frame, text, cancel = training.mine_rows[0]
    assert "市里未接受这次报名" in text.text() and not cancel.isVisible()


def counter_of(qtbot: QtBot, terminal: Terminal) -> CounterWindow:
    """A clerk signed in at the hall's counter, on its real file."""
    assert isinstance(StaffAccounts(terminal.services).add(
        CLERK, "王芳", StaffRole.CLERK, CLERK_PIN), Ok)
    window = CounterWindow(terminal.services, default_config("T01"))
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    window.login.staff_id.setText(CLERK)
    window.login.pin.setText(CLERK_PIN)
    window.login.submit.click()
    assert window.signed_in is not None
    return window


@pytest.mark.usefixtures("published")
def test_a_freed_seat_is_offered_to_the_first_waiting_across_halls_at_their_counter(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, hall_b: Terminal, screens: Screens,
        ) -> None:
    seated = electrician(hall_a)
    assert isinstance(hall_a.services.sign_up(seated.id, "elec-full"), Ok)  # its one seat
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_b.agent(hub.client).sync_once().ok
    # hall B's worker joins the waiting list at the touchscreen (offline since): first
    waiter_b = electrician(hall_b, seq=125)
    window = screens.touchscreen(hall_b, HALL_B)
    tap = Taps(qtbot)
    tap(window.page(HOME).buttons[TRAINING])  # type: ignore[attr-defined]
    training = training_of(window)
    qtbot.waitUntil(training.trade_tiles.buttons["C03"].isVisible)
    tap(training.trade_tiles.buttons["C03"])
    tap(training.cards[1])
    assert training.sign_up_button.text() == "加入候补名单"
    assert "候补不是名额" in training.full_note.text()
    tap(training.sign_up_button)
    window.on_id_card(id_number(seq=125))
    assert training.done_title.text() == "已加入候补名单"
    assert "还不是名额" in training.done_detail.text()
    wait_b, = hall_b.store.course_signups.where()
    assert wait_b.waiting and wait_b.worker_id == waiter_b.id
    assert hall_b.store.print_queue.queued() == []  # no seat, no ticket
    # hall A's worker joins later, and hall A reaches the hub first
    screens.clock.advance(minutes=5)
    waiter_a = electrician(hall_a, seq=127)
    wait_a = hall_a.services.sign_up(waiter_a.id, "elec-full", waiting=True)
    assert isinstance(wait_a, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_b.agent(hub.client).sync_once().ok
    assert seats_fed(hub, "elec-full") == {HALL_A: 1}  # a wait takes no seat

    # the seated worker cancels: the seat is offered to hall B's worker (joined first)
    signup, = hall_a.services.open_signups(seated.id)
    assert isinstance(hall_a.services.cancel_signup(signup.signup.signup_id), Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    assert seats_fed(hub, "elec-full") == {HALL_B: 1}  # kept for the worker offered it
    walk_in = electrician(hall_a, seq=129)
    full = hall_a.services.sign_up(walk_in.id, "elec-full")  # hall A: still full
    assert isinstance(full, Err) and full.errors[0].code == "course_full"
    forced = CourseSignup(new_id(), HALL_A, walk_in.id, "elec-full", screens.clock.now())
    with hall_a.store.write() as tx:  # past the terminal's rules: the hub keeps the seat
        tx.save(forced, ChangeOp.CREATE)
    hall_a.agent(hub.client).sync_once()
    late, = hall_a.store.outbox.for_entity("course_signup", forced.id)
    assert late.state is OutboxState.REJECTED and "course_full" in (late.last_error or "")

    assert hall_b.agent(hub.client).sync_once().ok
    counter_b = counter_of(qtbot, hall_b)
    page = counter_b.show_page(COUNTER_TRAINING)
    assert isinstance(page, TrainingPage)
    assert page.course_table.select_id("elec-full")
    assert page.signup_table.item(0, 4).text() == "有空位：请联系"
    assert page.signup_table.item(0, 1).text() == "138****1234"  # masked
    page.signup_table.selectRow(0)
    assert page.seat_button.isEnabled()
    SHOTS.mkdir(exist_ok=True)
    grab(counter_b, SHOTS / "counter-training-offer-zh.png")
    counter_b.toggle_language()
    grab(counter_b, SHOTS / "counter-training-offer-en.png")
    assert page.signup_table.item(0, 4).text() == "A seat is free: phone the worker"
    counter_b.toggle_language()
    # no answer on the phone: staff let the seat go to the next on the list
    page.reason.setText("电话无人接听")
    page.cancel_button.click()
    assert hall_b.agent(hub.client).sync_once().ok
    assert seats_fed(hub, "elec-full") == {HALL_A: 1}

    assert hall_a.agent(hub.client).sync_once().ok
    counter_a = counter_of(qtbot, hall_a)
    page_a = counter_a.show_page(COUNTER_TRAINING)
    assert isinstance(page_a, TrainingPage)
    page_a.course_table.select_id("elec-full")
    offered = next(i for i in range(page_a.signup_table.rowCount())
                   if page_a.signup_table.item(i, 4).text() == "有空位：请联系")
    page_a.signup_table.selectRow(offered)
    page_a.seat_button.click()
    assert page_a.message.text() == "已报名，凭条正在打印。名额以市里确认为准。"
    assert hall_a.agent(hub.client).sync_once().ok
    took, = [s for s in hall_a.store.course_signups.where()
             if s.worker_id == waiter_a.id and not s.waiting]
    assert hall_a.store.outbox.for_entity("course_signup", took.id)[0].state is (
        OutboxState.ACKED)
    assert seats_fed(hub, "elec-full") == {HALL_A: 1}
    shown, = hall_a.services.open_signups(waiter_a.id)  # the wait is over: one seat shown
    assert shown.signup.signup_id == took.id
    grab(counter_a, SHOTS / "counter-training-offer-taken-zh.png")
    for counter in (counter_a, counter_b):
        counter.shutdown()
