"""Notices for the board's ticker: posted from the counter, listed, read by the board."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.core.drafts import NoticeDraft
from kiosk.core.errors import Ok
from kiosk.core.records import AuditAction
from kiosk.services.hall import Services
from kiosk.store.board import BoardReader
from kiosk.ui.counter.notices_page import NoticesPage
from kiosk.ui.counter.pages import NOTICES
from tests.conftest import TODAY, FixedClock
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, Factory

SHOTS = Path("/tmp/counter-shots")
COURSE = "明天上午8点在二号室举办免费电工安全培训 欢迎报名"


@pytest.fixture
def page(make_counter: Factory) -> NoticesPage:
    window = make_counter()
    shown = window.show_page(NOTICES)
    assert isinstance(shown, NoticesPage)
    return shown


def test_a_posted_notice_is_listed_audited_and_on_the_board(
        page: NoticesPage, services: Services, clock: FixedClock) -> None:
    page.text_zh.setText(COURSE)
    page.text_en.setText("Free electrician safety course tomorrow 8:00, room 2")
    page.ends.set_value(TODAY + timedelta(days=1))
    page.priority.setCurrentIndex(1)
    page.submit.click()
    [notice] = services.store.notices.where()
    assert (notice.text_zh, notice.starts_on, notice.ends_on, notice.priority) == (
        COURSE, TODAY, date(2026, 11, 24), 1)
    assert page.message.text() == "已发布：大屏滚动条现在就显示。"
    assert page.text_zh.text() == "" and page.ends.value() is None
    assert [page.notices.item(0, c).text() for c in range(4)] == [
        COURSE, "2026-11-23 – 2026-11-24", "重要", "大屏正在显示"]
    [event] = [e for e in services.store.audit_events.where() if e.action is AuditAction.NOTICE]
    assert event.staff_id == CLERK and event.entity_id == notice.id
    board = BoardReader(services.store.path, services.settings.hall_id).load(clock.now())
    assert [n.text_zh for n in board.notices] == [COURSE]


def test_a_notice_is_ended_early_taken_off_the_board_and_audited(
        page: NoticesPage, services: Services, clock: FixedClock) -> None:
    page.text_zh.setText(COURSE)
    page.submit.click()
    assert not page.end_button.isEnabled()  # nothing chosen yet
    [notice] = services.store.notices.where()
    assert page.notices.select_id(notice.id) and page.end_button.isEnabled()
    page.end_button.click()
    assert page.end_message.text() == "已结束：大屏滚动条不再显示这条公告。"
    assert page.notices.item(0, 3).text() == "已结束"
    assert BoardReader(services.store.path, services.settings.hall_id).load(
        clock.now()).notices == ()
    [ended] = services.store.notices.where()
    assert ended.ends_on == TODAY - timedelta(days=1)
    [event] = [e for e in services.store.audit_events.where()
               if e.action is AuditAction.NOTICE_END]
    assert event.staff_id == CLERK and event.entity_id == notice.id
    changes = services.store.conn.execute(
        "SELECT op FROM outbox WHERE entity = 'notice' ORDER BY seq").fetchall()
    assert [op for (op,) in changes] == ["create", "update"]  # other halls learn it too
    assert page.notices.select_id(notice.id) and not page.end_button.isEnabled()


def test_a_notice_starting_later_says_when(page: NoticesPage, services: Services) -> None:
    page.text_zh.setText("本周六驿站照常开放")
    page.starts.set_value(date(2026, 11, 28))
    page.submit.click()
    assert page.message.text() == "已发布：大屏滚动条从 2026-11-28 起显示。"
    assert page.notices.item(0, 1).text() == "2026-11-28 – 不设结束日期"
    assert page.notices.item(0, 3).text() == "尚未开始"


def test_an_end_before_the_start_or_no_text_is_refused(page: NoticesPage,
                                                       services: Services) -> None:
    page.text_zh.setText(COURSE)
    page.starts.set_value(date(2026, 11, 25))
    page.ends.set_value(date(2026, 11, 24))
    page.submit.click()
    assert page.form.error_text("ends_on") == "结束日期早于开始日期。"
    assert page.form.error_text("text_zh") == ""
    page.text_zh.setText("   ")
    page.submit.click()
    assert page.form.error_text("text_zh") == "此项必填。"
    assert page.form.error_text("ends_on") == "结束日期早于开始日期。"
    assert services.store.notices.count() == 0
    SHOTS.mkdir(exist_ok=True)
    grab(page.window(), SHOTS / "notices-errors.png")


def test_screenshot_with_notices(page: NoticesPage, services: Services,
                                 clock: FixedClock) -> None:
    for text, en, ends, priority in (
            ("本驿站服务时间：每天6:00至18:00，节假日不休息", "Open daily 6:00–18:00", None, 0),
            ("遇到拖欠工资，请到服务窗口登记投诉，或拨打12333", "Unpaid wages? Come to the "
             "counter or call 12333", None, 2),
            ("11月25日上午保洁岗位专场招聘会，名额有限", "", date(2026, 11, 25), 1),
            ("上周日活动已结束", "", date(2026, 11, 22), 0)):
        started = TODAY - timedelta(days=3) if ends and ends < TODAY else TODAY
        result = services.post_notice(NoticeDraft(text, en, started, ends, priority))
        assert isinstance(result, Ok), result
        clock.advance(minutes=5)
    page.refresh()
    page.text_zh.setText(COURSE)
    SHOTS.mkdir(exist_ok=True)
    grab(page.window(), SHOTS / "notices.png")
    assert page.notices.rowCount() == 4
    column = [[page.notices.item(r, c).text() for r in range(4)] for c in (2, 3)]
    assert column == [["紧急", "重要", "普通", "普通"], ["大屏正在显示"] * 3 + ["已结束"]]
