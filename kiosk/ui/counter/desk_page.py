"""The worker desk (S2, S6): find a worker by ID number, mobile number (or its last
digits), name or pinyin initials, or by scanning their card; see every detail with the ID
number and phone masked, hardship flags and "131" progress; edit, print the card, refer
them to a fit job, record a 131 service; the courses they signed up for and the sessions
they attended; register a worker at the counter."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.city_workers import FROM_HALL
from kiosk.core.errors import N_, Err, Ok, Result
from kiosk.core.protected_work import is_minor
from kiosk.core.records import Sex, Worker
from kiosk.services import desk, erasure
from kiosk.ui.city_lookup import CityLookup
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import say
from kiosk.ui.counter.hardship_page import ServiceBox, fit_jobs, flags_text, job_cells
from kiosk.ui.counter.safety_box import SafetyBox, stop_warning
from kiosk.ui.counter.supervisor import SupervisorDialog
from kiosk.ui.counter.table import RowTable, action_button
from kiosk.ui.counter.training_page import standing_text
from kiosk.ui.counter.worker_form import INTENTIONS, WorkerForm
from kiosk.ui.widgets.buttons import label

# The detail panel: (key, caption msgid); the short ones in two columns, then the wide.
SHORT_DETAILS = (
    ("name", N_("Name")), ("id_masked", N_("ID card number")),
    ("phone", N_("Mobile number")), ("intentions", N_("Work wanted")),
    ("areas", N_("Areas")), ("available_from", N_("Available from")),
    ("waiting", N_("Days without work")), ("registered", N_("Registered")),
)
WIDE_DETAILS = (
    ("trades", N_("Trades")), ("certificates", N_("Certificates")),
    ("hardships", N_("Hardship")), ("skills_note", N_("Skills and experience")),
    ("training", N_("Training courses")),
)
DETAIL_COLUMNS = 2


# What staff read when the chosen worker is 16 or 17 (kiosk.core.protected_work).
MINOR_NOTE = N_("A juvenile worker (under 18): work the law keeps from minors is not "
                "offered or referred ({law}).")


class DeskPage(CounterPage):
    TITLE = N_("Workers")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.worker_id: str | None = None
        self.detail: desk.WorkerDetail | None = None
        self.last_search = ""
        self.form: WorkerForm | None = None
        self.message = label("", "hint")
        self.safety_box = SafetyBox(ctx, self.message, self)
        self.safety_box.changed.connect(self._help_count)
        self._warned = ""  # the job whose stop-work warning was shown (tap again to refer)
        row = QHBoxLayout()
        row.addLayout(self._search_column(), 5)
        row.addLayout(self._worker_column(), 6)
        page = QVBoxLayout(self)
        page.addLayout(row, 1)
        page.addWidget(self.message)

    # -- building ---------------------------------------------------------------------
    def _search_box(self) -> QGroupBox:
        self.search_box = QGroupBox()
        self.search = QLineEdit()
        self.search.setMaxLength(40)
        self.search.returnPressed.connect(self.look_up)
        self.find_button = action_button("secondary", self.look_up)
        finder = QHBoxLayout()
        finder.addWidget(self.search, 1)
        finder.addWidget(self.find_button)
        self.search_hint = label("", "hint")
        self.results = RowTable(stretch_column=3)
        self.results.itemSelectionChanged.connect(self._row_chosen)
        self.new_button = action_button("primary", self.new_registration)
        self.help_button = action_button("", self.list_help_requests)
        box = QVBoxLayout(self.search_box)
        box.addLayout(finder)
        box.addWidget(self.search_hint)
        box.addWidget(self.results, 1)
        box.addWidget(self._city_box())
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button, 1)
        buttons.addWidget(self.help_button)
        box.addLayout(buttons)
        return self.search_box

    def _city_box(self) -> QGroupBox:
        """在全市查找: a whole ID number (or a card) this terminal does not know, asked of
        the city hub; the worker of another hall it finds is shown masked, and kept."""
        self.city = CityLookup(self.ctx.services, self)
        self.city_box = QGroupBox()
        self.city_text = label("", "")
        self.city_open = action_button("secondary", self._open_city_worker)
        row = QHBoxLayout(self.city_box)
        row.addWidget(self.city_text, 1)
        row.addWidget(self.city_open)
        self.city_box.hide()
        self._city_worker: Worker | None = None
        self._city_hall = ""
        self._city_state = ""  # "", "asking", "found", "none"
        return self.city_box

    def _search_column(self) -> QVBoxLayout:
        """Finding on top, the chosen worker's "131" services under it."""
        self.services_box = ServiceBox(self.ctx, columns=2)  # the page fits a 1366 px PC
        self.services_box.recorded.connect(lambda _worker_id: self._show_detail())
        column = QVBoxLayout()
        column.addWidget(self._search_box(), 1)
        column.addWidget(self.services_box)
        return column

    def _worker_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(self._detail_box())
        column.addWidget(self._jobs_box(), 1)
        return column

    def _detail_box(self) -> QGroupBox:
        self.detail_box = QGroupBox()
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for i, (key, _caption) in enumerate(SHORT_DETAILS):
            row, column = divmod(i, DETAIL_COLUMNS)
            self._detail(grid, key, row, column * 2)
        for i, (key, _caption) in enumerate(WIDE_DETAILS):
            self._detail(grid, key, len(SHORT_DETAILS) // DETAIL_COLUMNS + i, 0, span=3)
        row = grid.rowCount()  # the safety briefings read and insurance help asked for
        self.captions["safety"] = self.safety_box.caption
        grid.addWidget(self.captions["safety"], row, 0)
        grid.addWidget(self.safety_box.summary, row, 1, 1, 3)
        self.edit_button = action_button("secondary", self.edit)
        self.print_button = action_button("", self.print_card)
        self.erase_button = action_button("", self.erase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.erase_button)
        self.course_choice = QComboBox()  # 报名培训: a course open for sign-up today
        self.course_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.course_choice.setMinimumContentsLength(16)  # long titles elide, never widen
        self.course_button = action_button("", self.sign_up_course)
        courses = QHBoxLayout()
        courses.addWidget(self.course_choice, 1)
        courses.addWidget(self.course_button)
        box = QVBoxLayout(self.detail_box)
        box.addLayout(grid)
        box.addLayout(buttons)
        box.addLayout(courses)
        return self.detail_box

    def _detail(self, grid: QGridLayout, key: str, row: int, column: int,
                span: int = 1) -> None:
        self.captions[key] = label("", "hint", wrap=False)
        self.values[key] = label("", "")
        grid.addWidget(self.captions[key], row, column)
        grid.addWidget(self.values[key], row, column + 1, 1, span)

    def _jobs_box(self) -> QGroupBox:
        self.jobs_box = QGroupBox()
        self.fit = RowTable(stretch_column=0)
        self.refer_button = action_button("primary", self.refer)
        box = QVBoxLayout(self.jobs_box)
        box.addWidget(self.fit, 1)
        row = QHBoxLayout()  # the slip's briefing read, the insurance help given
        row.addWidget(self.refer_button, 1)
        row.addWidget(self.safety_box.ack_button)
        row.addWidget(self.safety_box.done_button)
        box.addLayout(row)
        return self.jobs_box

    # -- finding ----------------------------------------------------------------------
    def find_text(self, text: str) -> None:
        """Search for `text` as if typed (an ID-card reader typing the number)."""
        self.search.setText(text)
        self.look_up()

    def look_up(self) -> None:
        self.last_search = self.search.text()
        if self._fill_results(self.last_search) == 1:
            self.results.selectRow(0)

    def _fill_results(self, text: str, *, ask_city: bool = True) -> int:
        result = desk.find_workers(self.ctx.services, text)
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return 0
        rows = result.value
        self.results.set_rows([(r.worker_id, self._cells(r)) for r in rows])
        say(self.message, self.t(N_("Found: {count}")).format(count=len(rows)) if rows
            else self.t(N_("No worker found.")), error=not rows)
        key = desk.search_key(text)
        if ask_city:
            self._set_city("")
            if not rows and key is not None and key[0] is desk.SearchKey.ID_NUMBER \
                    and self.city.available:
                self._set_city("asking")
                self.city.by_id_number(key[1], self._city_answer)
        return len(rows)

    # -- 在全市查找 ----------------------------------------------------------------------
    def _city_answer(self, found: Worker | None, hall: str) -> None:
        self._city_worker = found
        self._city_hall = hall or ("" if found is None else found.hall_id)
        self._set_city("found" if found is not None else "none")

    def _set_city(self, state: str) -> None:
        self._city_state = state
        if not state:
            self._city_worker, self._city_hall = None, ""
        self.city_box.setVisible(bool(state))
        self._city_texts()

    def _city_texts(self) -> None:
        t, worker = self.ctx.t, self._city_worker
        self.city_box.setTitle(t(N_("Search the whole city")))
        self.city_open.setText(t(N_("Open this worker")))
        self.city_open.setVisible(self._city_state == "found")
        if self._city_state == "asking":
            self.city_text.setText(t(N_("Asking the city's records…")))
        elif self._city_state == "none":
            self.city_text.setText(t(N_("Not registered at any hall of the city either.")))
        elif worker is not None:
            self.city_text.setText(self._city_line(worker))

    def _city_line(self, worker: Worker) -> str:
        t = self.ctx.t
        sex = t(N_("man")) if worker.sex is Sex.MALE else t(N_("woman"))
        return "\n".join((
            t(N_("{name}, {sex}, born {year}: {trades}")).format(
                name=worker.name, sex=sex, year=worker.birth_date.year,
                trades=self._trades(worker.trades)),
            t(FROM_HALL).format(hall=self._city_hall) + t(N_("; ")) + t(N_(
                "registered on {day}")).format(day=worker.created_at.date().isoformat()),
            t(N_("Masked details from the city hub: no ID number, no phone."))))

    def _open_city_worker(self) -> None:
        if self._city_worker is not None:
            self.show_worker(self._city_worker.id)

    def list_help_requests(self) -> None:
        """The workers with an open request for help enrolling in accident insurance,
        oldest first, in the results (choose one to follow it up)."""
        self.last_search = ""
        self._set_city("")  # a city search's answer is not about these workers
        ids = list(dict.fromkeys(r.request.worker_id
                                 for r in self.ctx.services.open_help_requests()))
        rows = {r.worker_id: r for r in desk.worker_rows(self.ctx.services, ids)}
        self.results.set_rows([(i, self._cells(rows[i])) for i in ids if i in rows])
        say(self.message, self.t(N_("Open insurance requests: {count}")).format(
            count=len(ids)))

    def _help_count(self) -> None:
        count = len(self.ctx.services.open_help_requests())
        self.help_button.setText(self.t(N_("Insurance requests ({count})")).format(
            count=count))
        self.help_button.setVisible(count > 0)  # shown when there is one to follow up

    def _cells(self, row: desk.WorkerRow) -> tuple[str, ...]:
        return (row.name, row.id_masked, row.phone_masked, self._trades(row.trades),
                flags_text(row.hardships, self.ctx.t))

    def _row_chosen(self) -> None:
        chosen = self.results.selected_id()
        if chosen is not None:
            self.worker_id = chosen
            self._show_detail()

    def show_worker(self, worker_id: str) -> None:
        """Open a worker (a scanned card, or from another page); one of another hall that
        this terminal does not know yet is asked of the city hub."""
        rows = desk.worker_rows(self.ctx.services, [worker_id])
        if not rows:
            say(self.message, self.t(N_(
                "This worker's record is not on this terminal yet.")), error=True)
            if self.city.available:
                self._set_city("asking")
                self.city.by_card(worker_id, self._city_answer)
            return
        if not self.results.select_id(worker_id):
            self.results.set_rows([(r.worker_id, self._cells(r)) for r in rows])
            self.results.selectRow(0)
        self.worker_id = worker_id
        self._show_detail()
        opened = self.t(N_("Opened: {name}")).format(name=rows[0].name)
        home = self.ctx.services.home_hall_of(worker_id)
        if home is not None:  # staff see at once that changes are made at the home hall
            opened += self.t(N_("; ")) + self.t(FROM_HALL).format(hall=home.label)
        note = self._minor_note()
        say(self.message, f"{opened}\n{note}" if note else opened)

    def _minor_note(self) -> str:
        """For a 16- or 17-year-old: why some jobs are not offered (plain words, the law)."""
        if self.detail is None or not is_minor(self.detail.worker.birth_date,
                                               self.ctx.services.today()):
            return ""
        law = self.ctx.services.post_rules().protected.minors.law(self.ctx.t.language)
        return self.t(MINOR_NOTE).format(law=law)

    # -- the chosen worker ------------------------------------------------------------
    def _show_detail(self) -> None:
        self.detail = (None if self.worker_id is None
                       else desk.worker_detail(self.ctx.services, self.worker_id))
        texts = self._detail_texts(self.detail) if self.detail else {}
        for key, value in self.values.items():
            value.setText(texts.get(key, ""))
        for button in (self.edit_button, self.print_button, self.refer_button,
                       self.erase_button, self.course_button):
            button.setEnabled(self.detail is not None)
        self._fill_courses()
        home = None if self.worker_id is None else self.ctx.services.home_hall_of(
            self.worker_id)
        if home is not None:  # another hall's worker: changed and erased there only
            self.edit_button.setEnabled(False)
            self.erase_button.setEnabled(False)
        self.services_box.set_worker(None if self.detail is None else self.worker_id)
        self.safety_box.set_worker(None if self.detail is None else self.worker_id)
        matches = fit_jobs(self.ctx, None if self.detail is None else self.worker_id)
        self.fit.set_rows([(m.job.id, job_cells(self.ctx, m.job)) for m in matches])

    def _detail_texts(self, detail: desk.WorkerDetail) -> dict[str, str]:
        t, w = self.ctx.t, detail.worker
        sep = t(N_(", "))
        certificates = self.ctx.services.catalogue.certificate
        intentions = dict(INTENTIONS)
        return {
            "name": w.name, "id_masked": w.id_masked, "phone": detail.phone_masked,
            "trades": self._trades(w.trades),
            "certificates": sep.join(c.label(t.language) if (c := certificates(code))
                                     else code for code in w.certificates) or "—",
            "intentions": sep.join(t(intentions[i]) for i in w.intentions),
            "areas": sep.join(w.areas) or t(N_("Anywhere")),
            "available_from": w.available_from.isoformat(),
            "hardships": flags_text(detail.hardships, t) or "—",
            "waiting": str(detail.days_waiting), "skills_note": w.skills_note or "—",
            "registered": self.ctx.services.local_time(w.created_at).strftime("%Y-%m-%d"),
            "training": self._training_text(w.id),
        }

    def _training_text(self, worker_id: str) -> str:
        """The courses the worker signed up for here, each with the sessions attended."""
        t = self.ctx.t
        language = "en" if t.language == "en" else "zh"
        lines = []
        for taken in self.ctx.services.worker_courses(worker_id):
            course = taken.course
            title = course.text("title", language) if course else taken.signup.course_id
            total = len(course.sessions) if course else 0
            starts = f"{course.starts_on:%Y-%m-%d}" if course else ""
            line = t(N_("{course} (from {starts}): attended {done} of {total}")).format(
                course=title, starts=starts, done=len(taken.signup.sessions), total=total)
            standing = standing_text(taken.signup, t)
            lines.append(f"{line} · {standing}" if standing else line)
        return "\n".join(lines) or "—"

    def _trades(self, codes: tuple[str, ...]) -> str:
        language = self.ctx.t.language
        catalogue = self.ctx.services.catalogue
        return self.ctx.t(N_(", ")).join(
            trade.label(language) if (trade := catalogue.trade(code)) else code
            for code in codes)

    # -- acting -----------------------------------------------------------------------
    def edit(self) -> None:
        if self.detail is not None:
            self._open_form(self.detail.worker)

    def new_registration(self) -> None:
        self._open_form(None)

    def _open_form(self, worker: Worker | None) -> None:
        self.form = WorkerForm(self.ctx, worker, self)
        self.form.saved.connect(lambda saved: self._saved(saved, worker is None))
        self.form.open()

    def _saved(self, worker: Worker, new: bool) -> None:
        """Show the worker just registered or corrected, alone in the results."""
        rows = desk.worker_rows(self.ctx.services, [worker.id])
        self.results.set_rows([(r.worker_id, self._cells(r)) for r in rows])
        self.worker_id = worker.id
        self.results.selectRow(0)
        self._show_detail()
        say(self.message, self.t(N_("Registered.") if new else N_("Saved.")))

    def _fill_courses(self) -> None:
        """The courses open for sign-up today, with the seats left (the chosen one kept)."""
        kept = self.course_choice.currentData()
        language = "en" if self.ctx.t.language == "en" else "zh"
        self.course_choice.clear()
        for view in self.ctx.services.open_courses():
            self.course_choice.addItem(self.t(N_("{course} · from {starts} · {left} left"))
                                       .format(course=view.course.text("title", language),
                                               starts=f"{view.course.starts_on:%m-%d}",
                                               left=view.seats_left), view.course.id)
        found = self.course_choice.findData(kept) if kept is not None else -1
        self.course_choice.setCurrentIndex(max(found, 0))
        self.course_button.setEnabled(self.detail is not None and self.course_choice.count() > 0)

    def sign_up_course(self) -> None:
        """报名培训 at the counter: the chosen worker takes a seat; the ticket prints."""
        course_id = self.course_choice.currentData()
        if self.worker_id is None or course_id is None:
            say(self.message, self.t(N_("Choose a worker and a course first.")), error=True)
            return
        result = self.ctx.services.sign_up(self.worker_id, str(course_id), print_ticket=True)
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return
        say(self.message, self.t(N_("Signed up; the ticket is printing. The seat is the "
                                    "city's to confirm.")))
        self._show_detail()

    def print_card(self) -> None:
        if self.worker_id is None:
            return
        result = self.ctx.services.print_card(self.worker_id)
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return
        say(self.message, self.t(N_("The worker card is printing.")))

    def erase(self) -> None:
        """At the worker's request (PIPL art. 47): a supervisor approves; the name, phone
        and ID number go here, at the hub and from the backups (kiosk.services.erasure)."""
        worker_id = self.worker_id
        if worker_id is None or self.detail is None:
            return
        name = self.detail.worker.name
        dialog = SupervisorDialog(self.ctx.t, N_(
            "Delete this worker's personal data at their request: their name, mobile and ID "
            "number are removed here and at the city's service; the counts of their visits "
            "stay, without their name. This cannot be undone."),
            lambda staff_id, pin: self._erase(worker_id, staff_id, pin), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.results.set_rows([])
            self.worker_id = None
            self._show_detail()
            say(self.message, self.t(N_("Deleted: the personal data of {name} is gone.")
                                     ).format(name=name))

    def _erase(self, worker_id: str, staff_id: str, pin: str) -> Result[str]:
        erased = erasure.erase_worker(self.ctx.services, worker_id, staff_id, pin)
        return erased if isinstance(erased, Err) else Ok(staff_id)

    def refer(self) -> None:
        job_id = self.fit.selected_id()
        if self.worker_id is None or job_id is None:
            say(self.message, self.t(N_("Choose one of the jobs first.")), error=True)
            return
        warning = stop_warning(self.ctx, job_id)
        if warning and self._warned != job_id:  # said once; a second tap refers anyway
            self._warned = job_id
            say(self.message, warning, error=True)
            return
        self._warned = ""
        result = self.ctx.dispatch.refer(job_id, self.worker_id)
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return
        briefed = any(j.id == job_id for j in
                      self.ctx.services.unacknowledged_jobs(self.worker_id))
        say(self.message, self.t(N_(
            "Referred; the slip is printing with the job's safety briefing: when the worker "
            "has read it, tap Briefing read.") if briefed else N_(
            "Referred; the slip is printing.")))
        self._show_detail()

    # -- reading and language ---------------------------------------------------------
    def refresh(self) -> None:
        if self.last_search:
            self._fill_results(self.last_search, ask_city=False)
        self._show_detail()
        self._help_count()

    def retranslate(self) -> None:
        t = self.t
        self.search_box.setTitle(t(N_("Find a worker")))
        self.search.setPlaceholderText(t(N_("ID number, mobile number, name or initials")))
        self.find_button.setText(t(N_("Find")))
        self.search_hint.setText(t(N_(
            "Type the whole ID number, a mobile number or its last 4 digits, a name or "
            "part of it, or the pinyin initials of a name (zjg for 张建国); or scan the "
            "worker card.")))
        self.results.set_headers([t(N_("Name")), t(N_("ID card number")),
                                  t(N_("Mobile number")), t(N_("Trades")), t(N_("Hardship"))])
        self.results.horizontalHeader().setSectionResizeMode(  # trades and hardship share
            4, QHeaderView.ResizeMode.Stretch)
        self.new_button.setText(t(N_("Register a worker at the counter")))
        self.detail_box.setTitle(t(N_("Worker details")))
        for key, caption in (*SHORT_DETAILS, *WIDE_DETAILS):
            self.captions[key].setText(t(caption))
        self.captions["safety"].setText(t(N_("Safety and insurance")))
        self.edit_button.setText(t(N_("Edit details")))
        self.erase_button.setText(t(N_("Delete personal data…")))
        self.print_button.setText(t(N_("Print the worker card")))
        self.course_button.setText(t(N_("Sign up, print ticket")))
        self.services_box.retranslate()
        self.safety_box.retranslate()
        self.jobs_box.setTitle(t(N_("Jobs that fit this worker")))
        self.fit.set_headers([t(N_("Job")), t(N_("Starts")), t(N_("Pay")),
                              t(N_("Places left"))])
        self.refer_button.setText(t(N_("Refer to the chosen job and print the slip")))
        self._city_texts()
        self.refresh()

