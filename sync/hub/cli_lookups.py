"""`kiosk-hub lookups`: the city reads its audit of worker lookups (who looked a worker up,
or what a hall looked up, in a date range) and deletes what is older than its retention
(see `sync.hub.lookup_audit`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from kiosk.core.errors import N_
from sync.hub.cli_context import open_engine
from sync.hub.cli_output import EXIT_OK, HubError, Output
from sync.hub.lookup_audit import (
    MIN_RETENTION_DAYS,
    RETENTION_ENV,
    Lookup,
    lookups,
    purge,
    retention_days,
)

Flag = Callable[[argparse.ArgumentParser], argparse.ArgumentParser]
BY = {"id_number": N_("by ID number"), "card": N_("by worker card")}


def add_lookups(sub: Any, json_flag: Flag) -> None:
    p = sub.add_parser("lookups", help="the audit of worker lookups: who looked a worker up, "
                       "what a hall looked up; --purge deletes what is past its retention")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--worker", help="the lookups that showed this worker (their id)")
    which.add_argument("--hall", help="the lookups this hall's terminals made")
    p.add_argument("--purge", action="store_true", help="delete the lookups older than "
                       f"--older-than days (default: {RETENTION_ENV}, else 365)")
    p.add_argument("--since", help="from this day (YYYY-MM-DD, UTC), included")
    p.add_argument("--until", help="to this day (YYYY-MM-DD, UTC), included")
    p.add_argument("--older-than", help="with --purge: the retention in days "
                   f"(at least {MIN_RETENTION_DAYS})")
    json_flag(p).set_defaults(handler=cmd_lookups)


def cmd_lookups(args: argparse.Namespace, out: Output) -> int:
    if args.purge:
        return _purge(args, out)
    if args.older_than is not None:
        raise HubError("older_than_alone", N_("--older-than goes with --purge."))
    since, until = _day(args.since, "--since"), _day(args.until, "--until")
    if args.worker is None and args.hall is None and since is None and until is None:
        raise HubError("lookups_which", N_(
            "Say which lookups: --worker ID, --hall HALL, or a date range (--since, "
            "--until)."))
    if since is not None and until is not None and since > until:
        raise HubError("empty_range", N_("--since must not be after --until."))
    with open_engine(args).connect() as conn:
        found = lookups(conn, worker_id=args.worker, hall_id=args.hall, since=since,
                        until=until)
    out.done([f.to_json() for f in found], "\n".join(_line(f, out) for f in found)
             or out.tr(N_("No lookup matches.")))
    return EXIT_OK


def _line(found: Lookup, out: Output) -> str:
    terminal = found.terminal_id + (f" ({found.terminal_name})" if found.terminal_name else "")
    shown = found.worker_id or out.tr(N_("nobody shown"))
    return out.tr(N_("{at}  hall {hall}  terminal {terminal}  {by}  → {shown}"),
                  at=found.at, hall=found.hall_id, terminal=terminal,
                  by=out.tr(BY.get(found.by, found.by)), shown=shown)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise HubError("bad_day", N_("{option} must be a day such as 2026-12-01."),
                       option=option) from exc


def _purge(args: argparse.Namespace, out: Output) -> int:
    if args.worker is not None or args.hall is not None or args.since or args.until:
        raise HubError("purge_alone", N_("--purge deletes by age only (--older-than)."))
    try:
        days = retention_days() if args.older_than is None else int(args.older_than)
    except ValueError as exc:
        raise HubError("bad_retention", N_("The retention must be a whole number of days."),
                       ) from exc
    if days < MIN_RETENTION_DAYS:
        raise HubError("retention_too_short", N_(
            "Keep the lookups at least {days} days: a hall may keep a worker's copy that "
            "long, and the audit names the halls a deletion at the worker's request must "
            "reach."), days=MIN_RETENTION_DAYS)
    with open_engine(args).begin() as conn:
        count, cutoff = purge(conn, days)
    out.done({"ok": True, "deleted": count, "older_than_days": days, "before": cutoff},
             out.tr(N_("{count} lookups made before {before} were deleted."),
                    count=count, before=cutoff))
    return EXIT_OK
