"""Colours and sizes for the screens: high contrast, scaled from the window's size.

Sizes are given for a 1920×1080 landscape (or 1080×1920 portrait) screen and scaled by
`Theme.scale`, so 3840×2160 doubles everything and the layout stays the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from kiosk.ui import fonts
from kiosk.ui.arrows import arrow_files


class Colours:
    """Light text on a dark navy ground; amber for money, red (with text) for urgency."""

    BACKGROUND = QColor("#08172E")
    HEADER = QColor("#861014")  # a deep 中国红 band: white and gold on it ≥ 7:1
    HEADER_TEXT = QColor("#FFFFFF")
    HEADER_ACCENT = QColor("#FFD54F")
    HEADER_MUTED = QColor("#FFE7E5")
    BAR = QColor("#0F2747")
    CARD = QColor("#12305A")
    CARD_BORDER = QColor("#2B4C7E")
    TEXT = QColor("#FFFFFF")
    TEXT_SOFT = QColor("#DCE6F5")
    MUTED = QColor("#C8D6EA")  # ≥ 7:1 on the card and the bars (WCAG AAA)
    PAY = QColor("#FFD54F")
    URGENT = QColor("#E53935")
    URGENT_TEXT = QColor("#FFFFFF")
    URGENT_BADGE = QColor("#A3161B")  # 急招's ground: white on it is 7.8:1 (URGENT is 4.2:1)
    LICENCE = QColor("#FFD54F")  # a licence the job needs: dark text on amber
    LICENCE_TEXT = QColor("#1A1A1A")
    TICKER = QColor("#000000")
    TICKER_TEXT = QColor("#FFE082")
    STALE = QColor("#FFB300")
    STALE_TEXT = QColor("#1A1A1A")
    HAZARD = QColor("#C62828")  # a hazard tag's pictogram ground, and a stop-work notice
    HAZARD_TEXT = QColor("#FFFFFF")
    SECTORS: ClassVar[dict[str, QColor]] = {
        "construction": QColor("#D35400"),
        "services": QColor("#0E8C73"),
        "logistics": QColor("#1F6FC5"),
        "manufacturing": QColor("#7D3C98"),
        "others": QColor("#5D6D7E"),
    }
    SECTOR_DEFAULT = QColor("#5D6D7E")


class Size:
    """Pixel sizes at scale 1 (1080p) of the board's bands. A card's type is chosen from the
    viewing distance instead (kiosk.ui.board.legible)."""

    HALL = 50
    CLOCK = 56
    DATE = 26
    STAT_NUMBER = 50
    STAT_LABEL = 24
    SECTION = 28
    TICKER = 36
    EMPTY_TITLE = 110
    EMPTY_BODY = 36
    HEADER_LANDSCAPE = 112
    HEADER_PORTRAIT = 210
    SECTION_BAR = 50
    STALE_BAR = 52
    TICKER_BAR = 64
    GAP = 14
    CARD_PAD = 14
    CARD_RADIUS = 14


@dataclass(frozen=True, slots=True)
class Theme:
    width: int
    height: int

    @classmethod
    def for_size(cls, width: int, height: int) -> Theme:
        return cls(max(1, width), max(1, height))

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def scale(self) -> float:
        """1.0 at 1920×1080 or 1080×1920, 2.0 at 3840×2160; never below 0.25."""
        long_side, short_side = max(self.width, self.height), min(self.width, self.height)
        return max(0.25, min(long_side / 1920, short_side / 1080))

    def px(self, size: float) -> int:
        return max(1, round(size * self.scale))

    def font(self, size: float, *, bold: bool = False) -> QFont:
        font = QFont(fonts.family())
        font.setPixelSize(self.px(size))
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    @property
    def header_height(self) -> int:
        return self.px(Size.HEADER_PORTRAIT if self.portrait else Size.HEADER_LANDSCAPE)


# Qt draws glyphs above 64 px as paths, without FreeType's synthetic bold, and the one CJK
# font has no bold face: big bold text is drawn smaller under a scaled painter instead.
_BOLD_LIMIT_PX = 63


def bold_scaled(font: QFont) -> tuple[QFont, float]:
    """The font to draw with and the painter scale that makes it `font`'s size."""
    px = font.pixelSize()
    if not font.bold() or px <= _BOLD_LIMIT_PX:
        return font, 1.0
    small_px = round(px / math.ceil(px / _BOLD_LIMIT_PX))
    small = QFont(font)
    small.setPixelSize(small_px)
    return small, px / small_px


def draw_text(p: QPainter, rect: QRect, flags: Qt.AlignmentFlag | int, text: str,
              font: QFont) -> None:
    """`p.drawText(rect, flags, text)` in `font`, bold at any size."""
    drawn, scale = bold_scaled(font)
    p.setFont(drawn)
    if scale == 1.0:
        p.drawText(rect, flags, text)
        return
    p.save()
    p.scale(scale, scale)
    p.drawText(QRectF(rect.x() / scale, rect.y() / scale, rect.width() / scale,
                      rect.height() / scale), flags, text)
    p.restore()


# -- the workers' touchscreen ----------------------------------------------------------
# Dark text on a warm light ground (print-like, readable in a bright hall), red and blue
# for actions, and every state also said in words or by a mark (✓), never by colour alone.

class TouchColours:
    BACKGROUND = "#F5F2EA"
    SURFACE = "#FFFFFF"
    TEXT = "#141414"
    MUTED = "#4A4A4A"
    PRIMARY = "#B3191F"  # 中国红: the main action of a screen
    PRIMARY_PRESSED = "#7F1116"
    SECONDARY = "#0F4C81"
    SECONDARY_PRESSED = "#0A3358"
    NEUTRAL = "#E4DFD3"
    NEUTRAL_PRESSED = "#C9C2B2"
    BORDER = "#6B6B6B"
    SELECTED = "#0F4C81"
    SELECTED_FILL = "#DCE9F7"
    ERROR = "#A0001A"
    ERROR_FILL = "#FDE7EA"
    WARN = "#6B4500"  # a licence the job needs: read before anything else
    WARN_FILL = "#FFE9A8"
    OK = "#1B6E35"
    BAR = "#1E2A3A"  # the top bar: hall name, language, large text, voice
    BAR_TEXT = "#FFFFFF"
    OVERLAY = "rgba(0, 0, 0, 170)"


@dataclass(frozen=True, slots=True)
class ButtonLook:
    """How a touchscreen button is painted in one state: colours and border (px at 1080p)."""

    fill: str
    text: str
    border: str = ""  # "" draws no border
    border_px: float = 2


_DISABLED = ButtonLook("#EEEAE0", "#9A9A9A", "#BDBDBD")
_KEY_DISABLED = ButtonLook(TouchColours.SURFACE, "#9A9A9A", "#BDBDBD")
_SOLID_DISABLED = ButtonLook("#D9D4C8", "#6E6E6E")
_LOOKS: dict[str, tuple[ButtonLook, ButtonLook]] = {  # role: (normal, pressed)
    "": (ButtonLook(TouchColours.NEUTRAL, TouchColours.TEXT, TouchColours.BORDER),
         ButtonLook(TouchColours.NEUTRAL_PRESSED, TouchColours.TEXT, TouchColours.BORDER)),
    "primary": (ButtonLook(TouchColours.PRIMARY, "#FFFFFF"),
                ButtonLook(TouchColours.PRIMARY_PRESSED, "#FFFFFF")),
    "secondary": (ButtonLook(TouchColours.SECONDARY, "#FFFFFF"),
                  ButtonLook(TouchColours.SECONDARY_PRESSED, "#FFFFFF")),
    "key": (ButtonLook(TouchColours.SURFACE, TouchColours.TEXT, TouchColours.BORDER),
            ButtonLook(TouchColours.NEUTRAL_PRESSED, TouchColours.TEXT, TouchColours.BORDER)),
    "tile": (ButtonLook(TouchColours.SURFACE, TouchColours.TEXT, TouchColours.BORDER),
             ButtonLook(TouchColours.NEUTRAL_PRESSED, TouchColours.TEXT, TouchColours.BORDER)),
    "bar": (ButtonLook("", TouchColours.BAR_TEXT, TouchColours.BAR_TEXT),
            ButtonLook(TouchColours.BAR_TEXT, TouchColours.BAR, TouchColours.BAR_TEXT)),
}
_LOOKS["candidate"] = _LOOKS["key"]
_CHECKED = {
    "tile": ButtonLook(TouchColours.SELECTED_FILL, TouchColours.TEXT, TouchColours.SELECTED, 5),
    "key": ButtonLook(TouchColours.SELECTED_FILL, TouchColours.TEXT, TouchColours.SELECTED, 5),
    "bar": _LOOKS["bar"][1],
}


def button_look(role: str, *, enabled: bool, down: bool, checked: bool) -> ButtonLook:
    """The look of a touchscreen button of `role` (see `big_button`) in its state. A ticked
    tile also says so with ✓ in its text: colour is never the only cue."""
    if not enabled:
        if role in ("primary", "secondary"):
            return _SOLID_DISABLED
        return _KEY_DISABLED if role in ("key", "candidate") else _DISABLED
    normal, pressed = _LOOKS.get(role, _LOOKS[""])
    if down:
        return pressed
    return _CHECKED.get(role, normal) if checked else normal


class TouchSize:
    """Pixel sizes at 1080p; `touch_scale` multiplies them (screen size × 大字)."""

    TARGET = 96  # the smallest thing to tap: ≥ 20 mm on a 21.5-inch 1080p panel
    BODY = 30
    SMALL = 28  # the least any text may be
    BUTTON = 36
    TITLE = 46
    HOME_TILE = 56
    KEY = 52
    ENTRY = 56
    HUGE = 200  # the queue number
    RADIUS = 16
    GAP = 20
    LARGE_TEXT = 1.4  # 大字: text and touch targets


def touch_scale(width: int, height: int) -> float:
    """1.0 on a 1080p screen in either orientation."""
    return Theme.for_size(width, height).scale


def touch_stylesheet(scale: float, *, large: bool = False) -> str:
    """The touchscreen's Qt style sheet at `scale`. 大字 (`large`) enlarges the text and
    every touch target (keys, tiles, candidates, buttons, entries) by LARGE_TEXT: screens
    reflow to fit (see `Screen.set_large`); the top bar's status line, for staff, keeps
    its size. Buttons take only their font and size from it: `TouchButton` paints them,
    in the colours of `button_look`."""
    zoom = TouchSize.LARGE_TEXT if large else 1.0

    def px(size: float) -> int:
        return max(1, round(size * scale))

    def fs(size: float) -> int:
        return px(size * zoom)

    def tp(size: float) -> int:  # a touch target's height: grows with the text
        return px(size * zoom)

    # a label's bold is lost above 63 px (see bold_scaled): 大字 titles stop there
    title_px = min(fs(TouchSize.TITLE), max(px(TouchSize.TITLE), _BOLD_LIMIT_PX))
    c = TouchColours
    family = fonts.family()
    return f"""
* {{ font-family: "{family}"; font-size: {fs(TouchSize.BODY)}px; color: {c.TEXT}; }}
QLabel[role="title"] {{ font-size: {title_px}px; font-weight: bold; }}
QLabel[role="hint"] {{ color: {c.MUTED}; }}
QLabel[role="error"] {{ color: {c.ERROR}; background: {c.ERROR_FILL}; font-weight: bold;
    border-left: {px(8)}px solid {c.ERROR}; padding: {px(10)}px {px(16)}px; }}
QLabel[role="reviewValue"] {{ font-size: {fs(TouchSize.BUTTON)}px; font-weight: bold; }}
QLabel[role="licence"] {{ color: {c.WARN}; background: {c.WARN_FILL}; font-weight: bold;
    font-size: {fs(TouchSize.BUTTON)}px; border-left: {px(10)}px solid {c.WARN};
    padding: {px(10)}px {px(16)}px; }}
QLabel[role="ok"] {{ color: {c.OK}; font-weight: bold; }}
QLabel[role="helpWaiting"] {{ color: {c.OK}; font-weight: bold; background: {c.SURFACE};
    border: {px(3)}px solid {c.OK}; border-radius: {px(12)}px; padding: {px(6)}px {px(16)}px; }}
QLabel[role="huge"] {{ font-size: {fs(TouchSize.HUGE)}px; font-weight: bold; color: {c.PRIMARY}; }}
QLabel[role="callout"] {{ font-size: {fs(TouchSize.HOME_TILE)}px; font-weight: bold;
    color: {c.PRIMARY}; }}
QLabel[role="entry"] {{ font-size: {fs(TouchSize.ENTRY)}px; font-weight: bold;
    background: {c.SURFACE}; border: {px(3)}px solid {c.BORDER}; border-radius: {px(12)}px;
    padding: {px(8)}px {px(20)}px; min-height: {tp(TouchSize.TARGET) - 2 * px(11)}px; }}
QLabel[role="entry"][invalid="true"] {{ border-color: {c.ERROR}; }}
QLabel[role="card"] {{ background: {c.SURFACE}; border: {px(2)}px solid {c.BORDER};
    border-radius: {px(TouchSize.RADIUS)}px; padding: {px(16)}px; }}
QFrame[role="job"] {{ background: {c.SURFACE}; border: {px(2)}px solid {c.BORDER};
    border-radius: {px(TouchSize.RADIUS)}px; min-height: {tp(TouchSize.TARGET)}px; }}
QLabel[role="reading"] {{ font-size: {fs(TouchSize.BUTTON)}px; background: {c.SURFACE};
    border: {px(2)}px solid {c.BORDER}; border-radius: {px(TouchSize.RADIUS)}px;
    padding: {px(16)}px; }}
QLabel[role="cityNotice"] {{ background: {c.SURFACE}; border-left: {px(8)}px solid {c.PRIMARY};
    padding: {px(10)}px {px(16)}px; }}
QLabel[role="jobTitle"] {{ font-size: {fs(TouchSize.BUTTON)}px; font-weight: bold; }}
QLabel[role="jobPay"] {{ font-size: {fs(TouchSize.BUTTON)}px; font-weight: bold;
    color: {c.PRIMARY}; }}
QWidget#topBar {{ background: {c.BAR}; }}
QWidget#topBar QLabel {{ color: {c.BAR_TEXT}; font-size: {px(TouchSize.SMALL)}px; }}
QWidget#topBar QLabel[role="hall"] {{ font-size: {fs(34)}px; font-weight: bold; }}
QPushButton {{ font-size: {fs(TouchSize.BUTTON)}px; font-weight: bold;
    min-height: {tp(TouchSize.TARGET)}px; min-width: {px(TouchSize.TARGET)}px;
    padding: 0 {px(24)}px; border: {px(2)}px solid; }}
QPushButton[role="primary"], QPushButton[role="secondary"] {{ border: none; }}
QPushButton[tile="home"] {{ font-size: {fs(TouchSize.HOME_TILE)}px;
    min-height: {tp(TouchSize.TARGET * 2.4)}px; }}
QPushButton[role="key"] {{ font-size: {fs(TouchSize.KEY)}px; padding: 0; }}
QPushButton[role="candidate"] {{ font-size: {fs(TouchSize.KEY)}px; font-weight: normal;
    padding: 0; }}
QPushButton[role="tile"] {{ padding: 0 {px(18)}px; }}
QPushButton[role="bar"] {{ font-size: {fs(TouchSize.SMALL)}px; padding: 0 {px(14)}px;
    min-height: {px(TouchSize.TARGET)}px; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
QScrollBar:vertical {{ width: {px(40)}px; background: {c.NEUTRAL}; }}
QScrollBar::handle:vertical {{ background: {c.BORDER}; min-height: {px(80)}px;
    border-radius: {px(8)}px; }}
QWidget#overlay {{ background: {c.OVERLAY}; }}
QFrame#dialog {{ background: {c.SURFACE}; border-radius: {px(24)}px; }}
"""


# -- the staff counter ------------------------------------------------------------------
# A desk screen used all day with mouse, keyboard and scanner: dense but legible, the same
# palette as the touchscreen, 18 px body text, 44 px buttons (touch still works).

class CounterSize:
    BODY = 18
    SMALL = 16
    TITLE = 24
    BUTTON_HEIGHT = 44
    ROW = 40  # table rows: room for two lines of reasons at 16 px


def _arrows_stylesheet() -> str:
    """Drop-down and spin buttons with drawn arrows; disabled fields greyed."""
    c, a = TouchColours, arrow_files()
    button = f"width: 30px; background: {c.NEUTRAL}; border-left: 1px solid {c.BORDER};"
    return f"""
QComboBox, QDateEdit, QTimeEdit, QSpinBox, QDoubleSpinBox {{ padding: 0 4px 0 8px; }}
QComboBox::drop-down, QDateEdit::drop-down, QTimeEdit::drop-down {{ {button}
    subcontrol-origin: border; subcontrol-position: top right; margin: 1px;
    border-top-right-radius: 5px; border-bottom-right-radius: 5px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button, QDateEdit[calendarPopup="false"]::up-button {{
    {button} subcontrol-origin: border; subcontrol-position: top right; margin: 1px 1px 0 0;
    border-bottom: 1px solid {c.BORDER}; border-top-right-radius: 5px; }}
QSpinBox::down-button, QDoubleSpinBox::down-button {{ {button} subcontrol-origin: border;
    subcontrol-position: bottom right; margin: 0 1px 1px 0;
    border-bottom-right-radius: 5px; }}
QComboBox::down-arrow, QDateEdit::down-arrow, QTimeEdit::down-arrow,
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{ image: url({a["down"]}); }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{ image: url({a["up"]}); }}
QComboBox::down-arrow:disabled, QDateEdit::down-arrow:disabled,
QSpinBox::down-arrow:disabled {{ image: url({a["down-disabled"]}); }}
QSpinBox::up-arrow:disabled {{ image: url({a["up-disabled"]}); }}
QComboBox::drop-down:pressed, QSpinBox::up-button:pressed, QSpinBox::down-button:pressed {{
    background: {c.NEUTRAL_PRESSED}; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QComboBox:disabled, QDateEdit:disabled,
QTimeEdit:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled {{
    background: #EEEAE0; color: #8A8A8A; border-color: #BDBDBD; }}
"""


def counter_stylesheet() -> str:
    c = TouchColours
    s = CounterSize
    family = fonts.family()
    return f"""
* {{ font-family: "{family}"; font-size: {s.BODY}px; color: {c.TEXT}; }}
QWidget#counterRoot {{ background: {c.BACKGROUND}; }}
QWidget#topBar {{ background: {c.BAR}; }}
QWidget#topBar QLabel {{ color: {c.BAR_TEXT}; }}
QWidget#topBar QLabel[role="hall"] {{ font-size: {s.TITLE}px; font-weight: bold; }}
QWidget#topBar QLabel[role="helpAlert"] {{ color: {c.WARN}; background: {c.WARN_FILL};
    font-weight: bold; padding: 4px 10px; border-radius: 6px; }}
QLabel[role="title"] {{ font-size: {s.TITLE}px; font-weight: bold; }}
QLabel[role="hint"] {{ color: {c.MUTED}; font-size: {s.SMALL}px; }}
QLabel[role="error"] {{ color: {c.ERROR}; background: {c.ERROR_FILL}; font-weight: bold;
    border-left: 6px solid {c.ERROR}; padding: 8px 12px; }}
QLabel[role="fieldError"] {{ color: {c.ERROR}; font-weight: bold; font-size: {s.SMALL}px; }}
QLabel[role="ok"] {{ color: {c.OK}; font-weight: bold; }}
QLabel[role="figure"] {{ font-size: 40px; font-weight: bold; color: {c.SECONDARY}; }}
QLabel[role="phone"] {{ font-size: 56px; font-weight: bold; color: {c.PRIMARY}; }}
QLabel#jobDetail {{ font-size: {s.SMALL}px; }}
QPushButton {{ min-height: {s.BUTTON_HEIGHT}px; padding: 0 18px; border-radius: 8px;
    background: {c.NEUTRAL}; border: 1px solid {c.BORDER}; font-weight: bold; }}
QPushButton:pressed {{ background: {c.NEUTRAL_PRESSED}; }}
QPushButton:disabled {{ color: #9A9A9A; border: 1px dashed #B0B0B0; background: #F0EDE6; }}
QPushButton[role="primary"] {{ background: {c.PRIMARY}; color: white; border: none; }}
QPushButton[role="primary"]:pressed {{ background: {c.PRIMARY_PRESSED}; }}
QPushButton[role="secondary"] {{ background: {c.SECONDARY}; color: white; border: none; }}
QPushButton[role="secondary"]:pressed {{ background: {c.SECONDARY_PRESSED}; }}
QPushButton[role="bar"] {{ background: transparent; color: {c.BAR_TEXT};
    border: 1px solid {c.BAR_TEXT}; }}
QPushButton#callButton {{ padding: 0 8px; }}
QPushButton:disabled[role="primary"], QPushButton:disabled[role="secondary"] {{
    color: #9A9A9A; border: 1px dashed #B0B0B0; background: #F0EDE6; }}
QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QTimeEdit, QSpinBox, QDoubleSpinBox {{
    background: {c.SURFACE}; border: 1px solid {c.BORDER}; border-radius: 6px;
    min-height: 36px; padding: 0 8px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 2px solid {c.ERROR}; }}
{_arrows_stylesheet()}
QScrollArea#sideNavRail, QWidget#sideNavColumn {{ background: {c.NEUTRAL}; }}
QScrollArea#sideNavRail {{ border-right: 1px solid {c.BORDER}; }}
QPushButton#navButton {{ min-height: 38px; padding: 0 10px; text-align: left;
    font-size: {s.BODY}px; font-weight: normal; background: transparent; border: none;
    border-left: 4px solid transparent; border-radius: 0; }}
QPushButton#navButton:checked {{ background: {c.SURFACE}; font-weight: bold;
    border-left: 4px solid {c.PRIMARY}; }}
QFrame#navRule {{ color: {c.BORDER}; max-height: 1px; margin: 4px 0; }}
QTableWidget, QListWidget {{ background: {c.SURFACE}; gridline-color: #D6D0C2;
    selection-background-color: {c.SELECTED_FILL}; selection-color: {c.TEXT}; }}
QHeaderView::section {{ background: {c.NEUTRAL}; padding: 6px; border: none;
    border-right: 1px solid #C9C2B2; font-weight: bold; }}
QGroupBox {{ font-weight: bold; border: 1px solid {c.BORDER}; border-radius: 8px;
    margin-top: 14px; padding-top: 10px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; }}
QCheckBox {{ spacing: 8px; min-height: 32px; }}
QCheckBox::indicator {{ width: 22px; height: 22px; }}
QScrollArea#pageScroll, QScrollArea#pageScroll > QWidget#qt_scrollarea_viewport {{
    background: {c.SURFACE}; }}
"""
