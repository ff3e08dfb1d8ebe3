"""The `kiosk` command: set up a terminal, seed demo data, inspect it, add records.

Exit codes: 0 done; 2 bad input (a clear message, nothing written); 1 the terminal cannot
work (no config, damaged database) with a message saying what to do.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from datetime import date, time
from typing import Any, TypeVar

from kiosk import __version__
from kiosk.app import App
from kiosk.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_OK,
    BadInput,
    emit,
    run_with_app,
)
from kiosk.cli.labels import counts_text, label_of
from kiosk.core.catalogue import Catalogue, Certificate, Trade, load_catalogue
from kiosk.core.codec import to_payload
from kiosk.core.drafts import EmployerDraft, JobDraft, WorkerDraft
from kiosk.core.errors import N_, Err, FieldError, Ok, Result
from kiosk.core.hazards import GEAR_NAMES, HAZARD_NAMES, HAZARD_SHORT, INSURANCE_NAMES
from kiosk.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from kiosk.core.privacy import mask_phone
from kiosk.core.records import JobPost, ReferralOrigin
from kiosk.demo.seed import seed_demo
from kiosk.store.backup import backup_path, daily_backup
from kiosk.store.errors import StoreError
from kiosk.store.store import Store
from kiosk.system.config import ConfigError, Paths, default_config, load_or_create_key, write_config
from kiosk.system.logs import setup_logging

T = TypeVar("T")

EARLY_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    language = args.lang
    _start_logging(args)
    try:
        return int(args.handler(args))
    except BadInput as exc:
        _report_errors(exc.errors, language, as_json=getattr(args, "json", False))
        return EXIT_BAD_INPUT
    except (ConfigError, StoreError) as exc:
        _report_failure(exc, language, as_json=getattr(args, "json", False))
        return EXIT_FAILURE
    except BrokenPipeError:  # the reader went away (`kiosk status | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE


def _report_failure(exc: ConfigError | StoreError, language: str, *, as_json: bool) -> None:
    """Why the terminal cannot work: JSON on stdout with --json, else a line on stderr."""
    def detail(lang: str) -> str:
        return exc.text(lang)
    if as_json:
        print(json.dumps({"ok": False, "error": detail(language), "error_en": detail("en")},
                         ensure_ascii=False, indent=2))
        return
    heading = translate(N_("The terminal cannot start:"), language)
    print(f"{heading} {detail(language)}", file=sys.stderr)


def _start_logging(args: argparse.Namespace) -> None:
    """JSON lines in the data dir's logs/, one file per command (per role for `run`),
    scrubbed of personal data (kiosk.system.logs)."""
    name = f"run-{args.role.replace(',', '+')}" if args.command == "run" else args.command
    setup_logging(Paths.resolve(args.data_dir), name)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="零工驿站 hall terminal")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("--data-dir", help="keep config, database, key and backups here")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                        help="language of messages (default zh_CN)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_init(sub)
    seed = sub.add_parser("seed-demo", help="add realistic demo workers, employers and jobs")
    seed.add_argument("--workers", type=int, default=300)
    seed.add_argument("--jobs", type=int, default=80)
    seed.add_argument("--seed", type=int, default=2026)
    _json_flag(seed).set_defaults(handler=cmd_seed_demo)
    status = sub.add_parser("status", help="counts per record type and the sync outbox")
    _json_flag(status).set_defaults(handler=cmd_status)
    backup = sub.add_parser("backup", help="write a consistent backup of the database now")
    _json_flag(backup).set_defaults(handler=cmd_backup)
    expire = sub.add_parser("expire-copies", help="remove the copies of other halls' workers "
                            "unused here for [privacy] city_copy_days (the sync does it too)")
    _json_flag(expire).set_defaults(handler=cmd_expire_copies)
    _add_worker(sub)
    _add_job(sub)
    _add_refer(sub)
    _add_printing(sub)
    _add_sync(sub)
    _add_run(sub)
    _add_check_post(sub)
    _add_scan(sub)
    _add_config(sub)
    _add_report(sub)
    _add_doctor(sub)
    _add_demo(sub)
    _add_staff(sub)
    _add_restore(sub)
    return parser


def _json_flag(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    return p


def _add_init(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="create the configuration, key and database")
    p.add_argument("--terminal-id", help="this terminal's short id (default: random)")
    p.add_argument("--force", action="store_true", help="replace an existing configuration")
    _json_flag(p).set_defaults(handler=cmd_init)


def _add_worker(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    worker = sub.add_parser("worker", help="workers").add_subparsers(dest="action", required=True)
    p = worker.add_parser("add", help="register a worker (staff confirm the worker's consent)")
    p.add_argument("--name", required=True)
    p.add_argument("--id-number", required=True)
    p.add_argument("--phone", required=True)
    p.add_argument("--trade", action="append", default=[], help="code or name; repeatable")
    p.add_argument("--certificate", action="append", default=[], help="code or name")
    p.add_argument("--intention", action="append", default=[],
                   help="daily, hourly, seasonal or long_term")
    p.add_argument("--area", action="append", default=[])
    p.add_argument("--available-from", type=_date_arg)
    p.add_argument("--skills", default="")
    p.add_argument("--low-income", action="store_true")
    p.add_argument("--disabled", action="store_true")
    p.add_argument("--consent", action="store_true",
                   help="the worker agreed to the collection of the ID number")
    p.add_argument("--print-card", action="store_true", help="queue the worker card for printing")
    _json_flag(p).set_defaults(handler=cmd_worker_add)


def _add_job(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    job = sub.add_parser("job", help="job posts").add_subparsers(dest="action", required=True)
    p = job.add_parser("add", help="post a job (for a known or a new employer)")
    p.add_argument("--employer-id")
    p.add_argument("--employer-name")
    p.add_argument("--employer-phone", default="")
    p.add_argument("--employer-kind", choices=("company", "individual"), default="individual")
    p.add_argument("--uscc", default="", help="统一社会信用代码 (companies)")
    p.add_argument("--employer-role", default="direct",
                   choices=("direct", "dispatch", "agency", "gang_master"),
                   help="直接用工, 劳务派遣, 职业中介 or 揽头")
    p.add_argument("--licence", default="",
                   help="劳务派遣经营许可证 / 人力资源服务许可证 number (dispatch, agency)")
    p.add_argument("--employer-id-number", default="", help="a 揽头's ID number")
    p.add_argument("--contact-name", default="")
    p.add_argument("--trade", required=True, help="code or name")
    p.add_argument("--title", required=True)
    p.add_argument("--description", default="")
    p.add_argument("--place", required=True)
    p.add_argument("--area", default="")
    p.add_argument("--start-date", required=True, type=_date_arg)
    p.add_argument("--start-time", default="")
    p.add_argument("--hours", default="", help="hours per day")
    p.add_argument("--pay", required=True, help="amount in yuan")
    p.add_argument("--pay-unit", required=True, help="day, hour, piece, sqm, job or month")
    p.add_argument("--day-estimate", default="",
                   help="for pay by the piece, m² or job: what a worker earns in a day (yuan)")
    p.add_argument("--settlement", required=True, help="daily, weekly, monthly, on_completion")
    p.add_argument("--headcount", required=True)
    p.add_argument("--certificate", action="append", default=[])
    p.add_argument("--employment-type", default="daily")
    p.add_argument("--urgent", action="store_true", help="即时快招")
    p.add_argument("--level", default="", help="apprentice, helper, skilled or master")
    p.add_argument("--skills", default="", help="skills required (技能要求)")
    p.add_argument("--end-date", type=_date_arg, help="last working day (YYYY-MM-DD)")
    p.add_argument("--days", default="", help="or the number of working days")
    p.add_argument("--meeting-point", default="", help="集合地点")
    p.add_argument("--meeting-time", default="", help="集合时间 HH:MM")
    for flag, text in (("--meals", "包吃"), ("--lodging", "包住"),
                       ("--tools", "tools provided"), ("--insurance", "insurance provided")):
        p.add_argument(flag, action="store_true", help=text)
    p.add_argument("--hazard", action="append", default=[],
                   help="a hazard of the work (repeat): height 高处, hot_work 动火, "
                        "confined_space 有限空间, live_electrical 带电, heat 高温, cold 严寒, "
                        "machinery 机械")
    p.add_argument("--gear", action="append", default=[],
                   help="protective equipment required (repeat): helmet 安全帽, harness "
                        "安全带, insulating_gloves 绝缘手套, goggles 防护眼镜, dust_mask "
                        "防尘口罩, welding_mask, safety_shoes, gas_detector, ear_protection, "
                        "warm_clothing")
    p.add_argument("--insurance-kind", default="",
                   help="the employer's insurance: daily_accident 单日意外险, "
                        "employer_liability 雇主责任险, work_injury 工伤保险, none")
    _json_flag(p).set_defaults(handler=cmd_job_add)


def _add_refer(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("refer", help="refer a worker to a job (a staff referral, 即时快招)")
    p.add_argument("--job", required=True, help="the job's id")
    p.add_argument("--worker", required=True, help="the worker's id")
    p.add_argument("--print-slip", action="store_true", help="queue the referral slip")
    _json_flag(p).set_defaults(handler=cmd_refer)


def _add_printing(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tickets = sub.add_parser("tickets", help="ticket layouts").add_subparsers(
        dest="action", required=True)
    render = tickets.add_parser("render", help="draw one ticket to a PNG, PDF or ESC/POS file")
    render.add_argument("--kind", required=True,
                        choices=("card", "queue", "referral", "interest", "complaint"))
    render.add_argument("--id", required=True, help="the record the ticket is for")
    render.add_argument("--out", required=True, help="FILE.png, FILE.pdf or FILE.bin")
    render.add_argument("--width", type=int, choices=(384, 576), default=384,
                        help="printer dots: 384 for 58 mm paper, 576 for 80 mm")
    _json_flag(render).set_defaults(handler=_lazy("kiosk.cli.printing", "cmd_tickets_render"))
    test = sub.add_parser("print-test", help="print a test ticket on a configured printer")
    test.add_argument("--printer", help="printer name from the config (default: the first)")
    _json_flag(test).set_defaults(handler=_lazy("kiosk.cli.printing", "cmd_print_test"))
    queue = sub.add_parser("print-queue", help="print jobs: what is waiting or failed")
    queue.add_argument("--run", action="store_true", help="print what is due, once")
    queue.add_argument("--recover", action="store_true",
                       help="first hand jobs interrupted mid-send to staff (no window running)")
    queue.add_argument("--printer")
    queue.add_argument("--reprint", metavar="JOB_ID", help="queue a failed or printed job again")
    queue.add_argument("--cancel", metavar="JOB_ID", help="cancel a failed or waiting job")
    _json_flag(queue).set_defaults(handler=_lazy("kiosk.cli.printing", "cmd_print_queue"))


def _add_run(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = sub.add_parser("run", help="open a role's window: board (the hall's big screen), "
                         "terminal (the workers' touchscreen) or counter (the staff console)")
    run.add_argument("--role", required=True, type=_roles_arg, metavar="ROLE[,ROLE]",
                     help="board, terminal, counter, or several in one process: "
                     "terminal,board")
    run.add_argument("--screen", type=int, help="which screen to fill (0, 1, …)")
    run.add_argument("--board-screen", type=int, metavar="N",
                     help="also show the board, on screen N (a counter's second screen)")
    run.add_argument("--windowed", type=_size_arg, metavar="WxH",
                     help="a window of this size instead of full screen (development)")
    run.set_defaults(handler=cmd_run)


def _roles_arg(text: str) -> str:
    roles = text.split(",")
    known = ("board", "terminal", "counter")
    if not all(r in known for r in roles) or len(set(roles)) != len(roles):
        raise argparse.ArgumentTypeError(f"roles are board, terminal and counter: {text}")
    return text


def _size_arg(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or min(int(width), int(height)) < 320:
        raise argparse.ArgumentTypeError(f"not a window size such as 1920x1080: {text}")
    return int(width), int(height)


def _add_sync(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    prov = sub.add_parser("provision", help="connect this terminal to the city hub")
    given = prov.add_mutually_exclusive_group(required=True)
    given.add_argument("string", nargs="?",
                       help="the LGP1:… code printed by `kiosk-hub terminals add`")
    given.add_argument("--image", metavar="PNG",
                       help="a photo or file of its QR code (`kiosk-hub terminals add --qr`)")
    prov.add_argument("--insecure-hub", action="store_true",
                      help="allow a plain http:// hub on another machine (a test set-up; "
                      "kiosk doctor then reports it as a failure)")
    _json_flag(prov).set_defaults(handler=_lazy("kiosk.cli.sync", "cmd_provision"))
    sync = sub.add_parser("sync", help="send queued changes to the hub and fetch its news")
    sync.add_argument("--once", action="store_true", help="one round, then exit")
    sync.add_argument("--interval", type=float, default=30.0, help="seconds between rounds")
    _json_flag(sync).set_defaults(handler=_lazy("kiosk.cli.sync", "cmd_sync"))


def _add_check_post(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check-post", help="check a job post's text for discriminatory wording",
        description="Exit status: 0 nothing blocks the post (warnings may be listed), "
                    "3 the post is flagged, 2 an invalid --rules file.")
    p.add_argument("--text", required=True, help="the post's title and description; - reads stdin")
    p.add_argument("--rules", help="a rules file to use instead of the shipped one")
    p.add_argument("--trade", help="the job's trade code (C05, L01 …): limits the law "
                                   "allows on that work are shown as lawful")
    _json_flag(p).set_defaults(handler=_lazy("kiosk.cli.post", "cmd_check_post"))


def _add_scan(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scan = sub.add_parser("scan", help="what a scanned code is, and act on it")
    scan.add_argument("payload", help="the text the scanner read (LGW1:…, LGR1:…, …)")
    scan.add_argument("--dry-run", action="store_true", help="only tell what it would do")
    scan.add_argument("--consent", action="store_true",
                      help="a pre-registration: the worker agreed (staff confirm it)")
    _json_flag(scan).set_defaults(handler=_lazy("kiosk.cli.scan", "cmd_scan"))
    card = sub.add_parser("card", help="draw a worker card's QR code (LGW1) to a PNG")
    card.add_argument("worker_id")
    card.add_argument("--png", required=True, help="the PNG file to write")
    card.add_argument("--size", type=int, default=400, help="pixels per side")
    _json_flag(card).set_defaults(handler=_lazy("kiosk.cli.scan", "cmd_card"))
    prereg = sub.add_parser("prereg", help="signed phone pre-registrations (LGR1)")
    actions = prereg.add_subparsers(dest="action", required=True)
    sign = actions.add_parser("sign", help="sign a form (JSON) with the city key")
    sign.add_argument("--key", required=True, help="the city's Ed25519 private key (PEM)")
    sign.add_argument("--json", dest="form", required=True, help="the form's fields (JSON)")
    sign.add_argument("--print-json", dest="json", action="store_true",
                      help="print JSON for scripts")
    sign.set_defaults(handler=_lazy("kiosk.cli.scan", "cmd_prereg_sign"))
    keygen = actions.add_parser("keygen", help="make a city key pair (tests, the city)")
    keygen.add_argument("--out", required=True, help="directory for the PEM files")
    _json_flag(keygen).set_defaults(handler=_lazy("kiosk.cli.scan", "cmd_prereg_keygen"))


def _add_config(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = sub.add_parser("config", help="the configuration: show it, check it")
    actions = config.add_subparsers(dest="action", required=True)
    show = actions.add_parser("show", help="the configuration in effect (tokens masked)")
    _json_flag(show).set_defaults(handler=_lazy("kiosk.cli.config", "cmd_config_show"))
    check = actions.add_parser("check", help="every error and warning; exit 1 on an error")
    _json_flag(check).set_defaults(handler=_lazy("kiosk.cli.config", "cmd_config_check"))
    screen = sub.add_parser("screen", help="on or off: should the screen be on now "
                            "([display] blank_from/blank_until, hall time)")
    screen.add_argument("--at", type=_time_arg, metavar="HH:MM", help="at this hall time")
    _json_flag(screen).set_defaults(handler=_lazy("kiosk.cli.config", "cmd_screen"))


def _add_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="statistics: daily and monthly reports (PDF, CSV)")
    kinds = report.add_subparsers(dest="action", required=True)
    daily = kinds.add_parser("daily", help="one day's report (default: today)")
    daily.add_argument("--date", type=_date_arg, help="the day (YYYY-MM-DD)")
    monthly = kinds.add_parser("monthly", help="one month's report")
    monthly.add_argument("--month", required=True, help="the month (YYYY-MM)")
    for p, name in ((daily, "cmd_report_daily"), (monthly, "cmd_report_monthly")):
        p.add_argument("--pdf", metavar="FILE", help="the report as A4 PDF")
        p.add_argument("--csv", metavar="FILE", help="figures day by day (CSV)")
        p.add_argument("--trades-csv", metavar="FILE", help="supply and demand by trade (CSV)")
        p.add_argument("--directory-csv", metavar="FILE", help="the market-directory line (CSV)")
        _json_flag(p).set_defaults(handler=_lazy("kiosk.cli.report", name))


def _add_doctor(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    doctor = sub.add_parser("doctor", help="check fonts, printer, scanner, database, disk, "
                            "hub, clock and outbox; exit 1 when a check fails")
    doctor.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for the hub")
    _json_flag(doctor).set_defaults(handler=_lazy("kiosk.cli.doctor", "cmd_doctor"))


def _add_restore(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    restore = sub.add_parser("restore", help="put a backup in the database's place (stop the "
                             "kiosk first); the file it replaces is kept, renamed")
    restore.add_argument("backup", help="a backup file, e.g. D/backups/kiosk-20261207.sqlite3")
    _json_flag(restore).set_defaults(handler=_lazy("kiosk.cli.restore", "cmd_restore"))


def _add_demo(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="a hub, two halls with data, and hall A's terminal, "
                       "counter and board windows, with sync running (all under --dir)")
    p.add_argument("--dir", default="demo-data", help="where the demo keeps its files")
    p.add_argument("--port", type=int, default=8765, help="the local hub's port")
    p.add_argument("--windowed", type=_size_arg, default=(1600, 900), metavar="WxH",
                   help="the size of each window")
    p.add_argument("--no-windows", action="store_true",
                   help="set up and sync, then stop (no display needed)")
    p.set_defaults(handler=_lazy("kiosk.cli.demo", "cmd_demo"))


def _add_staff(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = sub.add_parser("staff", help="counter staff: add, list, set a new PIN")
    actions = staff.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="a new staff member (asks for the PIN)")
    add.add_argument("staff_id", help="e.g. S001")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=("clerk", "supervisor"), default="clerk")
    pin = actions.add_parser("set-pin", help="a new PIN (also unlocks a locked id)")
    pin.add_argument("staff_id")
    for p in (add, pin):
        p.add_argument("--pin-stdin", action="store_true",
                       help="read the PIN from the first line of standard input")
    listing = actions.add_parser("list", help="the staff of this terminal (no PINs)")
    for p, name in ((add, "cmd_staff_add"), (pin, "cmd_staff_set_pin"),
                    (listing, "cmd_staff_list")):
        _json_flag(p).set_defaults(handler=_lazy("kiosk.cli.staff", name))


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A handler imported only when its command runs (keeps plain commands quick)."""
    def handler(args: argparse.Namespace) -> int:
        command: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(module), name)
        return command(args)
    return handler


def _time_arg(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a time of day (HH:MM): {text}") from exc


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


# -- commands ------------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    paths = Paths.resolve(args.data_dir)
    created = args.force or not paths.config_file.exists()
    if created:
        write_config(paths.config_file, default_config(args.terminal_id))
    load_or_create_key(paths.key_file)
    Store(paths.database).close()
    summary = {"config": str(paths.config_file), "database": str(paths.database),
               "created": created}
    message = N_("Terminal ready.") if created else N_(
        "Terminal already set up; configuration kept.")
    emit(args, summary, translate(message, args.lang))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    # systemd may stop the unit while Qt and the windows still load: a SIGTERM (or Ctrl+C)
    # then is remembered, and the window quits as soon as it runs, cleanly.
    stop = threading.Event()
    early = {n: signal.signal(n, lambda _n, _f: stop.set()) for n in EARLY_STOP_SIGNALS}
    try:
        from kiosk.ui.launch import run_role  # noqa: PLC0415 - Qt only for the windowed roles
    finally:
        for number, handler in early.items():
            signal.signal(number, handler)
    paths = Paths.resolve(args.data_dir)
    return run_role(paths, args.role, windowed=args.windowed, screen=args.screen,
                    language=args.lang, board_screen=args.board_screen, stop_requested=stop)


def cmd_seed_demo(args: argparse.Namespace) -> int:
    if args.workers < 0 or args.jobs < 0:
        raise BadInput([FieldError("workers", "range", N_("The number must be 0 or more."))])
    with_app = run_with_app(args, lambda app: asdict(
        seed_demo(app.services, args.workers, args.jobs, args.seed)))
    emit(args, with_app, _summary_text(with_app, args.lang))
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    status = run_with_app(args, lambda app: app.services.status())
    emit(args, status, _status_text(status, args.lang))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    def make(app: App) -> dict[str, object]:
        today = app.services.today()
        daily_backup(app.store.conn, app.paths.backups, today, force=True)
        return {"backup": str(backup_path(app.paths.backups, today))}
    result = run_with_app(args, make)
    emit(args, result, str(result["backup"]))
    return EXIT_OK


def cmd_expire_copies(args: argparse.Namespace) -> int:
    def expire(app: App) -> dict[str, object]:
        gone = app.services.expire_city_copies()
        return {"expired": len(gone), "worker_ids": gone,
                "city_copy_days": app.services.settings.city_copy_days}
    result = run_with_app(args, expire)
    emit(args, result, translate(N_(
        "Copies of other halls' workers unused here for {days} days removed: {count}."),
        args.lang).format(days=result["city_copy_days"], count=result["expired"]))
    return EXIT_OK


def cmd_worker_add(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    draft = WorkerDraft(
        name=args.name, id_number=args.id_number, phone=args.phone,
        trades=_trade_codes(catalogue, args.trade),
        certificates=_certificate_codes(catalogue, args.certificate),
        intentions=args.intention or ["daily"], areas=args.area,
        available_from=args.available_from, skills_note=args.skills,
        low_income=args.low_income, disabled=args.disabled, consent_given=args.consent)
    worker = _unwrap(run_with_app(args, lambda app: app.services.register_worker(
        draft, print_card=args.print_card)))
    shown = to_payload(worker)
    for private in ("id_number", "id_index"):
        shown.pop(private)
    shown["phone"] = mask_phone(worker.phone)
    label = translate(N_("Registered:"), args.lang)
    emit(args, shown, f"{label} {worker.name} {worker.id}")
    return EXIT_OK


def cmd_job_add(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    trades = _trade_codes(catalogue, [args.trade])
    job = JobDraft(
        employer_id=args.employer_id or "", trade=trades[0] if trades else args.trade,
        title=args.title, description=args.description, place=args.place, area=args.area,
        start_date=args.start_date, start_time=args.start_time, hours_per_day=args.hours,
        pay_amount=args.pay, pay_unit=args.pay_unit, settlement=args.settlement,
        headcount=args.headcount, certificates=_certificate_codes(catalogue, args.certificate),
        employment_type=args.employment_type, urgent=args.urgent, skill_level=args.level,
        skills_note=args.skills, end_date=args.end_date, days=args.days,
        meeting_point=args.meeting_point, meeting_time=args.meeting_time, meals=args.meals,
        lodging=args.lodging, tools_provided=args.tools, insurance=args.insurance,
        day_estimate=args.day_estimate,
        hazards=[_tag(raw, HAZARD_SHORT, HAZARD_NAMES) for raw in args.hazard],
        protective_gear=[_tag(raw, GEAR_NAMES) for raw in args.gear],
        insurance_kind=_tag(args.insurance_kind, INSURANCE_NAMES) if args.insurance_kind
        else "")

    def post(app: App) -> Result[JobPost]:
        if args.employer_id:
            return app.services.post_job(job)
        employer = EmployerDraft(kind=args.employer_kind, name=args.employer_name or "",
                                 phone=args.employer_phone, contact_name=args.contact_name,
                                 uscc=args.uscc, role=args.employer_role,
                                 licence_no=args.licence, id_number=args.employer_id_number)
        posted = app.services.post_job_for_new_employer(employer, job)
        return Ok(posted.value[1]) if isinstance(posted, Ok) else posted
    payload = to_payload(_unwrap(run_with_app(args, post)))
    label = translate(N_("Job posted:"), args.lang)
    emit(args, payload, f"{label} {payload['title']} {payload['id']}")
    return EXIT_OK


def cmd_refer(args: argparse.Namespace) -> int:
    """A staff referral, under every rule the counter's has (a minor is never sent to work
    the law keeps from minors): nothing is stored when it is refused."""
    referral = _unwrap(run_with_app(args, lambda app: app.services.refer(
        args.job, args.worker, ReferralOrigin.COUNTER, print_ticket=args.print_slip)))
    label = translate(N_("Referred:"), args.lang)
    emit(args, to_payload(referral), f"{label} {referral.id}")
    return EXIT_OK


# -- helpers -------------------------------------------------------------------------------

def _tag(raw: str, *names: Mapping[Any, str]) -> str:
    """A tag's value given as itself (height) or a Chinese name of it (高处 or 高处作业,
    安全帽, 单日意外险); anything else is passed on as typed, for the draft to refuse."""
    text = raw.strip()
    for mapping in names:
        for member, name in mapping.items():
            if text in (member.value, translate(name, "zh_CN")):
                return str(member.value)
    return text

def _unwrap(result: Result[T]) -> T:
    if isinstance(result, Err):
        raise BadInput(result.errors)
    return result.value


def _trade_codes(catalogue: Catalogue, given: Sequence[str]) -> list[str]:
    """Trades by code (C01), Chinese name (瓦工) or English name; comma lists allowed."""
    return _option_codes(catalogue.trades, given, "trades", N_(
        "{value} is not a known trade. Choose one of: {choices}"))


def _certificate_codes(catalogue: Catalogue, given: Sequence[str]) -> list[str]:
    return _option_codes(catalogue.certificates, given, "certificates", N_(
        "{value} is not a known certificate. Choose one of: {choices}"))


def _option_codes(options: Sequence[Trade] | Sequence[Certificate], given: Sequence[str],
                  field: str, unknown_message: str) -> list[str]:
    """Each given value's code; bad input naming the value and every valid choice."""
    names = {o.code.lower(): o.code for o in options} | {o.zh: o.code for o in options} | {
        o.en.lower(): o.code for o in options}
    values = [v.strip() for item in given for v in item.split(",") if v.strip()]
    unknown = [v for v in values if v.lower() not in names and v not in names]
    if unknown:
        choices = "; ".join(f"{o.code} {o.zh}/{o.en}" for o in options)
        raise BadInput([FieldError(field, "unknown_option", unknown_message,
                                   {"value": v, "choices": choices}) for v in unknown])
    return [names.get(v, names.get(v.lower(), v)) for v in values]


def _report_errors(errors: Sequence[FieldError], language: str, *, as_json: bool) -> None:
    """JSON on stdout with --json (nothing else), else the message on stderr."""
    if as_json:
        print(json.dumps({"ok": False, "errors": [e.to_json(language) for e in errors]},
                         ensure_ascii=False, indent=2))
        return
    heading = translate("Nothing was saved. Please correct:", language)
    lines = [heading] + [f"  - {e.field}: {e.text(language)}" for e in errors]
    print("\n".join(lines), file=sys.stderr)


def _summary_text(report: dict[str, object], language: str) -> str:
    counts = counts_text({k: v for k, v in report.items() if k != "rejected"}, language)
    label = translate(N_("Demo data added:"), language)
    return f"{label} {counts}"


def _status_text(status: dict[str, object], language: str) -> str:
    records = status["records"]
    outbox = status["outbox"]
    assert isinstance(records, dict) and isinstance(outbox, dict)
    lines = [translate(N_("Records:"), language)]
    lines += [f"  {label_of(name, language)}: {count}" for name, count in records.items()]
    lines.append(translate(N_("Sync outbox:"), language))
    lines += [f"  {label_of(state, language)}: {count}" for state, count in outbox.items()]
    age = status["oldest_pending_age_s"]
    if age is not None:
        label = translate(N_("Oldest unsent change (seconds):"), language)
        lines.append(f"{label} {age}")
    return "\n".join(lines)
