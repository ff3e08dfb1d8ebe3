"""`LGE1`: an employer's job draft from the city's phone page, signed with the city key
(docs/scan-formats.md). Scanned at a hall's touchscreen it fills 我要招工 for the employer
to check and send; like every self-post it then waits for the counter.

`LGE1:<base64url(JSON)>.<base64url(Ed25519 signature over "LGE1:<base64url(JSON)>")>`
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core.drafts import (
    Context,
    EmployerDraft,
    JobDraft,
    validate_employer,
    validate_job,
)
from kiosk.core.errors import N_, Err

if TYPE_CHECKING:
    from kiosk.core.scan import EmployerPostDraft, ScanError, ScanKeys

EMPLOYER_POST = "LGE1"
_EMPLOYER_REQUIRED = {"kind": str, "name": str, "phone": str}
_EMPLOYER_OPTIONAL = {"uscc": str, "role": str, "contact_name": str}
_JOB_REQUIRED = {"trade": str, "title": str, "place": str, "start_date": str,
                 "headcount": int, "pay_amount": str, "pay_unit": str, "settlement": str}
_JOB_OPTIONAL = {"area": str, "start_time": str, "days": str, "description": str,
                 "certificates": list, "skill_level": str, "skills_note": str,
                 "meeting_point": str, "day_estimate": str, "meals": bool, "lodging": bool,
                 "tools_provided": bool, "insurance": bool}
_TOP = frozenset({"version", "issued_at", "employer", "job"})


def sign_employer_post(employer: Mapping[str, object], job: Mapping[str, object],
                       private_key: Ed25519PrivateKey, issued_at: datetime) -> str:
    """What the city's phone page makes of an employer's answers: a signed `LGE1` draft
    (also for tests and the demo). `job["start_date"]` may be a date."""
    from kiosk.core.scan import _b64url, _iso_z  # noqa: PLC0415 - one encoding for all kinds

    job_data = {k: v.isoformat() if isinstance(v, date) else v for k, v in job.items()}
    data = {"version": 1, "issued_at": _iso_z(issued_at.astimezone(UTC)),
            "employer": dict(employer), "job": job_data}
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    body = f"{EMPLOYER_POST}:{_b64url(raw.encode('utf-8'))}"
    return f"{body}.{_b64url(private_key.sign(body.encode('ascii')))}"


def parse_employer_post(whole: str, body: str, keys: ScanKeys, now: datetime,
                        context: Context) -> EmployerPostDraft | ScanError:
    """The signature (any city key), the shape, the 24 hours, then every field through
    the counter's validators; the discrimination check is the review's (it explains)."""
    from kiosk.core import scan  # noqa: PLC0415 - scan imports this module on demand

    form = scan.signed_body(EMPLOYER_POST, body, keys, _DRAFT_MESSAGES)
    if isinstance(form, scan.ScanError):
        return form
    shaped = _read(form)
    if isinstance(shaped, scan.ScanError):
        return shaped
    issued, employer, job = shaped
    stale = scan.check_age(issued, now, _DRAFT_MESSAGES)
    if stale is not None:
        return stale
    errors = tuple(e for r in (validate_employer(employer),
                               validate_job(job, context)) if isinstance(r, Err)
                   for e in r.errors)
    if errors:
        return scan.ScanError("invalid_fields", N_(
            "This job draft is signed but some of its answers are not valid."),
            field_errors=errors)
    return scan.EmployerPostDraft(employer=employer, job=job, issued_at=issued,
                                  signed_text=whole)


def _read(form: bytes) -> tuple[datetime, EmployerDraft, JobDraft] | ScanError:
    from kiosk.core import scan  # noqa: PLC0415

    data = scan.json_object(form)
    if data is None:
        return scan.bad_json()
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version != 1:
        return scan.newer_version(f"{EMPLOYER_POST} v{version}")
    shaped = _shaped(data)
    return scan.bad_json() if shaped is None else shaped


def _shaped(data: dict[str, Any]) -> tuple[datetime, EmployerDraft, JobDraft] | None:
    """The drafts when the JSON has exactly the keys and types of docs/scan-formats.md."""
    from kiosk.core.scan import parse_utc  # noqa: PLC0415

    if data.keys() != _TOP or data["version"] != 1 or not isinstance(data["issued_at"], str):
        return None
    issued = parse_utc(data["issued_at"])
    employer, job = data["employer"], data["job"]
    if issued is None or not _typed(employer, _EMPLOYER_REQUIRED, _EMPLOYER_OPTIONAL) \
            or not _typed(job, _JOB_REQUIRED, _JOB_OPTIONAL):
        return None
    if not all(isinstance(c, str) for c in job.get("certificates", [])):
        return None
    try:
        start = date.fromisoformat(job["start_date"])
    except ValueError:
        return None
    return issued, EmployerDraft(**employer), JobDraft(
        employer_id="", **{**job, "start_date": start,
                           "certificates": tuple(job.get("certificates", ()))})


def _typed(value: object, required: Mapping[str, type], optional: Mapping[str, type]) -> bool:
    if not isinstance(value, dict) or not required.keys() <= value.keys() <= (
            required.keys() | optional.keys()):
        return False
    wanted = {**required, **optional}
    return all(isinstance(v, wanted[k]) and not (isinstance(v, bool) and wanted[k] is int)
               for k, v in value.items())


_DRAFT_MESSAGES = {
    "missing_signature": N_("This job draft is not signed: please fill in the form again."),
    "no_city_key": N_("This terminal has no city key yet, so it cannot check job drafts."),
    "bad_signature": N_("This job draft's signature is not valid: it was not made by the "
                        "city (or it was changed since)."),
    "expired": N_("This job draft has expired (valid for 24 hours): please fill in the "
                  "form again."),
    "not_yet_valid": N_("This job draft is dated in the future: please check the "
                        "terminal's clock."),
}
