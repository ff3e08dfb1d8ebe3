"""Is a printer there, and has it paper? Asked without printing anything (`kiosk doctor`).

`probe(transport)` answers for every transport in printers.transports: a PaperState when
the printer is reachable (UNKNOWN when it cannot tell, e.g. a one-way device node), or a
PrintFailure with the same reasons printing uses. A transport of another kind (a test's
stand-in for a USB printer) answers through its own `probe()` method.

Paper status is ESC/POS real-time status `DLE EOT 4` (roll paper sensor): bits 2–3 set
mean near end, bits 5–6 set mean out; fixed bits 1 and 4 are always set (0x12 = paper ok).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import socket
import subprocess
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from escpos.constants import RT_STATUS_PAPER
from escpos.exceptions import DeviceNotFoundError, USBNotFoundError
from escpos.printer import Serial, Usb

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

PAPER_OUT_BITS = 0x60
PAPER_LOW_BITS = 0x0C
STATUS_FIXED_BITS = 0x12
PROBE_TIMEOUT_S = 3.0


class PaperState(StrEnum):
    OK = "ok"
    LOW = "low"  # near the end of the roll
    OUT = "out"
    UNKNOWN = "unknown"  # the printer is there but cannot say (or does not need paper)


@runtime_checkable
class Probeable(Protocol):
    def probe(self) -> PaperState: ...


def paper_state(status: int) -> PaperState:
    """The answer byte to `DLE EOT 4`."""
    if status & STATUS_FIXED_BITS != STATUS_FIXED_BITS or status & 0x81:
        return PaperState.UNKNOWN  # not a status byte
    if status & PAPER_OUT_BITS:
        return PaperState.OUT
    if status & PAPER_LOW_BITS:
        return PaperState.LOW
    return PaperState.OK


def probe(transport: Transport, timeout_s: float = PROBE_TIMEOUT_S) -> PaperState:
    """Reach the printer and ask for its paper; raises PrintFailure when it is not there."""
    if isinstance(transport, Probeable):
        return transport.probe()
    for kind, ask in _PROBES:
        if isinstance(transport, kind):
            return ask(transport, timeout_s)
    raise TypeError(f"cannot probe a {type(transport).__name__}")


def _probe_folder(directory: Path) -> PaperState:
    """A folder printer is there when the folder exists (or can be made) and is writable."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc
    if not os.access(directory, os.W_OK | os.X_OK):
        raise PrintFailure(FailureReason.OFFLINE, f"{directory} is not writable")
    return PaperState.UNKNOWN


def _probe_network(host: str, port: int, timeout_s: float) -> PaperState:
    try:
        with socket.create_connection((host, port), timeout=timeout_s) as sock:
            sock.sendall(RT_STATUS_PAPER)
            try:
                answer = sock.recv(1)
            except TimeoutError:
                return PaperState.UNKNOWN  # reachable, but it does not report status
    except TimeoutError as exc:
        raise PrintFailure(FailureReason.TIMEOUT, str(exc)) from exc
    except OSError as exc:
        raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc
    return paper_state(answer[0]) if answer else PaperState.UNKNOWN


def _probe_device(path: Path) -> PaperState:
    """The node is there and a printer answers opening it (ENXIO/ENODEV: unplugged)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        gone = exc.errno in (errno.ENOENT, errno.ENXIO, errno.ENODEV)
        raise PrintFailure(FailureReason.OFFLINE if gone else FailureReason.BUSY,
                           str(exc)) from exc
    os.close(fd)
    return PaperState.UNKNOWN


def _probe_usb(transport: EscposUsbTransport) -> PaperState:
    try:
        printer = Usb(transport.vendor_id, transport.product_id, timeout=transport.timeout_ms)
        printer.open()
    except (DeviceNotFoundError, USBNotFoundError) as exc:
        raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc
    except Exception as exc:  # libusb: claimed by another process, permissions
        raise PrintFailure(FailureReason.BUSY, str(exc)) from exc
    return _escpos_paper(printer, lambda: printer.query_status(RT_STATUS_PAPER))


def _probe_serial(transport: EscposSerialTransport, timeout_s: float) -> PaperState:
    try:
        printer = Serial(devfile=transport.device, baudrate=transport.baudrate,
                         timeout=min(timeout_s, transport.timeout_s))
        printer.open()
    except Exception as exc:  # pyserial: missing device, permissions, in use
        raise PrintFailure(FailureReason.OFFLINE, str(exc)) from exc

    def ask() -> bytes:
        printer._raw(RT_STATUS_PAPER)
        return bytes(printer.device.read(1))
    return _escpos_paper(printer, ask)


def _escpos_paper(printer: Any, ask: Callable[[], bytes]) -> PaperState:
    try:
        answer = ask()
    except Exception as exc:
        raise PrintFailure(FailureReason.TIMEOUT, str(exc)) from exc
    finally:
        with contextlib.suppress(Exception):  # the answer (or its failure) is what counts
            printer.close()
    return paper_state(answer[0]) if answer else PaperState.UNKNOWN


def _probe_cups(queue: str, timeout_s: float) -> PaperState:
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        raise PrintFailure(FailureReason.OFFLINE, "lpstat (CUPS client) is not installed")
    try:
        result = subprocess.run([lpstat, "-p", queue], capture_output=True, timeout=timeout_s,
                                check=False)
    except subprocess.TimeoutExpired as exc:
        raise PrintFailure(FailureReason.TIMEOUT, "lpstat did not answer") from exc
    text = result.stdout.decode(errors="replace")
    if result.returncode != 0 or "disabled" in text:
        detail = (result.stderr.decode(errors="replace") or text).strip()
        raise PrintFailure(FailureReason.OFFLINE, detail)
    return PaperState.UNKNOWN


_PROBES: tuple[tuple[type[Any], Callable[[Any, float], PaperState]], ...] = (
    (FileTransport, lambda t, _s: _probe_folder(t.directory)),
    (NetworkTransport, lambda t, s: _probe_network(t.host, t.port, s)),
    (DeviceTransport, lambda t, _s: _probe_device(t.path)),
    (EscposUsbTransport, lambda t, _s: _probe_usb(t)),
    (EscposSerialTransport, _probe_serial),
    (CupsTransport, lambda t, s: _probe_cups(t.queue, s)),
)
