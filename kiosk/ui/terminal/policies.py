"""政策明白纸: the city's policy pages in large type, one at a time, paged by big buttons,
each printable as a ticket to take home.

Voice: the touchscreen plays only prompts recorded in advance (kiosk.ui.voice, WAV files
made by scripts/make_voice.py); it cannot read arbitrary text. Each page the demo ships has
a short recorded summary, found by the page's id (`POLICY_PROMPTS`), played when the page
opens and again on 再听一遍. A page the city publishes later has no recording: it shows no
voice button and says nothing, rather than play a summary of some other text.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.city_content import PolicyPage
from kiosk.core.errors import N_, Err
from kiosk.ui.terminal.base import INFO, Screen, Session
from kiosk.ui.voice import POLICY_PROMPTS
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.step_header import StepHeader


class PoliciesScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.pages: tuple[PolicyPage, ...] = ()
        self.index = 0
        self._watching = False
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
        self.listen = big_button("", "secondary")
        self.listen.clicked.connect(self.speak)
        self.previous.clicked.connect(lambda: self.turn(-1))
        self.next.clicked.connect(lambda: self.turn(1))
        self.print.clicked.connect(self.print_page)
        row = QHBoxLayout()
        row.setSpacing(20)
        for button in (self.previous, self.next, self.print):
            row.addWidget(button, 1)
        listen_row = QHBoxLayout()
        listen_row.addWidget(self.listen)
        listen_row.addStretch(1)
        # the paging buttons come first: on any screen they are in view when a page opens,
        # and a long page in 大字 scrolls below them
        self.layout_.addWidget(self.header)
        self.layout_.addLayout(row)
        self.layout_.addLayout(listen_row)
        for widget in (self.status, self.title, self.body, self.hotline, self.source):
            self.layout_.addWidget(widget)
        self.layout_.addStretch(1)

    def reset(self) -> None:
        self.index = 0
        self._tell("")

    def shown(self) -> None:
        voice = self.session.voice
        if voice is not None and not self._watching:  # the 语音 switch shows or hides 再听一遍
            voice.enabled_changed.connect(lambda _on: self.retranslate())
            voice.available_changed.connect(lambda _on: self.retranslate())
            self._watching = True
        self.pages = self.session.services.policy_pages()
        self.index = min(self.index, max(0, len(self.pages) - 1))
        self._tell("")
        self.retranslate()
        self.speak()

    def turn(self, step: int) -> None:
        index = max(0, min(len(self.pages) - 1, self.index + step))
        if index == self.index:
            return
        self.index = index
        self._tell("")
        self.retranslate()
        self.speak()

    def summary(self) -> tuple[str, ...]:
        """The recorded summary of the page on screen, or () when it has none."""
        if not self.pages:
            return ()
        return POLICY_PROMPTS.get(self.pages[self.index].id, ())

    def _can_speak(self) -> bool:
        voice = self.session.voice
        return voice is not None and voice.available and voice.enabled

    def speak(self) -> None:
        """Play the page's recorded summary; a page without one: silence (stopping the
        previous page's summary, so no other page's clip goes on playing)."""
        voice = self.session.voice
        if voice is None:
            return
        clips = self.summary()
        if clips:
            voice.say_all(list(clips), self.session.t.language)
        else:
            voice.stop()

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
        self.listen.setText(t(N_("Listen again")))
        self.listen.setVisible(bool(self.summary()) and self._can_speak())
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
