"""A complaint followed to the end across halls, against the real hub (PostgreSQL and
SQLite): hall A files and works on it, the hub keeps every step and sends the status (and
nothing personal) to hall A's other terminals; hall B's token can neither rewrite the
complaint nor add a step to it, and each attempt is logged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.core.casework import lookup_digits
from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import to_payload
from kiosk.core.drafts import CaseStepDraft
from kiosk.core.errors import Ok
from kiosk.core.ids import new_id
from kiosk.core.records import CaseAction, ComplaintStatus
from kiosk.services import casework
from sync.hub.complaint_status import KIND
from sync.hub.schema import case_steps, complaints, feed, refusals
from sync.protocol import Reason, Result
from tests.conftest import TODAY, FixedClock
from tests.services.test_hall import complaint_draft
from tests.store import samples
from tests.sync.conftest import HALL_A, HALL_B, Hub, Terminal, make_terminal
from tests.sync.hostile import change_of, push_dicts, record_change


@pytest.fixture
def touch_a(tmp_path: Path, hub: Hub, catalogue: Catalogue,
            clock: FixedClock) -> Iterator[Terminal]:
    """Hall A's touchscreen: another machine of the hall, with its own file."""
    terminal = make_terminal(tmp_path / "a-touch.sqlite3", hub, HALL_A, catalogue, clock)
    yield terminal
    terminal.store.close()


def test_a_complaint_worked_at_hall_a_is_refused_to_hall_b_and_shown_at_a_s_touchscreen(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, touch_a: Terminal,
        clock: FixedClock) -> None:
    counter = hall_a.services
    filed = counter.file_complaint(complaint_draft())
    assert isinstance(filed, Ok)
    staff = counter.as_staff("S001")
    for action, party, outcome in ((CaseAction.TAKE_UP, "", ""),
                                   (CaseAction.MEDIATION, "张老板", "答应周五付清"),
                                   (CaseAction.RESOLVE, "", "已付清1200元")):
        clock.advance(minutes=30)
        assert staff.add_case_step(filed.value.id, CaseStepDraft(
            action.value, TODAY, party=party, outcome=outcome)).ok
    assert hall_a.agent(hub.client).sync_once().ok

    with hub.engine.connect() as conn:
        row = conn.execute(select(complaints.c.hall_id, complaints.c.payload).where(
            complaints.c.id == filed.value.id)).one()
        assert row.hall_id == HALL_A
        assert json.loads(row.payload)["status"] == "resolved"
        assert conn.execute(select(func.count()).select_from(case_steps).where(
            case_steps.c.complaint_id == filed.value.id)).scalar_one() == 3
        statuses = [json.loads(p) for (p,) in conn.execute(
            select(feed.c.payload).where(feed.c.kind == KIND).order_by(feed.c.seq))]
    assert statuses[-1]["status"] == "resolved"
    assert statuses[-1]["last_action"] == "resolve"
    assert not {"complainant_name", "phone", "employer_name", "description",
                "amount_cents"} & set(statuses[-1])  # nothing personal leaves for the feed

    # hall B's token tries to rewrite it, and to add a step of its own to it
    stored = hub_payload(hub, filed.value.id)
    reopened = {**stored, "status": "closed", "updated_at": stamp_after(stored)}
    forged_step = samples.case_step(filed.value.id, hall_id=HALL_B, id=new_id(),
                                    action=CaseAction.CLOSE, outcome="撤诉",
                                    created_at=clock.now(), happened_on=TODAY)
    as_a = replace(forged_step, id=new_id(), hall_id=HALL_A)
    status, answer = push_dicts(hub, hall_b.credentials, [
        change_of("complaint", reopened, op="update"),
        change_of("complaint", {**reopened, "hall_id": HALL_B}, op="update"),
        record_change(forged_step), record_change(as_a)])
    assert status == 200 and answer is not None
    assert [(a.result, a.reason) for a in answer.answers] == [
        (Result.REJECTED, Reason.HALL_MISMATCH), (Result.REJECTED, Reason.NOT_OWNER),
        (Result.REJECTED, Reason.NOT_OWNER), (Result.REJECTED, Reason.HALL_MISMATCH)]
    assert hub_payload(hub, filed.value.id) == stored
    with hub.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(case_steps).where(
            case_steps.c.complaint_id == filed.value.id)).scalar_one() == 3
        logged = conn.execute(select(refusals.c.record_type, refusals.c.reason).where(
            refusals.c.hall_id == HALL_B).order_by(refusals.c.seq)).all()
    assert [tuple(r) for r in logged] == [("complaint", "not_owner"),
                                          ("case_step", "not_owner")]
    # B's pull carries nothing of A's complaint
    assert hall_b.agent(hub.client).sync_once().ok
    assert casework.look_up_complaint(hall_b.services, filed.value.number) == []

    # hall A's touchscreen, another machine with its own file, learns the status
    assert touch_a.agent(hub.client).sync_once().ok
    assert touch_a.store.complaints.count() == 0  # no complaint record, no personal data
    typed = lookup_digits(filed.value.number)  # what the keypad can type
    seen = casework.look_up_complaint(touch_a.services, typed)
    assert [(s.number, s.status, s.last_action) for s in seen] == [
        (filed.value.number, ComplaintStatus.RESOLVED, CaseAction.RESOLVE)]
    scanned = casework.complaint_status(touch_a.services, filed.value.id)  # the receipt's QR
    assert scanned is not None and scanned.status is ComplaintStatus.RESOLVED
    assert casework.complaint_status(hall_b.services, filed.value.id) is None


def hub_payload(hub: Hub, complaint_id: str) -> dict[str, object]:
    with hub.engine.connect() as conn:
        text = conn.execute(select(complaints.c.payload).where(
            complaints.c.id == complaint_id)).scalar_one()
    return dict(json.loads(text))


def stamp_after(payload: dict[str, object]) -> str:
    return str(payload["updated_at"]).replace("Z", "").rsplit(".", 1)[0][:-2] + "59.999Z"


def test_a_step_for_a_complaint_filed_in_the_same_batch_is_kept(hub: Hub) -> None:
    creds = hub.provision(HALL_A)
    filed = samples.complaint(hall_id=HALL_A)
    first = samples.case_step(filed.id, hall_id=HALL_A, action=CaseAction.TAKE_UP, outcome="",
                              recovered_cents=None,
                              created_at=filed.updated_at + timedelta(minutes=1))
    moved = replace(filed, status=ComplaintStatus.IN_PROGRESS,
                    updated_at=first.created_at)
    status, answer = push_dicts(hub, creds, [record_change(filed), record_change(first),
                                             change_of("complaint", dict(to_payload(moved)),
                                                       op="update")])
    assert status == 200 and answer is not None
    assert {a.result for a in answer.answers} == {Result.STORED}
    assert hub_payload(hub, filed.id)["status"] == "in_progress"
