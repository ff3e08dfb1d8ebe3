"""服务信息 (S8): the hall's address, opening hours, trades, hotline and how to complain;
today's notices (the hall's own and the city's, marked 市里通知) and the way to the city's
policy pages."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core import formatting
from kiosk.core.errors import N_
from kiosk.ui.terminal.base import HOME, INSURANCE, POLICIES, Screen, Session
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.step_header import StepHeader


class InfoScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.header = StepHeader()
        self.header.back.clicked.connect(lambda: self.navigate.emit(HOME))
        self.notices = label("", "cityNotice")
        self.body = label("", "card")
        self.trades = label("", "")
        self.policies = big_button("", "secondary")
        self.policies.clicked.connect(lambda: self.navigate.emit(POLICIES))
        self.insurance = big_button("", "secondary")
        self.insurance.clicked.connect(lambda: self.navigate.emit(INSURANCE))
        self.done = big_button("", "primary")
        self.done.clicked.connect(lambda: self.navigate.emit(HOME))
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.notices)
        self.layout_.addWidget(self.body)
        self.layout_.addWidget(self.trades)
        self.layout_.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(20)
        row.addWidget(self.policies, 1)
        row.addWidget(self.insurance, 1)
        row.addWidget(self.done, 1)
        self.layout_.addLayout(row)

    def shown(self) -> None:
        self._show_notices()
        self.session.say(N_("Service information"))

    def _show_notices(self) -> None:
        """Today's notices, the city's marked as such; hidden when there are none."""
        t, language = self.t, self.session.t.language
        city = t(N_("City notice: {text}"))
        lines = [city.format(text=n.text(language)) if n.city else n.text(language)
                 for n in self.session.services.notices_today()]
        if language != "en":  # as typed, "地址: …" reads "地址：…" (as on the board)
            lines = [formatting.cjk_punctuation(line) for line in lines]
        self.notices.setText("\n".join(f"■ {line}" for line in lines))
        self.notices.setVisible(bool(lines))

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
        self.policies.setText(t(N_("Policies")))
        self.insurance.setText(t(N_("Accident insurance")))
        self.done.setText(t(N_("Done")))
        self._show_notices()
