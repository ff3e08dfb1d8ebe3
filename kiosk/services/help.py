"""Calls for staff (请工作人员帮助) from the touchscreens, without Qt.

A worker who is stuck at registration, check-in or 我想干 taps 请工作人员帮助: `ask` writes
an open `StaffCall` of the hall naming the touchscreen and where the worker is, with its
outbox change. Every counter of the hall shows the open requests, oldest first, with the
terminal and since when (`waiting`); the counter that goes over marks it handled
(`handle`, 已处理), which syncs back so the touchscreen stops saying that staff are on
their way (`is_open`). A touchscreen asks once at a time: asking again while a request is
open gives that one back.
"""

from __future__ import annotations

from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.records import AuditAction, HelpPlace, StaffCall, StaffCallStatus
from kiosk.services.hall import Services
from kiosk.store.outbox import ChangeOp

OPEN_LIMIT = 50  # the most a counter lists (a hall has a handful of touchscreens)


def ask(services: Services, place: HelpPlace) -> Result[StaffCall]:
    """This touchscreen asks for staff at `place`; its open request if it has one."""
    hall, terminal = services.settings.hall_id, services.settings.terminal_id
    with services.store.write() as tx:
        current = services.store.staff_calls.first(
            "hall_id = ? AND terminal_id = ? AND status = ?",
            (hall, terminal, StaffCallStatus.OPEN.value), order_by="created_at DESC")
        if current is not None:
            return Ok(current)
        now = services.now()
        request = StaffCall(id=new_id(), hall_id=hall, terminal_id=terminal, place=place,
                              status=StaffCallStatus.OPEN, created_at=now, updated_at=now)
        tx.save(request, ChangeOp.CREATE)
    return Ok(request)


def waiting(services: Services) -> list[StaffCall]:
    """The hall's open calls for staff, the longest waiting first."""
    return list(services.store.staff_calls.where(
        "hall_id = ? AND status = ?", (services.settings.hall_id, StaffCallStatus.OPEN.value),
        order_by="created_at, id", limit=OPEN_LIMIT))


def is_open(services: Services, request_id: str) -> bool:
    """Whether staff have yet to handle the request (False once handled, here or at a
    counter whose answer came through the hub)."""
    request = services.store.staff_calls.get(request_id)
    return request is not None and request.status is StaffCallStatus.OPEN


def handle(services: Services, request_id: str) -> Result[StaffCall]:
    """已处理: staff came to the touchscreen. Handling one already handled changes nothing."""
    with services.store.write() as tx:
        request = services.store.staff_calls.get(request_id)
        if request is None or request.hall_id != services.settings.hall_id:
            return _unknown()
        if request.status is StaffCallStatus.HANDLED:
            return Ok(request)
        handled = StaffCall(
            id=request.id, hall_id=request.hall_id, terminal_id=request.terminal_id,
            place=request.place, status=StaffCallStatus.HANDLED, created_at=request.created_at,
            updated_at=max(services.now(), request.updated_at))
        tx.save(handled, ChangeOp.UPDATE)
        services.audit(tx, AuditAction.HELP_HANDLED, handled, request.terminal_id)
    return Ok(handled)


def _unknown() -> Err:
    return fail("help", "unknown", N_("This call for staff is not one of this hall's."))
