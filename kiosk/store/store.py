"""The terminal store: the one object that reads and writes the local SQLite file."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.codec import to_payload
from kiosk.core.records import (
    Arrival,
    Attendance,
    AuditEvent,
    CaseStep,
    CheckIn,
    Complaint,
    CourseCancel,
    CourseSignup,
    Employer,
    HelpRequest,
    JobPost,
    Notice,
    QueueCall,
    Record,
    Referral,
    SafetyAck,
    ServiceEvent,
    StaffCall,
    Worker,
    entity_name,
)
from kiosk.store.connection import open_database
from kiosk.store.outbox import ChangeOp, Outbox
from kiosk.store.print_queue import PrintKind, PrintQueue, next_number
from kiosk.store.self_posts import SelfPostTable
from kiosk.store.staff import StaffTable
from kiosk.store.tables import TABLE_NAMES, RecordTable

if TYPE_CHECKING:
    from kiosk.core.schema import SchemaProblem

log = logging.getLogger(__name__)
ChangeListener = Callable[[frozenset[str]], None]


class RecordRejected(ValueError):
    """A record that does not fit the one schema the hub checks too: storing it would
    queue a change the city refuses for ever, so nothing of the transaction is kept."""

    def __init__(self, entity: str, problems: list[SchemaProblem]) -> None:
        super().__init__(f"{entity}: " + ", ".join(map(str, problems)))
        self.entity = entity
        self.problems = problems


class WriteTransaction:
    """What a use case may do inside one transaction: each record write queues its change."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.changed: set[str] = set()

    def save(self, record: Record, op: ChangeOp) -> str:
        """Write the record and append its outbox change; returns the change id."""
        # pydantic loads on the first write, not before the home screen shows
        # (`kiosk.app.background` loads it on a thread beside the windows).
        from kiosk.core.schema import check_payload  # noqa: PLC0415

        payload = to_payload(record)
        entity = entity_name(record)
        problems = check_payload(entity, payload)
        if problems:
            raise RecordRejected(entity, problems)
        self._store.table_for(type(record)).upsert_payload(payload)
        self.changed.update((entity, "outbox"))
        stamp = str(payload.get("updated_at") or payload["created_at"])
        return self._store.outbox.append(entity, record.id, op, payload, stamp)

    def queue_print(self, kind: PrintKind, record: Record, now: str) -> str:
        self.changed.add("print_jobs")
        return self._store.print_queue.enqueue(kind, entity_name(record), record.id, now)

    def queue_print_of(self, kind: PrintKind, ref_entity: str, ref_id: str, now: str) -> str:
        """A print job for something that is not a synced record (a self-post's receipt)."""
        self.changed.add("print_jobs")
        return self._store.print_queue.enqueue(kind, ref_entity, ref_id, now)

    def mark_changed(self, what: str) -> None:
        """Announce a change of a table that is not a record table (e.g. self_posts)."""
        self.changed.add(what)

    def next_number(self, hall_id: str, day: str, kind: str) -> int:
        return next_number(self._store.conn, hall_id, day, kind)


class Store:
    """Owns the connection. Writes go through `write()`; one writer at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = open_database(path)
        self._write_lock = threading.RLock()
        self._listeners: list[ChangeListener] = []
        self.workers = RecordTable(self.conn, Worker)
        self.employers = RecordTable(self.conn, Employer)
        self.jobs = RecordTable(self.conn, JobPost)
        self.checkins = RecordTable(self.conn, CheckIn)
        self.referrals = RecordTable(self.conn, Referral)
        self.service_events = RecordTable(self.conn, ServiceEvent)
        self.complaints = RecordTable(self.conn, Complaint)
        self.case_steps = RecordTable(self.conn, CaseStep)
        self.notices = RecordTable(self.conn, Notice)
        self.audit_events = RecordTable(self.conn, AuditEvent)
        self.queue_calls = RecordTable(self.conn, QueueCall)
        self.course_signups = RecordTable(self.conn, CourseSignup)
        self.attendance = RecordTable(self.conn, Attendance)
        self.staff_calls = RecordTable(self.conn, StaffCall)
        self.arrivals = RecordTable(self.conn, Arrival)
        self.safety_acks = RecordTable(self.conn, SafetyAck)
        self.help_requests = RecordTable(self.conn, HelpRequest)
        self.course_cancels = RecordTable(self.conn, CourseCancel)
        self.outbox = Outbox(self.conn)
        self.print_queue = PrintQueue(self.conn)
        self.staff = StaffTable(self.conn)
        self.self_posts = SelfPostTable(self.conn)

    def table_for(self, cls: type[Record]) -> RecordTable[Record]:
        table: RecordTable[Record] = getattr(self, TABLE_NAMES[cls])
        return table

    @contextmanager
    def write(self) -> Iterator[WriteTransaction]:
        """One IMMEDIATE transaction: all of it is committed, or none of it."""
        with self._write_lock:
            tx = WriteTransaction(self)
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield tx
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        if tx.changed:
            self._announce(frozenset(tx.changed))

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call `listener(entities)` after each commit; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _announce(self, changed: frozenset[str]) -> None:
        for listener in list(self._listeners):
            try:
                listener(changed)
            except Exception:
                log.exception("store change listener failed")

    def counts(self) -> dict[str, int]:
        return {name: self.table_for(cls).count() for cls, name in TABLE_NAMES.items()}

    def canonical_worker_id(self, worker_id: str) -> str:
        """The id a merged worker goes by now (the id itself when it was never merged)."""
        row = self.conn.execute("SELECT canonical_id FROM worker_aliases WHERE alias_id = ?",
                                (worker_id,)).fetchone()
        return worker_id if row is None else str(row[0])

    def get_setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        self.conn.close()
