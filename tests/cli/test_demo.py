"""`kiosk demo --no-windows`: a hub, two provisioned halls with data, synced both ways."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

from kiosk.app import open_app
from kiosk.core.card_rules import CardProof
from kiosk.core.errors import Ok
from kiosk.core.fields import id_check_digit
from kiosk.core.scan import EmployerPostDraft, ScanKeys, WorkerCard
from kiosk.services.staff import StaffAccounts
from kiosk.system.config import Paths

KIOSK = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# A whole ID number: 18 characters standing alone (not inside a hash, id or longer number).
ID_NUMBER = re.compile(rb"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9X](?![0-9A-Za-z])")


def _born(digits: bytes) -> bool:
    """A birth date an ID number could hold (other 18-digit runs are not ID numbers)."""
    try:
        return 1900 <= date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).year <= 2026
    except ValueError:
        return False


def plain_id_numbers(folder: Path) -> dict[str, list[str]]:
    """Every file under `folder` (databases, -wal, backups, logs, keys) → the valid ID
    numbers (check digit right, a real birth date) its bytes hold."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        numbers = {m.decode() for m in ID_NUMBER.findall(path.read_bytes())
                   if id_check_digit(m[:17].decode()) == chr(m[17]) and _born(m[6:14])}
        if numbers:
            found[str(path.relative_to(folder))] = sorted(numbers)[:3]
    return found


def test_the_demo_sets_up_a_small_city_once_and_syncs_it(tmp_path: Path) -> None:
    base = tmp_path / "demo"
    args = [*KIOSK, "demo", "--no-windows", "--dir", str(base), "--port", str(free_port())]
    first = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert first.returncode == 0, first.stderr
    assert "S001" in first.stdout and "258036" in first.stdout
    assert "错误 0 个" in first.stdout
    # Synced: no terminal, backup, log or hub file holds a whole ID number any more (the
    # hub keeps them sealed, see sync.hub.sealing).
    assert plain_id_numbers(base) == {}

    app = open_app(Paths.resolve(base / "hall-a"))
    try:
        halls = {job.hall_id for job in app.store.jobs.where()}
        assert halls == {"370104-DDBL", "370103-QFW"}  # hall B's jobs reached hall A
        assert app.services.pending_sync_count() == 0
        assert isinstance(StaffAccounts(app.services).sign_in("S001", "258036"), Ok)
        workers = app.store.workers.count()
        # the demo city's courses, signed and pulled, are open for sign-up this week
        assert len(app.services.open_courses()) == 9
        # the demo city's signed stop-work notice (大风: no work at height) reached the hall,
        # and its scaffolding jobs carry their hazards
        from kiosk.services.safety import stop_work_of

        assert [n.title_zh for n in stop_work_of(app.store)] == ["大风黄色预警"]
        assert any(job.hazards for job in app.store.jobs.where())
    finally:
        app.close()

    # each hall checks the other's signed worker cards offline: the demo hub published
    # both terminals' card keys, signed with the demo city's key (0600)
    assert (base / "city-key.pem").stat().st_mode & 0o777 == 0o600
    hall_b = open_app(Paths.resolve(base / "hall-b"))
    try:
        worker = next(iter(hall_b.store.workers.where()))
        card = hall_b.services.card_text(worker.id)
    finally:
        hall_b.close()
    app = open_app(Paths.resolve(base / "hall-a"))
    try:
        read = app.services.read_scan(card, ScanKeys())
        assert read == WorkerCard(worker.id, CardProof.SIGNED, card)
        # the phone page's signed job draft, as the demo wrote it, reads at hall A's
        # touchscreen; two employers' own posts wait for the counter
        draft = (base / "employer-draft.txt").read_text("ascii").strip()
        scanned = app.services.read_scan(draft, app.config.scan.usable_keys())
        assert isinstance(scanned, EmployerPostDraft), scanned
        assert len(app.services.pending_self_posts()) == 2
    finally:
        app.close()

    again = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert "名零工" not in again.stdout  # nothing seeded twice
    assert "培训课程" in first.stdout and "培训课程" not in again.stdout  # published once
    app = open_app(Paths.resolve(base / "hall-a"))
    try:
        assert app.store.workers.count() == workers
    finally:
        app.close()
