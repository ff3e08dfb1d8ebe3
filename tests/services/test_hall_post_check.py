"""Services.post_job runs the discrimination check: blocked until edited, or overridden."""

from __future__ import annotations

from kiosk.core.errors import Err, Ok
from kiosk.core.staff import StaffRole
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from tests.conftest import employer_draft, job_draft


def employer_id(services: Services) -> str:
    result = services.register_employer(employer_draft())
    assert isinstance(result, Ok)
    return result.value.id


def test_discriminatory_post_is_blocked_and_nothing_is_written(services: Services) -> None:
    draft = job_draft(employer_id(services), title="仓库装卸", description="限男性，35岁以下")
    result = services.post_job(draft)
    assert isinstance(result, Err)
    assert result.codes() == {"discriminatory"} and result.fields() == {"description"}
    assert [e.params["phrase"] for e in result.errors] == ["限男性", "35岁以下"]
    assert "请修改" in result.errors[0].text("zh_CN")
    assert services.store.jobs.count() == 0


def test_edited_post_is_saved_and_warnings_do_not_block(services: Services) -> None:
    draft = job_draft(employer_id(services), title="男工5名", description="男女不限，年满18周岁")
    assert isinstance(services.post_job(draft), Ok)


def test_supervisor_override_saves_the_post(services: Services) -> None:
    assert isinstance(StaffAccounts(services).add("S900", "赵主任", StaffRole.SUPERVISOR,
                                                  "730519"), Ok)
    draft = job_draft(employer_id(services), title="仓库装卸", description="限男性")
    assert isinstance(services.post_job(draft, override_by="S900"), Ok)


def test_new_employer_post_is_checked_too(services: Services) -> None:
    draft = job_draft("", title="保洁，乙肝勿扰")
    result = services.post_job_for_new_employer(employer_draft(), draft)
    assert isinstance(result, Err) and result.fields() == {"title"}
    assert services.store.employers.count() == 0
    assert isinstance(services.post_job_for_new_employer(
        employer_draft(), draft, override_by="S001"), Err)  # nobody with that id
    assert isinstance(StaffAccounts(services).add("S001", "赵主任", StaffRole.SUPERVISOR,
                                                  "730519"), Ok)
    assert isinstance(services.post_job_for_new_employer(
        employer_draft(), draft, override_by="S001"), Ok)
