"""Intermediaries through the real store: an agency without its licence number is refused
with nothing stored; a 揽头 is registered with a valid ID number (kept as a worker's is) and
shown by a masked name; the referral slip, decoded back from the printer's bytes, names
an agency's role and licence."""

from __future__ import annotations

import random
from datetime import date

from kiosk.core.catalogue import Catalogue
from kiosk.core.drafts import EmployerDraft
from kiosk.core.errors import Err, Ok
from kiosk.core.privacy import blind_index
from kiosk.demo.seed import _uscc
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.print_queue import PrintKind
from printers.escpos_bytes import escpos_bytes
from printers.raster import DOTS_58MM, render_image
from tests.conftest import employer_draft, id_number, job_draft, worker_draft
from tests.printers import hall

LICENCE = "（鲁）人服证字〔2020〕第0102000001号"


def counts(services: Services) -> tuple[int, int, int]:
    store = services.store
    outbox = int(store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
    return store.employers.count(), store.jobs.count(), outbox


def agency(**changes: object) -> EmployerDraft:
    return employer_draft(kind="company", name="济南人和职业介绍所", uscc=_uscc(random.Random(2)),
                          phone="0531-86661234", role="agency", **changes)


def test_an_agency_without_its_licence_is_refused_and_nothing_is_stored(
        services: Services) -> None:
    for licence, code in (("", "licence_required"), ("人服证", "licence_format"),
                          ("1234 5678 ABCD", "licence_format")):
        for result in (services.register_employer(agency(licence_no=licence)),
                       services.post_job_for_new_employer(agency(licence_no=licence),
                                                          job_draft(""))):
            assert isinstance(result, Err) and result.codes() == {code}, (licence, result)
            (error,) = result.errors
            assert "人力资源服务许可证" in error.text("zh_CN")
            assert "human resources service licence" in error.text("en")
    assert counts(services) == (0, 0, 0)
    made = services.register_employer(agency(licence_no=LICENCE))
    assert isinstance(made, Ok) and made.value.licence_no == "(鲁)人服证字〔2020〕第0102000001号"


def test_a_gang_master_is_a_person_with_an_id_number_and_a_masked_name(
        services: Services) -> None:
    number = id_number(date(1968, 5, 2), seq=315)
    for bad, code in ((number[:-1] + ("1" if number[-1] != "1" else "2"), "checksum"),
                      ("", "required"), (id_number(date(2014, 1, 1), seq=11),
                                         "under_minimum_age")):
        refused = services.register_employer(employer_draft(
            name="刘德胜", role="gang_master", id_number=bad))
        assert isinstance(refused, Err) and code in refused.codes(), (bad, refused)
    company = services.register_employer(employer_draft(
        kind="company", uscc=_uscc(random.Random(3)), name="某建筑公司", role="gang_master",
        id_number=number))
    assert isinstance(company, Err) and "gang_master_person" in company.codes()
    assert counts(services) == (0, 0, 0)
    made = services.register_employer(employer_draft(
        name="刘德胜", role="gang_master", id_number=number))
    assert isinstance(made, Ok), made
    gang_master = made.value
    assert gang_master.display_name == "刘*胜" and gang_master.id_masked == number[:4] + (
        "*" * 10) + number[-4:]
    assert gang_master.id_index == blind_index(services.settings.blind_index_key, number)
    assert gang_master.id_number == number  # until the hub acknowledges it


def test_the_slip_names_the_agency_and_its_licence(services: Services,
                                                   catalogue: Catalogue) -> None:
    from tests.printers import parse_escpos

    worker = services.register_worker(worker_draft())
    posted = services.post_job_for_new_employer(agency(licence_no=LICENCE),
                                                job_draft(""))
    assert isinstance(worker, Ok) and isinstance(posted, Ok)
    referral = services.refer(posted.value[1].id, worker.value.id, print_ticket=True)
    assert isinstance(referral, Ok)
    ticket = TicketSource(services.store, catalogue, hall()).ticket(
        PrintKind.REFERRAL, referral.value.id, services.now())
    text = "\n".join(ticket.texts())
    assert "济南人和职业介绍所（职业中介）" in text
    assert "人力资源服务许可证" in text and "(鲁)人服证字〔2020〕第0102000001号" in text
    data = escpos_bytes(render_image(ticket, DOTS_58MM), DOTS_58MM)
    assert parse_escpos(data).image().height > 0  # drawn and sent whole
