"""服务信息 (S8): the hall's address, opening hours, trades, hotline and how to complain."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.core.errors import N_
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.step_header import StepHeader


class InfoScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.header = StepHeader()
        self.header.back.clicked.connect(lambda: self.navigate.emit(HOME))
        self.body = label("", "card")
        self.trades = label("", "")
        self.done = big_button("", "primary")
        self.done.clicked.connect(lambda: self.navigate.emit(HOME))
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.body)
        self.layout_.addWidget(self.trades)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.done)

    def shown(self) -> None:
        self.session.say(N_("Service information"))

    def retranslate(self) -> None:
        t = self.t
        hall = self.session.config.hall
        self.header.set_step(t(N_("Service information")), 0, 0, "", t(N_("← Back")))
        line = t(N_("{label}: {value}"))
        rows = ((N_("Hall"), hall.name), (N_("Address"), hall.address),
                (N_("Opening hours"), hall.hours), (N_("Hotline"), hall.hotline),
                (N_("Wage arrears and complaints"), hall.complaint_channel))
        self.body.setText("\n".join(line.format(label=t(name), value=value)
                                    for name, value in rows if value))
        catalogue = self.session.services.catalogue
        language = self.session.t.language
        sectors = [t(N_("{label}: {value}")).format(
            label=s.en if language == "en" else s.zh,
            value=t(N_(", ")).join(tr.label(language) for tr in catalogue.trades
                                    if tr.sector == s.code))
            for s in catalogue.sectors]
        self.trades.setText(t(N_("Jobs you can find here:")) + "\n" + "\n".join(sectors))
        self.done.setText(t(N_("Done")))
