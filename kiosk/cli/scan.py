"""The `kiosk` commands for scan payloads: `scan`, `card` and `prereg sign|keygen`.

Loaded only when one of them runs (cryptography and the QR stack are not needed elsewhere).
"""

from __future__ import annotations

import argparse
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from kiosk.app import App
from kiosk.cli.common import EXIT_OK, BadInput, emit, run_with_app
from kiosk.core import formatting, payloads
from kiosk.core.card_rules import UNVERIFIED_TITLE, UNVERIFIED_WHY
from kiosk.core.codec import to_payload
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.i18n import translate
from kiosk.core.privacy import mask_phone
from kiosk.core.queue_numbers import queue_label
from kiosk.core.records import Unverified
from kiosk.core.scan import (
    EmployerPostDraft,
    JobCode,
    PreRegistration,
    Provisioning,
    ScanError,
    ScanPayload,
    WorkerCard,
    public_key_text,
    sign_prereg,
)
from kiosk.services.provision import provisioning_refusal

if TYPE_CHECKING:
    from PIL import Image

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_WOULD = {
    "check_in": N_("Would check the worker in."),
    "prereg_review": N_("Would open the registration review, filled in, for the worker's "
                        "consent."),
    "job_detail": N_("Would show the job's details."),
    "provision": N_("Would connect this terminal to the hub."),
    "referral_confirm": N_("Would open the referral at the counter."),
}


# -- kiosk scan ----------------------------------------------------------------------------

def cmd_scan(args: argparse.Namespace) -> int:
    scanned = run_with_app(args, lambda app: _parse(app, args.payload))
    if isinstance(scanned, ScanError):
        raise BadInput([FieldError("payload", scanned.code, scanned.message, scanned.params),
                        *scanned.field_errors])
    if args.dry_run:
        refused = run_with_app(args, lambda app: _refusals(app, scanned))
        if refused:  # what the real scan would refuse, the dry run refuses alike
            raise BadInput(refused)
        if isinstance(scanned, WorkerCard):
            return _dry_check_in(args, scanned)
        summary = {"route": scanned.route, "fields": scanned.summary(), "dry_run": True}
        emit(args, summary, translate(_WOULD[scanned.route], args.lang))
        return EXIT_OK
    return _perform(args, scanned)


def _parse(app: App, text: str) -> ScanPayload | ScanError:
    try:
        keys = app.config.scan.keys()
    except ValueError as exc:  # checked when the config loads; kept for safety
        raise BadInput([FieldError("city_public_keys", "bad_key", N_(
            "A city public key in the configuration is not valid."))]) from exc
    return app.services.read_scan(text, keys)  # with the terminals' card keys


def _refusals(app: App, scanned: ScanPayload) -> list[FieldError]:
    """What the real scan would refuse on this terminal, checked without acting."""
    if isinstance(scanned, JobCode) and app.store.jobs.get(scanned.job_id) is None:
        return [_unknown_job()]
    if isinstance(scanned, WorkerCard):
        judged = app.services.card_standing(scanned)
        return list(judged.errors) if isinstance(judged, Err) else []
    if isinstance(scanned, Provisioning):
        refused = provisioning_refusal(app.config, scanned)
        return [] if refused is None else list(refused.errors)
    return []


def _unknown_job() -> FieldError:
    return FieldError("payload", "not_found", N_(
        "This job is not known on this terminal (it may not have synced yet)."))


def _perform(args: argparse.Namespace, scanned: ScanPayload) -> int:
    if isinstance(scanned, WorkerCard):
        return _check_in(args, scanned)
    if isinstance(scanned, JobCode):
        return _job_detail(args, scanned)
    if isinstance(scanned, Provisioning):
        from kiosk.cli.sync import cmd_provision  # noqa: PLC0415 - the sync stack on demand

        return cmd_provision(argparse.Namespace(**{**vars(args), "string": scanned.text()}))
    if isinstance(scanned, PreRegistration):
        return _register(args, scanned)
    if isinstance(scanned, EmployerPostDraft):
        raise BadInput([FieldError("payload", "touchscreen_required", N_(
            "A job draft is checked and sent by the employer at the touchscreen."))])
    raise BadInput([FieldError("payload", "counter_required", N_(
        "A referral slip is confirmed at the counter window."))])


def _dry_check_in(args: argparse.Namespace, card: WorkerCard) -> int:
    """Which check-in the card would make: verified (numbered) or unverified, and why."""
    def judge(app: App) -> tuple[Unverified | None, bool]:
        judged = app.services.card_standing(card)
        assert not isinstance(judged, Err)  # refusals were raised before
        return judged.value, app.services.worker(card.worker_id) is not None
    unverified, known = run_with_app(args, judge)
    summary = {"route": card.route, "fields": card.summary(), "dry_run": True,
               "verified": unverified is None, "known_worker": known,
               "unverified": None if unverified is None else unverified.value}
    if unverified is None:
        text = translate(N_("Would check the worker in with a queue number (the card is "
                            "verified)."), args.lang)
    else:
        text = translate(N_("Would check the worker in unverified, without a queue number "
                            "until the hub confirms the worker: {why}."), args.lang).format(
            why=translate(UNVERIFIED_WHY[unverified], args.lang))
    if not known and unverified is not Unverified.UNKNOWN_WORKER:
        text += " " + translate(N_("This terminal does not know the worker."), args.lang)
    emit(args, summary, text)
    return EXIT_OK


def _check_in(args: argparse.Namespace, card: WorkerCard) -> int:
    result = run_with_app(args, lambda app: app.services.check_in(card.worker_id, card=card))
    if isinstance(result, Err):
        raise BadInput(result.errors)
    checkin = result.value.checkin
    label = (None if checkin.queue_no is None
             else queue_label(checkin.queue_prefix, checkin.queue_no))
    summary = {"route": card.route, "worker_id": card.worker_id, "queue_no": checkin.queue_no,
               "queue_label": label,  # as the ticket and the screens say it: A012
               "day": checkin.day.isoformat(), "already": result.value.already,
               "unverified": None if checkin.unverified is None else checkin.unverified.value}
    if checkin.queue_no is None:
        text = translate(N_("Checked in unverified: no queue number until the hub confirms "
                            "the worker. {advice}"), args.lang).format(
            advice=translate(UNVERIFIED_TITLE, args.lang))
    else:
        text = translate(N_("Checked in: queue number {number}."), args.lang).format(
            number=label)
    emit(args, summary, text)
    return EXIT_OK


def _job_detail(args: argparse.Namespace, code: JobCode) -> int:
    job = run_with_app(args, lambda app: app.store.jobs.get(code.job_id))
    if job is None:
        raise BadInput([_unknown_job()])
    shown = to_payload(job)
    wage = formatting.pay(job.pay_cents, job.pay_unit, args.lang)
    text = f"{job.title} · {job.place} · {job.start_date} · {wage}"
    emit(args, {"route": code.route, "job": shown}, text)
    return EXIT_OK


def _register(args: argparse.Namespace, form: PreRegistration) -> int:
    if not args.consent:
        raise BadInput([FieldError("consent", "review_required", N_(
            "A pre-registration is confirmed by the worker on the touchscreen; staff who "
            "have the worker's consent can add --consent."))])
    result = run_with_app(args, lambda app: app.services.register_worker(
        form.draft(consent_given=True)))
    if isinstance(result, Err):
        raise BadInput(result.errors)
    worker = result.value
    summary = {"route": form.route, "worker_id": worker.id, "name": worker.name,
               "phone": mask_phone(worker.phone)}
    label = translate(N_("Registered:"), args.lang)
    emit(args, summary, f"{label} {worker.name} {worker.id}")
    return EXIT_OK


# -- kiosk card ----------------------------------------------------------------------------

# A printed card is read by phones and hand scanners: at least 2 pixels per module with the
# quiet zone (the signed LGW2 card is a version-8 code: 49 modules + 2×4 quiet); larger
# codes are slow to draw.
CARD_MIN_SIZE, CARD_MAX_SIZE = 120, 4000


def cmd_card(args: argparse.Namespace) -> int:
    from printers.raster import qr_image  # noqa: PLC0415 - Pillow and qrcode on demand

    checked = payloads.worker_card(args.worker_id)
    if not payloads.checked_id(checked, payloads.WORKER_CARD) or len(args.worker_id) != 36 \
            or not _UUID.fullmatch(args.worker_id):
        raise BadInput([FieldError("worker_id", "malformed", N_(
            "This is not a worker id (a uuid)."))])
    if not CARD_MIN_SIZE <= args.size <= CARD_MAX_SIZE:
        raise BadInput([FieldError("size", "out_of_range", N_(
            "The size must be {low} to {high} pixels: smaller codes do not scan."),
            {"low": CARD_MIN_SIZE, "high": CARD_MAX_SIZE})])
    text = run_with_app(args, lambda app: _signed_card(app, args.worker_id))
    if text is None:
        raise BadInput([FieldError("worker_id", "not_found", N_(
            "No worker with this id is registered on this terminal."))])
    image = qr_image(text, args.size)
    if _read_qr(image) != [text]:  # never hand out a card that does not scan
        raise BadInput([FieldError("size", "unreadable", N_(
            "The code drawn at this size does not scan: choose a larger size."))])
    out = Path(args.png)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out)
    emit(args, {"out": str(out), "payload": text}, str(out))
    return EXIT_OK


def _signed_card(app: App, worker_id: str) -> str | None:
    """The worker's signed card text, or None when this terminal has no such worker."""
    canonical = app.store.canonical_worker_id(worker_id)
    worker = app.store.workers.get(canonical)
    return None if worker is None else app.services.card_text(canonical)


def _read_qr(image: Image.Image) -> list[str]:
    import zxingcpp  # noqa: PLC0415 - only for `kiosk card`

    return [code.text for code in zxingcpp.read_barcodes(image.convert("RGB"))]


# -- kiosk prereg --------------------------------------------------------------------------

def cmd_prereg_keygen(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    private, public = out / "city-key.pem", out / "city-key.pub.pem"
    _write_private(private, key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(
        Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
    summary = {"private_key": str(private), "public_key_pem": str(public),
               "city_public_key": public_key_text(key)}
    text = translate(N_("Key pair written. Terminals accept it with [scan] city_public_keys = "
                        "[\"{key}\"]."), args.lang)
    emit(args, summary, text.format(key=summary["city_public_key"]))
    return EXIT_OK


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _bad(field: str, message: str) -> BadInput:
    return BadInput([FieldError(field, "invalid", message)])


def cmd_prereg_sign(args: argparse.Namespace) -> int:
    key = _private_key(Path(args.key))
    fields = _form(Path(args.form))
    fields.setdefault("issued_at", datetime.now(UTC).isoformat(timespec="seconds")
                      .replace("+00:00", "Z"))
    signed = sign_prereg(fields, key)
    emit(args, {"payload": signed, "city_public_key": public_key_text(key)}, signed)
    return EXIT_OK


def _private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise _bad("key", N_("The key file is not an Ed25519 private key in PEM."))
    return key


def _form(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not isinstance(data, dict):
        raise _bad("json", N_("The form file is not a JSON object of the form's fields."))
    return data
