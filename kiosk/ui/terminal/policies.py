"""政策明白纸: the city's policy pages in large type, one at a time, paged by big buttons,
each printable as a ticket to take home.

Voice: the touchscreen plays only prompts recorded in advance (kiosk.ui.voice, WAV files
made by scripts/make_voice.py); it cannot read arbitrary text, and the city's pages change
without a new release, so this screen says nothing rather than pretend.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.city_content import PolicyPage
from kiosk.core.errors import N_, Err
from kiosk.ui.terminal.base import INFO, Screen, Session
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.step_header import StepHeader


class PoliciesScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.pages: tuple[PolicyPage, ...] = ()
        self.index = 0
        self.header = StepHeader()
        self.header.back.clicked.connect(lambda: self.navigate.emit(INFO))
        self.title = label("", "title")
        self.body = label("", "reading")
        self.hotline = label("", "reviewValue")
        self.source = label("", "hint")
        self.status = label("", "ok")
        self.status.hide()
        self.previous = big_button("", "secondary")
        self.next = big_button("", "secondary")
        self.print = big_button("", "primary")
        self.previous.clicked.connect(lambda: self.turn(-1))
        self.next.clicked.connect(lambda: self.turn(1))
        self.print.clicked.connect(self.print_page)
        row = QHBoxLayout()
        row.setSpacing(20)
        for button in (self.previous, self.next, self.print):
            row.addWidget(button, 1)
        # the paging buttons come first: on any screen they are in view when a page opens,
        # and a long page in 大字 scrolls below them
        self.layout_.addWidget(self.header)
        self.layout_.addLayout(row)
        for widget in (self.status, self.title, self.body, self.hotline, self.source):
            self.layout_.addWidget(widget)
        self.layout_.addStretch(1)

    def reset(self) -> None:
        self.index = 0
        self._tell("")

    def shown(self) -> None:
        self.pages = self.session.services.policy_pages()
        self.index = min(self.index, max(0, len(self.pages) - 1))
        self._tell("")
        self.retranslate()

    def turn(self, step: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + step))
        self._tell("")
        self.retranslate()

    def print_page(self) -> None:
        if not self.pages:
            return
        result = self.session.services.print_policy_page(self.pages[self.index].id)
        self._tell(self.t(N_("The page could not be printed: please ask the staff."))
                   if isinstance(result, Err) else
                   self.t(N_("Printing: please take the page from the printer.")))

    def _tell(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def retranslate(self) -> None:
        t = self.t
        if not self.pages:
            self.pages = self.session.services.policy_pages()
        total = len(self.pages)
        counter = t(N_("Page {n} of {total}")).format(n=self.index + 1, total=total)
        self.header.set_step(t(N_("Policies")), self.index + 1, total, counter, t(N_("← Back")))
        self.previous.setText(t(N_("◀ Previous")))
        self.next.setText(t(N_("Next ▶")))
        self.print.setText(t(N_("Print this page")))
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < total - 1)
        self.print.setEnabled(total > 0)
        self.print.setVisible(self.session.printing)  # a terminal without a printer
        if not total:
            return
        page = self.pages[self.index]
        language = "en" if self.session.t.language == "en" else "zh"
        self.title.setText(page.title(language))
        self.body.setText("\n\n".join(page.body(language)))
        self.hotline.setText(t(N_("{label}: {value}")).format(label=t(N_("Ask by phone")),
                                                               value=page.hotline))
        self.hotline.setVisible(bool(page.hotline))
        self.source.setText(t(N_("Source: {source}")).format(source=page.source))
        self.source.setVisible(bool(page.source))
