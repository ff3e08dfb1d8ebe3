"""A worker erased at the terminal is erased at the hub: the delete is stored, and no row
of the hub's database keeps the person's name, phone or ID number any more."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from kiosk.core.errors import Ok
from kiosk.core.staff import StaffRole
from kiosk.services.erasure import ERASED_NAME, erase_worker
from kiosk.services.staff import StaffAccounts
from sync.hub.schema import changes, worker_identities, workers
from tests.conftest import id_number, worker_draft
from tests.sync.conftest import Hub, Terminal

NUMBER = id_number(date(1966, 6, 6), seq=613)
NAME, PHONE = "欧阳小明", "13905317788"


def hub_text(hub: Hub) -> str:
    """Every worker row and every change the hub keeps, as one text."""
    with hub.engine.connect() as conn:
        rows = [*conn.execute(select(workers)).all(), *conn.execute(select(changes)).all()]
    return "\n".join(str(tuple(row)) for row in rows)


def test_an_erasure_reaches_the_hub_and_leaves_nothing_of_the_person(
        hub: Hub, hall_a: Terminal) -> None:
    services = hall_a.services
    assert isinstance(StaffAccounts(services).add("S900", "赵主任", StaffRole.SUPERVISOR,
                                                  "730519"), Ok)
    made = services.register_worker(worker_draft(name=NAME, id_number=NUMBER, phone=PHONE))
    assert isinstance(made, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    assert NAME in hub_text(hub) and PHONE in hub_text(hub)  # the test can see them
    assert isinstance(erase_worker(services, made.value.id, "S900", "730519"), Ok)
    report = hall_a.agent(hub.client).sync_once()
    refused = hall_a.store.conn.execute(
        "SELECT entity, op, last_error FROM outbox WHERE state = 'rejected'").fetchall()
    assert report.ok and report.rejected == 0 and report.stored >= 1, (report, refused)
    text = hub_text(hub)
    assert NAME not in text and PHONE not in text and NUMBER not in text
    assert ERASED_NAME in text
    with hub.engine.connect() as conn:
        assert conn.execute(select(worker_identities).where(
            worker_identities.c.worker_id == made.value.id)).all() == []
    again = services.register_worker(worker_draft(name=NAME, id_number=NUMBER, phone=PHONE))
    assert isinstance(again, Ok)  # the person may register anew


def test_a_delete_that_still_names_the_person_is_refused(hub: Hub, hall_a: Terminal) -> None:
    from kiosk.store.outbox import ChangeOp

    made = hall_a.services.register_worker(worker_draft(id_number=NUMBER, phone=PHONE))
    assert isinstance(made, Ok)
    with hall_a.store.write() as tx:
        tx.save(made.value, ChangeOp.DELETE)  # a "delete" that keeps every detail
    report = hall_a.agent(hub.client).sync_once()
    assert report.rejected == 1 and report.stored == 1


def test_another_hall_cannot_erase_a_worker(hub: Hub, hall_a: Terminal,
                                            hall_b: Terminal) -> None:
    from dataclasses import replace

    from kiosk.core.erasure import anonymised
    from kiosk.store.outbox import ChangeOp

    made = hall_a.services.register_worker(worker_draft(name=NAME, id_number=NUMBER,
                                                        phone=PHONE))
    assert isinstance(made, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    forged = replace(anonymised(made.value, hall_b.services.now()),
                     hall_id=hall_b.services.settings.hall_id)
    with hall_b.store.write() as tx:
        tx.save(forged, ChangeOp.DELETE)
    report = hall_b.agent(hub.client).sync_once()
    assert report.rejected == 1 and report.stored == 0
    assert NAME in hub_text(hub) and PHONE in hub_text(hub)  # hall A's worker untouched


def files_holding(folder: Path, text: str) -> list[str]:
    needle = text.encode("utf-8")
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


def test_an_erasure_at_one_hall_reaches_every_hall_where_the_person_registered(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    at_a = hall_a.services.register_worker(worker_draft(name=NAME, id_number=NUMBER,
                                                        phone=PHONE))
    at_b = hall_b.services.register_worker(worker_draft(name=NAME, id_number=NUMBER,
                                                        phone=PHONE))
    assert isinstance(at_a, Ok) and isinstance(at_b, Ok)
    assert hall_a.agent(hub.client).sync_once().ok and hall_b.agent(hub.client).sync_once().ok
    assert isinstance(StaffAccounts(hall_a.services).add(
        "S900", "赵主任", StaffRole.SUPERVISOR, "730519"), Ok)
    assert isinstance(erase_worker(hall_a.services, at_a.value.id, "S900", "730519"), Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    assert NAME in hub_text(hub)  # hall B's record is hall B's to erase
    first = hall_b.agent(hub.client).sync_once()  # pulls the request, erases, pushes
    assert first.ok, first
    second = hall_b.agent(hub.client).sync_once()
    assert second.ok and hall_b.services.pending_sync_count() == 0
    at_b_now = hall_b.store.workers.get(at_b.value.id)
    assert at_b_now is not None and at_b_now.name == ERASED_NAME
    text = hub_text(hub)
    assert NAME not in text and PHONE not in text
    assert files_holding(hall_b.store.path.parent, PHONE) == []  # terminals and hub files
    again = hall_a.agent(hub.client).sync_once()  # no request comes back to hall A
    assert again.ok and again.applied == 0
