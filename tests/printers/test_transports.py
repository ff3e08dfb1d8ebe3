"""Transports against real endpoints standing in for printers: files, a TCP listener on
loopback, a FIFO as a device node, a pseudo-terminal as a serial port, an `lp` script as the
CUPS client. Each either delivers every byte or raises PrintFailure with a reason."""

from __future__ import annotations

import errno
import fcntl
import os
import select
import socket
import subprocess
import sys
import termios
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from escpos.constants import RT_STATUS_PAPER

from printers.transports import (
    CupsTransport,
    DeviceTransport,
    EscposSerialTransport,
    EscposUsbTransport,
    FailureReason,
    FileTransport,
    NetworkTransport,
    PrinterStatus,
    PrintFailure,
)

# A ticket's worth of bytes (real tickets are 50–110 kB), not all alike.
TICKET = bytes(range(256)) * 400
# How long a fake printer waits for something that should come at once, before it gives
# up so that a broken transport fails the test instead of hanging it.
PATIENCE_S = 15.0


def failure(excinfo: pytest.ExceptionInfo[PrintFailure]) -> FailureReason:
    return excinfo.value.reason


# -- file -------------------------------------------------------------------------------

def test_file_transport_writes_name_and_suffix(tmp_path: Path) -> None:
    transport = FileTransport(tmp_path / "prints")
    transport.send(TICKET, ".bin", "card-1")
    transport.send(b"%PDF-1.4 second", ".pdf", "card-1")
    assert (tmp_path / "prints" / "card-1.bin").read_bytes() == TICKET
    assert (tmp_path / "prints" / "card-1.pdf").read_bytes() == b"%PDF-1.4 second"
    assert sorted(p.name for p in (tmp_path / "prints").iterdir()) == ["card-1.bin", "card-1.pdf"]


def test_file_transport_replaces_a_file_whole(tmp_path: Path) -> None:
    transport = FileTransport(tmp_path)
    transport.send(TICKET, ".bin", "job")
    transport.send(b"short", ".bin", "job")
    assert (tmp_path / "job.bin").read_bytes() == b"short"
    assert [p.name for p in tmp_path.iterdir()] == ["job.bin"]


def test_file_transport_into_a_path_that_is_a_file_is_offline(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("x")
    with pytest.raises(PrintFailure) as excinfo:
        FileTransport(tmp_path / "not-a-folder").send(TICKET, ".bin", "job")
    assert failure(excinfo) is FailureReason.OFFLINE


def test_file_transport_that_runs_out_of_space_leaves_the_old_file_and_no_debris(
        tmp_path: Path) -> None:
    """Atomic: a write that fails half-way (here: the file size limit, as on a full disk)
    leaves the earlier document whole and no half-written temporary file behind."""
    (tmp_path / "job.bin").write_bytes(b"the earlier ticket")
    script = textwrap.dedent(f"""
        import resource, signal, sys
        from pathlib import Path
        from printers.transports import FileTransport, PrintFailure
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            FileTransport(Path({str(tmp_path)!r})).send(bytes(100_000), ".bin", "job")
        except PrintFailure as failure:
            print(failure.reason.value)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "offline"
    assert (tmp_path / "job.bin").read_bytes() == b"the earlier ticket"
    assert [p.name for p in tmp_path.iterdir()] == ["job.bin"]


# -- network (raw TCP, port 9100) -------------------------------------------------------

@dataclass
class TcpPrinter:
    """A listener on 127.0.0.1 that keeps what each connection sent."""

    port: int
    received: list[bytes] = field(default_factory=list)


@pytest.fixture
def tcp_printer() -> Iterator[TcpPrinter]:
    server = socket.create_server(("127.0.0.1", 0))
    printer = TcpPrinter(server.getsockname()[1])
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(PATIENCE_S)
                chunks = []
                while chunk := conn.recv(65536):
                    chunks.append(chunk)
                printer.received.append(b"".join(chunks))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield printer
    stop.set()
    thread.join(PATIENCE_S)
    server.close()


def test_network_transport_delivers_each_document_on_its_own_connection(
        tcp_printer: TcpPrinter) -> None:
    transport = NetworkTransport("127.0.0.1", tcp_printer.port)
    transport.send(TICKET, ".bin", "first")
    transport.send(b"\x1b@second", ".bin", "second")
    deadline = time.monotonic() + PATIENCE_S
    while len(tcp_printer.received) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert tcp_printer.received == [TICKET, b"\x1b@second"]


def test_network_printer_switched_off_is_offline() -> None:
    with socket.socket() as probe:  # a port with nobody listening: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(PrintFailure) as excinfo:
        NetworkTransport("127.0.0.1", port).send(TICKET, ".bin", "job")
    assert failure(excinfo) is FailureReason.OFFLINE
    assert "refused" in excinfo.value.detail.lower()


def test_network_printer_that_stops_reading_times_out() -> None:
    """A printer that accepts the connection but takes nothing (jammed, lid open)."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        transport = NetworkTransport("127.0.0.1", server.getsockname()[1], timeout_s=0.3)
        with pytest.raises(PrintFailure) as excinfo:
            transport.send(bytes(64 * 1024 * 1024), ".bin", "job")
        assert failure(excinfo) is FailureReason.TIMEOUT
        assert excinfo.value.partial  # some of it went: never to be resent as it is
        assert excinfo.value.detail.startswith("the printer took ")
    finally:
        server.close()


@pytest.mark.parametrize(("offline", "paper", "expected"), [
    (0x12, 0x12, PrinterStatus(paper_out=False, cover_open=False)),
    (0x16, 0x12, PrinterStatus(paper_out=False, cover_open=True)),
    (0x12, 0x72, PrinterStatus(paper_out=True, cover_open=False)),
])
def test_network_printer_status_is_asked_in_real_time(
        offline: int, paper: int, expected: PrinterStatus) -> None:
    """DLE EOT 2 (offline causes: bit 2 = cover open) and DLE EOT 4 (roll paper: bits 5
    and 6 = paper end), one byte each."""
    server = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        conn, _ = server.accept()
        with conn:
            for reply in (offline, paper):
                assert conn.recv(3) in (b"\x10\x04\x02", b"\x10\x04\x04")
                conn.sendall(bytes([reply]))

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        status = NetworkTransport("127.0.0.1", server.getsockname()[1]).status()
        assert status == expected and status.ready is (expected == PrinterStatus(False, False))
    finally:
        thread.join(PATIENCE_S)
        server.close()


def test_network_printer_that_does_not_answer_status_has_none() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        transport = NetworkTransport("127.0.0.1", server.getsockname()[1], status_wait_s=0.1)
        assert transport.status() is None


def test_network_printer_name_that_does_not_resolve_is_offline() -> None:
    with pytest.raises(PrintFailure) as excinfo:
        NetworkTransport("printer.invalid", 9100, timeout_s=2).send(TICKET, ".bin", "job")
    assert failure(excinfo) is FailureReason.OFFLINE


# -- device node (/dev/usb/lp0 and the like), played by a FIFO --------------------------

F_GETPIPE_SZ = 1032  # Linux fcntl: a pipe's capacity


def pending(fd: int) -> int:
    """Bytes waiting to be read."""
    return int.from_bytes(fcntl.ioctl(fd, termios.FIONREAD, bytes(4)), sys.byteorder)


def test_device_that_is_not_there_is_offline(tmp_path: Path) -> None:
    with pytest.raises(PrintFailure) as excinfo:
        DeviceTransport(tmp_path / "lp0").send(TICKET, ".bin", "job")
    assert failure(excinfo) is FailureReason.OFFLINE


def test_device_with_nothing_behind_it_is_offline(tmp_path: Path) -> None:
    """A FIFO with no reader answers ENXIO, as a device node whose printer is gone does."""
    os.mkfifo(tmp_path / "lp0")
    with pytest.raises(PrintFailure) as excinfo:
        DeviceTransport(tmp_path / "lp0").send(TICKET, ".bin", "job")
    assert failure(excinfo) is FailureReason.OFFLINE


def test_device_slower_than_the_data_still_gets_all_of_it(tmp_path: Path) -> None:
    """A printer takes data slower than the program writes it: the device's buffer fills up
    and a non-blocking write says EAGAIN. That means "wait", not "fail": failing there would
    leave half a ticket printed and then print the whole one again on retry."""
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    received: list[bytes] = []

    def slow_printer() -> None:
        # Take nothing until the pipe is full, so that the writer meets a full buffer.
        capacity = fcntl.fcntl(reader, F_GETPIPE_SZ)
        deadline = time.monotonic() + PATIENCE_S
        while time.monotonic() < deadline and pending(reader) < capacity:
            time.sleep(0.005)
        os.set_blocking(reader, True)
        while chunk := os.read(reader, 4096):
            received.append(chunk)

    thread = threading.Thread(target=slow_printer, daemon=True)
    thread.start()
    try:
        DeviceTransport(fifo).send(TICKET, ".bin", "job")
    finally:
        thread.join(PATIENCE_S)
        os.close(reader)
    assert b"".join(received) == TICKET


# -- serial, played by a pseudo-terminal ------------------------------------------------

@dataclass
class SerialPrinter:
    """The far end of a pty: answers the paper-status query, then keeps what it gets until
    the transport closes the port. It owns the master side and closes it when done, so a
    transport still waiting then fails instead of hanging the test."""

    master: int
    port: str
    paper_status: int
    received: bytearray = field(default_factory=bytearray)
    queried: bool = False

    def run(self) -> None:
        deadline = time.monotonic() + PATIENCE_S
        try:
            while time.monotonic() < deadline:
                if not select.select([self.master], [], [], 0.05)[0]:
                    continue
                try:
                    chunk = os.read(self.master, 65536)
                except OSError as exc:  # EIO: nobody has the port open
                    if exc.errno != errno.EIO:
                        raise
                    if self.queried:
                        return  # the transport has closed it
                    time.sleep(0.01)  # not opened yet
                    continue
                if not self.queried and chunk.startswith(RT_STATUS_PAPER):
                    self.queried = True
                    chunk = chunk[len(RT_STATUS_PAPER):]
                    os.write(self.master, bytes([self.paper_status]))
                self.received += chunk
        finally:
            os.close(self.master)


@contextmanager
def serial_printer(paper_status: int) -> Iterator[SerialPrinter]:
    master, slave = os.openpty()
    printer = SerialPrinter(master, os.ttyname(slave), paper_status)
    os.close(slave)  # the transport opens the port by its name
    thread = threading.Thread(target=printer.run, daemon=True)
    thread.start()
    yield printer
    thread.join(PATIENCE_S)


@pytest.mark.parametrize("status", [0x12, 0x1E], ids=["paper", "paper-low"])
def test_serial_printer_with_paper_gets_the_ticket(status: int) -> None:
    # A long port timeout: the paper check must not sit it out once the printer has answered
    # (the fake printer gives up well before, and the send then fails).
    with serial_printer(status) as printer:
        EscposSerialTransport(printer.port, 115200, timeout_s=60).send(TICKET, ".bin", "job")
    assert printer.queried
    assert bytes(printer.received) == TICKET


def test_serial_printer_without_paper_gets_nothing_and_says_so() -> None:
    with serial_printer(0x72) as printer, pytest.raises(PrintFailure) as excinfo:  # paper end
        EscposSerialTransport(printer.port, 115200, timeout_s=60).send(TICKET, ".bin", "job")
    assert failure(excinfo) is FailureReason.PAPER_OUT
    assert printer.queried and bytes(printer.received) == b""


def test_serial_port_that_is_not_there_is_offline(tmp_path: Path) -> None:
    with pytest.raises(PrintFailure) as excinfo:
        EscposSerialTransport(str(tmp_path / "ttyUSB9")).send(TICKET, ".bin", "job")
    assert failure(excinfo) is FailureReason.OFFLINE


# -- USB (libusb) -------------------------------------------------------------------------

def test_usb_printer_not_plugged_in_is_offline() -> None:
    with pytest.raises(PrintFailure) as excinfo:
        EscposUsbTransport(0xFFFF, 0xFFFE).send(TICKET, ".bin", "job")
    assert failure(excinfo) is FailureReason.OFFLINE


# -- CUPS, through an `lp` on the PATH ----------------------------------------------------

def fake_lp(folder: Path, exit_code: int = 0, stderr: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    lp = folder / "lp"
    lp.write_text(textwrap.dedent(f"""\
        #!/bin/sh
        PATH=/usr/bin:/bin
        printf '%s\\n' "$@" > "{folder}/args"
        cat > "{folder}/stdin"
        printf '%s' '{stderr}' >&2
        exit {exit_code}
    """))
    lp.chmod(0o755)
    return lp


def test_cups_gets_the_document_on_stdin_for_the_named_queue(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_lp(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    CupsTransport("hall-a4").send(b"%PDF-1.4 report", ".pdf", "report-1")
    assert (tmp_path / "bin" / "args").read_text().split("\n")[:-1] == [
        "-d", "hall-a4", "-t", "report-1", "-"]
    assert (tmp_path / "bin" / "stdin").read_bytes() == b"%PDF-1.4 report"


def test_cups_refusing_the_job_is_offline_with_its_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_lp(tmp_path / "bin", exit_code=1, stderr="lp: The printer or class does not exist.")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(PrintFailure) as excinfo:
        CupsTransport("nope").send(b"%PDF-1.4", ".pdf", "report")
    assert failure(excinfo) is FailureReason.OFFLINE
    assert excinfo.value.detail == "lp: The printer or class does not exist."


def test_cups_without_lp_installed_is_offline(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PrintFailure) as excinfo:
        CupsTransport("hall-a4").send(b"%PDF-1.4", ".pdf", "report")
    assert failure(excinfo) is FailureReason.OFFLINE
    assert "lp" in excinfo.value.detail
