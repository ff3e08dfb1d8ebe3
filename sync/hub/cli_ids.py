"""`kiosk-hub ids …`: the sealed ID numbers. `disclose` opens one for a documented city
function and records it; `disclosures` lists those records; `rotate` seals every number
under a new key (see `sync.hub.sealing`)."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from typing import Any

from kiosk.core.errors import N_
from sync.hub.cli_context import hub_key_file, open_engine
from sync.hub.cli_output import EXIT_FAILURE, EXIT_OK, HubError, Output
from sync.hub.cli_serve import hub_keys
from sync.hub.disclosure import (
    Disclosed,
    IncompleteRequest,
    NothingToDisclose,
    Request,
    disclose,
    disclosure_log,
)
from sync.hub.sealed_ids import reseal
from sync.hub.sealing import CannotUnseal, add_key, keyring_path
from sync.hub.terminals import now_text

Flag = Callable[[argparse.ArgumentParser], argparse.ArgumentParser]


def add_ids(sub: Any, json_flag: Flag, key_flag: Flag) -> None:
    ids = sub.add_parser("ids", help="sealed ID numbers: audited disclosure, key rotation")
    actions = ids.add_subparsers(dest="action", required=True)
    show = actions.add_parser("disclose", help="open one worker's ID number for a city "
                              "function (recorded in the disclosure log)")
    which = show.add_mutually_exclusive_group(required=True)
    which.add_argument("--worker", help="the worker's id")
    which.add_argument("--complaint", help="a complaint's number: its complainant")
    show.add_argument("--requested-by", required=True,
                      help="who asks, e.g. 市劳动保障监察支队 王科长")
    show.add_argument("--reason", required=True, help="why, e.g. 欠薪案件调查")
    show.add_argument("--case", default="", help="the case or letter reference")
    show.add_argument("--operator", default=_login(),
                      help="who runs this command (default: the login name)")
    json_flag(key_flag(show)).set_defaults(handler=cmd_ids_disclose)
    log = actions.add_parser("disclosures", help="every time a number was opened")
    json_flag(log).set_defaults(handler=cmd_ids_disclosures)
    rotate = actions.add_parser("rotate", help="add a new key and seal every number with it")
    json_flag(key_flag(rotate)).set_defaults(handler=cmd_ids_rotate)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def cmd_ids_disclose(args: argparse.Namespace, out: Output) -> int:
    keys = hub_keys(hub_key_file(args)).ids
    request = Request(args.requested_by, args.reason, args.case, args.operator)
    with open_engine(args).begin() as conn:
        try:
            found = disclose(conn, keys, request, at=now_text(), worker_id=args.worker,
                             complaint_number=args.complaint)
        except IncompleteRequest as exc:
            raise HubError("incomplete_request", N_(
                "Say who asks (--requested-by), why (--reason) and who runs this "
                "(--operator): an ID number is opened only with a record of all three."),
            ) from exc
        except NothingToDisclose as exc:
            raise HubError("nothing_to_disclose", N_(
                "There is no ID number for {what}: no such worker or complaint, or the "
                "worker's data was deleted at their request."),
                what=args.worker or args.complaint) from exc
        except CannotUnseal as exc:
            raise HubError("cannot_unseal", N_(
                "The sealed ID number cannot be opened with the keyring {path}: restore "
                "the keyring from the backup."), exit_code=EXIT_FAILURE, detail=str(exc),
                path=str(keyring_path(hub_key_file(args)))) from exc
    out.done(_disclosed_json(found), "\n".join([
        out.pair(out.tr(N_("Worker")), f"{found.name} ({found.worker_id})"),
        out.pair(out.tr(N_("Registered at hall")), found.hall_id),
        out.pair(out.tr(N_("ID number")), found.id_number),
        out.tr(N_("This disclosure is recorded: `kiosk-hub ids disclosures` lists it."))]))
    return EXIT_OK


def _disclosed_json(found: Disclosed) -> dict[str, str]:
    return {"worker": found.worker_id, "hall": found.hall_id, "name": found.name,
            "id_number": found.id_number}


def cmd_ids_disclosures(args: argparse.Namespace, out: Output) -> int:
    with open_engine(args).connect() as conn:
        rows = disclosure_log(conn)
    lines = [f"{r['at']}  {r['worker_id']}  {r['requested_by']}  {r['reason']}  "
             f"{r['case_ref']}  {r['operator']}" for r in rows]
    out.done(rows, "\n".join(lines) or out.tr(N_("No ID number has been disclosed.")))
    return EXIT_OK


def cmd_ids_rotate(args: argparse.Namespace, out: Output) -> int:
    key_file = hub_key_file(args)
    hub_keys(key_file)  # a damaged keyring is reported before anything is added to it
    keys = add_key(keyring_path(key_file))
    with open_engine(args).begin() as conn:
        count = reseal(conn, keys)
    out.done({"ok": True, "key": keys.current, "resealed": count},
             out.tr(N_("Key {key} seals the ID numbers from now on; {count} numbers were "
                       "sealed again with it. Restart the hub so that it seals with the new "
                       "key too. Keep the older keys in the keyring for backups made "
                       "before."), key=keys.current, count=count))
    return EXIT_OK
