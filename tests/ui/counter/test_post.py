"""招工登记 at the counter: a post blocked by a discriminatory phrase, saved after the edit;
a supervisor's override audited; field errors shown and nothing stored."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.core.records import AuditAction
from kiosk.services.hall import Services
from kiosk.ui.counter.post_page import PostPage
from kiosk.ui.counter.supervisor import SupervisorDialog
from kiosk.ui.counter.window import CounterWindow
from tests.ui.counter.conftest import CLERK, SUPERVISOR, Factory, approve_in_dialog


def post_page(window: CounterWindow) -> PostPage:
    page = window.show_page("post")
    assert isinstance(page, PostPage)
    return page


def fill(page: PostPage, *, description: str) -> None:
    values = {"name": "李先生", "phone": "13905317788", "title": "仓库装卸工",
              "place": "槐荫区腊山河西路物流园", "pay_amount": "300"}
    for name, value in values.items():
        field = page.fields[name]
        assert isinstance(field, QLineEdit)
        field.setText(value)
    page.kind.setCurrentIndex(page.kind.findData("individual"))
    page.headcount.setValue(3)
    page.description.setPlainText(description)


def audit(services: Services) -> list[tuple[AuditAction, str]]:
    return [(e.action, e.staff_id)
            for e in services.store.audit_events.where(order_by="created_at, rowid")]


def test_a_discriminatory_post_is_blocked_then_saved_after_the_edit(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    page = post_page(make_counter())
    fill(page, description="限男性，35岁以下，能搬运50斤")
    qtbot.waitUntil(lambda: "限男性" in page.check_result.text(), timeout=2000)
    assert "35岁以下" in page.check_result.text()
    assert not page.save()
    assert "限男性" in page.message.text() and page.override_button.isVisible()
    assert services.store.jobs.count() == 0 and services.store.employers.count() == 0

    page.description.setPlainText("男女不限，年满18周岁，能搬运50斤")
    qtbot.waitUntil(lambda: page.check_result.text() == "未发现歧视性内容。", timeout=2000)
    assert page.save()
    assert services.store.jobs.count() == 1 and services.store.employers.count() == 1
    assert "发布" in page.message.text()
    assert page._line("title").text() == ""  # the form is ready for the next employer
    assert audit(services)[-2:] == [(AuditAction.EMPLOYER_REGISTER, CLERK),
                                    (AuditAction.JOB_POST, CLERK)]


def test_a_supervisor_override_saves_the_post_and_is_audited(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    page = post_page(make_counter())
    fill(page, description="限本地户口")
    assert not page.save()

    QTimer.singleShot(0, approve_in_dialog())
    page.override_button.click()
    assert services.store.jobs.count() == 1
    override = [e for e in services.store.audit_events.where()
                if e.action is AuditAction.JOB_OVERRIDE]
    assert len(override) == 1 and override[0].staff_id == SUPERVISOR
    assert "限本地户口" in override[0].detail and CLERK in override[0].detail


def test_a_clerk_cannot_approve_an_override(qtbot: QtBot, make_counter: Factory,
                                           services: Services) -> None:
    window = make_counter()
    page = window.show_page("post")
    assert isinstance(page, PostPage)
    dialog = SupervisorDialog(window.t, "", page._supervisor, window)
    qtbot.addWidget(dialog)
    dialog.staff_id.setText(CLERK)
    dialog.pin.setText("258036")
    dialog.approve()
    assert dialog.supervisor_id is None and "主管" in dialog.error.text()


def test_bad_fields_are_marked_and_nothing_is_stored(make_counter: Factory,
                                                    services: Services) -> None:
    page = post_page(make_counter())
    fill(page, description="")
    page.fields["phone"].setText("123")  # type: ignore[attr-defined]
    page.fields["pay_amount"].setText("abc")  # type: ignore[attr-defined]
    assert not page.save()
    assert page.fields["phone"].property("invalid") == "true"
    assert page.fields["pay_amount"].property("invalid") == "true"
    assert page.fields["title"].property("invalid") in (None, "false")
    assert services.store.jobs.count() == 0 and services.store.employers.count() == 0


def test_a_returning_employer_is_found_by_phone(make_counter: Factory,
                                               services: Services) -> None:
    page = post_page(make_counter())
    fill(page, description="")
    assert page.save()
    page.find_phone.setText("139 0531 7788")
    page.find_button.click()
    assert page.employer_id is not None and "李先生" in page.found.text()
    assert not page.fields["name"].isEnabled()
    fill(page, description="")
    assert page.save()
    assert services.store.employers.count() == 1 and services.store.jobs.count() == 2


def test_hazards_gear_and_insurance_are_posted_and_edited_back(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    from PySide6.QtCore import Qt

    from kiosk.core.records import Gear, Hazard, InsuranceKind

    page = post_page(make_counter())
    fill(page, description="外墙保温，脚手架作业")
    page.hazards[Hazard.HEIGHT].setChecked(True)
    page.hazards[Hazard.HEAT].setChecked(True)
    assert [page.gear.item(i).text() for i in range(3)] == ["安全帽", "安全带", "绝缘手套"]
    for row in (0, 1):  # 安全帽, 安全带
        page.gear.item(row).setCheckState(Qt.CheckState.Checked)
    page.insurance_kind.setCurrentIndex(page.insurance_kind.findData("employer_liability"))
    assert page.provided["insurance"].isChecked() and not page.provided["insurance"].isEnabled()
    qtbot.waitUntil(lambda: page.check_result.text() == "未发现歧视性内容。", timeout=2000)
    assert page.save()
    job, = services.store.jobs.where()
    assert job.hazards == (Hazard.HEIGHT, Hazard.HEAT)
    assert job.protective_gear == (Gear.HELMET, Gear.HARNESS)
    assert (job.insurance_kind, job.insurance) == (InsuranceKind.EMPLOYER_LIABILITY, True)
    assert not page.hazards[Hazard.HEIGHT].isChecked()  # cleared for the next employer

    assert page.load_job(job.id)
    assert page.hazards[Hazard.HEIGHT].isChecked() and not page.hazards[Hazard.COLD].isChecked()
    assert page._ticked(page.gear) == ["helmet", "harness"]
    assert page.insurance_kind.currentData() == "employer_liability"
    page.hazards[Hazard.HEAT].setChecked(False)
    page.insurance_kind.setCurrentIndex(page.insurance_kind.findData("none"))
    assert not page.provided["insurance"].isChecked()
    assert page.save()
    edited = services.store.jobs.get(job.id)
    assert edited is not None and edited.hazards == (Hazard.HEIGHT,)
    assert (edited.insurance_kind, edited.insurance) == (InsuranceKind.NONE, False)
