"""What a terminal or counter says when a referral slip was read (到岗), in plain words."""

from __future__ import annotations

from kiosk.core.errors import N_
from kiosk.core.i18n import Translator
from kiosk.services.arrivals import ArrivalNote


def arrival_text(t: Translator, note: ArrivalNote) -> str:
    """已确认到岗 with the job and the worker's masked name when they are known here."""
    details = " · ".join(part for part in (note.job_title, note.worker_masked) if part)
    if not details:
        return t(N_("Arrival confirmed."))
    return t(N_("Arrival confirmed: {details}.")).format(details=details)
