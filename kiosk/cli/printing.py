"""The `kiosk` commands that print; loaded only when one of them runs (the printing stack
takes half a second to import)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.app import App
from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, BadInput, emit, run_with_app
from kiosk.cli.labels import label_of
from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, FieldError
from kiosk.core.i18n import translate
from kiosk.services.print_desk import reason_of
from kiosk.services.printing import FAILURE_MESSAGES, STUCK_AFTER, PrintWorker, TicketSource
from kiosk.store.print_queue import PrintJob, PrintKind, PrintState
from kiosk.system.printer_profile import PrinterProfile, profile_from_config
from printers.escpos_bytes import escpos_bytes
from printers.pdf import render_pdf
from printers.raster import render_image
from printers.tickets import Issuer, Ticket, test_ticket
from printers.transports import FailureReason, PrintFailure

OUTPUTS = (".png", ".pdf", ".bin")


def cmd_tickets_render(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix not in OUTPUTS:
        raise BadInput([FieldError("out", "choice",
                                   N_("The file must end in .png, .pdf or .bin."))])

    def render(app: App) -> Ticket:
        source = TicketSource(app.store, app.services.catalogue, app.config.hall, args.lang,
                              card_key=app.services.settings.card_key,
                              counter_hours=app.services.settings.counter_hours)
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
        hall_now = datetime.now(ZoneInfo(app.config.hall.timezone))  # not the machine's
        issuer = Issuer(app.config.hall, hall_now, args.lang)
        data, suffix = profile.render(test_ticket(issuer, profile.name, profile.width_dots))
        profile.transport.send(data, suffix, f"test-{datetime.now(UTC):%Y%m%d%H%M%S}")
        return profile.name
    try:
        name = run_with_app(args, send)
    except PrintFailure as failure:
        emit(args, {"ok": False, "reason": failure.reason.value, "detail": failure.detail},
             _failure_text(failure, args.lang))
        return EXIT_FAILURE
    emit(args, {"ok": True, "printer": name}, translate(N_("Test page sent to the printer."),
                                                          args.lang))
    return EXIT_OK


def cmd_print_queue(args: argparse.Namespace) -> int:
    def work(app: App) -> PrintFailure | None:
        _staff_action(app, args)
        recovered = _recover(app) if args.recover and not args.run else 0
        printed, failure = _run_queue(app, args) if args.run else (None, None)
        attention = _attention(app, args.lang)
        counts = app.store.print_queue.counts_by_state()
        lines = [f"{label_of(state, args.lang)}: {count}" for state, count in counts.items()]
        lines += [f"! {a['kind']} {a['id']}: {a['message']}" for a in attention]
        stopped = failure if not printed else None
        if stopped is not None:
            lines.append(_failure_text(stopped, args.lang))
        emit(args, {"printed": printed, "recovered": recovered, "counts": counts,
                    "attention": attention,
                    "failure": stopped.reason.value if stopped else None}, "\n".join(lines))
        return stopped
    # Nothing printed because the printer failed: a script or a systemd timer must notice.
    return EXIT_FAILURE if run_with_app(args, work) is not None else EXIT_OK


def _attention(app: App, language: str) -> list[dict[str, object]]:
    """Failed and retrying jobs, and jobs stuck `printing` (their process died)."""
    stuck_before = iso_utc(datetime.now(UTC) - STUCK_AFTER)
    return [{"id": j.id, "kind": j.kind.value, "state": j.state.value,
             "reason": j.error_code, "attempts": j.attempts,
             "message": _job_text(j, language)}
            for j in app.store.print_queue.needing_attention(stuck_before)]


def _job_text(job: PrintJob, language: str) -> str:
    if job.state is PrintState.PRINTING:
        return translate(N_("Stopped while printing: it may have printed. `kiosk print-queue "
                            "--recover` hands it to staff (reprint or cancel)."), language)
    return translate(reason_of(job), language)


def _failure_text(failure: PrintFailure, language: str) -> str:
    message = translate(FAILURE_MESSAGES[failure.reason], language)
    return f"{message} ({failure.detail})" if failure.detail else message


def _staff_action(app: App, args: argparse.Namespace) -> None:
    now = iso_utc(datetime.now(UTC))
    queue = app.store.print_queue
    for job_id, action in ((args.reprint, queue.reprint), (args.cancel, queue.cancel)):
        if job_id and not action(job_id, now):
            raise BadInput([FieldError("job", "status_transition", N_(
                "That print job cannot be changed now."))])


def _recover(app: App) -> int:
    """--recover: every job left `printing` goes to staff as interrupted (may have printed).
    Only when no kiosk window owns the printer: its current job would be taken from it."""
    return app.store.print_queue.fail_interrupted(iso_utc(datetime.now(UTC)))


def _run_queue(app: App, args: argparse.Namespace) -> tuple[int, PrintFailure | None]:
    """Print what is due, once. Jobs stuck `printing` (all of them with --recover, else
    those older than STUCK_AFTER) first go to staff as "may have printed": never resent."""
    source = TicketSource(app.store, app.services.catalogue, app.config.hall, args.lang,
                              card_key=app.services.settings.card_key,
                              counter_hours=app.services.settings.counter_hours)
    worker = PrintWorker(app.store, source, _profile(app, args.printer))
    worker.recover(None if args.recover else STUCK_AFTER)
    printed = worker.run_once()
    return printed, worker.printer_failure or _waiting_on_printer(app)


def _waiting_on_printer(app: App) -> PrintFailure | None:
    """The printer's last fault when the head of the queue waits to retry after it (this
    round did not try it again): still a printer that prints nothing."""
    queued = app.store.print_queue.queued()
    code = queued[0].error_code if queued else None
    if code is None or code == FailureReason.RENDER.value:
        return None
    return PrintFailure(FailureReason(code), queued[0].last_error or "")


def _profile(app: App, name: str | None) -> PrinterProfile:
    printer = app.config.printer(name)
    if printer is None:
        raise BadInput([FieldError("printer", "not_found", N_("No printer of that name."))])
    return profile_from_config(printer, app.paths.data_dir)
