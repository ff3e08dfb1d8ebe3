"""The board's bands: the header (hall, date and time, today's counts), the section bar
(group, page indicator, scan hint), the stale-data banner and the stop-work band. Painted
by hand."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.board.legible import BoardType
from kiosk.ui.theme import Colours, Size, Theme, draw_text

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter
_ELIDE = Qt.TextElideMode.ElideRight
_WRAP = Qt.TextFlag.TextWordWrap


class Header(QWidget):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall = ""
        self.date_text = ""
        self.clock_text = ""
        self.stats: tuple[tuple[str, str], ...] = ()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setFixedHeight(theme.header_height)
        self.update()

    def set_hall(self, name: str) -> None:
        self.hall = name
        self.update()

    def set_time(self, date_text: str, clock_text: str) -> None:
        if (date_text, clock_text) != (self.date_text, self.clock_text):
            self.date_text, self.clock_text = date_text, clock_text
            self.update()

    def set_stats(self, stats: tuple[tuple[str, str], ...]) -> None:
        if stats != self.stats:
            self.stats = stats
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        t = self.theme
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.fillRect(self.rect(), Colours.HEADER)
            p.fillRect(QRect(0, self.height() - t.px(5), self.width(), t.px(5)),
                       Colours.HEADER_ACCENT)
            body = self.rect().adjusted(t.px(32), 0, -t.px(32), -t.px(5))
            if t.portrait:  # the hall's name on its own line, then counts and the time
                top = QRect(body.x(), body.y(), body.width(), body.height() * 42 // 100)
                bottom = QRect(body.x(), top.bottom() + 1, body.width(),
                               body.height() - top.height())
                self._paint_hall(p, top)
                clock_w = self._paint_clock(p, bottom)
                self._paint_stats(p, bottom.adjusted(0, 0, -clock_w - t.px(24), 0))
            else:
                clock_w = self._paint_clock(p, body)
                stats_w = t.px(640)
                stats = QRect(body.right() - clock_w - t.px(40) - stats_w, body.y(), stats_w,
                              body.height())
                self._paint_stats(p, stats)
                self._paint_hall(p, QRect(body.x(), body.y(),
                                          stats.x() - body.x() - t.px(24), body.height()))
        finally:
            p.end()

    def _paint_hall(self, p: QPainter, area: QRect) -> None:
        font = self.theme.font(Size.HALL, bold=True)
        p.setPen(Colours.HEADER_TEXT)
        shown = QFontMetrics(font).elidedText(self.hall, _ELIDE, area.width())
        draw_text(p, area, _LEFT, shown, font)

    def _paint_clock(self, p: QPainter, area: QRect) -> int:
        """Time above the date, right-aligned; returns the width taken."""
        t = self.theme
        clock_font, date_font = t.font(Size.CLOCK, bold=True), t.font(Size.DATE)
        clock_m, date_m = QFontMetrics(clock_font), QFontMetrics(date_font)
        width = max(clock_m.horizontalAdvance("88:88:88"),
                    date_m.horizontalAdvance(self.date_text))
        total = clock_m.height() + date_m.height()
        top = area.y() + (area.height() - total) // 2
        p.setPen(Colours.HEADER_TEXT)
        draw_text(p, QRect(area.right() - width + 1, top, width, clock_m.height()), _RIGHT,
                  self.clock_text, clock_font)
        p.setFont(date_font)
        p.setPen(Colours.HEADER_MUTED)
        p.drawText(QRect(area.right() - width + 1, top + clock_m.height(), width,
                         date_m.height()), _RIGHT, self.date_text)
        return width

    def _paint_stats(self, p: QPainter, area: QRect) -> None:
        if not self.stats:
            return
        t = self.theme
        number_font, label_font = t.font(Size.STAT_NUMBER, bold=True), t.font(Size.STAT_LABEL)
        number_m, label_m = QFontMetrics(number_font), QFontMetrics(label_font)
        cell = area.width() // len(self.stats)
        total = number_m.height() + label_m.height()
        top = area.y() + (area.height() - total) // 2
        for i, (label, number) in enumerate(self.stats):
            x = area.x() + i * cell
            p.setPen(Colours.HEADER_ACCENT)
            draw_text(p, QRect(x, top, cell, number_m.height()), _CENTRE, number, number_font)
            p.setFont(label_font)
            p.setPen(Colours.HEADER_MUTED)
            p.drawText(QRect(x, top + number_m.height(), cell, label_m.height()), _CENTRE,
                       label_m.elidedText(label, _ELIDE, cell))


class SectionBar(QWidget):
    """Left: the group and its count; middle: how to apply; right: the page, e.g. 3 / 12."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.hint = ""
        self.page_text = ""
        self.page = 0
        self.pages = 0
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setFixedHeight(theme.px(Size.SECTION_BAR))
        self.update()

    def set_content(self, title: str, hint: str, page: int, pages: int) -> None:
        """`page` counts from 1; pages == 0 hides the indicator."""
        page_text = f"{page} / {pages}" if pages else ""
        if (title, hint, page_text) != (self.title, self.hint, self.page_text):
            self.title, self.hint, self.page_text = title, hint, page_text
            self.page, self.pages = page, pages
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        t = self.theme
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.fillRect(self.rect(), Colours.BAR)
            body = self.rect().adjusted(t.px(32), 0, -t.px(32), 0)
            bold, plain = t.font(Size.SECTION, bold=True), t.font(Size.SECTION - 4)
            page_w = self._paint_pages(p, body)
            p.setPen(Colours.TEXT)
            title_w = QFontMetrics(bold).horizontalAdvance(self.title)
            draw_text(p, QRect(body.x(), body.y(), title_w + 1, body.height()), _LEFT,
                      self.title, bold)
            hint_area = QRect(body.x() + title_w + t.px(40), body.y(),
                              body.width() - title_w - page_w - t.px(80), body.height())
            p.setFont(plain)
            p.setPen(Colours.MUTED)
            p.drawText(hint_area, _CENTRE if not t.portrait else _LEFT,
                       QFontMetrics(plain).elidedText(self.hint, _ELIDE, hint_area.width()))
        finally:
            p.end()

    def _paint_pages(self, p: QPainter, body: QRect) -> int:
        """The page number, and a dot per page when they fit; returns the width used."""
        if not self.page_text:
            return 0
        t = self.theme
        font = t.font(Size.SECTION, bold=True)
        text_w = QFontMetrics(font).horizontalAdvance(self.page_text)
        dot, gap = t.px(12), t.px(10)
        dots_w = self.pages * (dot + gap) if self.pages <= 12 else 0
        x = body.right() - text_w - dots_w - (t.px(16) if dots_w else 0) + 1
        y = body.y() + (body.height() - dot) // 2
        p.setPen(Qt.PenStyle.NoPen)
        for i in range(self.pages if dots_w else 0):
            p.setBrush(Colours.PAY if i + 1 == self.page else Colours.CARD_BORDER)
            p.drawEllipse(x + i * (dot + gap), y, dot, dot)
        p.setPen(Colours.PAY)
        draw_text(p, QRect(body.right() - text_w + 1, body.y(), text_w, body.height()), _RIGHT,
                  self.page_text, font)
        return text_w + dots_w + t.px(16)


class StaleBanner(QWidget):
    """Amber band, dark text: the list may be out of date (shown only when it may be)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.set_theme(theme)
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setFixedHeight(theme.px(Size.STALE_BAR))
        self.update()

    def set_text(self, text: str) -> None:
        """Show `text`, or hide the banner when it is empty."""
        if text != self.text:
            self.text = text
            self.update()
        self.setVisible(bool(text))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        t = self.theme
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), Colours.STALE)
            font = t.font(Size.SECTION, bold=True)
            p.setPen(Colours.STALE_TEXT)
            area = self.rect().adjusted(t.px(32), 0, -t.px(32), 0)
            draw_text(p, area, _CENTRE,
                      QFontMetrics(font).elidedText(self.text, _ELIDE, area.width()), font)
        finally:
            p.end()


class StopWorkBanner(QWidget):
    """Red band, white text: the city's stop-work notices holding now (停工 and each
    notice's title and text) at the key facts' size, so it reads from as far as the jobs,
    on up to two lines (three on a portrait screen; cut with … beyond); hidden when none
    holds."""

    def __init__(self, theme: Theme, type_: BoardType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.shown = ""  # the text as painted (cut to two lines), for tests
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.set_theme(theme, type_)
        self.hide()

    def set_theme(self, theme: Theme, type_: BoardType) -> None:
        self.theme, self.type = theme, type_
        self.font_ = type_.font(type_.key, bold=True)
        self.line = QFontMetrics(self.font_).lineSpacing()
        self.lines = 3 if theme.portrait else 2
        self.setFixedHeight(self.line * self.lines + theme.px(Size.GAP) * 2)
        self.update()

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.update()
        self.setVisible(bool(text))

    def _area(self) -> QRect:
        t = self.theme
        return self.rect().adjusted(t.px(32), t.px(Size.GAP), -t.px(32), -t.px(Size.GAP))

    def _fitted(self, width: int) -> str:
        """The text cut (with …) to what fits on the band's lines at `width`."""
        metrics, room = QFontMetrics(self.font_), self.line * self.lines
        def fits(text: str) -> bool:
            lines = metrics.boundingRect(QRect(0, 0, width, 100 * room), _WRAP,
                                         text).height() / self.line
            return lines < self.lines + 0.5  # a line's leading is not a line
        if fits(self.text):
            return self.text
        low, high = 0, len(self.text)
        while low < high:  # the longest start that fits with …
            mid = (low + high + 1) // 2
            low, high = (mid, high) if fits(self.text[:mid] + "…") else (low, mid - 1)
        return self.text[:low] + "…"

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), Colours.HAZARD)
            p.setPen(Colours.HAZARD_TEXT)
            area = self._area()
            self.shown = self._fitted(area.width())
            draw_text(p, area, _CENTRE | _WRAP, self.shown, self.font_)
        finally:
            p.end()
