"""The `kiosk-hub` command: serve the hub, migrate its database, manage terminals.

`--db URL` (or KIOSK_HUB_DB) picks the database: a PostgreSQL URL
(`postgresql://user@host/db`, through psycopg 3) or `sqlite:///FILE`; without either, the
SQLite file `kiosk-hub.sqlite3` in the data directory (the embedded mode). The data
directory (`--data-dir`, KIOSK_HUB_DATA_DIR, else the platform's user data directory; see
`sync.hub.datadir`) also holds the default hub key. Nothing is written to the working
directory.

Messages are in `--lang` (zh_CN default, en); `--json` prints JSON only, errors included
(see `sync.hub.cli_output`). Exit codes: 0 done; 2 bad input; 1 the hub cannot work.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import IntegrityError, OperationalError

from kiosk.core.errors import N_
from kiosk.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from sync import provisioning
from sync.hub.cli_context import database, database_error, hub_key_file, open_engine
from sync.hub.cli_ids import add_ids
from sync.hub.cli_lookups import add_lookups
from sync.hub.cli_output import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, HubError, Output
from sync.hub.database import DB_ENV, KEY_ENV, shown_url
from sync.hub.datadir import DATA_DIR_ENV
from sync.hub.logs import setup_hub_logging
from sync.hub.terminals import (
    HALL_ROLE,
    KINDS,
    ROLES,
    TOUCHSCREEN,
    TerminalInfo,
    add_terminal,
    list_terminals,
    revoke,
    set_kind,
)

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8750
__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILURE", "EXIT_OK", "build_parser", "main"]


class UsageError(Exception):
    """A command line argparse cannot use (raised instead of argparse's exit)."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(self, message)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(words)
    except UsageError as exc:
        return _usage_error(exc, Output(_lang_in(words), "--json" in words))
    out = Output(args.lang, bool(getattr(args, "json", False)))
    setup_hub_logging()  # (serve hands uvicorn the same configuration)
    try:
        return int(args.handler(args, out))
    except HubError as exc:
        return out.fail(exc)
    except OperationalError as exc:
        return out.fail(database_error(args, str(exc.orig)))


def _lang_in(words: list[str]) -> str:
    """The --lang of a command line argparse rejected (for its error message)."""
    for index, word in enumerate(words):
        chosen = word.partition("=")[2] if word.startswith("--lang=") else (
            words[index + 1] if word == "--lang" and index + 1 < len(words) else "")
        if chosen in LANGUAGES:
            return chosen
    return DEFAULT_LANGUAGE


def _usage_error(exc: UsageError, out: Output) -> int:
    """argparse's own messages are English: under --json they are the detail of a
    translated error; otherwise argparse's usual usage line and message."""
    if out.as_json:
        return out.fail(HubError("usage", N_("The command line is not valid; "
                                             "`kiosk-hub --help` lists the options."),
                                 detail=str(exc)))
    exc.parser.print_usage(sys.stderr)
    print(f"{exc.parser.prog}: error: {exc}", file=sys.stderr)
    return EXIT_BAD_INPUT


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kiosk-hub", description="零工驿站 city hub")
    parser.add_argument("--db", default=os.environ.get(DB_ENV),
                        help="database URL (default: SQLite file kiosk-hub.sqlite3 in the "
                             "data directory)")
    parser.add_argument("--data-dir", default=os.environ.get(DATA_DIR_ENV),
                        help="the default database and hub key live here (created mode 0700; "
                             "default: the platform's user data directory)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                        help="language of messages (default zh_CN)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_serve(sub)
    _json_flag(_hub_key_flag(sub.add_parser("migrate", help="bring the database schema up "
                                            "to date (sealing plain ID numbers)"))
               ).set_defaults(handler=cmd_migrate)
    _json_flag(sub.add_parser("stats", help="per hall per day counts, city totals, trades")
               ).set_defaults(handler=cmd_stats)
    _add_terminals(sub)
    assets = sub.add_parser("assets", help="data files every terminal receives (rules, "
                            "catalogue, city notices, policy pages, training courses, "
                            "safety briefings, stop-work notices)").add_subparsers(
        dest="action", required=True)
    publish = assets.add_parser("publish", help="check a JSON file and send it to every hall")
    publish.add_argument("name", choices=("post_rules", "catalogue", "city_notices",
                                          "policy_pages", "training_courses",
                                          "safety_briefings", "stop_work"))
    publish.add_argument("file", help="the JSON file (its version must be newer)")
    _json_flag(publish).set_defaults(handler=cmd_assets_publish)
    _json_flag(assets.add_parser(
        "publish-card-keys", help="send every active terminal's worker-card key to every hall")
    ).set_defaults(handler=cmd_assets_publish_card_keys)
    add_ids(sub, _json_flag, _hub_key_flag)
    add_lookups(sub, _json_flag)
    return parser


def _json_flag(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--json", action="store_true",
                   help="print JSON only (errors too), for scripts")
    return p


def _add_serve(sub: argparse._SubParsersAction[_Parser]) -> None:
    serve = sub.add_parser("serve", help="migrate the database and serve the HTTP API")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT)
    serve.add_argument("--certfile", help="TLS certificate (PEM); with --keyfile serves HTTPS")
    serve.add_argument("--keyfile", help="TLS private key (PEM)")
    serve.add_argument("--workers", type=_positive, default=1,
                       help="server processes, each with its own database connections "
                            "(default 1; about one per core)")
    _hub_key_flag(serve).set_defaults(handler=cmd_serve)


def _hub_key_flag(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--hub-key", default=os.environ.get(KEY_ENV),
                   help="the hub's blind-index key file (default: kiosk-hub.key in the data "
                        "directory; created with mode 0600 when missing). The keyring that "
                        "seals ID numbers lies beside it (kiosk-hub-ids.keyring).")
    return p


def _add_terminals(sub: argparse._SubParsersAction[_Parser]) -> None:
    terminals = sub.add_parser("terminals", help="hall terminals and their tokens")
    actions = terminals.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="register a terminal; prints its provisioning string")
    add.add_argument("--hall", required=True, help="the hall id, e.g. 370104-DDBL")
    add.add_argument("--name", required=True, help="a label, e.g. 'counter 1'")
    add.add_argument("--hall-name", default="", help="the hall's name as workers read it "
                     "(shown when another hall finds one of its workers)")
    add.add_argument("--id", help="the terminal id (default: random)")
    add.add_argument("--hub-url", default=f"http://{DEFAULT_HOST}:{DEFAULT_PORT}",
                     help="the URL terminals reach this hub at")
    add.add_argument("--qr", metavar="FILE.png", help="also write the string as a QR code")
    add.add_argument("--role", choices=ROLES, default=HALL_ROLE,
                     help="hall: a hall's terminal (its own figures and city totals); city: "
                     "the city office's token (every hall's statistics)")
    add.add_argument("--kind", choices=KINDS, default=TOUCHSCREEN,
                     help="what the terminal is: only a staff counter receives the jobs' "
                     "employer contacts (person and phone); default: touchscreen")
    _json_flag(add).set_defaults(handler=cmd_terminals_add)
    kind = actions.add_parser("set-kind", help="say what a terminal is (counter, "
                              "touchscreen, board)")
    kind.add_argument("terminal_id")
    kind.add_argument("--kind", choices=KINDS, required=True)
    _json_flag(kind).set_defaults(handler=cmd_terminals_set_kind)
    listing = actions.add_parser("list", help="terminals, their halls and when last seen")
    _json_flag(listing).set_defaults(handler=cmd_terminals_list)
    rev = actions.add_parser("revoke", help="revoke a terminal's token (it gets 401)")
    rev.add_argument("terminal_id")
    _json_flag(rev).set_defaults(handler=cmd_terminals_revoke)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError("must be 1 to 65535")
    return value


def cmd_serve(args: argparse.Namespace, out: Output) -> int:
    from sync.hub.cli_serve import bind_or_explain, check_tls, run  # noqa: PLC0415

    check_tls(args.certfile, args.keyfile)
    sock = bind_or_explain(args.host, args.port)
    try:
        args.database = database(args)
        key_file = hub_key_file(args)
        scheme = "https" if args.certfile else "http"
        return run(out, sock=sock, key_file=key_file, database=args.database,
                   url=f"{scheme}://{args.host}:{args.port}", workers=args.workers,
                   tls={"ssl_certfile": args.certfile, "ssl_keyfile": args.keyfile})
    finally:
        sock.close()


def cmd_migrate(args: argparse.Namespace, out: Output) -> int:
    open_engine(args).dispose()
    out.done({"ok": True, "database": shown_url(args.database)},
             out.tr(N_("The hub database {database} is up to date."),
                    database=shown_url(args.database)))
    return EXIT_OK


def cmd_terminals_add(args: argparse.Namespace, out: Output) -> int:
    engine = open_engine(args)
    try:
        terminal_id, token = add_terminal(engine, args.hall, args.name, args.id,
                                          role=args.role, hall_name=args.hall_name[:100],
                                          kind=args.kind)
    except IntegrityError as exc:
        raise HubError("terminal_exists", N_("A terminal with the id {terminal} exists "
                                             "already. Choose another --id."),
                       terminal=args.id or "") from exc
    text = provisioning.encode(provisioning.Provisioning(
        hub=args.hub_url, terminal=terminal_id, hall=args.hall, token=token))
    if args.qr:
        _write_qr(args.qr, text, terminal_id)
    out.done({"terminal": terminal_id, "hall": args.hall, "kind": args.kind,
              "provisioning": text}, text)
    return EXIT_OK


def _write_qr(path: str, text: str, terminal_id: str) -> None:
    import qrcode  # noqa: PLC0415

    try:
        qrcode.make(text).save(path)
    except OSError as exc:
        raise HubError("qr", N_("Terminal {terminal} was added, but its QR code cannot be "
                                "written to {path}. Its provisioning string: {provisioning}"),
                       exit_code=EXIT_FAILURE, detail=exc.strerror or str(exc),
                       terminal=terminal_id, path=path, provisioning=text) from exc


def cmd_assets_publish(args: argparse.Namespace, out: Output) -> int:
    from sync.hub.cli_text import publish_file  # noqa: PLC0415

    version = publish_file(open_engine(args), args.name, Path(args.file))
    messages = {"post_rules": N_("Posting rules version {version} are published to every "
                                 "hall."),
                "catalogue": N_("Catalogue version {version} is published to every hall."),
                "city_notices": N_("City notices version {version} are published: each hall "
                                   "shows those for its district."),
                "policy_pages": N_("Policy pages version {version} are published to every "
                                   "hall."),
                "training_courses": N_("Training courses version {version} are published: "
                                       "each hall shows those for its district."),
                "safety_briefings": N_("Safety briefings version {version} are published to "
                                       "every hall."),
                "stop_work": N_("Stop-work notices version {version} are published: each "
                                "hall shows those for its district while they hold.")}
    out.done({"ok": True, "asset": args.name, "version": version},
             out.tr(messages[args.name], version=version))
    return EXIT_OK


def cmd_assets_publish_card_keys(args: argparse.Namespace, out: Output) -> int:
    from kiosk.core.assets import AssetProblem  # noqa: PLC0415
    from sync.hub.card_keys import card_keys_data, publish_card_keys  # noqa: PLC0415

    engine = open_engine(args)
    try:
        version = publish_card_keys(engine)
    except AssetProblem as exc:
        raise HubError("asset", N_("The terminals' card keys cannot be published."),
                       detail=str(exc)) from exc
    count = len(card_keys_data(engine)["keys"])  # type: ignore[arg-type]
    out.done({"ok": True, "asset": "card_keys", "version": version, "terminals": count},
             out.tr(N_("Card keys version {version} ({count} terminals) are published to "
                       "every hall."), version=version, count=count))
    return EXIT_OK


def cmd_terminals_list(args: argparse.Namespace, out: Output) -> int:
    from sync.hub.cli_text import terminal_lines  # noqa: PLC0415

    rows: list[TerminalInfo] = list_terminals(open_engine(args))
    out.done([asdict(r) for r in rows], terminal_lines(rows, out))
    return EXIT_OK


def cmd_terminals_revoke(args: argparse.Namespace, out: Output) -> int:
    if not revoke(open_engine(args), args.terminal_id):
        raise HubError("no_terminal", N_("There is no active terminal {terminal}; "
                                         "`kiosk-hub terminals list` shows them."),
                       terminal=args.terminal_id)
    out.done({"ok": True, "terminal": args.terminal_id, "revoked": True},
             out.tr(N_("Terminal {terminal} is revoked: its token is refused from now on."),
                    terminal=args.terminal_id))
    return EXIT_OK


def cmd_terminals_set_kind(args: argparse.Namespace, out: Output) -> int:
    from sync.hub.cli_text import KIND_LABELS  # noqa: PLC0415

    if not set_kind(open_engine(args), args.terminal_id, args.kind):
        raise HubError("no_terminal", N_("There is no active terminal {terminal}; "
                                         "`kiosk-hub terminals list` shows them."),
                       terminal=args.terminal_id)
    out.done({"ok": True, "terminal": args.terminal_id, "kind": args.kind},
             out.tr(N_("Terminal {terminal} is now a {kind}."), terminal=args.terminal_id,
                    kind=out.tr(KIND_LABELS[args.kind])))
    return EXIT_OK


def cmd_stats(args: argparse.Namespace, out: Output) -> int:
    from sync.hub.cli_text import stats_lines  # noqa: PLC0415
    from sync.hub.stats import city_stats  # noqa: PLC0415

    engine = open_engine(args)
    with engine.connect() as conn:
        stats = city_stats(conn)
    out.done(stats, stats_lines(stats, out))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
