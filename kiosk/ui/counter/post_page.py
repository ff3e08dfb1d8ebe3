"""招工登记: an employer (a returning one found by phone, or a new company or person) and
a job post with every S2 field. The discrimination check runs as staff type; a blocked
post can only be saved after the text is edited, or with a supervisor's id and PIN
(the override is audited with each phrase)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.drafts import EmployerDraft, JobDraft, with_required_licences
from kiosk.core.employers import LICENSED_ROLES, ROLE_NAMES, employer_label
from kiosk.core.errors import N_, Err, FieldError, Ok, Result
from kiosk.core.hazards import GEAR_NAMES, HAZARD_SHORT, INSURANCE_NAMES, insured
from kiosk.core.job_facts import LEVELS
from kiosk.core.records import (
    EmployerKind,
    EmployerRole,
    Gear,
    Hazard,
    InsuranceKind,
    Intention,
    JobPost,
    PayUnit,
    Settlement,
)
from kiosk.core.self_posts import AT_THE_COUNTER, SelfPost
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import DateField, FitCombo, Form, widget_row
from kiosk.ui.counter.scroll import scrolling
from kiosk.ui.counter.supervisor import SupervisorDialog
from kiosk.ui.counter.table import action_button
from kiosk.ui.widgets.buttons import label, set_flag, set_role

CHECK_DELAY_MS = 250
DESCRIPTION_HEIGHT = 64
CERTIFICATES_HEIGHT = 76
_EMPLOYER_FIELDS = ("kind", "role", "name", "uscc", "licence_no", "id_number", "contact_name",
                    "phone", "display_name")
KINDS = ((EmployerKind.COMPANY, N_("Company or organisation")),
         (EmployerKind.INDIVIDUAL, N_("Individual")))
TYPES = ((Intention.DAILY, N_("Paid daily")), (Intention.HOURLY, N_("By the hour")),
         (Intention.SEASONAL, N_("Seasonal")), (Intention.LONG_TERM, N_("Long term")))
UNITS = ((PayUnit.DAY, N_("per day")), (PayUnit.HOUR, N_("per hour")),
         (PayUnit.PIECE, N_("per piece")), (PayUnit.SQUARE_METRE, N_("per m²")),
         (PayUnit.JOB, N_("for the whole job")), (PayUnit.MONTH, N_("per month")))
PROVIDED = (("meals", N_("Meals")), ("lodging", N_("Lodging")),
            ("tools_provided", N_("Tools")), ("insurance", N_("Insurance")))
SETTLEMENTS = ((Settlement.DAILY, N_("paid daily")), (Settlement.WEEKLY, N_("paid weekly")),
               (Settlement.MONTHLY, N_("paid monthly")),
               (Settlement.ON_COMPLETION, N_("paid on completion")))


class PostPage(CounterPage):
    TITLE = N_("Post a job")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.employer_id: str | None = None  # a returning employer, found by phone
        self.editing: JobPost | None = None  # a job of this hall opened from 岗位管理
        self.reviewing: SelfPost | None = None  # an employer's own post opened from 待审核
        self.captions: list[tuple[QLabel, str]] = []
        self._checker = QTimer(self)
        self._checker.setSingleShot(True)
        self._checker.setInterval(CHECK_DELAY_MS)
        self._checker.timeout.connect(self.check_wording)
        self.employer_form, self.job_form = Form(), Form()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._scrolling_forms(), 1)
        column.addLayout(self._action_row())

    # -- building ---------------------------------------------------------------------
    def _scrolling_forms(self) -> QWidget:
        """The boxes scroll (errors under many fields); the actions under them never do."""
        forms = QWidget()
        grid = QGridLayout(forms)
        grid.addWidget(self._employer_box(), 0, 0)
        grid.addWidget(self._check_box(), 1, 0)
        grid.addWidget(self._job_box(), 0, 1, 2, 1)
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 6)
        grid.setRowStretch(1, 1)
        return scrolling(forms)

    def _action_row(self) -> QHBoxLayout:
        self.message = label("", "hint")
        self.save_button = action_button("primary", self.save_as_typed)
        self.override_button = action_button("", self.save_with_override)
        self.override_button.hide()
        self.clear_button = action_button("", self.clear)
        row = QHBoxLayout()
        row.setContentsMargins(9, 0, 9, 9)
        row.addWidget(self.message, 1)
        for button in (self.clear_button, self.override_button, self.save_button):
            row.addWidget(button)
        return row

    @property
    def fields(self) -> dict[str, QWidget]:
        return {**self.employer_form.fields, **self.job_form.fields}

    def _employer_box(self) -> QGroupBox:
        self.employer_box = QGroupBox()
        form = self.employer_form
        self.find_phone = QLineEdit()
        self.find_button = action_button("secondary", self.find_employer)
        self.found = label("", "hint")
        self._add(form, "find", N_("Returning employer's phone"),
                  widget_row(self.find_phone, self.find_button))
        form.grid.addWidget(self.found, form.grid.rowCount(), 0, 1, 2)
        self.kind = _combo()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._add(form, "kind", N_("Employer"), self.kind)
        self.role = _combo()
        self.role.currentIndexChanged.connect(self._role_changed)
        self._add(form, "role", N_("Provides work as"), self.role)
        for name, caption in (
                ("name", N_("Employer name")), ("uscc", N_("Unified social credit code")),
                ("licence_no", N_("Licence no.")),
                ("id_number", N_("Gang-master's ID")),
                ("contact_name", N_("Contact person")), ("phone", N_("Phone")),
                ("display_name", N_("Name shown on the board"))):
            self._add(form, name, caption, QLineEdit())
        self._role_changed()
        box = QVBoxLayout(self.employer_box)
        box.addWidget(form)
        box.addStretch(1)
        return self.employer_box

    def _job_box(self) -> QGroupBox:
        self.job_box = QGroupBox()
        form = self.job_form
        self.trade, self.employment_type = _combo(), _combo()
        self._add(form, "trade", N_("Trade"), self.trade)
        self.trade.currentIndexChanged.connect(self._tick_required_licences)
        self._add(form, "employment_type", N_("Kind of work"), self.employment_type,
                  beside=True)
        self._add(form, "title", N_("Job title"), QLineEdit(), wide=True)
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(DESCRIPTION_HEIGHT)
        self._add(form, "description", N_("Work content"), self.description, wide=True)
        self.certificates = _certificate_list()
        self._add(form, "certificates", N_("Certificates required"), self.certificates,
                  wide=True)
        self.skill_level = _combo()
        self._add(form, "skill_level", N_("Level"), self.skill_level)
        self._add(form, "skills_note", N_("Skills required"), QLineEdit(), beside=True)
        self.area = _combo()
        self._add(form, "area", N_("Area"), self.area)
        self._add(form, "place", N_("Place of work"), QLineEdit(), beside=True)
        self.start_date = QDateEdit()
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("yyyy-MM-dd")
        self.start_date.setDate(_qdate(self.ctx.services.today()))
        self._add(form, "start_date", N_("Start date"), self.start_date)
        self._add(form, "start_time", N_("Start time (HH:MM)"), QLineEdit(), beside=True)
        self.end_date = DateField(self.ctx.services.today)
        self._add(form, "end_date", N_("Last working day"), self.end_date)
        self._add(form, "days", N_("or number of days"), QLineEdit(), beside=True)
        self._add(form, "meeting_point", N_("Meeting point"), QLineEdit())
        self._add(form, "meeting_time", N_("Meeting time (HH:MM)"), QLineEdit(), beside=True)
        self._add(form, "hours_per_day", N_("Hours per day"), QLineEdit())
        self.headcount = QSpinBox()
        self.headcount.setRange(1, 999)
        self._add(form, "headcount", N_("Workers needed"), self.headcount, beside=True)
        self.pay_unit, self.settlement = _combo(), _combo()
        self.pay_amount, self.day_estimate = QLineEdit(), QLineEdit()
        self.day_estimate_caption = label("", "")
        self._add(form, "pay_amount", N_("Pay (yuan)"),
                  widget_row(self.pay_amount, self.pay_unit, self.settlement,
                             self.day_estimate_caption, self.day_estimate), wide=True)
        form.fields["pay_amount"] = self.pay_amount  # the row's fields that errors mark
        form.fields["day_estimate"] = self.day_estimate
        self.provided = {name: QCheckBox() for name, _text in PROVIDED}
        self.urgent = QCheckBox()  # 即时快招, on the same row: the form fits 1366×768
        self._add(form, "provided", N_("Employer provides"),
                  widget_row(*self.provided.values(), self.urgent, stretch=True), wide=True)
        self._safety_rows(form)
        self._line("title").textChanged.connect(lambda _t: self._checker.start())
        self.description.textChanged.connect(self._checker.start)
        self.trade.currentIndexChanged.connect(lambda _i: self._checker.start())
        box = QVBoxLayout(self.job_box)
        box.addWidget(form)
        box.addStretch(1)
        return self.job_box

    def _safety_rows(self, form: Form) -> None:
        """The employer's insurance, the hazards of the work and the equipment to wear."""
        self.insurance_kind = _combo()
        self.insurance_kind.currentIndexChanged.connect(self._insurance_kind_changed)
        self._add(form, "insurance_kind", N_("Employer's insurance"), self.insurance_kind,
                  wide=True)
        self.hazards = {h: QCheckBox() for h in Hazard}
        self._add(form, "hazards", N_("Hazardous work"),
                  widget_row(*self.hazards.values(), stretch=True), wide=True)
        self.gear = _certificate_list()
        self.gear.setFixedHeight(CERTIFICATES_HEIGHT // 2 + 16)
        self._add(form, "protective_gear", N_("Must wear"), self.gear, wide=True)

    def _check_box(self) -> QGroupBox:
        self.check_box = QGroupBox()
        self.check_result = label("", "hint")
        self.check_result.setAlignment(Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self.check_box)
        box.addWidget(self.check_result, 1)
        return self.check_box

    def _add(self, form: Form, name: str, caption: str, widget: QWidget, *,
             beside: bool = False, wide: bool = False) -> None:
        form.add(name, widget, beside=beside, wide=wide)
        self.captions.append((form.captions[name], caption))

    def _line(self, name: str) -> QLineEdit:
        widget = self.fields[name]
        assert isinstance(widget, QLineEdit)
        return widget

    # -- reading the form -------------------------------------------------------------
    def _employer_draft(self) -> EmployerDraft:
        return EmployerDraft(
            kind=str(self.kind.currentData()), role=str(self.role.currentData()),
            name=self._line("name").text(),
            phone=self._line("phone").text(), contact_name=self._line("contact_name").text(),
            display_name=self._line("display_name").text(), uscc=self._line("uscc").text(),
            licence_no=self._line("licence_no").text(), id_number=self._line("id_number").text())

    def _job_draft(self) -> JobDraft:
        return JobDraft(
            employer_id=self.employer_id or "", trade=str(self.trade.currentData()),
            title=self._line("title").text(), place=self._line("place").text(),
            start_date=self.start_date.date().toPython(),  # type: ignore[arg-type]
            pay_amount=self._line("pay_amount").text(), pay_unit=str(self.pay_unit.currentData()),
            settlement=str(self.settlement.currentData()), headcount=self.headcount.value(),
            description=self.description.toPlainText(), certificates=self._certificates(),
            employment_type=str(self.employment_type.currentData()),
            area=str(self.area.currentData() or ""), start_time=self._line("start_time").text(),
            hours_per_day=self._line("hours_per_day").text(), urgent=self.urgent.isChecked(),
            day_estimate=self.day_estimate.text(),
            skill_level=str(self.skill_level.currentData() or ""),
            skills_note=self._line("skills_note").text(), end_date=self.end_date.value(),
            days=self._line("days").text(), meeting_point=self._line("meeting_point").text(),
            meeting_time=self._line("meeting_time").text(),
            meals=self.provided["meals"].isChecked(),
            lodging=self.provided["lodging"].isChecked(),
            tools_provided=self.provided["tools_provided"].isChecked(),
            insurance=self.provided["insurance"].isChecked(),
            insurance_kind=str(self.insurance_kind.currentData() or ""),
            hazards=[h.value for h, box in self.hazards.items() if box.isChecked()],
            protective_gear=self._ticked(self.gear))

    def _certificates(self) -> list[str]:
        return self._ticked(self.certificates)

    @staticmethod
    def _ticked(ticks: QListWidget) -> list[str]:
        items = (ticks.item(i) for i in range(ticks.count()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items
                if i is not None and i.checkState() == Qt.CheckState.Checked]

    def _insurance_kind_changed(self) -> None:
        """A stated kind says whether the job is insured: the tick follows it."""
        value = str(self.insurance_kind.currentData() or "")
        box = self.provided["insurance"]
        box.setEnabled(not value)
        if value:
            box.setChecked(insured(InsuranceKind(value), False))

    # -- acting -----------------------------------------------------------------------
    def check_wording(self) -> bool:
        """Show what the discrimination check finds; True when it blocks saving."""
        flagged, text = self.ctx.services.explain_wording(
            self._line("title").text(), self.description.toPlainText(), self.ctx.t.language,
            str(self.trade.currentData() or ""))
        self.check_result.setText(text or self.t(N_("No discriminatory wording found.")))
        set_role(self.check_result, "error" if flagged else "ok" if not text else "hint")
        return flagged

    def find_employer(self) -> None:
        employer = self.ctx.services.find_employer_by_phone(self.find_phone.text())
        if employer is None:
            self.employer_id = None
            self._new_employer(True)
            self.found.setText(self.t(N_("No employer with this phone: fill in a new one.")))
            return
        self.employer_id = employer.id
        self.found.setText(self.t(N_("Found: {name}")).format(
            name=employer_label(employer.name, employer.role.value, self.t)))
        self._new_employer(False)

    def _new_employer(self, on: bool) -> None:
        """The new-employer fields are used only when no returning employer was found."""
        for name in _EMPLOYER_FIELDS:
            self.fields[name].setEnabled(on)
        if on:
            self._kind_changed()

    def load_job(self, job_id: str) -> bool:
        """A job of this hall in the form, to be saved as its new version."""
        job = self.ctx.services.store.jobs.get(job_id)
        if job is None or job.hall_id != self.ctx.services.settings.hall_id:
            return False
        self.clear()
        self.editing = job
        self._new_employer(False)
        self.find_phone.setEnabled(False)
        self.find_button.setEnabled(False)
        self.found.setText(self.t(N_("Editing: {title}")).format(title=job.title))
        _choose(self.trade, job.trade)
        _choose(self.employment_type, job.employment_type.value)
        _choose(self.skill_level, job.skill_level.value if job.skill_level else "")
        _choose(self.area, job.area)
        _choose(self.pay_unit, job.pay_unit.value)
        _choose(self.settlement, job.settlement.value)
        texts = {"title": job.title, "place": job.place, "start_time": job.start_time or "",
                 "hours_per_day": "" if job.hours_per_day is None else f"{job.hours_per_day:g}",
                 "pay_amount": _amount(job.pay_cents), "skills_note": job.skills_note,
                 "meeting_point": job.meeting_point, "meeting_time": job.meeting_time or "",
                 "day_estimate": "" if job.day_estimate_cents is None
                 else _amount(job.day_estimate_cents)}
        for name, text in texts.items():
            self._line(name).setText(text)
        self.description.setPlainText(job.description)
        self.start_date.setDate(_qdate(job.start_date))
        self.end_date.set_value(job.end_date)
        self.headcount.setValue(job.headcount)
        self.urgent.setChecked(job.urgent)
        for name, box in self.provided.items():
            box.setChecked(bool(getattr(job, name)))
        _choose(self.insurance_kind, job.insurance_kind.value if job.insurance_kind else "")
        for hazard, box in self.hazards.items():
            box.setChecked(hazard in job.hazards)
        _tick_list(self.gear, {g.value for g in job.protective_gear})
        self._tick(set(job.certificates))
        self.save_button.setText(self.t(N_("Save the changes")))
        return True

    def load_self_post(self, post_id: str) -> bool:
        """An employer's own post (待审核) in the form: saving approves it as edited."""
        post = self.ctx.services.self_post(post_id)
        if post is None:
            return False
        self.clear()
        self.reviewing = post
        self._new_employer(False)
        self.find_phone.setEnabled(False)
        self.find_button.setEnabled(False)
        self.found.setText(self.t(N_("Reviewing {reference}: save to approve it")).format(
            reference=post.reference))
        employer = post.employer
        if employer is not None:  # shown, not edited here: the post is the employer's
            _choose(self.kind, employer.kind)
            _choose(self.role, employer.role)
            for name in ("name", "phone", "uscc", "contact_name", "display_name"):
                self._line(name).setText(getattr(employer, name))
            for name in AT_THE_COUNTER:  # what the employer shows staff: entered here
                self.fields[name].setEnabled(True)
            self._role_changed()
        job = post.job
        for combo, value in ((self.trade, job.trade), (self.employment_type, job.employment_type),
                             (self.skill_level, job.skill_level), (self.area, job.area),
                             (self.pay_unit, job.pay_unit), (self.settlement, job.settlement)):
            _choose(combo, value)
        for name in ("title", "place", "start_time", "hours_per_day", "pay_amount",
                     "skills_note", "meeting_point", "meeting_time", "days"):
            self._line(name).setText(str(getattr(job, name)))
        self.day_estimate.setText(job.day_estimate)
        self.description.setPlainText(job.description)
        if job.start_date is not None:
            self.start_date.setDate(_qdate(job.start_date))
        self.end_date.set_value(job.end_date)
        self.headcount.setValue(int(job.headcount))
        self.urgent.setChecked(job.urgent)
        for name, box in self.provided.items():
            box.setChecked(bool(getattr(job, name)))
        self._tick(set(job.certificates))
        self.save_button.setText(self.t(N_("Approve as edited")))
        return True

    def _tick(self, codes: set[str]) -> None:
        for i in range(self.certificates.count()):
            item = self.certificates.item(i)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked if item.data(
                    Qt.ItemDataRole.UserRole) in codes else Qt.CheckState.Unchecked)

    def save_as_typed(self) -> None:
        self.save()

    def save(self, override_by: str | None = None) -> bool:
        """Post the job (and a new employer with it); errors show beside their fields."""
        self._clear_marks()
        services = self.ctx.services
        if self.reviewing is not None:
            approved = services.approve_self_post(
                self.reviewing.id, self._job_draft(),
                id_number=self._line("id_number").text(),
                licence_no=self._line("licence_no").text())
            if isinstance(approved, Err):
                self._show_errors(tuple(_in_the_form(e) for e in approved.errors))
                return False
            self.clear()
            self._say(self.t(N_("Approved: the job is on the board now.")))
            return True
        if self.editing is not None:
            edited = services.edit_job(self.editing.id, self._job_draft(),
                                       override_by=override_by)
            if isinstance(edited, Err):
                self._show_errors(edited.errors)
                return False
            self.clear()
            self._say(self.t(N_("Saved: the board shows the job as changed.")))
            return True
        if self.employer_id is not None:
            posted = services.post_job(self._job_draft(), override_by=override_by)
            errors = posted.errors if isinstance(posted, Err) else ()
        else:
            both = services.post_job_for_new_employer(
                self._employer_draft(), self._job_draft(), override_by=override_by)
            errors = both.errors if isinstance(both, Err) else ()
        if errors:
            self._show_errors(errors)
            return False
        self.clear()
        self._say(self.t(N_("Posted: the job is on the board now.")))
        return True

    def save_with_override(self) -> None:
        dialog = SupervisorDialog(self.ctx.t, N_(
            "The check found discriminatory wording. A supervisor may approve the post as "
            "it is; the approval is recorded."), self._supervisor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.supervisor_id:
            self.save(override_by=dialog.supervisor_id)

    def _supervisor(self, staff_id: str, pin: str) -> Result[str]:
        approved = self.ctx.accounts.is_supervisor_pin(staff_id, pin)
        return approved if isinstance(approved, Err) else Ok(approved.value.id)

    def _show_errors(self, errors: tuple[FieldError, ...]) -> None:
        """Each error under its field; what the check found (and errors of no field here)
        in the message beside the actions."""
        blocked = [e for e in errors if e.code == "discriminatory"]
        placed = [e for e in errors if e.code != "discriminatory"]
        language = self.ctx.t.language
        left = self.employer_form.show_errors(
            [e for e in placed if e.field in self.employer_form.fields], language)
        left += self.job_form.show_errors(
            [e for e in placed if e.field not in self.employer_form.fields], language)
        for error in blocked:
            if error.field in self.fields:
                set_flag(self.fields[error.field], "invalid", True)
        lines = [self.ctx.error_text(e) for e in blocked] + left
        if len(placed) > len(left):
            lines.insert(0, self.t(N_("Please correct the marked fields.")))
        self._say("\n".join(lines), error=True)
        self.override_button.setVisible(bool(blocked))
        if blocked:
            self.check_wording()

    def _clear_marks(self) -> None:
        self.employer_form.clear_errors()
        self.job_form.clear_errors()
        self.override_button.hide()

    def clear(self) -> None:
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit):
                widget.clear()
        self.find_phone.clear()
        self.found.clear()
        self.description.clear()
        self.urgent.setChecked(False)
        for box in self.provided.values():
            box.setChecked(False)
        for box in self.hazards.values():
            box.setChecked(False)
        self.insurance_kind.setCurrentIndex(0)
        _tick_list(self.gear, set())
        self.end_date.set_value(None)
        self.skill_level.setCurrentIndex(0)
        self.headcount.setValue(1)
        self.start_date.setDate(_qdate(self.ctx.services.today()))
        self.employer_id = None
        self.editing = None
        self.reviewing = None
        self._new_employer(True)
        self.find_phone.setEnabled(True)
        self.find_button.setEnabled(True)
        self.save_button.setText(self.t(N_("Check and post")))
        self._clear_marks()
        self.check_result.clear()
        self._fill_certificates()
        self.message.clear()

    def _say(self, text: str, *, error: bool = False) -> None:
        set_role(self.message, "error" if error else "ok")
        self.message.setText(text)

    def stop(self) -> None:
        self._checker.stop()

    def _kind_changed(self) -> None:
        company = self.kind.currentData() == EmployerKind.COMPANY.value
        self.fields["uscc"].setEnabled(company)
        self._role_changed()

    def _role_changed(self) -> None:
        """The licence of a labour-dispatch firm or agency, a 揽头's ID number: rows shown
        only for those roles (the form keeps its height at 1366×768 otherwise)."""
        role = str(self.role.currentData() or "")
        self.employer_form.show_row("licence_no", role in {r.value for r in LICENSED_ROLES})
        self.employer_form.show_row("id_number", role == EmployerRole.GANG_MASTER.value)

    # -- language ---------------------------------------------------------------------
    def refresh(self) -> None:
        if self.trade.count() == 0:
            self.retranslate()

    def retranslate(self) -> None:
        t, language = self.t, self.ctx.t.language
        self.employer_box.setTitle(t(N_("Employer")))
        self.job_box.setTitle(t(N_("Job")))
        self.check_box.setTitle(t(N_("Discrimination check")))
        for caption_label, caption in self.captions:
            caption_label.setText(t(caption))
        self.find_button.setText(t(N_("Find")))
        _fill(self.kind, [(k.value, t(text)) for k, text in KINDS])
        _fill(self.role, [(r.value, t(text)) for r, text in ROLE_NAMES.items()])
        catalogue = self.ctx.services.catalogue
        _fill(self.trade, [(tr.code, tr.label(language)) for tr in catalogue.trades])
        _fill(self.employment_type, [(k.value, t(text)) for k, text in TYPES])
        _fill(self.skill_level, [("", t(N_("(any)")))] + [
            (level.value, t(text)) for level, text in LEVELS.items()])
        for name, text in PROVIDED:
            self.provided[name].setText(t(text))
        _fill(self.insurance_kind, [("", t(N_("(not stated)")))] + [
            (kind.value, t(text)) for kind, text in INSURANCE_NAMES.items()])
        for hazard, box in self.hazards.items():
            box.setText(t(HAZARD_SHORT[hazard]))
        _fill_ticks(self.gear, [(g.value, t(GEAR_NAMES[g])) for g in Gear])
        _fill(self.area, [("", t(N_("(any)")))] + [(a, a) for a in self.ctx.config.areas])
        _fill(self.pay_unit, [(u.value, t(text)) for u, text in UNITS])
        self.day_estimate_caption.setText(t(N_("a day's earnings, for piece rates:")))
        _fill(self.settlement, [(v.value, t(text)) for v, text in SETTLEMENTS])
        self._fill_certificates()
        self.urgent.setText(t(N_("Urgent: start today")))
        self.save_button.setText(t(N_("Save the changes") if self.editing else N_(
            "Check and post")))
        self.override_button.setText(t(N_("Supervisor approves and posts")))
        self.clear_button.setText(t(N_("Clear")))

    def _tick_required_licences(self) -> None:
        """A licensed trade's licence is ticked as soon as the trade is chosen (the post
        asks for it whatever is ticked: staff see it before saving)."""
        required = set(with_required_licences(str(self.trade.currentData()), ()))
        if required:
            self._tick(required | set(self._certificates()))

    def _fill_certificates(self) -> None:
        checked = set(self._certificates())
        self.certificates.clear()
        for cert in self.ctx.services.catalogue.certificates:
            item = QListWidgetItem(cert.label(self.ctx.t.language))
            item.setData(Qt.ItemDataRole.UserRole, cert.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if cert.code in checked
                               else Qt.CheckState.Unchecked)
            self.certificates.addItem(item)


def _combo() -> QComboBox:
    return FitCombo()


def _certificate_list() -> QListWidget:
    """Tick-boxes flowing in rows across the form's width, scrolling when there are many."""
    certificates = QListWidget()
    certificates.setFlow(QListView.Flow.LeftToRight)
    certificates.setWrapping(True)
    certificates.setResizeMode(QListView.ResizeMode.Adjust)
    certificates.setSpacing(2)
    certificates.setFixedHeight(CERTIFICATES_HEIGHT)
    return certificates



def _tick_list(ticks: QListWidget, chosen: set[str]) -> None:
    for i in range(ticks.count()):
        item = ticks.item(i)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in chosen else Qt.CheckState.Unchecked)


def _fill_ticks(ticks: QListWidget, items: list[tuple[str, str]]) -> None:
    """Tick-box items (value, text), keeping what was ticked."""
    chosen = set(PostPage._ticked(ticks))
    ticks.clear()
    for value, text in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if value in chosen
                           else Qt.CheckState.Unchecked)
        ticks.addItem(item)


def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace the items, keeping the chosen value when it is still offered."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for value, text in items:
        combo.addItem(text, value)
    index = combo.findData(keep)
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)



def _amount(cents: int) -> str:
    """350, 25.5, 1234567.89: yuan as staff type them (never 1.2e+06)."""
    whole, fraction = divmod(cents, 100)
    return f"{whole}.{fraction:02d}".rstrip("0").rstrip(".") if fraction else str(whole)


def _choose(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


# A number the employer shows at the counter, still empty when staff approve in the form.
_SHOWN_AT_THE_COUNTER = {
    "id_number": N_("Enter the number on the ID card the gang-master shows you."),
    "licence_no": N_("Enter the number on the licence the employer shows you."),
}


def _in_the_form(error: FieldError) -> FieldError:
    """"Press 'Edit, then approve'" is for the review page: here the field is in view."""
    if error.code != "check_at_counter":
        return error
    return FieldError(error.field, error.code, _SHOWN_AT_THE_COUNTER[error.field])
