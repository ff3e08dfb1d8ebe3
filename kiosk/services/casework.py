"""Complaints followed to the end, and notices (S8), Qt-free.

`CaseworkCases` writes a complaint's casework steps (taken up, mediated, handed to
劳动保障监察, resolved, closed): each step is its own record, saved with the complaint's new
status, audited and synced in one transaction. Filing goes through
`Services.file_complaint`, notices through `Services.post_notice`. The functions below are
the reads the counter's pages and the touchscreen's status look-up show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.core import casework as rules
from kiosk.core import fields
from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.records import (
    AuditAction,
    CaseAction,
    CaseStep,
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    Notice,
    Worker,
)
from kiosk.services.base import HallBase, not_found
from kiosk.services.workers import WorkerCases
from kiosk.store.complaint_status import KnownStatus, status_by_id, statuses_of_day
from kiosk.store.outbox import ChangeOp
from kiosk.store.print_queue import PrintKind

if TYPE_CHECKING:
    from kiosk.core.drafts import CaseStepDraft, ValidCaseStep

RECENT_COMPLAINTS = 50
NOTICES_SHOWN = 100
WORKERS_FOUND = 20
LOOKUP_MATCHES = 3  # at most this many complaints answer one typed number
COMPLAINT_STATUS_NAMES = rules.STATUS_NAMES


class CaseworkCases(WorkerCases):
    """A complaint's casework at the counter; only the hall that filed it works on it."""

    def add_case_step(self, complaint_id: str, draft: CaseStepDraft, *,
                      print_handoff: bool = False) -> Result[tuple[Complaint, CaseStep]]:
        """Record one step by the signed-in staff member and move the complaint's status
        on. A hand-off to 劳动保障监察 may print its hand-off sheet."""
        from kiosk.core.drafts import validate_case_step  # noqa: PLC0415 - on first use
        if self.actor is None:
            return fail("staff_id", "staff_required", N_("Please sign in first."))
        complaint = self.store.complaints.get(complaint_id)
        if complaint is None or complaint.hall_id != self.settings.hall_id:
            return not_found("complaint_id")
        checked = validate_case_step(draft, self.context())
        if isinstance(checked, Err):
            return checked
        v = checked.value
        if not rules.may_follow(v.action, complaint.status):
            return fail("action", "not_now", N_(
                "This step does not fit a complaint that is {status}."),
                status=rules.STATUS_NAMES[complaint.status])
        return Ok(self._save_step(complaint, v, print_handoff))

    def _save_step(self, complaint: Complaint, v: ValidCaseStep,
                   print_handoff: bool) -> tuple[Complaint, CaseStep]:
        now = self.now()
        assert self.actor is not None
        step = CaseStep(id=new_id(), hall_id=self.settings.hall_id, complaint_id=complaint.id,
                        action=v.action, staff_id=self.actor, happened_on=v.happened_on,
                        party=v.party, outcome=v.outcome, recovered_cents=v.recovered_cents,
                        created_at=now)
        moved = replace(complaint, status=rules.status_after(v.action), updated_at=now,
                        recovered_cents=complaint.recovered_cents + (v.recovered_cents or 0))
        with self.store.write() as tx:
            tx.save(step, ChangeOp.CREATE)
            tx.save(moved, ChangeOp.UPDATE)
            self.audit(tx, AuditAction.CASE_STEP, moved, v.action.value)
            if print_handoff and v.action is CaseAction.REFER:
                tx.queue_print(PrintKind.HANDOFF, step, iso_utc(now))
        return moved, step


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


def recent_complaints(services: HallBase, limit: int = RECENT_COMPLAINTS, *,
                      open_only: bool = False) -> list[Complaint]:
    """This hall's complaints, newest first (only the unfinished ones with `open_only`)."""
    where = "hall_id = ?"
    if open_only:
        where += " AND status IN ('received', 'in_progress', 'referred')"
    return list(services.store.complaints.where(
        where, [services.settings.hall_id], order_by="created_at DESC, id DESC",
        limit=limit))


def case_steps(services: HallBase, complaint_id: str) -> list[CaseStep]:
    """A complaint's steps, oldest first."""
    return list(services.store.case_steps.where(
        "complaint_id = ?", [complaint_id], order_by="created_at, id"))


@dataclass(frozen=True, slots=True)
class CaseStatus:
    """What the touchscreen shows of a complaint: nothing that names or reaches anyone."""

    number: str
    kind: ComplaintKind
    status: ComplaintStatus
    filed_on: date
    last_action: CaseAction | None  # the latest step, if any
    last_on: date | None  # and when it happened


def look_up_complaint(services: HallBase, typed: str) -> list[CaseStatus]:
    """This hall's complaints whose number is `typed`, or whose digits are `typed`'s
    digits (the touchscreen's keypad types digits only); at most a few. Complaints filed
    here are read from their records; those filed at the hall's other terminals from the
    statuses the hub sends."""
    digits = rules.lookup_digits(typed)
    if len(digits) < 9:  # the date and at least a sequence digit
        return []
    hall_id = services.settings.hall_id
    exact = typed.strip().upper()

    def wanted(number: str) -> bool:
        return number.upper() == exact or rules.lookup_digits(number) == digits

    found = {c.id: _status(services, c) for c in services.store.complaints.where(
        "hall_id = ? AND number LIKE ?", [hall_id, f"TS{digits[:8]}-%"]) if wanted(c.number)}
    for known in statuses_of_day(services.store.conn, hall_id, digits[:8]):
        if known.id not in found and wanted(known.number):
            found[known.id] = _known(services, known)
    return sorted(found.values(), key=lambda s: s.number)[:LOOKUP_MATCHES]


def complaint_status(services: HallBase, complaint_id: str) -> CaseStatus | None:
    """The status of this hall's complaint `complaint_id` (its receipt's QR), or None."""
    complaint = services.store.complaints.get(complaint_id)
    if complaint is not None:
        return _status(services, complaint) if complaint.hall_id == services.settings.hall_id \
            else None
    known = status_by_id(services.store.conn, services.settings.hall_id, complaint_id)
    return None if known is None else _known(services, known)


def _known(services: HallBase, known: KnownStatus) -> CaseStatus:
    return CaseStatus(number=known.number, kind=known.kind, status=known.status,
                      filed_on=services.local_time(known.filed_at).date(),
                      last_action=known.last_action, last_on=known.last_on)


def _status(services: HallBase, complaint: Complaint) -> CaseStatus:
    last = services.store.case_steps.first("complaint_id = ?", [complaint.id],
                                           order_by="created_at DESC, id DESC")
    return CaseStatus(
        number=complaint.number, kind=complaint.kind, status=complaint.status,
        filed_on=services.local_time(complaint.created_at).date(),
        last_action=None if last is None else last.action,
        last_on=None if last is None else last.happened_on)


def notices(services: HallBase, limit: int = NOTICES_SHOWN) -> list[Notice]:
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


def find_workers(services: HallBase, text: str, limit: int = WORKERS_FOUND) -> list[Worker]:
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


def _by_name(services: HallBase, name: str, pattern: str, limit: int) -> list[Worker]:
    exact = list(services.store.workers.where("name = ?", [name], order_by="id", limit=limit))
    if len(exact) >= limit:
        return exact
    more = services.store.workers.where("name LIKE ? ESCAPE '\\' AND name <> ?",
                                        [pattern, name], order_by="name, id",
                                        limit=limit - len(exact))
    return exact + list(more)
