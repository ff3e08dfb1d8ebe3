"""systemd's notify protocol (sd_notify) without a dependency: datagrams to $NOTIFY_SOCKET.

Qt-free; every function returns False (and does nothing) when the process was not started
by systemd with `Type=notify` / `NotifyAccess=`, so it is safe to call anywhere.

    from kiosk.system import sdnotify
    sdnotify.ready()                       # once the window is shown
    interval = sdnotify.watchdog_interval()  # seconds between pings, or None
    if interval:                           # e.g. a QTimer in the GUI thread:
        timer.start(int(interval * 1000))  # timeout -> sdnotify.watchdog()
    sdnotify.stopping()                    # when quitting on purpose

Ping the watchdog from the thread whose hang should restart the service (for a window: the
Qt event loop), at `watchdog_interval()` — half of WatchdogSec, as systemd recommends.
"""

from __future__ import annotations

import os
import socket

NOTIFY_SOCKET = "NOTIFY_SOCKET"
WATCHDOG_USEC = "WATCHDOG_USEC"
WATCHDOG_PID = "WATCHDOG_PID"


def notify(*assignments: str) -> bool:
    """Send `KEY=VALUE` lines (READY=1, WATCHDOG=1, STATUS=…) in one datagram.

    True when the datagram went out; False when not under systemd or the socket is gone.
    """
    address = os.environ.get(NOTIFY_SOCKET, "")
    if not address or not assignments:
        return False
    if address.startswith("@"):  # an abstract socket (Linux)
        address = "\0" + address[1:]
    elif not address.startswith("/"):
        return False  # vsock:… and other kinds are not used for services
    message = "\n".join(assignments).encode("utf-8")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message)
    except OSError:
        return False
    return True


def ready(status: str | None = None) -> bool:
    """The service has started (Type=notify: systemd waits for this)."""
    return notify("READY=1", *([f"STATUS={status}"] if status else []))


def watchdog() -> bool:
    """Still alive: reset the WatchdogSec timer."""
    return notify("WATCHDOG=1")


def status(text: str) -> bool:
    """A one-line status shown by `systemctl status`."""
    return notify(f"STATUS={text}")


def stopping() -> bool:
    """Stopping on purpose (not a crash)."""
    return notify("STOPPING=1")


def reloading() -> bool:
    return notify("RELOADING=1")


def watchdog_interval() -> float | None:
    """Seconds between watchdog pings (half of WatchdogSec), or None when there is no
    watchdog for this process."""
    usec = os.environ.get(WATCHDOG_USEC, "")
    pid = os.environ.get(WATCHDOG_PID, "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if pid and pid != str(os.getpid()):
        return None  # meant for another process (e.g. our parent)
    return int(usec) / 2_000_000
