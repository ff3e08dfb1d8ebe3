"""Cards that prove themselves, across halls and a real hub (PostgreSQL and SQLite).

Each terminal sends the hub its card key; the hub publishes every terminal's key in the
city-signed `card_keys` asset; another hall then checks a card offline. A card it cannot
check makes an unverified check-in, numbered only once the hub confirms the worker.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from kiosk.core import payloads
from kiosk.core.card_rules import CardProof
from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import Ok, Result
from kiosk.core.records import Unverified
from kiosk.core.scan import ScanKeys, WorkerCard
from kiosk.core.staff import StaffRole
from kiosk.services.erasure import erase_worker
from kiosk.services.printing import TicketSource
from kiosk.services.staff import StaffAccounts
from kiosk.services.workers import CheckInResult
from kiosk.store.sync_state import SyncState, stored_asset
from kiosk.system.config import default_config
from sync.agent import SyncAgent
from sync.hub.app import create_app
from sync.hub.card_keys import publish_card_keys
from sync.hub.schema import checkins, refusals, terminals
from sync.hub.terminals import revoke
from sync.protocol import CARD_KEY_PATH
from tests.conftest import id_number, worker_draft
from tests.sync.conftest import CITY_KEY, HUB_KEYS, Hub, Terminal

STRANGER = "019a5b1c-0000-7000-8000-0000000000cc"  # a uuid no terminal ever registered


@pytest.fixture
def hub(hub_engine: object, catalogue: Catalogue) -> Iterator[Hub]:
    """The hub with the city key at hand: a new card key is published at once."""
    app = create_app(hub_engine, catalogue, keys=HUB_KEYS,  # type: ignore[arg-type]
                     city_key=CITY_KEY)
    with TestClient(app) as client:
        yield Hub(hub_engine, app, client)  # type: ignore[arg-type]


def agent(terminal: Terminal, hub: Hub) -> SyncAgent:
    return SyncAgent(terminal.store, terminal.credentials, hub.client,
                     card_key=terminal.services.card_public_key())


def sync(terminal: Terminal, hub: Hub) -> None:
    report = agent(terminal, hub).sync_once()
    assert report.ok, report


def register(terminal: Terminal, seq: int) -> str:
    made = terminal.services.register_worker(worker_draft(id_number=id_number(seq=seq)))
    assert isinstance(made, Ok)
    return made.value.id


def read_card(terminal: Terminal, text: str) -> WorkerCard:
    card = terminal.services.read_scan(text, ScanKeys())
    assert isinstance(card, WorkerCard), card
    return card


def ok(result: Result[CheckInResult]) -> CheckInResult:
    assert isinstance(result, Ok), result
    return result.value


def check_in(terminal: Terminal, text: str) -> CheckInResult:
    card = read_card(terminal, text)
    return ok(terminal.services.check_in(card.worker_id, card=card))


def queue_no(terminal: Terminal, checkin_id: str) -> int | None:
    found = terminal.store.checkins.get(checkin_id)
    assert found is not None
    return found.queue_no


def waiting(terminal: Terminal, checkin_id: str) -> int:
    found = terminal.store.checkins.get(checkin_id)
    assert found is not None
    source = TicketSource(terminal.store, terminal.services.catalogue, default_config().hall)
    return source.waiting_before(found)


def test_a_card_signed_at_one_hall_checks_in_offline_at_another(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    worker = register(hall_a, 123)
    card = hall_a.services.card_text(worker)
    assert read_card(hall_b, card).proof is CardProof.UNKNOWN_KEY  # hall A's key: not yet
    sync(hall_a, hub)  # hall A's key reaches the hub, which publishes it signed
    with hub.engine.connect() as conn:
        keys = dict(conn.execute(select(terminals.c.id, terminals.c.card_key)).all())
    assert keys[hall_a.credentials.terminal] == hall_a.services.card_public_key()
    assert keys[hall_b.credentials.terminal] is None  # hall B has not synced yet
    sync(hall_b, hub)  # hall B sends its key and pulls the asset
    kept = stored_asset(hall_b.store, "card_keys")
    assert kept is not None and {k["terminal"] for k in kept["data"]["keys"]} == {
        hall_a.credentials.terminal, hall_b.credentials.terminal}
    first = check_in(hall_b, card)  # no hub call: the key is in the asset hall B keeps
    assert first.checkin.unverified is None and first.checkin.queue_no == 1
    assert hall_b.services.worker(worker) is None  # hall B never saw the worker


def test_an_unverified_check_in_is_numbered_once_the_hub_confirms_the_worker(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    visitor = register(hall_a, 125)  # registered at hall A, not yet at the hub
    local = register(hall_b, 127)
    old_card = payloads.worker_card(visitor)  # LGW1: a checksum anyone can compute
    waiting_one = check_in(hall_b, old_card)
    assert waiting_one.unverified and waiting_one.checkin.unverified is Unverified.UNKNOWN_WORKER
    numbered = check_in(hall_b, hall_b.services.card_text(local))
    assert numbered.checkin.queue_no == 1  # the unverified one took no number
    assert waiting(hall_b, numbered.checkin.id) == 0  # and is not in 前面等候
    report = agent(hall_b, hub).sync_once()  # the hub does not know the visitor yet
    assert report.rejected == 1 and queue_no(hall_b, waiting_one.checkin.id) is None
    assert hall_b.store.conn.execute(
        "SELECT last_error FROM outbox WHERE entity = 'checkin' AND state = 'rejected'"
    ).fetchone()[0].startswith("unknown_worker")  # staff see why
    sync(hall_a, hub)  # now the hub knows the visitor
    again = check_in(hall_b, payloads.worker_card(visitor))  # asked again at the desk
    assert again.already and again.checkin.id == waiting_one.checkin.id
    # a fresh check-in the next day: confirmed by the hub, then numbered
    hall_b.services.clock.advance(days=1)  # type: ignore[attr-defined]
    tomorrow = check_in(hall_b, old_card)
    assert tomorrow.checkin.queue_no is None
    sync(hall_b, hub)
    assert queue_no(hall_b, tomorrow.checkin.id) == 1
    later = check_in(hall_b, hall_b.services.card_text(local))
    assert later.checkin.queue_no == 2 and waiting(hall_b, later.checkin.id) == 1
    with hub.engine.connect() as conn:
        stored = conn.execute(select(checkins.c.id)).scalars().all()
    assert tomorrow.checkin.id in stored and waiting_one.checkin.id not in stored


def test_a_forged_card_never_gets_a_number_and_the_hub_flags_it(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    sync(hall_a, hub)
    sync(hall_b, hub)
    sync(hall_a, hub)  # both terminals' keys are in the asset both hold now
    real = register(hall_a, 129)
    signed = hall_a.services.card_text(real)
    tampered = signed[:-2] + ("AA" if not signed.endswith("AA") else "QA")
    other_key = os.urandom(32)  # a terminal the city never published
    from kiosk.core.cards import sign_worker_card

    forged = {
        payloads.worker_card(STRANGER): Unverified.UNKNOWN_WORKER,
        sign_worker_card(STRANGER, other_key): Unverified.UNKNOWN_KEY,
        tampered.replace(real, STRANGER): Unverified.BAD_SIGNATURE,
    }
    made = []
    for text, why in forged.items():
        day = check_in(hall_b, text)
        assert (day.checkin.queue_no, day.checkin.unverified) == (None, why)
        made.append(day.checkin.id)
        hall_b.services.clock.advance(days=1)  # type: ignore[attr-defined]
    report = agent(hall_b, hub).sync_once()
    assert report.rejected == 3
    assert all(queue_no(hall_b, i) is None for i in made)
    with hub.engine.connect() as conn:
        flagged = conn.execute(select(refusals.c.record_id, refusals.c.reason).where(
            refusals.c.record_type == "checkin")).all()
    assert sorted(flagged) == sorted((i, "unknown_worker") for i in made)


def test_a_tampered_card_of_a_real_worker_is_confirmed_by_the_hub(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    real = register(hall_a, 131)
    sync(hall_a, hub)
    sync(hall_b, hub)
    signed = hall_a.services.card_text(real)
    tampered = signed[:-2] + ("AA" if not signed.endswith("AA") else "QA")
    day = check_in(hall_b, tampered)
    assert day.checkin.unverified is Unverified.BAD_SIGNATURE
    sync(hall_b, hub)
    assert queue_no(hall_b, day.checkin.id) == 1


def test_a_replayed_card_of_a_deleted_worker_is_refused(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    services = hall_a.services
    assert isinstance(StaffAccounts(services).add("S900", "赵主任", StaffRole.SUPERVISOR,
                                                  "730519"), Ok)
    worker = register(hall_a, 133)
    card = services.card_text(worker)
    sync(hall_a, hub)
    sync(hall_b, hub)
    assert isinstance(erase_worker(services, worker, "S900", "730519", print_receipt=False), Ok)
    sync(hall_a, hub)
    here = check_in(hall_a, card)  # the hall that deleted the worker knows it
    assert (here.checkin.queue_no, here.checkin.unverified) == (None, Unverified.DELETED_WORKER)
    there = check_in(hall_b, card)  # offline, hall B cannot know: the signature is good
    assert there.checkin.queue_no == 1
    a, b = agent(hall_a, hub).sync_once(), agent(hall_b, hub).sync_once()
    assert a.rejected == 1 and b.rejected == 1  # the hub refuses both and logs them
    assert queue_no(hall_a, here.checkin.id) is None
    with hub.engine.connect() as conn:
        stored = conn.execute(select(checkins.c.id)).scalars().all()
    assert here.checkin.id not in stored and there.checkin.id not in stored


def test_a_terminal_registers_only_its_own_card_key(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    key = base64.b64encode(os.urandom(32)).decode()
    auth = {"Authorization": f"Bearer {hall_a.credentials.token}"}
    body = {"version": 1, "terminal_id": hall_b.credentials.terminal, "public_key": key}
    assert hub.client.post(CARD_KEY_PATH, json=body, headers=auth).status_code == 403
    bad = {**body, "terminal_id": hall_a.credentials.terminal, "public_key": "A" * 44}
    assert hub.client.post(CARD_KEY_PATH, json=bad, headers=auth).status_code == 422
    assert hub.client.post(CARD_KEY_PATH, json=body).status_code == 401
    assert hub.client.post(CARD_KEY_PATH, json={"version": 1}, headers=auth).status_code == 422
    with hub.engine.connect() as conn:
        assert conn.execute(select(terminals.c.card_key).where(
            terminals.c.card_key.is_not(None))).all() == []
    mine = {**body, "terminal_id": hall_a.credentials.terminal}
    answer = hub.client.post(CARD_KEY_PATH, json=mine, headers=auth)
    assert answer.status_code == 200 and answer.json()["published"] is True
    again = hub.client.post(CARD_KEY_PATH, json=mine, headers=auth)
    assert again.json()["published"] is False  # nothing new: no new publication


def test_a_revoked_terminal_leaves_the_published_keys(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    sync(hall_a, hub)
    sync(hall_b, hub)
    assert revoke(hub.engine, hall_a.credentials.terminal)
    publish_card_keys(hub.engine, CITY_KEY)
    sync(hall_b, hub)
    kept = stored_asset(hall_b.store, "card_keys")
    assert kept is not None
    assert [k["terminal"] for k in kept["data"]["keys"]] == [hall_b.credentials.terminal]
    card = hall_a.services.card_text(register(hall_a, 135))
    assert read_card(hall_b, card).proof is CardProof.UNKNOWN_KEY


def test_the_card_key_is_sent_once(hub: Hub, hall_a: Terminal) -> None:
    first = agent(hall_a, hub)
    assert first.register_card_key() is True
    assert agent(hall_a, hub).register_card_key() is False  # the hub has it


def test_a_hub_without_the_card_key_call_still_takes_the_push(
        hub: Hub, hall_a: Terminal) -> None:
    """A terminal upgraded before its hub: the key waits, the records still go."""
    older = create_app(hub.engine, keys=HUB_KEYS)
    older.router.routes = [r for r in older.router.routes
                           if getattr(r, "path", "") != CARD_KEY_PATH]
    register(hall_a, 137)
    with TestClient(older) as client:
        report = SyncAgent(hall_a.store, hall_a.credentials, client,
                           card_key=hall_a.services.card_public_key()).sync_once()
    assert report.ok and report.stored >= 1
    assert SyncState(hall_a.store).registered_card_key() is None  # sent with a later sync
    sync(hall_a, hub)
    assert SyncState(hall_a.store).registered_card_key() == hall_a.services.card_public_key()
