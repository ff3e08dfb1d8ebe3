"""Complaints and notices at the counter (S8): the reads their pages show, Qt-free.

Writes go through `Services.file_complaint` and `Services.post_notice` (audited when the
services act for a staff member); this module only reads.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from kiosk.core import fields
from kiosk.core.errors import N_, Ok
from kiosk.core.records import Complaint, ComplaintStatus, Notice, Worker
from kiosk.services.hall import Services

RECENT_COMPLAINTS = 50
NOTICES_SHOWN = 100
WORKERS_FOUND = 20

COMPLAINT_STATUS_NAMES = {
    ComplaintStatus.RECEIVED: N_("received"),
    ComplaintStatus.IN_PROGRESS: N_("being handled"),
    ComplaintStatus.RESOLVED: N_("resolved"),
    ComplaintStatus.CLOSED: N_("closed"),
}


class NoticeState(StrEnum):
    SHOWING = "showing"  # on the board's ticker today
    WAITING = "waiting"  # starts later
    ENDED = "ended"


NOTICE_STATE_NAMES = {
    NoticeState.SHOWING: N_("on the board now"),
    NoticeState.WAITING: N_("starts later"),
    NoticeState.ENDED: N_("ended"),
}

# What the priorities mean: the board's ticker shows higher ones first.
NOTICE_PRIORITIES: tuple[tuple[int, str], ...] = (
    (0, N_("Normal notice")),
    (1, N_("Important notice")),
    (2, N_("Urgent notice")),
)


def recent_complaints(services: Services, limit: int = RECENT_COMPLAINTS) -> list[Complaint]:
    """This hall's complaints, newest first."""
    return list(services.store.complaints.where(
        "hall_id = ?", [services.settings.hall_id], order_by="created_at DESC, id DESC",
        limit=limit))


def notices(services: Services, limit: int = NOTICES_SHOWN) -> list[Notice]:
    """The latest notices: those on the board now (in the board's order: priority first),
    then those starting later, then the ended ones, newest first within each."""
    today = services.today()
    latest = services.store.notices.where(order_by="created_at DESC, id DESC", limit=limit)
    order = list(NoticeState)
    return sorted(latest, key=lambda n: (order.index(notice_state(n, today)), -n.priority))


def notice_state(notice: Notice, today: date) -> NoticeState:
    """Whether the board's ticker shows `notice` on `today` (the board's own rule)."""
    if notice.starts_on > today:
        return NoticeState.WAITING
    if notice.ends_on is not None and notice.ends_on < today:
        return NoticeState.ENDED
    return NoticeState.SHOWING


def priority_name(priority: int) -> str:
    """The msgid naming a priority (the nearest known one for other values)."""
    known = dict(NOTICE_PRIORITIES)
    if priority in known:
        return known[priority]
    return known[2] if priority > 2 else known[0]


def find_workers(services: Services, text: str, limit: int = WORKERS_FOUND) -> list[Worker]:
    """Workers by phone number (exact, indexed) or by name (exact or its beginning)."""
    typed = fields.normalise(text).strip()
    if not typed:
        return []
    phone = fields.validate_phone(typed)
    if isinstance(phone, Ok):
        return list(services.store.workers.where("phone = ?", [phone.value],
                                                 order_by="name, id", limit=limit))
    pattern = typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return _by_name(services, typed, pattern, limit)


def _by_name(services: Services, name: str, pattern: str, limit: int) -> list[Worker]:
    exact = list(services.store.workers.where("name = ?", [name], order_by="id", limit=limit))
    if len(exact) >= limit:
        return exact
    more = services.store.workers.where("name LIKE ? ESCAPE '\\' AND name <> ?",
                                        [pattern, name], order_by="name, id",
                                        limit=limit - len(exact))
    return exact + list(more)
