"""Workers known in every hall, across a real hub (PostgreSQL and SQLite).

A worker registered at hall A is unknown at hall B until hall B asks the hub: by the ID
number typed or read there, or by the worker card. The hub answers with a masked profile
(never the ID number or phone), audits the lookup, rate-limits it per terminal, and
answers alike for anyone it cannot show. Hall B keeps the profile and checks the worker
in, takes their 我想干 and lists them in matching; the hub takes hall B's records about
hall A's worker. Offline, the card still checks in; the hub resolves it after sync.
"""

from __future__ import annotations

import json
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select

from kiosk.core.city_workers import HubUnreachable, is_card_only
from kiosk.core.errors import Ok
from kiosk.core.records import ReferralOrigin
from kiosk.core.scan import ScanKeys, WorkerCard
from kiosk.core.staff import StaffRole
from kiosk.services.dispatch import Dispatch
from kiosk.services.erasure import ERASED_NAME, erase_worker
from kiosk.services.staff import StaffAccounts
from sync.hub.app import create_app
from sync.hub.limits import Limits
from sync.hub.schema import checkins, referrals, worker_lookups, workers
from sync.lookup import HubDirectory
from sync.protocol import LOOKUP_PATH
from tests.conftest import employer_draft, id_number, job_draft, worker_draft
from tests.sync.conftest import CITY_KEY, HALL_A, HALL_B, HUB_KEYS, Hub, Terminal

NUMBER = id_number(date(1968, 5, 20), seq=217)  # a man of 58
NAME, PHONE = "王建明", "13905319876"


@pytest.fixture
def hub(hub_engine: Engine, catalogue: object) -> Iterator[Hub]:
    """The hub with the city key: card keys are published at once (cards of hall A are
    checked at hall B offline)."""
    app = create_app(hub_engine, catalogue, keys=HUB_KEYS, city_key=CITY_KEY)  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield Hub(hub_engine, app, client)


def sync(terminal: Terminal, hub: Hub) -> None:
    report = terminal.agent(hub.client)
    report.card_key = terminal.services.card_public_key()
    result = report.sync_once()
    assert result.ok and result.rejected == 0, result


def connect(terminal: Terminal, hub: Hub) -> None:
    terminal.services.directory = HubDirectory(terminal.credentials, hub.client)


def register(terminal: Terminal, number: str = NUMBER) -> str:
    made = terminal.services.register_worker(worker_draft(
        name=NAME, id_number=number, phone=PHONE, trades=["C01"],
        certificates=[], areas=["槐荫区"]))
    assert isinstance(made, Ok), made
    return made.value.id


def post_job(terminal: Terminal) -> str:
    employer = terminal.services.register_employer(employer_draft())
    assert isinstance(employer, Ok), employer
    job = terminal.services.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok), job
    return job.value.id


def ask(hub: Hub, terminal: Terminal, **key: str) -> tuple[int, bytes]:
    body = {"version": 1, "terminal_id": terminal.credentials.terminal, **key}
    response = hub.client.post(LOOKUP_PATH, json=body, headers={
        "Authorization": f"Bearer {terminal.credentials.token}"})
    return response.status_code, response.content


def test_a_worker_of_hall_a_checks_in_asks_for_a_job_and_is_matched_at_hall_b(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    worker_id = register(hall_a)
    sync(hall_a, hub)
    job_id = post_job(hall_b)
    connect(hall_b, hub)
    services = hall_b.services
    assert services.find_worker_by_id_number(NUMBER) is None  # a stranger here, for now
    profile = services.ask_city_by_id_number(NUMBER)
    assert profile is not None and profile.worker_id == worker_id
    assert profile.home_hall == HALL_A and profile.name_masked == "王*明"
    assert profile.birth_year == 1968 and profile.trades == ("C01",)
    kept = services.keep_city_worker(profile, NUMBER)
    assert kept.name == "王*明" and kept.phone == "" and kept.id_number is None
    assert services.home_hall_of(worker_id) is not None
    # the next visit is found here, without the hub: hall B's own blind index
    found = services.find_worker_by_id_number(NUMBER)
    assert found is not None and found.id == worker_id
    checked = services.check_in(worker_id)
    assert isinstance(checked, Ok) and checked.value.checkin.queue_no == 1
    fit = Dispatch(services).fit_workers(job_id)
    assert isinstance(fit, Ok)
    match = next(m for m in fit.value if m.candidate.worker_id == worker_id)
    assert match.checked_in and match.candidate.name == "王*明"
    assert match.rank == 1  # older worker (58): first, by the birth year the hub gave
    wanted = services.refer(job_id, worker_id, ReferralOrigin.TOUCHSCREEN)
    assert isinstance(wanted, Ok) and wanted.value.queue_no == 1  # the check-in's number
    asked = [r for r in Dispatch(services).requests() if r.referral.id == wanted.value.id]
    assert asked and asked[0].worker is not None and asked[0].worker.name == "王*明"
    sync(hall_b, hub)  # the check-in and the referral are hall B's records: accepted
    with hub.engine.connect() as conn:
        assert conn.execute(select(checkins.c.hall_id).where(
            checkins.c.id == checked.value.checkin.id)).scalar_one() == HALL_B
        assert conn.execute(select(referrals.c.hall_id).where(
            referrals.c.id == wanted.value.id)).scalar_one() == HALL_B
        audit = conn.execute(select(worker_lookups)).all()
    assert [(r.terminal_id, r.hall_id, r.by, r.worker_id) for r in audit] == [
        (hall_b.credentials.terminal, HALL_B, "id_number", worker_id)]
    # nothing of the copy went to the outbox: the record is hall A's
    assert hall_b.store.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'worker'").fetchone()[0] == 0
    # the number typed at hall B is kept as hall B's blind index and mask, never whole:
    # not in the database file, its WAL, or anywhere else in hall B's folder
    folder = hall_b.store.path.parent
    files = [p for p in folder.iterdir() if p.is_file() and p.name.startswith("b.")]
    assert {"b.sqlite3", "b.sqlite3-wal"} <= {p.name for p in files}
    assert [p.name for p in files if NUMBER.encode() in p.read_bytes()
            or PHONE.encode() in p.read_bytes() or NAME.encode() in p.read_bytes()] == []


def test_the_hub_answer_carries_no_id_number_phone_name_or_birth_date(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    worker_id = register(hall_a)
    sync(hall_a, hub)
    for key in ({"id_number": NUMBER}, {"worker_id": worker_id}):
        status, body = ask(hub, hall_b, **key)
        assert status == 200 and b'"found":true' in body
        text = body.decode()
        assert NUMBER not in text and NUMBER[:14] not in text and NUMBER[-4:] not in text
        assert PHONE not in text and PHONE[-4:] not in text
        assert NAME not in text and "1968-05-20" not in text and "19680520" not in text
        assert "low_income" not in text and "disabled" not in text
        assert "skills_note" not in text and "id_masked" not in text


def test_whoever_the_hub_cannot_show_gets_the_same_answer_and_the_same_work(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    assert isinstance(StaffAccounts(hall_a.services).add(
        "S900", "赵主任", StaffRole.SUPERVISOR, "730519"), Ok)
    gone = register(hall_a, id_number(date(1970, 1, 2), seq=331))
    kept = register(hall_a)
    sync(hall_a, hub)
    assert isinstance(erase_worker(hall_a.services, gone, "S900", "730519"), Ok)
    sync(hall_a, hub)
    statements: list[str] = []
    event.listen(hub.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_a: statements.append(sql))
    answers = {}
    for label, key in (
            ("random number", {"id_number": id_number(date(1981, 7, 7), seq=555)}),
            ("erased number", {"id_number": id_number(date(1970, 1, 2), seq=331)}),
            ("erased card", {"worker_id": gone}),
            ("random card", {"worker_id": str(uuid.UUID(int=uuid.uuid4().int & ~(
                0xF << 76) | (7 << 76)))}),
            ("found", {"id_number": NUMBER})):
        statements.clear()
        status, body = ask(hub, hall_b, **key)
        answers[label] = (status, body, [  # the token's check aside (last seen)
            s.split()[0] for s in statements if "terminals" not in s])
    not_found = {label: a for label, a in answers.items() if label != "found"}
    assert len({(status, body) for status, body, _ in not_found.values()}) == 1
    assert next(iter(not_found.values()))[:2] == (200, b'{"version":1,"found":false,'
                                                       b'"worker":null}')
    # the same statements, found or not: one SELECT, the audit INSERT (card or number)
    shapes = {tuple(kinds) for _s, _b, kinds in answers.values()}
    assert len(shapes) == 1, answers
    assert kept in answers["found"][1].decode()


def test_another_halls_token_cannot_walk_the_id_numbers(
        hub_engine: Engine, hall_a: Terminal) -> None:
    limits = Limits(lookup_per_s=0.001, lookup_burst=5)
    with TestClient(create_app(hub_engine, keys=HUB_KEYS, limits=limits)) as client:
        hub = Hub(hub_engine, client.app, client)  # type: ignore[arg-type]
        thief = hub.provision(HALL_B, "copied from a public hall")
        honest = hub.provision(HALL_B, "the counter beside it")
        codes = [client.post(LOOKUP_PATH, headers={"Authorization": f"Bearer {thief.token}"},
                             json={"terminal_id": thief.terminal,
                                   "id_number": id_number(seq=seq)}).status_code
                 for seq in range(100, 120)]
        assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}
        answer = client.post(LOOKUP_PATH, headers={"Authorization": f"Bearer {honest.token}"},
                             json={"terminal_id": honest.terminal, "id_number": NUMBER})
        assert answer.status_code == 200  # each terminal has its own rate
        with hub_engine.connect() as conn:  # the lookups that were answered are audited
            assert len(conn.execute(select(worker_lookups)).all()) == 6


def test_the_token_is_checked_before_the_body_and_the_schema_is_strict(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    garbage = hub.client.post(LOOKUP_PATH, content=b"\xff" * 1000)
    assert garbage.status_code == 401
    other = ask(hub, hall_b, id_number=NUMBER)
    assert other[0] == 200
    for bad in ({"id_number": NUMBER, "worker_id": str(uuid.uuid4())},
                {"id_number": NUMBER[:17]}, {}, {"id_number": NUMBER, "name": "x"}):
        status, body = ask(hub, hall_b, **bad)
        assert status == 422 and NUMBER.encode() not in body
    wrong = hub.client.post(LOOKUP_PATH, json={
        "terminal_id": hall_a.credentials.terminal, "id_number": NUMBER},
        headers={"Authorization": f"Bearer {hall_b.credentials.token}"})
    assert wrong.status_code == 403


def test_an_erasure_at_the_home_hall_reaches_the_copy_at_hall_b(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    assert isinstance(StaffAccounts(hall_a.services).add(
        "S900", "赵主任", StaffRole.SUPERVISOR, "730519"), Ok)
    worker_id = register(hall_a)
    sync(hall_a, hub)
    connect(hall_b, hub)
    profile = hall_b.services.ask_city_by_id_number(NUMBER)
    assert profile is not None
    hall_b.services.keep_city_worker(profile, NUMBER)
    # hall B may neither change nor erase hall A's worker
    refused = erase_worker(hall_b.services, worker_id, "S900", "730519")
    assert not isinstance(refused, Ok)
    assert isinstance(erase_worker(hall_a.services, worker_id, "S900", "730519"), Ok)
    sync(hall_a, hub)
    assert hall_b.services.ask_city_by_id_number(NUMBER) is None
    sync(hall_b, hub)  # the feed tells hall B, which shown the profile, to forget it
    copy = hall_b.services.worker(worker_id)
    assert copy is not None and copy.name == ERASED_NAME
    assert hall_b.services.find_worker_by_id_number(NUMBER) is None
    assert hall_b.store.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'worker'").fetchone()[0] == 0


def test_offline_the_card_checks_in_and_the_hub_resolves_it_after_sync(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    worker_id = register(hall_a)
    card_text = hall_a.services.card_text(worker_id)
    sync(hall_a, hub)
    sync(hall_b, hub)  # hall B has every hall's card keys (the city-signed asset)
    job_id = post_job(hall_b)
    services = hall_b.services
    with pytest.raises(HubUnreachable):  # not connected: as good as offline
        services.ask_city_by_worker_id(worker_id)
    card = services.read_scan(card_text, ScanKeys())
    assert isinstance(card, WorkerCard)
    checked = services.check_in(card.worker_id, card=card)
    assert isinstance(checked, Ok) and checked.value.checkin.queue_no == 1
    assert services.worker(worker_id) is None  # a stranger, checked in offline
    sync(hall_b, hub)  # the hub takes hall B's check-in of hall A's worker
    with hub.engine.connect() as conn:
        stored = conn.execute(select(checkins.c.hall_id, checkins.c.payload).where(
            checkins.c.id == checked.value.checkin.id)).one()
    assert stored.hall_id == HALL_B and json.loads(stored.payload)["worker_id"] == worker_id
    kept = services.worker(worker_id)  # the same sync asked the hub about the stranger
    assert kept is not None and kept.name == "王*明" and services.home_hall_of(worker_id)
    assert is_card_only(kept) and kept.id_masked == "*" * 18
    connect(hall_b, hub)
    fit = Dispatch(services).fit_workers(job_id)
    assert isinstance(fit, Ok)
    assert [m.checked_in for m in fit.value if m.candidate.worker_id == worker_id] == [True]
    # typed later: the number's index joins the copy, found here from then on
    again = services.ask_city_by_id_number(NUMBER)
    assert again is not None
    assert not is_card_only(services.keep_city_worker(again, NUMBER))
    assert services.find_worker_by_id_number(NUMBER) is not None


def test_a_copy_days_old_is_asked_again_and_follows_the_home_hall(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    worker_id = register(hall_a)
    sync(hall_a, hub)
    connect(hall_b, hub)
    services = hall_b.services
    profile = services.ask_city_by_id_number(NUMBER)
    assert profile is not None
    services.keep_city_worker(profile, NUMBER)
    assert not services.city_copy_stale(worker_id)
    changed = hall_a.services.update_worker(worker_id, worker_draft(
        name=NAME, id_number=NUMBER, phone=PHONE, trades=["C01", "C09"]))
    assert isinstance(changed, Ok)
    sync(hall_a, hub)
    services.clock.advance(days=1)  # type: ignore[attr-defined]
    assert services.city_copy_stale(worker_id)
    again = services.ask_city_by_worker_id(worker_id)  # what check-in asks, unseen
    assert again is not None
    kept = services.keep_city_worker(again)
    assert kept.trades == ("C01", "C09") and not is_card_only(kept)  # the index stays
    assert not services.city_copy_stale(worker_id)
    assert services.update_worker(worker_id, worker_draft(  # never changed here
        name="王建", id_number=NUMBER, phone=PHONE)).errors[0].code == "other_hall"  # type: ignore[union-attr]


GOOD_WORKER = {
    "worker_id": "019a5b1c-0000-7000-8000-0000000000aa", "name_masked": "王*明",
    "birth_year": 1968, "sex": "M", "trades": ["C01"], "certificates": [],
    "intentions": ["daily"], "areas": [], "available_from": "2026-11-23",
    "home_hall": HALL_A, "home_hall_name": "", "registered_on": "2026-11-23",
    "consent_version": "2026-12"}


def _answer(worker: dict[str, object]) -> bytes:
    return json.dumps({"version": 1, "found": True, "worker": worker}).encode()


@pytest.mark.parametrize("body", [
    b"<html>502 Bad Gateway</html>",
    b'{"version":1,"found":true}garbage',
    _answer({**GOOD_WORKER, "phone": "13905319876"}),  # a field no profile has
    _answer({**GOOD_WORKER, "birth_year": 3000}),
    _answer({**GOOD_WORKER, "available_from": "2026-13-45"}),
    _answer({**GOOD_WORKER, "worker_id": "../../etc/passwd"}),
], ids=["html", "trailing", "phone", "year", "date", "id"])
def test_a_hostile_hub_answer_is_no_answer_and_nothing_is_kept(
        hall_b: Terminal, body: bytes) -> None:
    """A hub (or something in its place) answering what no hub sends: the terminal takes
    it as no answer at all, and keeps nothing."""
    class Hostile(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        creds = replace(hall_b.credentials, hub=f"http://127.0.0.1:{server.server_port}")
        hall_b.services.directory = HubDirectory(creds)
        with pytest.raises(HubUnreachable):
            hall_b.services.ask_city_by_id_number(NUMBER)
    finally:
        server.shutdown()
        server.server_close()
    assert hall_b.store.workers.count() == 0


def test_a_hub_that_is_down_is_no_answer(hall_b: Terminal) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there now
    creds = replace(hall_b.credentials, hub=f"http://127.0.0.1:{port}")
    hall_b.services.directory = HubDirectory(creds)
    with pytest.raises(HubUnreachable):
        hall_b.services.ask_city_by_worker_id(GOOD_WORKER["worker_id"])  # type: ignore[arg-type]


def test_hall_b_may_check_the_worker_in_but_never_rewrite_them(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    """What the services refuse, a terminal that skips them (a copied token) cannot do
    either: the hub takes hall B's check-in of hall A's worker, and refuses hall B's
    change of the worker itself."""
    from kiosk.store.outbox import ChangeOp

    worker_id = register(hall_a)
    sync(hall_a, hub)
    connect(hall_b, hub)
    profile = hall_b.services.ask_city_by_id_number(NUMBER)
    assert profile is not None
    copy = hall_b.services.keep_city_worker(profile, NUMBER)
    assert isinstance(hall_b.services.check_in(worker_id), Ok)
    with hall_b.store.write() as tx:  # around the services: the masked copy, sent
        tx.save(copy, ChangeOp.UPDATE)
    report = hall_b.agent(hub.client).sync_once()
    assert report.stored >= 1 and report.rejected == 1
    why = hall_b.store.conn.execute(
        "SELECT last_error FROM outbox WHERE state = 'rejected'").fetchone()[0]
    assert why.startswith("hall_mismatch")  # a record of hall A, sent by hall B
    status, body = ask(hub, hall_b, worker_id=worker_id)
    assert status == 200 and "王*明" in body.decode()  # the hub's record is hall A's still
    with hub.engine.connect() as conn:
        stored = json.loads(conn.execute(select(workers.c.payload).where(
            workers.c.id == worker_id)).scalar_one())
    assert stored["name"] == NAME and stored["phone"] == PHONE
