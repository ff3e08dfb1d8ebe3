"""Names a person reads for the record kinds and outbox states the `kiosk` command counts."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.core.errors import N_
from kiosk.core.i18n import translate

LABELS = {
    # records
    "workers": N_("workers"),
    "employers": N_("employers"),
    "jobs": N_("jobs"),
    "checkins": N_("check-ins"),
    "referrals": N_("referrals"),
    "service_events": N_("131 services"),
    "complaints": N_("complaints"),
    "case_steps": N_("casework steps"),
    "notices": N_("notices"),
    "audit_events": N_("staff actions"),
    "queue_calls": N_("numbers called"),
    "course_signups": N_("training sign-ups"),
    "attendance": N_("training attendance"),
    "course_cancels": N_("training sign-ups cancelled"),
    "self_posts": N_("employers' posts to review"),
    "staff_calls": N_("calls for staff"),
    "arrivals": N_("arrivals confirmed (slips scanned)"),
    "safety_acks": N_("safety briefings acknowledged"),
    "help_requests": N_("requests for help"),
    # staff roles
    "clerk": N_("clerk"),
    "supervisor": N_("supervisor"),
    # print jobs
    "queued": N_("queued"),
    "printing": N_("printing"),
    "printed": N_("printed"),
    "failed": N_("failed"),
    "cancelled": N_("cancelled"),
    # the sync outbox
    "pending": N_("waiting"),
    "sending": N_("sending"),
    "acked": N_("acknowledged"),
    "rejected": N_("refused by the hub"),
    "quarantined": N_("kept aside"),
    "conflict": N_("conflicts"),
}


def label_of(name: str, language: str) -> str:
    """The label of a record kind or outbox state (its own name when there is none)."""
    return translate(LABELS[name], language) if name in LABELS else name


def counts_text(counts: Mapping[str, object], language: str) -> str:
    """`零工 5，用工单位 1…` / `workers 5, employers 1…`."""
    separator = "，" if language == "zh_CN" else ", "
    return separator.join(f"{label_of(k, language)} {v}" for k, v in counts.items())
