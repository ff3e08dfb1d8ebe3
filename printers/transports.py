"""Where rendered tickets go: ESC/POS printers (USB, serial, network, device), CUPS, files.

Every transport has the same narrow interface: `send(data)` either returns (the printer took
it) or raises PrintFailure with a reason code staff can act on.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from escpos.constants import RT_MASK_NOPAPER, RT_STATUS_PAPER
from escpos.exceptions import DeviceNotFoundError, USBNotFoundError
from escpos.printer import Serial, Usb

log = logging.getLogger(__name__)


class FailureReason(StrEnum):
    OFFLINE = "offline"  # not connected / unreachable
    PAPER_OUT = "paper_out"
    BUSY = "busy"  # e.g. USB claimed by another process
    TIMEOUT = "timeout"
    INTERRUPTED = "interrupted"  # the program stopped while sending
    RENDER = "render"  # the ticket could not be drawn (e.g. its record is missing)
    PARTIAL = "partial"  # the printer took part of the ticket: it may have printed partly


class PrintFailure(Exception):
    """`partial`: the printer may have taken some of the document (never resend it as is)."""

    def __init__(self, reason: FailureReason, detail: str = "", *,
                 partial: bool = False) -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail
        self.partial = partial


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """What a printer answered to real-time status requests (DLE EOT)."""

    paper_out: bool
    cover_open: bool

    @property
    def ready(self) -> bool:
        return not (self.paper_out or self.cover_open)


class Transport(Protocol):
    """Sends one rendered document; `suffix` tells what it is (.bin ESC/POS, .pdf)."""

    def send(self, data: bytes, suffix: str, name: str) -> None: ...


@dataclass(frozen=True, slots=True)
class FileTransport:
    """Writes each document to a folder (tests, and halls without a printer)."""

    directory: Path

    def send(self, data: bytes, suffix: str, name: str) -> None:
        temporary: Path | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            target = self.directory / f"{name}{suffix}"
            with tempfile.NamedTemporaryFile(dir=self.directory, prefix=".", suffix=".part",
                                             delete=False) as handle:
                temporary = Path(handle.name)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            temporary.replace(target)
        except OSError as exc:
            if temporary is not None:  # a full disk must not leave half a document behind
                temporary.unlink(missing_ok=True)
            raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc


@dataclass(frozen=True, slots=True)
class NetworkTransport:
    """A network ESC/POS printer (raw TCP, usually port 9100)."""

    host: str
    port: int = 9100
    timeout_s: float = 5.0
    status_wait_s: float = 0.5  # how long to wait for a real-time status answer
    # A small send buffer: what the socket took is then close to what the printer took,
    # and a printer that stops taking is noticed within `timeout_s`.
    send_buffer_bytes: int = 8192

    def send(self, data: bytes, suffix: str, name: str) -> None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except TimeoutError as exc:
            raise PrintFailure(FailureReason.TIMEOUT, str(exc)) from exc
        except OSError as exc:
            raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc
        with sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.send_buffer_bytes)
            _send_counted(sock, data)

    def status(self) -> PrinterStatus | None:
        """Ask the printer, in real time, whether it has paper and its cover is shut; None
        when it does not answer (many do not)."""
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout_s) as sock:
                sock.settimeout(self.status_wait_s)
                offline = _ask(sock, DLE_EOT + b"\x02")
                paper = None if offline is None else _ask(sock, DLE_EOT + b"\x04")
        except OSError:
            return None
        if offline is None or paper is None:
            return None
        return PrinterStatus(paper_out=paper & 0x60 == 0x60, cover_open=bool(offline & 0x04))


DLE_EOT = b"\x10\x04"  # real-time status: answered even mid-document by printers that can


def _ask(sock: socket.socket, request: bytes) -> int | None:
    """One status byte: bit 1 set and bit 4 set, bits 0 and 7 clear, as ESC/POS defines."""
    sock.sendall(request)
    try:
        answer = sock.recv(1)
    except TimeoutError:
        return None
    if len(answer) != 1 or answer[0] & 0x93 != 0x12:
        return None
    return answer[0]


def _send_counted(sock: socket.socket, data: bytes) -> None:
    """Send all of `data`; a failure after the first byte left says so (`partial`)."""
    view = memoryview(data)
    sent = 0
    try:
        while sent < len(data):
            sent += sock.send(view[sent:])
    except OSError as exc:
        reason = FailureReason.TIMEOUT if isinstance(exc, TimeoutError) else FailureReason.OFFLINE
        detail = f"the printer took {sent} of {len(data)} bytes"
        raise PrintFailure(reason, detail, partial=sent > 0) from exc


@dataclass(frozen=True, slots=True)
class DeviceTransport:
    """A printer device node such as /dev/usb/lp0 or a serial port already set up.

    Opened non-blocking so that a wedged printer cannot hang the open. A printer takes data
    slower than it is written: when its buffer is full (EAGAIN) the transport waits for it,
    and gives up only after `timeout_s` without progress.
    """

    path: Path
    timeout_s: float = 30.0

    def send(self, data: bytes, suffix: str, name: str) -> None:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            # ENOENT: no such node; ENXIO/ENODEV: the node is there but the printer is not.
            gone = exc.errno in (errno.ENOENT, errno.ENXIO, errno.ENODEV)
            raise PrintFailure(FailureReason.OFFLINE if gone else FailureReason.BUSY,
                               str(exc)) from exc
        try:
            _write_all(fd, data, self.timeout_s)
        finally:
            os.close(fd)


def _write_all(fd: int, data: bytes, timeout_s: float) -> None:
    view = memoryview(data)
    deadline = time.monotonic() + timeout_s
    while view:
        try:
            view = view[os.write(fd, view):]
            deadline = time.monotonic() + timeout_s  # progress: the printer is taking it
        except BlockingIOError as exc:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [fd], [], left)[1]:
                sent = len(data) - len(view)
                raise PrintFailure(FailureReason.TIMEOUT,
                                   f"the printer took {sent} of {len(data)} bytes",
                                   partial=sent > 0) from exc
        except OSError as exc:
            sent = len(data) - len(view)
            raise PrintFailure(FailureReason.OFFLINE, str(exc), partial=sent > 0) from exc


@dataclass(frozen=True, slots=True)
class EscposUsbTransport:
    """A USB ESC/POS printer by vendor/product id (python-escpos + libusb), with paper check."""

    vendor_id: int
    product_id: int
    timeout_ms: int = 5000

    def send(self, data: bytes, suffix: str, name: str) -> None:
        try:
            printer = Usb(self.vendor_id, self.product_id, timeout=self.timeout_ms)
            printer.open()
        except (DeviceNotFoundError, USBNotFoundError) as exc:
            raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc
        except Exception as exc:  # libusb: claimed by another process, permissions
            raise PrintFailure(FailureReason.BUSY, str(exc)) from exc
        _send_checked(printer, data, lambda: printer.paper_status() == 0)


@dataclass(frozen=True, slots=True)
class CupsTransport:
    """A CUPS queue through `lp` (A4 reports and PDFs)."""

    queue: str

    def send(self, data: bytes, suffix: str, name: str) -> None:
        lp = shutil.which("lp")
        if lp is None:
            raise PrintFailure(FailureReason.OFFLINE, "lp (CUPS client) is not installed")
        try:
            result = subprocess.run([lp, "-d", self.queue, "-t", name, "-"], input=data,
                                    capture_output=True, timeout=30, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PrintFailure(FailureReason.TIMEOUT, "lp did not answer") from exc
        except OSError as exc:  # lp there but not runnable
            raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc
        if result.returncode != 0:
            raise PrintFailure(FailureReason.OFFLINE, result.stderr.decode(errors="replace"))


@dataclass(frozen=True, slots=True)
class EscposSerialTransport:
    """A serial ESC/POS printer (python-escpos + pyserial), with paper check."""

    device: str
    baudrate: int = 9600
    timeout_s: float = 5.0

    def send(self, data: bytes, suffix: str, name: str) -> None:
        try:
            printer = Serial(devfile=self.device, baudrate=self.baudrate, timeout=self.timeout_s)
            printer.open()
        except Exception as exc:  # pyserial: missing device, permissions, in use
            raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc
        _send_checked(printer, data, lambda: _serial_paper_out(printer))


def _serial_paper_out(printer: Any) -> bool:
    """python-escpos reads the status answer as 16 bytes, which on a serial port means
    waiting out the whole timeout for 15 bytes that never come: read the one byte here."""
    printer._raw(RT_STATUS_PAPER)
    answer = printer.device.read(1)
    return bool(answer) and answer[0] & RT_MASK_NOPAPER == RT_MASK_NOPAPER


def _send_checked(printer: Any, data: bytes, paper_out: Callable[[], bool]) -> None:
    """Refuse when a two-way printer reports no paper, then send; always close. Whatever
    the USB/serial stacks raise (they raise many kinds of errors) becomes a PrintFailure;
    once sending began, how much arrived is unknown, so it is `partial`."""
    try:
        if paper_out():
            raise PrintFailure(FailureReason.PAPER_OUT)
    except PrintFailure:
        _close_quietly(printer)
        raise
    except Exception as exc:
        _close_quietly(printer)
        raise PrintFailure(FailureReason.TIMEOUT, str(exc)) from exc
    try:
        printer._raw(data)
    except Exception as exc:
        _close_quietly(printer)
        raise PrintFailure(FailureReason.TIMEOUT, str(exc), partial=True) from exc
    try:
        printer.close()  # a serial port drains what is still buffered here
    except Exception as exc:
        raise PrintFailure(FailureReason.TIMEOUT, str(exc), partial=True) from exc


def _close_quietly(printer: Any) -> None:
    """Close after a failure without hiding the failure's reason."""
    try:
        printer.close()
    except Exception:
        log.warning("closing the printer after a failure failed", exc_info=True)
