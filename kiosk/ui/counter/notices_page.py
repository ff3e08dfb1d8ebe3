"""Notices for the board's ticker (S8): the list, and a form to post one. The board reads
the store, so a notice posted here crawls across its footer from its first day."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.drafts import NoticeDraft
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.records import Notice
from kiosk.services import casework
from kiosk.ui.counter.context import CounterContext, CounterPage
from kiosk.ui.counter.form import DateField, FitCombo, Form, say, widget_row
from kiosk.ui.counter.table import action_button, table_box
from kiosk.ui.widgets.buttons import label


class NoticesPage(CounterPage):
    TITLE = N_("Notices")

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.errors: tuple[FieldError, ...] = ()  # of the last try, shown until it is posted
        column = QVBoxLayout(self)
        column.addWidget(self._form_box())
        column.addWidget(self._list_box(), 1)

    # -- building ---------------------------------------------------------------------
    def _form_box(self) -> QGroupBox:
        self.form_box = QGroupBox()
        self.form = Form()
        self.text_zh = self.form.add("text_zh", QLineEdit())
        self.text_en = self.form.add("text_en", QLineEdit())
        self.form.add("starts_on", self._dates_row())
        self.form.add("ends_on", self._ends_row())
        self.priority = FitCombo()
        self.priority.setMinimumWidth(170)
        self.form.add("priority", widget_row(self.priority, stretch=True))
        self.submit = action_button("primary", self.post)
        self.message = label("", "hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit)
        buttons.addWidget(self.message, 1)
        box = QVBoxLayout(self.form_box)
        box.addWidget(self.form)
        box.addLayout(buttons)
        return self.form_box

    def _dates_row(self) -> QWidget:
        self.starts = DateField(self.ctx.services.today)
        self.starts.set_value(self.ctx.services.today())
        self.starts_hint = label("", "hint", wrap=False)
        return widget_row(self.starts, self.starts_hint, stretch=True)

    def _ends_row(self) -> QWidget:
        self.ends = DateField(self.ctx.services.today)
        self.ends_clear = QPushButton()
        self.ends_clear.clicked.connect(lambda: self.ends.set_value(None))
        self.ends_hint = label("", "hint", wrap=False)
        return widget_row(self.ends, self.ends_clear, self.ends_hint, stretch=True)

    def _list_box(self) -> QGroupBox:
        self.list_box, self.notices = table_box(stretch_column=0)
        self.end_button = action_button("", self.end_chosen)
        self.end_message = label("", "hint")
        self.notices.itemSelectionChanged.connect(self._chosen_changed)
        actions = QHBoxLayout()
        actions.addWidget(self.end_button)
        actions.addWidget(self.end_message, 1)
        layout = self.list_box.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(actions)
        self._chosen_changed()
        return self.list_box

    def _chosen_changed(self) -> None:
        """Only a notice still on the board (or still to come) can be ended."""
        chosen = self.notices.selected_id()
        notice = None if chosen is None else self.ctx.services.store.notices.get(chosen)
        self.end_button.setEnabled(notice is not None and casework.notice_state(
            notice, self.ctx.services.today()) is not casework.NoticeState.ENDED)

    def end_chosen(self) -> None:
        chosen = self.notices.selected_id()
        if chosen is None:
            return
        result = self.ctx.services.end_notice(chosen)
        if isinstance(result, Err):
            say(self.end_message, result.errors[0].text(self.ctx.t.language), error=True)
            return
        say(self.end_message, self.t(N_("Ended: the board's ticker no longer shows it.")))
        self.refresh()

    # -- acting -----------------------------------------------------------------------
    def draft(self) -> NoticeDraft:
        priority = self.priority.currentData()
        return NoticeDraft(text_zh=self.text_zh.text(), text_en=self.text_en.text(),
                           starts_on=self.starts.value(), ends_on=self.ends.value(),
                           priority=int(priority) if priority is not None else 0)

    def post(self) -> None:
        result = self.ctx.services.post_notice(self.draft())
        if isinstance(result, Err):
            self.errors = result.errors
            self._show_errors()
            return
        self.errors = ()
        self.form.clear_errors()
        say(self.message, self._posted_text(result.value))
        self.clear()
        self.refresh()

    def _show_errors(self) -> None:
        left = self.form.show_errors(self.errors, self.ctx.t.language)
        say(self.message, "\n".join([self.t(N_("Please correct the marked fields.")), *left]),
            error=True)

    def _posted_text(self, notice: Notice) -> str:
        if casework.notice_state(notice, self.ctx.services.today()) is casework.NoticeState.SHOWING:
            return self.t(N_("Posted: the board's ticker shows it now."))
        return self.t(N_("Posted: the board's ticker shows it from {day}.")).format(
            day=notice.starts_on.isoformat())

    def clear(self) -> None:
        self.text_zh.clear()
        self.text_en.clear()
        self.starts.set_value(self.ctx.services.today())
        self.ends.set_value(None)
        self.priority.setCurrentIndex(0)

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        today, language = self.ctx.services.today(), self.ctx.t.language
        self.notices.set_rows([(n.id, (
            n.text_en if language == "en" and n.text_en else n.text_zh,
            _span(n, self.t(N_("no end date"))),
            self.t(casework.priority_name(n.priority)),
            self.t(casework.NOTICE_STATE_NAMES[casework.notice_state(n, today)]),
        )) for n in casework.notices(self.ctx.services)])
        self._chosen_changed()

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.form_box.setTitle(t(N_("Post a notice on the board's ticker")))
        for name, caption in (("text_zh", N_("Text in Chinese")),
                              ("text_en", N_("Text in English (optional)")),
                              ("starts_on", N_("Shown from")),
                              ("ends_on", N_("Shown until (optional)")),
                              ("priority", N_("Priority"))):
            self.form.caption(name, t(caption))
        self.text_zh.setPlaceholderText(t(N_("e.g. Tomorrow from 8:00 a free electrician "
                                             "safety course in room 2")))
        self.starts_hint.setText(t(N_("The ticker shows it from this day.")))
        self.ends_clear.setText(t(N_("No end date")))
        self.ends_hint.setText(t(N_("Left empty, it shows every day from its start.")))
        chosen = self.priority.currentIndex()
        self.priority.clear()
        for value, name in casework.NOTICE_PRIORITIES:
            self.priority.addItem(t(name), value)
        self.priority.setCurrentIndex(max(0, chosen))
        self.submit.setText(t(N_("Post the notice")))
        if self.errors:
            self._show_errors()
        else:
            self.message.clear()
        self.list_box.setTitle(t(N_("Notices")))
        self.end_button.setText(t(N_("End this notice now")))
        self.notices.set_headers([t(N_("Text")), t(N_("Dates")), t(N_("Priority")),
                                  t(N_("Status"))])
        self.refresh()


def _span(notice: Notice, open_ended: str) -> str:
    ends = notice.ends_on.isoformat() if notice.ends_on else open_ended
    return f"{notice.starts_on.isoformat()} – {ends}"

