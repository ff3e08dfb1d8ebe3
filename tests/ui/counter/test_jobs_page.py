"""岗位管理 at the counter, by its real buttons: edit a job in 招工登记 (a new version of the
same record), mark it filled, re-open it, extend it, record the employer's no-show and
cancel it with a reason; each audited; errors said in words, nothing stored."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.core.records import AuditAction, JobPost, JobStatus
from kiosk.services.hall import Services
from kiosk.ui.counter.jobs_page import JobsPage
from kiosk.ui.counter.post_page import PostPage
from tests.conftest import TODAY, employer_draft, job_draft
from tests.ui.counter.conftest import Factory


def a_job(services: Services) -> JobPost:
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id, trade="L04", title="仓库叉车",
                                      meeting_point="物流园北门", days="3", meals=True))
    assert isinstance(job, Ok), job
    return job.value


def actions(services: Services, job_id: str) -> list[AuditAction]:
    return [e.action for e in services.store.audit_events.where(
        "entity_id = ?", [job_id], order_by="created_at, rowid")]


def test_every_lifecycle_action_by_its_button(qtbot: QtBot, make_counter: Factory,
                                              services: Services) -> None:
    job = a_job(services)
    window = make_counter()
    page = window.show_page("jobs")
    assert isinstance(page, JobsPage)
    assert page.jobs.select_id(job.id)
    assert not page.reopen_button.isEnabled() and page.cancel_button.isEnabled()

    page.edit_button.click()  # the job opens in 招工登记, every fact filled in
    post = window.current_page()
    assert isinstance(post, PostPage) and post.editing is not None
    meeting = post.fields["meeting_point"]
    assert isinstance(meeting, QLineEdit) and meeting.text() == "物流园北门"
    assert post.provided["meals"].isChecked() and post.end_date.value() == job.end_date
    assert post.pay_amount.text() == "350" and post.trade.currentData() == "L04"
    meeting.setText("物流园南门")
    assert post.save_button.text() == "保存修改"
    assert post.save(), post.message.text()
    edited = services.store.jobs.get(job.id)
    assert edited is not None and edited.meeting_point == "物流园南门"
    assert services.store.jobs.count() == 1 and edited.certificates == ("forklift",)

    page = window.show_page("jobs")
    assert isinstance(page, JobsPage) and page.jobs.select_id(job.id)
    page.fill_button.click()
    assert services.store.jobs.get(job.id).status is JobStatus.FILLED  # type: ignore[union-attr]
    page.reopen_button.click()
    assert services.store.jobs.get(job.id).status is JobStatus.OPEN  # type: ignore[union-attr]
    page.extend_button.click()  # no day chosen: said, nothing stored
    assert page.message.text() == "请选择新的最后工作日。"
    page.end_date.set_value(TODAY + timedelta(days=10))
    page.extend_button.click()
    extended = services.store.jobs.get(job.id)
    assert extended is not None and extended.end_date == TODAY + timedelta(days=10)
    page.no_show_button.click()
    assert "雇主未到场：1 次" in page.chosen.text()
    page.cancel_button.click()  # no reason: refused
    assert "必填" in page.message.text()
    assert services.store.jobs.get(job.id).status is JobStatus.OPEN  # type: ignore[union-attr]
    page.reason.setText("雇主改期")
    page.cancel_button.click()
    cancelled = services.store.jobs.get(job.id)
    assert cancelled is not None and cancelled.status is JobStatus.CLOSED
    assert "原因：雇主改期" in page.chosen.text() and page.reopen_button.isEnabled()
    assert actions(services, job.id) == [  # the post itself was not made at the counter
        AuditAction.JOB_EDIT, AuditAction.JOB_FILL, AuditAction.JOB_REOPEN,
        AuditAction.JOB_EXTEND, AuditAction.JOB_EMPLOYER_NO_SHOW, AuditAction.JOB_CANCEL]
