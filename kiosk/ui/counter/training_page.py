"""Training at the counter: the courses the city publishes for this hall with their seats
taken, the workers signed up here for the one chosen and the sessions each attended; staff
choose a session and record who is present (audited), or cancel a sign-up with the reason
(the worker phoned: 我去不了了; audited; the seat goes back to the city). A hardship
worker's "131" training counts from these records, never from a cancelled sign-up
(kiosk.services.desk)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.errors import N_, Err
from kiosk.core.i18n import Translator
from kiosk.core.privacy import mask_phone
from kiosk.core.training import LEVELS, Course
from kiosk.store.training import SignupRow
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import FitCombo, say
from kiosk.ui.counter.table import RowTable, action_button
from kiosk.ui.widgets.buttons import label


class TrainingPage(CounterPage):
    TITLE = N_("Training")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.courses: dict[str, Course] = {}
        self.rows: dict[str, SignupRow] = {}
        row = QHBoxLayout(self)
        row.addWidget(self._courses_box(), 5)
        row.addWidget(self._signups_box(), 6)

    # -- building ---------------------------------------------------------------------
    def _courses_box(self) -> QGroupBox:
        self.courses_box = QGroupBox()
        self.course_table = RowTable(stretch_column=0)
        self.course_table.itemSelectionChanged.connect(self._show_signups)
        self.courses_hint = label("", "hint")
        box = QVBoxLayout(self.courses_box)
        box.addWidget(self.course_table, 1)
        box.addWidget(self.courses_hint)
        return self.courses_box

    def _signups_box(self) -> QGroupBox:
        self.signups_box = QGroupBox()
        self.course_facts = label("", "")
        self.signup_table = RowTable(stretch_column=0, also_wrap=(4,))
        self.signup_table.itemSelectionChanged.connect(self._chosen_changed)
        self.session = FitCombo()
        self.session.setMinimumWidth(260)
        self.present_button = action_button("primary", self.record_present)
        self.desk_button = action_button("", self._open_at_desk)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.cancel_button = action_button("", self.cancel_signup)
        self.seat_button = action_button("primary", self.give_seat)  # 有空位: confirm
        self.message = label("", "hint")
        actions = QHBoxLayout()
        actions.addWidget(self.session)
        actions.addWidget(self.present_button, 1)
        actions.addWidget(self.desk_button)
        cancelling = QHBoxLayout()
        cancelling.addWidget(self.reason, 1)
        cancelling.addWidget(self.cancel_button)
        cancelling.addWidget(self.seat_button)
        box = QVBoxLayout(self.signups_box)
        box.addWidget(self.course_facts)
        box.addWidget(self.signup_table, 1)
        box.addLayout(actions)
        box.addLayout(cancelling)
        box.addWidget(self.message)
        return self.signups_box

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        services = self.ctx.services
        self.courses = {c.id: c for c in services.courses()}
        views = {v.course.id: v for v in
                 (services.course_view(course_id) for course_id in self.courses) if v}
        chosen = self.course_table.selected_id()
        self.course_table.set_rows([(c.id, (
            c.text("title", self._language), self._dates(c),
            f"{views[c.id].taken}/{c.seats}" if c.id in views else str(c.seats),
        )) for c in sorted(self.courses.values(), key=lambda c: (c.starts_on, c.id))])
        if chosen is not None:
            self.course_table.select_id(chosen)
        self._show_signups()

    @property
    def _language(self) -> str:
        return "en" if self.ctx.t.language == "en" else "zh"

    def _dates(self, course: Course) -> str:
        return f"{course.starts_on:%Y-%m-%d} – {course.ends_on:%Y-%m-%d}"

    def _course(self) -> Course | None:
        return self.courses.get(self.course_table.selected_id() or "")

    def _show_signups(self) -> None:
        course = self._course()
        t = self.t
        if course is None:
            self.course_facts.setText(t(N_("Choose a course to see who signed up here.")))
            self.signup_table.set_rows([])
            self._fill_sessions(None)
            self._chosen_changed()
            return
        self.course_facts.setText(" · ".join((
            t(LEVELS[course.level]), course.text("place", self._language),
            course.text("provider", self._language))))
        total = len(course.sessions)
        self.rows = {row.signup_id: row for row in self.ctx.services.signups(course.id)}
        self.signup_table.set_rows([(row.signup_id, (
            row.name or "—", mask_phone(row.phone) if row.phone else "—",
            self.ctx.services.local_time(_moment(row.signed_at)).strftime("%m-%d %H:%M"),
            t(N_("{done} of {total}")).format(done=len(row.sessions), total=total),
            standing_text(row, self.ctx.t),
        )) for row in self.rows.values()])
        self._fill_sessions(course)
        self._chosen_changed()

    def _fill_sessions(self, course: Course | None) -> None:
        """The course's sessions, today's (or the last held) chosen."""
        kept = self.session.currentData()
        self.session.clear()
        if course is None:
            return
        today = self.ctx.services.today()
        held = 0
        for number, session in enumerate(course.sessions, 1):
            self.session.addItem(self.t(N_("Session {n}: {day} {starts}–{ends}")).format(
                n=number, day=f"{session.day:%m-%d}", starts=session.starts,
                ends=session.ends), number)
            if session.day <= today:
                held = number - 1
        found = self.session.findData(kept) if kept is not None else -1
        self.session.setCurrentIndex(found if found >= 0 else held)

    def _chosen_changed(self) -> None:
        chosen = self.signup_table.selected_id() is not None
        self.present_button.setEnabled(chosen)
        self.desk_button.setEnabled(chosen)
        self.cancel_button.setEnabled(chosen)
        row = self.rows.get(self.signup_table.selected_id() or "")
        self.seat_button.setEnabled(row is not None and row.offered and not row.ended)

    # -- acting -----------------------------------------------------------------------
    def record_present(self) -> None:
        signup_id, number = self.signup_table.selected_id(), self.session.currentData()
        if signup_id is None or number is None:
            say(self.message, self.t(N_("Choose a worker and a session first.")), error=True)
            return
        result = self.ctx.services.record_attendance(signup_id, int(number))
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return
        say(self.message, self.t(N_("Present at session {n}: recorded.")).format(n=number))
        self._show_signups()
        self.signup_table.select_id(signup_id)

    def cancel_signup(self) -> None:
        """The chosen sign-up withdrawn, with the reason staff typed (the worker phoned)."""
        signup_id = self.signup_table.selected_id()
        if signup_id is None:
            say(self.message, self.t(N_("Choose a worker first.")), error=True)
            return
        result = self.ctx.services.cancel_signup(signup_id, self.reason.text())
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return
        self.reason.clear()
        say(self.message, self.t(N_("Sign-up cancelled: the seat goes back to the city.")))
        self.refresh()

    def give_seat(self) -> None:
        """有空位：请联系 — the worker the city offers a freed seat said yes on the phone:
        signed up for the seat, the ticket printed (the wait ends)."""
        row = self.rows.get(self.signup_table.selected_id() or "")
        if row is None or not row.offered:
            say(self.message, self.t(N_("Choose a worker offered a seat first.")), error=True)
            return
        result = self.ctx.services.sign_up(row.worker_id, row.course_id, print_ticket=True)
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return
        say(self.message, self.t(N_("Signed up; the ticket is printing. The seat is the "
                                    "city's to confirm.")))
        self.refresh()

    def _open_at_desk(self) -> None:
        signup = self.ctx.services.store.course_signups.get(
            self.signup_table.selected_id() or "")
        if signup is not None:
            self.open_worker.emit(signup.worker_id)

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.courses_box.setTitle(t(N_("Courses the city publishes for this hall")))
        self.courses_hint.setText(t(N_(
            "Seats taken count the sign-ups at every hall, as the city last told this one.")))
        self.course_table.set_headers([t(N_("Course")), t(N_("Course dates")),
                                       t(N_("Seats taken"))])
        self.signups_box.setTitle(t(N_("Signed up at this hall")))
        self.signup_table.set_headers([t(N_("Name")), t(N_("Mobile number")),
                                       t(N_("Signed up")), t(N_("Sessions attended")),
                                       t(N_("Status"))])
        self.present_button.setText(t(N_("Record as present")))
        self.reason.setPlaceholderText(t(N_("Why it is cancelled (e.g. the worker phoned: "
                                            "cannot come)")))
        self.cancel_button.setText(t(N_("Cancel the sign-up")))
        self.seat_button.setText(t(N_("Give the free seat")))
        self.desk_button.setText(t(N_("Open at the worker desk")))
        self.refresh()


def refusal_text(refused: str, t: Translator) -> str:
    """What staff read of a sign-up the hub refused ("" when it was not)."""
    if not refused:
        return ""
    if refused.startswith("course_full"):
        return t(N_("Refused: the course is full at the city (call the worker)"))
    return t(N_("Refused by the city: {reason}")).format(reason=refused.partition(":")[0])


def standing_text(row: SignupRow, t: Translator) -> str:
    """What staff read of a sign-up's standing: cancelled, refused by the city, not yet
    confirmed by it, or "" when the city has it."""
    if row.cancelled:
        return t(N_("Cancelled"))
    if row.refused:
        return refusal_text(row.refused, t)
    if row.waiting:
        return t(N_("Waiting list: has a seat now") if row.ended else N_(
            "A seat is free: phone the worker") if row.offered else N_("Waiting list"))
    return t(N_("Waiting for the city")) if row.unconfirmed else ""


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
