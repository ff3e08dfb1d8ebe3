"""Use cases against a real SQLite file: validation first, then one all-or-nothing write."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import content_hash, to_payload
from kiosk.core.drafts import ComplaintDraft, NoticeDraft
from kiosk.core.errors import Err, Ok, Result
from kiosk.core.privacy import blind_index
from kiosk.core.records import (
    JobPost,
    JobStatus,
    ReferralOrigin,
    ReferralStatus,
    ServiceKind,
    Sex,
    Unverified,
    Worker,
)
from kiosk.core.scan import WorkerCard
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.outbox import ChangeOp, OutboxState
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from tests.conftest import (
    HALL_MORNING,
    TODAY,
    FixedClock,
    employer_draft,
    id_number,
    job_draft,
    worker_draft,
)

V = TypeVar("V")


# -- helpers --------------------------------------------------------------------------

def ok(result: Result[V]) -> V:
    assert isinstance(result, Ok), result
    return result.value


def err(result: Result[V]) -> Err:
    assert isinstance(result, Err), result
    return result


def snapshot(store: Store) -> dict[str, object]:
    """Everything a use case could have written."""
    conn = store.conn
    state: dict[str, object] = dict(store.counts())
    for table in ("outbox", "print_jobs", "queue_counters"):
        state[table] = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    state["outbox_max_seq"] = conn.execute("SELECT MAX(seq) FROM outbox").fetchone()[0]
    state["counters"] = conn.execute(
        "SELECT hall_id, day, kind, last_no FROM queue_counters ORDER BY 1, 2, 3").fetchall()
    return state


def outbox_rows(store: Store, entity: str | None = None) -> list[tuple[str, str, str]]:
    sql = "SELECT entity, entity_id, op FROM outbox"
    params: list[str] = []
    if entity is not None:
        sql += " WHERE entity = ?"
        params.append(entity)
    return store.conn.execute(sql + " ORDER BY seq", params).fetchall()


def register(services: Services, seq: int = 123, **overrides: object) -> Worker:
    draft = worker_draft(id_number=id_number(seq=seq), **overrides)
    return ok(services.register_worker(draft))


def open_job(services: Services, **overrides: object) -> JobPost:
    employer = ok(services.register_employer(employer_draft()))
    return ok(services.post_job(job_draft(employer.id, **overrides)))


# -- register_worker ------------------------------------------------------------------

def test_register_worker_stores_the_worker_and_its_change(services: Services,
                                                          store: Store) -> None:
    worker = ok(services.register_worker(worker_draft()))

    number = id_number()
    assert worker.name == "张建国"
    assert worker.hall_id == "370104-DDBL"
    assert worker.id_number == number
    assert worker.id_masked == number[:4] + "*" * 10 + number[-4:]
    assert worker.id_index == blind_index(b"k" * 32, number)
    assert worker.birth_date == date(1975, 3, 14)
    assert worker.sex is Sex.MALE
    assert worker.trades == ("C01", "C09")
    assert worker.consent_at == HALL_MORNING
    assert worker.consent_version == services.settings.consent_version
    assert worker.created_at == worker.updated_at == HALL_MORNING

    assert store.workers.get(worker.id) == worker
    changes = store.outbox.for_entity("worker", worker.id)
    assert len(changes) == 1
    assert changes[0].op is ChangeOp.CREATE
    assert changes[0].state is OutboxState.PENDING
    assert changes[0].payload == to_payload(worker)
    assert changes[0].content_hash == content_hash(to_payload(worker))
    assert services.find_worker_by_id_number(number) == worker
    assert store.print_queue.queued() == []


def test_register_worker_with_print_card_queues_one_card_in_the_same_commit(
        services: Services, store: Store) -> None:
    heard: list[frozenset[str]] = []
    store.subscribe(heard.append)
    worker = ok(services.register_worker(worker_draft(), print_card=True))
    jobs = store.print_queue.queued()
    assert [(j.kind, j.ref_entity, j.ref_id) for j in jobs] == [
        (PrintKind.CARD, "worker", worker.id)]
    assert heard == [frozenset({"worker", "outbox", "print_jobs"})]  # one commit


@pytest.mark.parametrize("same_number", [
    pytest.param(lambda n: n, id="identical"),
    pytest.param(lambda n: f" {n[:6]} {n[6:14]} {n[14:]} ", id="spaced"),
    pytest.param(lambda n: n.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ")),
                 id="full_width"),
])
def test_a_registered_id_number_is_refused_and_nothing_is_stored(
        services: Services, store: Store, same_number: Callable[[str], str]) -> None:
    number = id_number(seq=103)  # ends in X
    assert number.endswith("X")
    first = ok(services.register_worker(worker_draft(id_number=number)))
    before = snapshot(store)

    again = worker_draft(id_number=same_number(number), name="张建民", phone="13905317788")
    result = err(services.register_worker(again, print_card=True))

    assert result.codes() == {"already_registered"}
    assert result.fields() == {"id_number"}
    assert snapshot(store) == before
    assert store.workers.get(first.id) == first
    assert store.print_queue.queued() == []


@pytest.mark.parametrize(("overrides", "field", "code"), [
    ({"consent_given": False}, "consent", "consent_required"),
    ({"id_number": "370104197503141230"}, "id_number", "checksum"),
    ({"id_number": "37010419750314123"}, "id_number", "length"),
    ({"id_number": id_number(birth=date(2027, 1, 1))}, "id_number", "birth_future"),
    ({"name": "张3"}, "name", "name_chars"),
    ({"phone": "12805311234"}, "phone", "mobile_prefix"),
    ({"trades": []}, "trades", "trade_required"),
    ({"trades": ["C01", "C02", "C03", "C04"]}, "trades", "trade_too_many"),
    ({"trades": ["Z99"]}, "trades", "unknown_option"),
    ({"certificates": ["pilot"]}, "certificates", "unknown_option"),
    ({"intentions": ["forever"]}, "intentions", "choice"),
    ({"areas": ["历下区"]}, "areas", "area_unknown"),
    ({"available_from": TODAY - timedelta(days=1)}, "available_from", "date_past"),
    ({"skills_note": "砌" * 201}, "skills_note", "too_long"),
])
def test_an_invalid_worker_draft_stores_nothing_at_all(
        services: Services, store: Store, overrides: dict[str, object], field: str,
        code: str) -> None:
    register(services, seq=201)  # something already there
    before = snapshot(store)
    heard: list[frozenset[str]] = []
    store.subscribe(heard.append)

    result = err(services.register_worker(worker_draft(**overrides), print_card=True))

    assert (field, code) in {(e.field, e.code) for e in result.errors}
    assert snapshot(store) == before
    assert heard == []


def test_an_invalid_draft_reports_every_bad_field(services: Services, store: Store) -> None:
    result = err(services.register_worker(worker_draft(name="", phone="123", trades=[])))
    assert {"name", "phone", "trades"} <= result.fields()
    assert store.workers.count() == 0
    assert outbox_rows(store) == []


# -- update_worker --------------------------------------------------------------------

def test_update_worker_keeps_consent_and_moves_the_index(services: Services, store: Store,
                                                         clock: FixedClock) -> None:
    worker = register(services, seq=123)
    clock.advance(hours=2)
    new_number = id_number(birth=date(1980, 6, 1), seq=124)

    # the draft carries no consent: the consent given at registration stays
    draft = worker_draft(id_number=new_number, name="张建民", phone="13905317788",
                         consent_given=False)
    updated = ok(services.update_worker(worker.id, draft))

    assert updated.id == worker.id
    assert updated.consent_at == worker.consent_at
    assert updated.consent_version == worker.consent_version
    assert updated.created_at == worker.created_at
    assert updated.updated_at == HALL_MORNING + timedelta(hours=2)
    assert updated.name == "张建民"
    assert updated.birth_date == date(1980, 6, 1)
    assert updated.sex is Sex.FEMALE
    assert updated.id_index == blind_index(b"k" * 32, new_number)
    assert updated.id_masked.endswith(new_number[-4:])
    assert store.workers.get(worker.id) == updated
    assert store.workers.count() == 1

    assert services.find_worker_by_id_number(new_number) == updated
    assert services.find_worker_by_id_number(id_number(seq=123)) is None
    changes = store.outbox.for_entity("worker", worker.id)
    assert [c.op for c in changes] == [ChangeOp.CREATE, ChangeOp.UPDATE]
    assert changes[1].payload == to_payload(updated)
    assert changes[1].created_at == "2026-11-23T02:00:00.000Z"


def test_update_worker_refuses_another_workers_id_number(services: Services,
                                                         store: Store) -> None:
    a = register(services, seq=123)
    b = register(services, seq=125, name="李四")
    before = snapshot(store)

    result = err(services.update_worker(a.id, worker_draft(id_number=id_number(seq=125))))

    assert result.codes() == {"already_registered"}
    assert snapshot(store) == before
    assert store.workers.get(a.id) == a
    assert store.workers.get(b.id) == b


def test_update_worker_with_its_own_number_is_not_a_clash(services: Services) -> None:
    a = register(services, seq=123)
    updated = ok(services.update_worker(a.id, worker_draft(phone="13905317788")))
    assert updated.phone == "13905317788"
    assert updated.id_index == a.id_index


def test_update_worker_unknown_or_invalid_changes_nothing(services: Services,
                                                          store: Store) -> None:
    a = register(services)
    before = snapshot(store)
    assert err(services.update_worker("no-such-worker", worker_draft())).codes() == \
        {"not_found"}
    assert "phone" in err(services.update_worker(a.id, worker_draft(phone="1"))).fields()
    assert snapshot(store) == before
    assert store.workers.get(a.id) == a


class ClashingClock(FixedClock):
    """A clock that, on its n-th reading after being armed, lets another writer (think:
    the sync agent applying a pulled worker) register an ID number through its own
    connection to the same file."""

    def __init__(self, path: Path, settings: HallSettings, catalogue: Catalogue) -> None:
        super().__init__()
        self.path, self.settings, self.catalogue = path, settings, catalogue
        self.number: str | None = None
        self.countdown = 0
        self.fired = False

    def arm(self, number: str, on_reading: int) -> None:
        self.number, self.countdown = number, on_reading

    def now(self) -> datetime:
        self.countdown -= 1
        if self.number is not None and self.countdown == 0:
            other = Store(self.path)
            other.conn.execute("PRAGMA busy_timeout = 200")
            try:
                ok(Services(other, self.settings, self.catalogue, FixedClock())
                   .register_worker(worker_draft(id_number=self.number, name="王五")))
                self.fired = True
            except sqlite3.OperationalError:
                pass  # the update holds the write lock: the other writer waits its turn
            finally:
                other.close()
        return super().now()


@pytest.mark.parametrize("on_reading", [1, 2, 3])
def test_update_worker_clash_with_a_concurrent_writer_is_an_error_value(
        tmp_path: Path, settings: HallSettings, catalogue: Catalogue, on_reading: int) -> None:
    """Whenever another writer registers the same ID number during an update, the update
    must answer Err(already_registered) (or succeed if it came first), never let a raw
    sqlite3.IntegrityError escape to the screen: the clash check belongs in the write
    transaction, as in register_worker."""
    path = tmp_path / "kiosk.sqlite3"
    store = Store(path)
    clock = ClashingClock(path, settings, catalogue)
    services = Services(store, settings, catalogue, clock)
    try:
        a = register(services, seq=123)
        wanted = id_number(seq=127)
        clock.arm(wanted, on_reading)
        try:
            result = services.update_worker(a.id, worker_draft(id_number=wanted))
        except sqlite3.IntegrityError as exc:
            pytest.fail(f"update_worker raised {exc!r} instead of returning an error")
        if clock.fired:
            assert err(result).codes() == {"already_registered"}
            assert store.workers.get(a.id) == a
        else:
            assert ok(result).id_index == blind_index(b"k" * 32, wanted)
        assert store.workers.count("id_index = ?", [blind_index(b"k" * 32, wanted)]) == 1
    finally:
        store.close()


# -- check_in -------------------------------------------------------------------------

def test_check_in_numbers_workers_and_repeats_the_number(services: Services, store: Store,
                                                         clock: FixedClock) -> None:
    a, b = register(services, seq=123), register(services, seq=125)
    first = ok(services.check_in(a.id))
    assert first.already is False
    assert first.checkin.queue_no == 1
    assert first.checkin.day == TODAY
    assert first.checkin.worker_id == a.id
    assert store.checkins.get(first.checkin.id) == first.checkin
    rows = len(outbox_rows(store))

    clock.advance(hours=3)
    again = ok(services.check_in(a.id))
    assert again.already is True
    assert again.checkin == first.checkin
    assert len(outbox_rows(store)) == rows
    assert store.checkins.count() == 1

    second = ok(services.check_in(b.id))
    assert (second.already, second.checkin.queue_no) == (False, 2)
    assert outbox_rows(store, "checkin") == [
        ("checkin", first.checkin.id, "create"), ("checkin", second.checkin.id, "create")]


def test_check_in_numbering_restarts_the_next_day(services: Services, store: Store,
                                                  clock: FixedClock) -> None:
    a, b = register(services, seq=123), register(services, seq=125)
    assert ok(services.check_in(a.id)).checkin.queue_no == 1
    assert ok(services.check_in(b.id)).checkin.queue_no == 2

    clock.advance(days=1)
    b_tomorrow = ok(services.check_in(b.id))
    assert (b_tomorrow.already, b_tomorrow.checkin.queue_no) == (False, 1)
    assert b_tomorrow.checkin.day == TODAY + timedelta(days=1)
    assert ok(services.check_in(a.id)).checkin.queue_no == 2
    assert store.checkins.count() == 4


def test_the_hall_day_is_local_time(services: Services, clock: FixedClock) -> None:
    a, b = register(services, seq=123), register(services, seq=125)
    ok(services.check_in(a.id))
    clock.advance(hours=15, minutes=59)  # 23:59 in Jinan: still the same day
    assert ok(services.check_in(b.id)).checkin.queue_no == 2
    clock.advance(minutes=2)  # 00:01 in Jinan, still 16:01 UTC of the same UTC day
    late = ok(services.check_in(b.id))
    assert (late.already, late.checkin.queue_no) == (False, 1)
    assert late.checkin.day == TODAY + timedelta(days=1)


def test_check_in_of_a_worker_unknown_here_waits_for_the_hub(services: Services,
                                                              store: Store) -> None:
    """An unsigned card naming a worker this terminal does not know (a forged
    `LGW1:<random uuid>:<crc>` looks just like this) is stored and synced, unnumbered."""
    stranger = "01a20000-0000-7000-8000-000000000001"
    result = ok(services.check_in(stranger, print_ticket=True, card=WorkerCard(stranger)))
    assert result.already is False and result.unverified
    assert result.checkin.queue_no is None
    assert result.checkin.unverified is Unverified.UNKNOWN_WORKER
    assert store.workers.get(stranger) is None
    assert store.checkins.get(result.checkin.id) == result.checkin
    assert outbox_rows(store) == [("checkin", result.checkin.id, "create")]
    assert [(j.kind, j.ref_id) for j in store.print_queue.queued()] == [
        (PrintKind.QUEUE, result.checkin.id)]
    assert err(services.check_in(stranger)).codes() == {"not_found"}  # no card: no check-in


# -- jobs -----------------------------------------------------------------------------

def test_post_job_stores_an_open_job(services: Services, store: Store) -> None:
    employer = ok(services.register_employer(employer_draft()))
    job = ok(services.post_job(job_draft(employer.id, urgent=True, start_time="7:30")))
    assert job.status is JobStatus.OPEN
    assert (job.headcount, job.headcount_filled, job.pay_cents) == (3, 0, 35000)
    assert job.start_time == "07:30"
    assert job.urgent is True
    assert store.jobs.get(job.id) == job
    assert outbox_rows(store) == [("employer", employer.id, "create"),
                                  ("job", job.id, "create")]


def test_post_job_for_an_unknown_employer_or_invalid_stores_nothing(services: Services,
                                                                    store: Store) -> None:
    employer = ok(services.register_employer(employer_draft()))
    before = snapshot(store)
    assert err(services.post_job(job_draft("no-such-employer"))).codes() == {"not_found"}
    bad = err(services.post_job(job_draft(employer.id, start_date=TODAY - timedelta(days=1),
                                          headcount="0")))
    assert {"date_past", "headcount_range"} <= bad.codes()
    assert snapshot(store) == before


def test_post_job_for_new_employer_stores_both(services: Services, store: Store) -> None:
    employer, job = ok(services.post_job_for_new_employer(employer_draft(), job_draft("")))
    assert job.employer_id == employer.id
    assert store.employers.get(employer.id) == employer
    assert store.jobs.get(job.id) == job
    assert outbox_rows(store) == [("employer", employer.id, "create"),
                                  ("job", job.id, "create")]


@pytest.mark.parametrize(("employer_overrides", "job_overrides", "fields"), [
    ({"phone": "123"}, {}, {"phone"}),
    ({}, {"start_date": TODAY - timedelta(days=1)}, {"start_date"}),
    ({"kind": "company", "uscc": "123"}, {"pay_amount": "-5"}, {"uscc", "pay_amount"}),
])
def test_post_job_for_new_employer_stores_neither_when_one_is_invalid(
        services: Services, store: Store, employer_overrides: dict[str, object],
        job_overrides: dict[str, object], fields: set[str]) -> None:
    before = snapshot(store)
    result = err(services.post_job_for_new_employer(
        employer_draft(**employer_overrides), job_draft("", **job_overrides)))
    assert result.fields() == fields
    assert snapshot(store) == before


def test_close_job(services: Services, store: Store, clock: FixedClock) -> None:
    job = open_job(services)
    clock.advance(hours=1)
    closed = ok(services.close_job(job.id))
    assert closed.status is JobStatus.CLOSED
    assert closed.updated_at == HALL_MORNING + timedelta(hours=1)
    assert store.jobs.get(job.id) == closed
    assert [op for _, _, op in outbox_rows(store, "job")] == ["create", "update"]
    before = snapshot(store)

    assert err(services.close_job(job.id)).codes() == {"job_not_open"}
    assert err(services.close_job(job.id, JobStatus.EXPIRED)).codes() == {"job_not_open"}
    assert err(services.close_job("no-such-job")).codes() == {"not_found"}
    assert snapshot(store) == before
    assert store.jobs.get(job.id) == closed
    other = open_job(services)
    before = snapshot(store)
    assert err(services.close_job(other.id, JobStatus.OPEN)).codes() == {"choice"}
    assert snapshot(store) == before
    expired = ok(services.close_job(other.id, JobStatus.EXPIRED))
    assert expired.status is JobStatus.EXPIRED


# -- referrals ------------------------------------------------------------------------

def test_touchscreen_request_gets_a_queue_number_and_is_not_repeated(
        services: Services, store: Store) -> None:
    job = open_job(services)
    a, b = register(services, seq=123), register(services, seq=125)

    first = ok(services.refer(job.id, a.id, ReferralOrigin.TOUCHSCREEN, print_ticket=True))
    assert first.status is ReferralStatus.REQUESTED
    assert first.origin is ReferralOrigin.TOUCHSCREEN
    assert first.queue_no == 1
    assert store.referrals.get(first.id) == first
    before = snapshot(store)

    again = ok(services.refer(job.id, a.id, ReferralOrigin.TOUCHSCREEN, print_ticket=True))
    assert again == first
    assert snapshot(store) == before

    second = ok(services.refer(job.id, b.id, ReferralOrigin.TOUCHSCREEN))
    assert second.queue_no == 2
    assert [(p.kind, p.ref_id) for p in store.print_queue.queued()] == [
        (PrintKind.INTEREST, first.id)]


def test_counter_referral_is_referred_without_a_number(services: Services,
                                                       store: Store) -> None:
    job = open_job(services)
    a = register(services)
    referral = ok(services.refer(job.id, a.id, print_ticket=True))
    assert referral.status is ReferralStatus.REFERRED
    assert referral.origin is ReferralOrigin.COUNTER
    assert referral.queue_no is None
    # the worker's touchscreen request for the same job is the same referral
    assert ok(services.refer(job.id, a.id, ReferralOrigin.TOUCHSCREEN)) == referral
    assert store.referrals.count() == 1
    assert [(p.kind, p.ref_id) for p in store.print_queue.queued()] == [
        (PrintKind.REFERRAL, referral.id)]


def test_refer_to_a_closed_or_unknown_job_is_refused(services: Services,
                                                     store: Store) -> None:
    job = open_job(services)
    a = register(services)
    ok(services.close_job(job.id))
    before = snapshot(store)
    assert err(services.refer(job.id, a.id)).codes() == {"job_not_open"}
    assert err(services.refer("no-such-job", a.id)).codes() == {"not_found"}
    assert snapshot(store) == before


def test_hiring_fills_places_and_then_the_job(services: Services, store: Store,
                                             clock: FixedClock) -> None:
    job = open_job(services, headcount="2")
    workers = [register(services, seq=s) for s in (123, 125, 127)]
    referrals = [ok(services.refer(job.id, w.id)) for w in workers]

    clock.advance(hours=1)
    hired = ok(services.record_outcome(referrals[0].id, ReferralStatus.HIRED, print_slip=True))
    assert hired.status is ReferralStatus.HIRED
    assert hired.updated_at == HALL_MORNING + timedelta(hours=1)
    current = store.jobs.get(job.id)
    assert current is not None
    assert (current.headcount_filled, current.status) == (1, JobStatus.OPEN)

    ok(services.record_outcome(referrals[1].id, ReferralStatus.HIRED))
    current = store.jobs.get(job.id)
    assert current is not None
    assert (current.headcount_filled, current.status) == (2, JobStatus.FILLED)
    job_changes = store.outbox.for_entity("job", job.id)
    assert [c.payload["headcount_filled"] for c in job_changes] == [0, 1, 2]
    assert job_changes[-1].payload["status"] == "filled"

    before = snapshot(store)
    late = err(services.record_outcome(referrals[2].id, ReferralStatus.HIRED))
    assert late.codes() == {"job_not_open"}
    assert snapshot(store) == before
    assert store.referrals.get(referrals[2].id) == referrals[2]
    # a new referral to the filled job is refused too
    d = register(services, seq=129)
    assert err(services.refer(job.id, d.id)).codes() == {"job_not_open"}


def test_hire_writes_referral_and_job_in_one_commit(services: Services, store: Store) -> None:
    job = open_job(services)
    referral = ok(services.refer(job.id, register(services).id))
    heard: list[frozenset[str]] = []
    store.subscribe(heard.append)
    ok(services.record_outcome(referral.id, ReferralStatus.HIRED, print_slip=True))
    assert heard == [frozenset({"referral", "job", "outbox", "print_jobs"})]
    assert [op for _, _, op in outbox_rows(store, "referral")] == ["create", "update"]


@pytest.mark.parametrize(("path", "illegal"), [
    ([], ReferralStatus.NO_SHOW),  # requested → no_show
    ([], ReferralStatus.REQUESTED),
    ([ReferralStatus.REFERRED], ReferralStatus.REQUESTED),
    ([ReferralStatus.REFERRED], ReferralStatus.REFERRED),
    ([ReferralStatus.DECLINED], ReferralStatus.HIRED),
    ([ReferralStatus.REFERRED, ReferralStatus.NO_SHOW], ReferralStatus.HIRED),
    ([ReferralStatus.HIRED], ReferralStatus.DECLINED),
    ([ReferralStatus.HIRED], ReferralStatus.NO_SHOW),
    ([ReferralStatus.HIRED], ReferralStatus.REFERRED),
    ([ReferralStatus.HIRED], ReferralStatus.HIRED),
    ([ReferralStatus.REFERRED, ReferralStatus.HIRED], ReferralStatus.DECLINED),
])
def test_illegal_outcomes_are_refused(services: Services, store: Store,
                                      path: list[ReferralStatus],
                                      illegal: ReferralStatus) -> None:
    job = open_job(services)
    referral = ok(services.refer(job.id, register(services).id, ReferralOrigin.TOUCHSCREEN))
    for status in path:
        referral = ok(services.record_outcome(referral.id, status))
    before = snapshot(store)

    result = err(services.record_outcome(referral.id, illegal))

    assert result.codes() == {"status_transition"}
    assert snapshot(store) == before
    assert store.referrals.get(referral.id) == referral


def test_hired_is_final(services: Services, store: Store) -> None:
    job = open_job(services)
    referral = ok(services.refer(job.id, register(services).id))
    ok(services.record_outcome(referral.id, ReferralStatus.HIRED))
    before = snapshot(store)
    for status in ReferralStatus:
        assert err(services.record_outcome(referral.id, status)).codes() == \
            {"status_transition"}
    assert snapshot(store) == before
    assert err(services.record_outcome("nope", ReferralStatus.HIRED)).codes() == {"not_found"}


def test_legal_outcomes(services: Services, store: Store) -> None:
    job = open_job(services, headcount="5")
    ids = [register(services, seq=s).id for s in (123, 125, 127, 129)]
    touch = [ok(services.refer(job.id, w, ReferralOrigin.TOUCHSCREEN)) for w in ids]
    assert ok(services.record_outcome(touch[0].id, ReferralStatus.REFERRED)).status is \
        ReferralStatus.REFERRED
    assert ok(services.record_outcome(touch[1].id, ReferralStatus.HIRED)).status is \
        ReferralStatus.HIRED
    assert ok(services.record_outcome(touch[2].id, ReferralStatus.DECLINED)).status is \
        ReferralStatus.DECLINED
    ok(services.record_outcome(touch[0].id, ReferralStatus.NO_SHOW))
    current = store.jobs.get(job.id)
    assert current is not None
    assert current.headcount_filled == 1


def test_a_hired_worker_asking_again_for_the_same_job_is_not_referred_twice(
        services: Services, store: Store) -> None:
    """After a hire, the same worker asking for the same job again must not get a second
    referral that could fill a second place with the same person."""
    job = open_job(services, headcount="3")
    worker = register(services)
    referral = ok(services.refer(job.id, worker.id))
    ok(services.record_outcome(referral.id, ReferralStatus.HIRED))

    again = services.refer(job.id, worker.id, ReferralOrigin.TOUCHSCREEN)

    if isinstance(again, Ok):
        assert again.value.id == referral.id
    assert store.referrals.count("job_id = ? AND worker_id = ?", [job.id, worker.id]) == 1


# -- "131" service events, complaints, notices ---------------------------------------

def test_add_service_event(services: Services, store: Store) -> None:
    worker = register(services)
    job = open_job(services)
    event = ok(services.add_service_event(worker.id, ServiceKind.RECOMMENDATION, " 推荐砌砖 ",
                                          job_id=job.id))
    assert (event.kind, event.note, event.job_id) == (ServiceKind.RECOMMENDATION,
                                                      "推荐砌砖", job.id)
    assert store.service_events.get(event.id) == event
    assert outbox_rows(store, "service_event") == [("service_event", event.id, "create")]

    before = snapshot(store)
    assert err(services.add_service_event("nobody", ServiceKind.GUIDANCE)).codes() == \
        {"not_found"}
    assert err(services.add_service_event(worker.id, ServiceKind.TRAINING, "训" * 501)
               ).codes() == {"too_long"}
    assert snapshot(store) == before


def complaint_draft(**overrides: object) -> ComplaintDraft:
    values: dict[str, object] = {
        "complainant_name": "刘师傅", "phone": "13805311234", "employer_name": "某装修队",
        "amount": "1200", "period_from": TODAY - timedelta(days=30),
        "period_to": TODAY - timedelta(days=1), "description": "十月份工资未结",
    }
    values.update(overrides)
    return ComplaintDraft(**values)  # type: ignore[arg-type]


def test_complaint_receipt_numbers(services: Services, store: Store,
                                   clock: FixedClock) -> None:
    first = ok(services.file_complaint(complaint_draft(), print_receipt=True))
    second = ok(services.file_complaint(complaint_draft(amount="88.50")))
    assert first.number == "TS20261123-T01-001"
    assert second.number == "TS20261123-T01-002"
    assert second.amount_cents == 8850
    assert store.complaints.get(first.id) == first
    assert [(p.kind, p.ref_id) for p in store.print_queue.queued()] == [
        (PrintKind.COMPLAINT, first.id)]

    before = snapshot(store)
    bad = err(services.file_complaint(complaint_draft(period_to=TODAY + timedelta(days=1))))
    assert bad.codes() == {"period_future"}
    assert snapshot(store) == before  # no number used up either
    assert ok(services.file_complaint(complaint_draft())).number == "TS20261123-T01-003"

    clock.advance(days=1)
    assert ok(services.file_complaint(complaint_draft())).number == "TS20261124-T01-001"
    assert outbox_rows(store, "complaint") == [
        ("complaint", c.id, "create") for c in store.complaints.where(order_by="id")]


def test_post_notice(services: Services, store: Store) -> None:
    notice = ok(services.post_notice(NoticeDraft(text_zh="今日暖心早餐", priority=2)))
    assert notice.starts_on == TODAY
    assert notice.ends_on is None
    assert store.notices.get(notice.id) == notice
    assert outbox_rows(store) == [("notice", notice.id, "create")]
    before = snapshot(store)
    bad = err(services.post_notice(NoticeDraft(text_zh="x", starts_on=TODAY,
                                               ends_on=TODAY - timedelta(days=1))))
    assert bad.codes() == {"period_order"}
    assert err(services.post_notice(NoticeDraft(text_zh="  "))).codes() == {"required"}
    assert snapshot(store) == before


# -- status ---------------------------------------------------------------------------

def test_status_counts_match_the_outbox_for_create_only_flows(
        services: Services, store: Store, clock: FixedClock) -> None:
    empty = services.status()
    assert empty["oldest_pending_age_s"] is None
    assert empty["hall"] == {"id": "370104-DDBL", "terminal": "T01"}

    workers = [register(services, seq=s) for s in (123, 125, 127)]
    for w in workers[:2]:
        ok(services.check_in(w.id))
    ok(services.post_job_for_new_employer(employer_draft(), job_draft("")))
    ok(services.register_employer(employer_draft(name="王女士")))
    ok(services.add_service_event(workers[0].id, ServiceKind.GUIDANCE))
    ok(services.file_complaint(complaint_draft()))
    ok(services.post_notice(NoticeDraft(text_zh="通知")))

    status = services.status()
    records = status["records"]
    outbox = status["outbox"]
    assert isinstance(records, dict)
    assert isinstance(outbox, dict)
    assert records == {"workers": 3, "employers": 2, "jobs": 1, "checkins": 2,
                       "referrals": 0, "service_events": 1, "complaints": 1, "case_steps": 0,
                       "notices": 1, "audit_events": 0, "queue_calls": 0,
                       "course_signups": 0, "attendance": 0,
                       "staff_calls": 0, "arrivals": 0, "safety_acks": 0,
                       "help_requests": 0, "course_cancels": 0}
    assert outbox["pending"] == sum(records.values()) == 11
    assert sum(outbox.values()) == outbox["pending"]
    by_entity = dict(store.conn.execute(
        "SELECT entity, COUNT(*) FROM outbox WHERE state = 'pending' GROUP BY entity"))
    tables = {"worker": "workers", "employer": "employers", "job": "jobs",
              "checkin": "checkins", "service_event": "service_events",
              "complaint": "complaints", "notice": "notices"}
    assert {tables[e]: n for e, n in by_entity.items()} == {
        t: n for t, n in records.items() if n}
    assert status["oldest_pending_age_s"] == 0.0

    clock.advance(hours=2)
    assert services.status()["oldest_pending_age_s"] == 7200.0
    clock.advance(minutes=30)
    assert services.status()["oldest_pending_age_s"] == 9000.0

    store.conn.execute("UPDATE outbox SET state = 'acked'")
    acked = services.status()
    assert acked["oldest_pending_age_s"] is None
    assert acked["outbox"] == {"pending": 0, "sending": 0, "acked": 11, "rejected": 0,
                               "quarantined": 0}


def test_status_counts_print_jobs(services: Services) -> None:
    worker = ok(services.register_worker(worker_draft(), print_card=True))
    ok(services.check_in(worker.id, print_ticket=True))
    prints = services.status()["print_jobs"]
    assert isinstance(prints, dict)
    assert prints["queued"] == 2


# -- what a use case returns is what it stored ----------------------------------------

def test_returned_records_equal_the_stored_ones_with_a_sub_millisecond_clock(
        store: Store, settings: HallSettings, catalogue: Catalogue) -> None:
    """The real clock has microseconds; the store keeps milliseconds. The record a use
    case hands back (shown on screen, printed) must be the one stored and sent."""
    clock = FixedClock(HALL_MORNING + timedelta(microseconds=123456))
    services = Services(store, settings, catalogue, clock)
    worker = ok(services.register_worker(worker_draft()))
    employer, job = ok(services.post_job_for_new_employer(employer_draft(), job_draft("")))
    checkin = ok(services.check_in(worker.id)).checkin
    stored: list[tuple[object, object]] = [
        (store.workers.get(worker.id), worker),
        (store.employers.get(employer.id), employer),
        (store.jobs.get(job.id), job),
        (store.checkins.get(checkin.id), checkin),
    ]
    for got, returned in stored:
        assert got == returned
    assert ok(services.check_in(worker.id)).checkin == checkin



# -- the touchscreen's reads ------------------------------------------------------------

def test_check_id_number_normalises_or_says_why(services: Services) -> None:
    number = id_number(seq=125)
    assert ok(services.check_id_number(f" {number[:6]} {number[6:].lower()} ")) == number
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    assert err(services.check_id_number(wrong)).errors[0].code == "checksum"


def test_open_jobs_lists_urgent_then_soonest_with_employer_names(
        services: Services, clock: FixedClock) -> None:
    later = open_job(services, start_date=TODAY + timedelta(days=2), title="后天")
    soon = open_job(services, start_time="06:30", title="今早")
    urgent = open_job(services, start_date=TODAY + timedelta(days=1), urgent=True, title="急")
    no_time = open_job(services, title="今天不定时")
    closed = open_job(services, title="已关闭")
    ok(services.close_job(closed.id))
    listed = services.open_jobs()
    assert [item.job.id for item in listed] == [urgent.id, soon.id, no_time.id, later.id]
    assert {item.employer_name for item in listed} == {"李先生"}
    clock.advance(days=1)  # today's jobs have started: tomorrow they are gone
    assert [item.job.id for item in services.open_jobs()] == [urgent.id, later.id]


def test_open_jobs_by_trade(services: Services) -> None:
    brick = open_job(services, trade="C01")
    open_job(services, trade="S01")
    cleaner = open_job(services, trade="S03")
    assert [i.job.id for i in services.open_jobs(frozenset({"C01"}))] == [brick.id]
    assert {i.job.id for i in services.open_jobs(frozenset({"C01", "S03"}))} == {
        brick.id, cleaner.id}
    assert services.open_jobs(frozenset({"O06"})) == []


def test_open_jobs_by_page_and_their_count(services: Services) -> None:
    jobs = [open_job(services, start_time=f"0{hour}:00", title=f"第{hour}个")
            for hour in range(5, 10)]
    ok(services.close_job(jobs[1].id))
    pages = [[i.job.id for i in services.open_jobs(limit=2, offset=offset)]
             for offset in (0, 2, 4)]
    assert pages == [[jobs[0].id, jobs[2].id], [jobs[3].id, jobs[4].id], []]
    assert services.count_open_jobs() == 4
    assert services.count_open_jobs(frozenset({"O06"})) == 0


def test_an_open_job_by_its_id(services: Services) -> None:
    job, closed = open_job(services), open_job(services, title="已关闭")
    ok(services.close_job(closed.id))
    listing = services.open_job_listing(job.id)
    assert listing is not None and listing.job == job and listing.employer_name == "李先生"
    assert services.open_job_listing(closed.id) is None
    assert services.open_job_listing("0192a4b1-7c2d-7e3f-8a9b-0c1d2e3f4a5b") is None


def test_check_mobile_and_print_card(services: Services, store: Store) -> None:
    assert ok(services.check_mobile("138 0531 1234")) == "13805311234"
    assert err(services.check_mobile("1380531123")).errors[0].field == "phone"
    worker = register(services)
    job_id = ok(services.print_card(worker.id))
    row = store.conn.execute("SELECT kind, ref_id FROM print_jobs WHERE id = ?", (job_id,))
    assert row.fetchone() == ("card", worker.id)
    assert err(services.print_card("no-such-worker")).errors[0].code == "not_found"
