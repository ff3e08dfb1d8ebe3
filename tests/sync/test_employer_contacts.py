"""Employers' business contacts reach staff counters through the hub, never boards or
touchscreens: the hub decides from its own record of the token (`kiosk-hub terminals add
--kind`), not from anything the terminal sends (PostgreSQL and SQLite)."""

from __future__ import annotations

from pathlib import Path

import httpx

from kiosk.core.catalogue import Catalogue
from kiosk.services import arrivals
from sync import protocol
from sync.hub.terminals import BOARD, COUNTER, TOUCHSCREEN, set_kind
from sync.protocol import PullResponse
from tests.conftest import FixedClock, employer_draft, job_draft
from tests.printers import ok
from tests.sync.conftest import HALL_A, Hub, Terminal, make_terminal
from tests.sync.netparts import hub_process

PHONE, CONTACT = "13905317788", "李建国"


def _pull(hub: Hub, terminal: Terminal, **extra: str) -> tuple[bytes, PullResponse]:
    """A raw pull with the terminal's token; `extra` as claims in the query and headers."""
    response = hub.client.get(protocol.PULL_PATH, params={"after": 0, **extra}, headers={
        "Authorization": f"Bearer {terminal.credentials.token}",
        **{f"X-Terminal-{k.title()}": v for k, v in extra.items()}})
    assert response.status_code == 200, response.text
    return response.content, PullResponse.model_validate_json(response.content)


def test_only_a_counter_s_feed_carries_the_employer_s_contact_and_phone(
        tmp_path: Path, hub: Hub, hall_b: Terminal, *, catalogue: Catalogue,
        clock: FixedClock) -> None:
    employer = ok(hall_b.services.register_employer(employer_draft(
        name="李建国", contact_name=CONTACT, phone=PHONE, display_name="鲁班建筑")))
    job = ok(hall_b.services.post_job(job_draft(employer.id)))
    assert hall_b.agent(hub.client).sync_once().ok
    made = {kind: make_terminal(tmp_path / f"{kind}.sqlite3", hub, HALL_A, catalogue, clock,
                                kind=kind) for kind in (COUNTER, BOARD, TOUCHSCREEN)}
    try:
        for kind, terminal in made.items():
            # what a terminal claims (query, headers) changes nothing
            raw, page = _pull(hub, terminal, kind=COUNTER, role=COUNTER)
            [item] = [i for i in page.items if i.kind == "job"]
            assert item.employer is not None and item.employer.display_name == "鲁班建筑"
            shown = (item.employer.contact_name, item.employer.phone)
            if kind == COUNTER:
                assert shown == (CONTACT, PHONE)
            else:
                assert shown == ("", "") and PHONE.encode() not in raw
                assert CONTACT.encode() not in raw
            print(kind, "feed employer:", item.employer.model_dump())
            assert terminal.agent(hub.client).sync_once().ok
            kept = terminal.store.employers.get(employer.id)
            assert kept is not None
            assert (kept.contact_name, kept.phone) == (
                (CONTACT, PHONE) if kind == COUNTER else ("", ""))
        counter = made[COUNTER].services
        stored_job = counter.store.jobs.get(job.id)
        assert stored_job is not None
        assert arrivals.employer_contact(counter, stored_job) == arrivals.EmployerContact(
            "鲁班建筑", CONTACT, PHONE)
        # the hub's admin turns the counter into a board: the contact goes at the next pull
        assert set_kind(hub.engine, made[COUNTER].credentials.terminal, BOARD)
        with made[COUNTER].store.write():  # pull the whole feed again
            made[COUNTER].store.conn.execute(
                "UPDATE settings SET value = '0' WHERE key = 'sync.cursor'")
        assert made[COUNTER].agent(hub.client).sync_once().ok
        kept = made[COUNTER].store.employers.get(employer.id)
        assert kept is not None and (kept.contact_name, kept.phone) == ("", "")
    finally:
        for terminal in made.values():
            terminal.store.close()


def test_the_hall_that_registered_the_employer_keeps_its_own_record(
        hub: Hub, hall_b: Terminal) -> None:
    """A counter pulling its own hall's job never rewrites the employer it registered."""
    employer = ok(hall_b.services.register_employer(employer_draft(
        contact_name=CONTACT, phone=PHONE)))
    ok(hall_b.services.post_job(job_draft(employer.id)))
    set_kind(hub.engine, hall_b.credentials.terminal, COUNTER)
    assert hall_b.agent(hub.client).sync_once().ok
    assert hall_b.agent(hub.client).sync_once().ok
    kept = hall_b.store.employers.get(employer.id)
    assert kept == employer


def test_over_real_http_a_board_s_pull_has_no_phone_and_a_counter_s_has_it(
        hub: Hub, hall_b: Terminal, tmp_path: Path) -> None:
    """`kiosk-hub serve` in its own process on a loopback port: the hub's record of each
    token decides, and a board claiming to be a counter (query, headers) stays a board."""
    employer = ok(hall_b.services.register_employer(employer_draft(
        name="李建国", contact_name=CONTACT, phone=PHONE, display_name="鲁班建筑")))
    ok(hall_b.services.post_job(job_draft(employer.id)))
    assert hall_b.agent(hub.client).sync_once().ok
    board, counter = (hub.provision(HALL_A, kind=kind) for kind in (BOARD, COUNTER))
    url = hub.engine.url.render_as_string(hide_password=False)
    with hub_process(url, tmp_path / "hub.log") as base, httpx.Client(timeout=30) as client:
        def pulled(token: str) -> bytes:
            response = client.get(f"{base}{protocol.PULL_PATH}", params={
                "after": 0, "kind": COUNTER}, headers={
                "Authorization": f"Bearer {token}", "X-Terminal-Kind": COUNTER})
            assert response.status_code == 200
            return response.content

        assert PHONE.encode() not in pulled(board.token)
        assert PHONE.encode() in pulled(counter.token)
