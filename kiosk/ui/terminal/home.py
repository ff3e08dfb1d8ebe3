"""The home screen: a few huge buttons, each a whole task."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.core.errors import N_
from kiosk.ui.terminal.base import CHECK_IN, INFO, JOBS, REGISTER, Screen, Session
from kiosk.ui.widgets.buttons import big_button, label

# (screen, caption, what it is for, style)
TILES = (
    (REGISTER, N_("Register"), N_("First time here? Free"), "primary"),
    (CHECK_IN, N_("Check in"), N_("Get today's queue number"), "secondary"),
    (JOBS, N_("Find work"), N_("See today's jobs"), "secondary"),
    (INFO, N_("Service information"), N_("Address, hours, hotline, complaints"), ""),
)


class HomeScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.welcome = label("", "title")
        self.hint = label("", "hint")
        self.notice = label("", "error")
        self.notice.hide()
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (target, _caption, _purpose, role) in enumerate(TILES):
            button = big_button("", role)
            button.setProperty("tile", "home")
            button.setSizePolicy(button.sizePolicy().horizontalPolicy(),
                                 QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _=False, screen=target: self.navigate.emit(screen))
            grid.addWidget(button, i // 2, i % 2)
            self.buttons[target] = button
        self.layout_.addWidget(self.welcome)
        self.layout_.addWidget(self.hint)
        self.layout_.addWidget(self.notice)
        self.layout_.addLayout(grid, 1)

    def show_notice(self, text: str) -> None:
        """Why the last scan did nothing (cleared by the next reset)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def reset(self) -> None:
        self.show_notice("")

    def retranslate(self) -> None:
        t = self.t
        self.welcome.setText(t(N_("Welcome! Tap what you want to do.")))
        self.hint.setText(t(N_("Registration, job matching and training are free.")))
        for target, caption, purpose, _role in TILES:
            self.buttons[target].setText(f"{t(caption)}\n{t(purpose)}")
