"""Staff accounts: sign-in by id and PIN, the lockout after 5 wrong PINs, and the audit log."""

from __future__ import annotations

from kiosk.core.errors import Err, Ok
from kiosk.core.records import AuditAction, AuditEvent
from kiosk.core.staff import StaffRole
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from tests.conftest import FixedClock, employer_draft, job_draft

PIN = "258036"


def accounts_with(services: Services, role: StaffRole = StaffRole.CLERK) -> StaffAccounts:
    accounts = StaffAccounts(services)
    assert isinstance(accounts.add("s001", "王芳", role, PIN), Ok)
    return accounts


def audit(services: Services) -> list[AuditEvent]:
    return list(services.store.audit_events.where(order_by="created_at, rowid"))


def test_a_new_member_signs_in_with_the_pin_and_the_pin_is_not_stored(
        services: Services) -> None:
    accounts = accounts_with(services)
    signed = accounts.sign_in("S001", PIN)
    assert isinstance(signed, Ok) and signed.value.name == "王芳"
    row = services.store.conn.execute("SELECT pin_hash FROM staff").fetchone()
    assert PIN not in row[0]
    assert [(e.action, e.staff_id) for e in audit(services)] == [(AuditAction.SIGN_IN, "S001")]


def test_unknown_id_and_wrong_pin_give_the_same_message(services: Services) -> None:
    accounts = accounts_with(services)
    unknown, wrong = accounts.sign_in("S999", PIN), accounts.sign_in("S001", "111222")
    assert isinstance(unknown, Err) and isinstance(wrong, Err)
    assert unknown.errors[0].text("zh_CN") == wrong.errors[0].text("zh_CN") == "员工号或密码错误。"


def test_five_wrong_pins_lock_the_id_for_five_minutes(services: Services,
                                                       clock: FixedClock) -> None:
    accounts = accounts_with(services)
    for _ in range(4):
        assert isinstance(accounts.sign_in("S001", "111222"), Err)
    fifth = accounts.sign_in("S001", "111222")
    assert isinstance(fifth, Err) and fifth.codes() == {"locked"}
    assert "08:05" in fifth.errors[0].text("zh_CN")  # 00:00 UTC is 08:00 in the hall
    clock.advance(minutes=4, seconds=59)
    right_but_locked = accounts.sign_in("S001", PIN)
    assert isinstance(right_but_locked, Err) and right_but_locked.codes() == {"locked"}
    clock.advance(seconds=1)
    assert isinstance(accounts.sign_in("S001", PIN), Ok)
    assert [e.action for e in audit(services)] == [AuditAction.LOCKED, AuditAction.SIGN_IN]


def test_a_lock_is_per_staff_id(services: Services) -> None:
    accounts = accounts_with(services)
    assert isinstance(accounts.add("S002", "李强", StaffRole.CLERK, "803612"), Ok)
    for _ in range(5):
        accounts.sign_in("S001", "111222")
    assert isinstance(accounts.sign_in("S002", "803612"), Ok)


def test_a_new_pin_unlocks(services: Services) -> None:
    accounts = accounts_with(services)
    for _ in range(5):
        accounts.sign_in("S001", "111222")
    assert isinstance(accounts.set_pin("S001", "730519"), Ok)
    assert isinstance(accounts.sign_in("S001", "730519"), Ok)
    assert isinstance(accounts.sign_in("S001", PIN), Err)


def test_bad_accounts_are_refused_and_nothing_is_stored(services: Services) -> None:
    accounts = StaffAccounts(services)
    result = accounts.add("员工", "", StaffRole.CLERK, "123456")
    assert isinstance(result, Err) and result.fields() == {"staff_id", "name", "pin"}
    assert accounts.members() == []
    accounts_with(services)
    again = accounts.add("S001", "张伟", StaffRole.CLERK, "803612")
    assert isinstance(again, Err) and again.codes() == {"staff_exists"}


def test_staff_actions_are_audited_in_the_same_transaction_and_queued_for_sync(
        services: Services) -> None:
    accounts_with(services)
    clerk = services.as_staff("S001")
    employer = clerk.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = clerk.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok)
    events = audit(services)
    assert [(e.action, e.entity, e.entity_id) for e in events] == [
        (AuditAction.EMPLOYER_REGISTER, "employer", employer.value.id),
        (AuditAction.JOB_POST, "job", job.value.id)]
    assert {e.staff_id for e in events} == {"S001"}
    queued = services.store.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'audit'").fetchone()[0]
    assert queued == 2


def test_the_same_services_without_staff_write_no_audit(services: Services) -> None:
    assert isinstance(services.register_employer(employer_draft()), Ok)
    assert audit(services) == []


def test_an_override_needs_a_supervisor_and_is_audited_with_the_phrases(
        services: Services) -> None:
    accounts = accounts_with(services)
    assert isinstance(accounts.add("S900", "赵主任", StaffRole.SUPERVISOR, "730519"), Ok)
    clerk = services.as_staff("S001")
    employer = clerk.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    draft = job_draft(employer.value.id, title="仓库装卸", description="限男性，35岁以下")
    by_clerk = clerk.post_job(draft, override_by="S001")
    assert isinstance(by_clerk, Err) and by_clerk.codes() == {"not_supervisor"}
    saved = clerk.post_job(draft, override_by="S900")
    assert isinstance(saved, Ok)
    override = [e for e in audit(services) if e.action is AuditAction.JOB_OVERRIDE]
    assert len(override) == 1 and override[0].staff_id == "S900"
    assert "限男性" in override[0].detail and "35岁以下" in override[0].detail
    assert "S001" in override[0].detail and override[0].entity_id == saved.value.id


def test_supervisor_approval_checks_the_pin_and_the_role(services: Services) -> None:
    accounts = accounts_with(services)
    assert isinstance(accounts.add("S900", "赵主任", StaffRole.SUPERVISOR, "730519"), Ok)
    assert isinstance(accounts.is_supervisor_pin("S900", "730519"), Ok)
    wrong = accounts.is_supervisor_pin("S900", "000111")
    assert isinstance(wrong, Err) and wrong.codes() == {"wrong_pin"}
    clerk = accounts.is_supervisor_pin("S001", PIN)
    assert isinstance(clerk, Err) and clerk.codes() == {"not_supervisor"}
