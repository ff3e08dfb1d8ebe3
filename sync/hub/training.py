"""The hub's rules for training sign-ups and attendance (kiosk.core.training), and the
seats it tells every hall.

- A sign-up names a course of the city's last published `training_courses` asset
  (`unknown_course`), a worker the hub knows whose data was not deleted
  (`unknown_worker`), at most one sign-up per worker and course (`signed_up_already`), and
  a seat: the course's sign-ups at every hall, those earlier in the batch included, stay
  within its seats (`course_full`).
- Attendance names a sign-up of its own hall (`not_owner`), with the sign-up's worker and
  course and a session the course has (`invalid`).
- After a batch, each course signed up for gets a city-wide feed entry `course_seats`:
  {course_id, taken: {hall id: sign-ups}}, so a hall counts the other halls' seats.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from kiosk.core.codec import canonical_json, from_payload
from kiosk.core.records import Attendance, CourseSignup
from kiosk.core.training import TRAINING_COURSES, Course, courses_from_data
from sync.hub.schema import course_signups, feed
from sync.protocol import Reason

SEATS_KIND = "course_seats"


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
    """Why each sign-up or attendance of the batch (`Candidate`s not refused yet) is
    refused; `known`: the workers the hub (or the batch) has, not deleted."""
    signups = [i for i in items if isinstance(i.record, CourseSignup)
               and i.change.change_id not in refused]
    present = [i for i in items if isinstance(i.record, Attendance)
               and i.change.change_id not in refused]
    if not signups and not present:
        return {}
    courses = published_courses(conn)
    verdicts = _signup_rules(conn, signups, courses, known)
    accepted = [i for i in signups if i.change.change_id not in verdicts]
    verdicts.update(_attendance_rules(conn, hall_id, present, accepted, courses))
    return verdicts


def _signup_rules(conn: Connection, items: Sequence[Any], courses: dict[str, Course],
                  known: set[str]) -> dict[str, Reason]:
    if not items:
        return {}
    wanted = {i.record.course_id for i in items}
    taken = Counter({str(c): int(n) for c, n in conn.execute(
        select(course_signups.c.course_id, func.count()).where(
            course_signups.c.course_id.in_(sorted(wanted))).group_by(
            course_signups.c.course_id))})
    had = {(str(w), str(c)) for w, c in conn.execute(
        select(course_signups.c.worker_id, course_signups.c.course_id).where(
            course_signups.c.worker_id.in_(sorted({i.record.worker_id for i in items}))))}
    refused: dict[str, Reason] = {}
    for item in items:
        signup: CourseSignup = item.record
        course = courses.get(signup.course_id)
        pair = (signup.worker_id, signup.course_id)
        if course is None:
            refused[item.change.change_id] = Reason.UNKNOWN_COURSE
        elif signup.worker_id not in known:
            refused[item.change.change_id] = Reason.UNKNOWN_WORKER
        elif pair in had:
            refused[item.change.change_id] = Reason.SIGNED_UP_ALREADY
        elif taken[signup.course_id] >= course.seats:
            refused[item.change.change_id] = Reason.COURSE_FULL
        else:
            taken[signup.course_id] += 1
            had.add(pair)
    return refused


def _attendance_rules(conn: Connection, hall_id: str, items: Sequence[Any],
                      signups: Sequence[Any], courses: dict[str, Course]) -> dict[str, Reason]:
    """`signups`: the batch's sign-ups that are accepted."""
    if not items:
        return {}
    found: dict[str, CourseSignup] = {i.record.id: i.record for i in signups}
    wanted = {i.record.signup_id for i in items} - set(found)
    if wanted:
        for (payload,) in conn.execute(select(course_signups.c.payload).where(
                course_signups.c.id.in_(sorted(wanted)))):
            stored = from_payload(CourseSignup, json.loads(payload))
            found[stored.id] = stored
    verdicts: dict[str, Reason] = {}
    for item in items:
        record: Attendance = item.record
        signup = found.get(record.signup_id)
        course = courses.get(record.course_id)
        if signup is None or signup.hall_id != hall_id:
            verdicts[item.change.change_id] = Reason.NOT_OWNER
        elif (signup.worker_id, signup.course_id) != (record.worker_id, record.course_id) or (
                course is None or course.session(record.session) is None):
            verdicts[item.change.change_id] = Reason.INVALID
    return verdicts


def feed_seats(conn: Connection, course_ids: set[str]) -> None:
    """A city-wide feed entry per course: its sign-ups per hall."""
    for course_id in sorted(course_ids):
        taken: dict[str, int] = {str(h): int(n) for h, n in conn.execute(
            select(course_signups.c.hall_id, func.count()).where(
                course_signups.c.course_id == course_id).group_by(course_signups.c.hall_id))}
        conn.execute(feed.insert().values(
            kind=SEATS_KIND, record_id=course_id, hall_id="",
            payload=canonical_json({"course_id": course_id, "taken": taken})))
