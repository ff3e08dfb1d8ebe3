"""待审核: employers' own posts (我要招工 at the touchscreen, or a scanned phone draft) wait
here with what the checks found. Staff approve one as it is, open it in 招工登记 to edit
it and then approve, or refuse it with a reason. Every decision is audited with the staff
member's id; only an approved post becomes a job, on the board and at the other halls."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core import formatting
from kiosk.core.employers import employer_label
from kiosk.core.errors import N_, Err
from kiosk.core.privacy import mask_phone
from kiosk.core.records import PayUnit
from kiosk.core.self_posts import SelfPost, SelfPostSource
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import say
from kiosk.ui.counter.table import action_button, table_box
from kiosk.ui.widgets.buttons import label, set_role

SOURCES = {SelfPostSource.TOUCH: N_("Touchscreen"), SelfPostSource.SCAN: N_("Phone draft")}


class ReviewPage(CounterPage):
    TITLE = N_("To review")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        column = QVBoxLayout(self)
        self.list_box, self.posts = table_box(stretch_column=2)
        self.posts.itemSelectionChanged.connect(self._chosen_changed)
        column.addWidget(self.list_box, 1)
        column.addWidget(self._actions_box(), 1)  # the findings may run to several lines
        self._chosen_changed()

    def _actions_box(self) -> QGroupBox:
        self.actions_box = QGroupBox()
        self.about = label("", "")
        self.findings = label("", "hint")
        self.approve_button = action_button("primary", self.approve_chosen)
        self.edit_button = action_button("secondary", self.edit_chosen)
        self.reason = QLineEdit()
        self.refuse_button = action_button("", self.refuse_chosen)
        self.message = label("", "hint")
        row = QHBoxLayout()
        row.addWidget(self.approve_button)
        row.addWidget(self.edit_button)
        row.addSpacing(24)
        row.addWidget(self.reason, 2)
        row.addWidget(self.refuse_button)
        box = QVBoxLayout(self.actions_box)
        box.addWidget(self.about)
        box.addWidget(self.findings)
        box.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.message)
        return self.actions_box

    # -- acting -----------------------------------------------------------------------
    def _chosen(self) -> SelfPost | None:
        chosen = self.posts.selected_id()
        return None if chosen is None else self.ctx.services.self_post(chosen)

    def approve_chosen(self) -> None:
        post = self._chosen()
        if post is None:
            return
        result = self.ctx.services.approve_self_post(post.id)
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return
        say(self.message, self.t(N_(
            "Approved ({reference}): the job is on the board now and goes to the other "
            "halls with the next sync.")).format(reference=post.reference))
        self.refresh()

    def edit_chosen(self) -> None:
        post = self._chosen()
        if post is not None:
            self.edit_self_post.emit(post.id)

    def refuse_chosen(self) -> None:
        post = self._chosen()
        if post is None:
            return
        result = self.ctx.services.refuse_self_post(post.id, self.reason.text())
        if isinstance(result, Err):
            say(self.message, self.ctx.errors(result), error=True)
            return
        say(self.message, self.t(N_("Refused ({reference}): the reason is kept with the "
                                    "post.")).format(reference=post.reference))
        self.reason.clear()
        self.refresh()

    def _chosen_changed(self) -> None:
        post = self._chosen()
        for button in (self.approve_button, self.edit_button, self.refuse_button):
            button.setEnabled(post is not None)
        if post is None:
            self.about.setText(self.t(N_("Choose a post to see what the checks found.")))
            self.findings.clear()
            return
        self.about.setText(self._about(post))
        self._show_findings(post)

    def _about(self, post: SelfPost) -> str:
        """Who posts (a returning employer's record, or the new one's draft) and the facts."""
        t, services = self.t, self.ctx.services
        employer = services.store.employers.get(post.employer_id) if post.employer_id else None
        if employer is not None:
            who = t(N_("Returning employer (found by phone): {name}, {phone}")).format(
                name=employer_label(employer.name, employer.role.value, t),
                phone=mask_phone(employer.phone))
        elif post.employer is not None:
            e = post.employer
            who = t(N_("New employer: {name}, {phone}")).format(
                name=employer_label(e.name, e.role, t), phone=mask_phone(e.phone))
            if e.uscc:
                who += " · " + t(N_("Credit code {code}")).format(code=e.uscc)
        else:
            who = ""
        job = post.job
        trade = services.catalogue.trade(job.trade)
        language = self.ctx.t.language
        unit = PayUnit(job.pay_unit) if job.pay_unit in PayUnit._value2member_map_ else None
        pay = formatting.pay(round(float(job.pay_amount or 0) * 100), unit,
                             language) if unit else job.pay_amount
        facts = " · ".join(p for p in (
            trade.label(language) if trade else job.trade,
            t(N_("{count} workers")).format(count=job.headcount),
            job.start_date.isoformat() if job.start_date else "", job.start_time, pay,
            job.place, job.meeting_point) if p)
        return f"{post.reference} · {t(SOURCES[post.source])}\n{who}\n{job.title}: {facts}"

    def _show_findings(self, post: SelfPost) -> None:
        review = self.ctx.services.review_self_post(post, self.ctx.t.language)
        lines = []
        if review.wording:
            lines.append(review.wording)
        lines += [self.ctx.error_text(e) for e in review.errors]
        if not lines:
            lines.append(self.t(N_(
                "The checks found nothing: no discriminatory wording, the pay meets the "
                "minimum wage, every field is valid.")) if not review.missing else self.t(N_(
                "The checks found no discriminatory wording, and the pay meets the minimum "
                "wage.")))
        lines += [self.t(N_("Still missing: {what}")).format(what=self.ctx.error_text(e))
                  for e in review.missing]
        if post.employer_id is not None:
            lines.append(self.t(N_(
                "Please confirm the employer is the one on record (call the number).")))
        self.findings.setText("\n".join(lines))
        set_role(self.findings, "error" if review.flagged or review.errors or review.missing
                 else "ok")

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        t, language = self.t, self.ctx.t.language
        catalogue = self.ctx.services.catalogue
        rows = []
        for post in self.ctx.services.pending_self_posts():
            trade = catalogue.trade(post.job.trade)
            local = self.ctx.services.local_time(post.created_at)
            rows.append((post.id, (
                post.reference, f"{local:%m-%d %H:%M}", post.job.title,
                trade.label(language) if trade else post.job.trade,
                str(post.job.headcount), t(SOURCES[post.source]))))
        chosen = self.posts.selected_id()
        self.posts.set_rows(rows)
        if chosen is not None:
            self.posts.select_id(chosen)
        self._chosen_changed()

    def retranslate(self) -> None:
        t = self.t
        self.list_box.setTitle(t(N_("Employers' own posts waiting for review")))
        self.actions_box.setTitle(t(N_("The chosen post")))
        self.posts.set_headers([t(N_("Reference")), t(N_("Received")), t(N_("Job title")),
                                t(N_("Trade")), t(N_("Workers needed")), t(N_("From"))])
        self.approve_button.setText(t(N_("Approve")))
        self.edit_button.setText(t(N_("Edit, then approve")))
        self.reason.setPlaceholderText(t(N_("Why it is refused (required)")))
        self.refuse_button.setText(t(N_("Refuse")))
        self.message.clear()
        self.refresh()
