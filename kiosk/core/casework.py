"""A complaint's casework as a state machine (pure): which step may follow which status,
the status it leads to, and the plain words a worker reads about each status."""

from __future__ import annotations

from kiosk.core.errors import N_
from kiosk.core.records import CaseAction, ComplaintKind, ComplaintStatus

S = ComplaintStatus
# The touchscreen's tile for the look-up by receipt number (the receipt names it).
COMPLAINT_STATUS_TILE = N_("Complaint status")
OPEN = frozenset({S.RECEIVED, S.IN_PROGRESS, S.REFERRED})
FINISHED = frozenset({S.RESOLVED, S.CLOSED})

# step → (the statuses it may follow, the status it leads to)
STEPS: dict[CaseAction, tuple[frozenset[ComplaintStatus], ComplaintStatus]] = {
    CaseAction.TAKE_UP: (frozenset({S.RECEIVED}), S.IN_PROGRESS),
    CaseAction.MEDIATION: (frozenset({S.RECEIVED, S.IN_PROGRESS}), S.IN_PROGRESS),
    CaseAction.REFER: (frozenset({S.RECEIVED, S.IN_PROGRESS}), S.REFERRED),
    CaseAction.RESOLVE: (OPEN, S.RESOLVED),
    CaseAction.CLOSE: (OPEN, S.CLOSED),
}

KIND_NAMES = {
    ComplaintKind.WAGES: N_("Unpaid wages"),
    ComplaintKind.INJURY: N_("Work injury"),
    ComplaintKind.DEPOSIT: N_("Deposit or ID card withheld"),
    ComplaintKind.OVERTIME: N_("Unpaid overtime"),
    ComplaintKind.OTHER: N_("Other dispute"),
}

STATUS_NAMES = {
    S.RECEIVED: N_("received"),
    S.IN_PROGRESS: N_("being handled"),
    S.REFERRED: N_("referred to labour inspection"),
    S.RESOLVED: N_("resolved"),
    S.CLOSED: N_("closed"),
}

# What a worker reads at the touchscreen: the status in plain words, and what happens next.
STATUS_WORDS = {
    S.RECEIVED: (N_("Complaint received"), N_(
        "Your complaint is registered. Staff will contact you by phone to take it up.")),
    S.IN_PROGRESS: (N_("Being handled"), N_(
        "Staff are talking with the employer for you. We will call you when there is news.")),
    S.REFERRED: (N_("Passed to labour inspection"), N_(
        "Your case has gone to the labour inspection office (劳动保障监察), which can order "
        "the employer to pay. They or we will contact you.")),
    S.RESOLVED: (N_("Resolved"), N_(
        "Your complaint is resolved. If the employer does not keep to the agreement, "
        "come back to the counter with this receipt.")),
    S.CLOSED: (N_("Closed"), N_(
        "Your complaint is closed. If you disagree, come to the counter with this receipt "
        "or call the labour inspection hotline 12333.")),
}

ACTION_NAMES = {
    CaseAction.TAKE_UP: N_("Taken up"),
    CaseAction.MEDIATION: N_("Mediation"),
    CaseAction.REFER: N_("Handed to labour inspection"),
    CaseAction.RESOLVE: N_("Resolved"),
    CaseAction.CLOSE: N_("Closed"),
}


def may_follow(action: CaseAction, status: ComplaintStatus) -> bool:
    return status in STEPS[action][0]


def status_after(action: CaseAction) -> ComplaintStatus:
    return STEPS[action][1]


def allowed_actions(status: ComplaintStatus) -> tuple[CaseAction, ...]:
    return tuple(action for action in CaseAction if may_follow(action, status))


def lookup_digits(text: str) -> str:
    """The digits of a complaint number, in order (what the touchscreen's keypad types:
    TS20261123-T-A01-001 → 2026112301001)."""
    return "".join(ch for ch in text if ch.isascii() and ch.isdigit())
