"""Training: the city's courses (kiosk.core.training, kept from the signed asset the sync
agent pulled), sign-up at the touchscreen or counter with a ticket of the dates, place and
what to bring, and attendance per session recorded by staff, which a hardship worker's
"131" training counts from (kiosk.services.desk).

Seats are counted from this hall's sign-ups and the other halls' as the hub last sent
them; the hub checks again (sync.hub.training) and refuses a sign-up beyond the seats.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.core.city_content import district_code
from kiosk.core.codec import iso_utc
from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.fields import validate_text
from kiosk.core.ids import new_id
from kiosk.core.records import Attendance, AuditAction, CourseCancel, CourseSignup
from kiosk.core.training import TRAINING_COURSES, Course, Session, courses_from_data
from kiosk.services.base import not_found
from kiosk.services.workers import WorkerCases
from kiosk.store.outbox import ChangeOp
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from kiosk.store.sync_state import stored_asset
from kiosk.store.training import SignupRow, TrainingReader

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CourseView:
    course: Course
    taken: int

    @property
    def seats_left(self) -> int:
        return max(0, self.course.seats - self.taken)


@dataclass(frozen=True, slots=True)
class WorkerCourse:
    """A worker's sign-up, with its course when the city still publishes it."""

    signup: SignupRow
    course: Course | None


def courses_of(store: Store) -> tuple[Course, ...]:
    """The city's last published courses (none until the city publishes some)."""
    kept = stored_asset(store, TRAINING_COURSES)
    if kept is None:
        return ()
    try:
        return courses_from_data(kept["data"])
    except ValueError:
        log.warning("the kept training courses cannot be read")
        return ()


class TrainingCases(WorkerCases):
    def courses(self) -> tuple[Course, ...]:
        """Every course the city publishes for this hall's district."""
        district = district_code(self.settings.hall_id)
        return tuple(c for c in courses_of(self.store) if c.offered_at(district))

    def course(self, course_id: str) -> Course | None:
        return next((c for c in self.courses() if c.id == course_id), None)

    def open_courses(self, trade: str | None = None) -> list[CourseView]:
        """Courses open for sign-up today (of one trade), soonest first, with seats taken."""
        today = self.today()
        found = [c for c in self.courses() if c.open_for_signup(today)
                 and (trade is None or c.trade == trade)]
        taken = TrainingReader(self.store.conn).taken([c.id for c in found],
                                                       self.settings.hall_id)
        return [CourseView(c, taken.get(c.id, 0))
                for c in sorted(found, key=lambda c: (c.starts_on, c.id))]

    def course_trades(self) -> list[str]:
        """The trades of the courses open today, in catalogue order."""
        trades = {view.course.trade for view in self.open_courses()}
        return [t.code for t in self.catalogue.trades if t.code in trades]

    def course_view(self, course_id: str) -> CourseView | None:
        course = self.course(course_id)
        if course is None:
            return None
        taken = TrainingReader(self.store.conn).taken([course_id], self.settings.hall_id)
        return CourseView(course, taken.get(course_id, 0))

    def sign_up(self, worker_id: str, course_id: str, *, print_ticket: bool = False,
                waiting: bool = False) -> Result[CourseSignup]:
        """The worker takes a seat; refused politely when signed up already or full. A
        worker the hub offers a freed seat (waiting first on the list) takes it though the
        course shows full: the seat is kept for them. `waiting`: join the waiting list of a
        full course instead (no seat, no ticket)."""
        view = self.course_view(course_id)
        if view is None or not view.course.open_for_signup(self.today()):
            return fail("course_id", "course_closed", N_(
                "Sign-up for this course is closed."))
        if self.worker(worker_id) is None:
            return not_found("worker_id")
        worker_id = self.store.canonical_worker_id(worker_id)
        standing = TrainingReader(self.store.conn).signup_of(worker_id, course_id)
        row = None if standing is None else self.signup_row(standing)
        problem = _signup_problem(view, row, waiting=waiting)
        if problem is not None:
            return problem
        signup = CourseSignup(id=new_id(), hall_id=self.settings.hall_id, worker_id=worker_id,
                              course_id=course_id, created_at=self.now(), waiting=waiting)
        with self.store.write() as tx:
            tx.save(signup, ChangeOp.CREATE)
            if print_ticket and not waiting:
                tx.queue_print(PrintKind.COURSE, signup, iso_utc(signup.created_at))
        return Ok(signup)

    def signups(self, course_id: str) -> list[SignupRow]:
        return TrainingReader(self.store.conn).signups(course_id)

    def worker_courses(self, worker_id: str) -> list[WorkerCourse]:
        known = {c.id: c for c in courses_of(self.store)}
        return [WorkerCourse(row, known.get(row.course_id)) for row in
                TrainingReader(self.store.conn).signups_of_worker(worker_id)]

    def signup_row(self, signup_id: str) -> SignupRow | None:
        """A sign-up of this hall as it stands: refused, cancelled, or not yet confirmed by
        the city (its change still to send)."""
        signup = self.store.course_signups.get(signup_id)
        if signup is None:
            return None
        return next((r for r in TrainingReader(self.store.conn).signups_of_worker(
            signup.worker_id) if r.signup_id == signup_id), None)

    def open_signups(self, worker_id: str) -> list[WorkerCourse]:
        """The worker's sign-ups at this hall for courses not over yet, cancelled ones left
        out (what the worker sees at the touchscreen, refused ones included: they say so)."""
        today = self.today()
        worker_id = self.store.canonical_worker_id(worker_id)
        return [taken for taken in self.worker_courses(worker_id)
                if not taken.signup.cancelled and not taken.signup.ended
                and taken.course is not None
                and taken.course.ends_on >= today]

    def cancel_signup(self, signup_id: str, reason: str = "") -> Result[CourseCancel]:
        """The sign-up is withdrawn: by the worker at the touchscreen (no reason asked) or
        by staff at the counter (a reason, audited). Only this hall's sign-ups; the seat
        is free again once the hub has it (sync.hub.training)."""
        signup = self.store.course_signups.get(signup_id)
        if signup is None or signup.hall_id != self.settings.hall_id:
            return not_found("signup_id")
        refused = self._not_cancellable(signup)
        if refused is not None:
            return refused
        why = ""
        if self.actor is not None:  # staff say why; the worker at the touchscreen need not
            said = validate_text(reason, "reason", required=False, max_len=200)
            if isinstance(said, Err):
                return said
            if not said.value:
                return fail("reason", "required", N_(
                    "Please write why the sign-up is cancelled."))
            why = said.value
        record = CourseCancel(id=new_id(), hall_id=self.settings.hall_id, signup_id=signup.id,
                              worker_id=signup.worker_id, course_id=signup.course_id,
                              reason=why, staff_id=self.actor, created_at=self.now())
        with self.store.write() as tx:
            tx.save(record, ChangeOp.CREATE)
            if self.actor is not None:
                self.audit(tx, AuditAction.COURSE_CANCEL, record, record.reason)
        return Ok(record)

    def _not_cancellable(self, signup: CourseSignup) -> Err | None:
        row = self.signup_row(signup.id)
        if row is not None and row.cancelled:
            return fail("signup_id", "cancelled_already", N_(
                "This sign-up is cancelled already."))
        if row is not None and row.refused:
            return fail("signup_id", "refused", N_(
                "The city did not accept this sign-up: it holds no seat to cancel."))
        course = next((c for c in courses_of(self.store) if c.id == signup.course_id), None)
        if course is not None and course.ends_on < self.today():
            return fail("signup_id", "course_over", N_(
                "This course is over: its sign-up can no longer be cancelled."))
        return None

    def record_attendance(self, signup_id: str, session: int) -> Result[Attendance]:
        """A staff member saw the worker at the session (this hall's sign-ups only)."""
        signup = self.store.course_signups.get(signup_id)
        if signup is None or signup.hall_id != self.settings.hall_id:
            return not_found("signup_id")
        course = next((c for c in courses_of(self.store) if c.id == signup.course_id), None)
        held = None if course is None else course.session(session)
        problem = self._attendance_problem(signup_id, session, held)
        if problem is not None or held is None or self.actor is None:
            return problem or fail("session", "no_session", "")  # (the problem says which)
        record = Attendance(id=new_id(), hall_id=self.settings.hall_id, signup_id=signup.id,
                            worker_id=signup.worker_id, course_id=signup.course_id,
                            session=session, day=held.day, staff_id=self.actor,
                            created_at=self.now())
        with self.store.write() as tx:
            tx.save(record, ChangeOp.CREATE)
            self.audit(tx, AuditAction.COURSE_ATTENDANCE, record, f"session {session}")
        return Ok(record)

    def _attendance_problem(self, signup_id: str, session: int,
                            held: Session | None) -> Err | None:
        reader = TrainingReader(self.store.conn)
        off = _off_course(self.signup_row(signup_id))
        if off is not None:
            return off
        if held is None:
            return fail("session", "no_session", N_("This course has no such session."))
        if held.day > self.today():
            return fail("session", "not_yet", N_(
                "This session has not taken place yet: record attendance on its day."))
        if reader.attended(signup_id, session):
            return fail("session", "recorded_already", N_(
                "Attendance at this session is recorded already."))
        if self.actor is None:
            return fail("staff_id", "staff_only", N_("Only staff record attendance."))
        return None


def _signup_problem(view: CourseView, row: SignupRow | None, *, waiting: bool) -> Err | None:
    """Why the worker (whose standing sign-up for the course is `row`) may not take a seat
    (or, `waiting`, join the waiting list)."""
    if row is not None and not row.waiting:
        return fail("course_id", "signed_up_already", N_(
            "You are already signed up for this course: see you there."))
    if row is not None and waiting:
        return fail("course_id", "waiting_already", N_(
            "You are on the waiting list for this course already."))
    if waiting and view.seats_left > 0:
        return fail("course_id", "not_full", N_(
            "This course has seats left: please sign up for one."))
    offered = row is not None and row.offered
    if not waiting and not offered and view.seats_left <= 0:
        return fail("course_id", "course_full", N_(
            "This course is full. Please choose another date or ask at the counter."))
    return None


def _off_course(row: SignupRow | None) -> Err | None:
    """Why the sign-up puts no worker on the course (cancelled, or only waiting)."""
    if row is not None and row.cancelled:
        return fail("signup_id", "cancelled", N_(
            "This sign-up was cancelled: the worker is not on the course."))
    if row is not None and row.waiting:
        return fail("signup_id", "waiting", N_(
            "This worker is on the waiting list: sign them up for a seat first."))
    return None
