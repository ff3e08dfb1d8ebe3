"""The `kiosk-hub` command: serve the hub, migrate its database, manage terminals.

`--db URL` (or KIOSK_HUB_DB) picks the database: a PostgreSQL URL
(`postgresql://user@host/db`, through psycopg 3) or `sqlite:///FILE`; without either, the
SQLite file `kiosk-hub.sqlite3` in the data directory (the embedded mode). The data
directory (`--data-dir`, KIOSK_HUB_DATA_DIR, else the platform's user data directory; see
`sync.hub.datadir`) also holds the default hub key. Nothing is written to the working
directory.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from sync import provisioning
from sync.hub.database import DB_ENV, KEY_ENV, database_url, make_engine, migrate
from sync.hub.datadir import DATA_DIR_ENV, ensure_private_dir, resolve_data_dir
from sync.hub.identity import DEFAULT_KEY_FILE, load_or_create_key
from sync.hub.terminals import add_terminal, list_terminals, revoke

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8750
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except OperationalError as exc:
        print(f"kiosk-hub: cannot use the database: {exc.orig}", file=sys.stderr)
        return EXIT_FAILURE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk-hub", description="零工驿站 city hub")
    parser.add_argument("--db", default=os.environ.get(DB_ENV),
                        help="database URL (default: SQLite file kiosk-hub.sqlite3 in the "
                             "data directory)")
    parser.add_argument("--data-dir", default=os.environ.get(DATA_DIR_ENV),
                        help="the default database and hub key live here (created mode 0700; "
                             "default: the platform's user data directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", help="migrate the database and serve the HTTP API")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--certfile", help="TLS certificate (PEM); with --keyfile serves HTTPS")
    serve.add_argument("--keyfile", help="TLS private key (PEM)")
    serve.add_argument("--hub-key", default=os.environ.get(KEY_ENV),
                       help="the hub's blind-index key file (default: kiosk-hub.key in "
                            "the data directory; created with mode 0600 when missing)")
    serve.add_argument("--workers", type=_positive, default=1,
                       help="server processes, each with its own database connections "
                            "(default 1; about one per core)")
    serve.set_defaults(handler=cmd_serve)
    sub.add_parser("migrate", help="bring the database schema up to date").set_defaults(
        handler=cmd_migrate)
    stats = sub.add_parser("stats", help="per hall per day counts, city totals, trades")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=cmd_stats)
    _add_terminals(sub)
    assets = sub.add_parser("assets", help="data files every terminal receives (rules, "
                            "catalogue)").add_subparsers(dest="action", required=True)
    publish = assets.add_parser("publish", help="check a JSON file and send it to every hall")
    publish.add_argument("name", choices=("post_rules", "catalogue"))
    publish.add_argument("file", help="the JSON file (its version must be newer)")
    publish.set_defaults(handler=cmd_assets_publish)
    return parser


def _add_terminals(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    terminals = sub.add_parser("terminals", help="hall terminals and their tokens")
    actions = terminals.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="register a terminal; prints its provisioning string")
    add.add_argument("--hall", required=True, help="the hall id, e.g. 370104-DDBL")
    add.add_argument("--name", required=True, help="a label, e.g. 'counter 1'")
    add.add_argument("--id", help="the terminal id (default: random)")
    add.add_argument("--hub-url", default=f"http://{DEFAULT_HOST}:{DEFAULT_PORT}",
                     help="the URL terminals reach this hub at")
    add.add_argument("--qr", metavar="FILE.png", help="also write the string as a QR code")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_terminals_add)
    listing = actions.add_parser("list", help="terminals, their halls and when last seen")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_terminals_list)
    rev = actions.add_parser("revoke", help="revoke a terminal's token (it gets 401)")
    rev.add_argument("terminal_id")
    rev.set_defaults(handler=cmd_terminals_revoke)


def _data_dir(args: argparse.Namespace) -> Path:
    """The data directory, created (0700) on first use: only when a default is used."""
    return ensure_private_dir(resolve_data_dir(args.data_dir))


def _engine(args: argparse.Namespace) -> Engine:
    engine = make_engine(database_url(args.db) if args.db else
                         database_url(None, _data_dir(args)))
    migrate(engine)
    return engine


def cmd_serve(args: argparse.Namespace) -> int:
    from sync.hub.app import create_app  # noqa: PLC0415 - only the server needs these
    from sync.hub.serve import serve, serve_workers  # noqa: PLC0415

    if bool(args.certfile) != bool(args.keyfile):
        print("kiosk-hub: give both --certfile and --keyfile, or neither", file=sys.stderr)
        return EXIT_BAD_INPUT
    key_file = (Path(args.hub_key).resolve() if args.hub_key
                else _data_dir(args) / DEFAULT_KEY_FILE)
    key = load_or_create_key(key_file)  # created once, before any worker starts
    engine = _engine(args)  # migrated once, too
    options = {"host": args.host, "port": args.port, "ssl_certfile": args.certfile,
               "ssl_keyfile": args.keyfile}
    if args.workers == 1:
        serve(create_app(engine, hub_key=key), **options)
        return EXIT_OK
    engine.dispose()
    os.environ.update({DB_ENV: engine.url.render_as_string(hide_password=False),
                       KEY_ENV: str(key_file)})
    serve_workers(args.workers, **options)
    return EXIT_OK


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def cmd_migrate(args: argparse.Namespace) -> int:
    _engine(args).dispose()
    print("kiosk-hub: database is up to date")
    return EXIT_OK


def cmd_terminals_add(args: argparse.Namespace) -> int:
    engine = _engine(args)
    try:
        terminal_id, token = add_terminal(engine, args.hall, args.name, args.id)
    except IntegrityError:
        print(f"kiosk-hub: terminal {args.id} exists already", file=sys.stderr)
        return EXIT_BAD_INPUT
    text = provisioning.encode(provisioning.Provisioning(
        hub=args.hub_url, terminal=terminal_id, hall=args.hall, token=token))
    if args.qr:
        import qrcode  # noqa: PLC0415

        qrcode.make(text).save(args.qr)
    if args.json:
        print(json.dumps({"terminal": terminal_id, "hall": args.hall, "provisioning": text}))
    else:
        print(text)
    return EXIT_OK


def cmd_assets_publish(args: argparse.Namespace) -> int:
    from kiosk.core.assets import AssetProblem  # noqa: PLC0415
    from sync.hub.assets import publish  # noqa: PLC0415

    try:
        data = json.loads(Path(args.file).read_text("utf-8"))
        version = publish(_engine(args), args.name, data)
    except (OSError, ValueError) as exc:  # AssetProblem is a ValueError
        reason = exc if isinstance(exc, AssetProblem) else f"cannot read {args.file}: {exc}"
        print(f"kiosk-hub: {reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"kiosk-hub: {args.name} version {version} published to every hall")
    return EXIT_OK


def cmd_terminals_list(args: argparse.Namespace) -> int:
    rows = list_terminals(_engine(args))
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rows:
        state = "revoked " + (r.revoked_at or "") if r.revoked_at else "active"
        print(f"{r.id:<12} {r.hall_id:<16} {r.name:<20} last seen {r.last_seen_at or '-'}"
              f"  {state}")
    return EXIT_OK


def cmd_terminals_revoke(args: argparse.Namespace) -> int:
    if not revoke(_engine(args), args.terminal_id):
        print(f"kiosk-hub: no active terminal {args.terminal_id}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"kiosk-hub: revoked {args.terminal_id}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from sync.hub.stats import METRICS, city_stats  # noqa: PLC0415

    engine = _engine(args)
    with engine.connect() as conn:
        stats = city_stats(conn)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{'hall':<16} {'day':<10} " + " ".join(f"{m:>13}" for m in METRICS))
    for row in stats["per_hall_day"]:
        print(f"{row['hall']:<16} {row['day']:<10} "
              + " ".join(f"{row[m]:>13}" for m in METRICS))
    print(f"{'city':<27} " + " ".join(f"{stats['city'][m]:>13}" for m in METRICS))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
