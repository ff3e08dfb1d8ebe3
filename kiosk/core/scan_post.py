"""`LGE1`: an employer's job draft from the city's phone page, signed with the city key
(docs/scan-formats.md). Scanned at a hall's touchscreen it fills 我要招工 for the employer
to check and send; like every self-post it then waits for the counter.

`LGE1:<base64url(JSON)>.<base64url(Ed25519 signature over "LGE1:<base64url(JSON)>")>`
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core.drafts import (
    Context,
    EmployerDraft,
    JobDraft,
    validate_employer,
    validate_job,
)
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.self_posts import AT_THE_COUNTER

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
    job_data = {k: v.isoformat() if isinstance(v, date) else v for k, v in job.items()}
    issued = issued_at.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    data = {"version": 1, "issued_at": issued, "employer": dict(employer), "job": job_data}
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    body = f"{EMPLOYER_POST}:{_b64url(raw.encode('utf-8'))}"
    return f"{body}.{_b64url(private_key.sign(body.encode('ascii')))}"


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def draft_errors(employer: EmployerDraft, job: JobDraft,
                 context: Context) -> tuple[FieldError, ...]:
    """The counter's validators on both parts (the discrimination check is the review's:
    it explains). A draft never carries what the employer shows at the counter (a 揽头's ID
    number has no place in a QR on a phone; an agency's licence): those wait for staff."""
    return tuple(e for r in (validate_employer(employer, context.today),
                             validate_job(job, context))
                 if isinstance(r, Err) for e in r.errors if e.field not in AT_THE_COUNTER)


def shaped(data: dict[str, Any]) -> tuple[datetime, EmployerDraft, JobDraft] | None:
    """The issue time and drafts when the JSON has exactly the keys and types of
    docs/scan-formats.md; None when it does not."""
    return _shaped(data)


def _shaped(data: dict[str, Any]) -> tuple[datetime, EmployerDraft, JobDraft] | None:
    if data.keys() != _TOP or data["version"] != 1 or not isinstance(data["issued_at"], str):
        return None
    issued = _parse_utc(data["issued_at"])
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


def _parse_utc(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _typed(value: object, required: Mapping[str, type], optional: Mapping[str, type]) -> bool:
    if not isinstance(value, dict) or not required.keys() <= value.keys() <= (
            required.keys() | optional.keys()):
        return False
    wanted = {**required, **optional}
    return all(isinstance(v, wanted[k]) and not (isinstance(v, bool) and wanted[k] is int)
               for k, v in value.items())


DRAFT_MESSAGES = {
    "missing_signature": N_("This job draft is not signed: please fill in the form again."),
    "no_city_key": N_("This terminal has no city key yet, so it cannot check job drafts."),
    "bad_signature": N_("This job draft's signature is not valid: it was not made by the "
                        "city (or it was changed since)."),
    "expired": N_("This job draft has expired (valid for 24 hours): please fill in the "
                  "form again."),
    "not_yet_valid": N_("This job draft is dated in the future: please check the "
                        "terminal's clock."),
}
