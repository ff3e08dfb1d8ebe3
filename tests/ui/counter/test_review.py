"""待审核 at the counter, by its real buttons: approve an employer's own post, open one in
招工登记 and approve it as edited, refuse one with a reason; each audited with the staff
id, and only approved posts become jobs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.core.records import AuditAction
from kiosk.core.self_posts import SelfPostStatus
from kiosk.services.hall import Services
from kiosk.ui.counter.post_page import PostPage
from kiosk.ui.counter.review_page import ReviewPage
from tests.conftest import employer_draft, id_number, job_draft
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, Factory

SHOTS = Path("/tmp/shots-employer")


AGENCY = {"kind": "company", "name": "鲁班建筑劳务有限公司", "uscc": "91350100M000100Y43",
          "role": "dispatch"}
GANG_MASTER = {"name": "刘德胜", "role": "gang_master"}
GANG_MASTER_ID = id_number(date(1968, 5, 2), seq=315)


def submit(services: Services, employer: dict[str, str] | None = None, **job: object) -> str:
    result = services.submit_self_post(job_draft("", **job), employer=employer_draft(
        **(AGENCY if employer is None else employer)))
    assert isinstance(result, Ok), result
    return result.value.id


def test_approve_edit_and_refuse_by_the_buttons(qtbot: QtBot, make_counter: Factory,
                                                services: Services) -> None:
    first = submit(services, {})  # an ordinary individual employer
    second = submit(services, GANG_MASTER, title="搬运装车", trade="L01")
    third = submit(services, title="粉刷墙面", trade="C06")
    window = make_counter()
    page = window.show_page("review")
    assert isinstance(page, ReviewPage)
    assert page.posts.rowCount() == 3
    assert page.posts.select_id(first)
    assert "ZG20261123-001" in page.about.text() and "139****7788" in page.about.text()
    assert "13905317788" not in page.about.text()
    assert "尚缺" not in page.findings.text()
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-review-zh.png")
    page.approve_button.click()  # one tap: nothing is missing
    assert services.store.jobs.count() == 1
    assert page.posts.rowCount() == 2
    # a 揽头's post: not without the ID number, which the review page says is missing
    assert page.posts.select_id(second)
    assert "尚缺：揽头需核验身份证号码后才能发布" in page.findings.text()
    page.approve_button.click()
    assert services.store.jobs.count() == 1 and page.posts.rowCount() == 2
    assert page.message.text() == "揽头需核验身份证号码后才能发布：请点“修改后批准”填写。"
    grab(window, SHOTS / "counter-review-gang-master-zh.png")
    window.toggle_language()
    assert page.posts.select_id(second)
    page.approve_button.click()
    assert "gang-master's ID number must be checked" in page.message.text()
    assert "Still missing" in page.findings.text()
    grab(window, SHOTS / "counter-review-gang-master-en.png")
    window.toggle_language()
    # edit, then approve: the post opens in 招工登记 with the ID number to enter
    assert page.posts.select_id(second)
    page.edit_button.click()
    post_page = window.show_page("post")
    assert isinstance(post_page, PostPage) and post_page.reviewing is not None
    id_field = post_page.fields["id_number"]
    assert id_field.isVisible() and id_field.isEnabled()
    assert not post_page.fields["name"].isEnabled()  # the post is the employer's
    post_page.headcount.setValue(6)
    post_page.save_button.click()  # still without the number
    assert services.store.jobs.count() == 1 and post_page.reviewing is not None
    assert "身份证" in post_page.employer_form.errors["id_number"].text()
    grab(window, SHOTS / "counter-post-gang-master-zh.png")
    post_page._line("id_number").setText(GANG_MASTER_ID)
    post_page.save_button.click()
    jobs = {j.title: j for j in services.store.jobs.where("1 = 1", [])}
    assert jobs["搬运装车"].headcount == 6
    gang_master = services.store.employers.get(jobs["搬运装车"].employer_id)
    assert gang_master is not None and gang_master.id_number == GANG_MASTER_ID
    assert gang_master.display_name == "刘*胜"
    # refuse: a reason is required
    page = window.show_page("review")
    assert isinstance(page, ReviewPage)
    assert page.posts.select_id(third)
    page.refuse_button.click()
    assert services.self_post(third).status is SelfPostStatus.PENDING  # type: ignore[union-attr]
    assert page.message.text()
    page.reason.setText("无法联系用工单位核实")
    page.refuse_button.click()
    assert services.self_post(third).status is SelfPostStatus.REFUSED  # type: ignore[union-attr]
    assert services.store.jobs.count() == 2 and page.posts.rowCount() == 0
    decisions = services.store.audit_events.where("entity = ?", ["self_post"])
    assert sorted((a.action, a.staff_id) for a in decisions) == sorted([
        (AuditAction.SELF_POST_APPROVE, CLERK), (AuditAction.SELF_POST_APPROVE, CLERK),
        (AuditAction.SELF_POST_REFUSE, CLERK)])


def test_an_agency_is_approved_once_staff_enter_its_licence(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    post_id = submit(services)
    window = make_counter()
    page = window.show_page("review")
    assert isinstance(page, ReviewPage)
    assert page.posts.select_id(post_id)
    assert "劳务派遣经营许可证" in page.findings.text()
    page.approve_button.click()
    assert services.store.jobs.count() == 0 and "许可证" in page.message.text()
    page.edit_button.click()
    post_page = window.show_page("post")
    assert isinstance(post_page, PostPage)
    assert post_page.fields["licence_no"].isVisible()
    assert not post_page.fields["id_number"].isVisible()  # a firm: no ID card
    post_page._line("licence_no").setText("鲁济劳派许字 〔2019〕 第0123号")
    post_page.save_button.click()
    (job,) = services.store.jobs.where("1 = 1", [])
    employer = services.store.employers.get(job.employer_id)
    assert employer is not None and employer.licence_no == "鲁济劳派许字〔2019〕第0123号"


def test_what_the_checks_found_is_shown(qtbot: QtBot, make_counter: Factory,
                                        services: Services) -> None:
    post_id = submit(services)
    # what a post stored before a rules update would show: wording found by today's check
    services.store.conn.execute(
        "UPDATE self_posts SET job = json_set(job, '$.description', '只招男性') WHERE id = ?",
        (post_id,))
    window = make_counter()
    window.toggle_language() if hasattr(window, "toggle_language") else None
    page = window.show_page("review")
    assert isinstance(page, ReviewPage)
    page.retranslate()
    assert page.posts.select_id(post_id)
    text = page.findings.text()
    assert "男" in text
    page.approve_button.click()
    assert services.store.jobs.count() == 0  # the check stops approval too
    assert page.message.text()
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-review-flagged.png")
