"""Employers' own posts: kept for review, never a job (nor synced) until staff approve."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kiosk.core.errors import Err, Ok
from kiosk.core.records import AuditAction, EmployerRole, JobStatus
from kiosk.core.self_posts import SelfPostSource, SelfPostStatus, reference_for
from kiosk.services.hall import Services
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from tests.conftest import FixedClock, employer_draft, id_number, job_draft

USCC = "91370104MA3C4XYZ1J"  # not valid (check character): see test_bad_uscc
GANG_MASTER_ID = id_number(date(1971, 6, 9), seq=217)
LICENCE = "鲁济劳派许字〔2019〕第0123号"


def _outbox_entities(store: Store) -> list[str]:
    return [row[0] for row in store.conn.execute("SELECT entity FROM outbox ORDER BY rowid")]


def _submit(services: Services, role: str = "gang_master", **job: object) -> str:
    """A new employer's post; a 揽头 (the default) or an agency is taken without the ID or
    licence number the employer shows at the counter."""
    result = services.submit_self_post(job_draft("", **job),
                                       employer=employer_draft(role=role))
    assert isinstance(result, Ok), result
    return result.value.id


def test_a_pending_post_is_no_job_anywhere(services: Services, store: Store) -> None:
    post_id = _submit(services)
    post = services.self_post(post_id)
    assert post is not None and post.status is SelfPostStatus.PENDING
    assert post.reference == "ZG20261123-001"
    assert reference_for(date(2027, 11, 23), 1) != post.reference  # a year on: another
    assert store.jobs.count() == 0 and store.employers.count() == 0
    assert services.open_jobs() == [] and services.count_open_jobs() == 0
    assert _outbox_entities(store) == []  # nothing for the hub, so nothing for other halls
    assert [p.id for p in services.pending_self_posts()] == [post_id]
    (job,) = store.print_queue.queued()
    assert (job.kind, job.ref_id) == (PrintKind.SELF_POST, post_id)


def test_approval_makes_the_job_and_audits_the_staff_id(services: Services,
                                                        store: Store) -> None:
    post_id = _submit(services, role="direct")
    assert isinstance(services.approve_self_post(post_id), Err)  # only signed-in staff
    result = services.as_staff("S001").approve_self_post(post_id)  # one tap: nothing missing
    assert isinstance(result, Ok), result
    job = result.value
    assert job.status is JobStatus.OPEN
    assert [listing.job.id for listing in services.open_jobs()] == [job.id]
    employer = store.employers.get(job.employer_id)
    assert employer is not None and employer.role is EmployerRole.DIRECT
    assert _outbox_entities(store) == ["employer", "audit", "job", "audit", "audit"]
    audits = store.audit_events.where("action = ?", [AuditAction.SELF_POST_APPROVE.value])
    assert [(a.staff_id, a.entity, a.entity_id) for a in audits] == [
        ("S001", "self_post", post_id)]
    decided = services.self_post(post_id)
    assert decided is not None and decided.status is SelfPostStatus.APPROVED
    assert decided.job_id == job.id and decided.staff_id == "S001"
    again = services.as_staff("S002").approve_self_post(post_id)
    assert isinstance(again, Err) and again.errors[0].code == "already_decided"
    assert store.jobs.count() == 1


def test_a_gang_masters_post_waits_for_the_id_card_at_the_counter(services: Services,
                                                                  store: Store) -> None:
    post_id = _submit(services)  # taken without the ID number
    post = services.self_post(post_id)
    assert post is not None and post.employer is not None and post.employer.id_number == ""
    review = services.review_self_post(post, "zh_CN")
    assert review.errors == ()
    assert [(e.field, e.code) for e in review.missing] == [("id_number", "check_at_counter")]
    staff = services.as_staff("S001")
    plain = staff.approve_self_post(post_id)
    assert isinstance(plain, Err)
    assert [(e.field, e.code) for e in plain.errors] == [("id_number", "check_at_counter")]
    assert plain.errors[0].text("zh_CN") == \
        "揽头需核验身份证号码后才能发布：请点“修改后批准”填写。"
    wrong = staff.approve_self_post(post_id, id_number=GANG_MASTER_ID[:-1] + "0")
    assert isinstance(wrong, Err) and wrong.errors[0].field == "id_number"
    assert wrong.errors[0].code != "check_at_counter"  # what is wrong with what staff typed
    assert store.jobs.count() == 0 and store.employers.count() == 0
    assert _outbox_entities(store) == []
    approved = staff.approve_self_post(post_id, id_number=GANG_MASTER_ID)
    assert isinstance(approved, Ok), approved
    employer = store.employers.get(approved.value.employer_id)
    assert employer is not None and employer.role is EmployerRole.GANG_MASTER
    assert employer.id_number == GANG_MASTER_ID and employer.id_masked.startswith("3701")
    assert employer.display_name == "李*生"  # a person's name, masked on boards
    decided = services.self_post(post_id)  # the number lives in the employer's record only
    assert decided is not None and decided.employer is not None
    assert decided.employer.id_number == ""
    assert GANG_MASTER_ID not in str(store.conn.execute(
        "SELECT * FROM self_posts").fetchall())


def test_an_agencys_post_waits_for_its_licence(services: Services, store: Store) -> None:
    post_id = _submit(services, role="dispatch")
    staff = services.as_staff("S001")
    plain = staff.approve_self_post(post_id)
    assert isinstance(plain, Err)
    (missing,) = plain.errors
    assert (missing.field, missing.code) == ("licence_no", "check_at_counter")
    assert "劳务派遣经营许可证" in missing.text("zh_CN")
    assert "labour dispatch licence" in missing.text("en")
    assert store.jobs.count() == 0
    approved = staff.approve_self_post(post_id, licence_no=LICENCE)
    assert isinstance(approved, Ok), approved
    employer = store.employers.get(approved.value.employer_id)
    assert employer is not None and employer.licence_no == LICENCE


def test_edit_then_approve(services: Services, store: Store) -> None:
    post_id = _submit(services)
    post = services.self_post(post_id)
    assert post is not None
    from dataclasses import replace
    result = services.as_staff("S001").approve_self_post(
        post_id, replace(post.job, headcount="5", place="槐荫区段店北路188号"),
        id_number=GANG_MASTER_ID)
    assert isinstance(result, Ok), result
    assert result.value.headcount == 5 and result.value.place == "槐荫区段店北路188号"
    (audit,) = store.audit_events.where("action = ?", [AuditAction.SELF_POST_APPROVE.value])
    assert audit.detail.endswith("edited")


def test_refusal_needs_a_reason_and_makes_no_job(services: Services, store: Store) -> None:
    post_id = _submit(services)
    staff = services.as_staff("S001")
    no_reason = staff.refuse_self_post(post_id, "  ")
    assert isinstance(no_reason, Err) and no_reason.errors[0].field == "reason"
    result = staff.refuse_self_post(post_id, "电话打不通，无法核实用工单位")
    assert isinstance(result, Ok)
    assert result.value.status is SelfPostStatus.REFUSED
    assert store.jobs.count() == 0 and services.pending_self_posts() == []
    (audit,) = store.audit_events.where("action = ?", [AuditAction.SELF_POST_REFUSE.value])
    assert audit.staff_id == "S001" and "电话打不通" in audit.detail
    assert isinstance(staff.approve_self_post(post_id), Err)


def test_the_checks_stop_a_post_and_nothing_is_stored(services: Services,
                                                      store: Store) -> None:
    stopped = services.submit_self_post(job_draft("", title="招砌砖工 限男性"),
                                        employer=employer_draft())
    assert isinstance(stopped, Err)
    assert [e.code for e in stopped.errors] == ["discriminatory"]
    low = services.submit_self_post(job_draft("", pay_amount="100"), employer=employer_draft())
    assert isinstance(low, Err) and low.errors[0].code == "below_minimum_wage"
    bad_company = services.submit_self_post(
        job_draft(""), employer=employer_draft(kind="company", name="鲁班建筑", uscc=USCC))
    assert isinstance(bad_company, Err) and bad_company.errors[0].code == "uscc_invalid"
    assert store.conn.execute("SELECT COUNT(*) FROM self_posts").fetchone() == (0,)
    assert store.print_queue.queued() == []


def test_a_returning_employer_is_named_by_id(services: Services, store: Store) -> None:
    known = services.register_employer(employer_draft(phone="13905310001"))
    assert isinstance(known, Ok)
    found = services.find_employer_by_phone("139 0531 0001")
    assert found is not None and found.id == known.value.id
    result = services.submit_self_post(job_draft(""), employer_id=found.id,
                                       source=SelfPostSource.SCAN)
    assert isinstance(result, Ok)
    approved = services.as_staff("S001").approve_self_post(result.value.id)
    assert isinstance(approved, Ok) and approved.value.employer_id == found.id
    assert store.employers.count() == 1


def test_review_says_what_the_checks_find(services: Services, clock: FixedClock) -> None:
    post_id = _submit(services)
    clock.moment = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # two days on: the start passed
    post = services.self_post(post_id)
    assert post is not None
    review = services.review_self_post(post, "en")
    assert not review.flagged and review.wording == ""
    assert [e.code for e in review.errors] == ["date_past"]
    assert [e.field for e in review.missing] == ["id_number"]
    refused = services.as_staff("S001").approve_self_post(post_id)
    assert isinstance(refused, Err)


def test_counter_hours(services: Services, clock: FixedClock) -> None:
    clock.moment = datetime(2026, 11, 22, 21, 0, tzinfo=UTC)  # 05:00 in Jinan
    opens = services.counter_opens_at()
    assert opens is not None and (opens.day, opens.hour, opens.minute) == (23, 8, 30)
    clock.moment = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00
    assert services.counter_opens_at() is None
    clock.moment = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)  # 19:00: tomorrow
    opens = services.counter_opens_at()
    assert opens is not None and opens.day == 24
