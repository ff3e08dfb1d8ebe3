"""Calling queue numbers (叫号) at the counter's windows, without Qt.

Workers get one number a day (check-in, or their first 我想干); the counter calls the
lowest number still waiting to its window (`call_next`), calls it again when the worker
has not come (`recall`), or passes over a worker who did not come (`skip`, 过号) and calls
the next. Each is a `QueueCall` record of the hall, written with its outbox change: the
board of the hall shows it, and through the hub every terminal of the hall.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.queue_numbers import queue_label
from kiosk.core.records import AuditAction, CallAction, QueueCall
from kiosk.services.hall import Services
from kiosk.store.calls import CallRow, QueueNo, QueueReader
from kiosk.store.outbox import ChangeOp
from kiosk.store.store import WriteTransaction

MAX_WINDOW = 8  # characters of a window's label


@dataclass(frozen=True, slots=True)
class WindowState:
    """What a counter window shows: its number now (None: free), who waits, the last calls."""

    serving: int | None
    waiting: int
    recent: tuple[CallRow, ...]
    serving_prefix: str = ""  # the serving number's letter (A012)

    @property
    def serving_label(self) -> str | None:
        return None if self.serving is None else queue_label(self.serving_prefix,
                                                              self.serving)


def reader(services: Services) -> QueueReader:
    return QueueReader(services.store.conn, services.settings.hall_id)


def window_state(services: Services, window: str, recent: int = 6) -> WindowState:
    day = services.today().isoformat()
    queue = reader(services)
    last = queue.last_at_window(day, window)
    serving = None if last is None or last.action == CallAction.SKIP else last.queue_no
    return WindowState(serving, queue.waiting(day), tuple(queue.recent(day, recent)),
                       last.queue_prefix if last is not None else "")


def waiting_before(services: Services, queue_no: int, prefix: str = "") -> int:
    """How many people wait before `prefix``queue_no` today (前面还有 N 人)."""
    return reader(services).waiting_before(services.today().isoformat(), queue_no, prefix)


def call_next(services: Services, window: str) -> Result[QueueCall]:
    """The oldest number waiting today (of any touchscreen's letter), called to `window`."""
    checked = _check_window(window)
    if checked is not None:
        return checked
    with services.store.write() as tx:
        number = reader(services).next_waiting(services.today().isoformat())
        if number is None:
            return _nobody_waiting()
        return Ok(_save(services, tx, number, window, CallAction.CALL))


def recall(services: Services, window: str) -> Result[QueueCall]:
    """The number this window called last, called again."""
    checked = _check_window(window)
    if checked is not None:
        return checked
    with services.store.write() as tx:
        current = _current(services, window)
        if current is None:
            return _nothing_called()
        return Ok(_save(services, tx, current, window, CallAction.RECALL))


def skip(services: Services, window: str) -> Result[QueueCall | None]:
    """过号: the number this window called did not come; the next waiting one is called
    (None when nobody waits)."""
    checked = _check_window(window)
    if checked is not None:
        return checked
    with services.store.write() as tx:
        current = _current(services, window)
        if current is None:
            return _nothing_called()
        _save(services, tx, current, window, CallAction.SKIP)
        number = reader(services).next_waiting(services.today().isoformat())
        if number is None:
            return Ok(None)
        return Ok(_save(services, tx, number, window, CallAction.CALL))


def _current(services: Services, window: str) -> QueueNo | None:
    last = reader(services).last_at_window(services.today().isoformat(), window)
    return None if last is None or last.action == CallAction.SKIP else (
        last.queue_prefix, last.queue_no)


def _save(services: Services, tx: WriteTransaction, number: QueueNo, window: str,
          action: CallAction) -> QueueCall:
    prefix, queue_no = number
    call = QueueCall(id=new_id(), hall_id=services.settings.hall_id, day=services.today(),
                     queue_no=queue_no, window=window, action=action,
                     created_at=services.now(), queue_prefix=prefix)
    tx.save(call, ChangeOp.CREATE)
    services.audit(tx, AuditAction.CALL, call,
                   f"{action.value} {queue_label(prefix, queue_no)}")
    return call


def _check_window(window: str) -> Err | None:
    if not window.strip() or len(window) > MAX_WINDOW or not window.isprintable():
        return fail("window", "window", N_(
            "The counter window must be 1 to 8 letters or digits ([counter] window)."))
    return None


def _nobody_waiting() -> Err:
    return fail("queue", "queue_empty", N_("Nobody is waiting: no number to call."))


def _nothing_called() -> Err:
    return fail("queue", "nothing_called", N_(
        "This window has no number called now: tap Call next."))
