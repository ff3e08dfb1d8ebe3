"""今日待岗: the hall's workers checked in today, by trade, for employers walking in (S5,
annex 3 §4, §12), and where to go to hire them. Counts only, never a name.

Landscape: a column at the right of the jobs, one trade a line, the counter's call at the
bottom. Portrait: a band under the jobs, the counts on up to three lines, the counter's
call at the right. Counts are at the key
size (kiosk.ui.board.legible): an employer reads them from where the jobs are read.
Trades that do not fit are summed into one last entry ("另 N 个工种 M 人")."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.board.format import SEPARATOR, SupplyText
from kiosk.ui.board.legible import BoardType
from kiosk.ui.theme import Colours, Theme, draw_text

COLUMN_WIDTH = 440  # px at scale 1 (landscape)
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_WRAP = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
_ELIDE = Qt.TextElideMode.ElideRight
LINE = 1.16
_ANY = 16_777_215  # QWIDGETSIZE_MAX
KEY_AT_LEAST = 5  # trades the band names at the key size before it goes smaller


class SupplyPanel(QWidget):
    def __init__(self, theme: Theme, type_: BoardType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text: SupplyText | None = None
        self.drawn: dict[str, tuple[QRect, QFont, str]] = {}  # what was painted (tests)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.set_theme(theme, type_)

    def set_theme(self, theme: Theme, type_: BoardType) -> None:
        self.theme, self.type = theme, type_
        self.key = type_.font(type_.key, bold=True)
        self.small = type_.font(type_.secondary, bold=True)
        grow, fixed = QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed
        if theme.portrait:  # a band as wide as the screen
            self.setMinimumWidth(0)
            self.setMaximumWidth(_ANY)
            self.setFixedHeight(self._band_height())
            self.setSizePolicy(grow, fixed)
        else:  # a column as high as the jobs
            self.setMinimumHeight(0)
            self.setMaximumHeight(_ANY)
            self.setFixedWidth(theme.px(COLUMN_WIDTH))
            self.setSizePolicy(fixed, grow)
        self.update()

    def set_text(self, text: SupplyText) -> None:
        if text != self.text:
            self.text = text
            self.update()

    def _line(self, font: QFont) -> int:
        return round(font.pixelSize() * LINE)

    def _band_height(self) -> int:
        """A title line and three lines of counts, with padding."""
        return 4 * self._line(self.key) + 2 * self.theme.px(16) + 2 * self.theme.px(8)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.fillRect(self.rect(), Colours.BAR)
            p.fillRect(QRect(0, 0, self.theme.px(4) if not self.theme.portrait else self.width(),
                             self.height() if not self.theme.portrait else self.theme.px(4)),
                       Colours.HEADER_ACCENT)
            self.drawn = {}
            if self.text is None:
                return
            if self.theme.portrait:
                self._paint_band(p)
            else:
                self._paint_column(p)
        finally:
            p.end()

    def _draw(self, p: QPainter, name: str, rect: QRect, text: str, font: QFont, *,
              align: Qt.AlignmentFlag = _LEFT) -> None:
        shown = QFontMetrics(font).elidedText(text, _ELIDE, rect.width())
        draw_text(p, rect, align, shown, font)
        self.drawn[name] = (QRect(rect), font, shown)

    # -- landscape -------------------------------------------------------------------
    def _paint_column(self, p: QPainter) -> None:
        t, text = self.theme, self.text
        assert text is not None
        margin = t.px(22)
        area = self.rect().adjusted(margin, t.px(16), -margin, -t.px(16))
        line_key, line_small = self._line(self.key), self._line(self.small)
        p.setPen(Colours.TEXT)
        self._draw(p, "title", QRect(area.x(), area.y(), area.width(), line_key), text.title,
                   self._fitting(text.title, area.width()))
        p.setPen(Colours.PAY)
        self._draw(p, "total", QRect(area.x(), area.y() + line_key, area.width(), line_small),
                   text.total, self.small)
        call = self._paint_call(p, area)
        top = area.y() + line_key + line_small + t.px(14)
        p.fillRect(QRect(area.x(), top - t.px(8), area.width(), t.px(2)), Colours.CARD_BORDER)
        room = max(0, (call.y() - t.px(12) - top) // line_key)
        rows = self._fitted_rows(text, room)
        if not rows:
            p.setPen(Colours.TEXT_SOFT)
            p.setFont(self.small)
            p.drawText(QRect(area.x(), top, area.width(), call.y() - top), _WRAP, text.empty)
            self.drawn["empty"] = (QRect(area.x(), top, area.width(), call.y() - top),
                                   self.small, text.empty)
        label_font, unit = self._column_style(rows, text, area.width())
        for i, (label, n) in enumerate(rows):
            row = QRect(area.x(), top + i * line_key, area.width(), line_key)
            count_w = self._paint_count(p, row, text, n, i, unit=unit)
            p.setPen(Colours.TEXT)
            self._draw(p, f"trade{i}", QRect(row.x(), row.y(), row.width() - count_w - t.px(14),
                                             row.height()), label, label_font)

    def _column_style(self, rows: list[tuple[str, int]], text: SupplyText,
                      width: int) -> tuple[QFont, bool]:
        """The names' font and whether the counts keep their unit: the key size and 人 when
        every line fits; else names at the secondary size (long English names), then the
        numbers without their unit. One style for every line."""
        for font, unit in ((self.key, True), (self.small, True), (self.small, False)):
            metrics = QFontMetrics(font)
            if all(metrics.horizontalAdvance(label) + self._count_width(text, n, unit=unit)
                   + self.theme.px(14) <= width for label, n in rows):
                return font, unit
        return self.small, False

    def _count_parts(self, text: SupplyText, n: int, *, unit: bool) -> tuple[str, str, str]:
        before, _, after = text.people.partition("{count}")
        return (before, str(n), after) if unit else ("", str(n), "")

    def _count_width(self, text: SupplyText, n: int, *, unit: bool) -> int:
        before, number, after = self._count_parts(text, n, unit=unit)
        small = QFontMetrics(self.small)
        return (small.horizontalAdvance(before) + QFontMetrics(self.key).horizontalAdvance(
            number) + small.horizontalAdvance(after))

    def _fitting(self, text: str, width: int) -> QFont:
        """The key size when `text` fits `width`, else the secondary size (a long English
        trade name; still read from 3 m)."""
        return self.key if QFontMetrics(self.key).horizontalAdvance(text) <= width else self.small

    def _paint_count(self, p: QPainter, row: QRect, text: SupplyText, n: int, i: int, *,
                     unit: bool) -> int:
        """The number at the key size and its unit (人) smaller, right-aligned; the width
        used."""
        before, number, after = self._count_parts(text, n, unit=unit)
        small, key = QFontMetrics(self.small), QFontMetrics(self.key)
        widths = (small.horizontalAdvance(before), key.horizontalAdvance(number),
                  small.horizontalAdvance(after))
        x = row.right() + 1 - sum(widths)
        p.setPen(Colours.PAY)
        for part, width, font in zip((before, number, after), widths,
                                     (self.small, self.key, self.small), strict=True):
            if part.strip():
                self._draw(p, f"count{i}" if part == number else f"unit{i}",
                           QRect(x, row.y(), width + 1, row.height()), part, font)
            x += width
        return sum(widths)

    def _paint_call(self, p: QPainter, area: QRect) -> QRect:
        """招工请到服务台 in an amber box at the bottom, wrapped when long; the box."""
        t, text = self.theme, self.text
        assert text is not None
        font = self.key
        inner = area.width() - 2 * t.px(12)
        if QFontMetrics(font).horizontalAdvance(text.call) > inner:
            font = self.small
        bound = QFontMetrics(font).boundingRect(QRect(0, 0, inner, 10_000), _WRAP, text.call)
        height = bound.height() + 2 * t.px(14)
        box = QRect(area.x(), area.bottom() - height + 1, area.width(), height)
        self._call_box(p, box, font, text.call)
        return box

    def _call_box(self, p: QPainter, box: QRect, font: QFont, call: str) -> None:
        t = self.theme
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(Colours.LICENCE)
        p.drawRoundedRect(box, t.px(10), t.px(10))
        p.setPen(Colours.LICENCE_TEXT)
        p.setFont(font)
        p.drawText(box.adjusted(t.px(12), 0, -t.px(12), 0), _WRAP, call)
        self.drawn["call"] = (QRect(box), font, call)

    @staticmethod
    def _fitted_rows(text: SupplyText, room: int) -> list[tuple[str, int]]:
        """(trade, people) rows that fit `room` lines; the rest summed into the last one."""
        rows = list(text.rows)
        if len(rows) <= room:
            return rows
        if room <= 0:
            return []
        return [*rows[:room - 1], _more(text, text.rows[room - 1:])]

    # -- portrait --------------------------------------------------------------------
    def _paint_band(self, p: QPainter) -> None:
        """The title and the total on the first line, the counts on up to three more; the
        counter's call in a column at the right."""
        t, text = self.theme, self.text
        assert text is not None
        area = self.rect().adjusted(t.px(24), t.px(16) + t.px(4), -t.px(24), -t.px(16))
        line_key = self._line(self.key)
        call_w = area.width() // 4
        self._call_column(p, QRect(area.right() - call_w + 1, area.y(), call_w, area.height()))
        left = QRect(area.x(), area.y(), area.width() - call_w - t.px(24), area.height())
        p.setPen(Colours.TEXT)
        title_w = min(left.width(), QFontMetrics(self.key).horizontalAdvance(text.title))
        self._draw(p, "title", QRect(left.x(), left.y(), title_w + 1, line_key), text.title,
                   self.key)
        p.setPen(Colours.PAY)
        total_x = left.x() + title_w + t.px(20)
        self._draw(p, "total", QRect(total_x, left.y(), left.right() - total_x + 1, line_key),
                   text.total, self.small)
        lines, font = self._band_lines(text, left.width())
        p.setPen(Colours.TEXT)
        if not lines:
            self._draw(p, "empty", QRect(left.x(), left.y() + line_key + t.px(8),
                                         left.width(), line_key), text.empty, self.small)
        height = self._line(font)
        for i, line in enumerate(lines):
            row = QRect(left.x(), left.y() + line_key + t.px(8) + i * height, left.width(),
                        height)
            self._draw(p, f"line{i}", row, line, font)

    def _call_column(self, p: QPainter, box: QRect) -> None:
        """招工请到服务台, wrapped in the column: at the key size when it fits, else smaller."""
        call = self.text.call if self.text else ""
        inner = box.adjusted(self.theme.px(12), self.theme.px(8), -self.theme.px(12),
                             -self.theme.px(8))
        font = self.key
        bound = QFontMetrics(font).boundingRect(QRect(0, 0, inner.width(), 10_000), _WRAP,
                                                call)
        if bound.height() > inner.height() or bound.width() > inner.width():
            font = self.small
        self._call_box(p, box, font, call)

    def _band_lines(self, text: SupplyText, width: int) -> tuple[list[str], QFont]:
        """The counts in three lines at the key size; four at the secondary size only when
        the key size names fewer than KEY_AT_LEAST trades (long English names). What does
        not fit is summed at the end. The lines and their font."""
        lines, shown = self._band_fit(text, width, self.key, 3)
        if shown == len(text.rows) or shown >= KEY_AT_LEAST:
            return lines, self.key
        small, small_shown = self._band_fit(text, width, self.small, 4)
        return (small, self.small) if small_shown > shown else (lines, self.key)

    @staticmethod
    def _band_fit(text: SupplyText, width: int, font: QFont,
                  most: int) -> tuple[list[str], int]:
        """At most `most` lines in `font`: the lines and how many trades they name."""
        metrics = QFontMetrics(font)
        items = [f"{label} {text.count(n)}" for label, n in text.rows]
        for shown in range(len(items), 0, -1):
            kept = items[:shown]
            if shown < len(items):
                label, n = _more(text, text.rows[shown:])
                kept.append(f"{label} {text.count(n)}")
            lines = _wrap(kept, metrics, width)
            if len(lines) <= most:
                return lines, shown
        return [], 0


def _more(text: SupplyText, rest: tuple[tuple[str, int], ...]) -> tuple[str, int]:
    """"另 N 个工种" and their people, for the trades that did not fit."""
    return text.more.format(count=len(rest)), sum(n for _label, n in rest)


def _wrap(items: list[str], metrics: QFontMetrics, width: int) -> list[str]:
    """Items joined by " · " into lines no wider than `width` (an item is never split)."""
    lines: list[str] = []
    current = ""
    for item in items:
        candidate = f"{current}{SEPARATOR}{item}" if current else item
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = item
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
