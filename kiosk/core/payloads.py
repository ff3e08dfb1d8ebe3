"""What the QR codes on cards, tickets and boards carry (versioned scan formats).

- worker card  `LGW1:<worker uuid>:<check>`  (check: CRC-32 of the text before it, 8 hex)
- job          `LGJ1:<job uuid>`
- referral     `LGD1:<referral uuid>:<check>`  (派工单, older slips)
- referral     `LGD2:<referral uuid>:<job uuid>:<masked name>:<check>`  (派工单: scanned at
  any terminal or counter to confirm the arrival, which says the job and the worker's masked
  name even where the referral is not known; the name is unpadded base64url of UTF-8)
- complaint    `LGC1:<complaint uuid>:<check>`  (the complaint receipt: its status at the
  touchscreen)
"""

from __future__ import annotations

import base64
import zlib

WORKER_CARD = "LGW1"
JOB = "LGJ1"
REFERRAL = "LGD1"
REFERRAL_SLIP = "LGD2"
COMPLAINT = "LGC1"


def _check(text: str) -> str:
    return f"{zlib.crc32(text.encode('ascii')):08X}"


def worker_card(worker_id: str) -> str:
    body = f"{WORKER_CARD}:{worker_id}"
    return f"{body}:{_check(body)}"


def job(job_id: str) -> str:
    return f"{JOB}:{job_id}"


def referral(referral_id: str) -> str:
    body = f"{REFERRAL}:{referral_id}"
    return f"{body}:{_check(body)}"


def referral_slip(referral_id: str, job_id: str, worker_masked: str) -> str:
    name = base64.urlsafe_b64encode(worker_masked.encode("utf-8")).decode("ascii").rstrip("=")
    body = f"{REFERRAL_SLIP}:{referral_id}:{job_id}:{name}"
    return f"{body}:{_check(body)}"


def complaint(complaint_id: str) -> str:
    body = f"{COMPLAINT}:{complaint_id}"
    return f"{body}:{_check(body)}"


def checked_id(payload: str, prefix: str) -> str | None:
    """The uuid of a checked payload of `prefix`, or None if it is not one or its check fails."""
    parts = payload.split(":")
    if len(parts) != 3 or parts[0] != prefix:
        return None
    body = f"{parts[0]}:{parts[1]}"
    return parts[1] if parts[2] == _check(body) else None
