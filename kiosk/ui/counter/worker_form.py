"""The worker form at the counter: registration (for workers without a smartphone to fill
the phone form) and correction of every S2 field, with the hardship flags staff set.

A new registration needs the worker's separate consent (PIPL) ticked before the ID number
is taken. An edit never shows the stored ID number: left empty, the stored one is kept."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.drafts import WorkerDraft
from kiosk.core.errors import N_, Err
from kiosk.core.records import Intention, Worker
from kiosk.services import desk
from kiosk.ui.counter.context import CounterContext
from kiosk.ui.counter.form import DateField, Form, say, widget_row
from kiosk.ui.counter.rare_chars import RareCharPanel
from kiosk.ui.counter.table import action_button
from kiosk.ui.widgets.buttons import label

INTENTIONS = ((Intention.DAILY, N_("Paid daily")), (Intention.HOURLY, N_("By the hour")),
              (Intention.SEASONAL, N_("Seasonal")), (Intention.LONG_TERM, N_("Long term")))
TRADE_COLUMNS = 6
CERTIFICATE_COLUMNS = 4
FORM_SIZE = (1180, 840)


class ChoiceGrid(QWidget):
    """Tick-boxes in rows of `columns`, each carrying its code."""

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}

    def set_options(self, options: Sequence[tuple[str, str]]) -> None:
        """(code, text) options; ticks on codes still offered stay."""
        keep = set(self.checked())
        for box in self.boxes.values():
            self.grid.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        for i, (code, text) in enumerate(options):
            box = QCheckBox(text.replace("&", "&&"))  # & would mark a shortcut key
            box.setChecked(code in keep)
            self.grid.addWidget(box, i // self.columns, i % self.columns)
            self.boxes[code] = box

    def checked(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_checked(self, codes: Sequence[str]) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)


class WorkerForm(QDialog):
    """Registration (`worker` None) or correction of one worker; `saved` says who."""

    saved = Signal(object)  # the Worker as stored

    def __init__(self, ctx: CounterContext, worker: Worker | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.setObjectName("counterRoot")  # the counter's background
        self.setModal(True)
        self.resize(*FORM_SIZE)
        self.form = Form()
        self._build_fields()
        self.message = label("", "hint")
        self.save_button = action_button("primary", self.save)
        self.cancel_button = action_button("", self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        inner = QWidget()
        inner.setObjectName("counterRoot")
        inner_box = QVBoxLayout(inner)
        inner_box.addWidget(self.form)
        inner_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        self.title = label("", "title")
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.retranslate()
        if worker is not None:
            self._fill(worker)

    @property
    def is_new(self) -> bool:
        return self.worker is None

    # -- building ---------------------------------------------------------------------
    def _build_fields(self) -> None:
        form = self.form
        if self.is_new:
            self.consent = form.add("consent", QCheckBox())
            self.consent_text = label("", "hint")
            form.grid.addWidget(self.consent_text, form.grid.rowCount(), 1)
        self.name = QLineEdit()
        self.name.setMaxLength(30)
        self.rare_chars = RareCharPanel(self.ctx.t, self.name)
        self.rare_button = action_button("", self.rare_chars.toggle)
        form.add("name", widget_row(self.name, self.rare_button))
        form.grid.addWidget(self.rare_chars, form.grid.rowCount(), 1)
        self.id_number = form.add("id_number", QLineEdit())
        self.id_number.setMaxLength(22)
        self.phone = form.add("phone", QLineEdit())
        self.phone.setMaxLength(20)
        self.trades = form.add("trades", ChoiceGrid(TRADE_COLUMNS))
        self.certificates = form.add("certificates", ChoiceGrid(CERTIFICATE_COLUMNS))
        self.intentions = form.add("intentions", ChoiceGrid(len(INTENTIONS)))
        self.areas = form.add("areas", ChoiceGrid(TRADE_COLUMNS))
        self.available_from = form.add("available_from", DateField(self.ctx.services.today))
        self.available_from.set_value(self.ctx.services.today())
        self.skills_note = form.add("skills_note", QLineEdit())
        self.skills_note.setMaxLength(200)
        self.low_income, self.disabled = QCheckBox(), QCheckBox()
        form.add("hardship", _row(self.low_income, self.disabled))
        if self.is_new:
            self.print_card = form.add("print_card", QCheckBox())
            self.print_card.setChecked(True)
        self.intentions.set_options([(i.value, i.value) for i, _text in INTENTIONS])
        self.intentions.set_checked([Intention.DAILY.value])

    def _fill(self, worker: Worker) -> None:
        """The stored details, but never the ID number (its placeholder shows it masked)."""
        self.name.setText(worker.name)
        self.phone.setText(worker.phone)
        self.trades.set_checked(worker.trades)
        self.certificates.set_checked(worker.certificates)
        self.intentions.set_checked([i.value for i in worker.intentions])
        self.areas.set_checked(worker.areas)
        self.available_from.set_value(max(worker.available_from, self.ctx.services.today()))
        self.skills_note.setText(worker.skills_note)
        self.low_income.setChecked(worker.low_income)
        self.disabled.setChecked(worker.disabled)

    # -- saving -----------------------------------------------------------------------
    def draft(self) -> WorkerDraft:
        return WorkerDraft(
            name=self.name.text(), id_number=self.id_number.text(), phone=self.phone.text(),
            trades=self.trades.checked(), certificates=self.certificates.checked(),
            intentions=self.intentions.checked(), areas=self.areas.checked(),
            available_from=self.available_from.value(), skills_note=self.skills_note.text(),
            low_income=self.low_income.isChecked(), disabled=self.disabled.isChecked(),
            consent_given=self.is_new and self.consent.isChecked())

    def save(self) -> None:
        """Register or update; every bad field shows why and nothing is stored."""
        services = self.ctx.services
        if self.worker is None:
            result = desk.register_worker(services, self.draft(),
                                          print_card=self.print_card.isChecked())
        else:
            result = desk.update_worker(services, self.worker.id, self.draft())
        if isinstance(result, Err):
            left = self.form.show_errors(result.errors, self.ctx.t.language)
            say(self.message, "\n".join([self.t(N_("Please correct the marked fields.")),
                                         *left]), error=True)
            return
        self.form.clear_errors()
        self.id_number.clear()
        self.saved.emit(result.value)
        self.accept()

    # -- language ---------------------------------------------------------------------
    def t(self, message: str) -> str:
        return self.ctx.t(message)

    def retranslate(self) -> None:
        t, language = self.t, self.ctx.t.language
        self.setWindowTitle(t(N_("Register a worker") if self.is_new else N_("Edit a worker")))
        self.title.setText(self.windowTitle())
        self.rare_button.setText(t(N_("Rare character…")))
        self.rare_chars.retranslate()
        captions = {
            "consent": N_("Consent"), "name": N_("Name"), "id_number": N_("ID card number"),
            "phone": N_("Mobile number"), "trades": N_("Trades (up to 3)"),
            "certificates": N_("Certificates"), "intentions": N_("Work wanted"),
            "areas": N_("Areas (none ticked: anywhere)"), "available_from": N_("Available from"),
            "skills_note": N_("Skills and experience"), "hardship": N_("Hardship"),
            "print_card": N_("Worker card"),
        }
        for name, caption in captions.items():
            if name in self.form.captions:
                self.form.caption(name, t(caption))
        if self.is_new:
            self.consent.setText(t(N_("The worker agrees to give their ID number")))
            self.consent_text.setText(t(N_(
                "Read this to the worker: we take your ID number, name and mobile only to "
                "find you work and to contact you; they are never shown on a screen or a "
                "ticket, and your full ID number stays in this hall's computer only until "
                "the city's service has it, which keeps it encrypted. You may ask us to see, "
                "correct or delete them; deleting removes them here, at the city and at every "
                "other hall that has them. Another hall you visit sees only what finding you work "
                "needs, never your ID number or mobile, and forgets it after {days} days "
                "without a visit. Tick only when the worker has said yes.")).format(
                days=self.ctx.services.settings.city_copy_days))
            self.print_card.setText(t(N_("Print the worker card now")))
        else:
            self.id_number.setPlaceholderText(t(N_(
                "{masked} (leave empty to keep it)")).format(masked=self._masked()))
        self.low_income.setText(t(N_("Low-income family")))
        self.disabled.setText(t(N_("Disability")))
        catalogue = self.ctx.services.catalogue
        self.trades.set_options([(tr.code, tr.label(language)) for tr in catalogue.trades])
        self.certificates.set_options([(c.code, c.label(language))
                                       for c in catalogue.certificates])
        self.intentions.set_options([(i.value, t(text)) for i, text in INTENTIONS])
        self.areas.set_options([(a, a) for a in area_options(self.ctx)])
        self.save_button.setText(t(N_("Register") if self.is_new else N_("Save")))
        self.cancel_button.setText(t(N_("Cancel")))

    def _masked(self) -> str:
        return "" if self.worker is None else self.worker.id_masked


def area_options(ctx: CounterContext) -> list[str]:
    """The areas the hall accepts, in the configuration's order."""
    accepted = ctx.services.settings.areas
    configured = list(ctx.config.areas)
    if not accepted:
        return configured
    return [a for a in configured if a in accepted] + sorted(accepted - set(configured))



def _row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(32)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return row
