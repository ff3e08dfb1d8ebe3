"""The `kiosk` commands that print; loaded only when one of them runs (the printing stack
takes half a second to import)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from kiosk.app import App
from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, BadInput, emit, run_with_app
from kiosk.cli.labels import label_of
from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, FieldError
from kiosk.core.i18n import translate
from kiosk.services.printing import FAILURE_MESSAGES, PrintWorker, TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.system.printer_profile import PrinterProfile, profile_from_config
from printers.escpos_bytes import escpos_bytes
from printers.pdf import render_pdf
from printers.raster import render_image
from printers.tickets import Issuer, Ticket, test_ticket
from printers.transports import PrintFailure

OUTPUTS = (".png", ".pdf", ".bin")


def cmd_tickets_render(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix not in OUTPUTS:
        raise BadInput([FieldError("out", "choice",
                                   N_("The file must end in .png, .pdf or .bin."))])

    def render(app: App) -> Ticket:
        source = TicketSource(app.store, app.services.catalogue, app.config.hall, args.lang)
        return source.ticket(PrintKind(args.kind), args.id, datetime.now(UTC))
    try:
        ticket = run_with_app(args, render)
    except PrintFailure as failure:
        missing = FieldError("id", "not_found", N_("The record was not found."))
        raise BadInput([missing]) from failure
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".png":
        render_image(ticket, args.width).save(out)
    elif out.suffix == ".pdf":
        out.write_bytes(render_pdf(ticket, 80 if args.width >= 576 else 58))
    else:
        out.write_bytes(escpos_bytes(render_image(ticket, args.width), args.width))
    emit(args, {"out": str(out), "kind": args.kind}, str(out))
    return EXIT_OK


def cmd_print_test(args: argparse.Namespace) -> int:
    def send(app: App) -> str:
        profile = _profile(app, args.printer)
        issuer = Issuer(app.config.hall, datetime.now(UTC).astimezone(), args.lang)
        data, suffix = profile.render(test_ticket(issuer, profile.name, profile.width_dots))
        profile.transport.send(data, suffix, f"test-{datetime.now(UTC):%Y%m%d%H%M%S}")
        return profile.name
    try:
        name = run_with_app(args, send)
    except PrintFailure as failure:
        message = translate(FAILURE_MESSAGES[failure.reason], args.lang)
        emit(args, {"ok": False, "reason": failure.reason.value, "detail": failure.detail},
             f"{message} ({failure.detail})" if failure.detail else message)
        return EXIT_FAILURE
    emit(args, {"ok": True, "printer": name}, translate(N_("Test page sent to the printer."),
                                                          args.lang))
    return EXIT_OK


def cmd_print_queue(args: argparse.Namespace) -> int:
    def work(app: App) -> dict[str, object]:
        queue = app.store.print_queue
        _staff_action(app, args)
        printed = _run_queue(app, args) if args.run else None
        attention = [{"id": j.id, "kind": j.kind.value, "state": j.state.value,
                      "reason": j.error_code, "attempts": j.attempts,
                      "message": _reason_text(j.error_code, args.lang)}
                     for j in queue.needing_attention()]
        counts = queue.counts_by_state()
        lines = [f"{label_of(state, args.lang)}: {count}" for state, count in counts.items()]
        lines += [f"! {a['kind']} {a['id']}: {a['message']}" for a in attention]
        emit(args, {"printed": printed, "counts": counts, "attention": attention},
             "\n".join(lines))
        return {}
    run_with_app(args, work)
    return EXIT_OK


def _staff_action(app: App, args: argparse.Namespace) -> None:
    now = iso_utc(datetime.now(UTC))
    queue = app.store.print_queue
    for job_id, action in ((args.reprint, queue.reprint), (args.cancel, queue.cancel)):
        if job_id and not action(job_id, now):
            raise BadInput([FieldError("job", "status_transition", N_(
                "That print job cannot be changed now."))])


def _run_queue(app: App, args: argparse.Namespace) -> int:
    source = TicketSource(app.store, app.services.catalogue, app.config.hall, args.lang)
    worker = PrintWorker(app.store, source, _profile(app, args.printer))
    if args.recover:  # only when no kiosk window owns this printer right now
        worker.recover()
    return worker.run_once()


def _reason_text(code: str | None, language: str) -> str:
    for reason, message in FAILURE_MESSAGES.items():
        if reason.value == code:
            return translate(message, language)
    return ""


def _profile(app: App, name: str | None) -> PrinterProfile:
    printer = app.config.printer(name)
    if printer is None:
        raise BadInput([FieldError("printer", "not_found", N_("No printer of that name."))])
    return profile_from_config(printer, app.paths.data_dir)
