"""The `kiosk` commands for the city hub: `provision STRING` and `sync [--once]`."""

from __future__ import annotations

import argparse
import signal
import threading
from dataclasses import asdict
from types import FrameType

from kiosk.app import App
from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, BadInput, emit, run_with_app
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.i18n import translate
from kiosk.services.provision import apply_provisioning
from kiosk.system.config import Paths
from sync import provisioning
from sync.agent import SyncAgent, SyncReport
from sync.runner import run_forever


def credentials_path(paths: Paths) -> str:
    return str(paths.data_dir / provisioning.FILE_NAME)


def cmd_provision(args: argparse.Namespace) -> int:
    image = getattr(args, "image", None)  # `kiosk scan` hands a scanned code over too
    text = args.string if image is None else _code_in_image(image)
    try:
        given = provisioning.decode(text)
    except ValueError as exc:
        raise BadInput([FieldError("string", "provisioning", N_(
            "This is not a valid provisioning code."))]) from exc
    paths = Paths.resolve(args.data_dir)

    def save(app: App) -> int:
        applied = apply_provisioning(paths, app.config, app.store, given,
                                     insecure=getattr(args, "insecure_hub", False))
        if isinstance(applied, Err):
            raise BadInput(applied.errors)
        return applied.value
    released = run_with_app(args, save)
    summary = {"terminal": given.terminal, "hall": given.hall, "hub": given.hub,
               "released_from_quarantine": released}
    text = translate(N_("Provisioned: terminal {terminal} of hall {hall}."), args.lang)
    emit(args, summary, text.format(terminal=given.terminal, hall=given.hall))
    return EXIT_OK


def _code_in_image(path: str) -> str:
    """The text of the QR code in the picture; bad input when there is none."""
    import zxingcpp  # noqa: PLC0415 - only for --image
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    try:
        with Image.open(path) as picture:
            codes = zxingcpp.read_barcodes(picture.convert("RGB"))
    except (OSError, UnidentifiedImageError) as exc:
        raise BadInput([FieldError("image", "image_unreadable", N_(
            "This picture cannot be read: {reason}"), {"reason": str(exc)})]) from exc
    found = [c.text for c in codes if c.text.startswith(provisioning.PREFIX)]
    if not found:
        raise BadInput([FieldError("image", "no_code", N_(
            "There is no provisioning code (LGP1) in this picture."))])
    return found[0]


def cmd_sync(args: argparse.Namespace) -> int:
    paths = Paths.resolve(args.data_dir)
    credentials = provisioning.load(paths.data_dir / provisioning.FILE_NAME)
    if credentials is None:
        raise BadInput([FieldError("terminal", "not_provisioned", N_(
            "This terminal is not connected to a hub yet: run `kiosk provision` first."))])

    def run(app: App) -> SyncReport | None:
        agent = SyncAgent(app.store, credentials, card_key=app.services.card_public_key(),
                          copy_days=app.config.privacy.city_copy_days)
        try:
            if args.once:
                return agent.sync_once()
            run_forever(agent, args.interval, _stop_on_signals(),
                        on_report=lambda r: emit(args, _summary(r), _text(r, args.lang)))
            return None
        finally:
            agent.close()
    report = run_with_app(args, run)
    if report is None:
        return EXIT_OK
    emit(args, _summary(report), _text(report, args.lang))
    return EXIT_OK if report.ok else EXIT_FAILURE


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def handle(_signum: int, _frame: FrameType | None) -> None:
        stop.set()
    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)
    return stop


def _summary(report: SyncReport) -> dict[str, object]:
    return {**asdict(report), "acked": report.acked, "ok": report.ok}


def _text(report: SyncReport, language: str) -> str:
    text = translate(N_(
        "Sent {sent}, acknowledged {acked}, rejected {rejected}, conflicts {conflict}, "
        "received {pulled}."), language).format(
        sent=report.sent, acked=report.acked, rejected=report.rejected,
        conflict=report.conflict, pulled=report.pulled)
    if report.quarantined:
        text += "\n" + translate(N_(
            "The hub refused this terminal: {count} changes are kept aside until it is "
            "provisioned again."), language).format(count=report.quarantined)
    elif report.errors:
        text += "\n" + translate(N_("Sync failed; everything stays queued:"), language)
        text += " " + "; ".join(report.errors)
    return text
