"""The home screen: a few huge buttons, each a whole task."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.core.casework import COMPLAINT_STATUS_TILE
from kiosk.core.errors import N_
from kiosk.ui import pictograms
from kiosk.ui.qr import qr_image
from kiosk.ui.terminal.base import (
    CHECK_IN,
    COMPLAINT_STATUS,
    EMPLOYER,
    INFO,
    JOBS,
    REGISTER,
    TRAINING,
    Screen,
    Session,
)
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.fit_text import two_lines

QR_MODULE_PX = 6  # a phone reads it from an arm's length
STAND_WIDTH = 320  # room for the caption on one or two whole lines
TILE_PADDING_PX = 40  # a tile's text keeps this far from its edges

# Said in large type and by voice each time home is shown: no tap is needed to check in.
CARD_PROMPT = N_("Swipe your ID card or scan your worker card to check in")

# (screen, caption, what it is for, style)
TILES = (
    (REGISTER, N_("Register"), N_("First time here? Free"), "primary"),
    (CHECK_IN, N_("Check in"), N_("Get today's queue number"), "secondary"),
    (JOBS, N_("Find work"), N_("See today's jobs"), "secondary"),
    (INFO, N_("Service information"), N_("Address, hours, hotline, complaints"), ""),
    (TRAINING, N_("Training"), N_("See courses, sign up here"), ""),
    (EMPLOYER, N_("Hiring?"), N_("Post a job for staff to check"), ""),  # 我要招工
)
# Tiles with a pictogram beside their words (kiosk.ui.pictograms; assets/pictograms).
TILE_PICTOGRAMS = {TRAINING: ("training", "学")}
TILE_ICON_PX = 72
COLUMNS = 3  # tiles a row on a landscape screen
PORTRAIT_COLUMNS = 2  # in portrait: six tiles one a row would push the last off the screen


class HomeScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.welcome = label("", "hint", wrap=False)
        self.card_line = label("", "callout")
        self.card_line.setObjectName("cardPrompt")
        self.hint = label("", "hint")
        self.notice = label("", "error")
        self.notice.hide()
        self.buttons: dict[str, QPushButton] = {}
        self.grid = grid = QGridLayout()
        for i, (target, _caption, _purpose, role) in enumerate(TILES):
            button = big_button("", role)
            button.setProperty("tile", "home")
            button.setSizePolicy(button.sizePolicy().horizontalPolicy(),
                                 QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _=False, screen=target: self.navigate.emit(screen))
            if target in TILE_PICTOGRAMS:
                name, glyph = TILE_PICTOGRAMS[target]
                button.setIcon(pictograms.icon(sector="", pictogram=name, glyph=glyph,
                                               side=TILE_ICON_PX))
                button.setIconSize(QSize(TILE_ICON_PX, TILE_ICON_PX))
            grid.addWidget(button, i // COLUMNS, i % COLUMNS)
            self.buttons[target] = button
        # 查投诉进度 (the complaint receipt names it): beside the welcome, so the home screen
        # needs no more height than its four tiles.
        self.status_button = big_button("", "")
        self.status_button.clicked.connect(lambda: self.navigate.emit(COMPLAINT_STATUS))
        self.buttons[COMPLAINT_STATUS] = self.status_button
        # The big line says what needs no tap at all; the welcome and the free services
        # share the line below it, so home needs no more height than before.
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addWidget(self.card_line, 1)
        top.addWidget(self.status_button)
        self.layout_.addLayout(top)
        hints = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        hints.addWidget(self.welcome)
        hints.addWidget(self.hint, 1)
        self.layout_.addLayout(hints)
        self.layout_.addWidget(self.notice)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.addLayout(grid, 1)
        self.row.addWidget(self._qr_stand())
        self.layout_.addLayout(self.row, 1)

    def _qr_stand(self) -> QWidget:
        """二维码摆台: the city's phone registration page, with this hall's code."""
        config = self.session.config
        self.phone_url = config.scan.registration_url(config.hall.id)
        image = qr_image(self.phone_url)
        self.qr = label("", "")
        self.qr.setPixmap(QPixmap.fromImage(image.scaled(
            image.width() * QR_MODULE_PX, image.height() * QR_MODULE_PX)))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = label("", "hint")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stand = QWidget()
        self.stand.setObjectName("qrStand")
        self.stand_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.stand)
        self.stand_layout.addStretch(1)
        self.stand_layout.addWidget(self.qr)
        self.stand_layout.addWidget(self.qr_caption)
        self.stand_layout.addStretch(1)
        self.orient(portrait=False)
        return self.stand

    def orient(self, portrait: bool) -> None:
        """Landscape: the QR stand beside the tiles; portrait: below them, caption beside."""
        super().orient(portrait)
        columns = PORTRAIT_COLUMNS if portrait else COLUMNS
        for target, *_rest in TILES:
            self.grid.removeWidget(self.buttons[target])
        for i, (target, *_rest) in enumerate(TILES):
            self.grid.addWidget(self.buttons[target], i // columns, i % columns)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        rows = -(-len(TILES) // columns)
        for row in range(len(TILES)):
            self.grid.setRowStretch(row, 1 if row < rows else 0)
        side = self.qr.pixmap().width() + 40
        self.row.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                              else QBoxLayout.Direction.LeftToRight)
        self.stand_layout.setDirection(QBoxLayout.Direction.LeftToRight if portrait
                                       else QBoxLayout.Direction.TopToBottom)
        if portrait:
            self.stand.setMinimumWidth(0)
            self.stand.setMaximumWidth(16_777_215)
            self.stand.setFixedHeight(side)
        else:
            self.stand.setMinimumHeight(0)
            self.stand.setMaximumHeight(16_777_215)
            self.stand.setFixedWidth(max(STAND_WIDTH, side))

    def show_notice(self, text: str) -> None:
        """Why the last scan did nothing (cleared by the next reset)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def reset(self) -> None:
        self.show_notice("")

    def shown(self) -> None:
        self.session.say(CARD_PROMPT)

    def retranslate(self) -> None:
        t = self.t
        self.welcome.setText(t(N_("Welcome! Tap what you want to do.")))
        self.card_line.setText(t(CARD_PROMPT))
        self.hint.setText(t(N_("Registration, job matching and training are free.")))
        self.qr_caption.setText(t(N_("Prefer your phone? Scan to register")))
        self.status_button.setText(t(COMPLAINT_STATUS_TILE))
        self._set_tile_texts()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._set_tile_texts()

    def _set_tile_texts(self) -> None:
        """Caption and purpose; a purpose wider than its tile breaks at a comma near its
        middle rather than being cut off (English runs longer than Chinese)."""
        for target, caption, purpose, _role in TILES:
            button = self.buttons[target]
            room = button.width() - 2 * TILE_PADDING_PX
            text = self.t(purpose)
            if QFontMetrics(button.font()).horizontalAdvance(text) > room:
                text = _break_near_middle(text)
            button.setText(f"{self.t(caption)}\n{text}")


def _break_near_middle(text: str) -> str:
    """`text` on two lines, broken at the place (see `two_lines`) closest to its middle."""
    return min(two_lines(text), default=text,
               key=lambda split: abs(split.index("\n") - len(split) / 2))
