"""The board's now-serving band (叫号): the number called last and its window in type read
from across the hall, and the numbers called before it. Hidden until the day's first call.
Painted by hand, like the header. In landscape it stands at the top of the right-hand
column, above 今日待岗 (so the jobs keep two rows of cards); in portrait it is a band under
the header."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.store.board import BoardCall
from kiosk.ui.theme import Colours, Theme, draw_text

# Pixel sizes at scale 1 (1080p). The number is ~75 mm high on a 55-inch screen: read from
# well beyond 5 m; the earlier calls at 52 px like the job titles.
BAND_LANDSCAPE, BAND_PORTRAIT = 210, 330
CAPTION, NUMBER, EARLIER = 36, 120, 52
COLUMN_WINDOW, COLUMN_EARLIER = 56, 40  # in the column: "→ 3 号窗口", earlier calls
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ELIDE = Qt.TextElideMode.ElideRight


@dataclass(frozen=True, slots=True)
class CallTexts:
    caption: str  # 正在叫号
    now: str  # 12 号 → 1 号窗口
    earlier_caption: str  # 已叫
    earlier: str  # 11 → 2 号窗口 · 10 → 1 号窗口
    earlier_items: tuple[str, ...] = ()  # the same, one a call


def call_texts(calls: tuple[BoardCall, ...], language: str) -> CallTexts | None:
    """The band's texts for the day's calls (newest first); None before the first call."""
    if not calls:
        return None

    def t(message: str) -> str:
        return translate(message, language)

    latest = calls[0]
    shown = t(N_("No. {number} → window {window}"))
    earlier = [c for c in calls[1:] if c.label != latest.label or c.window != latest.window]
    seen: set[tuple[str, str]] = set()
    unique = []
    for call in earlier:  # a number called again is listed once
        if (call.label, call.window) not in seen:
            seen.add((call.label, call.window))
            unique.append(call)
    return CallTexts(
        caption=t(N_("Now calling")),
        now=shown.format(number=latest.label, window=latest.window),
        earlier_caption=t(N_("Called before")) if unique else "",
        earlier="   ".join(shown.format(number=c.label, window=c.window)
                           for c in unique[:4]),
        earlier_items=tuple(shown.format(number=c.label, window=c.window)
                            for c in unique[:4]))


class NowServing(QWidget):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts: CallTexts | None = None
        self.column = False
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.set_theme(theme)
        self.hide()

    def set_theme(self, theme: Theme, *, column: bool = False) -> None:
        """`column`: the narrow, tall form at the top of the landscape board's right column."""
        self.theme, self.column = theme, column
        if column:
            self.setFixedHeight(self._column_height())
        else:
            self.setFixedHeight(theme.px(BAND_PORTRAIT if theme.portrait else BAND_LANDSCAPE))
        self.update()

    def _column_height(self) -> int:
        t = self.theme
        return (t.px(16) + t.px(CAPTION + 14) + t.px(NUMBER * 1.16) + t.px(COLUMN_WINDOW * 1.16)
                + t.px(10) + t.px(CAPTION + 6) + t.px(COLUMN_EARLIER * 1.16) + t.px(16))

    def set_texts(self, texts: CallTexts | None) -> None:
        if texts != self.texts:
            self.texts = texts
            self.update()
        self.setVisible(texts is not None)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        t, texts = self.theme, self.texts
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.fillRect(self.rect(), Colours.BAR)
            p.fillRect(QRect(0, 0, t.px(12), self.height()), Colours.HEADER_ACCENT)
            if texts is None:
                return
            if self.column:
                self._paint_column(p, texts)
                return
            body = self.rect().adjusted(t.px(40), t.px(8), -t.px(32), -t.px(8))
            if t.portrait:
                now_h = body.height() * 58 // 100 if texts.earlier else body.height()
                self._now(p, QRect(body.x(), body.y(), body.width(), now_h), texts)
                self._earlier(p, QRect(body.x(), body.y() + now_h, body.width(),
                                       body.height() - now_h), texts)
            else:
                now_w = body.width() * 52 // 100
                self._now(p, QRect(body.x(), body.y(), now_w, body.height()), texts)
                self._earlier(p, QRect(body.x() + now_w + t.px(32), body.y(),
                                       body.width() - now_w - t.px(32), body.height()), texts)
        finally:
            p.end()

    def _now(self, p: QPainter, area: QRect, texts: CallTexts) -> None:
        t = self.theme
        cap_h = t.px(CAPTION + 14)
        self._line(p, QRect(area.x(), area.y(), area.width(), cap_h), texts.caption,
                   t.font(CAPTION, bold=True), Colours.HEADER_ACCENT)
        self._line(p, QRect(area.x(), area.y() + cap_h, area.width(), area.height() - cap_h),
                   texts.now, _fitting(t.font(NUMBER, bold=True), texts.now, area.width()),
                   Colours.PAY)

    def _earlier(self, p: QPainter, area: QRect, texts: CallTexts) -> None:
        t = self.theme
        cap_h = t.px(CAPTION + 14)
        self._line(p, QRect(area.x(), area.y(), area.width(), cap_h), texts.earlier_caption,
                   t.font(CAPTION), Colours.MUTED)
        rest = QRect(area.x(), area.y() + cap_h, area.width(), area.height() - cap_h)
        font = t.font(EARLIER, bold=True)
        p.setPen(Colours.TEXT_SOFT)
        p.setFont(font)
        p.drawText(rest, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                             | Qt.TextFlag.TextWordWrap), texts.earlier)

    def _paint_column(self, p: QPainter, texts: CallTexts) -> None:
        """正在叫号; the number, as large as the column allows; → the window; 已叫号 and the
        call before (the band in portrait lists four)."""
        t = self.theme
        area = self.rect().adjusted(t.px(34), t.px(16), -t.px(22), -t.px(16))
        number, arrow, window = texts.now.partition("→")
        rows = ((texts.caption, t.font(CAPTION, bold=True), Colours.HEADER_ACCENT, CAPTION + 14),
                (number.strip(), _fitting(t.font(NUMBER, bold=True), number.strip(),
                                          area.width()), Colours.PAY, NUMBER * 1.16),
                (f"{arrow}{window}".strip(), _fitting(t.font(COLUMN_WINDOW, bold=True),
                                                      f"{arrow}{window}".strip(), area.width()),
                 Colours.PAY, COLUMN_WINDOW * 1.16))
        y = area.y()
        for text, font, colour, height in rows:
            self._line(p, QRect(area.x(), y, area.width(), t.px(height)), text, font, colour)
            y += t.px(height)
        if not texts.earlier_items:
            return
        y += t.px(10)
        self._line(p, QRect(area.x(), y, area.width(), t.px(CAPTION + 6)),
                   texts.earlier_caption, t.font(CAPTION), Colours.MUTED)
        y += t.px(CAPTION + 6)
        for item in texts.earlier_items[:1]:
            self._line(p, QRect(area.x(), y, area.width(), t.px(COLUMN_EARLIER * 1.16)), item,
                       t.font(COLUMN_EARLIER, bold=True), Colours.TEXT_SOFT)
            y += t.px(COLUMN_EARLIER * 1.16)

    @staticmethod
    def _line(p: QPainter, area: QRect, text: str, font: QFont, colour: QColor) -> None:
        p.setPen(colour)
        draw_text(p, area, _LEFT, QFontMetrics(font).elidedText(text, _ELIDE, area.width()),
                  font)


def _fitting(font: QFont, text: str, width: int) -> QFont:
    """`font`, smaller when `text` would not fit `width` (a long window label)."""
    fitted = QFont(font)
    while QFontMetrics(fitted).horizontalAdvance(text) > width and fitted.pixelSize() > 24:
        fitted.setPixelSize(fitted.pixelSize() * 9 // 10)
    return fitted
