"""The print queue and its worker on a real SQLite file, with real tickets: jobs come out
exactly once and in order through printer faults, backoff and restarts. Only the physical
printer is played by a fake behind the Transport interface."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest

from kiosk.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, main
from kiosk.core import payloads
from kiosk.core.card_rules import CardProof
from kiosk.core.cards import raw_public_key, sign_worker_card
from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import iso_utc
from kiosk.core.i18n import translate
from kiosk.core.privacy import mask_name
from kiosk.core.scan import ScanKeys, WorkerCard, parse_scan
from kiosk.services.hall import Services
from kiosk.services.printing import (
    BACKOFF_CAP_S,
    FAILURE_MESSAGES,
    PrintWorker,
    TicketSource,
    backoff_seconds,
)
from kiosk.store.print_queue import PrintJob, PrintKind, PrintState
from kiosk.store.store import Store
from kiosk.system.config import CARD_KEY_FILE, PrinterConfig
from kiosk.system.printer_profile import PrinterProfile, profile_from_config
from printers import raster
from printers.escpos_bytes import reset_bytes
from printers.raster import DOTS_80MM
from printers.transports import (
    CupsTransport,
    DeviceTransport,
    EscposSerialTransport,
    EscposUsbTransport,
    FailureReason,
    FileTransport,
    NetworkTransport,
    PrintFailure,
    Transport,
)
from tests.conftest import FixedClock
from tests.printers import Samples, hall, parse_escpos, read_qr, seed

REPO = Path(__file__).resolve().parents[2]
PATIENCE_S = 60.0  # how long to wait for another thread or process before giving up


class FakePrinter:
    """The physical printer: raises the given failures on the first sends, then takes
    everything. Keeps every attempt and every document it took; the worker's reset bytes
    (sent after a send was cut short) apart."""

    def __init__(self, *failures: PrintFailure) -> None:
        self.failures = list(failures)
        self.attempts: list[str] = []
        self.printed: list[tuple[str, bytes]] = []
        self.resets: list[bytes] = []

    def send(self, data: bytes, suffix: str, name: str) -> None:
        self.attempts.append(name)
        if self.failures:
            raise self.failures.pop(0)
        assert suffix == ".bin"
        if name.startswith("reset-"):
            self.resets.append(data)
        else:
            self.printed.append((name, data))

    def names(self) -> list[str]:
        return [name for name, _ in self.printed]


def job_name(job: PrintJob) -> str:
    """What the worker calls a job's document."""
    return f"{job.kind.value}-{job.id}"


@pytest.fixture
def worker_store(store: Store) -> Iterator[Store]:
    """The print worker's own connection to the same file, as in the app."""
    own = Store(store.path)
    yield own
    own.close()


@pytest.fixture
def make_worker(worker_store: Store, catalogue: Catalogue,
                clock: FixedClock) -> Callable[..., PrintWorker]:
    def make(transport: Transport, width: int = raster.DOTS_58MM) -> PrintWorker:
        source = TicketSource(worker_store, catalogue, hall())
        return PrintWorker(worker_store, source, PrinterProfile("ticket", transport, width),
                           clock.now)
    return make


@pytest.fixture
def samples(services: Services) -> Samples:
    return seed(services, print_tickets=True)


@pytest.fixture
def jobs(samples: Samples, store: Store) -> list[PrintJob]:
    """The five jobs the samples queued, in the order they must come out."""
    queued = store.print_queue.queued()
    assert [(j.kind, j.ref_id) for j in queued] == [
        (PrintKind.CARD, samples.worker.id), (PrintKind.QUEUE, samples.checkin.id),
        (PrintKind.INTEREST, samples.interest.id), (PrintKind.REFERRAL, samples.referral.id),
        (PrintKind.COMPLAINT, samples.complaint.id)]
    return queued


def states(store: Store, jobs: list[PrintJob]) -> list[str]:
    return [state(store, job) for job in jobs]


def state(store: Store, job: PrintJob) -> str:
    found = store.print_queue.get(job.id)
    assert found is not None
    return found.state.value


def row(store: Store, job: PrintJob) -> PrintJob:
    found = store.print_queue.get(job.id)
    assert found is not None
    return found


# -- printing in order, once --------------------------------------------------------------

def test_each_job_prints_once_in_order_with_its_own_ticket(
        make_worker: Callable[..., PrintWorker], jobs: list[PrintJob], samples: Samples,
        store: Store) -> None:
    printer = FakePrinter()
    worker = make_worker(printer)
    assert worker.run_once() == 5
    assert printer.names() == [job_name(j) for j in jobs]
    qr = [read_qr(parse_escpos(data).image()) for _, data in printer.printed]
    assert qr == [[payloads.worker_card(samples.worker.id)], [],
                  [payloads.job(samples.job.id)], [payloads.referral_slip(
                      samples.referral.id, samples.job.id, mask_name(samples.other.name))],
                  [payloads.complaint(samples.complaint.id)]]
    assert states(store, jobs) == ["printed"] * 5
    assert all(row(store, j).attempts == 1 for j in jobs)

    assert worker.run_once() == 0  # nothing is printed twice
    assert len(printer.attempts) == 5
    assert store.print_queue.counts_by_state()["printed"] == 5
    assert store.print_queue.needing_attention() == []


def test_a_job_is_printing_while_sent_and_printed_only_after(
        make_worker: Callable[..., PrintWorker], jobs: list[PrintJob], store: Store) -> None:
    seen: list[tuple[str, int]] = []

    class Watching(FakePrinter):
        def send(self, data: bytes, suffix: str, name: str) -> None:
            job = next(j for j in jobs if job_name(j) == name)
            seen.append((state(store, job), row(store, job).attempts))
            super().send(data, suffix, name)

    make_worker(Watching()).run_once()
    assert seen == [("printing", 1)] * 5


def test_a_printer_failing_three_times_then_working_prints_each_job_once_in_order(
        make_worker: Callable[..., PrintWorker], jobs: list[PrintJob], store: Store,
        clock: FixedClock) -> None:
    printer = FakePrinter(PrintFailure(FailureReason.OFFLINE, "[Errno 111] Connection refused"),
                          PrintFailure(FailureReason.PAPER_OUT),
                          PrintFailure(FailureReason.TIMEOUT, "timed out"))
    worker = make_worker(printer)
    head = jobs[0]
    start = clock.now()

    # 1st try: offline. The head job goes back with its reason and a retry in 2 s; the
    # others wait behind it, untouched.
    assert worker.run_once() == 0
    failed = row(store, head)
    assert (failed.state, failed.attempts, failed.error_code, failed.last_error) == (
        PrintState.QUEUED, 1, "offline", "[Errno 111] Connection refused")
    assert failed.next_attempt_at == iso_utc(start + timedelta(seconds=2))
    assert [(row(store, j).attempts, row(store, j).error_code) for j in jobs[1:]] == [
        (0, None)] * 4
    assert [j.id for j in store.print_queue.needing_attention()] == [head.id]
    assert printer.attempts == [job_name(head)]

    # Before the retry time nothing is tried, not even the jobs behind.
    assert worker.run_once() == 0
    clock.advance(seconds=1.9)
    assert worker.run_once() == 0
    assert len(printer.attempts) == 1

    # 2nd try at +2 s: paper out, shown to staff as 打印机缺纸; next try 4 s later.
    clock.advance(seconds=0.1)
    assert worker.run_once() == 0
    failed = row(store, head)
    assert (failed.attempts, failed.error_code, failed.last_error) == (2, "paper_out", "")
    assert failed.next_attempt_at == iso_utc(clock.now() + timedelta(seconds=4))
    assert translate(FAILURE_MESSAGES[FailureReason(failed.error_code)], "zh_CN") == (
        "打印机缺纸。")

    clock.advance(seconds=3.9)
    assert worker.run_once() == 0 and len(printer.attempts) == 2
    clock.advance(seconds=0.1)
    assert worker.run_once() == 0  # 3rd try: timeout; next in 8 s
    failed = row(store, head)
    assert (failed.attempts, failed.error_code) == (3, "timeout")
    assert failed.next_attempt_at == iso_utc(clock.now() + timedelta(seconds=8))

    # The printer is back: everything comes out, in order, once; the reasons are cleared.
    clock.advance(seconds=8)
    assert worker.run_once() == 5
    assert printer.names() == [job_name(j) for j in jobs]
    assert len(printer.attempts) == 3 + 5
    assert states(store, jobs) == ["printed"] * 5
    assert row(store, head).attempts == 4 and row(store, jobs[1]).attempts == 1
    assert all(row(store, j).error_code is None and row(store, j).next_attempt_at is None
               for j in jobs)
    assert store.print_queue.needing_attention() == []
    assert worker.run_once() == 0 and len(printer.printed) == 5


def test_a_failure_in_the_middle_holds_back_the_tickets_behind_it(
        make_worker: Callable[..., PrintWorker], jobs: list[PrintJob], store: Store,
        clock: FixedClock) -> None:
    class FailsThirdSend(FakePrinter):
        def send(self, data: bytes, suffix: str, name: str) -> None:
            if len(self.attempts) == 2:
                self.failures.append(PrintFailure(FailureReason.BUSY, "claimed"))
            super().send(data, suffix, name)

    printer = FailsThirdSend()
    worker = make_worker(printer)
    assert worker.run_once() == 2
    assert states(store, jobs) == ["printed", "printed", "queued", "queued", "queued"]
    assert row(store, jobs[2]).error_code == "busy"
    assert row(store, jobs[3]).attempts == 0  # never tried out of turn
    clock.advance(seconds=2)
    assert worker.run_once() == 3
    assert printer.names() == [job_name(j) for j in jobs]


def test_backoff_doubles_from_two_seconds_up_to_five_minutes() -> None:
    assert [backoff_seconds(n) for n in range(1, 10)] == [2, 4, 8, 16, 32, 64, 128, 256, 300]
    assert backoff_seconds(50) == BACKOFF_CAP_S == 300


# -- tickets that cannot be made ------------------------------------------------------------

def test_a_job_whose_record_is_missing_holds_up_no_other_ticket(
        make_worker: Callable[..., PrintWorker], store: Store, services: Services,
        clock: FixedClock) -> None:
    orphan = store.print_queue.enqueue(PrintKind.CARD, "worker", "no-such-worker",
                                       iso_utc(clock.now()))
    seed(services, print_tickets=True)
    printer = FakePrinter()
    worker = make_worker(printer)
    assert worker.run_once() == 5
    assert [name.split("-")[0] for name in printer.names()] == [
        "card", "queue", "interest", "referral", "complaint"]
    stuck = store.print_queue.get(orphan)
    assert stuck is not None
    assert (stuck.state, stuck.error_code) == (PrintState.QUEUED, "render")
    assert "no-such-worker" in (stuck.last_error or "")
    assert [j.id for j in store.print_queue.needing_attention()] == [orphan]

    clock.advance(seconds=2)  # tried again when due, still missing; staff cancel it
    assert worker.run_once() == 0
    assert row(store, stuck).attempts == 2
    assert store.print_queue.cancel(orphan, iso_utc(clock.now()))
    assert store.print_queue.needing_attention() == []
    assert len(printer.attempts) == 5


def test_a_ticket_that_cannot_be_drawn_goes_back_with_a_reason_not_stuck_printing(
        make_worker: Callable[..., PrintWorker], jobs: list[PrintJob], store: Store,
        clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CJK font uninstalled: drawing raises FontMissing, which is no PrintFailure."""
    printer = FakePrinter()
    worker = make_worker(printer)
    monkeypatch.setenv("KIOSK_CJK_FONT", str(Path(__file__).parent / "no-such-font.ttc"))
    raster._font.cache_clear()
    try:
        assert worker.run_once() == 0
    finally:
        monkeypatch.undo()
        raster._font.cache_clear()
    assert states(store, jobs) == ["queued"] * 5
    assert {row(store, j).error_code for j in jobs} == {"render"}
    assert "FontMissing" in (row(store, jobs[0]).last_error or "")
    assert printer.attempts == []

    clock.advance(seconds=2)  # the font is back
    assert worker.run_once() == 5
    assert printer.names() == [job_name(j) for j in jobs]


# -- restarts -------------------------------------------------------------------------------

def test_restart_with_a_job_caught_mid_send_prints_each_job_exactly_once(
        make_worker: Callable[..., PrintWorker], jobs: list[PrintJob], store: Store,
        catalogue: Catalogue, clock: FixedClock) -> None:
    """The first worker printed two tickets and had claimed the third when the power went:
    that ticket may or may not have come out. After the restart it goes to staff instead
    of printing again; the rest print once each, in order."""
    before = FakePrinter()
    first = make_worker(before)

    class PowerCut(FakePrinter):
        def send(self, data: bytes, suffix: str, name: str) -> None:
            if len(before.printed) == 2:
                raise KeyboardInterrupt  # the process dies inside send
            before.send(data, suffix, name)

    first.printer = PrinterProfile("ticket", PowerCut())
    with pytest.raises(KeyboardInterrupt):
        first.run_once()
    first.store.close()
    assert states(store, jobs) == ["printed", "printed", "printing", "queued", "queued"]

    reopened = Store(store.path)
    try:
        after = FakePrinter()
        worker = PrintWorker(reopened, TicketSource(reopened, catalogue, hall()),
                             PrinterProfile("ticket", after), clock.now)
        assert worker.recover() == 1
        assert worker.run_once() == 2
        assert after.names() == [job_name(jobs[3]), job_name(jobs[4])]
        # The printer may hold half a ticket: it is reset before anything else is sent.
        assert after.resets == [reset_bytes(raster.DOTS_58MM)]
        assert after.attempts[0].startswith("reset-")
        interrupted = row(store, jobs[2])
        assert (interrupted.state, interrupted.error_code) == (PrintState.FAILED, "interrupted")
        assert [j.id for j in store.print_queue.needing_attention()] == [jobs[2].id]
        assert worker.recover() == 0 and worker.run_once() == 0  # still not reprinted

        # Staff look at the slip tray and choose to reprint it: it prints once more.
        assert store.print_queue.reprint(jobs[2].id, iso_utc(clock.now()))
        assert worker.run_once() == 1
        assert after.names()[-1] == job_name(jobs[2])
        assert states(store, jobs) == ["printed"] * 5
        printed = before.names() + after.names()
        assert sorted(printed) == sorted(job_name(j) for j in jobs)  # each exactly once
    finally:
        reopened.close()


def test_staff_may_instead_cancel_an_interrupted_job(
        make_worker: Callable[..., PrintWorker], jobs: list[PrintJob], store: Store,
        clock: FixedClock) -> None:
    now = iso_utc(clock.now())
    assert store.print_queue.claim(jobs[0].id, now)  # claimed, then the program stopped
    printer = FakePrinter()
    worker = make_worker(printer)
    assert worker.recover() == 1
    assert store.print_queue.cancel(jobs[0].id, now)
    assert worker.run_once() == 4
    assert printer.names() == [job_name(j) for j in jobs[1:]]
    assert states(store, jobs) == ["cancelled"] + ["printed"] * 4
    assert store.print_queue.needing_attention() == []
    assert not store.print_queue.reprint(jobs[0].id, now)  # cancelled stays cancelled


def test_reprint_and_cancel_rules(make_worker: Callable[..., PrintWorker],
                                  jobs: list[PrintJob], store: Store, clock: FixedClock) -> None:
    now = iso_utc(clock.now())
    queue = store.print_queue
    assert queue.cancel(jobs[1].id, now)  # a waiting job may be cancelled: never printed
    printer = FakePrinter()
    worker = make_worker(printer)
    assert worker.run_once() == 4
    assert job_name(jobs[1]) not in printer.names()
    assert not queue.cancel(jobs[0].id, now)  # printed: too late to cancel
    assert queue.reprint(jobs[0].id, now)  # but a second copy may be asked for
    assert worker.run_once() == 1
    assert printer.names().count(job_name(jobs[0])) == 2
    assert not queue.reprint("no-such-job", now)


def test_a_killed_print_process_leaves_its_job_to_staff(
        store: Store, jobs: list[PrintJob], catalogue: Catalogue, clock: FixedClock,
        tmp_path: Path) -> None:
    """A real worker process, killed (-9) while the third ticket is going to a jammed
    printer; a new worker on the same SQLite file picks up from there."""
    out = tmp_path / "printed"
    out.mkdir()
    child = textwrap.dedent("""
        import sys, time
        from pathlib import Path
        from kiosk.system.config import default_config
        from kiosk.core.catalogue import load_catalogue
        from kiosk.services.printing import PrintWorker, TicketSource
        from kiosk.system.printer_profile import PrinterProfile
        from kiosk.store.store import Store
        from printers.transports import FileTransport

        db, out, jam = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

        class JammingPrinter:
            def send(self, data, suffix, name):
                if name == jam:
                    (out / "jammed").write_text(name)
                    time.sleep(600)
                FileTransport(out).send(data, suffix, name)

        store = Store(db)
        source = TicketSource(store, load_catalogue(), default_config("T01").hall)
        PrintWorker(store, source, PrinterProfile("ticket", JammingPrinter())).run_once()
    """)
    process = subprocess.Popen([sys.executable, "-c", child, str(store.path), str(out),
                                job_name(jobs[2])], cwd=REPO)
    try:
        deadline = time.monotonic() + PATIENCE_S
        while not (out / "jammed").exists() and process.poll() is None:
            assert time.monotonic() < deadline, "the print process never reached the jam"
            time.sleep(0.05)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(PATIENCE_S)
    assert process.returncode == -signal.SIGKILL
    assert sorted(p.name for p in out.glob("*.bin")) == sorted(
        f"{job_name(j)}.bin" for j in jobs[:2])
    assert states(store, jobs) == ["printed", "printed", "printing", "queued", "queued"]

    printer = FakePrinter()
    worker = PrintWorker(store, TicketSource(store, catalogue, hall()),
                         PrinterProfile("ticket", printer), clock.now)
    assert worker.recover() == 1
    assert worker.run_once() == 2
    assert printer.names() == [job_name(jobs[3]), job_name(jobs[4])]
    assert states(store, jobs) == ["printed", "printed", "failed", "printed", "printed"]
    assert row(store, jobs[2]).error_code == "interrupted"


# -- the worker thread ----------------------------------------------------------------------

def test_the_worker_thread_prints_what_is_queued_when_woken(
        make_worker: Callable[..., PrintWorker], services: Services, store: Store,
        tmp_path: Path) -> None:
    worker = make_worker(FileTransport(tmp_path / "out"), DOTS_80MM)
    thread = threading.Thread(target=worker.run_forever, kwargs={"tick_s": 600}, daemon=True)
    thread.start()
    try:
        samples = seed(services, print_tickets=True)
        worker.wake()
        deadline = time.monotonic() + PATIENCE_S
        while store.print_queue.counts_by_state()["printed"] < 5:
            assert time.monotonic() < deadline, store.print_queue.counts_by_state()
            time.sleep(0.02)
    finally:
        worker.stop()
        thread.join(PATIENCE_S)
    assert not thread.is_alive()
    card = next((tmp_path / "out").glob("card-*.bin")).read_bytes()
    parts = parse_escpos(card)
    assert parts.bands[0].width == DOTS_80MM
    assert read_qr(parts.image()) == [payloads.worker_card(samples.worker.id)]
    assert len(list((tmp_path / "out").iterdir())) == 5


def test_a_pdf_printer_gets_one_pdf_per_job(worker_store: Store, catalogue: Catalogue,
                                             clock: FixedClock, jobs: list[PrintJob],
                                             tmp_path: Path) -> None:
    out = tmp_path / "pdf"
    profile = PrinterProfile("a4", FileTransport(out), paper_mm=80, output="pdf")
    worker = PrintWorker(worker_store, TicketSource(worker_store, catalogue, hall()), profile,
                         clock.now)
    assert worker.run_once() == 5
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{job_name(j)}.pdf" for j in jobs)
    from pypdf import PdfReader
    slip = PdfReader(out / f"{job_name(jobs[3])}.pdf").pages[0].extract_text()
    assert "派工单" in slip and "欧**娜" in slip


# -- printer profiles from the configuration ------------------------------------------------

@pytest.mark.parametrize(("config", "transport"), [
    (PrinterConfig("t", "network", options=(("host", "10.0.0.9"), ("port", 9101))),
     NetworkTransport("10.0.0.9", 9101)),
    (PrinterConfig("t", "usb", options=(("product_id", "0x5011"), ("vendor_id", "0x0416"))),
     EscposUsbTransport(0x0416, 0x5011)),
    (PrinterConfig("t", "usb", options=(("product_id", 20497), ("vendor_id", 1046))),
     EscposUsbTransport(0x0416, 0x5011)),
    (PrinterConfig("t", "serial", options=(("baudrate", 19200), ("device", "/dev/ttyS1"))),
     EscposSerialTransport("/dev/ttyS1", 19200)),
    (PrinterConfig("t", "device", options=(("device", "/dev/usb/lp1"),)),
     DeviceTransport(Path("/dev/usb/lp1"))),
    (PrinterConfig("t", "cups", output="pdf", options=(("queue", "a4"),)), CupsTransport("a4")),
    (PrinterConfig("t"), FileTransport(Path("/data/prints"))),
    (PrinterConfig("t", options=(("directory", "/srv/tickets"),)),
     FileTransport(Path("/srv/tickets"))),
], ids=["network", "usb-hex", "usb-int", "serial", "device", "cups", "file", "file-abs"])
def test_profile_from_config(config: PrinterConfig, transport: Transport) -> None:
    profile = profile_from_config(config, Path("/data"))
    assert profile.transport == transport
    assert (profile.name, profile.width_dots, profile.paper_mm, profile.output, profile.cut) == (
        "t", config.width_dots, config.paper_mm, config.output, config.cut)


def test_profile_carries_width_paper_output_and_cut() -> None:
    config = PrinterConfig("wide", width_dots=576, paper_mm=80, output="pdf", cut=False)
    profile = profile_from_config(config, Path("/data"))
    assert (profile.width_dots, profile.paper_mm, profile.output, profile.cut) == (
        576, 80, "pdf", False)


# -- the `kiosk` print commands ---------------------------------------------------------------

def kiosk(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(data), *args])
    return code, capsys.readouterr().out


@pytest.fixture
def hall_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "hall"
    assert kiosk(capsys, data, "init", "--terminal-id", "T01")[0] == EXIT_OK
    return data


def add_worker(capsys: pytest.CaptureFixture[str], data: Path, *extra: str) -> str:
    code, out = kiosk(capsys, data, "worker", "add", "--name", "张建国", "--id-number",
                      "370104197503141232", "--phone", "13805311234", "--trade", "C01",
                      "--consent", "--json", *extra)
    assert code == EXIT_OK, out
    worker_id: str = json.loads(out)["id"]
    return worker_id


def test_cli_print_queue_runs_the_queued_card(capsys: pytest.CaptureFixture[str],
                                              hall_dir: Path) -> None:
    worker_id = add_worker(capsys, hall_dir, "--print-card")
    code, out = kiosk(capsys, hall_dir, "print-queue", "--json")
    assert code == EXIT_OK and json.loads(out)["counts"]["queued"] == 1
    code, out = kiosk(capsys, hall_dir, "print-queue", "--run", "--json")
    report = json.loads(out)
    assert code == EXIT_OK and report["printed"] == 1 and report["counts"]["printed"] == 1
    [printed] = (hall_dir / "prints").glob("card-*.bin")
    [text] = read_qr(parse_escpos(printed.read_bytes()).image())
    # the printed card is signed with the terminal's own card key (0600 in its data dir)
    card_key = (hall_dir / CARD_KEY_FILE).read_bytes()
    assert (hall_dir / CARD_KEY_FILE).stat().st_mode & 0o777 == 0o600
    assert text == sign_worker_card(worker_id, card_key) != payloads.worker_card(worker_id)
    card = parse_scan(text, keys=ScanKeys(card_keys=(raw_public_key(card_key),)),
                      now=datetime.now(UTC))
    assert card == WorkerCard(worker_id, CardProof.SIGNED, text)
    code, out = kiosk(capsys, hall_dir, "print-queue", "--run", "--json")
    assert json.loads(out)["printed"] == 0


def test_cli_reprint_and_cancel(capsys: pytest.CaptureFixture[str], hall_dir: Path) -> None:
    add_worker(capsys, hall_dir, "--print-card")
    store = Store(hall_dir / "kiosk.sqlite3")
    try:
        [job] = store.print_queue.queued()
    finally:
        store.close()
    assert kiosk(capsys, hall_dir, "print-queue", "--cancel", job.id)[0] == EXIT_OK
    out = kiosk(capsys, hall_dir, "print-queue", "--run", "--json")[1]
    assert json.loads(out)["counts"]["cancelled"] == 1 and json.loads(out)["printed"] == 0
    assert kiosk(capsys, hall_dir, "print-queue", "--cancel", job.id)[0] == EXIT_BAD_INPUT
    assert kiosk(capsys, hall_dir, "print-queue", "--reprint", "nope")[0] == EXIT_BAD_INPUT


@pytest.mark.parametrize("suffix", [".png", ".pdf", ".bin"])
def test_cli_tickets_render(capsys: pytest.CaptureFixture[str], hall_dir: Path,
                            tmp_path: Path, suffix: str) -> None:
    worker_id = add_worker(capsys, hall_dir)
    out = tmp_path / f"card{suffix}"
    code, _ = kiosk(capsys, hall_dir, "tickets", "render", "--kind", "card", "--id", worker_id,
                    "--out", str(out), "--width", "576")
    assert code == EXIT_OK
    data = out.read_bytes()
    if suffix == ".png":
        from PIL import Image
        with Image.open(out) as image:
            assert image.width == 576
            assert read_qr(image) == [signed_card(hall_dir, worker_id)]
    elif suffix == ".pdf":
        from pypdf import PdfReader
        assert "张*国" in PdfReader(out).pages[0].extract_text()
    else:
        assert read_qr(parse_escpos(data).image()) == [signed_card(hall_dir, worker_id)]


def signed_card(hall_dir: Path, worker_id: str) -> str:
    """The card text the terminal in `hall_dir` signs for the worker (LGW2)."""
    return sign_worker_card(worker_id, (hall_dir / CARD_KEY_FILE).read_bytes())


def test_cli_tickets_render_refuses_unknown_records_and_suffixes(
        capsys: pytest.CaptureFixture[str], hall_dir: Path, tmp_path: Path) -> None:
    code, _ = kiosk(capsys, hall_dir, "tickets", "render", "--kind", "card", "--id", "nope",
                    "--out", str(tmp_path / "x.png"))
    assert code == EXIT_BAD_INPUT and not (tmp_path / "x.png").exists()
    code, _ = kiosk(capsys, hall_dir, "tickets", "render", "--kind", "card", "--id", "nope",
                    "--out", str(tmp_path / "x.jpg"))
    assert code == EXIT_BAD_INPUT


def test_cli_print_test_goes_to_the_configured_printer(
        capsys: pytest.CaptureFixture[str], hall_dir: Path) -> None:
    code, out = kiosk(capsys, hall_dir, "print-test", "--json")
    assert code == EXIT_OK and json.loads(out) == {"ok": True, "printer": "ticket"}
    [printed] = (hall_dir / "prints").glob("test-*.bin")
    assert read_qr(parse_escpos(printed.read_bytes()).image()) == [
        payloads.job("00000000-0000-7000-8000-000000000000")]


def test_cli_print_test_says_why_it_failed(capsys: pytest.CaptureFixture[str],
                                           hall_dir: Path) -> None:
    (hall_dir / "prints").write_text("a file where the folder should be")
    code, out = kiosk(capsys, hall_dir, "print-test", "--json")
    report = json.loads(out)
    assert code == EXIT_FAILURE
    assert (report["ok"], report["reason"]) == (False, "offline")
    code, out = kiosk(capsys, hall_dir, "print-test")
    assert code == EXIT_FAILURE and out.startswith("打印机未连接。")


# -- a send cut short -------------------------------------------------------------------------

def test_a_ticket_cut_short_goes_to_staff_and_the_printer_is_reset_before_the_next(
        make_worker: Callable[..., PrintWorker], jobs: list[PrintJob], store: Store,
        clock: FixedClock) -> None:
    """The printer took part of the first ticket: it is never resent by itself. Staff see
    "may have printed partly" like an interrupted job; the printer gets the reset bytes
    (finish the image, ESC @, feed and cut) before the next ticket; the reset itself is
    tried again, with backoff, while the printer still stalls."""
    printer = FakePrinter(
        PrintFailure(FailureReason.TIMEOUT, "the printer took 12288 of 32416 bytes",
                     partial=True),
        PrintFailure(FailureReason.TIMEOUT, "the reset stalled too", partial=True))
    worker = make_worker(printer)
    assert worker.run_once() == 0
    cut = row(store, jobs[0])
    assert (cut.state, cut.error_code, cut.next_attempt_at) == (PrintState.FAILED, "partial",
                                                                None)
    assert [j.id for j in store.print_queue.needing_attention()] == [jobs[0].id]
    assert translate(FAILURE_MESSAGES[FailureReason.PARTIAL], "zh_CN") == (
        "打印机中途停止：小票可能只打印了一部分。请重印或取消。")
    assert worker.needs_reset

    assert worker.run_once() == 0  # the reset stalls as well: nothing else is sent
    assert printer.attempts[1].startswith("reset-") and len(printer.attempts) == 2
    clock.advance(seconds=1)
    assert worker.run_once() == 0 and len(printer.attempts) == 2  # backing off
    clock.advance(seconds=1)
    assert worker.run_once() == 4  # reset went through, then the four others
    assert printer.resets == [reset_bytes(raster.DOTS_58MM)]
    assert printer.names() == [job_name(j) for j in jobs[1:]]

    assert store.print_queue.reprint(jobs[0].id, iso_utc(clock.now()))  # one tap
    assert worker.run_once() == 1
    assert printer.names()[-1] == job_name(jobs[0])
    assert states(store, jobs) == ["printed"] * 5


def test_a_new_worker_resets_a_printer_the_last_one_left_mid_ticket(
        make_worker: Callable[..., PrintWorker], jobs: list[PrintJob], store: Store) -> None:
    first = make_worker(FakePrinter(PrintFailure(FailureReason.OFFLINE, "reset by peer",
                                                 partial=True)))
    assert first.run_once() == 0
    printer = FakePrinter()
    assert make_worker(printer).run_once() == 4
    assert printer.attempts[0].startswith("reset-") and len(printer.resets) == 1


# -- queue command gaps -----------------------------------------------------------------------

def claim_card_job(data: Path, minutes_ago: float) -> str:
    """The queued card job, claimed `minutes_ago` by a print process that then died."""
    store = Store(data / "kiosk.sqlite3")
    try:
        [job] = store.print_queue.queued()
        when = datetime.now(UTC) - timedelta(minutes=minutes_ago)
        assert store.print_queue.claim(job.id, iso_utc(when))
        return job.id
    finally:
        store.close()


def test_cli_a_job_stuck_printing_is_listed_and_run_hands_it_to_staff_unprinted(
        capsys: pytest.CaptureFixture[str], hall_dir: Path) -> None:
    add_worker(capsys, hall_dir, "--print-card")
    job_id = claim_card_job(hall_dir, minutes_ago=30)
    code, out = kiosk(capsys, hall_dir, "print-queue", "--json")
    [stuck] = json.loads(out)["attention"]
    assert code == EXIT_OK and (stuck["id"], stuck["state"]) == (job_id, "printing")
    assert "--recover" in stuck["message"]
    code, out = kiosk(capsys, hall_dir, "print-queue", "--run", "--json")
    report = json.loads(out)
    assert code == EXIT_OK and report["printed"] == 0
    [listed] = report["attention"]
    assert (listed["state"], listed["reason"]) == ("failed", "interrupted")  # may have printed
    assert not list((hall_dir / "prints").glob("card-*.bin"))  # not silently printed twice
    assert kiosk(capsys, hall_dir, "print-queue", "--reprint", job_id)[0] == EXIT_OK
    code, out = kiosk(capsys, hall_dir, "print-queue", "--run", "--json")
    assert json.loads(out)["printed"] == 1
    assert len(list((hall_dir / "prints").glob("card-*.bin"))) == 1


def test_cli_run_leaves_a_job_another_process_is_printing_now(
        capsys: pytest.CaptureFixture[str], hall_dir: Path) -> None:
    add_worker(capsys, hall_dir, "--print-card")
    claim_card_job(hall_dir, minutes_ago=0)
    code, out = kiosk(capsys, hall_dir, "print-queue", "--run", "--json")
    report = json.loads(out)
    assert code == EXIT_OK and report["counts"]["printing"] == 1 and report["attention"] == []


def test_cli_recover_alone_does_what_its_help_says(capsys: pytest.CaptureFixture[str],
                                                   hall_dir: Path) -> None:
    add_worker(capsys, hall_dir, "--print-card")
    job_id = claim_card_job(hall_dir, minutes_ago=0)
    code, out = kiosk(capsys, hall_dir, "print-queue", "--recover", "--json")
    report = json.loads(out)
    assert code == EXIT_OK and report["recovered"] == 1 and report["printed"] is None
    [listed] = report["attention"]
    assert (listed["id"], listed["reason"]) == (job_id, "interrupted")
    assert kiosk(capsys, hall_dir, "print-queue", "--cancel", job_id)[0] == EXIT_OK


def test_cli_run_fails_when_the_printer_is_offline_and_nothing_printed(
        capsys: pytest.CaptureFixture[str], hall_dir: Path) -> None:
    add_worker(capsys, hall_dir, "--print-card")
    (hall_dir / "prints").write_text("a file where the folder should be")
    code, out = kiosk(capsys, hall_dir, "print-queue", "--run", "--json")
    report = json.loads(out)
    assert code == EXIT_FAILURE and report["printed"] == 0 and report["failure"] == "offline"
    code, out = kiosk(capsys, hall_dir, "print-queue", "--run")
    assert code == EXIT_FAILURE and "打印机未连接。" in out
    [waiting] = report["attention"]  # the second round did not try: the job waits to retry
    (hall_dir / "prints").unlink()  # back online; staff need not wait for the retry
    assert kiosk(capsys, hall_dir, "print-queue", "--reprint", waiting["id"])[0] == EXIT_OK
    code, out = kiosk(capsys, hall_dir, "print-queue", "--run", "--json")
    assert code == EXIT_OK and json.loads(out)["printed"] == 1


def test_cli_print_test_prints_the_halls_time_not_the_machines(
        capsys: pytest.CaptureFixture[str], hall_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/Los_Angeles")  # the machine is set to another zone
    time.tzset()
    try:
        config = hall_dir / "config.toml"
        config.write_text(config.read_text("utf-8").replace(
            'output = "escpos"', 'output = "pdf"'), "utf-8")
        hall_times = {f"{datetime.now(ZoneInfo('Asia/Shanghai')) + timedelta(minutes=m):%H:%M}"
                      for m in (0, 1)}
        machine = f"{datetime.now().astimezone():%H:%M}"
        assert kiosk(capsys, hall_dir, "print-test")[0] == EXIT_OK
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    [printed] = (hall_dir / "prints").glob("test-*.pdf")
    text = pdf_text(printed.read_bytes())
    assert any(t in text for t in hall_times) and machine not in text, text


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
