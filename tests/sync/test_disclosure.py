"""`kiosk-hub ids`: a sealed ID number is opened only for a stated city function, with a
record of who asked, why and who ran it; erased workers have nothing left; keys rotate."""

from __future__ import annotations

import json
import stat
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.core.drafts import ComplaintDraft
from kiosk.core.errors import Ok
from kiosk.core.staff import StaffRole
from kiosk.services.erasure import erase_worker
from kiosk.services.staff import StaffAccounts
from sync.hub.cli import main
from sync.hub.schema import disclosures, workers
from sync.hub.sealing import keyring_path
from tests.conftest import TODAY, id_number, worker_draft
from tests.sync.conftest import HUB_KEY, HUB_KEYS, Hub, Terminal

NUMBER = id_number(date(1964, 10, 1), seq=733)
WHO = ["--requested-by", "市劳动保障监察支队 王科长", "--reason", "欠薪案件调查",
       "--case", "JC-2026-118", "--operator", "city-admin"]


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    """The hub's key files as the server has them: the test hub's keys."""
    path = tmp_path / "kiosk-hub.key"
    path.write_text(HUB_KEY.hex() + "\n", encoding="ascii")
    ring = keyring_path(path)
    ring.write_text(f"k1 {HUB_KEYS.ids.keys['k1'].hex()}\n", encoding="ascii")
    ring.chmod(0o600)
    return path


def ids(hub: Hub, key_file: Path, capsys: pytest.CaptureFixture[str],
        *argv: str) -> tuple[int, Any]:
    """`kiosk-hub ids …` against the test hub's database; (exit code, its JSON)."""
    url = hub.engine.url.render_as_string(hide_password=False)
    code = main(["--db", url, "--lang", "en", "ids", *argv, "--json",
                 *(["--hub-key", str(key_file)] if argv[0] != "disclosures" else [])])
    return code, json.loads(capsys.readouterr().out)


def synced_worker(hub: Hub, hall: Terminal) -> str:
    made = hall.services.register_worker(worker_draft(id_number=NUMBER))
    assert isinstance(made, Ok)
    assert hall.agent(hub.client).sync_once().ok
    return made.value.id


def logged(hub: Hub) -> list[Any]:
    with hub.engine.connect() as conn:
        return conn.execute(select(disclosures)).all()


def test_a_disclosure_opens_the_number_and_is_recorded(
        hub: Hub, hall_a: Terminal, key_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    worker_id = synced_worker(hub, hall_a)
    code, shown = ids(hub, key_file, capsys, "disclose", "--worker", worker_id, *WHO)
    assert code == 0 and shown["id_number"] == NUMBER and shown["worker"] == worker_id
    code, log = ids(hub, key_file, capsys, "disclosures")
    assert code == 0 and [(r["worker_id"], r["requested_by"], r["reason"], r["case_ref"],
                           r["operator"]) for r in log] == [
        (worker_id, "市劳动保障监察支队 王科长", "欠薪案件调查", "JC-2026-118", "city-admin")]


def test_a_complaint_number_finds_its_complainant(
        hub: Hub, hall_a: Terminal, key_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    worker_id = synced_worker(hub, hall_a)
    filed = hall_a.services.file_complaint(ComplaintDraft(
        worker_id=worker_id, complainant_name="张建国", phone="13805311234",
        employer_name="某装修队", amount="1200", period_from=TODAY - timedelta(days=30),
        period_to=TODAY - timedelta(days=1), description="十月份工资未结"))
    assert isinstance(filed, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    code, shown = ids(hub, key_file, capsys, "disclose", "--complaint", filed.value.number,
                      *WHO)
    assert code == 0 and shown["id_number"] == NUMBER


def test_no_number_is_opened_without_a_reason_or_for_an_erased_worker(
        hub: Hub, hall_a: Terminal, key_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    worker_id = synced_worker(hub, hall_a)
    code, refused = ids(hub, key_file, capsys, "disclose", "--worker", worker_id,
                        "--requested-by", "王科长", "--reason", "  ", "--operator", "x")
    assert code == 2 and refused["errors"][0]["code"] == "incomplete_request"
    services = hall_a.services
    assert isinstance(StaffAccounts(services).add("S900", "赵主任", StaffRole.SUPERVISOR,
                                                  "730519"), Ok)
    assert isinstance(erase_worker(services, worker_id, "S900", "730519"), Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    code, refused = ids(hub, key_file, capsys, "disclose", "--worker", worker_id, *WHO)
    assert code == 2 and refused["errors"][0]["code"] == "nothing_to_disclose"
    assert logged(hub) == []


def test_rotation_seals_every_number_with_the_new_key(
        hub: Hub, hall_a: Terminal, key_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    worker_id = synced_worker(hub, hall_a)
    code, rotated = ids(hub, key_file, capsys, "rotate")
    assert code == 0 and rotated["key"] == "k2" and rotated["resealed"] == 1
    with hub.engine.connect() as conn:
        sealed = conn.execute(select(workers.c.id_sealed).where(
            workers.c.id == worker_id)).scalar_one()
    assert sealed.startswith("k2:")
    assert stat.S_IMODE(keyring_path(key_file).stat().st_mode) == 0o600
    code, shown = ids(hub, key_file, capsys, "disclose", "--worker", worker_id, *WHO)
    assert code == 0 and shown["id_number"] == NUMBER
