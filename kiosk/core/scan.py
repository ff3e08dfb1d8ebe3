"""Parsing what a scanner or camera read: every versioned payload, or why it is not one.

The formats are described in docs/scan-formats.md. `parse_scan` never raises on any text: it
returns a typed payload (WorkerCard, JobCode, Referral, ComplaintCode, PreRegistration,
Provisioning) or a ScanError with a code and a translatable message. It accepts only
exactly-valid payloads: canonical uuids and base64, a matching check, a good Ed25519
signature.

Scanner typing: surrounding spaces, tabs, CR and LF are dropped. A prefix in lower case
(`lgw1:`) means the scanner typed with Caps Lock on, so the whole text is case-inverted back
first; a mixed-case prefix is not accepted.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar, TypeAlias

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.core import payloads
from kiosk.core.card_rules import CardProof
from kiosk.core.cards import KEY_ID_CHARS, SIGNED_CARD, card_proof, signed_by_any
from kiosk.core.catalogue import load_catalogue
from kiosk.core.drafts import Context, EmployerDraft, JobDraft, WorkerDraft, validate_worker
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.i18n import translate
from kiosk.core.privacy import mask_id_number, mask_phone
from kiosk.core.scan_post import DRAFT_MESSAGES, EMPLOYER_POST, draft_errors, shaped

MAX_SCAN_CHARS = 4096  # longer input is rejected before anything else is looked at
PREREG_VALID_FOR = timedelta(hours=24)
CLOCK_SKEW = timedelta(minutes=10)  # a phone's clock may run a little ahead of the hall's
PREREG = "LGR1"
PROVISIONING = "LGP1"
_SIGNATURE_BYTES = 64
_SIGNATURE_CHARS = 86  # unpadded base64url of 64 bytes
_KEY_BYTES = 32
_SCANNER_SPACE = " \t\r\n"
_PREFIX = re.compile(r"LG([A-Z])([0-9]{1,3})")
_KNOWN_KINDS = {"W": payloads.WORKER_CARD, "J": payloads.JOB, "D": payloads.REFERRAL,
                "C": payloads.COMPLAINT, "R": PREREG, "P": PROVISIONING, "E": EMPLOYER_POST}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_UUID_LEN = 36
_CHECK = re.compile(r"[0-9A-F]{8}")
_CHECK_LEN = 8
_B64URL = re.compile(r"[A-Za-z0-9_-]*")
_PREREG_REQUIRED = frozenset({"version", "name", "id_number", "phone", "trades", "issued_at"})
_PREREG_KEYS = _PREREG_REQUIRED | {"intentions"}
_PROVISIONING_REQUIRED = ("hub", "terminal", "hall", "token")


# -- results -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ScanError:
    """Why a scan was refused. `message` is a catalogue key; `params` fill its placeholders."""

    code: str
    message: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    field_errors: tuple[FieldError, ...] = ()  # a signed pre-registration with bad fields

    def text(self, language: str) -> str:
        return translate(self.message, language).format(**self.params)

    def to_json(self, language: str = "zh_CN") -> dict[str, object]:
        return {"code": self.code, "message": self.text(language),
                "message_en": self.text("en"),
                "fields": [e.to_json(language) for e in self.field_errors]}


@dataclass(frozen=True, slots=True)
class WorkerCard:
    """A worker card: `LGW1` (checksum only) or `LGW2` (signed by its terminal; `proof`
    says what its signature proves with this terminal's keys, kiosk.core.cards)."""

    route: ClassVar[str] = "check_in"
    worker_id: str
    proof: CardProof = CardProof.LEGACY
    signed_text: str = ""  # the exact LGW2 text

    def text(self) -> str:
        return self.signed_text or payloads.worker_card(self.worker_id)

    def summary(self) -> dict[str, object]:
        return {"worker_id": self.worker_id, "card": self.proof.value}


@dataclass(frozen=True, slots=True)
class JobCode:
    route: ClassVar[str] = "job_detail"
    job_id: str

    def text(self) -> str:
        return payloads.job(self.job_id)

    def summary(self) -> dict[str, object]:
        return {"job_id": self.job_id}


@dataclass(frozen=True, slots=True)
class Referral:
    """A referral slip: `LGD2` also names the job and the worker's masked name (what a
    terminal of another hall says on confirming the arrival); `LGD1` the referral only."""

    route: ClassVar[str] = "referral_confirm"
    referral_id: str
    job_id: str = ""
    worker_masked: str = ""

    def text(self) -> str:
        if self.job_id:
            return payloads.referral_slip(self.referral_id, self.job_id, self.worker_masked)
        return payloads.referral(self.referral_id)

    def summary(self) -> dict[str, object]:
        return {"referral_id": self.referral_id, "job_id": self.job_id or None,
                "worker_masked": self.worker_masked or None}


@dataclass(frozen=True, slots=True)
class ComplaintCode:
    """The QR of a complaint receipt: the touchscreen shows the complaint's status."""

    route: ClassVar[str] = "complaint_status"
    complaint_id: str

    def text(self) -> str:
        return payloads.complaint(self.complaint_id)

    def summary(self) -> dict[str, object]:
        return {"complaint_id": self.complaint_id}


@dataclass(frozen=True, slots=True)
class PreRegistration:
    """A phone form signed by the city: the review screen's fields, already validated."""

    route: ClassVar[str] = "prereg_review"
    name: str
    id_number: str
    phone: str
    trades: tuple[str, ...]
    intentions: tuple[str, ...]
    issued_at: datetime
    signed_text: str  # the exact payload, as signed

    def text(self) -> str:
        return self.signed_text

    def draft(self, *, consent_given: bool = False) -> WorkerDraft:
        """The registration this form fills in; consent is still the worker's to give."""
        return WorkerDraft(name=self.name, id_number=self.id_number, phone=self.phone,
                           trades=self.trades, intentions=self.intentions,
                           consent_given=consent_given)

    def summary(self) -> dict[str, object]:
        return {"name": self.name, "id_number": mask_id_number(self.id_number),
                "phone": mask_phone(self.phone), "trades": list(self.trades),
                "intentions": list(self.intentions), "issued_at": self.issued_at.isoformat()}


@dataclass(frozen=True, slots=True)
class EmployerPostDraft:
    """`LGE1`: a job draft the city's phone page signed; 我要招工 is filled with it for the
    employer to check and send (kiosk.core.scan_post)."""

    route: ClassVar[str] = "employer_post_review"
    employer: EmployerDraft
    job: JobDraft
    issued_at: datetime
    signed_text: str

    def text(self) -> str:
        return self.signed_text

    def summary(self) -> dict[str, object]:
        job = self.job
        return {"employer": self.employer.name, "phone": mask_phone(self.employer.phone),
                "role": self.employer.role, "trade": job.trade, "title": job.title,
                "headcount": job.headcount,
                "start_date": job.start_date.isoformat() if job.start_date else None,
                "pay": f"{job.pay_amount}/{job.pay_unit}",
                "issued_at": self.issued_at.isoformat()}


@dataclass(frozen=True, slots=True)
class Provisioning:
    """`LGP1`: connects a terminal to the hub. The token is a secret; city_keys are base64
    Ed25519 public keys whose pre-registrations the terminal accepts."""

    route: ClassVar[str] = "provision"
    hub: str  # base URL, e.g. https://hub.example:8443
    terminal: str
    hall: str
    token: str
    city_keys: tuple[str, ...] = ()

    def text(self) -> str:
        return encode_provisioning(self)

    def summary(self) -> dict[str, object]:
        return {"hub": self.hub, "terminal": self.terminal, "hall": self.hall,
                "token": "*" * 8, "city_keys": list(self.city_keys)}


ScanPayload: TypeAlias = (WorkerCard | JobCode | Referral | ComplaintCode | PreRegistration
                          | Provisioning | EmployerPostDraft)
ScanResult: TypeAlias = ScanPayload | ScanError


@dataclass(frozen=True, slots=True)
class ScanKeys:
    """The city public keys (raw 32 bytes each) this terminal accepts; several while keys
    rotate. `card_keys`: the terminals' public keys (raw) whose LGW2 cards it checks."""

    city_public_keys: tuple[bytes, ...] = ()
    card_keys: tuple[bytes, ...] = ()

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> ScanKeys:
        """Keys written as standard base64; raises ValueError naming a bad one."""
        return cls(tuple(public_key_bytes(t) for t in texts))


def public_key_bytes(text: str) -> bytes:
    """A base64 Ed25519 public key's 32 bytes; raises ValueError when it is not one."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"not a base64 Ed25519 public key: {text!r}") from exc
    if len(raw) != _KEY_BYTES:
        raise ValueError(f"an Ed25519 public key has 32 bytes, not {len(raw)}: {text!r}")
    return raw


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The public half as standard base64 (the form in config and provisioning strings)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


# -- encoders ------------------------------------------------------------------------------

def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def encode_provisioning(p: Provisioning) -> str:
    data: dict[str, object] = {"hub": p.hub, "terminal": p.terminal, "hall": p.hall,
                               "token": p.token}
    if p.city_keys:
        data["city_keys"] = list(p.city_keys)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return f"{PROVISIONING}:{_b64url(raw)}"


def sign_prereg(fields: Mapping[str, object], private_key: Ed25519PrivateKey) -> str:
    """A signed `LGR1` payload (for the city's phone form, its developers and tests).

    `fields`: name, id_number, phone, trades, intentions (optional), issued_at (a datetime
    or ISO text in UTC); version defaults to 1.
    """
    data = {"version": 1, **fields}
    issued = data.get("issued_at")
    if isinstance(issued, datetime):
        data["issued_at"] = _iso_z(issued)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    body = f"{PREREG}:{_b64url(raw.encode('utf-8'))}"
    return f"{body}.{_b64url(private_key.sign(body.encode('ascii')))}"


def _iso_z(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("issued_at must carry its timezone (UTC)")
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# -- parsing -------------------------------------------------------------------------------

def parse_scan(text: str, *, keys: ScanKeys, now: datetime,
               context: Context | None = None) -> ScanResult:
    """What `text` (as a scanner typed it) is, or why it is refused. Never raises.

    `now` (timezone-aware) decides a pre-registration's 24 hours; `context` (default: the
    shipped catalogue, `now`'s date) validates its fields.
    """
    screened = _screen(text)
    if isinstance(screened, ScanError):
        return screened
    prefix, colon, body = screened.partition(":")
    kind = _kind(prefix)
    if isinstance(kind, ScanError):
        return kind
    if not colon or not body:
        return _truncated()
    return _parse_kind(kind, screened, body, _Env(keys, now, context))


@dataclass(frozen=True, slots=True)
class _Env:
    keys: ScanKeys
    now: datetime
    context: Context | None


def _screen(text: str) -> str | ScanError:
    """The text without the scanner's spaces and Caps Lock, or why it cannot be a payload."""
    if len(text) > MAX_SCAN_CHARS:
        return _error("oversize", N_("The code is too long to be one of ours."))
    trimmed = text.strip(_SCANNER_SPACE)
    if not trimmed:
        return _error("empty", N_("Nothing was read. Please scan again."))
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in trimmed):
        return _error("control_characters", N_(
            "The code contains control characters: it is not one of ours."))
    return _undo_caps_lock(trimmed)


def _kind(prefix: str) -> str | ScanError:
    matched = _PREFIX.fullmatch(prefix)
    if matched is None or matched.group(1) not in _KNOWN_KINDS:
        return _error("unknown_prefix", N_("This code is not one this terminal reads."))
    if prefix in (SIGNED_CARD, payloads.REFERRAL_SLIP):
        return prefix
    if matched.group(2) != "1":
        return _error("unknown_version", N_(
            "This code is from a newer version ({prefix}). Please update the terminal."),
            prefix=prefix)
    return _KNOWN_KINDS[matched.group(1)]


def _undo_caps_lock(text: str) -> str:
    prefix = text.partition(":")[0]
    return text.swapcase() if prefix.islower() else text


def _parse_kind(kind: str, whole: str, body: str, env: _Env) -> ScanResult:
    crc_checked = _CRC_CHECKED.get(kind)
    if crc_checked is not None:
        return _checked(whole, body, *crc_checked)
    parse = _PARSERS.get(kind)
    return _provisioning(body) if parse is None else parse(whole, body, env)


def _job_code(_whole: str, body: str, _env: _Env) -> ScanResult:
    uuid = _uuid(body)
    return uuid if isinstance(uuid, ScanError) else JobCode(uuid)


# The kinds whose uuid carries a CRC-32 check: their encoder and what they read as.
_CRC_CHECKED: dict[str, tuple[Callable[[str], str],
                              Callable[[str], WorkerCard | Referral | ComplaintCode]]] = {
    payloads.WORKER_CARD: (payloads.worker_card, WorkerCard),
    payloads.REFERRAL: (payloads.referral, Referral),
    payloads.COMPLAINT: (payloads.complaint, ComplaintCode),
}


def _uuid(text: str) -> str | ScanError:
    if ":" in text or len(text) > _UUID_LEN:
        return _malformed()
    if len(text) < _UUID_LEN:
        return _truncated()
    return text if _UUID.fullmatch(text) else _malformed()


def _checked(whole: str, body: str, encode: Callable[[str], str],
             make: Callable[[str], WorkerCard | Referral | ComplaintCode]) -> ScanResult:
    uuid = _checked_uuid(body)
    if isinstance(uuid, ScanError):
        return uuid
    if encode(uuid) != whole:
        return _error("bad_check", N_("The code's check does not match: please scan again."))
    return make(uuid)


def _checked_uuid(body: str) -> str | ScanError:
    """The uuid of `<uuid>:<check>` when both have their shape (the check is not verified)."""
    parts = body.split(":")
    if len(parts) != 2:
        return _truncated() if len(parts) < 2 else _malformed()
    uuid = _uuid(parts[0])
    if isinstance(uuid, ScanError):
        return uuid
    if len(parts[1]) < _CHECK_LEN:
        return _truncated()
    return uuid if _CHECK.fullmatch(parts[1]) else _malformed()


_MASKED_NAME_CHARS = 20  # a masked name is a few characters (张*明)


def _referral_slip(whole: str, body: str) -> ScanResult:
    """`<referral uuid>:<job uuid>:<masked name>:<check>`, the name canonical base64url of
    UTF-8 text without control characters."""
    parts = body.split(":")
    if len(parts) != 4:
        return _truncated() if len(parts) < 4 else _malformed()
    ids = [_uuid(part) for part in parts[:2]]
    for found in ids:
        if isinstance(found, ScanError):
            return found
    name = _masked_name(parts[2])
    if isinstance(name, ScanError):
        return name
    if not _CHECK.fullmatch(parts[3]):
        return _truncated() if len(parts[3]) < _CHECK_LEN else _malformed()
    referral_id, job_id = str(ids[0]), str(ids[1])
    if payloads.referral_slip(referral_id, job_id, name) != whole:
        return _error("bad_check", N_("The code's check does not match: please scan again."))
    return Referral(referral_id, job_id, name)


def _masked_name(text: str) -> str | ScanError:
    if not _B64URL.fullmatch(text) or len(text) > 4 * _MASKED_NAME_CHARS:
        return _malformed()
    try:
        name = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return _malformed()
    if len(name) > _MASKED_NAME_CHARS or any(
            unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        return _malformed()
    return name


def _signed_card(whole: str, body: str, keys: ScanKeys) -> ScanResult:
    """`<uuid>:<key id>:<signature>`; a card whose signature does not check out is still a
    card (its check-in waits for the hub), its proof says why."""
    parts = body.split(":")
    if len(parts) != 3:
        return _truncated() if len(parts) < 3 else _malformed()
    uuid = _uuid(parts[0])
    if isinstance(uuid, ScanError):
        return uuid
    kid, signature64 = parts[1], parts[2]
    if len(kid) != KEY_ID_CHARS or not _B64URL.fullmatch(kid) or _b64decode(kid) is None:
        return _truncated() if len(kid) < KEY_ID_CHARS else _malformed()
    if _B64URL.fullmatch(signature64) and len(signature64) < _SIGNATURE_CHARS:
        return _truncated()
    signature = _b64decode(signature64)
    if signature is None or len(signature) != _SIGNATURE_BYTES:
        return _bad_base64()
    return WorkerCard(uuid, card_proof(uuid, kid, signature, keys.card_keys), whole)


def _b64decode(text: str) -> bytes | None:
    """Canonical unpadded base64url only (so one payload has exactly one spelling)."""
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        return None
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    return raw if _b64url(raw) == text else None


def _json_object(raw: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


# -- pre-registration ----------------------------------------------------------------------

def _prereg(whole: str, body: str, env: _Env) -> ScanResult:
    form = _signed_form(body, env.keys)
    if isinstance(form, ScanError):
        return form
    data = _json_object(form)
    if data is None:
        return _bad_json()
    return _prereg_fields(data, whole, env.now, env.context)


_PREREG_MESSAGES = {
    "missing_signature": N_(
        "This pre-registration is not signed: please fill in the form again."),
    "no_city_key": N_(
        "This terminal has no city key yet, so it cannot check pre-registrations."),
    "bad_signature": N_(
        "This pre-registration's signature is not valid: it was not made by the city."),
    "expired": N_("This pre-registration has expired (valid for 24 hours): please fill in "
                  "the form again."),
    "not_yet_valid": N_("This pre-registration is dated in the future: please check the "
                        "terminal's clock."),
}


def _signed_form(body: str, keys: ScanKeys) -> bytes | ScanError:
    """The form's JSON bytes once a city key's signature over `LGR1:<form>` checks out."""
    return signed_body(PREREG, body, keys, _PREREG_MESSAGES)


def signed_body(prefix: str, body: str, keys: ScanKeys,
                messages: Mapping[str, str]) -> bytes | ScanError:
    """The JSON bytes of a city-signed `<prefix>:<form>.<signature>` once a city key's
    signature over `<prefix>:<form>` checks out; `messages` say why not, per code."""
    form64, dot, signature64 = body.partition(".")
    if not dot or not signature64:
        return _error("missing_signature", messages["missing_signature"])
    decoded = _form_and_signature(form64, signature64)
    if isinstance(decoded, ScanError):
        return decoded
    form, signature = decoded
    if not keys.city_public_keys:
        return _error("no_city_key", messages["no_city_key"])
    if not signed_by_city(f"{prefix}:{form64}".encode("ascii"), signature, keys):
        return _error("bad_signature", messages["bad_signature"])
    return form


def _form_and_signature(form64: str, signature64: str) -> tuple[bytes, bytes] | ScanError:
    if not form64 or "." in signature64:
        return _truncated() if not form64 else _malformed()
    form = _b64decode(form64)
    if form is not None and _B64URL.fullmatch(signature64) \
            and len(signature64) < _SIGNATURE_CHARS:
        return _truncated()
    signature = _b64decode(signature64)
    if form is None or signature is None:
        return _bad_base64()
    return form, signature


def signed_by_city(message: bytes, signature: bytes, keys: ScanKeys) -> bool:
    """Whether one of the city's public keys signed `message` (Ed25519)."""
    return signed_by_any(message, signature, keys.city_public_keys)


def _prereg_fields(data: dict[str, Any], whole: str, now: datetime,
                   context: Context | None) -> ScanResult:
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version != 1:
        return _error("unknown_version", N_(
            "This code is from a newer version ({prefix}). Please update the terminal."),
            prefix=f"{PREREG} v{version}")
    if version != 1 or not _PREREG_REQUIRED <= data.keys() <= _PREREG_KEYS:
        return _bad_json()
    strings = [data[k] for k in ("name", "id_number", "phone", "issued_at")]
    trades, intentions = data["trades"], data.get("intentions", ["daily"])
    if not all(isinstance(v, str) for v in strings) or not _strings(trades) \
            or not _strings(intentions):
        return _bad_json()
    issued = _parse_utc(data["issued_at"])
    if issued is None:
        return _bad_json()
    stale = _check_age(issued, now)
    if stale is not None:
        return stale
    form = PreRegistration(name=data["name"], id_number=data["id_number"],
                           phone=data["phone"], trades=tuple(trades),
                           intentions=tuple(intentions), issued_at=issued, signed_text=whole)
    return _validated(form, context or _default_context(now.date()))


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _parse_utc(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _check_age(issued: datetime, now: datetime) -> ScanError | None:
    return check_age(issued, now, _PREREG_MESSAGES)


def check_age(issued: datetime, now: datetime,
              messages: Mapping[str, str]) -> ScanError | None:
    """Valid for 24 hours from `issued`; refused when dated more than 10 minutes ahead."""
    age = now - issued
    if age > PREREG_VALID_FOR:
        return _error("expired", messages["expired"])
    if age < -CLOCK_SKEW:
        return _error("not_yet_valid", messages["not_yet_valid"])
    return None


def _default_context(today: date) -> Context:
    return Context(today=today, catalogue=load_catalogue())


def _validated(form: PreRegistration, context: Context) -> ScanResult:
    checked = validate_worker(form.draft(consent_given=True), context)
    if isinstance(checked, Err):
        return ScanError("invalid_fields", N_(
            "This pre-registration is signed but some of its answers are not valid."),
            field_errors=checked.errors)
    valid = checked.value
    return PreRegistration(
        name=valid.name, id_number=valid.id_number.number, phone=valid.phone,
        trades=valid.trades, intentions=tuple(i.value for i in valid.intentions),
        issued_at=form.issued_at, signed_text=form.signed_text)


# -- an employer's job draft (LGE1, kiosk.core.scan_post) ------------------------------

def _employer_post(whole: str, body: str, env: _Env) -> ScanResult:
    """The signature (any city key), the shape, the 24 hours, then every field through
    the counter's validators."""
    read = _employer_post_form(body, env.keys)
    if isinstance(read, ScanError):
        return read
    issued, employer, job = read
    stale = check_age(issued, env.now, DRAFT_MESSAGES)
    if stale is not None:
        return stale
    errors = draft_errors(employer, job, env.context or _default_context(env.now.date()))
    if errors:
        return ScanError("invalid_fields", N_(
            "This job draft is signed but some of its answers are not valid."),
            field_errors=errors)
    return EmployerPostDraft(employer=employer, job=job, issued_at=issued, signed_text=whole)


def _employer_post_form(body: str, keys: ScanKeys,
                        ) -> tuple[datetime, EmployerDraft, JobDraft] | ScanError:
    form = signed_body(EMPLOYER_POST, body, keys, DRAFT_MESSAGES)
    if isinstance(form, ScanError):
        return form
    data = _json_object(form)
    if data is None:
        return _bad_json()
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version != 1:
        return newer_version(f"{EMPLOYER_POST} v{version}")
    read = shaped(data)
    return _bad_json() if read is None else read


# -- provisioning --------------------------------------------------------------------------

def _provisioning(body: str) -> ScanResult:
    raw = _b64decode(body)
    if raw is None:
        return _bad_base64()
    data = _json_object(raw)
    if data is None:
        return _bad_json()
    values = [data.get(k) for k in _PROVISIONING_REQUIRED]
    keys = data.get("city_keys", [])
    if not all(isinstance(v, str) and v for v in values) or not _strings(keys) \
            or not data.keys() <= {*_PROVISIONING_REQUIRED, "city_keys"}:
        return _bad_json()
    try:
        ScanKeys.from_texts(keys)
    except ValueError:
        return _bad_json()
    hub, terminal, hall, token = (str(v) for v in values)
    return Provisioning(hub=hub, terminal=terminal, hall=hall, token=token,
                        city_keys=tuple(keys))


def parse_provisioning(text: str) -> Provisioning | ScanError:
    """Only a provisioning string (what `kiosk provision` accepts)."""
    result = parse_scan(text, keys=ScanKeys(), now=datetime.now(UTC))
    if isinstance(result, Provisioning):
        return result
    if isinstance(result, ScanError) and result.code in ("oversize", "empty"):
        return result
    normalised = _undo_caps_lock(text.strip(_SCANNER_SPACE))
    if isinstance(result, ScanError) and normalised.startswith(PROVISIONING + ":"):
        return result
    return _error("not_provisioning", N_("This is not a provisioning code (LGP1:…)."))


# -- errors --------------------------------------------------------------------------------

def _error(code: str, message: str, **params: str | int) -> ScanError:
    return ScanError(code, message, params)


def _truncated() -> ScanError:
    return _error("truncated", N_("Only part of the code was read. Please scan it again."))


def _malformed() -> ScanError:
    return _error("malformed", N_("The code is damaged: it is not in our format."))


def _bad_base64() -> ScanError:
    return _error("bad_base64", N_("The code is damaged (its encoding is broken)."))


def _bad_json() -> ScanError:
    return _error("bad_json", N_("The code is damaged (its contents cannot be read)."))


def newer_version(prefix: str) -> ScanError:
    return _error("unknown_version", N_(
        "This code is from a newer version ({prefix}). Please update the terminal."),
        prefix=prefix)


# The other kinds, each read by its own function (whole text, body, keys and clock).
_PARSERS: dict[str, Callable[[str, str, _Env], ScanResult]] = {
    SIGNED_CARD: lambda whole, body, env: _signed_card(whole, body, env.keys),
    payloads.REFERRAL_SLIP: lambda whole, body, _env: _referral_slip(whole, body),
    payloads.JOB: _job_code,
    PREREG: _prereg,
    EMPLOYER_POST: _employer_post,
}
