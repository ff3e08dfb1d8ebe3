"""Employers post for themselves, across roles and halls: at hall A's touchscreen one posts
by taps, another scans a signed phone draft, a third is stopped by the discrimination
check; at hall A's counter staff approve one and refuse the other; nothing pending ever
reaches the hub; after sync the approved job is on hall B's board (PostgreSQL and SQLite)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.core.scan_post import sign_employer_post
from kiosk.core.self_posts import SelfPostSource, SelfPostStatus
from kiosk.core.staff import StaffRole
from kiosk.services.staff import StaffAccounts
from kiosk.store.board import BoardReader
from kiosk.system.config import ScanSettings, default_config
from kiosk.ui.counter.review_page import ReviewPage
from kiosk.ui.counter.window import CounterWindow
from kiosk.ui.terminal.employer_post import DONE, REVIEW, EmployerPostScreen
from kiosk.ui.terminal.window import TerminalWindow
from sync.hub.schema import jobs as hub_jobs
from tests.conftest import employer_draft
from tests.sync.conftest import CITY_KEY, CITY_PUBLIC, Hub, Terminal
from tests.ui.test_employer_post import EMPLOYER_PHONE, the_job_by_taps
from tests.ui.test_register import Taps


def hub_job_count(hub: Hub) -> int:
    with hub.engine.connect() as conn:
        return len(conn.execute(hub_jobs.select()).all())


def test_posts_by_taps_and_by_scan_are_approved_or_refused_and_reach_hall_b(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    services = hall_a.services
    assert isinstance(services.register_employer(employer_draft(
        phone=EMPLOYER_PHONE, name="王建军", role="gang_master")), Ok)
    config = replace(default_config("T01"), hall=replace(
        default_config("T01").hall, id=hall_a.services.settings.hall_id),
        scan=ScanSettings(city_public_keys=(CITY_PUBLIC,)))
    touch = TerminalWindow(services, config, printing=True)
    qtbot.addWidget(touch)
    touch.resize(1920, 1080)
    touch.show()
    qtbot.waitExposed(touch)
    tap = Taps(qtbot)
    # 1. by taps, a returning employer
    tap(touch.page("home").buttons["employer"])  # type: ignore[attr-defined]
    screen = touch.page("employer")
    assert isinstance(screen, EmployerPostScreen)
    tap.keys(screen.phone_keypad.keys, EMPLOYER_PHONE)
    tap(screen.found_yes)
    the_job_by_taps(screen, tap)
    tap(screen.submit)
    assert screen.step == DONE
    # 2. a signed phone draft, scanned: checked on the review, sent with one tap
    draft = sign_employer_post(
        {"kind": "individual", "name": "李先生", "phone": "13605310042"},
        {"trade": "L01", "title": "物流园装卸", "place": "槐荫区物流园北门", "area": "槐荫区",
         "start_date": date(2026, 11, 23) + timedelta(days=1), "headcount": 4,
         "pay_amount": "260", "pay_unit": "day", "settlement": "daily"},
        CITY_KEY, services.now())
    touch.on_scan(draft)
    assert screen.step == REVIEW
    tap(screen.submit)
    assert screen.step == DONE
    # 3. stopped by the discrimination check: never stored
    touch.on_scan(sign_employer_post(
        {"kind": "individual", "name": "赵先生", "phone": "13705310099"},
        {"trade": "S01", "title": "保洁", "place": "市中区", "area": "市中区",
         "start_date": date(2026, 11, 23), "headcount": 2, "pay_amount": "200",
         "pay_unit": "day", "settlement": "daily", "skills_note": "限女性，40岁以下"},
        CITY_KEY, services.now()))
    assert screen.step == REVIEW and not screen.submit.isEnabled()
    screen.submit_post()
    touch.shutdown()
    pending = services.pending_self_posts()
    assert [p.source for p in pending] == [SelfPostSource.TOUCH, SelfPostSource.SCAN]
    # nothing pending is a job, here or at the hub (nor, so, at hall B)
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_a.store.jobs.count() == 0 and hub_job_count(hub) == 0

    # at hall A's counter: approve the tapped post, refuse the scanned one
    accounts = StaffAccounts(services)
    assert isinstance(accounts.add("S001", "王芳", StaffRole.CLERK, "258036"), Ok)
    counter = CounterWindow(services, config)
    qtbot.addWidget(counter)
    counter.resize(1600, 900)
    counter.show()
    qtbot.waitExposed(counter)
    counter.login.staff_id.setText("S001")
    counter.login.pin.setText("258036")
    counter.login.submit.click()
    page = counter.show_page("review")
    assert isinstance(page, ReviewPage)
    tapped, scanned = pending
    assert page.posts.select_id(tapped.id)
    page.approve_button.click()
    assert page.posts.select_id(scanned.id)
    page.reason.setText("电话核实：并非用工单位本人")
    page.refuse_button.click()
    counter.shutdown()
    assert services.self_post(scanned.id).status is SelfPostStatus.REFUSED  # type: ignore[union-attr]
    approved = services.self_post(tapped.id)
    assert approved is not None and approved.status is SelfPostStatus.APPROVED
    assert approved.staff_id == "S001"

    # after sync, hall B's board shows the approved job, and only it
    assert hall_a.agent(hub.client).sync_once().ok
    assert hub_job_count(hub) == 1
    states = dict(hall_a.store.conn.execute(
        "SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())
    assert set(states) == {"acked"}  # the job, its employer and the audited decisions
    assert hall_b.agent(hub.client).sync_once().ok
    reader = BoardReader(hall_b.store.path, hall_b.services.settings.hall_id)
    try:
        shown = reader.load(hall_b.services.now()).jobs
    finally:
        reader.close()
    assert [(j.id, j.title, j.employer, j.employer_role) for j in shown] == [
        (approved.job_id, "招瓦工3名", "王建军", "gang_master")]
