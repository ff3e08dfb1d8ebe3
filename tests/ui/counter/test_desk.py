"""The worker desk at the counter: find by every key and by a scanned card, the details
masked, edits (a bad field says why and stores nothing; a good one is stored and
audited), registration with consent, the card, referral and one-tap 131 services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.core import payloads
from kiosk.core.errors import Ok
from kiosk.core.records import AuditAction, ServiceKind, Worker
from kiosk.services import desk
from kiosk.services.erasure import ERASED_NAME
from kiosk.services.hall import Services
from kiosk.store.print_queue import PrintKind
from kiosk.ui.counter.desk_page import DeskPage
from kiosk.ui.counter.pages import DESK
from kiosk.ui.counter.supervisor import SupervisorDialog
from kiosk.ui.counter.window import CounterWindow
from kiosk.ui.counter.worker_form import WorkerForm
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, SUPERVISOR, Factory, approve_in_dialog

SHOTS = Path("/tmp/counter-shots")
BIRTH = date(1968, 5, 20)  # a man of 58: an older worker


def register(services: Services, seq: int, name: str, **changes: object) -> Worker:
    values: dict[str, object] = {"name": name, "id_number": id_number(BIRTH, seq=seq),
                                 "phone": f"1380531{seq:04d}"}
    values.update(changes)
    result = services.register_worker(worker_draft(**values))
    assert isinstance(result, Ok), result
    return result.value


@pytest.fixture
def window(make_counter: Factory) -> CounterWindow:
    return make_counter()


@pytest.fixture
def page(window: CounterWindow) -> DeskPage:
    shown = window.show_page(DESK)
    assert isinstance(shown, DeskPage)
    return shown


@pytest.fixture
def zhang(services: Services) -> Worker:
    return register(services, 101, "张建国", trades=["C01", "C09"], low_income=True,
                    certificates=["work_at_height"], areas=["槐荫区"])


def search(qtbot: QtBot, page: DeskPage, text: str) -> list[str]:
    # Typed all at once: keyClicks cannot type Chinese, and fast digits look like a scan.
    page.search.setText(text)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    return [page.results.item(r, 0).text() for r in range(page.results.rowCount())]


def shown_texts(page: DeskPage) -> str:
    return " ".join(w.text() for w in page.findChildren(QLabel))


def audited(services: Services, action: AuditAction) -> list[tuple[str, str]]:
    return [(e.staff_id, e.entity_id) for e in services.store.audit_events.where()
            if e.action is action]


def test_the_desk_comes_after_same_day_hiring(window: CounterWindow) -> None:
    assert window.tabs is not None
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[1:3] == ["求职者", "困难帮扶“131”"]


def test_find_by_each_key_and_see_the_worker_masked(
        qtbot: QtBot, page: DeskPage, services: Services, zhang: Worker) -> None:
    register(services, 103, "赵佳")
    register(services, 105, "张建国华")
    assert search(qtbot, page, "zjg") == ["张建国", "张建国华"]
    assert search(qtbot, page, "建国") == ["张建国", "张建国华"]
    assert search(qtbot, page, "13805310103") == ["赵佳"]
    assert search(qtbot, page, "0105") == ["张建国华"]
    assert search(qtbot, page, "xyz") == [] and page.message.text() == "没有找到求职者。"
    assert search(qtbot, page, "12") == [] and "拼音首字母" in page.message.text()

    assert search(qtbot, page, id_number(BIRTH, seq=101)) == ["张建国"]
    assert page.worker_id == zhang.id  # one result: chosen at once
    assert page.values["id_masked"].text() == zhang.id_masked
    assert page.values["phone"].text() == "138****0101"
    assert page.values["trades"].text() == "瓦工、装修杂工"
    assert page.values["certificates"].text() == "登高证"
    assert page.values["areas"].text() == "槐荫区"
    assert page.values["hardships"].text() == "低收入家庭、大龄人员"
    texts = shown_texts(page) + " " + page.search.text()
    assert zhang.phone not in texts
    assert page.search.text() == id_number(BIRTH, seq=101)  # what staff typed stays
    page.search.clear()
    assert id_number(BIRTH, seq=101) not in shown_texts(page)


def test_a_scanned_worker_card_opens_the_worker_at_the_desk(
        window: CounterWindow, services: Services, zhang: Worker) -> None:
    window.show_page("dispatch")
    window.on_scan(payloads.worker_card(zhang.id))
    page = window.pages[DESK]
    assert isinstance(page, DeskPage)
    assert window.current_page() is page
    assert page.worker_id == zhang.id and page.results.selected_id() == zhang.id
    assert page.values["name"].text() == "张建国"

    window.on_scan(payloads.worker_card("0192a4b1-7c2d-7e3f-8a9b-0c1d2e3f4a5b"))
    assert page.message.text() == "本机还没有该求职者的记录。"
    assert page.worker_id == zhang.id  # the worker shown stays


def open_edit(page: DeskPage) -> WorkerForm:
    page.edit_button.click()
    assert page.form is not None and page.form.isVisible()
    return page.form


def test_an_edit_with_a_bad_phone_shows_the_error_and_stores_nothing(
        qtbot: QtBot, page: DeskPage, services: Services, zhang: Worker) -> None:
    page.show_worker(zhang.id)
    form = open_edit(page)
    assert form.id_number.text() == ""  # the stored number is never shown
    assert zhang.id_masked in form.id_number.placeholderText()
    form.phone.setText("1380531")
    form.save_button.click()
    assert form.form.error_text("phone") == "手机号是 11 位数字，您输入了 7 位。"
    assert form.isVisible()
    assert services.worker(zhang.id) == zhang
    assert audited(services, AuditAction.WORKER_UPDATE) == []
    SHOTS.mkdir(exist_ok=True)
    grab(form, SHOTS / "desk-edit-errors.png")


def test_a_valid_edit_is_stored_and_audited(qtbot: QtBot, page: DeskPage,
                                            services: Services, zhang: Worker) -> None:
    page.show_worker(zhang.id)
    form = open_edit(page)
    form.phone.setText("139 0531 7788")
    form.trades.boxes["C01"].setChecked(False)
    form.trades.boxes["C03"].setChecked(True)
    form.disabled.setChecked(True)
    form.save_button.click()
    assert not form.isVisible()
    stored = services.worker(zhang.id)
    assert stored is not None
    assert stored.phone == "13905317788" and stored.trades == ("C03", "C09")
    assert stored.disabled and stored.id_index == zhang.id_index
    assert audited(services, AuditAction.WORKER_UPDATE) == [(CLERK, zhang.id)]
    assert page.values["phone"].text() == "139****7788"
    assert page.values["hardships"].text() == "低收入家庭、残疾人、大龄人员"
    assert page.message.text() == "已保存。"


def test_the_consent_read_at_the_counter_says_how_long_another_hall_keeps_a_copy(
        make_counter: Factory, services: Services) -> None:
    services.settings = replace(services.settings, city_copy_days=45)
    page = make_counter().show_page(DESK)
    assert isinstance(page, DeskPage)
    page.new_button.click()
    form = page.form
    assert form is not None and form.is_new
    assert "您 45 天没去，那里就会删除" in form.consent_text.text()
    shots = Path("/tmp/shots-expire")
    shots.mkdir(exist_ok=True)
    grab(form, shots / "counter-new-worker-consent-zh_CN.png")
    assert form.save_button.isVisible()


def test_registration_at_the_counter_needs_the_workers_consent(
        page: DeskPage, services: Services) -> None:
    page.new_button.click()
    form = page.form
    assert form is not None and form.is_new
    form.name.setText("王秀英")
    form.id_number.setText(id_number(date(1979, 2, 3), seq=102))
    form.phone.setText("13705318899")
    form.trades.boxes["S01"].setChecked(True)
    form.low_income.setChecked(True)
    form.save_button.click()
    assert form.form.error_text("consent") == "只有在您同意后，我们才能采集您的身份证号。"
    assert services.store.workers.count() == 0

    form.consent.setChecked(True)
    form.save_button.click()
    [worker] = services.store.workers.where()
    assert worker.name == "王秀英" and worker.low_income and worker.trades == ("S01",)
    assert audited(services, AuditAction.WORKER_REGISTER) == [(CLERK, worker.id)]
    assert [(j.kind, j.ref_id) for j in services.store.print_queue.queued()] == [
        (PrintKind.CARD, worker.id)]
    assert page.worker_id == worker.id and page.message.text() == "登记成功。"


def test_print_card_refer_and_131_taps(page: DeskPage, services: Services,
                                       zhang: Worker) -> None:
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok)
    page.show_worker(zhang.id)
    page.print_button.click()
    assert audited(services, AuditAction.PRINT_CARD) == [(CLERK, zhang.id)]

    assert page.fit.rowCount() == 1
    page.fit.selectRow(0)
    page.refer_button.click()
    [referral] = services.store.referrals.where()
    assert referral.worker_id == zhang.id and referral.job_id == job.value.id
    assert page.message.text() == "已推荐，正在打印推荐单。"

    box = page.services_box
    box.note.setText("电话沟通求职意向")
    box.buttons[ServiceKind.GUIDANCE].click()
    box.buttons[ServiceKind.RECOMMENDATION].click()
    assert "职业指导 1/1" in box.summary.text() and "岗位推荐 1/3" in box.summary.text()
    assert box.message.text() == "已记录：岗位推荐。"
    events = list(services.store.service_events.where(order_by="created_at, rowid"))
    assert [(e.kind, e.note) for e in events] == [
        (ServiceKind.GUIDANCE, "电话沟通求职意向"), (ServiceKind.RECOMMENDATION, "")]
    assert len(audited(services, AuditAction.SERVICE_EVENT)) == 2


def test_screenshots_with_a_day_of_data(qtbot: QtBot, window: CounterWindow,
                                        services: Services, clock: FixedClock,
                                        zhang: Worker) -> None:
    for seq, name, birth, changes in (
            (103, "张建军", date(1990, 4, 2), {"trades": ["C01", "C11"]}),
            (105, "赵家国", date(1972, 9, 9), {"trades": ["C01"], "disabled": True}),
            (108, "周静", date(1988, 1, 15), {"trades": ["S01", "S02"]}),
            (109, "张金刚", date(1996, 7, 30), {"trades": ["C01", "C12"]})):
        register(services, seq, name, id_number=id_number(birth, seq=seq), **changes)
    clock.advance(days=12)
    assert isinstance(desk.update_worker(services, zhang.id, worker_draft(
        name="张建国", id_number="", phone=zhang.phone, trades=["C01", "C09"],
        certificates=["work_at_height"], areas=["槐荫区"], low_income=True,
        skills_note="砌砖抹灰二十年，会看图纸，能带五六个人的班组")), Ok)
    employer = services.register_employer(employer_draft(name="济南鲁建建筑劳务有限公司"))
    assert isinstance(employer, Ok)
    for title, place, hour in (("小区外墙砌砖", "槐荫区腊山河西路 阳光小区", "07:00"),
                               ("厂房隔墙砌筑", "槐荫区美里湖工业园", "07:30")):
        assert isinstance(services.post_job(job_draft(
            employer.value.id, title=title, place=place, area="槐荫区",
            start_date=services.today(), start_time=hour)), Ok)
    assert isinstance(services.add_service_event(zhang.id, ServiceKind.GUIDANCE), Ok)
    page = window.show_page(DESK)
    assert isinstance(page, DeskPage)
    assert search(qtbot, page, "zj") == ["周静", "张建军", "张建国", "张金刚", "赵家国"]
    page.results.select_id(zhang.id)
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "desk.png")
    window.toggle_language()
    grab(window, SHOTS / "desk-en.png")
    window.toggle_language()
    page.new_button.click()
    assert page.form is not None
    grab(page.form, SHOTS / "desk-register.png")


def test_a_worker_is_erased_at_their_request_with_a_supervisor(
        qtbot: QtBot, page: DeskPage, services: Services, zhang: Worker) -> None:
    page.show_worker(zhang.id)
    assert page.erase_button.isEnabled()

    QTimer.singleShot(0, approve_in_dialog())
    page.erase_button.click()
    kept = services.worker(zhang.id)
    assert kept is not None and kept.name == ERASED_NAME and kept.phone == ""
    assert not page.erase_button.isEnabled() and page.values["phone"].text() == ""
    assert page.message.text() == f"已删除：{zhang.name}的个人信息已清除。"
    assert (SUPERVISOR, zhang.id) in audited(services, AuditAction.WORKER_ERASE)


def test_a_clerk_alone_cannot_erase_a_worker(qtbot: QtBot, page: DeskPage,
                                            services: Services, zhang: Worker) -> None:
    page.show_worker(zhang.id)

    def try_as_clerk() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SupervisorDialog)
        dialog.staff_id.setText(CLERK)
        dialog.pin.setText("258036")
        dialog.approve()
        assert dialog.isVisible() and "主管" in dialog.error.text()
        dialog.reject()

    QTimer.singleShot(0, try_as_clerk)
    page.erase_button.click()
    kept = services.worker(zhang.id)
    assert kept is not None and kept.name == zhang.name and kept.phone == zhang.phone


def test_staff_put_a_rare_character_into_a_name_by_its_pinyin(
        qtbot: QtBot, page: DeskPage, services: Services, zhang: Worker) -> None:
    """The counter PC's input method may not offer 䶮: 生僻字… finds it by pinyin after the
    common characters, and the corrected name is stored."""
    page.show_worker(zhang.id)
    form = open_edit(page)
    form.name.setText("张建")
    assert not form.rare_chars.isVisible()
    form.rare_button.click()
    assert form.rare_chars.isVisible()
    qtbot.keyClicks(form.rare_chars.letters, "yan")
    shown = [b.text() for b in form.rare_chars.buttons if b.isVisible()]
    assert shown[0] == "燕" and "䶮" not in shown  # common name characters first
    pages = 0
    while "䶮" not in [b.text() for b in form.rare_chars.buttons if b.isVisible()]:
        form.rare_chars.more.click()
        pages += 1
        assert pages < 30
    SHOTS.mkdir(exist_ok=True)
    grab(form, SHOTS / "desk-rare-character.png")
    [button] = [b for b in form.rare_chars.buttons if b.text() == "䶮"]
    button.click()
    assert form.name.text() == "张建䶮"
    form.id_number.setText(id_number(BIRTH, seq=101))
    form.save_button.click()
    stored = services.worker(zhang.id)
    assert stored is not None and stored.name == "张建䶮", form.form.error_text("name")
