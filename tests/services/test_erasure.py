"""A worker's personal data deleted at their request: approved by a supervisor, audited,
gone from every byte of the terminal's database, WAL and backups, the statistics kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kiosk.core.codec import hashed_json
from kiosk.core.errors import Err, Ok
from kiosk.core.records import AuditAction, Worker
from kiosk.core.staff import StaffRole
from kiosk.services.erasure import ERASED_NAME, erase_worker
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from kiosk.store.backup import backup_dir_of, daily_backup
from kiosk.store.outbox import OutboxState
from kiosk.store.sync_state import Outcome, SyncState
from tests.conftest import TODAY, id_number, worker_draft

NUMBER = id_number(date(1971, 2, 3), seq=771)
PHONE = "13905317788"
NAME = "欧阳小明"
SUPERVISOR, CLERK, PIN = "S900", "S001", "730519"


@pytest.fixture
def worker(services: Services) -> Worker:
    accounts = StaffAccounts(services)
    assert isinstance(accounts.add(SUPERVISOR, "赵主任", StaffRole.SUPERVISOR, PIN), Ok)
    assert isinstance(accounts.add(CLERK, "王芳", StaffRole.CLERK, "258036"), Ok)
    made = services.register_worker(worker_draft(name=NAME, id_number=NUMBER, phone=PHONE))
    assert isinstance(made, Ok)
    assert isinstance(services.check_in(made.value.id), Ok)
    return made.value


def holding(folder: Path) -> dict[str, list[str]]:
    """For each personal value, the files under `folder` whose bytes hold it."""
    found: dict[str, list[str]] = {}
    for value in (NUMBER, PHONE, NAME):
        needle = value.encode("utf-8")
        found[value] = sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                              if p.is_file() and needle in p.read_bytes())
    return found


def test_erasure_leaves_no_personal_byte_and_keeps_the_counts(
        services: Services, worker: Worker) -> None:
    store = services.store
    state = SyncState(store)  # half of it reached the hub already
    sent = state.claim_raw(1)
    state.settle([Outcome(c.change_id, OutboxState.ACKED) for c in sent], "2026-11-23T01:00Z")
    daily_backup(store.conn, backup_dir_of(store.path), TODAY)
    folder = store.path.parent
    before = holding(folder)
    assert before[PHONE] and before[NAME]  # the test sees them (the ID number: forgotten
    assert before[NUMBER] == []            # already, the hub acknowledged the worker)
    counts = store.counts()
    done = erase_worker(services.as_staff(CLERK), worker.id, SUPERVISOR, PIN)
    assert isinstance(done, Ok)
    assert holding(folder) == {NUMBER: [], PHONE: [], NAME: []}
    assert store.counts()["workers"] == counts["workers"]
    assert store.counts()["checkins"] == counts["checkins"]
    kept = store.workers.get(worker.id)
    assert kept is not None and kept.name == ERASED_NAME and kept.trades == worker.trades
    assert kept.birth_date == date(1971, 1, 1)


def test_the_erasure_goes_to_the_hub_as_a_delete_and_is_audited(
        services: Services, worker: Worker) -> None:
    assert isinstance(erase_worker(services.as_staff(CLERK), worker.id, SUPERVISOR, PIN), Ok)
    rows = services.store.conn.execute(
        "SELECT op, payload, content_hash FROM outbox WHERE entity = 'worker' ORDER BY seq"
    ).fetchall()
    assert [op for op, _p, _h in rows] == ["create", "delete"]
    assert all(hashed_json(json.loads(p))[1] == h for _op, p, h in rows)  # still consistent
    audit = [(e.staff_id, e.action) for e in services.store.audit_events.where()]
    assert (CLERK, AuditAction.WORKER_ERASE) in audit
    assert (SUPERVISOR, AuditAction.WORKER_ERASE) in audit


@pytest.mark.parametrize(("who", "pin"), [(CLERK, "258036"), (SUPERVISOR, "000000")])
def test_without_a_supervisor_nothing_is_erased(services: Services, worker: Worker,
                                                who: str, pin: str) -> None:
    changes = "SELECT count(*) FROM outbox WHERE entity = 'worker'"
    before = services.store.conn.execute(changes).fetchone()
    refused = erase_worker(services.as_staff(CLERK), worker.id, who, pin)
    assert isinstance(refused, Err)
    kept = services.store.workers.get(worker.id)
    assert kept is not None and kept.name == NAME and kept.phone == PHONE
    assert services.store.conn.execute(changes).fetchone() == before


def test_an_unknown_worker_is_refused(services: Services, worker: Worker) -> None:
    refused = erase_worker(services, "0190a3a0-0000-7000-8000-00000000dead", SUPERVISOR, PIN)
    assert isinstance(refused, Err) and refused.errors[0].code == "not_found"


def test_the_person_gets_a_receipt_that_names_nobody(services: Services, worker: Worker,
                                                     tmp_path: Path) -> None:
    from kiosk.services.printing import TicketSource
    from kiosk.system.config import default_config
    from printers.raster import DOTS_58MM, render_image

    assert isinstance(erase_worker(services, worker.id, SUPERVISOR, PIN), Ok)
    [job] = [j for j in services.store.print_queue.queued() if j.kind.value == "erasure"]
    source = TicketSource(services.store, services.catalogue, default_config().hall)
    ticket = source.ticket(job.kind, job.ref_id, services.now())
    text = " ".join(str(block) for block in ticket.blocks)
    assert "个人信息删除回执" in text and worker.id[-12:].upper() in text
    assert NAME not in text and PHONE not in text and NUMBER[-4:] not in text
    render_image(ticket, DOTS_58MM).save(tmp_path / "erasure.png")  # it draws
