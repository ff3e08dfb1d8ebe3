"""到岗 across halls through a real hub (PostgreSQL and SQLite): a slip of hall A's referral
read at hall B is an arrival record of hall B; the hub passes it to hall A, whose terminal
marks its own referral arrived, audited, and sends it back. Hall B still cannot change hall
A's referral, an arrival needs a referral the hub knows, names its own terminal and is
never rewritten."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from kiosk.core.codec import to_payload
from kiosk.core.ids import new_id
from kiosk.core.records import Arrival, AuditAction, Referral, ReferralStatus
from kiosk.services import arrivals
from sync.agent import SyncAgent
from sync.hub.schema import referrals
from sync.protocol import Reason, Result
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.printers import ok
from tests.sync.conftest import Hub, Terminal
from tests.sync.hostile import change_of, push_dicts, record_change


def _referred(hall: Terminal) -> Referral:
    s = hall.services.as_staff("S001")
    worker = ok(s.register_worker(worker_draft(name="王建军", id_number=id_number(seq=77))))
    employer = ok(s.register_employer(employer_draft()))
    job = ok(s.post_job(job_draft(employer.id)))
    return ok(s.refer(job.id, worker.id))


def test_a_slip_read_at_another_hall_marks_the_referral_arrived_at_its_own_hall(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    referral = _referred(hall_a)
    assert hall_a.agent(hub.client).sync_once().ok
    note = arrivals.confirm_arrival(hall_b.services, referral.id, job_title="小区外墙砌砖",
                                    worker_masked="王*军")
    assert note.referral is None and not note.again  # hall B has not the referral
    assert (note.job_title, note.worker_masked) == ("小区外墙砌砖", "王*军")
    assert arrivals.confirm_arrival(hall_b.services, referral.id).again  # read twice: once
    assert hall_b.store.arrivals.count() == 1
    report = hall_b.agent(hub.client).sync_once()
    assert report.ok and hall_b.services.pending_sync_count() == 0

    # hall B may not write hall A's referral itself, as it is or claimed as its own
    changed = replace(referral, status=ReferralStatus.ARRIVED, updated_at=clock.now())
    _status, answer = push_dicts(hub, hall_b.credentials, [
        record_change(changed, op="update"),
        record_change(replace(changed, hall_id=hall_b.credentials.hall), op="update")])
    assert answer is not None
    assert [a.reason for a in answer.answers] == [Reason.HALL_MISMATCH, Reason.NOT_OWNER]

    assert hall_a.agent(hub.client).sync_once().ok
    arrived = hall_a.store.referrals.get(referral.id)
    assert arrived is not None and arrived.status is ReferralStatus.ARRIVED
    [audit] = hall_a.store.audit_events.where("action = ?", [AuditAction.ARRIVED.value])
    assert (audit.entity, audit.entity_id) == ("referral", referral.id)
    assert audit.terminal_id == hall_a.credentials.terminal
    assert audit.staff_id == hall_b.credentials.terminal  # who: the terminal that read it
    assert hall_a.agent(hub.client).sync_once().ok  # the arrived referral goes to the hub
    assert hall_a.services.pending_sync_count() == 0
    with hub.engine.connect() as conn:
        assert conn.execute(select(referrals.c.status).where(
            referrals.c.id == referral.id)).scalar_one() == "arrived"
    # the worker and the employer then meet: hired follows arrived
    hired = hall_a.services.as_staff("S001").record_outcome(referral.id, ReferralStatus.HIRED)
    assert ok(hired).status is ReferralStatus.HIRED
    assert hall_b.agent(hub.client).sync_once().ok  # hall B never gets hall A's arrival back
    assert hall_b.store.referrals.count() == 0


def test_a_slip_read_at_its_own_hall_is_arrived_at_once(hall_a: Terminal) -> None:
    referral = _referred(hall_a)
    note = arrivals.confirm_arrival(hall_a.services, referral.id)
    assert note.referral is not None and note.referral.status is ReferralStatus.ARRIVED
    assert (note.job_title, note.worker_masked) == ("小区外墙砌砖", "王*军")
    # an outcome recorded already stays: a later read changes nothing but is kept
    s = hall_a.services.as_staff("S001")
    assert ok(s.record_outcome(referral.id, ReferralStatus.HIRED)).status is (
        ReferralStatus.HIRED)
    other = replace(hall_a.services.settings, terminal_id="T2")
    again = arrivals.confirm_arrival(type(hall_a.services)(
        hall_a.store, other, hall_a.services.catalogue, hall_a.services.clock), referral.id)
    assert again.referral is None
    stored = hall_a.store.referrals.get(referral.id)
    assert stored is not None and stored.status is ReferralStatus.HIRED


def test_the_hub_takes_an_arrival_only_for_a_referral_it_knows_from_its_own_terminal(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    referral = _referred(hall_a)
    assert hall_a.agent(hub.client).sync_once().ok
    creds = hall_b.credentials

    def arrival(**changes: object) -> dict[str, object]:
        made = Arrival(id=new_id(), hall_id=creds.hall, referral_id=referral.id,
                       terminal_id=creds.terminal, created_at=clock.now())
        return dict(to_payload(replace(made, **changes)))  # type: ignore[arg-type]

    unknown = arrival(referral_id=new_id())
    someone_else = arrival(terminal_id="T0000")
    other_hall = arrival(hall_id=hall_a.credentials.hall)
    good = arrival()
    status, answer = push_dicts(hub, creds, [change_of("arrival", p) for p in (
        unknown, someone_else, other_hall, good)])
    assert status == 200 and answer is not None
    assert [(a.result, a.reason) for a in answer.answers] == [
        (Result.REJECTED, Reason.UNKNOWN_REFERRAL),
        (Result.REJECTED, Reason.TERMINAL_MISMATCH),
        (Result.REJECTED, Reason.HALL_MISMATCH),
        (Result.STORED, None)]
    rewritten = {**good, "referral_id": new_id()}
    status, answer = push_dicts(hub, creds, [change_of("arrival", rewritten, op="update")])
    assert answer is not None and answer.answers[0].reason is Reason.IMMUTABLE
    bad = {**arrival(), "referral_id": "not-a-uuid"}
    status, answer = push_dicts(hub, creds, [change_of("arrival", bad)])
    assert answer is not None and answer.answers[0].result is Result.REJECTED


def test_a_slip_read_before_its_hall_synced_waits_and_arrives_later(
        hub: Hub, hall_a: Terminal, hall_b: Terminal, clock: FixedClock) -> None:
    """Hall A is offline when the employer scans its slip at hall B: the hub does not
    know the referral yet, so hall B keeps the arrival and sends it again each sync
    (nothing scanned is lost); once hall A has synced, it arrives. One that waits a week
    is given up, for staff to see."""
    referral = _referred(hall_a)  # not synced: hall A is offline this morning
    arrivals.confirm_arrival(hall_b.services, referral.id)
    agent_b = SyncAgent(hall_b.store, hall_b.credentials, hub.client, clock=clock.now)
    first = agent_b.sync_once()
    assert first.ok and first.waiting == 1 and first.rejected == 0
    assert hall_b.services.pending_sync_count() == 1
    assert agent_b.sync_once().waiting == 1  # asked again, still waiting
    assert hall_a.agent(hub.client).sync_once().ok  # hall A comes online
    later = agent_b.sync_once()
    assert later.ok and later.stored == 1 and hall_b.services.pending_sync_count() == 0
    assert hall_a.agent(hub.client).sync_once().ok
    arrived = hall_a.store.referrals.get(referral.id)
    assert arrived is not None and arrived.status is ReferralStatus.ARRIVED

    forged = new_id()  # a slip no hall ever issued: waits a week, then is given up
    arrivals.confirm_arrival(hall_b.services, forged)
    assert agent_b.sync_once().waiting == 1
    clock.advance(days=6)
    assert agent_b.sync_once().waiting == 1  # six days on: still sent, still waiting
    clock.advance(days=2)
    agent_b.sync_once()
    [row] = hall_b.store.conn.execute(
        "SELECT state, last_error FROM outbox WHERE entity = 'arrival' AND state != 'acked'")
    assert row[0] == "rejected" and row[1].startswith("unknown_referral")
