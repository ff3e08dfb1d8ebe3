"""Hardship follow-up at the counter: the flagged workers with their "131" progress in
order, one tap records a service (audited) and moves the worker down, a recommendation
picked from the worker's fit jobs names the job, and the worker opens at the desk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.core.errors import Ok
from kiosk.core.records import AuditAction, JobPost, ServiceKind, Worker
from kiosk.services.hall import Services
from kiosk.ui.counter.desk_page import DeskPage
from kiosk.ui.counter.hardship_page import HardshipPage
from kiosk.ui.counter.pages import DESK, HARDSHIP
from kiosk.ui.counter.window import CounterWindow
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, Factory

SHOTS = Path("/tmp/counter-shots")
YOUNG = date(1994, 3, 3)


def register(services: Services, seq: int, name: str, birth: date = YOUNG,
             **changes: object) -> Worker:
    result = services.register_worker(worker_draft(
        name=name, id_number=id_number(birth, seq=seq), phone=f"1370531{seq:04d}",
        **changes))
    assert isinstance(result, Ok), result
    return result.value


def post(services: Services, title: str, trade: str = "C01", **changes: object) -> JobPost:
    employer = services.register_employer(employer_draft(name="槐荫区城市管理服务中心"))
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id, title=title, trade=trade,
                                      start_date=services.today(), **changes))
    assert isinstance(job, Ok), job
    return job.value


@pytest.fixture
def window(make_counter: Factory) -> CounterWindow:
    return make_counter()


def open_page(window: CounterWindow) -> HardshipPage:
    page = window.show_page(HARDSHIP)
    assert isinstance(page, HardshipPage)
    return page


@pytest.fixture
def cases(services: Services, clock: FixedClock) -> dict[str, Worker]:
    workers = {
        "刘桂兰": register(services, 102, "刘桂兰", date(1976, 8, 1), trades=["S01"]),
        "孙强": register(services, 101, "孙强", trades=["C01"], disabled=True),
        "马文": register(services, 103, "马文", trades=["C01", "C12"], low_income=True),
    }
    clock.advance(days=3)
    register(services, 105, "陈晨")  # young, just registered: not a case
    return workers


def rows(page: HardshipPage) -> list[tuple[str, ...]]:
    return [tuple(page.table.item(r, c).text() for c in range(page.table.columnCount()))
            for r in range(page.table.rowCount())]


def test_hardship_workers_with_their_131_progress(window: CounterWindow,
                                                  cases: dict[str, Worker]) -> None:
    page = open_page(window)
    assert rows(page) == [
        ("刘桂兰\n137****0102 · 50岁", "保洁", "大龄人员", "0/1", "0/3", "0/1", "3", ""),
        ("孙强\n137****0101 · 32岁", "瓦工", "残疾人", "0/1", "0/3", "0/1", "3", ""),
        ("马文\n137****0103 · 32岁", "瓦工、建筑小工", "低收入家庭", "0/1", "0/3", "0/1", "3", ""),
    ]
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(8)]
    assert headers[:3] == ["务工人员", "工种", "困难类别"]
    assert headers[3:6] == ["指导", "推荐", "培训"]


def test_two_workers_of_one_name_are_told_apart(window: CounterWindow,
                                                services: Services, clock: FixedClock) -> None:
    """The masked phone, the age and the trades tell two 夏保国 apart, in the list and
    beside it."""
    older = register(services, 201, "夏保国", date(1968, 5, 1), trades=["C01"], low_income=True)
    register(services, 202, "夏保国", date(1981, 9, 9), trades=["S01"], low_income=True)
    clock.advance(days=1)
    page = open_page(window)
    assert sorted(r[:2] for r in rows(page)) == [
        ("夏保国\n137****0201 · 58岁", "瓦工"), ("夏保国\n137****0202 · 45岁", "保洁")]
    page.table.select_id(older.id)
    assert page.who_flags.text() == "137****0201 · 58岁 · 瓦工 · 低收入家庭、大龄人员"


def test_one_tap_records_a_service_audited_and_the_order_follows(
        window: CounterWindow, services: Services, cases: dict[str, Worker]) -> None:
    page = open_page(window)
    page.table.select_id(cases["刘桂兰"].id)
    assert page.who.text() == "刘桂兰"
    box = page.services_box
    box.note.setText("讲了家政岗位的要求")
    box.buttons[ServiceKind.GUIDANCE].click()
    assert box.message.text() == "已记录：职业指导。"
    assert "职业指导 1/1" in box.summary.text()
    assert [r[0].split("\n")[0] for r in rows(page)] == ["孙强", "马文", "刘桂兰"]  # served: last
    assert rows(page)[-1][3:6] == ("1/1", "0/3", "0/1")
    assert page.table.selected_id() == cases["刘桂兰"].id  # still chosen
    [event] = services.store.service_events.where()
    assert (event.worker_id, event.kind, event.note) == (
        cases["刘桂兰"].id, ServiceKind.GUIDANCE, "讲了家政岗位的要求")
    [audit] = [e for e in services.store.audit_events.where()
               if e.action is AuditAction.SERVICE_EVENT]
    assert (audit.staff_id, audit.entity_id, audit.detail) == (CLERK, event.id, "guidance")


def test_training_is_not_ticked_and_old_ticks_read_as_unverified(
        window: CounterWindow, services: Services, cases: dict[str, Worker]) -> None:
    """Training counts from course attendance (tests/sync/test_training.py); a training
    tick from before stays readable, marked unverified and not counted."""
    staff = services.as_staff(CLERK)
    assert isinstance(staff.add_service_event(cases["马文"].id, ServiceKind.TRAINING), Ok)
    page = open_page(window)
    page.table.select_id(cases["马文"].id)
    box = page.services_box
    assert ServiceKind.TRAINING not in box.buttons
    assert box.training_note.text() == "技能培训按“技能培训”页登记的出勤计算。"
    assert "技能培训 0/1" in box.summary.text()
    assert "（课程登记前勾选的培训：1 次，未核实，不计入）" in box.summary.text()
    assert next(r for r in rows(page) if r[0].startswith("马文"))[5] == "0/1"


def test_a_recommendation_picked_from_the_fit_jobs(window: CounterWindow,
                                                   services: Services,
                                                   cases: dict[str, Worker]) -> None:
    job = post(services, "道路绿化带砌砖")
    post(services, "酒店客房保洁", trade="S01")
    page = open_page(window)
    page.table.select_id(cases["马文"].id)
    assert [page.fit.item(r, 0).text() for r in range(page.fit.rowCount())] == [
        "道路绿化带砌砖 · 瓦工"]
    page.recommend_button.click()
    assert page.services_box.message.text() == "请先选择一个岗位。"
    page.fit.selectRow(0)
    page.recommend_button.click()
    [event] = services.store.service_events.where()
    assert (event.kind, event.job_id, event.note) == (
        ServiceKind.RECOMMENDATION, job.id, "道路绿化带砌砖")
    assert "岗位推荐 1/3" in page.services_box.summary.text()
    assert services.store.referrals.count() == 0  # a recommendation is not a referral


def test_open_the_worker_at_the_desk(window: CounterWindow, cases: dict[str, Worker]) -> None:
    page = open_page(window)
    page.table.select_id(cases["孙强"].id)
    page.desk_button.click()
    desk = window.pages[DESK]
    assert isinstance(desk, DeskPage)
    assert window.current_page() is desk
    assert desk.worker_id == cases["孙强"].id and desk.values["hardships"].text() == "残疾人"


def test_screenshots(window: CounterWindow, services: Services, clock: FixedClock,
                     cases: dict[str, Worker]) -> None:
    more = (
        (107, "王德福", date(1966, 2, 1), {"trades": ["C12", "L01"]}),
        (108, "李秀梅", date(1980, 10, 20), {"trades": ["S02", "S04"], "low_income": True}),
        (109, "赵卫东", date(1975, 6, 6), {"trades": ["C03"], "disabled": True,
                                           "certificates": ["electrician"]}),
        (111, "欧阳建华", date(1990, 12, 12), {"trades": ["L01", "L02"]}),
    )
    for seq, name, birth, changes in more:
        register(services, seq, name, birth, **changes)
    clock.advance(days=35)  # everyone not hired since has waited long
    staff = services.as_staff(CLERK)
    for name, kinds in (("孙强", (ServiceKind.GUIDANCE, ServiceKind.RECOMMENDATION)),
                        ("马文", (ServiceKind.GUIDANCE, ServiceKind.RECOMMENDATION,
                                  ServiceKind.RECOMMENDATION, ServiceKind.RECOMMENDATION,
                                  ServiceKind.TRAINING))):
        for kind in kinds:
            assert isinstance(staff.add_service_event(cases[name].id, kind), Ok)
    post(services, "道路绿化带砌砖", place="槐荫区经十路 绿化带", area="槐荫区",
         start_time="07:00")
    post(services, "厂区围墙修补", place="槐荫区美里湖工业园", area="槐荫区",
         start_time="08:00", urgent=True)
    page = open_page(window)
    page.table.select_id(cases["孙强"].id)
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "hardship.png")
    window.toggle_language()
    grab(window, SHOTS / "hardship-en.png")
