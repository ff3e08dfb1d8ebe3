"""Employers post for themselves, across roles and halls: at hall A's touchscreen one posts
by taps, a 揽头 scans a signed phone draft (it carries no ID number: the screen asks them to
bring the ID card to the counter), a dispatch firm scans another, a fourth is stopped by
the discrimination check. At hall A's counter staff approve the tapped post with one tap;
the 揽头's plain approval is refused until staff enter the ID number (edit, then approve);
the firm's post is refused with a reason. Nothing pending ever reaches the hub; the 揽头's
ID number is sealed there; after sync both approved jobs are on hall B's board
(PostgreSQL and SQLite)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.errors import Ok
from kiosk.core.scan_post import sign_employer_post
from kiosk.core.self_posts import SelfPostSource, SelfPostStatus
from kiosk.core.staff import StaffRole
from kiosk.services.staff import StaffAccounts
from kiosk.store.board import BoardReader
from kiosk.system.config import ScanSettings, default_config
from kiosk.ui.counter.post_page import PostPage
from kiosk.ui.counter.review_page import ReviewPage
from kiosk.ui.counter.window import CounterWindow
from kiosk.ui.terminal.employer_post import DONE, REVIEW, EmployerPostScreen
from kiosk.ui.terminal.window import TerminalWindow
from sync.hub.schema import employers as hub_employers
from sync.hub.schema import jobs as hub_jobs
from tests.conftest import employer_draft, id_number
from tests.sync.conftest import CITY_KEY, CITY_PUBLIC, HUB_KEYS, Hub, Terminal
from tests.sync.test_sealing import every_text_in
from tests.ui.test_employer_post import EMPLOYER_PHONE, the_job_by_taps
from tests.ui.test_register import Taps

GANG_MASTER_ID = id_number(date(1969, 8, 12), seq=331)


def hub_job_count(hub: Hub) -> int:
    with hub.engine.connect() as conn:
        return len(conn.execute(hub_jobs.select()).all())


def test_posts_by_taps_and_by_scan_are_approved_or_refused_and_reach_hall_b(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    services = hall_a.services
    assert isinstance(services.register_employer(employer_draft(
        phone=EMPLOYER_PHONE, name="王建军")), Ok)  # an ordinary employer, on record
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
    assert screen.step == DONE and not screen.done_bring.isVisible()
    # 2. a 揽头's signed phone draft, scanned: no ID number in it, so the screen says to
    # bring the ID card; checked on the review, sent with one tap
    job = {"trade": "L01", "title": "物流园装卸", "place": "槐荫区物流园北门", "area": "槐荫区",
           "start_date": date(2026, 11, 23) + timedelta(days=1), "headcount": 4,
           "pay_amount": "260", "pay_unit": "day", "settlement": "daily"}
    touch.on_scan(sign_employer_post(
        {"kind": "individual", "name": "李先生", "phone": "13605310042",
         "role": "gang_master"}, job, CITY_KEY, services.now()))
    assert screen.step == REVIEW
    assert "请带身份证到服务台办理审核" in screen.review_hint.text()
    tap(screen.submit)
    assert screen.step == DONE
    assert "请带身份证到服务台办理审核" in screen.done_bring.text()
    # 3. a dispatch firm's draft, likewise (it brings its licence)
    touch.on_scan(sign_employer_post(
        {"kind": "individual", "name": "孙先生", "phone": "13705310011", "role": "dispatch"},
        {**job, "title": "仓库分拣"}, CITY_KEY, services.now()))
    assert screen.step == REVIEW
    tap(screen.submit)
    assert screen.step == DONE and "请带许可证到服务台" in screen.done_bring.text()
    # 4. stopped by the discrimination check: never stored
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
    assert [p.source for p in pending] == [SelfPostSource.TOUCH, SelfPostSource.SCAN,
                                           SelfPostSource.SCAN]
    # nothing pending is a job, here or at the hub (nor, so, at hall B)
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_a.store.jobs.count() == 0 and hub_job_count(hub) == 0

    # at hall A's counter: approve the tapped post with one tap; the 揽头's only once staff
    # entered the ID number from the card; refuse the firm's
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
    tapped, gang_masters, firms = pending
    assert page.posts.select_id(tapped.id)
    page.approve_button.click()
    assert page.posts.select_id(gang_masters.id)
    assert "尚缺" in page.findings.text()
    page.approve_button.click()
    assert "揽头需核验身份证号码后才能发布" in page.message.text()
    assert services.self_post(gang_masters.id).status is SelfPostStatus.PENDING  # type: ignore[union-attr]
    page.edit_button.click()
    form = counter.show_page("post")
    assert isinstance(form, PostPage) and form.reviewing is not None
    form._line("id_number").setText(GANG_MASTER_ID)
    form.save_button.click()
    assert form.reviewing is None  # saved: approved as completed
    page = counter.show_page("review")
    assert isinstance(page, ReviewPage)
    assert page.posts.select_id(firms.id)
    page.reason.setText("电话核实：并非用工单位本人")
    page.refuse_button.click()
    counter.shutdown()
    assert services.self_post(firms.id).status is SelfPostStatus.REFUSED  # type: ignore[union-attr]
    approved = [services.self_post(p.id) for p in (tapped, gang_masters)]
    assert all(a is not None and a.status is SelfPostStatus.APPROVED and a.staff_id == "S001"
               for a in approved)
    first, second = (a.job_id for a in approved if a is not None)

    # after sync, hall B's board shows the approved jobs, and only them; the 揽头's ID
    # number is sealed at the hub, never in plain there, and forgotten here
    assert hall_a.agent(hub.client).sync_once().ok
    assert hub_job_count(hub) == 2
    states = dict(hall_a.store.conn.execute(
        "SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())
    assert set(states) == {"acked"}  # the jobs, their employers and the audited decisions
    gang_master_job = hall_a.store.jobs.get(second)
    assert gang_master_job is not None
    assert GANG_MASTER_ID not in every_text_in(hub.engine)
    with hub.engine.connect() as conn:
        (sealed,) = conn.execute(select(hub_employers.c.id_sealed).where(
            hub_employers.c.id == gang_master_job.employer_id)).one()
    assert HUB_KEYS.ids.unseal(gang_master_job.employer_id, str(sealed)) == GANG_MASTER_ID
    kept = hall_a.store.employers.get(gang_master_job.employer_id)
    assert kept is not None and kept.id_number is None and kept.id_masked
    assert hall_b.agent(hub.client).sync_once().ok
    reader = BoardReader(hall_b.store.path, hall_b.services.settings.hall_id)
    try:
        shown = reader.load(hall_b.services.now()).jobs
    finally:
        reader.close()
    assert sorted((j.id, j.title, j.employer, j.employer_role) for j in shown) == sorted([
        (first, "招瓦工3名", "王建军", "direct"),
        (second, "物流园装卸", "李*生", "gang_master")])
