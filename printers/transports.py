"""Where rendered tickets go: ESC/POS printers (USB, serial, network, device), CUPS, files.

Every transport has the same narrow interface: `send(data)` either returns (the printer took
it) or raises PrintFailure with a reason code staff can act on.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from escpos.exceptions import DeviceNotFoundError, USBNotFoundError
from escpos.printer import Serial, Usb


class FailureReason(StrEnum):
    OFFLINE = "offline"  # not connected / unreachable
    PAPER_OUT = "paper_out"
    BUSY = "busy"  # e.g. USB claimed by another process
    TIMEOUT = "timeout"
    INTERRUPTED = "interrupted"  # the program stopped while sending
    RENDER = "render"  # the ticket could not be drawn (e.g. its record is missing)


class PrintFailure(Exception):
    def __init__(self, reason: FailureReason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


class Transport(Protocol):
    """Sends one rendered document; `suffix` tells what it is (.bin ESC/POS, .pdf)."""

    def send(self, data: bytes, suffix: str, name: str) -> None: ...


@dataclass(frozen=True, slots=True)
class FileTransport:
    """Writes each document to a folder (tests, and halls without a printer)."""

    directory: Path

    def send(self, data: bytes, suffix: str, name: str) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            target = self.directory / f"{name}{suffix}"
            with tempfile.NamedTemporaryFile(dir=self.directory, delete=False) as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            Path(handle.name).replace(target)
        except OSError as exc:
            raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc


@dataclass(frozen=True, slots=True)
class NetworkTransport:
    """A network ESC/POS printer (raw TCP, usually port 9100)."""

    host: str
    port: int = 9100
    timeout_s: float = 5.0

    def send(self, data: bytes, suffix: str, name: str) -> None:
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout_s) as sock:
                sock.sendall(data)
        except TimeoutError as exc:
            raise PrintFailure(FailureReason.TIMEOUT, str(exc)) from exc
        except OSError as exc:
            raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc


@dataclass(frozen=True, slots=True)
class DeviceTransport:
    """A printer device node such as /dev/usb/lp0 or a serial port already set up."""

    path: Path

    def send(self, data: bytes, suffix: str, name: str) -> None:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
        except FileNotFoundError as exc:
            raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc
        except OSError as exc:
            raise PrintFailure(FailureReason.BUSY, str(exc)) from exc
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except BlockingIOError as exc:
            raise PrintFailure(FailureReason.BUSY, str(exc)) from exc
        except OSError as exc:
            raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc
        finally:
            os.close(fd)


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
        _send_checked(printer, data)


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
        _send_checked(printer, data)


def _send_checked(printer: Any, data: bytes) -> None:
    """Refuse when a two-way printer reports no paper, then send; always close."""
    try:
        if printer.paper_status() == 0:
            raise PrintFailure(FailureReason.PAPER_OUT)
        printer._raw(data)
    except PrintFailure:
        raise
    except Exception as exc:  # the USB/serial stacks raise many kinds of errors
        raise PrintFailure(FailureReason.TIMEOUT, str(exc)) from exc
    finally:
        printer.close()
