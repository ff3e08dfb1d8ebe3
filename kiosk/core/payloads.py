"""What the QR codes on cards, tickets and boards carry (versioned scan formats).

- worker card  `LGW1:<worker uuid>:<check>`  (check: CRC-32 of the text before it, 8 hex)
- job          `LGJ1:<job uuid>`
- referral     `LGD1:<referral uuid>:<check>`  (派工单: scanned at the counter to confirm)
- complaint    `LGC1:<complaint uuid>:<check>`  (the complaint receipt: its status at the
  touchscreen)
"""

from __future__ import annotations

import zlib

WORKER_CARD = "LGW1"
JOB = "LGJ1"
REFERRAL = "LGD1"
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
