"""`kiosk demo`: the README's run command — a hub, two provisioned halls with data, and
hall A's touchscreen, counter and board windows, with the sync agent running inside."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK
from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.demo.city import DEMO_STAFF, HALLS, DemoCity, HubProcess, prepare, sync_all

DEMO_ROLES = "terminal,counter,board"


def cmd_demo(args: argparse.Namespace) -> int:
    city = DemoCity(Path(args.dir).resolve(), args.port)
    for step in prepare(city):
        print(f"  {step}")
    hub = HubProcess(city)
    try:
        hub.start()
    except RuntimeError as exc:
        heading = translate(N_("The demo cannot start:"), args.lang)
        print(f"{heading} {exc}", file=sys.stderr)
        return EXIT_FAILURE
    try:
        for folder, counts in sync_all(city).items():
            print(f"  {folder}: sync {counts}")
        _banner(city, args.lang)
        if args.no_windows:
            return EXIT_OK
        if not _has_display():
            print(translate(N_("No display: the windows need X or Wayland."), args.lang))
            return EXIT_OK
        return _windows(city, args.windowed, args.lang)
    finally:
        hub.stop()


def _windows(city: DemoCity, windowed: tuple[int, int], language: str) -> int:
    from kiosk.ui.launch import run_role  # noqa: PLC0415 - Qt only when windows open

    # run_role starts the print worker and the sync agent (hall A is provisioned).
    return run_role(city.paths(HALLS[0]), DEMO_ROLES, windowed=windowed, language=language)


def _banner(city: DemoCity, language: str) -> None:
    print(translate(N_("The demo hub: {url}"), language).format(url=city.hub_url))
    print(translate(N_("Counter sign-in (demo staff):"), language))
    for staff_id, name, _role, pin in DEMO_STAFF:
        print(f"  {staff_id} {name}: PIN {pin}")


def _has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or platform not in ("", "offscreen", "minimal"))
