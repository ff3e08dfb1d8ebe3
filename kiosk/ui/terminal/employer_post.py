"""我要招工: an employer posts a job by taps, like the workers' registration.

phone → (a returning employer confirms the name on record | a company or a person, for
themselves or for others (劳务派遣 / 职业中介 / 揽头), the credit code, the name) → trade →
how many → start day and time → how long → pay (tiles that meet the minimum wage) and
settlement → area and meeting point → level and certificates (and other requirements in
their own words, checked as they tap) → what is provided → review → a receipt.

Nothing is a job yet: the post waits for the counter's review (待审核), and the receipt
says so, with its reference number and when the counter opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QSize, Qt
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

from kiosk.core.drafts import EmployerDraft, JobDraft
from kiosk.core.employers import employer_label
from kiosk.core.errors import N_, Err, FieldError
from kiosk.core.formatting import yuan
from kiosk.core.pinyin_input import PinyinIndex
from kiosk.core.privacy import mask_name, mask_phone
from kiosk.core.records import Employer, EmployerKind, PayUnit
from kiosk.core.self_posts import (
    BRING_ID_CARD,
    BRING_LICENCE,
    SelfPost,
    SelfPostSource,
    bring_to_counter,
)
from kiosk.core.wages import day_floor_cents
from kiosk.ui import pictograms
from kiosk.ui.terminal import employer_answers as ea
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.widgets.buttons import big_button, label, set_role
from kiosk.ui.widgets.code_keypad import USCC_LENGTH, CodeKeypad
from kiosk.ui.widgets.keypad import GROUPS_PHONE, NumericKeypad
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.pinyin_keypad import PinyinKeypad
from kiosk.ui.widgets.step_header import StepHeader
from kiosk.ui.widgets.tiles import Tile, TileGrid

(PHONE, FOUND, WHO, USCC, NAME, TRADE, COUNT, START, DURATION, PAY, PLACE, NEEDS,
 PROVIDED, NOTE, REVIEW, DONE) = range(16)
NUMBERED = (PHONE, TRADE, COUNT, START, DURATION, PAY, PLACE, NEEDS, PROVIDED, REVIEW)
EMPLOYER_STEPS = (FOUND, WHO, USCC, NAME)  # counted as the phone's step
REVIEWED = (PHONE, TRADE, START, DURATION, PAY, PLACE, NEEDS, PROVIDED)
PHONE_LENGTH = 11
MIN_NAME_CHARS = 2
ICON_PX = 64
TITLES = {
    PHONE: N_("Your mobile number"), FOUND: N_("Welcome back"), WHO: N_("Who is hiring?"),
    USCC: N_("Unified social credit code"), NAME: N_("Name"), TRADE: N_("What work?"),
    COUNT: N_("How many workers?"), START: N_("When do they start?"),
    DURATION: N_("For how long?"), PAY: N_("Pay"), PLACE: N_("Where?"),
    NEEDS: N_("What must they have?"), PROVIDED: N_("What do you provide?"),
    NOTE: N_("Other requirements"), REVIEW: N_("Check and send"), DONE: N_("Post received")}
FIELD_PAGE = {"phone": PHONE, "kind": WHO, "role": WHO, "uscc": USCC, "name": NAME,
              "trade": TRADE, "title": TRADE, "headcount": COUNT, "start_date": START,
              "start_time": START, "days": DURATION, "end_date": DURATION,
              "pay_amount": PAY, "pay_unit": PAY, "settlement": PAY, "day_estimate": PAY,
              "area": PLACE, "place": PLACE, "meeting_point": PLACE, "skill_level": NEEDS,
              "certificates": NEEDS, "skills_note": NOTE, "description": REVIEW}
NEXT_PAGE = {FOUND: TRADE, USCC: NAME, NAME: TRADE, TRADE: COUNT, COUNT: START,
             START: DURATION, DURATION: PAY, PAY: PLACE, PLACE: NEEDS, NEEDS: PROVIDED,
             PROVIDED: REVIEW}


REVIEW_HINT = N_("Please check your post, then tap Send. Staff check it before it is shown.")
REVIEW_HINTS = {  # by what `bring_to_counter` says
    BRING_ID_CARD: N_(
        "Please check your post, then tap Send. Bring your ID card to the counter for the "
        "review."),
    BRING_LICENCE: N_(
        "Please check your post, then tap Send. Bring your licence to the counter for the "
        "review."),
}


class EmployerPostScreen(Screen):
    def __init__(self, session: Session, index: PinyinIndex,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.answers = ea.Answers()
        self.found: Employer | None = None  # the employer on record for the phone typed
        self.post: SelfPost | None = None
        self.source = SelfPostSource.TOUCH
        self.editing = False  # came from the review: the step returns there
        self._filling = False  # tiles set by the program, not tapped
        self._large = False
        self._portrait = False
        self._history: list[int] = []
        self.header = StepHeader()
        self.header.back.clicked.connect(self.back)
        self.message = label("", "error")
        self.message.hide()
        self.pages = PageStack()
        builders: tuple[Callable[[], QWidget], ...] = (
            self._phone_page, self._found_page, self._who_page, self._uscc_page,
            lambda: self._name_page(index), self._trade_page, self._count_page,
            self._start_page, self._duration_page, self._pay_page, self._place_page,
            self._needs_page, self._provided_page, lambda: self._note_page(index),
            self._review_page, self._done_page)
        for build in builders:
            self.pages.addWidget(build())
        self.layout_.addWidget(self.header)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.pages, 1)

    # -- pages -------------------------------------------------------------------------
    @staticmethod
    def _page() -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        return page, layout

    def _tiles_page(self, grids: tuple[TileGrid, ...], *, done: bool = True,
                    ) -> tuple[QWidget, QLabel, list[QLabel], QPushButton | None]:
        """A prompt, titled groups of tiles and (when the step needs one) 下一步."""
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
        button = None
        if done:
            button = big_button("", "primary")
            layout.addWidget(button)
            self._nexts.append(button)
            self._next_layouts[button] = layout
        return page, prompt, titles, button

    def _single(self, columns: int, page: int) -> TileGrid:
        """Tiles of one choice that moves on by itself when tapped."""
        grid = TileGrid(columns=columns, max_selected=1)
        grid.selection_changed.connect(lambda keys: self._tapped(page, keys))
        return grid

    def _phone_page(self) -> QWidget:
        self._nexts: list[QPushButton] = []
        self._next_layouts: dict[QPushButton, QVBoxLayout] = {}
        page, layout = self._page()
        self.phone_prompt = label("", "")
        self.phone_keypad = NumericKeypad(PHONE_LENGTH, GROUPS_PHONE)
        self.phone_keypad.changed.connect(self._phone_typed)
        self.phone_hint = label("", "hint")
        row = QHBoxLayout()
        side = QVBoxLayout()
        side.addWidget(self.phone_prompt)
        side.addWidget(self.phone_keypad.display)
        side.addWidget(self.phone_hint)
        side.addStretch(1)
        row.addLayout(side, 1)
        row.addWidget(self.phone_keypad, 1)
        layout.addLayout(row)
        return page

    def _found_page(self) -> QWidget:
        page, layout = self._page()
        self.found_text = label("", "title")
        self.found_yes = big_button("", "primary")
        self.found_yes.clicked.connect(self._confirmed)
        self.found_no = big_button("", "")
        self.found_no.clicked.connect(lambda: self.go(WHO))
        layout.addWidget(self.found_text)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.found_no)
        row.addWidget(self.found_yes)
        layout.addLayout(row)
        return page

    def _who_page(self) -> QWidget:
        self.kind_tiles = TileGrid(columns=2, max_selected=1)
        self.role_tiles = TileGrid(columns=2, max_selected=1)
        page, self.who_prompt, (self.kind_title, self.role_title), button = self._tiles_page(
            (self.kind_tiles, self.role_tiles))
        assert button is not None
        self.who_next = button
        button.clicked.connect(self._who_done)
        return page

    def _uscc_page(self) -> QWidget:
        page, layout = self._page()
        self.uscc_prompt = label("", "")
        self.uscc_keypad = CodeKeypad()
        self.uscc_keypad.changed.connect(self._uscc_typed)
        layout.addWidget(self.uscc_prompt)
        layout.addWidget(self.uscc_keypad.display)
        layout.addWidget(self.uscc_keypad, 1)
        return page

    def _name_page(self, index: PinyinIndex) -> QWidget:
        page, layout = self._page()
        self.name_prompt = label("", "")
        self.name_keypad = PinyinKeypad(index, max_chars=20)
        self.name_keypad.changed.connect(self._name_changed)
        self.name_next = big_button("", "primary")
        self.name_next.setEnabled(False)
        self.name_next.clicked.connect(lambda: self._advance(NAME))
        top = QHBoxLayout()
        top.addWidget(self.name_keypad.display, 2)
        top.addWidget(self.name_keypad.letters_label, 1)
        top.addWidget(self.name_next, 1)
        layout.addWidget(self.name_prompt)
        layout.addLayout(top)
        layout.addWidget(self.name_keypad, 1)
        return page

    def _trade_page(self) -> QWidget:
        self.trade_tiles = self._single(6, TRADE)
        page, self.trade_prompt, _titles, _button = self._tiles_page(
            (self.trade_tiles,), done=False)
        return page

    def _count_page(self) -> QWidget:
        self.count_tiles = self._single(5, COUNT)
        page, self.count_prompt, _titles, _button = self._tiles_page(
            (self.count_tiles,), done=False)
        return page

    def _start_page(self) -> QWidget:
        self.day_tiles = TileGrid(columns=4, max_selected=1)
        self.time_tiles = TileGrid(columns=5, max_selected=1)
        page, self.start_prompt, (self.day_title, self.time_title), button = self._tiles_page(
            (self.day_tiles, self.time_tiles))
        assert button is not None
        self.start_next = button
        button.clicked.connect(self._start_done)
        return page

    def _duration_page(self) -> QWidget:
        self.duration_tiles = self._single(4, DURATION)
        page, self.duration_prompt, _titles, _button = self._tiles_page(
            (self.duration_tiles,), done=False)
        return page

    def _pay_page(self) -> QWidget:
        """How it is paid and when (side by side on a landscape screen), the amount, and
        for piece rates a day's earnings; only tiles that meet the minimum wage."""
        self.unit_tiles = TileGrid(columns=3, max_selected=1)
        self.unit_tiles.selection_changed.connect(self._unit_changed)
        self.amount_tiles = TileGrid(columns=5, max_selected=1)
        self.estimate_tiles = TileGrid(columns=6, max_selected=1)
        self.settle_tiles = TileGrid(columns=4, max_selected=1)
        page, layout = self._page()
        self.pay_prompt = label("", "")
        self.unit_title, self.amount_title, self.estimate_title, self.settle_title = (
            label("", "hint") for _ in range(4))
        self._pay_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        for title, grid, stretch in ((self.unit_title, self.unit_tiles, 3),
                                     (self.settle_title, self.settle_tiles, 4)):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(grid)
            self._pay_row.addLayout(column, stretch)
        layout.addWidget(self.pay_prompt)
        layout.addLayout(self._pay_row)
        for title, grid in ((self.amount_title, self.amount_tiles),
                            (self.estimate_title, self.estimate_tiles)):
            layout.addWidget(title)
            layout.addWidget(grid)
        layout.addStretch(1)
        self.pay_next = big_button("", "primary")
        self.pay_next.clicked.connect(self._pay_done)
        layout.addWidget(self.pay_next)
        self._nexts.append(self.pay_next)
        self._next_layouts[self.pay_next] = layout
        return page

    def _place_page(self) -> QWidget:
        self.area_tiles = TileGrid(columns=4, max_selected=1)
        self.meeting_tiles = TileGrid(columns=2, max_selected=1)
        page, self.place_prompt, (self.area_title, self.meeting_title), button = (
            self._tiles_page((self.area_tiles, self.meeting_tiles)))
        assert button is not None
        self.place_next = button
        button.clicked.connect(self._place_done)
        return page

    def _needs_page(self) -> QWidget:
        self.level_tiles = TileGrid(columns=5, max_selected=1)
        self.cert_tiles = TileGrid(columns=4)
        page, self.needs_prompt, (self.level_title, self.certs_title), button = (
            self._tiles_page((self.level_tiles, self.cert_tiles)))
        assert button is not None
        self.needs_next = button
        button.clicked.connect(lambda: self._advance(NEEDS))
        self.note_button = big_button("", "secondary")
        self.note_button.clicked.connect(lambda: self.go(NOTE))
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 2, self.note_button)
        return page

    def _provided_page(self) -> QWidget:
        self.provided_tiles = TileGrid(columns=4)
        page, self.provided_prompt, _titles, button = self._tiles_page((self.provided_tiles,))
        assert button is not None
        self.provided_next = button
        button.clicked.connect(lambda: self._advance(PROVIDED))
        return page

    def _note_page(self, index: PinyinIndex) -> QWidget:
        page, layout = self._page()
        self.note_prompt = label("", "")
        self.note_keypad = PinyinKeypad(index, max_chars=30)
        self.note_keypad.changed.connect(self._note_changed)
        self.note_check = label("", "hint")
        self.note_done = big_button("", "primary")
        self.note_done.clicked.connect(self._note_done)
        typed = QHBoxLayout()
        typed.addWidget(self.note_keypad.display, 2)
        typed.addWidget(self.note_keypad.letters_label, 1)
        entry = QVBoxLayout()
        entry.addLayout(typed)
        entry.addWidget(self.note_done)
        self._next_layouts[self.note_done] = entry
        self._note_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # see _place_note
        self._note_box.addLayout(entry, 1)
        self._note_box.addWidget(self.note_check, 2)
        self._note_outer = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._note_outer.addLayout(self._note_box)
        self._note_outer.addWidget(self.note_keypad, 1)
        layout.addWidget(self.note_prompt)
        layout.addLayout(self._note_outer, 1)
        return page

    def _place_note(self) -> None:
        """What was typed beside what the check says, the keys under them; in portrait
        one under the other; in 大字 on a landscape screen (the keys need the height) the
        typing and the check on the left, the keys on the right."""
        beside = self._large and not self._portrait
        self._note_outer.setDirection(QBoxLayout.Direction.LeftToRight if beside
                                      else QBoxLayout.Direction.TopToBottom)
        self._note_box.setDirection(QBoxLayout.Direction.TopToBottom
                                    if beside or self._portrait
                                    else QBoxLayout.Direction.LeftToRight)
        self.note_keypad.set_portrait(self._portrait)
        self.note_prompt.setVisible(not beside)

    def _review_page(self) -> QWidget:
        page, layout = self._page()
        self.review_hint = label("", "hint")
        grid = QGridLayout()
        self.review_names: dict[int, QLabel] = {}
        self.review_values: dict[int, QLabel] = {}
        self.review_edits: dict[int, QPushButton] = {}
        self.review_grid = grid
        for step in REVIEWED:
            edit = big_button("", "")
            edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            edit.clicked.connect(self._edit(step))
            self.review_names[step] = label("", "hint", wrap=False)
            self.review_values[step] = label("", "reviewValue")
            self.review_edits[step] = edit
        self._place_review(portrait=True)
        self.review_check = label("", "hint")
        self.submit = big_button("", "primary")
        self.submit.clicked.connect(self.submit_post)
        layout.addWidget(self.review_hint)
        layout.addLayout(grid)
        layout.addWidget(self.review_check)
        layout.addStretch(1)
        layout.addWidget(self.submit)
        self._next_layouts[self.submit] = layout  # in 大字, in the header's row
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

    def _done_page(self) -> QWidget:
        page, layout = self._page()
        self.done_reference = label("", "title")
        self.done_reference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_text = label("", "")
        self.done_bring = label("", "title")
        self.done_hours = label("", "title")
        self.done_print = label("", "hint")
        self.done_home = big_button("", "primary")
        self.done_home.clicked.connect(lambda: self.navigate.emit(HOME))
        for widget in (self.done_reference, self.done_text, self.done_bring,
                       self.done_hours, self.done_print):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.done_home)
        return page

    def _edit(self, step: int) -> Callable[[], None]:
        def edit() -> None:
            self.go(step)
            self.editing = True
        return edit

    # -- flow --------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    def go(self, page: int, error: str = "") -> None:
        if self.pages.currentIndex() != page:
            self._history.append(self.pages.currentIndex())
        if page == REVIEW:
            self.editing = False
            self._review_texts()
        self.pages.setCurrentIndex(page)
        self._show_error(error)
        self._header()

    def main_button(self) -> QPushButton | None:
        """The step's 下一步 (完成, 提交审核), wherever it is; None on a step of tiles that
        moves on by itself."""
        page = self.pages.currentWidget()
        if self.header.action is not None and self._next_layouts[
                self.header.action].parentWidget() is page:  # type: ignore[index]
            return self.header.action  # type: ignore[return-value]
        return next((b for b, layout in self._next_layouts.items()
                     if layout.parentWidget() is page), None)

    def _place_next(self) -> None:
        """下一步 under the tiles, or (大字, where the tiles take the height) in the
        header's row: always in sight."""
        wanted = self.main_button() if self._large else None
        current = self.header.action
        if current is wanted:
            return
        if current is not None:
            self.header.take_action(None)
            self._next_layouts[current].addWidget(current)  # type: ignore[index]
            current.show()
        if wanted is not None:
            self._next_layouts[wanted].removeWidget(wanted)
            self.header.take_action(wanted)
            wanted.show()  # a new parent hides it until told

    def back(self) -> None:
        if self.step in (PHONE, DONE) or not self._history:
            self.navigate.emit(HOME)
            return
        previous = self._history.pop()
        self.pages.setCurrentIndex(previous)
        self.editing = False
        self._show_error("")
        self._header()

    def _advance(self, page: int) -> None:
        self.go(REVIEW if self.editing else NEXT_PAGE[page])

    def _tapped(self, page: int, keys: list[str]) -> None:
        """A single-choice tile tapped: its answer, and on to the next step."""
        if self._filling or not keys:
            return
        if page == TRADE:
            self.answers.trade = keys[0]
        elif page == COUNT:
            self.answers.headcount = int(keys[0])
        elif page == DURATION:
            self.answers.duration = keys[0]
        self._advance(page)

    def _phone_typed(self, text: str) -> None:
        self.answers.phone = ""
        self.phone_keypad.set_invalid(False)
        if len(text) < PHONE_LENGTH:
            self._show_error("")
            return
        checked = self.session.services.check_mobile(text)
        if isinstance(checked, Err):
            self._show_error(self.session.error_text(checked.errors[0]))
            self.phone_keypad.set_invalid(True)
            return
        self.answers.phone = checked.value
        self.found = self.session.services.find_employer_by_phone(checked.value)
        if self.found is not None and self.answers.employer_id == self.found.id:
            self._advance(FOUND)
        elif self.found is not None:
            self._found_texts()
            self.go(FOUND)
        else:
            self.answers.employer_id = None
            self.go(REVIEW if self.editing and self.answers.name else WHO)

    def _confirmed(self) -> None:
        if self.found is not None:
            self.answers.employer_id = self.found.id
        self._advance(FOUND)

    def _who_done(self) -> None:
        kinds, roles = self.kind_tiles.selected(), self.role_tiles.selected()
        if not kinds or not roles:
            self._show_error(self.t(N_("Please tap one answer in each group.")))
            return
        self.answers.employer_id = None
        self.answers.kind, self.answers.role = kinds[0], roles[0]
        self.go(USCC if self.answers.kind == EmployerKind.COMPANY.value else NAME)
        self._name_texts()

    def _uscc_typed(self, text: str) -> None:
        self.uscc_keypad.set_invalid(False)
        self._show_error("")
        if len(text) < USCC_LENGTH:
            return
        checked = self.session.services.check_uscc(text)
        if isinstance(checked, Err):
            self.uscc_keypad.set_invalid(True)
            self._show_error(self.session.error_text(checked.errors[0]))
            return
        self.answers.uscc = checked.value
        self._advance(USCC)

    def _name_changed(self, name: str) -> None:
        self.answers.name = name
        self.name_next.setEnabled(len(name) >= MIN_NAME_CHARS)

    def _start_done(self) -> None:
        days, times = self.day_tiles.selected(), self.time_tiles.selected()
        if not days or not times:
            self._show_error(self.t(N_("Please tap a day and a time.")))
            return
        self.answers.start_in_days, self.answers.start_time = int(days[0]), times[0]
        self.answers.start_date = None
        self._advance(START)

    def _unit_changed(self, keys: list[str]) -> None:
        if self._filling or not keys:
            return
        if keys[0] != self.answers.pay_unit:
            self.answers.pay_unit = keys[0]
            self.answers.pay_amount = ""
        self._pay_tiles()

    def _pay_done(self) -> None:
        amounts, settles = self.amount_tiles.selected(), self.settle_tiles.selected()
        piece = self.answers.pay_unit == PayUnit.PIECE.value
        estimates = self.estimate_tiles.selected()
        if not amounts or not settles or (piece and not estimates):
            self._show_error(self.t(N_("Please tap the pay and when it is paid.")))
            return
        self.answers.pay_amount, self.answers.settlement = amounts[0], settles[0]
        self.answers.day_estimate = estimates[0] if piece else ""
        self._advance(PAY)

    def _place_done(self) -> None:
        areas, meetings = self.area_tiles.selected(), self.meeting_tiles.selected()
        if self.session.config.areas and not areas:
            self._show_error(self.t(N_("Please tap the area where the work is.")))
            return
        area = areas[0] if areas else ""
        if area != self.answers.area:
            self.answers.place = ""  # a scanned address belongs to the area it named
        self.answers.area = area
        self.answers.meeting = meetings[0] if meetings else ea.HALL
        self.answers.meeting_point = ""
        self._advance(PLACE)

    def _note_changed(self, text: str) -> None:
        self.answers.note = text
        self._check_note()

    def _check_note(self) -> bool:
        """The discrimination check as they tap: the hit in plain words, and what to
        write instead; 完成 waits until the words are lawful."""
        flagged, text = self.session.services.explain_for_employer(
            (self.answers.note,), self.session.t.language)
        self.note_check.setText(text or self.t(N_(
            "Describe the work or the skills it needs. The check says at once if something "
            "may not be asked.")))
        set_role(self.note_check, "error" if flagged else "hint")
        self.note_done.setEnabled(not flagged)
        return flagged

    def _note_done(self) -> None:
        if not self._check_note():
            self.go(REVIEW if self.editing or self._came_from_review() else NEEDS)

    def _came_from_review(self) -> bool:
        return bool(self._history) and self._history[-1] == REVIEW

    def _collect(self) -> None:
        a = self.answers
        levels = self.level_tiles.selected()
        a.skill_level = levels[0] if levels else ea.ANY_LEVEL
        a.certificates = self.cert_tiles.selected()
        a.provided = self.provided_tiles.selected()

    def _drafts(self) -> JobDraft:
        services = self.session.services
        return self.answers.job_draft(services.today(), services.catalogue,
                                      self.session.config.hall.name)

    def submit_post(self) -> None:
        self._collect()
        services = self.session.services
        result = services.submit_self_post(
            self._drafts(), employer=self.answers.employer_draft(),
            employer_id=self.answers.employer_id, source=self.source,
            print_receipt=self.session.printing)
        if isinstance(result, Err):
            self._show_submit_error(result.errors)
            return
        self.post = result.value
        self._done_texts()
        self.go(DONE)
        self._history.clear()

    def _show_submit_error(self, errors: tuple[FieldError, ...]) -> None:
        """The discrimination check explained where they see it (the review); another
        error on the step that asks for it."""
        if any(e.code == "discriminatory" for e in errors):
            self._review_texts()
            return
        error = errors[0]
        page = FIELD_PAGE.get(error.field, REVIEW)
        if page != REVIEW:
            self.go(page)
            self.editing = True
        self._show_error(self.session.error_text(error))

    def prefill(self, job: JobDraft, employer: EmployerDraft) -> None:
        """A signed phone draft: every answer is there. The number is looked up (a
        returning employer confirms the name on record, a new one is the draft's), then
        the employer checks the review and sends it — no typing."""
        self.reset()
        self.source = SelfPostSource.SCAN
        self.answers = replace(
            ea.from_draft(ea.Answers(), job, self.session.services.today()),
            kind=employer.kind, role=employer.role, name=employer.name, uscc=employer.uscc)
        self.name_keypad.set_name(employer.name)
        self.uscc_keypad.set_text(employer.uscc)
        self._filling = True
        self.kind_tiles.set_selected([employer.kind])
        self.role_tiles.set_selected([employer.role])
        self._filling = False
        self._fill_tiles()
        self.editing = True  # each answer is there: every step returns to the review
        self.phone_keypad.set_text(employer.phone)

    def _fill_tiles(self) -> None:
        """The tiles showing the answers (a scanned draft, or the defaults)."""
        a = self.answers
        self._filling = True
        self.trade_tiles.set_selected([a.trade] if a.trade else [])
        self.count_tiles.set_selected([str(a.headcount)] if a.headcount else [])
        self.day_tiles.set_selected([str(a.start_in_days)])
        self.time_tiles.set_selected([a.start_time] if a.start_time else [])
        self.duration_tiles.set_selected([a.duration])
        self.unit_tiles.set_selected([a.pay_unit])
        self._pay_tiles()
        self.settle_tiles.set_selected([a.settlement])
        self.area_tiles.set_selected([a.area] if a.area else [])
        self.meeting_tiles.set_selected([a.meeting])
        self.level_tiles.set_selected([a.skill_level])
        self.cert_tiles.set_selected(a.certificates)
        self.provided_tiles.set_selected(a.provided)
        self.note_keypad.set_name(a.note)
        self._filling = False

    # -- texts -------------------------------------------------------------------------
    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _header(self) -> None:
        self._place_next()
        t, step = self.t, self.step
        shown = PHONE if step in EMPLOYER_STEPS else step
        numbered = shown in NUMBERED
        number = NUMBERED.index(shown) + 1 if numbered else 0
        counter = t(N_("Step {step} of {steps}")).format(
            step=number, steps=len(NUMBERED)) if numbered else ""
        self.header.set_step(t(TITLES[step]), number, len(NUMBERED) if numbered else 0,
                             counter, t(N_("← Back")))

    def _found_texts(self) -> None:
        employer = self.found
        if employer is None:
            return
        self.found_text.setText(self.t(N_(
            "This number is on record for {name}. Is that you?")).format(
            name=employer_label(mask_name(employer.name), employer.role.value, self.t)))

    def _name_texts(self) -> None:
        self.name_prompt.setText(self.t(
            N_("The company's name, as on its licence: tap the pinyin, then the character.")
            if self.answers.kind == EmployerKind.COMPANY.value else
            N_("Your name (for example 李先生): tap the pinyin, then the character.")))

    def _pay_tiles(self) -> None:
        """Only pay that meets the minimum wage is offered; the rule is said above."""
        t = self.t
        rule = self.session.services.minimum_wage()
        unit = PayUnit(self.answers.pay_unit)
        suffix = {PayUnit.DAY: N_("{amount}/day"), PayUnit.HOUR: N_("{amount}/hour"),
                  PayUnit.PIECE: N_("{amount}/piece")}[unit]
        amounts = [ea.amount_text(a) for a in ea.amounts_allowed(unit, rule)]
        if self.answers.pay_amount and self.answers.pay_amount not in amounts:
            amounts.append(self.answers.pay_amount)  # a scanned draft's own figure
        filling, self._filling = self._filling, True
        wide = 5 if len(amounts) > 8 else 8  # two rows at most
        self.amount_tiles.set_columns(4 if self._portrait else wide)
        self.amount_tiles.set_tiles([Tile(a, t(suffix).format(amount=f"¥{a}"))
                                     for a in amounts])
        self.amount_tiles.set_selected([self.answers.pay_amount])
        estimates = [str(e) for e in ea.estimates_allowed(rule)]
        if self.answers.day_estimate and self.answers.day_estimate not in estimates:
            estimates.append(self.answers.day_estimate)
        self.estimate_tiles.set_tiles([Tile(e, f"¥{e}") for e in estimates])
        self.estimate_tiles.set_selected([self.answers.day_estimate])
        self._filling = filling
        piece = unit is PayUnit.PIECE
        self.estimate_tiles.setVisible(piece)
        self.estimate_title.setVisible(piece)
        self.pay_prompt.setText(t(N_(
            "The pay may not be below the minimum wage: {hour} an hour, {day} for a day of "
            "8 hours ({source}).")).format(hour=yuan(rule.hourly_cents),
                                           day=yuan(day_floor_cents(rule, None)),
                                           source=rule.source))

    def retranslate(self) -> None:
        t = self.t
        self.phone_prompt.setText(t(N_("Enter your 11-digit mobile number.")))
        self.phone_hint.setText(t(N_(
            "Staff call this number if they have a question about your post. It is never "
            "shown on the screens.")))
        self.phone_keypad.retranslate(t(N_("Clear")))
        self.found_yes.setText(t(N_("Yes, that is me")))
        self.found_no.setText(t(N_("No")))
        self._found_texts()
        self.who_prompt.setText(t(N_("Who is hiring, and for whom?")))
        self.kind_title.setText(t(N_("You are")))
        self.role_title.setText(t(N_("You hire")))
        self.uscc_prompt.setText(t(N_(
            "Enter the 18 characters of the unified social credit code on the business "
            "licence.")))
        self.uscc_keypad.retranslate(t(N_("Clear")))
        self._name_texts()
        self.name_keypad.retranslate(t(N_("Clear")))
        self.name_next.setText(t(N_("Next")))
        self.trade_prompt.setText(t(N_("Tap the kind of work.")))
        self.count_prompt.setText(t(N_("Tap how many workers you need.")))
        self.start_prompt.setText(t(N_("Tap the day and the time to start.")))
        self.day_title.setText(t(N_("Day")))
        self.time_title.setText(t(N_("Time")))
        self.duration_prompt.setText(t(N_("Tap how many days of work.")))
        self.unit_title.setText(t(N_("Pay by")))
        self.amount_title.setText(t(N_("Amount")))
        self.estimate_title.setText(t(N_("What a worker earns in a day at this rate")))
        self.settle_title.setText(t(N_("When it is paid")))
        self.place_prompt.setText(t(N_("Tap where the work is and where workers meet you.")))
        self.area_title.setText(t(N_("Area")))
        self.meeting_title.setText(t(N_("Meeting point")))
        self.needs_prompt.setText(t(N_("Tap the level and any certificate the work needs.")))
        self.level_title.setText(t(N_("Level")))
        self.certs_title.setText(t(N_("Certificates")))
        self.note_button.setText(t(N_("Other requirements (optional)")))
        self.provided_prompt.setText(t(N_("Tap what you provide.")))
        self.note_prompt.setText(t(N_(
            "Other requirements in your words: tap the pinyin, then the character.")))
        self.note_keypad.retranslate(t(N_("Clear")))
        self.note_done.setText(t(N_("Done")))
        self._check_note()
        self._review_hint()
        self.submit.setText(t(N_("Send for checking")))
        self.done_home.setText(t(N_("Done")))
        for button in self._nexts:
            button.setText(t(N_("Next")))
        self._choice_tiles()
        self._review_texts()
        if self.post is not None:
            self._done_texts()
        self._header()

    def _choice_tiles(self) -> None:
        t, language = self.t, self.session.t.language
        catalogue = self.session.services.catalogue
        icon_px = ICON_PX  # 大字 enlarges the names: the pictograms keep every trade in sight
        self.trade_tiles.icon_size = QSize(icon_px, icon_px)
        filling, self._filling = self._filling, True
        self.trade_tiles.set_tiles([
            Tile(tr.code, tr.label(language), pictograms.icon(
                sector=tr.sector, pictogram=tr.pictogram, glyph=tr.zh[:1], side=icon_px))
            for tr in catalogue.trades])
        self.kind_tiles.set_tiles([Tile(k.value, t(text)) for k, text in ea.KINDS])
        self.role_tiles.set_tiles([Tile(r.value, t(text)) for r, text in ea.ROLES])
        self.count_tiles.set_tiles([Tile(str(n), str(n)) for n in ea.HEADCOUNTS])
        self.day_tiles.set_tiles([Tile(str(d), t(text)) for d, text in ea.START_DAYS])
        self.time_tiles.set_tiles([Tile(x, x) for x in ea.START_TIMES])
        self.duration_tiles.set_tiles([Tile(k, t(text)) for k, text in ea.DURATIONS])
        self.unit_tiles.set_tiles([Tile(u.value, t(text)) for u, text in ea.PAY_UNITS])
        self.settle_tiles.set_tiles([Tile(s.value, t(text)) for s, text in ea.SETTLEMENTS])
        self.area_tiles.set_tiles([Tile(a, a) for a in self.session.config.areas])
        self.meeting_tiles.set_tiles([Tile(k, t(text)) for k, text in ea.MEETINGS])
        self.level_tiles.set_tiles([Tile(k, t(text)) for k, text in ea.LEVELS])
        self.cert_tiles.set_tiles([Tile(c.code, c.en if language == "en" else c.zh)
                                   for c in catalogue.certificates])
        self.provided_tiles.set_tiles([Tile(k, t(text)) for k, text in ea.PROVIDED])
        self._filling = filling
        self._fill_tiles()

    def _review_texts(self) -> None:
        self._collect()
        t, a = self.t, self.answers
        language = self.session.t.language
        services = self.session.services
        catalogue = services.catalogue
        sep = t(N_(", "))
        draft = self._drafts()
        trade = catalogue.trade(a.trade)
        who = (employer_label(mask_name(self.found.name), self.found.role.value, t)
               if a.employer_id and self.found else employer_label(a.name, a.role, t))
        start = draft.start_date.isoformat() if draft.start_date else ""
        duration = next((t(text) for key, text in ea.DURATIONS if key == a.duration), "")
        unit = next((t(text) for u, text in ea.PAY_UNITS if u.value == a.pay_unit), "")
        settle = next((t(text) for s, text in ea.SETTLEMENTS if s.value == a.settlement), "")
        pay = f"¥{a.pay_amount} {unit} · {settle}" if a.pay_amount else ""
        if a.day_estimate and a.pay_unit == PayUnit.PIECE.value:
            pay += " · " + t(N_("about {amount} a day")).format(amount=f"¥{a.day_estimate}")
        level = next((t(text) for key, text in ea.LEVELS if key == a.skill_level), "")
        certs = [c.en if language == "en" else c.zh for c in catalogue.certificates
                 if c.code in a.certificates]
        provided = sep.join(t(text) for key, text in ea.PROVIDED if key in a.provided)
        rows = {
            PHONE: (N_("Employer"), f"{who} · {mask_phone(a.phone)}" if a.phone else who),
            TRADE: (N_("Work"), f"{draft.title} ({trade.label(language)})" if trade else ""),
            START: (N_("Start"), f"{start} {a.start_time}".strip()),
            DURATION: (N_("How long"), duration),
            PAY: (N_("Pay"), pay),
            PLACE: (N_("Place"), " · ".join(p for p in (draft.place, draft.meeting_point) if p)),
            NEEDS: (N_("Needs"), sep.join([level, *certs, *([a.note] if a.note else [])])),
            PROVIDED: (N_("Provided"), provided or t(N_("None")))}
        for step, (name, value) in rows.items():
            self.review_names[step].setText(t(name))
            self.review_values[step].setText(value)
            self.review_edits[step].setText(t(N_("Change")))
        flagged, text = services.explain_for_employer(
            (draft.title, draft.description, draft.skills_note), language)
        self.review_check.setText(text)
        self.review_check.setVisible(bool(text))
        set_role(self.review_check, "error" if flagged else "hint")
        self.submit.setEnabled(not flagged)
        self._review_hint()

    def _review_hint(self) -> None:
        """What happens after Send; a new 揽头 or agency also reads what to bring to the
        counter (one line: the review's answers keep their room in 大字)."""
        needed = bring_to_counter(self.answers.employer_draft())
        self.review_hint.setText(self.t(REVIEW_HINTS.get(needed or "", REVIEW_HINT)))
        set_role(self.review_hint, "hint" if needed is None else "")

    def _bring_text(self, where: QLabel, employer: EmployerDraft | None) -> None:
        """What a new 揽头 or agency brings to the counter for the review: the post waits
        for it (`kiosk.core.self_posts.AT_THE_COUNTER`)."""
        needed = bring_to_counter(employer)
        where.setText("" if needed is None else self.t(needed))
        where.setVisible(needed is not None)

    def _done_texts(self) -> None:
        post = self.post
        if post is None:
            return
        t = self.t
        self.done_reference.setText(t(N_("Reference number {reference}")).format(
            reference=post.reference))
        self.done_text.setText(t(N_(
            "Staff at the counter check your post before it is shown: the wording, the pay "
            "and who is hiring. Once approved it is on this hall's screen and goes to the "
            "city's other halls. If it cannot be approved, staff call you to say why.")))
        self._bring_text(self.done_bring, post.employer)
        opens = self.session.services.counter_opens_at()
        self.done_hours.setText(t(N_(
            "The counter is open now: you may wait there while staff check it."))
            if opens is None else t(N_(
                "The counter is closed now. It opens at {time} on {day}: your post waits "
                "until then.")).format(time=f"{opens:%H:%M}", day=f"{opens:%Y-%m-%d}"))
        self.done_print.setText(t(
            N_("Your receipt is being printed: please take it from the printer.")
            if self.session.printing else
            N_("Please note your reference number: this terminal does not print.")))

    # -- the next person ---------------------------------------------------------------
    def set_large(self, large: bool) -> None:
        super().set_large(large)
        if large != self._large:
            self._large = large
            self._choice_tiles()
            self._place_next()
            self._trade_columns()

    def orient(self, portrait: bool) -> None:
        self._place_review(portrait=portrait)
        self.name_keypad.set_portrait(portrait)
        self._pay_row.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                   else QBoxLayout.Direction.LeftToRight)
        self._portrait = portrait
        self._trade_columns()
        self._pay_tiles()
        self.uscc_keypad.set_columns(6 if portrait else 11)

    def _trade_columns(self) -> None:
        """Every trade (and pinyin key) in sight: 大字 on a landscape screen takes two
        columns more of trades, and the note's keys the prompt's line (its title says
        it)."""
        self.trade_tiles.set_columns(4 if self._portrait else 9 if self._large else 7)
        self._place_note()
        self.cert_tiles.set_columns(3 if self._portrait else 6 if self._large else 5)

    def reset(self) -> None:
        self.answers = ea.Answers()
        self.found = None
        self.post = None
        self.source = SelfPostSource.TOUCH
        self.editing = False
        self._history.clear()
        self.phone_keypad.clear()
        self.uscc_keypad.clear()
        self.name_keypad.clear()
        self.note_keypad.clear()
        self._filling = True
        for grid in (self.kind_tiles, self.role_tiles):
            grid.clear()
        self._filling = False
        self._fill_tiles()
        self.pages.setCurrentIndex(PHONE)
        self._show_error("")
        self._header()
