"""`kiosk demo`: the README's run command — a hub, two provisioned halls with data, and
hall A's touchscreen, counter and board windows, with the sync agent running inside.

Ctrl+C (SIGINT) or SIGTERM stops everything at any moment: during set-up it interrupts
the step on hand; with the windows up it closes them, stops the print worker and the sync
agent, then the hub. Closing any of the windows does the same.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK
from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.demo.city import (
    DEMO_STAFF,
    HALLS,
    HUB_DB,
    HUB_LOG,
    HUB_START_TIMEOUT_S,
    DemoCity,
    HubDidNotStart,
    HubProcess,
    PortInUse,
    free_port_near,
    port_free,
    prepare,
    sync_all,
)
from kiosk.system.config import Paths
from kiosk.system.logs import setup_logging

DEMO_ROLES = "terminal,counter,board"
EXIT_INTERRUPTED = 128 + signal.SIGINT  # a shell's status for a command stopped by Ctrl+C
# The threads get this long to stop when the windows close (a request in flight is not
# waited for: the agent's thread is a daemon and the hub stops next).
STOP_TIMEOUT_S = 0.5


def cmd_demo(args: argparse.Namespace) -> int:
    city = DemoCity(Path(args.dir).resolve(), args.port)
    if not port_free(city.port):
        return _cannot_start(_port_message(city.port, args.lang), args.lang)
    city.base.mkdir(parents=True, exist_ok=True)
    setup_logging(Paths.resolve(city.base), "demo")  # demo-data/logs/, not the user's dir
    with _interrupt_on_sigterm():
        try:
            status, windows_shown = _run(city, args)
        except KeyboardInterrupt:
            print(translate(N_("The demo stopped."), args.lang), file=sys.stderr)
            return EXIT_INTERRUPTED
    if windows_shown:
        _exit_now(status)
    return status


def _run(city: DemoCity, args: argparse.Namespace) -> tuple[int, bool]:
    """The exit status, and whether the windows were shown."""
    for step in prepare(city):
        print(f"  {step.text(args.lang)}")
    hub = HubProcess(city)
    try:
        try:
            hub.start()
        except PortInUse as exc:
            return _cannot_start(_port_message(exc.port, args.lang), args.lang), False
        except HubDidNotStart as exc:
            return _cannot_start(_hub_message(exc, args.lang), args.lang), False
        for folder, counts in sync_all(city).items():
            print("  " + translate(N_(
                "{folder}: synced, {acked} records acknowledged by the hub, {pulled} received, "
                "{errors} errors"), args.lang).format(folder=folder, **counts))
        _banner(city, args.lang)
        if args.no_windows:
            return EXIT_OK, False
        if not _has_display():
            print(translate(N_("No display: the windows need X or Wayland."), args.lang))
            return EXIT_OK, False
        return _windows(city, args.windowed, args.lang), True
    finally:
        hub.stop()


def _windows(city: DemoCity, windowed: tuple[int, int], language: str) -> int:
    from kiosk.ui.launch import run_role  # noqa: PLC0415 - Qt only when windows open

    print(translate(N_("To stop the demo: Ctrl+C here, or close any of its windows."),
                    language), flush=True)
    # run_role starts the print worker and the sync agent (hall A is provisioned).
    return run_role(city.paths(HALLS[0]), DEMO_ROLES, windowed=windowed, language=language,
                    stop_timeout_s=STOP_TIMEOUT_S)


def _exit_now(status: int) -> NoReturn:
    """End the process as soon as the windows, threads and hub are stopped and every file
    is closed: Python's own finalization of the thousand modules the demo loaded (Qt, the
    hub's SQLAlchemy, httpx) takes a second or two on a busy machine, and Ctrl+C should
    give the prompt back at once. Logs and the console are flushed first."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


@contextmanager
def _interrupt_on_sigterm() -> Iterator[None]:
    """SIGTERM interrupts set-up as Ctrl+C does, so the hub is stopped either way (the
    windows, once up, handle both themselves)."""
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _cannot_start(detail: str, language: str) -> int:
    heading = translate(N_("The demo cannot start:"), language)
    print(f"{heading} {detail}", file=sys.stderr)
    return EXIT_FAILURE


def _port_message(port: int, language: str) -> str:
    message = translate(N_("port {port} is already in use (perhaps by a demo still running). "
                           "Stop that program, or choose another port: kiosk demo --port "
                           "{other} (with make: make demo DEMO_PORT={other})."), language)
    return message.format(port=port, other=free_port_near(port))


def _hub_message(error: HubDidNotStart, language: str) -> str:
    if error.stopped:
        message = translate(N_("the local hub stopped as it started; see {log}."), language)
    else:
        message = translate(N_("the local hub did not answer within {seconds} s; see {log}."),
                            language)
    return message.format(log=error.log, seconds=f"{HUB_START_TIMEOUT_S:.0f}")


def _banner(city: DemoCity, language: str) -> None:
    print(translate(N_("The demo hub: {url}"), language).format(url=city.hub_url))
    files = translate(N_("The demo's files: {dir} (a folder per hall, the hub's {db} and "
                         "{log}, this program's logs/)"), language)
    print(files.format(dir=city.base, db=HUB_DB, log=HUB_LOG))
    print(translate(N_("Counter sign-in (demo staff):"), language))
    for staff_id, name, _role, pin in DEMO_STAFF:
        print(f"  {staff_id} {name}: PIN {pin}")


def _has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or platform not in ("", "offscreen", "minimal"))
