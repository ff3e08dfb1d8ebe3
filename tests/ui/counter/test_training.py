"""Training at the counter: staff see each course's sign-ups at this hall and record who is
present at a session (audited); the hardship worker's "131" training then counts, on the
hardship page and at the worker desk, which lists the worker's courses and attendance."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.errors import Ok
from kiosk.core.privacy import mask_name
from kiosk.core.records import AuditAction, Worker
from kiosk.services.hall import Services
from kiosk.ui.counter.desk_page import DeskPage
from kiosk.ui.counter.hardship_page import HardshipPage
from kiosk.ui.counter.pages import DESK, HARDSHIP, TRAINING
from kiosk.ui.counter.training_page import TrainingPage
from kiosk.ui.counter.window import CounterWindow
from printers import raster
from printers.tickets import Issuer, course_ticket
from tests.conftest import FixedClock, id_number, worker_draft
from tests.courses import FIRST_SESSION, OPEN_DAY, keep_demo_courses
from tests.printers import parse_escpos
from tests.sync.test_city_content import _ink, config_for
from tests.sync.test_training import print_all
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, Factory

SHOTS = Path("/tmp/shots-train2")


@pytest.fixture
def signed_up(services: Services, clock: FixedClock) -> Worker:
    clock.moment = OPEN_DAY
    keep_demo_courses(services.store)
    older = services.register_worker(worker_draft(
        name="王德福", id_number=id_number(date(1964, 2, 1), seq=107), trades=["C03"]))
    assert isinstance(older, Ok)
    assert isinstance(services.sign_up(older.value.id, "jn-2612-elec-5"), Ok)
    clock.moment = FIRST_SESSION
    return older.value


def test_staff_record_attendance_and_the_131_training_counts(
        make_counter: Factory, services: Services, signed_up: Worker) -> None:
    window: CounterWindow = make_counter()
    page = window.show_page(TRAINING)
    assert isinstance(page, TrainingPage)
    assert page.course_table.rowCount() == 9
    assert page.course_table.select_id("jn-2612-elec-5")
    assert page.course_table.item(page.course_table.currentRow(), 2).text() == "1/30"
    assert page.signup_table.rowCount() == 1
    assert page.signup_table.item(0, 0).text() == "王德福"
    assert page.signup_table.item(0, 3).text() == "0/5"
    assert page.session.currentText() == "第 1 次课：12-14 08:30–16:30"
    assert not page.present_button.isEnabled()
    page.signup_table.selectRow(0)
    page.present_button.click()
    assert page.message.text() == "已登记第 1 次课出勤。"
    assert page.signup_table.item(0, 3).text() == "1/5"
    page.present_button.click()
    assert page.message.text() == "这次课的出勤已经登记过了。"
    page.session.setCurrentIndex(1)  # tomorrow's
    page.present_button.click()
    assert page.message.text() == "这次课还没有上：请在上课当天登记出勤。"
    [record] = services.store.attendance.where()
    [audit] = [e for e in services.store.audit_events.where()
               if e.action is AuditAction.COURSE_ATTENDANCE]
    assert (record.staff_id, audit.staff_id, audit.entity_id) == (CLERK, CLERK, record.id)

    hardship = window.show_page(HARDSHIP)
    assert isinstance(hardship, HardshipPage)
    assert hardship.table.select_id(signed_up.id)
    assert "技能培训 1/1" in hardship.services_box.summary.text()

    page.desk_button.click()
    desk = window.pages[DESK]
    assert isinstance(desk, DeskPage) and window.current_page() is desk
    assert desk.values["training"].text() == (
        "电工（初级工）技能培训（2026-12-14 开课）：出勤 1/5 次 · 待市里确认")  # not synced

    window.show_page(TRAINING)
    page.course_table.select_id("jn-2612-elec-5")
    page.signup_table.selectRow(0)
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-training-zh.png")
    window.toggle_language()
    grab(window, SHOTS / "counter-training-en.png")
    window.show_page(DESK)
    grab(window, SHOTS / "counter-desk-training-en.png")


def test_staff_cancel_a_sign_up_with_a_reason_and_the_seat_is_free(
        make_counter: Factory, services: Services, signed_up: Worker) -> None:
    window: CounterWindow = make_counter()
    page = window.show_page(TRAINING)
    assert isinstance(page, TrainingPage)
    assert page.course_table.select_id("jn-2612-elec-5")
    assert not page.cancel_button.isEnabled()
    page.signup_table.selectRow(0)
    page.cancel_button.click()  # no reason: refused, nothing stored
    assert page.message.text() == "请写明取消报名的原因。"
    assert services.store.course_cancels.count() == 0
    page.reason.setText("本人来电 家里有事去不了")
    page.cancel_button.click()
    assert page.message.text() == "已取消报名：名额退回市里，可由他人报名。"
    assert page.reason.text() == ""
    assert page.course_table.item(page.course_table.currentRow(), 2).text() == "0/30"
    assert page.signup_table.item(0, 4).text() == "已取消"
    cancel, = services.store.course_cancels.where()
    assert (cancel.staff_id, cancel.reason) == (CLERK, "本人来电 家里有事去不了")
    page.signup_table.selectRow(0)
    page.present_button.click()  # a cancelled sign-up has no attendance
    assert page.message.text() == "该报名已取消：此人不在这门课程上。"
    assert services.store.attendance.count() == 0
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-training-cancelled-zh.png")
    window.toggle_language()
    grab(window, SHOTS / "counter-training-cancelled-en.png")


def test_staff_sign_a_worker_up_at_the_desk_and_the_ticket_prints(
        make_counter: Factory, services: Services, clock: FixedClock) -> None:
    clock.moment = OPEN_DAY
    keep_demo_courses(services.store)
    worker = services.register_worker(worker_draft(
        name="李春生", id_number=id_number(date(1980, 6, 1), seq=211), trades=["C03"]))
    assert isinstance(worker, Ok)
    window: CounterWindow = make_counter()
    desk = window.show_page(DESK)
    assert isinstance(desk, DeskPage)
    desk.show_worker(worker.value.id)
    assert desk.course_button.isEnabled() and desk.course_choice.count() == 9
    desk.course_choice.setCurrentIndex(desk.course_choice.findData("jn-2612-elec-5"))
    assert desk.course_choice.currentText().endswith("剩 30 个名额")
    desk.course_button.click()
    assert desk.message.text() == "已报名，凭条正在打印。名额以市里确认为准。"
    assert desk.values["training"].text().endswith("待市里确认")
    signup, = services.store.course_signups.where()
    assert (signup.worker_id, signup.course_id) == (worker.value.id, "jn-2612-elec-5")
    desk.course_button.click()  # twice: refused politely, nothing more stored
    assert desk.message.text() == "您已经报名了这门课程，到时见。"
    assert services.store.course_signups.count() == 1

    data, = print_all(services, clock, services.catalogue)  # type: ignore[arg-type]
    hall = config_for("370104-DDBL").hall
    issuer = Issuer(hall, clock.now().astimezone(ZoneInfo(hall.timezone)))
    course = next(c for c in services.courses() if c.id == "jn-2612-elec-5")
    ticket = course_ticket(course, signup, worker.value, services.catalogue, issuer,
                           confirmed=False)
    paper = parse_escpos(data).image()
    assert _ink(paper) == _ink(raster.render_image(ticket, raster.DOTS_58MM))
    assert mask_name("李春生") in ticket.texts()
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-desk-signup-zh.png")
    window.toggle_language()
    grab(window, SHOTS / "counter-desk-signup-en.png")
