"""A complaint followed to the end at the counter (kiosk.services.casework.CaseworkCases):
taken up, mediated, handed to 劳动保障监察, resolved or closed, each step audited and queued
for the hub; wrong steps and bad input store nothing; the touchscreen's look-up by number."""

from __future__ import annotations

from datetime import timedelta

from kiosk.core.drafts import CaseStepDraft
from kiosk.core.records import (
    AuditAction,
    CaseAction,
    ComplaintKind,
    ComplaintStatus,
)
from kiosk.services import casework
from kiosk.services.hall import Services
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from tests.conftest import TODAY, FixedClock
from tests.services.test_hall import complaint_draft, err, ok, outbox_rows, snapshot


def step(action: CaseAction, **overrides: str) -> CaseStepDraft:
    values = {"party": "", "outcome": "", "recovered": ""}
    values.update(overrides)
    return CaseStepDraft(action=action.value, happened_on=TODAY, **values)


def test_a_wage_complaint_is_mediated_and_resolved(services: Services, store: Store,
                                                   clock: FixedClock) -> None:
    filed = ok(services.file_complaint(complaint_draft(amount="3200")))
    staff = services.as_staff("S001")
    taken, _ = ok(staff.add_case_step(filed.id, step(CaseAction.TAKE_UP)))
    assert taken.status is ComplaintStatus.IN_PROGRESS
    clock.advance(hours=2)
    talked, talk = ok(staff.add_case_step(filed.id, step(
        CaseAction.MEDIATION, party="某装修队 张老板", outcome="同意先付一半",
        recovered="1600")))
    assert talked.status is ComplaintStatus.IN_PROGRESS
    assert talked.recovered_cents == 160000 and talk.recovered_cents == 160000
    assert talk.staff_id == "S001" and talk.party == "某装修队 张老板"
    clock.advance(days=1)
    done, _ = ok(staff.add_case_step(filed.id, step(
        CaseAction.RESOLVE, outcome="余款已付清", recovered="1600")))
    assert done.status is ComplaintStatus.RESOLVED and done.recovered_cents == 320000
    assert store.complaints.get(filed.id) == done
    assert [s.action for s in casework.case_steps(services, filed.id)] == [
        CaseAction.TAKE_UP, CaseAction.MEDIATION, CaseAction.RESOLVE]
    steps = [("case_step", s.id, "create") for s in casework.case_steps(services, filed.id)]
    assert outbox_rows(store, "case_step") == steps
    assert outbox_rows(store, "complaint") == [("complaint", filed.id, "create")] + [
        ("complaint", filed.id, "update")] * 3
    audited = [(a.action, a.entity_id, a.detail) for a in store.audit_events.where(
        order_by="created_at, id")]
    assert audited == [(AuditAction.CASE_STEP, filed.id, action) for action in (
        "take_up", "mediation", "resolve")]
    # finished: no more steps, and nothing stored by the attempt
    before = snapshot(store)
    assert err(staff.add_case_step(filed.id, step(CaseAction.CLOSE, outcome="x"))
               ).codes() == {"not_now"}
    assert snapshot(store) == before


def test_a_hand_off_to_labour_inspection_prints_its_sheet(services: Services,
                                                         store: Store) -> None:
    filed = ok(services.file_complaint(complaint_draft(
        kind=ComplaintKind.DEPOSIT.value, amount="", description="押身份证不还")))
    assert filed.kind is ComplaintKind.DEPOSIT and filed.amount_cents is None
    staff = services.as_staff("S002")
    referred, handoff = ok(staff.add_case_step(filed.id, step(
        CaseAction.REFER, party="槐荫区劳动保障监察大队", outcome="用工方拒不退还身份证"),
        print_handoff=True))
    assert referred.status is ComplaintStatus.REFERRED
    assert [(p.kind, p.ref_id) for p in store.print_queue.queued()] == [
        (PrintKind.HANDOFF, handoff.id)]
    closed, _ = ok(staff.add_case_step(filed.id, step(CaseAction.RESOLVE,
                                                      outcome="监察责令退还，已取回")))
    assert closed.status is ComplaintStatus.RESOLVED


def test_bad_steps_are_refused_with_reasons_and_store_nothing(services: Services,
                                                             store: Store) -> None:
    filed = ok(services.file_complaint(complaint_draft()))
    before = snapshot(store)
    assert err(services.add_case_step(filed.id, step(CaseAction.TAKE_UP))).codes() == {
        "staff_required"}  # nobody signed in
    staff = services.as_staff("S001")
    assert err(staff.add_case_step("no-such", step(CaseAction.TAKE_UP))).codes() == {
        "not_found"}
    assert err(staff.add_case_step(filed.id, step(CaseAction.MEDIATION))).codes() == {
        "required"}  # with whom, and what came of it
    assert err(staff.add_case_step(filed.id, step(
        CaseAction.MEDIATION, party="张老板", outcome="谈了", recovered="-5"))).codes() == {
        "amount_positive"}
    late = CaseStepDraft(action="resolve", happened_on=TODAY + timedelta(days=1),
                         outcome="付清")
    assert err(staff.add_case_step(filed.id, late)).codes() == {"date_future"}
    assert err(staff.add_case_step(filed.id, CaseStepDraft(
        action="forgive", happened_on=TODAY))).codes() == {"choice"}
    assert snapshot(store) == before


def test_a_wage_complaint_needs_its_amount_another_dispute_does_not(
        services: Services, store: Store) -> None:
    before = snapshot(store)
    assert err(services.file_complaint(complaint_draft(amount=""))).codes() == {
        "amount_format"}
    assert err(services.file_complaint(complaint_draft(kind="bribe"))).codes() == {"choice"}
    assert snapshot(store) == before
    injury = ok(services.file_complaint(complaint_draft(kind="injury", amount="")))
    assert injury.amount_cents is None


def test_the_touchscreen_finds_a_complaint_by_the_digits_of_its_number(
        services: Services) -> None:
    filed = ok(services.file_complaint(complaint_draft()))
    assert filed.number == "TS20261123-T01-001"
    ok(services.file_complaint(complaint_draft()))
    found = casework.look_up_complaint(services, "2026112301001")
    assert [(s.number, s.status, s.last_action) for s in found] == [
        (filed.number, ComplaintStatus.RECEIVED, None)]
    assert casework.look_up_complaint(services, filed.number.lower())[0].number == filed.number
    ok(services.as_staff("S001").add_case_step(filed.id, step(CaseAction.TAKE_UP)))
    seen = casework.look_up_complaint(services, "20261123 01 001")[0]
    assert (seen.status, seen.last_action, seen.last_on) == (
        ComplaintStatus.IN_PROGRESS, CaseAction.TAKE_UP, TODAY)
    assert not hasattr(seen, "phone") and not hasattr(seen, "complainant_name")
    for typed in ("", "2026", "2026112301009", "2026112401001", "TS-%"):
        assert casework.look_up_complaint(services, typed) == []
