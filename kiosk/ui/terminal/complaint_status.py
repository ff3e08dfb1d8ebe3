"""查投诉进度: a worker types the digits of the number on their complaint receipt and reads
how the complaint is going, in plain words. Nothing that names or reaches anyone is shown
(no name, phone, employer or sum): a bystander learns only that some complaint exists."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.core import casework as rules
from kiosk.core.errors import N_
from kiosk.services import casework
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.keypad import NumericKeypad
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.step_header import StepHeader

MAX_DIGITS = 24  # the date (8), the terminal's digits and the sequence
GROUPS = (8, 4, 4, 4, 4)  # 20261123 0100 1: the date first, as the receipt reads


class ComplaintStatusScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.header = StepHeader()
        self.header.back.clicked.connect(lambda: self.navigate.emit(HOME))
        self.pages = PageStack()
        self.pages.addWidget(self._entry())
        self.pages.addWidget(self._result())
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.pages, 1)
        self.found: list[casework.CaseStatus] = []
        self._missing = False

    def _entry(self) -> QWidget:
        self.entry = QWidget()
        self.prompt = label("", "")
        self.example = label("", "hint")
        self.keypad = NumericKeypad(MAX_DIGITS, GROUPS)
        self.keypad.changed.connect(lambda _text: self._show_missing(False))
        self.message = label("", "error")
        self.message.hide()
        self.confirm = big_button("", "primary")
        self.confirm.clicked.connect(self.look_up)
        side = QVBoxLayout()
        for widget in (self.prompt, self.example, self.keypad.display, self.message):
            side.addWidget(widget)
        side.addStretch(1)
        side.addWidget(self.confirm)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.entry)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(side, 1)
        self._layout.addWidget(self.keypad, 1)
        return self.entry

    def _result(self) -> QWidget:
        self.result = QWidget()
        self.number = label("", "hint")
        self.status = label("", "title")
        self.words = label("", "card")
        self.steps = label("", "")
        self.done = big_button("", "primary")
        self.done.clicked.connect(lambda: self.navigate.emit(HOME))
        box = QVBoxLayout(self.result)
        for widget in (self.number, self.status, self.words, self.steps):
            box.addWidget(widget)
        box.addStretch(1)
        box.addWidget(self.done)
        return self.result

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Side by side on a landscape screen (keys on the right); stacked in portrait."""
        portrait = self.height() > self.width()
        self._layout.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                  else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    # -- acting -----------------------------------------------------------------------
    def look_up(self) -> None:
        self.show_number(self.keypad.text())

    def show_number(self, typed: str) -> None:
        """The status of the complaint numbered `typed` (digits, or the number itself)."""
        self.found = casework.look_up_complaint(self.session.services, typed)
        if not self.found:
            self._show_missing(True)
            return
        self._result_texts()
        self.pages.setCurrentWidget(self.result)

    def show_complaint(self, complaint_id: str) -> bool:
        """The status of the complaint whose receipt's QR was scanned; False: not this
        hall's (or not known here yet)."""
        found = casework.complaint_status(self.session.services, complaint_id)
        if found is None:
            return False
        self.found = [found]
        self._result_texts()
        self.pages.setCurrentWidget(self.result)
        return True

    def _show_missing(self, missing: bool) -> None:
        self._missing = missing
        self.message.setText(self.t(N_(
            "No complaint of this hall has this number. Please check the digits on your "
            "receipt, or ask at the counter.")) if missing else "")
        self.message.setVisible(missing)
        self.keypad.set_invalid(missing)

    def _result_texts(self) -> None:
        if not self.found:
            return
        t = self.t
        first = self.found[0]
        title, words = rules.STATUS_WORDS[first.status]
        self.number.setText(t(N_("Complaint {number} · {kind} · filed {day}")).format(
            number=first.number, kind=t(rules.KIND_NAMES[first.kind]),
            day=f"{first.filed_on:%Y-%m-%d}"))
        self.status.setText(t(title))
        self.words.setText(t(words))
        if first.last_action is not None and first.last_on is not None:
            self.steps.setText(t(N_("Latest step: {step}, {day}")).format(
                step=t(rules.ACTION_NAMES[first.last_action]), day=f"{first.last_on:%Y-%m-%d}"))
        else:
            self.steps.setText("")
        others = [f"{s.number}: {t(rules.STATUS_WORDS[s.status][0])}" for s in self.found[1:]]
        if others:
            self.steps.setText("\n".join([self.steps.text(), *others]).strip())

    # -- the screen's duties -----------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t
        self.header.set_step(t(rules.COMPLAINT_STATUS_TILE), 0, 0, "", t(N_("← Back")))
        self.prompt.setText(t(N_("Type the digits of the complaint number on your receipt.")))
        self.example.setText(t(N_(
            "Letters and dashes are left out: TS20261123-T01-005 is 2026112301005.")))
        self.keypad.retranslate(t(N_("Clear")))
        self.confirm.setText(t(N_("Show the status")))
        self.done.setText(t(N_("Done")))
        self._show_missing(self._missing)
        self._result_texts()

    def reset(self) -> None:
        self.keypad.clear()
        self.found = []
        self._show_missing(False)
        self.pages.setCurrentWidget(self.entry)
