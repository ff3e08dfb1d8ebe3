"""Check-in with a worker card on a real SQLite file: what is numbered, what waits for the
hub, and how a waiting check-in gets its number."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

import pytest

from kiosk.core import payloads
from kiosk.core.card_rules import LegacyCards
from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import Err, Ok, Result
from kiosk.core.records import Unverified
from kiosk.core.scan import ScanKeys, WorkerCard
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.board import BoardReader
from kiosk.store.outbox import OutboxState
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from kiosk.store.sync_state import Outcome, SyncState
from kiosk.system.config import default_config
from tests.conftest import FixedClock, id_number, worker_draft

V = TypeVar("V")
FORGED = "019a5b1c-0000-7000-8000-0000000000ee"  # a random uuid: no such worker


def ok(result: Result[V]) -> V:
    assert isinstance(result, Ok), result
    return result.value


def scanned(services: Services, text: str) -> WorkerCard:
    card = services.read_scan(text, ScanKeys())
    assert isinstance(card, WorkerCard), card
    return card


def waiting_before(services: Services, checkin_id: str) -> int:
    found = services.store.checkins.get(checkin_id)
    assert found is not None
    return TicketSource(services.store, services.catalogue,
                        default_config().hall).waiting_before(found)


def change_of(store: Store, checkin_id: str) -> str:
    row = store.conn.execute("SELECT change_id FROM outbox WHERE entity = 'checkin' AND "
                             "entity_id = ?", (checkin_id,)).fetchone()
    return str(row[0])


def test_a_forged_old_card_is_stored_and_synced_but_waits_for_no_one(
        services: Services, store: Store) -> None:
    forged = ok(services.check_in(FORGED, print_ticket=True,
                                  card=scanned(services, payloads.worker_card(FORGED))))
    assert forged.checkin.queue_no is None
    assert forged.checkin.unverified is Unverified.UNKNOWN_WORKER
    assert store.conn.execute("SELECT COUNT(*) FROM outbox WHERE entity = 'checkin'"
                              ).fetchone()[0] == 1
    worker = ok(services.register_worker(worker_draft()))
    real = ok(services.check_in(worker.id))
    assert real.checkin.queue_no == 1 and waiting_before(services, real.checkin.id) == 0
    board = BoardReader(store.path, services.settings.hall_id, services.settings.timezone)
    try:
        assert board.load(services.now()).counts.checked_in == 1  # the board counts one
    finally:
        board.close()


def test_the_hub_confirms_a_waiting_check_in_and_it_is_numbered_after_the_others(
        services: Services, store: Store) -> None:
    first = ok(services.check_in(FORGED, card=WorkerCard(FORGED)))
    worker = ok(services.register_worker(worker_draft()))
    numbered = ok(services.check_in(worker.id)).checkin
    assert numbered.queue_no == 1
    state = SyncState(store)
    state.claim()
    state.settle([Outcome(change_of(store, first.checkin.id), OutboxState.ACKED)],
                 "2026-11-23T02:00:00.000Z")
    confirmed = store.checkins.get(first.checkin.id)
    assert confirmed is not None and confirmed.queue_no == 2
    assert confirmed.unverified is Unverified.UNKNOWN_WORKER  # why it waited stays
    assert waiting_before(services, first.checkin.id) == 1
    state.settle([Outcome(change_of(store, first.checkin.id), OutboxState.ACKED)],
                 "2026-11-23T02:00:01.000Z")  # an answer again changes nothing
    assert store.checkins.get(first.checkin.id) == confirmed


def test_a_check_in_the_hub_refuses_never_gets_a_number(
        services: Services, store: Store) -> None:
    first = ok(services.check_in(FORGED, card=WorkerCard(FORGED)))
    state = SyncState(store)
    state.claim()
    state.settle([Outcome(change_of(store, first.checkin.id), OutboxState.REJECTED,
                          "unknown_worker: the hub knows no such worker")],
                 "2026-11-23T02:00:00.000Z")
    refused = store.checkins.get(first.checkin.id)
    assert refused is not None and refused.queue_no is None


@pytest.fixture
def unverified_hall(store: Store, settings: HallSettings, catalogue: Catalogue,
                    clock: FixedClock) -> Services:
    """A hall that checks every old card with the city (`legacy_cards = "unverified"`)."""
    return Services(store, replace(settings, legacy_cards=LegacyCards.UNVERIFIED), catalogue,
                    clock)


def test_a_worker_sent_to_the_desk_gets_the_number_by_their_id_number(
        unverified_hall: Services, store: Store) -> None:
    services = unverified_hall
    worker = ok(services.register_worker(worker_draft()))
    waiting = ok(services.check_in(worker.id, card=scanned(
        services, payloads.worker_card(worker.id))))
    assert (waiting.checkin.queue_no, waiting.checkin.unverified) == (
        None, Unverified.LEGACY_CARD)
    found = services.find_worker_by_id_number(id_number())
    assert found is not None and found.id == worker.id
    again = ok(services.check_in(found.id, print_ticket=True))  # typed at the terminal
    assert again.already and again.checkin.id == waiting.checkin.id
    assert again.checkin.queue_no == 1
    assert [(j.kind, j.ref_id) for j in store.print_queue.queued()] == [
        (PrintKind.QUEUE, waiting.checkin.id)]
    outbox = store.conn.execute("SELECT COUNT(*) FROM outbox WHERE entity = 'checkin'"
                                ).fetchone()[0]
    assert outbox == 1  # the hub keeps the check-in as sent: one record
    signed = ok(services.check_in(worker.id, card=scanned(services,
                                                          services.card_text(worker.id))))
    assert signed.already and signed.checkin.queue_no == 1  # the same number


def test_a_hall_that_refuses_old_cards_stores_nothing(
        store: Store, settings: HallSettings, catalogue: Catalogue, clock: FixedClock) -> None:
    services = Services(store, replace(settings, legacy_cards=LegacyCards.REFUSE), catalogue,
                        clock)
    worker = ok(services.register_worker(worker_draft()))
    before = store.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    refused = services.check_in(worker.id, card=scanned(services,
                                                        payloads.worker_card(worker.id)))
    assert isinstance(refused, Err) and refused.codes() == {"legacy_card_refused"}
    assert store.conn.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == before
    assert ok(services.check_in(worker.id, card=scanned(
        services, services.card_text(worker.id)))).checkin.queue_no == 1
