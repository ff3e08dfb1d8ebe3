"""Intermediaries across the hub: a 揽头's ID number is sealed at the hub as a worker's is
(no hub table holds it in plain, the terminal forgets it once acknowledged, no terminal is
ever sent it), an agency's licence travels with its posts to other halls' boards, and the
hub refuses an agency without a licence that a terminal's check would have refused."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date

from sqlalchemy import select

from kiosk.core.errors import Ok
from kiosk.core.records import EmployerRole
from kiosk.core.schema import check_payload
from kiosk.demo.seed import _uscc
from sync.hub.schema import employers
from sync.protocol import Reason, Result
from tests.conftest import employer_draft, id_number, job_draft
from tests.store import samples
from tests.sync.conftest import HUB_KEYS, Hub, Terminal
from tests.sync.hostile import push_dicts, record_change
from tests.sync.test_sealing import every_text_in

NUMBER = id_number(date(1968, 5, 2), seq=315)
LICENCE = "鲁济劳派许字〔2019〕第0123号"


def test_a_gang_masters_id_number_is_sealed_at_the_hub_and_forgotten_here(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    made = hall_a.services.post_job_for_new_employer(
        employer_draft(name="刘德胜", role="gang_master", id_number=NUMBER),
        job_draft("", trade="C12", title="工地杂活"))
    assert isinstance(made, Ok), made
    gang_master, _job = made.value
    assert gang_master.id_number == NUMBER and gang_master.display_name == "刘*胜"
    hall_a.agent(hub.client).sync_once()
    assert NUMBER not in every_text_in(hub.engine)
    with hub.engine.connect() as conn:
        sealed, payload = conn.execute(select(employers.c.id_sealed, employers.c.payload).where(
            employers.c.id == gang_master.id)).one()
    assert HUB_KEYS.ids.unseal(gang_master.id, str(sealed)) == NUMBER
    assert json.loads(payload)["id_masked"] == gang_master.id_masked
    kept = hall_a.store.employers.get(gang_master.id)
    assert kept is not None and kept.id_number is None  # forgotten on acknowledgement
    assert kept.id_masked == gang_master.id_masked
    outbox = hall_a.store.conn.execute(
        "SELECT payload FROM outbox WHERE entity = 'employer'").fetchall()
    assert outbox and all(NUMBER not in row[0] for row in outbox)
    hall_b.agent(hub.client).sync_once()  # the other hall's board names the 揽头, masked
    shown = hall_b.store.employers.get(gang_master.id)
    assert shown is not None and shown.display_name == "刘*胜"
    assert shown.role is EmployerRole.GANG_MASTER and shown.id_masked == ""


def test_an_agencys_licence_travels_to_other_halls_boards(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    made = hall_a.services.post_job_for_new_employer(
        employer_draft(kind="company", name="济南鲁建建筑劳务有限公司", uscc=samples_uscc(),
                       role="dispatch", licence_no=LICENCE, phone="0531-88886666"),
        job_draft("", trade="C01"))
    assert isinstance(made, Ok), made
    hall_a.agent(hub.client).sync_once()
    hall_b.agent(hub.client).sync_once()
    (listing,) = hall_b.services.open_jobs()
    assert (listing.employer_role, listing.employer_licence) == ("dispatch", LICENCE)


def test_the_hub_refuses_an_agency_without_a_licence(hub: Hub) -> None:
    creds = hub.provision("370104-DDBL")
    agency = samples.employer(hall_id=creds.hall, role=EmployerRole.AGENCY,
                              uscc=samples_uscc())
    forged = replace(agency, id=samples.employer().id)
    assert check_payload("employer", record_change(agency)["payload"]) == []  # the schema fits
    status, answer = push_dicts(hub, creds, [record_change(agency), record_change(
        replace(forged, licence_no="（鲁）人服证字〔2020〕第0102000001号"))])
    assert status == 200 and answer is not None
    assert [(a.result, a.reason) for a in answer.answers] == [
        (Result.REJECTED, Reason.INVALID), (Result.STORED, None)]
    assert "licence_no" in answer.answers[0].detail


def samples_uscc() -> str:
    return _uscc(random.Random(1))
