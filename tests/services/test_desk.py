"""The counter's worker desk on a real SQLite file: finding workers by every key, hardship
cases with their "131" progress and order, and edits that keep the ID number hidden."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.core.errors import Err, Ok
from kiosk.core.matching import Hardship
from kiosk.core.pinyin_input import PinyinIndex
from kiosk.core.records import AuditAction, ReferralStatus, ServiceKind, Worker
from kiosk.services import desk
from kiosk.services.hall import Services
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.courses import ELECTRICIANS, FIRST_SESSION, OPEN_DAY, keep_demo_courses

YOUNG = date(1995, 6, 1)  # not an older worker


def register(services: Services, seq: int, name: str = "张建国", *,
             birth: date = YOUNG, **changes: object) -> Worker:
    draft = worker_draft(name=name, id_number=id_number(birth, seq=seq),
                         phone=f"138053{seq:05d}", **changes)
    result = services.register_worker(draft)
    assert isinstance(result, Ok), result
    return result.value


def found(services: Services, text: str) -> list[str]:
    result = desk.find_workers(services, text)
    assert isinstance(result, Ok), result
    return [row.name for row in result.value]


def hire(services: Services, worker: Worker) -> None:
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id, start_date=services.today()))
    assert isinstance(job, Ok)
    referral = services.refer(job.value.id, worker.id)
    assert isinstance(referral, Ok)
    assert isinstance(services.record_outcome(referral.value.id, ReferralStatus.HIRED), Ok)


# -- finding ---------------------------------------------------------------------------
def test_the_search_key_follows_what_was_typed() -> None:
    assert desk.search_key(" 370104 19750314 123x ") == (desk.SearchKey.ID_NUMBER,
                                                        "37010419750314123X")
    assert desk.search_key("138 0531 1234") == (desk.SearchKey.PHONE, "13805311234")
    assert desk.search_key("1234") == (desk.SearchKey.PHONE, "1234")
    assert desk.search_key("ZJG") == (desk.SearchKey.INITIALS, "zjg")
    assert desk.search_key("ｚｊｇ") == (desk.SearchKey.INITIALS, "zjg")  # full-width
    assert desk.search_key("建国") == (desk.SearchKey.NAME, "建国")
    assert desk.search_key("123") is None and desk.search_key("  ") is None


def test_find_by_the_whole_id_number(services: Services) -> None:
    worker = register(services, 101)
    register(services, 103, "李红")
    result = desk.find_workers(services, id_number(YOUNG, seq=101).lower())
    assert isinstance(result, Ok)
    [row] = result.value
    assert row.worker_id == worker.id
    assert row.id_masked == worker.id_masked and "*" in row.id_masked
    assert row.phone_masked == "138****0101"
    assert id_number(YOUNG, seq=101) not in repr(row) and "13805300101" not in repr(row)
    assert found(services, id_number(YOUNG, seq=105)) == []  # valid, not registered


def test_a_wrong_id_number_says_why(services: Services) -> None:
    number = id_number(YOUNG, seq=101)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    result = desk.find_workers(services, wrong)
    assert isinstance(result, Err) and result.codes() == {"checksum"}


def test_find_by_mobile_number_and_by_its_last_digits(services: Services) -> None:
    register(services, 101, "张建国")
    register(services, 102, "李红")
    assert found(services, "13805300102") == ["李红"]
    assert found(services, "0101") == ["张建国"]
    assert found(services, "5300") == []  # the last digits, not any part
    assert found(services, "13905300102") == []


def test_find_by_name_or_part_of_it_the_exact_name_first(services: Services) -> None:
    register(services, 101, "张建国华")
    register(services, 103, "张建国")
    register(services, 105, "王芳")
    assert found(services, "张建国") == ["张建国", "张建国华"]
    assert found(services, "建国") == ["张建国", "张建国华"]
    assert found(services, "芳") == ["王芳"]
    assert found(services, "%") == []  # LIKE wildcards are literal


def test_find_by_pinyin_initials(services: Services) -> None:
    register(services, 101, "张建国")
    register(services, 103, "赵佳")
    register(services, 105, "张建国华")
    register(services, 107, "王芳")
    assert found(services, "zjg") == ["张建国", "张建国华"]  # whole initials first
    assert found(services, "zj") == ["赵佳", "张建国", "张建国华"]
    assert found(services, "ZJGH") == ["张建国华"]
    assert found(services, "wf") == ["王芳"]
    assert found(services, "xyz") == []


def test_initials_cover_every_reading_and_skip_separators() -> None:
    index = PinyinIndex.load()
    assert desk.name_initials("张建国", index) == ("zjg",)
    assert set(desk.name_initials("单丽", index)) >= {"dl", "sl"}
    assert "mmtal" in desk.name_initials("买买提·艾力", index)
    assert desk.name_initials("Anna李", index) == ("annal",)


def test_the_name_directory_learns_new_and_renamed_workers(services: Services) -> None:
    assert found(services, "zjg") == []  # the directory is loaded, empty
    worker = register(services, 101, "张建国")  # registered elsewhere (not through desk)
    assert found(services, "zjg") == ["张建国"]
    renamed = desk.update_worker(services, worker.id, worker_draft(
        name="李建国", id_number="", phone="13805300101"))
    assert isinstance(renamed, Ok)
    assert found(services, "ljg") == ["李建国"]
    assert found(services, "zjg") == []  # the old name finds nobody


# -- editing ---------------------------------------------------------------------------
def test_an_edit_with_no_id_number_keeps_the_stored_one(services: Services) -> None:
    worker = register(services, 101)
    result = desk.update_worker(services.as_staff("S001"), worker.id, worker_draft(
        name="张建国", id_number="", phone="13905319999", trades=["C03"]))
    assert isinstance(result, Ok), result
    stored = services.worker(worker.id)
    assert stored is not None and stored.phone == "13905319999" and stored.trades == ("C03",)
    assert stored.id_index == worker.id_index
    [audit] = services.store.audit_events.where("action = ?", [AuditAction.WORKER_UPDATE])
    assert audit.staff_id == "S001" and audit.entity_id == worker.id


def test_once_the_hub_has_the_id_number_an_edit_needs_it_typed(services: Services) -> None:
    worker = register(services, 101)
    with services.store.write():
        services.store.conn.execute("UPDATE workers SET id_number = NULL")
    draft = worker_draft(id_number="", phone="13905319999")
    result = desk.update_worker(services, worker.id, draft)
    assert isinstance(result, Err) and result.fields() == {"id_number"}
    typed = desk.update_worker(services, worker.id, worker_draft(
        id_number=id_number(YOUNG, seq=101), phone="13905319999"))
    assert isinstance(typed, Ok)


def test_a_bad_phone_stores_nothing(services: Services) -> None:
    worker = register(services, 101)
    result = desk.update_worker(services, worker.id, worker_draft(id_number="", phone="12345"))
    assert isinstance(result, Err) and result.fields() == {"phone"}
    assert services.worker(worker.id) == worker


# -- hardship "131" --------------------------------------------------------------------
def test_hardship_flags_and_who_is_not_a_case(services: Services, clock: FixedClock) -> None:
    low_income = register(services, 101, "甲", low_income=True)
    disabled = register(services, 103, "乙", disabled=True)
    older = register(services, 105, "丙", birth=date(1970, 1, 1))  # a man of 56
    register(services, 107, "丁")  # young, just registered: not a case
    cases = {c.name: c for c in desk.hardship_cases(services)}
    assert set(cases) == {"甲", "乙", "丙"}
    assert cases["甲"].hardships == (Hardship.LOW_INCOME,)
    assert cases["乙"].hardships == (Hardship.DISABLED,)
    assert cases["丙"].hardships == (Hardship.OLDER,)
    assert {low_income.id, disabled.id, older.id} == {c.worker_id for c in cases.values()}

    clock.advance(days=services.settings.long_wait_days)
    cases = {c.name: c for c in desk.hardship_cases(services)}
    assert set(cases) == {"甲", "乙", "丙", "丁"}
    assert cases["丁"].hardships == (Hardship.LONG_WAIT,)
    assert cases["丁"].days_waiting == services.settings.long_wait_days


def test_a_hire_ends_the_long_wait(services: Services, clock: FixedClock) -> None:
    worker = register(services, 101, "丁")
    clock.advance(days=40)
    assert [c.name for c in desk.hardship_cases(services)] == ["丁"]
    hire(services, worker)
    assert desk.hardship_cases(services) == []


def attended(services: Services, clock: FixedClock, worker: Worker) -> None:
    """The worker signs up for the demo's electricians' course and is present at its first
    session (the clock comes back to where it was)."""
    now = clock.moment
    keep_demo_courses(services.store)
    clock.moment = OPEN_DAY
    signup = services.sign_up(worker.id, ELECTRICIANS)
    assert isinstance(signup, Ok), signup
    clock.moment = FIRST_SESSION
    assert isinstance(services.as_staff("S001").record_attendance(signup.value.id, 1), Ok)
    clock.moment = now


def test_least_progress_first_then_the_longest_wait(services: Services,
                                                    clock: FixedClock) -> None:
    first = register(services, 101, "甲", low_income=True)
    clock.advance(days=1)
    second = register(services, 103, "乙", low_income=True)
    clock.advance(days=1)
    third = register(services, 105, "丙", low_income=True)
    assert [c.name for c in desk.hardship_cases(services)] == ["甲", "乙", "丙"]

    staff = services.as_staff("S001")
    assert isinstance(desk.record_131(staff, first.id, ServiceKind.GUIDANCE, "面谈"), Ok)
    attended(services, clock, second)  # training counts from attendance, not a tick
    assert isinstance(desk.record_131(staff, second.id, ServiceKind.RECOMMENDATION), Ok)
    cases = desk.hardship_cases(services)
    assert [c.name for c in cases] == ["丙", "甲", "乙"]
    assert [c.progress.done for c in cases] == [0, 1, 2]
    assert cases[0].days_waiting == 0 and cases[1].days_waiting == 2
    assert desk.hardship_cases(services, limit=2)[-1].name == "甲"

    for _ in range(4):
        assert isinstance(desk.record_131(staff, third.id, ServiceKind.RECOMMENDATION), Ok)
    attended(services, clock, third)
    progress = desk.progress_of(services, third.id)
    assert (progress.guidance, progress.recommendations, progress.training) == (0, 4, 1)
    assert progress.done == 4 and not progress.complete
    assert isinstance(desk.record_131(staff, third.id, ServiceKind.GUIDANCE), Ok)
    assert desk.progress_of(services, third.id).complete
    assert [c.name for c in desk.hardship_cases(services)][-1] == "丙"
    audits = list(services.store.audit_events.where("action = ?", [AuditAction.SERVICE_EVENT]))
    assert len(audits) == 7 and {a.staff_id for a in audits} == {"S001"}


def test_a_training_tick_is_refused_and_an_old_one_is_not_counted(
        services: Services) -> None:
    worker = register(services, 101, low_income=True)
    refused = desk.record_131(services, worker.id, ServiceKind.TRAINING)
    assert isinstance(refused, Err) and refused.errors[0].code == "training_from_attendance"
    assert isinstance(services.add_service_event(worker.id, ServiceKind.TRAINING), Ok)  # old
    progress = desk.progress_of(services, worker.id)
    assert (progress.training, progress.legacy_training, progress.done) == (0, 1, 0)


def test_a_recommendation_may_name_a_job_and_nothing_else_may(services: Services) -> None:
    worker = register(services, 101, low_income=True)
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok)
    event = desk.record_131(services, worker.id, ServiceKind.RECOMMENDATION, "", job.value.id)
    assert isinstance(event, Ok) and event.value.job_id == job.value.id
    wrong = desk.record_131(services, worker.id, ServiceKind.GUIDANCE, "", job.value.id)
    assert isinstance(wrong, Err) and wrong.fields() == {"job_id"}
    assert isinstance(desk.record_131(services, "nobody", ServiceKind.GUIDANCE), Err)


def test_worker_detail_has_flags_progress_and_wait(services: Services,
                                                   clock: FixedClock) -> None:
    worker = register(services, 101, disabled=True)
    clock.advance(days=3)
    assert isinstance(desk.record_131(services, worker.id, ServiceKind.GUIDANCE), Ok)
    detail = desk.worker_detail(services, worker.id)
    assert detail is not None
    assert detail.hardships == (Hardship.DISABLED,)
    assert detail.progress == desk.Progress(guidance=1)
    assert detail.days_waiting == 3 and detail.phone_masked == "138****0101"
    assert desk.worker_detail(services, "nobody") is None


@pytest.mark.parametrize("sql", [
    "SELECT m.worker_id FROM worker_match m INDEXED BY worker_match_wait "
    "ORDER BY m.last_work_at, m.worker_id",
    "SELECT rowid FROM workers INDEXED BY workers_name WHERE name LIKE '%a%'",
])
def test_the_desk_reads_use_their_indexes(services: Services, sql: str) -> None:
    plan = " ".join(str(row) for row in services.store.conn.execute(
        "EXPLAIN QUERY PLAN " + sql))
    assert "USING" in plan and "INDEX" in plan and "TEMP B-TREE" not in plan
