"""Complaints and disputes at the counter: every bad field says why and nothing is stored; a good
complaint is stored, audited, its receipt queued, and its number shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.core.errors import Ok
from kiosk.core.records import AuditAction
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.system.config import default_config
from kiosk.ui.counter.complaints_page import ComplaintsPage
from kiosk.ui.counter.pages import COMPLAINTS
from printers.raster import render_image
from tests.conftest import FixedClock, worker_draft
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, Factory

SHOTS = Path("/tmp/counter-shots")


@pytest.fixture
def page(make_counter: Factory) -> ComplaintsPage:
    window = make_counter()
    shown = window.show_page(COMPLAINTS)
    assert isinstance(shown, ComplaintsPage)
    return shown


def fill(page: ComplaintsPage, **overrides: object) -> None:
    values: dict[str, object] = {
        "name": "刘大傅", "phone": "13905318866", "employer": "济南鲁建建筑劳务有限公司",
        "amount": "3200", "period_from": date(2026, 10, 8), "period_to": date(2026, 11, 10),
        "description": "在槐荫区阳光小区工地做瓦工25天，工头说月底结清，至今未付。",
    }
    values.update(overrides)
    page.name.setText(str(values["name"]))
    page.phone.setText(str(values["phone"]))
    page.employer.setText(str(values["employer"]))
    page.amount.setText(str(values["amount"]))
    page.period_from.set_value(values["period_from"])  # type: ignore[arg-type]
    page.period_to.set_value(values["period_to"])  # type: ignore[arg-type]
    page.description.setPlainText(str(values["description"]))


def audited(services: Services, action: AuditAction) -> list[str]:
    return [e.entity_id or "" for e in services.store.audit_events.where()
            if e.action is action]


def test_a_bad_amount_and_phone_show_their_errors_and_store_nothing(
        page: ComplaintsPage, services: Services) -> None:
    fill(page, amount="三千块", phone="1390531")
    page.submit.click()
    assert page.form.error_text("amount") == "请用数字填写金额（元）。"
    assert "11" in page.form.error_text("phone")
    assert page.form.error_text("employer_name") == ""
    assert "请" in page.message.text()
    assert services.store.complaints.count() == 0
    assert services.store.print_queue.queued() == []
    assert audited(services, AuditAction.COMPLAINT) == []
    assert page.amount.text() == "三千块"  # what was typed stays for correcting
    SHOTS.mkdir(exist_ok=True)
    grab(page.window(), SHOTS / "complaints-errors.png")


def test_a_period_left_empty_or_in_the_future_is_refused(
        page: ComplaintsPage, services: Services) -> None:
    fill(page, period_from=None)
    page.submit.click()
    assert page.form.error_text("period") == "请填写事情发生的日期或期间。"
    fill(page, period_to=date(2026, 12, 1))
    page.submit.click()
    assert "晚于今天" in page.form.error_text("period")
    assert services.store.complaints.count() == 0


def test_a_good_complaint_is_stored_audited_printed_and_its_number_shown(
        page: ComplaintsPage, services: Services, clock: FixedClock) -> None:
    fill(page, amount="abc")
    page.submit.click()
    assert page.form.error_text("amount")
    fill(page)
    page.submit.click()
    [complaint] = services.store.complaints.where()
    assert complaint.number == "TS20261123-T01-001"
    assert complaint.amount_cents == 320_000 and complaint.employer_name.startswith("济南鲁建")
    assert (complaint.period_from, complaint.period_to) == (date(2026, 10, 8), date(2026, 11, 10))
    assert page.form.error_text("amount") == ""  # the old error went with the fix
    assert page.number.text() == complaint.number and not page.receipt.isHidden()
    assert "打印" in page.receipt_note.text()
    [job] = services.store.print_queue.queued()
    assert job.kind is PrintKind.COMPLAINT and job.ref_id == complaint.id
    [event] = [e for e in services.store.audit_events.where()
               if e.action is AuditAction.COMPLAINT]
    assert event.staff_id == CLERK and event.entity_id == complaint.id
    assert page.name.text() == page.amount.text() == page.description.toPlainText() == ""
    assert page.period_from.value() is None
    assert page.recent.item(0, 0).text() == complaint.number
    assert page.recent.item(0, 2).text() == "拖欠工资\n¥3,200"
    assert page.recent.item(0, 3).text() == "已受理"
    receipt_png(services, complaint.id, clock)


def receipt_png(services: Services, complaint_id: str, clock: FixedClock) -> None:
    """The queued receipt as the printer would get it: number and hotline on it."""
    hall = default_config("T01").hall
    ticket = TicketSource(services.store, services.catalogue, hall).ticket(
        PrintKind.COMPLAINT, complaint_id, clock.now())
    texts = ticket.texts()
    assert "TS20261123-T01-001" in texts and hall.hotline in texts
    SHOTS.mkdir(exist_ok=True)
    render_image(ticket).save(SHOTS / "complaint-receipt.png")


def test_the_worker_is_found_by_phone_and_linked(page: ComplaintsPage,
                                                 services: Services) -> None:
    registered = services.register_worker(worker_draft(name="张建国", phone="13805311234"))
    assert isinstance(registered, Ok)
    page.worker_search.setText("138 0531 1234")
    page.find_button.click()
    assert page.worker_choice.count() == 2 and "138****1234" in page.worker_choice.itemText(1)
    assert (page.name.text(), page.phone.text()) == ("张建国", "13805311234")
    fill(page, name="张建国", phone="13805311234")
    page.submit.click()
    [complaint] = services.store.complaints.where()
    assert complaint.worker_id == registered.value.id
    assert page.worker_choice.currentData() is None  # cleared for the next complainant


def test_an_unknown_worker_says_so(page: ComplaintsPage) -> None:
    page.worker_search.setText("王不存在")
    page.find_button.click()
    assert page.message.text() == "没有找到这个手机号或姓名的登记求职者。"
    assert page.worker_choice.count() == 1


def test_screenshot_with_recent_complaints(page: ComplaintsPage, services: Services,
                                           clock: FixedClock) -> None:
    for employer, amount in (("山东泉城物业服务有限公司", "1850"), ("张老板", "600"),
                             ("济南顺达物流有限公司", "4200.5")):
        fill(page, employer=employer, amount=amount)
        page.submit.click()
        clock.advance(minutes=20)
    fill(page, name="", amount="")
    page.employer.setText("济南家和家政服务有限公司")
    SHOTS.mkdir(exist_ok=True)
    grab(page.window(), SHOTS / "complaints.png")
    assert page.recent.rowCount() == 3
    page.window().toggle_language()  # type: ignore[attr-defined]
    assert page.recent.item(0, 3).text() == "received"
    grab(page.window(), SHOTS / "complaints-en.png")
