"""`kiosk staff add|list|set-pin`: the counter staff of this terminal.

A PIN is never an argument (it would stay in the shell's history and the process list):
it is asked for twice on the terminal, or read from the first line of standard input with
`--pin-stdin` (scripts, provisioning tools).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.app import App
from kiosk.cli.common import EXIT_OK, BadInput, emit, run_with_app
from kiosk.cli.labels import label_of
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.i18n import translate
from kiosk.core.staff import StaffMember, StaffRole
from kiosk.services.staff import StaffAccounts


def cmd_staff_add(args: argparse.Namespace) -> int:
    pin = _read_pin(args)

    def add(app: App) -> StaffMember:
        return _done(StaffAccounts(app.services).add(
            args.staff_id, args.name, StaffRole(args.role), pin))
    member = run_with_app(args, add)
    emit(args, _row(member), translate(N_("Staff member {id} added."), args.lang).format(
        id=member.id))
    return EXIT_OK


def cmd_staff_set_pin(args: argparse.Namespace) -> int:
    pin = _read_pin(args)
    member = run_with_app(args, lambda app: _done(
        StaffAccounts(app.services).set_pin(args.staff_id, pin)))
    emit(args, _row(member), translate(N_("New PIN set for {id}."), args.lang).format(
        id=member.id))
    return EXIT_OK


def cmd_staff_list(args: argparse.Namespace) -> int:
    members = run_with_app(args, lambda app: StaffAccounts(app.services).members())
    rows = [_row(m) for m in members]
    inactive = translate(N_("(inactive)"), args.lang)
    lines = ["\t".join([str(r["id"]), str(r["name"]), label_of(str(r["role"]), args.lang)]
                       + ([] if r["active"] else [inactive])) for r in rows]
    empty = translate(N_("No staff yet: `kiosk staff add` adds one."), args.lang)
    emit(args, rows, "\n".join(lines) or empty)
    return EXIT_OK


def _read_pin(args: argparse.Namespace) -> str:
    if args.pin_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass(translate(N_("PIN: "), args.lang))
    if getpass.getpass(translate(N_("The PIN again: "), args.lang)) != first:
        raise BadInput([FieldError("pin", "pin_mismatch", N_(
            "The two PINs are not the same."))])
    return first


def _done(result: object) -> StaffMember:
    if isinstance(result, Err):
        raise BadInput(result.errors)
    member = getattr(result, "value", None)
    assert isinstance(member, StaffMember)
    return member


def _row(member: StaffMember) -> dict[str, object]:
    return {"id": member.id, "name": member.name, "role": member.role.value,
            "active": member.active, "locked_until": member.locked_until}
