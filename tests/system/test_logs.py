"""Logs are JSON lines, rotated, and hold no ID number, mobile number or name.

The flow test runs real work at DEBUG (a worker registered with a real ID number and phone,
a job posted, a ticket printed, sync failing against a closed port, the `kiosk` command
itself) plus the kind of careless log line a future change might add, and reads the log
files back. A second handler that does not scrub proves the personal data really passed
through logging: the test would catch a leak.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from kiosk.app import open_app
from kiosk.cli import main
from kiosk.core.errors import Ok
from kiosk.core.log_privacy import PrivacyFilter, scrub
from kiosk.services.printing import PrintWorker, TicketSource
from kiosk.system import logs
from kiosk.system.config import Paths
from kiosk.system.logs import setup_logging
from kiosk.system.printer_profile import profile_from_config
from sync import provisioning
from sync.agent import SyncAgent
from sync.runner import run_forever
from tests.conftest import employer_draft, id_number, job_draft, worker_draft
from tests.sync.pg import free_port

NAME = "欧阳建国"
ID_NUMBER = id_number(date(1968, 2, 29), area="370104", seq=771)  # ends in a check digit
PHONE = "13905318866"
EMPLOYER_PHONE = "13705319900"
CONTACT = "Wang Lei"


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    directory = tmp_path / "hall"
    assert main(["--data-dir", str(directory), "init"]) == 0
    capsys.readouterr()
    yield directory
    logs.remove_logging()


class Raw(logging.Handler):
    """Keeps every message as logged, before any scrubbing (the test's control)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        extras = " ".join(f"{k}={v}" for k, v in record.__dict__.items()
                          if k.endswith(("name", "phone", "number")) and k != "name")
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{text} {extras}")


def log_text(directory: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted((directory / "logs").glob("*.log*")))


def test_real_flows_at_debug_leave_no_personal_data_in_the_logs(
        data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    raw = Raw()
    root.addHandler(raw)  # before ours: it sees records as they were logged
    try:
        paths = Paths.resolve(data)
        log_file = setup_logging(paths, "flows", logging.DEBUG)
        assert log_file == data / "logs" / "flows.log"
        careless = logging.getLogger("kiosk.future_feature")
        app = open_app(paths)
        try:
            registered = app.services.register_worker(worker_draft(
                name=NAME, id_number=ID_NUMBER, phone=PHONE), print_card=True)
            assert isinstance(registered, Ok), registered
            worker = registered.value
            # what a careless change might log one day
            careless.info("registered %s id=%s phone=%s", worker.name, ID_NUMBER, worker.phone,
                          extra={"worker_name": worker.name, "phone": worker.phone})
            careless.debug("draft %r", worker_draft(name=NAME, id_number=ID_NUMBER,
                                                    phone=PHONE))
            try:
                raise ValueError(f"no such worker: {ID_NUMBER} / {PHONE} / {NAME}")
            except ValueError:
                careless.exception("lookup failed")
            posted = app.services.post_job_for_new_employer(  # starting the hall's today
                employer_draft(phone=EMPLOYER_PHONE, contact_name=CONTACT),
                job_draft("", start_date=app.services.today()))
            assert isinstance(posted, Ok), posted
            careless.warning("employer %s called", EMPLOYER_PHONE,
                             extra={"contact_name": CONTACT, "detail": f"{CONTACT} 李先生"})
            # a ticket through the real print worker and a folder printer
            printer = profile_from_config(app.config.printers[0], paths.data_dir)
            source = TicketSource(app.store, app.services.catalogue, app.config.hall)
            PrintWorker(app.store, source, printer).run_once()
            # sync failing: a real agent against a closed port, through the runner's loop
            provisioning.save(data / provisioning.FILE_NAME, provisioning.Provisioning(
                hub=f"http://127.0.0.1:{free_port()}", terminal=app.config.terminal_id,
                hall=app.config.hall.id, token="t" * 43))
            credentials = provisioning.load(data / provisioning.FILE_NAME)
            assert credentials is not None
            stop = threading.Event()
            agent = SyncAgent(app.store, credentials, httpx.Client(timeout=2))
            try:
                run_forever(agent, 0.01, stop, on_report=lambda _report: stop.set())
            finally:
                agent.close()
        finally:
            app.close()
        # the command itself, at DEBUG through the environment
        monkeypatch.setenv(logs.LEVEL_ENV, "debug")
        assert main(["--data-dir", str(data), "sync", "--once"]) == 1
        assert main(["--data-dir", str(data), "worker", "add", "--name", "王秀英",
                     "--id-number", id_number(seq=482), "--phone", "13605317711",
                     "--trade", "C01", "--consent"]) == 0
        capsys.readouterr()
    finally:
        root.removeHandler(raw)
        logs.remove_logging()

    written = log_text(data)
    control = "\n".join(raw.lines)
    for secret in (ID_NUMBER, PHONE, NAME, EMPLOYER_PHONE, CONTACT):
        assert secret in control, f"the flows never logged {secret}: the test proves nothing"
        assert secret not in written, secret
    for secret in ("王秀英", "13605317711", id_number(seq=482), "李先生"):
        assert secret not in written, secret
    records = [json.loads(line) for line in written.splitlines() if line.strip()]
    loggers = {r["logger"] for r in records}
    assert {"kiosk.future_feature", "sync.runner"} <= loggers, loggers
    assert any(r["level"] == "debug" for r in records)
    assert any("sync failed" in r["message"] for r in records)
    failed = next(r for r in records if r["message"] == "lookup failed")
    assert "ValueError: no such worker: [id-number] / [phone] / [zh]" in failed["exception"]
    careful = next(r for r in records if r["message"].startswith("registered"))
    assert careful["message"] == "registered [personal] id=[id-number] phone=[personal]"
    assert careful["worker_name"] == careful["phone"] == "[personal]"
    assert (data / "logs" / "sync.log").exists()


@pytest.mark.parametrize("text", [
    "370104196802297717", "37010419680229771X", "37010419680229771x",
    "370104 19680229 7717", "id=370104196802297717,", "370104680229771",
    "13905318866", "+86 139 0531 8866", "86-13905318866", "tel:139-0531-8866",
])
def test_identifiers_are_scrubbed(text: str) -> None:
    cleaned = scrub(text)
    assert not any(ch.isdigit() for ch in cleaned.replace("[", "").replace("]", "")
                   .removeprefix("id=").removeprefix("tel:")), cleaned


@pytest.mark.parametrize("text", [
    "0193f0a2-7c4e-7d2b-9a51-3c1f5e0b2a77", "2026-11-23T08:00:00.123Z", "port 8750",
    "sent 500, acknowledged 498", "LGW1:0193f0a2-7c4e-7d2b-9a51-3c1f5e0b2a77:9F3A21BC",
    "hub answered 503", "seq 12345678901234567890",
])
def test_ids_times_and_counts_are_kept(text: str) -> None:
    assert scrub(text) == text


def test_han_text_and_known_values_are_scrubbed() -> None:
    assert scrub("worker 张建国 at 槐荫区") == "worker [zh] at [zh]"
    assert scrub("contact Wang Lei called", ["Wang Lei"]) == "contact [personal] called"


def test_a_record_is_scrubbed_once_for_every_handler() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "call %s", (PHONE,), None)
    record.employer_name = "Li Ming"
    record.note = "Li Ming said 13905318866"
    assert PrivacyFilter().filter(record) and PrivacyFilter().filter(record)
    assert record.getMessage() == "call [phone]"
    assert record.employer_name == "[personal]"
    assert record.note == "[personal] said [phone]"


def test_logs_are_json_lines_and_rotate(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 4000)
    monkeypatch.setattr(logs, "BACKUP_COUNT", 2)
    (tmp_path / "hall").mkdir()
    paths = Paths.resolve(tmp_path / "hall")
    try:
        path = setup_logging(paths, "run-terminal,board", logging.INFO)
        assert path is not None and path.name == "run-terminal-board.log"
        log = logging.getLogger("kiosk.test")
        for i in range(200):
            log.info("round %d done", i, extra={"round": i})
    finally:
        logs.remove_logging()
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["run-terminal-board.log", "run-terminal-board.log.1",
                     "run-terminal-board.log.2"]
    last = [json.loads(line) for line in path.read_text("utf-8").splitlines()][-1]
    assert last["message"] == "round 199 done" and last["round"] == 199
    assert last["level"] == "info" and last["logger"] == "kiosk.test"
    assert last["time"].endswith("Z")
    assert all(p.stat().st_size <= 4000 for p in path.parent.iterdir())


def test_the_level_comes_from_the_environment_then_the_config(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "hall"
    assert main(["--data-dir", str(data), "init"]) == 0
    paths = Paths.resolve(data)
    assert logs.log_level(paths) == logging.INFO
    config = paths.config_file
    config.write_text(config.read_text("utf-8").replace('level = "info"', 'level = "warning"'),
                      "utf-8")
    assert logs.log_level(paths) == logging.WARNING
    monkeypatch.setenv(logs.LEVEL_ENV, "DEBUG")
    assert logs.log_level(paths) == logging.DEBUG
    logs.remove_logging()


def test_no_data_dir_means_no_log_file(tmp_path: Path) -> None:
    try:
        assert setup_logging(Paths.resolve(tmp_path / "missing"), "doctor") is None
    finally:
        logs.remove_logging()
    assert not (tmp_path / "missing").exists()
