"""登记: numbered steps with a progress bar and ← back on each; taps only.

consent → ID number → mobile number → name (全键盘, 九宫格 or 手写) → trades → review →
done; 请工作人员帮助 in the header of each step calls staff and keeps what was entered.
Certificates, 求职意向 with preferred areas, and the day the worker can start have sensible
defaults (none, 日结, any area, today) shown on the review page, each with 修改: a hurried
worker at 6 a.m. is done in under 40 taps, and nothing is hidden. Nothing is stored until
the review page's 提交; declining consent stores nothing and goes home.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.drafts import WorkerDraft
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.pinyin_input import PinyinIndex
from kiosk.core.privacy import mask_id_number, mask_name, mask_phone
from kiosk.core.records import HelpPlace, Intention, Worker
from kiosk.system.handwriting import Recogniser, Unavailable, shared_recogniser
from kiosk.ui import pictograms
from kiosk.ui.qr import qr_image
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.terminal.id_entry import IdEntry
from kiosk.ui.theme import TouchSize
from kiosk.ui.widgets.buttons import big_button, label
from kiosk.ui.widgets.handwriting_pad import HandwritingPanel
from kiosk.ui.widgets.keypad import GROUPS_PHONE, NumericKeypad
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.pinyin_keypad import PinyinKeypad
from kiosk.ui.widgets.step_header import StepHeader
from kiosk.ui.widgets.tiles import Tile, TileGrid

CONSENT, ID, PHONE, NAME, TRADES, REVIEW, CERTS, INTENT, AVAIL, DUPLICATE, DONE = range(11)
NAME_PINYIN, NAME_HANDWRITING = range(2)  # the name step's inputs
KEYS_LETTERS, KEYS_PHONE, KEYS_HAND = "letters", "phone", "hand"  # how a name is entered
INPUT_NAMES = {KEYS_LETTERS: N_("ABC All letters"), KEYS_PHONE: N_("123 Phone keys"),
               KEYS_HAND: N_("✍ Write by hand")}
INPUT_PROMPTS = {
    KEYS_LETTERS: N_("Tap the pinyin of each character of your name, then the character."),
    KEYS_PHONE: N_("Tap the number key of each pinyin letter, as on a phone, then the "
                   "character."),
    KEYS_HAND: N_("Write one character of your name in the square, then tap it below.")}
NUMBERED = (CONSENT, ID, PHONE, NAME, TRADES, REVIEW)
REVIEWED = (NAME, ID, PHONE, TRADES, CERTS, INTENT, AVAIL)
PHONE_LENGTH = 11
MAX_TRADES = 3
MIN_NAME_CHARS = 2
ICON_PX = 64
INTENTIONS = ((Intention.DAILY, N_("Paid daily")), (Intention.HOURLY, N_("By the hour")),
              (Intention.SEASONAL, N_("Seasonal")), (Intention.LONG_TERM, N_("Long term")))
START_DAYS = ((0, N_("Today")), (1, N_("Tomorrow")), (2, N_("The day after tomorrow")),
              (7, N_("In a week")))
HELP_PLACES = {CONSENT: HelpPlace.CONSENT, ID: HelpPlace.ID_NUMBER, PHONE: HelpPlace.PHONE,
               NAME: HelpPlace.NAME, TRADES: HelpPlace.TRADES, REVIEW: HelpPlace.REVIEW}
FIELD_PAGE = {"consent": CONSENT, "id_number": ID, "phone": PHONE, "name": NAME,
              "trades": TRADES, "certificates": CERTS, "intentions": INTENT, "areas": INTENT,
              "available_from": AVAIL}
TITLES = {CONSENT: N_("Your consent"), ID: N_("ID card number"), PHONE: N_("Mobile number"),
          NAME: N_("Your name"), TRADES: N_("What work can you do?"),
          REVIEW: N_("Check and submit"),
          CERTS: N_("Certificates"), INTENT: N_("What work do you want?"),
          AVAIL: N_("When can you start?"), DUPLICATE: N_("Already registered"),
          DONE: N_("Registration done")}


STEP_PROMPTS = {
    CONSENT: N_("Please read, then tap I agree or I do not agree."),
    ID: N_("Enter the 18 characters of your ID card number."),
    PHONE: N_("Enter your 11-digit mobile number."),
    NAME: N_("Tap the pinyin of each character of your name, then the character."),
    TRADES: N_("Choose up to 3 kinds of work you can do."),
    REVIEW: N_("Please check your details, then tap Submit."),
    DUPLICATE: N_("This ID number is already registered. You can check in now."),
    DONE: N_("This code is your worker card: scan it at any hall's terminal to check in."),
}


@dataclass(slots=True)
class Answers:
    """What the worker has entered so far (strings as typed; checked on submit)."""

    id_number: str = ""
    phone: str = ""
    name: str = ""
    trades: list[str] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)
    intentions: list[str] = field(default_factory=lambda: [Intention.DAILY.value])
    areas: list[str] = field(default_factory=list)
    start_in_days: int = 0

    def draft(self, today: date) -> WorkerDraft:
        return WorkerDraft(
            name=self.name, id_number=self.id_number, phone=self.phone, trades=self.trades,
            certificates=self.certificates, intentions=self.intentions, areas=self.areas,
            available_from=today + timedelta(days=self.start_in_days), consent_given=True)


class RegisterScreen(Screen):
    check_in_requested = Signal(str)  # an ID number already registered: check in instead

    def __init__(self, session: Session, index: PinyinIndex,
                 recogniser: Recogniser | Unavailable | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        recogniser = shared_recogniser() if recogniser is None else recogniser
        self.answers = Answers()
        self.worker: Worker | None = None
        self.editing = False  # came from the review page: the step returns there
        self.prefilled = False  # answers came from a scanned phone pre-registration
        self._large = False  # 大字
        self._portrait = True
        self.card_name = False  # the name came from the ID card: the name step is skipped
        self.header = StepHeader()
        self.header.back.clicked.connect(self.back)
        self.offer_help(self.header)
        self.message = label("", "error")
        self.message.hide()
        self.pages = PageStack()
        builders: tuple[Callable[[], QWidget], ...] = (
            self._consent_page, self._id_page, self._phone_page,
            lambda: self._name_page(index, recogniser), self._trades_page, self._review_page,
            self._certs_page, self._intent_page, self._avail_page, self._duplicate_page,
            self._done_page)
        for build in builders:
            self.pages.addWidget(build())
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.pages, 1)

    # -- pages -------------------------------------------------------------------------
    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        return page, layout

    def _consent_page(self) -> QWidget:
        page, layout = self._page()
        self.consent_text = label("", "card")
        self.consent_hint = label("", "hint")
        self.agree = big_button("", "primary")
        self.agree.clicked.connect(self._agreed)
        self.decline = big_button("", "")
        self.decline.clicked.connect(lambda: self.navigate.emit(HOME))
        layout.addWidget(self.consent_text)
        layout.addWidget(self.consent_hint)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.decline)
        row.addWidget(self.agree)
        layout.addLayout(row)
        return page

    def _id_page(self) -> QWidget:
        self.id_entry = IdEntry(self.session)
        self.id_entry.entered.connect(self._id_entered)
        return self.id_entry

    def _phone_page(self) -> QWidget:
        page, layout = self._page()
        self.phone_prompt = label("", "")
        self.phone_keypad = NumericKeypad(PHONE_LENGTH, GROUPS_PHONE)
        self.phone_keypad.changed.connect(self._phone_typed)
        self.phone_next = big_button("", "primary")
        self.phone_next.clicked.connect(self._phone_done)
        side = QVBoxLayout()
        side.addWidget(self.phone_prompt)
        side.addWidget(self.phone_keypad.display)
        side.addStretch(1)
        side.addWidget(self.phone_next)
        self._phone_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._phone_box.addLayout(side, 1)
        self._phone_box.addWidget(self.phone_keypad, 1)
        layout.addLayout(self._phone_box)
        return page

    def _name_page(self, index: PinyinIndex, recogniser: Recogniser | Unavailable) -> QWidget:
        """The pinyin keys (all the letters, or a phone's number keys) or the handwriting
        pad, one tap apart; the name and 下一步 above them (请工作人员帮助 is in the
        header, as on every step)."""
        page, layout = self._page()
        self.name_prompt = label("", "")
        self.name_keypad = PinyinKeypad(index)
        self.name_keypad.changed.connect(self._name_changed)
        self.name_next = big_button("", "primary")
        self.name_next.setEnabled(False)
        self.name_next.clicked.connect(self._name_done)
        self.input_buttons: dict[str, QPushButton] = {}
        for keys in (KEYS_LETTERS, KEYS_PHONE, KEYS_HAND):
            button = self.input_buttons[keys] = big_button("", "key")
            button.setCheckable(True)
            button.clicked.connect(self._input_chosen(keys))
        self.handwriting_reason = label("", "hint")
        self.name_inputs = PageStack()
        self.name_inputs.addWidget(self.name_keypad)
        self.handwriting: HandwritingPanel | None = None
        self.recogniser = recogniser
        if isinstance(recogniser, Recogniser):
            self.handwriting = HandwritingPanel(recogniser, index)
            self.handwriting.chosen.connect(
                lambda char: self.name_keypad.set_name(self.name_keypad.name + char))
            self.handwriting.delete_char.connect(
                lambda: self.name_keypad.set_name(self.name_keypad.name[:-1]))
        self.input_buttons[KEYS_HAND].setEnabled(self.handwriting is not None)
        self.handwriting_reason.setVisible(self.handwriting is None)
        self.name_inputs.addWidget(self.handwriting or QWidget())
        self._name_top = top = QHBoxLayout()
        top.addWidget(self.name_keypad.display, 2)
        top.addWidget(self.name_keypad.letters_label, 1)
        top.addWidget(self.name_next, 1)
        self._name_modes = modes = QHBoxLayout()
        layout.addWidget(self.name_prompt)
        layout.addLayout(top)
        layout.addLayout(modes)
        self._place_name_modes(compact=False)
        layout.addWidget(self.name_inputs, 1)
        self._show_name_input(NAME_PINYIN)
        return page

    def _place_name_modes(self, *, compact: bool) -> None:
        """全键盘 / 九宫格 / 手写 in a row of their own, or (大字 on a landscape screen, where
        the keys need the height) in the name's row, before 下一步. (请工作人员帮助 is in
        the header, as on every step.)"""
        widgets: tuple[QWidget, ...] = (*self.input_buttons.values(), self.handwriting_reason)
        for widget in widgets:
            self._name_top.removeWidget(widget)
            self._name_modes.removeWidget(widget)
        if compact:
            for widget in widgets:
                self._name_top.insertWidget(self._name_top.count() - 1, widget, 1)
        else:
            for widget, stretch in zip(widgets, (1, 1, 1, 2), strict=True):
                self._name_modes.addWidget(widget, stretch)

    def _input_chosen(self, keys: str) -> Callable[[], None]:
        return lambda: self.choose_input(keys)

    def choose_input(self, keys: str) -> None:
        """全键盘 (all the letters), 九宫格 (a phone's number keys) or 手写 (the pad)."""
        if keys == KEYS_HAND:
            self._show_name_input(NAME_HANDWRITING)
            return
        self.name_keypad.set_phone_keys(keys == KEYS_PHONE)
        self._show_name_input(NAME_PINYIN)

    def _show_name_input(self, mode: int) -> None:
        if mode == NAME_HANDWRITING and self.handwriting is None:
            mode = NAME_PINYIN
        self.name_inputs.setCurrentIndex(mode)
        self.name_keypad.letters_label.setVisible(mode == NAME_PINYIN)
        self.handwriting_reason.setVisible(self.handwriting is None)
        self._name_mode_text()

    @property
    def name_input(self) -> str:
        """Which of the three the name step shows: KEYS_LETTERS, KEYS_PHONE or KEYS_HAND."""
        if self.name_inputs.currentIndex() == NAME_HANDWRITING:
            return KEYS_HAND
        return KEYS_PHONE if self.name_keypad.phone else KEYS_LETTERS

    def _name_mode_text(self) -> None:
        t, now = self.t, self.name_input
        for keys, text in INPUT_NAMES.items():
            button = self.input_buttons[keys]
            button.setChecked(keys == now)
            button.setText(("✓ " if keys == now else "") + t(text))  # not colour alone
        self.name_prompt.setText(t(INPUT_PROMPTS[now]))

    def _trades_page(self) -> QWidget:
        page, layout = self._page()
        self.trades_prompt = label("", "")
        self.trade_tiles = TileGrid(columns=6, max_selected=MAX_TRADES)
        self.trade_tiles.selection_changed.connect(self._trades_changed)
        self.trade_tiles.refused.connect(self._too_many_trades)
        self.trades_next = big_button("", "primary")
        self.trades_next.clicked.connect(self._trades_done)
        layout.addWidget(self.trades_prompt)
        layout.addWidget(self.trade_tiles)
        layout.addStretch(1)
        self._trades_layout = layout
        layout.addWidget(self.trades_next)
        return page

    def _place_trades_next(self) -> None:
        """下一步 under the tiles, or (大字, where the rows of tiles take the height) in
        the header's row while the trades step shows: always in sight."""
        compact = self._large and self.step == TRADES
        if compact and self.header.action is not self.trades_next:
            self._trades_layout.removeWidget(self.trades_next)
            self.header.take_action(self.trades_next)
            self.trades_next.show()  # a new parent hides it until told
        elif not compact and self.header.action is self.trades_next:
            self.header.take_action(None)
            self._trades_layout.addWidget(self.trades_next)

    def _review_page(self) -> QWidget:
        page, layout = self._page()
        self.review_grid = grid = QGridLayout()
        self.review_values: dict[int, QLabel] = {}
        self.review_names: dict[int, QLabel] = {}
        self.review_edits: dict[int, QPushButton] = {}
        for step in REVIEWED:
            edit = big_button("", "")
            edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            edit.clicked.connect(self._edit(step))
            self.review_names[step] = label("", "hint", wrap=False)
            self.review_values[step] = label("", "reviewValue")
            self.review_edits[step] = edit
        self._place_review(portrait=True)
        self.submit = big_button("", "primary")
        self.submit.clicked.connect(self.submit_registration)
        self.review_hint = label("", "hint")
        layout.addWidget(self.review_hint)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.submit)
        return page

    def _place_review(self, *, portrait: bool) -> None:
        """One answer per row in portrait; two per row on a landscape screen."""
        per_row = 1 if portrait else 2
        for i, step in enumerate(REVIEWED):
            row, column = i // per_row, (i % per_row) * 3
            for offset, widget in enumerate((self.review_names[step], self.review_values[step],
                                             self.review_edits[step])):
                self.review_grid.removeWidget(widget)
                self.review_grid.addWidget(widget, row, column + offset)
        for column in range(6):
            self.review_grid.setColumnStretch(column, 1 if column % 3 == 1 else 0)

    def _edit(self, step: int) -> Callable[[], None]:
        return lambda: self.edit(step)

    def _choice_page(self, grids: tuple[TileGrid, ...]) -> tuple[QWidget, QLabel, list[QLabel]]:
        """A page of tick-tiles under a prompt, one titled group per grid, and 确定."""
        page, layout = self._page()
        prompt = label("", "")
        layout.addWidget(prompt)
        titles = []
        for grid in grids:
            title = label("", "hint")
            titles.append(title)
            layout.addWidget(title)
            layout.addWidget(grid)
        layout.addStretch(1)
        done = big_button("", "primary")
        done.clicked.connect(lambda: self.go(REVIEW))
        layout.addWidget(done)
        self._choice_done.append(done)
        return page, prompt, titles

    def _certs_page(self) -> QWidget:
        self._choice_done: list[QPushButton] = []
        self.cert_tiles = TileGrid(columns=4)
        page, self.certs_prompt, (self.certs_title,) = self._choice_page((self.cert_tiles,))
        return page

    def _intent_page(self) -> QWidget:
        self.intent_tiles = TileGrid(columns=4)
        self.area_tiles = TileGrid(columns=4)
        page, self.intent_prompt, (self.intent_title, self.areas_title) = self._choice_page(
            (self.intent_tiles, self.area_tiles))
        return page

    def _avail_page(self) -> QWidget:
        self.avail_tiles = TileGrid(columns=4, max_selected=1)
        page, self.avail_prompt, (self.avail_title,) = self._choice_page((self.avail_tiles,))
        return page

    def _duplicate_page(self) -> QWidget:
        page, layout = self._page()
        self.duplicate_text = label("", "title")
        self.duplicate_check_in = big_button("", "primary")
        self.duplicate_check_in.clicked.connect(
            lambda: self.check_in_requested.emit(self.answers.id_number))
        self.duplicate_home = big_button("", "")
        self.duplicate_home.clicked.connect(lambda: self.navigate.emit(HOME))
        layout.addWidget(self.duplicate_text)
        layout.addStretch(1)
        layout.addWidget(self.duplicate_check_in)
        layout.addWidget(self.duplicate_home)
        return page

    def _done_page(self) -> QWidget:
        page, layout = self._page()
        self.done_text = label("", "title")
        self.card_qr = label("", "", wrap=False)
        self.card_qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_hint = label("", "")
        self.print_button = big_button("", "secondary")
        self.print_button.clicked.connect(self.print_card)
        self.done_check_in = big_button("", "primary")
        self.done_check_in.clicked.connect(
            lambda: self.check_in_requested.emit(self.answers.id_number))
        self.done_home = big_button("", "")
        self.done_home.clicked.connect(lambda: self.navigate.emit(HOME))
        layout.addWidget(self.done_text)
        layout.addWidget(self.card_qr, 1)
        layout.addWidget(self.card_hint)
        row = QHBoxLayout()
        for button in (self.print_button, self.done_check_in, self.done_home):
            row.addWidget(button)
        layout.addLayout(row)
        return page

    # -- flow --------------------------------------------------------------------------
    def help_place(self) -> HelpPlace:
        return HELP_PLACES.get(self.step, HelpPlace.REGISTER)

    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    def go(self, page: int, error: str = "", *, speak: bool = True) -> None:
        if page == REVIEW:
            self.editing = False
            self._review_texts()
        self.pages.setCurrentIndex(page)
        self._place_trades_next()
        self._show_error(error)
        self._header()
        if speak and page in STEP_PROMPTS:
            self.session.say(STEP_PROMPTS[page])

    def prefill(self, draft: WorkerDraft) -> None:
        """A signed phone pre-registration: every answer is there; the worker still gives
        consent here, then checks the review page and submits — no typing."""
        self.answers = Answers(id_number=draft.id_number, phone=draft.phone, name=draft.name,
                               trades=list(draft.trades), intentions=list(draft.intentions))
        self.name_keypad.set_name(draft.name)
        self.trade_tiles.set_selected(self.answers.trades)
        self.intent_tiles.set_selected(self.answers.intentions)
        self.prefilled = True
        self.go(CONSENT)

    def start_with(self, id_number: str, name: str = "") -> None:
        """Registration for an ID number already typed elsewhere (check-in, 我想干) or read
        from the ID card, with the name the card gave: after consent they are not asked."""
        self.answers.id_number = id_number
        self.id_entry.keypad.set_text(id_number)
        if name:
            self.answers.name = name
            self.name_keypad.set_name(name)
            self.card_name = True
        self.go(CONSENT)

    def take_card(self, id_number: str, name: str) -> None:
        """An ID card put on the reader during registration: its number (and name) are
        taken as if typed; on the ID step the worker moves on at once."""
        self.answers.id_number = id_number
        self.id_entry.keypad.set_text(id_number)
        if name and not self.answers.name:
            self.answers.name = name
            self.name_keypad.set_name(name)
            self.card_name = True
        if self.step == ID:
            self._id_entered(id_number)

    def _agreed(self) -> None:
        if self.prefilled:
            self.go(REVIEW)
        elif self.answers.id_number and self.session.services.check_id_number(
                self.answers.id_number).ok:
            self._id_entered(self.answers.id_number)
        else:
            self.go(ID)

    def back(self) -> None:
        step = self.step
        if step == CONSENT or step in (DUPLICATE, DONE):
            self.navigate.emit(HOME)
        elif step in (CERTS, INTENT, AVAIL) or self.editing:
            self.go(REVIEW)
        else:
            self.go(NUMBERED[NUMBERED.index(step) - 1])

    def edit(self, step: int) -> None:
        self.go(step)
        self.editing = step not in (CERTS, INTENT, AVAIL)

    def _next_after(self, step: int) -> None:
        following = NUMBERED[NUMBERED.index(step) + 1]
        if following == NAME and self.card_name:  # the ID card gave it: nothing to type
            following = TRADES
        self.go(REVIEW if self.editing else following)

    def _id_entered(self, id_number: str) -> None:
        self.answers.id_number = id_number
        if self.session.services.find_worker_by_id_number(id_number) is not None:
            self.go(DUPLICATE)
            return
        self._next_after(ID)

    def _phone_typed(self, text: str) -> None:
        self.answers.phone = ""
        if len(text) < PHONE_LENGTH:
            self._show_error("")
            self.phone_keypad.set_invalid(False)
            return
        result = self.session.services.check_mobile(text)
        if isinstance(result, Err):
            self._show_error(self.session.error_text(result.errors[0]))
            self.phone_keypad.set_invalid(True)
            return
        self.answers.phone = result.value
        self._next_after(PHONE)

    def _phone_done(self) -> None:
        """Moving on by hand: a short or wrong number is explained, in words."""
        if self.answers.phone:
            self._next_after(PHONE)
            return
        result = self.session.services.check_mobile(self.phone_keypad.text())
        if isinstance(result, Err):
            self._show_error(self.session.error_text(result.errors[0]))
            self.phone_keypad.set_invalid(True)
        else:
            self.answers.phone = result.value
            self._next_after(PHONE)

    def _name_changed(self, name: str) -> None:
        self.answers.name = name
        if self.handwriting is not None:
            self.handwriting.set_position(len(name),
                                          full=len(name) >= self.name_keypad.max_chars)
        self.name_next.setEnabled(len(name) >= MIN_NAME_CHARS)
        self._show_error("")

    def _name_done(self) -> None:
        self._next_after(NAME)

    def _trades_changed(self, keys: list[str]) -> None:
        self.answers.trades = keys
        self._show_error("")

    def _too_many_trades(self) -> None:
        self._show_error(self.t(N_("You can choose up to 3 kinds of work.")))

    def _trades_done(self) -> None:
        if not self.answers.trades:
            self._show_error(self.t(N_("Please choose at least one kind of work.")))
            return
        self._next_after(TRADES)

    def _collect_choices(self) -> None:
        self.answers.certificates = self.cert_tiles.selected()
        self.answers.intentions = self.intent_tiles.selected()
        self.answers.areas = self.area_tiles.selected()
        chosen = self.avail_tiles.selected()
        self.answers.start_in_days = int(chosen[0]) if chosen else 0

    def submit_registration(self) -> None:
        self._collect_choices()
        services = self.session.services
        draft = self.answers.draft(services.today())
        result = services.register_worker(draft)
        if isinstance(result, Err):
            self._show_submit_error(result.errors[0])
            return
        self.worker = result.value
        self._done_texts()
        self.go(DONE)

    def _show_submit_error(self, error: FieldError) -> None:
        if error.code == "already_registered":
            self.go(DUPLICATE)
            return
        page = FIELD_PAGE.get(error.field, REVIEW)
        self.editing = page in NUMBERED
        self.pages.setCurrentIndex(page)
        self._place_trades_next()
        self._show_error(self.session.error_text(error))
        self._header()

    def print_card(self) -> None:
        if self.worker is None:
            return
        result = self.session.services.print_card(self.worker.id)
        self.print_button.setEnabled(False)
        self.card_hint.setText(self.t(
            N_("Your card is being printed. Please take it from the printer.")
            if not isinstance(result, Err) else N_("The card could not be printed.")))

    # -- texts -------------------------------------------------------------------------
    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _header(self) -> None:
        t, step = self.t, self.step
        numbered = step in NUMBERED
        counter = t(N_("Step {step} of {steps}")).format(
            step=NUMBERED.index(step) + 1, steps=len(NUMBERED)) if numbered else ""
        self.header.set_step(t(TITLES[step]), NUMBERED.index(step) + 1 if numbered else 0,
                             len(NUMBERED) if numbered else 0, counter, t(N_("← Back")))

    def retranslate(self) -> None:
        t = self.t
        self.consent_text.setText(t(N_(
            "To register you for work we need your ID card number, your name and your mobile "
            "number. We use them only to find you work and to contact you, and we never show "
            "them to employers or on the screens. Your full ID number stays in this hall's "
            "computer only until the city's employment service has it, which keeps it "
            "locked (encrypted) and opens it only for labour inspection, with a record. You "
            "can ask staff to see, correct or delete them at any time: deleted, they are "
            "removed here, at the city and at every other hall that has them, and only "
            "counts without your name stay. Another hall you visit sees only what finding you "
            "work needs, never your ID number or mobile, and forgets it after {days} days "
            "without a visit. Do you agree?")).format(
            days=self.session.services.settings.city_copy_days))
        self.consent_hint.setText(t(STEP_PROMPTS[CONSENT]))
        self.review_hint.setText(t(STEP_PROMPTS[REVIEW]))
        self.agree.setText(t(N_("I agree")))
        self.decline.setText(t(N_("I do not agree")))
        self.id_entry.retranslate()
        self.phone_prompt.setText(t(N_("Enter your 11-digit mobile number.")))
        self.phone_keypad.retranslate(t(N_("Clear")))
        self.phone_next.setText(t(N_("Next")))
        self.name_keypad.retranslate(t(N_("Clear")))
        self._name_mode_text()
        if self.handwriting is not None:
            self.handwriting.retranslate(t(N_("Undo stroke")), t(N_("Write again")))
        elif isinstance(self.recogniser, Unavailable):
            reason = t(self.recogniser.reason).format(**self.recogniser.params)
            self.handwriting_reason.setText(
                t(N_("{reason} Please use the pinyin keys.")).format(reason=reason))
        self.name_next.setText(t(N_("Next")))
        self.trades_prompt.setText(t(N_("Choose up to 3 kinds of work you can do.")))
        self.trades_next.setText(t(N_("Next")))
        self.submit.setText(t(N_("Submit")))
        self._choice_texts()
        self.duplicate_text.setText(t(N_(
            "This ID number is already registered. You can check in now.")))
        self.duplicate_check_in.setText(t(N_("Check in")))
        self.duplicate_home.setText(t(N_("Back to the home screen")))
        self.print_button.setText(t(N_("Print my card")))
        self.done_check_in.setText(t(N_("Check in now")))
        self.done_home.setText(t(N_("Done")))
        self._review_texts()
        if self.worker is not None:
            self._done_texts()
        self._header()

    def _choice_texts(self) -> None:
        t = self.t
        language = self.session.t.language
        catalogue = self.session.services.catalogue
        icon_px = round(ICON_PX * (TouchSize.LARGE_TEXT if self._large else 1.0))
        self.trade_tiles.icon_size = QSize(icon_px, icon_px)
        self.trade_tiles.set_tiles([
            Tile(tr.code, tr.label(language), pictograms.icon(
                sector=tr.sector, pictogram=tr.pictogram, glyph=tr.zh[:1], side=icon_px))
            for tr in catalogue.trades])
        self.cert_tiles.set_tiles([Tile(c.code, c.en if language == "en" else c.zh)
                                   for c in catalogue.certificates])
        keep_intentions = self.intent_tiles.selected() or self.answers.intentions
        self.intent_tiles.set_tiles([Tile(i.value, t(text)) for i, text in INTENTIONS])
        self.intent_tiles.set_selected(keep_intentions)
        self.area_tiles.set_tiles([Tile(a, a) for a in self.session.config.areas])
        keep_days = self.avail_tiles.selected() or [str(self.answers.start_in_days)]
        self.avail_tiles.set_tiles([Tile(str(days), t(text)) for days, text in START_DAYS])
        self.avail_tiles.set_selected(keep_days)
        self.certs_prompt.setText(t(N_("Tick the certificates you hold (if any).")))
        self.certs_title.setText(t(N_("Certificates")))
        self.intent_prompt.setText(t(N_("Tick the kinds of work and the areas you want.")))
        self.intent_title.setText(t(N_("Kind of work")))
        self.areas_title.setText(t(N_("Areas (none ticked: anywhere)")))
        self.avail_prompt.setText(t(N_("From which day can you work?")))
        self.avail_title.setText(t(N_("Start")))
        for done in self._choice_done:
            done.setText(t(N_("OK")))

    def _review_texts(self) -> None:
        t = self.t
        a = self.answers
        self._collect_choices()
        language = self.session.t.language
        catalogue = self.session.services.catalogue
        sep = t(N_(", "))
        trades = sep.join(tr.label(language) for code in a.trades
                          if (tr := catalogue.trade(code)) is not None)
        certs = sep.join(c.en if language == "en" else c.zh for c in catalogue.certificates
                         if c.code in a.certificates) or t(N_("None"))
        intents = sep.join(t(text) for i, text in INTENTIONS if i.value in a.intentions)
        areas = sep.join(a.areas) or t(N_("Anywhere"))
        start = next((t(text) for days, text in START_DAYS if days == a.start_in_days), "")
        # a public screen: the numbers masked, as the consent promises (the last digits let
        # the worker see it is theirs; 修改 types them again)
        rows = {NAME: (N_("Name"), a.name),
                ID: (N_("ID card number"), mask_id_number(a.id_number) if a.id_number else ""),
                PHONE: (N_("Mobile number"), mask_phone(a.phone) if a.phone else ""),
                TRADES: (N_("Work you can do"), trades),
                CERTS: (N_("Certificates"), certs),
                INTENT: (N_("Work you want"), f"{intents} · {areas}" if intents else areas),
                AVAIL: (N_("Start"), start)}
        for step, (name, value) in rows.items():
            self.review_names[step].setText(t(name))
            self.review_values[step].setText(value)
            self.review_edits[step].setText(t(N_("Change")))

    def _done_texts(self) -> None:
        worker = self.worker
        if worker is None:
            return
        t = self.t
        self.done_text.setText(t(N_("Registered! Welcome, {name}.")).format(
            name=mask_name(worker.name)))
        image = qr_image(self.session.services.card_text(worker.id))  # signed: LGW2
        side = max(1, 360 // image.width()) * image.width()
        self.card_qr.setPixmap(QPixmap.fromImage(image).scaled(side, side))
        if self.print_button.isEnabled():
            self.card_hint.setText(t(N_(
                "This code is your worker card: scan it at any hall's terminal to check in.")))

    # -- the next person ---------------------------------------------------------------
    def shown(self) -> None:
        if self.step == CONSENT:
            self._header()
            self.session.say(STEP_PROMPTS[CONSENT])

    def set_large(self, large: bool) -> None:
        super().set_large(large)
        changed = large != self._large
        self._large = large
        self._place_trades_next()
        if changed:
            self._choice_texts()  # the trades' pictograms grow with the tiles
        self._place_name_modes(compact=large and not self._portrait)

    def orient(self, portrait: bool) -> None:
        self._portrait = portrait
        self._place_name_modes(compact=self._large and not portrait)
        self._place_trades_next()
        self.name_keypad.set_portrait(portrait)
        if self.handwriting is not None:
            self.handwriting.set_portrait(portrait)
        self._place_review(portrait=portrait)
        self.trade_tiles.set_columns(4 if portrait else 7)
        self.cert_tiles.set_columns(3 if portrait else 4)
        self._phone_box.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                     else QBoxLayout.Direction.LeftToRight)

    def reset(self) -> None:
        self.answers = Answers()
        self.worker = None
        self.editing = False
        self.prefilled = False
        self.card_name = False
        self.id_entry.clear()
        self.phone_keypad.clear()
        self.name_keypad.clear()
        if self.handwriting is not None:
            self.handwriting.clear()
        self.name_keypad.set_phone_keys(False)
        self._show_name_input(NAME_PINYIN)
        for grid in (self.trade_tiles, self.cert_tiles, self.area_tiles):
            grid.clear()
        self.intent_tiles.set_selected([Intention.DAILY.value])
        self.avail_tiles.set_selected(["0"])
        self.card_qr.clear()
        self.card_hint.setText("")
        self.print_button.setEnabled(True)
        self.name_next.setEnabled(False)
        self._review_texts()
        self.go(CONSENT, speak=False)  # silent: the next person has not come yet
