"""待审核 at the counter, by its real buttons: approve an employer's own post, open one in
招工登记 and approve it as edited, refuse one with a reason; each audited with the staff
id, and only approved posts become jobs."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.core.records import AuditAction
from kiosk.core.self_posts import SelfPostStatus
from kiosk.services.hall import Services
from kiosk.ui.counter.post_page import PostPage
from kiosk.ui.counter.review_page import ReviewPage
from tests.conftest import employer_draft, job_draft
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, Factory

SHOTS = Path("/tmp/shots-employer")


def submit(services: Services, **job: object) -> str:
    result = services.submit_self_post(job_draft("", **job), employer=employer_draft(
        kind="company", name="鲁班建筑劳务有限公司", uscc="91350100M000100Y43",
        role="dispatch"))
    assert isinstance(result, Ok), result
    return result.value.id


def test_approve_edit_and_refuse_by_the_buttons(qtbot: QtBot, make_counter: Factory,
                                                services: Services) -> None:
    first = submit(services)
    second = submit(services, title="搬运装车", trade="L01")
    third = submit(services, title="粉刷墙面", trade="C06")
    window = make_counter()
    page = window.show_page("review")
    assert isinstance(page, ReviewPage)
    assert page.posts.rowCount() == 3
    assert page.posts.select_id(first)
    assert "ZG20261123-001" in page.about.text() and "139****7788" in page.about.text()
    assert "13905317788" not in page.about.text()
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-review-zh.png")
    page.approve_button.click()
    assert services.store.jobs.count() == 1
    assert page.posts.rowCount() == 2
    # edit, then approve: the post opens in 招工登记, saving approves it as edited
    assert page.posts.select_id(second)
    page.edit_button.click()
    post_page = window.show_page("post")
    assert isinstance(post_page, PostPage) and post_page.reviewing is not None
    post_page.headcount.setValue(6)
    post_page.save_button.click()
    jobs = {j.title: j for j in services.store.jobs.where("1 = 1", [])}
    assert jobs["搬运装车"].headcount == 6
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
