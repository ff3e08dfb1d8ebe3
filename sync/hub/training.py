"""The hub's rules for training sign-ups and attendance (kiosk.core.training), and the
seats it tells every hall.

- A sign-up names a course of the city's last published `training_courses` asset
  (`unknown_course`), a worker the hub knows whose data was not deleted
  (`unknown_worker`), at most one sign-up per worker and course (`signed_up_already`), and
  a seat: the course's sign-ups at every hall, those earlier in the batch included, stay
  within its seats (`course_full`).
- Attendance names a sign-up of its own hall (`not_owner`), with the sign-up's worker and
  course and a session the course has, and a sign-up not cancelled (`invalid`).
- A cancel (`CourseCancel`) names a sign-up of its own hall (`not_owner`) with the sign-up's
  worker and course (`invalid`), once (`cancelled_already`). Why only the owning hall: the
  sign-up is that hall's record (DESIGN.md, trust model); its staff call the worker, record
  attendance and see the refusals, and only it holds the sign-up (other halls are never sent
  it), so a worker asks there, or at the touchscreen there. A cancel frees the seat: seats
  count sign-ups not cancelled, and the worker may sign up again.
- The waiting list: a sign-up marked `waiting` takes no seat and is never `course_full`
  (one standing per worker and course, seat or wait: `signed_up_already`). Each seat free
  is offered to the first waiting by the time they joined, at any hall, and kept for them:
  another sign-up fits only beside the seats offered (`course_full`); the offered worker's
  own sign-up takes the seat and ends their wait. Cancelling a wait lets the next have it.
- Sign-ups and cancels are judged in batch order, so a seat a cancel frees serves a later
  sign-up of the same batch.
- After a batch, each course signed up for or cancelled gets a city-wide feed entry
  `course_seats`: {course_id, taken: {hall id: seats standing and offered}}, so a hall
  counts the other halls' seats, and each hall with waiting workers a `course_offers`
  entry of its own: {course_id, offered: [its waiting sign-ups offered a seat]}.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from kiosk.core.codec import canonical_json, from_payload
from kiosk.core.records import Attendance, CourseCancel, CourseSignup
from kiosk.core.training import TRAINING_COURSES, Course, courses_from_data
from sync.hub.schema import course_cancels, course_signups, feed
from sync.protocol import Reason

SEATS_KIND = "course_seats"
OFFERS_KIND = "course_offers"


def published_courses(conn: Connection) -> dict[str, Course]:
    """The courses of the last `training_courses` publication (none: empty)."""
    row = conn.execute(select(feed.c.payload).where(
        feed.c.kind == "asset", feed.c.record_id == TRAINING_COURSES,
    ).order_by(feed.c.seq.desc()).limit(1)).first()
    if row is None:
        return {}
    return {c.id: c for c in courses_from_data(json.loads(row.payload)["data"])}


def training_rules(conn: Connection, hall_id: str, items: Sequence[Any],
                   refused: dict[str, Reason], known: set[str]) -> dict[str, Reason]:
    """Why each sign-up, cancel or attendance of the batch (`Candidate`s not refused yet)
    is refused; `known`: the workers the hub (or the batch) has, not deleted."""
    seats = [i for i in items if isinstance(i.record, CourseSignup | CourseCancel)
             and i.change.change_id not in refused]
    present = [i for i in items if isinstance(i.record, Attendance)
               and i.change.change_id not in refused]
    if not seats and not present:
        return {}
    courses = published_courses(conn)
    book = _Seats.for_batch(conn, seats, hall_id, courses)
    verdicts: dict[str, Reason] = {}
    for item in seats:
        reason = (book.sign_up(item.record, known)
                  if isinstance(item.record, CourseSignup) else book.cancel(item.record))
        if reason is not None:
            verdicts[item.change.change_id] = reason
    verdicts.update(_attendance_rules(conn, hall_id, present, book, courses))
    return verdicts


def _cancelled(conn: Connection, signup_ids: set[str]) -> set[str]:
    if not signup_ids:
        return set()
    return {str(s) for (s,) in conn.execute(select(course_cancels.c.signup_id).where(
        course_cancels.c.signup_id.in_(sorted(signup_ids))))}


def _stored_signups(conn: Connection, ids: set[str]) -> dict[str, CourseSignup]:
    if not ids:
        return {}
    return {str(i): from_payload(CourseSignup, json.loads(p)) for i, p in conn.execute(
        select(course_signups.c.id, course_signups.c.payload).where(
            course_signups.c.id.in_(sorted(ids))))}


def _standing(conn: Connection, course_ids: Iterable[str]) -> dict[str, list[CourseSignup]]:
    """The courses' sign-ups not cancelled (seats and waits), by course."""
    found: dict[str, list[CourseSignup]] = {c: [] for c in course_ids}
    if not found:
        return found
    for (payload,) in conn.execute(select(course_signups.c.payload).where(
            course_signups.c.course_id.in_(sorted(found)),
            course_signups.c.id.not_in(select(course_cancels.c.signup_id)))):
        signup = from_payload(CourseSignup, json.loads(payload))
        found[signup.course_id].append(signup)
    return found


class _Seats:
    """The seats and waiting lists of courses as a batch goes: seat sign-ups standing per
    course, the (worker, course) pairs seated, each course's waiting list in time order
    (a wait ends when its worker takes a seat), the sign-ups known and those cancelled."""

    def __init__(self, hall_id: str, courses: dict[str, Course]) -> None:
        self.hall_id, self.courses = hall_id, courses
        self.taken: Counter[str] = Counter()
        self.seated: set[tuple[str, str]] = set()
        self.waits: dict[str, list[CourseSignup]] = {}
        self.signups: dict[str, CourseSignup] = {}
        self.cancelled: set[str] = set()

    @classmethod
    def for_batch(cls, conn: Connection, items: Sequence[Any], hall_id: str,
                  courses: dict[str, Course]) -> _Seats:
        book = cls(hall_id, courses)
        for course_id, signups in _standing(conn, {i.record.course_id for i in items}).items():
            book.add_standing(course_id, signups)
        named = {i.record.signup_id for i in items if isinstance(i.record, CourseCancel)}
        book.signups.update(_stored_signups(conn, named))
        book.cancelled = _cancelled(conn, named)
        return book

    def add_standing(self, course_id: str, signups: list[CourseSignup]) -> None:
        for signup in signups:
            if not signup.waiting:
                self.taken[course_id] += 1
                self.seated.add((signup.worker_id, course_id))
        self.waits[course_id] = sorted(
            (s for s in signups if s.waiting and (s.worker_id, course_id) not in self.seated),
            key=lambda s: (s.created_at, s.id))

    def offered(self, course_id: str) -> list[CourseSignup]:
        """The waits first on the list, one per seat free: their workers are offered it."""
        course = self.courses.get(course_id)
        free = 0 if course is None else max(0, course.seats - self.taken[course_id])
        return self.waits.get(course_id, [])[:free]

    def sign_up(self, signup: CourseSignup, known: set[str]) -> Reason | None:
        course = self.courses.get(signup.course_id)
        pair = (signup.worker_id, signup.course_id)
        waits = self.waits.setdefault(signup.course_id, [])
        wait = next((w for w in waits if w.worker_id == signup.worker_id), None)
        if course is None:
            return Reason.UNKNOWN_COURSE
        if signup.worker_id not in known:
            return Reason.UNKNOWN_WORKER
        if pair in self.seated or (signup.waiting and wait is not None):
            return Reason.SIGNED_UP_ALREADY
        if signup.waiting:
            waits.append(signup)
            waits.sort(key=lambda s: (s.created_at, s.id))
        else:
            offered = self.offered(signup.course_id)
            if wait not in offered and self.taken[signup.course_id] + len(offered) >= (
                    course.seats):
                return Reason.COURSE_FULL
            self.taken[signup.course_id] += 1
            self.seated.add(pair)
            if wait is not None:
                waits.remove(wait)
        self.signups[signup.id] = signup
        return None

    def cancel(self, cancel: CourseCancel) -> Reason | None:
        signup = self.signups.get(cancel.signup_id)
        if signup is None or signup.hall_id != self.hall_id:
            return Reason.NOT_OWNER
        if (signup.worker_id, signup.course_id) != (cancel.worker_id, cancel.course_id):
            return Reason.INVALID
        if signup.id in self.cancelled:
            return Reason.CANCELLED_ALREADY
        self.cancelled.add(signup.id)
        waits = self.waits.get(signup.course_id, [])
        if signup.waiting:
            if signup in waits:
                waits.remove(signup)
        else:
            self.taken[signup.course_id] -= 1
            self.seated.discard((signup.worker_id, signup.course_id))
        return None


def _attendance_rules(conn: Connection, hall_id: str, items: Sequence[Any],
                      book: _Seats, courses: dict[str, Course]) -> dict[str, Reason]:
    """`book`: the sign-ups and cancels as the batch left them."""
    if not items:
        return {}
    found: dict[str, CourseSignup] = dict(book.signups)
    wanted = {i.record.signup_id for i in items} - set(found)
    found.update(_stored_signups(conn, wanted))
    cancelled = book.cancelled | _cancelled(conn, wanted)
    verdicts: dict[str, Reason] = {}
    for item in items:
        record: Attendance = item.record
        signup = found.get(record.signup_id)
        course = courses.get(record.course_id)
        if signup is None or signup.hall_id != hall_id:
            verdicts[item.change.change_id] = Reason.NOT_OWNER
        elif (signup.worker_id, signup.course_id) != (record.worker_id, record.course_id) or (
                course is None or course.session(record.session) is None
                or signup.id in cancelled or signup.waiting):
            verdicts[item.change.change_id] = Reason.INVALID
    return verdicts


def feed_seats(conn: Connection, course_ids: set[str]) -> None:
    """Per course, a city-wide feed entry of its seats taken per hall (seat sign-ups
    standing, and the seats offered to a hall's waiting workers, kept for them), and to
    each hall with waiting workers the waits it is offered a seat for (`course_offers`)."""
    if not course_ids:
        return
    courses = published_courses(conn)
    standing = _standing(conn, course_ids)
    for course_id in sorted(course_ids):
        book = _Seats("", courses)
        book.add_standing(course_id, standing[course_id])
        offered = book.offered(course_id)
        taken: Counter[str] = Counter(s.hall_id for s in standing[course_id] if not s.waiting)
        taken.update(s.hall_id for s in offered)
        conn.execute(feed.insert().values(
            kind=SEATS_KIND, record_id=course_id, hall_id="",
            payload=canonical_json({"course_id": course_id, "taken": dict(taken)})))
        for hall in sorted(_waiting_halls(conn, course_id)):
            conn.execute(feed.insert().values(
                kind=OFFERS_KIND, record_id=course_id, hall_id=hall,
                payload=canonical_json({"course_id": course_id, "offered": sorted(
                    s.id for s in offered if s.hall_id == hall)})))


def _waiting_halls(conn: Connection, course_id: str) -> set[str]:
    """The halls that ever put a worker on the course's waiting list (an offer withdrawn
    must reach them too)."""
    return {str(h) for (h,) in conn.execute(select(course_signups.c.hall_id).where(
        course_signups.c.course_id == course_id, course_signups.c.waiting.is_(True)).distinct())}
