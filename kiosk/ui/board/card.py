"""One job card: painted by hand (no child widgets), so a page flip only swaps text.

Designed for reading from across the hall (kiosk.ui.board.legible): the key facts, each on
its own row at the key size, are the trade, the pay (with 计酬方式), when work starts (with
the 急招 badge at the right) and the place. Secondary facts, sized for 3 m, follow: the
places left, the title, a licence the job needs (an amber badge with a card mark), level,
hours, end date, what is provided, the employer and the posting time. The trade's pictogram
is followed by the job's hazard tags' pictograms (white on red, kiosk.core.hazards), and a
job a stop-work notice stops now opens its secondary facts with a red 停工 badge (the notice
itself is the red band above the jobs). The job's QR code sits in the top-right corner
beside the trade and pay rows (a 5.5 cm symbol on a 55-inch 1080p panel: a phone reads it
from half a metre), and a terminal's scanner opens exactly this job.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.ui import pictograms
from kiosk.ui.board.format import SEPARATOR, CardText
from kiosk.ui.board.legible import BoardType
from kiosk.ui.qr import QrCache, draw_qr
from kiosk.ui.theme import Colours, Size, Theme, draw_text

_ELIDE = Qt.TextElideMode.ElideRight
_LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter
KEY_FACTS = ("trade", "pay", "start", "place")
LINE = 1.16  # a row's height per font pixel (the metrics' own height is too loose)
PLACE_CHARS = 11  # a card is at least this many key-size characters wide (the place)


@dataclass(frozen=True, slots=True)
class _Fonts:
    trade: QFont
    pay: QFont
    start: QFont
    place: QFont
    badge: QFont
    settlement: QFont
    left: QFont
    meta: QFont
    glyph: QFont
    licence: QFont


@dataclass(frozen=True, slots=True)
class Drawn:
    """Where a fact was drawn on the last card painted, and in which font (for tests)."""

    rect: QRect
    font: QFont
    text: str  # as shown (elided when it did not fit)


class CardPainter:
    """Paints a `CardText` into a rectangle; shared by every card of a board."""

    def __init__(self, theme: Theme, qr_cache: QrCache, type_: BoardType) -> None:
        self.qr_cache = qr_cache
        self.drawn: dict[str, Drawn] = {}
        self.set_theme(theme, type_)

    def set_theme(self, theme: Theme, type_: BoardType) -> None:
        self.theme, self.type = theme, type_
        k, s = type_.key, type_.secondary
        self.fonts = _Fonts(
            trade=type_.font(k, bold=True), pay=type_.font(type_.pay, bold=True),
            start=type_.font(k, bold=True), place=type_.font(k, bold=True),
            badge=type_.font(s, bold=True), settlement=type_.font(s, bold=True),
            left=type_.font(s, bold=True), meta=type_.font(s), glyph=type_.font(k, bold=True),
            licence=type_.font(s, bold=True))
        self._metrics = {name: QFontMetrics(getattr(self.fonts, name))
                         for name in _Fonts.__dataclass_fields__}

    def metrics(self, name: str) -> QFontMetrics:
        return self._metrics[name]

    def line_height(self, name: str) -> int:
        font: QFont = getattr(self.fonts, name)
        return round(font.pixelSize() * LINE)

    @property
    def gap(self) -> int:
        return max(4, self.type.secondary // 5)

    def _heights(self) -> list[int]:
        h = self.line_height
        return [h("trade"), h("pay"), h("start"), h("place"), h("meta")]

    def min_size(self) -> QSize:
        """The least card that shows every row at its size: the grid is made of these."""
        pad = self.theme.px(Size.CARD_PAD)
        rows = self._heights()
        height = sum(rows) + self.gap * (len(rows) - 1) + 2 * pad
        width = self.type.key * PLACE_CHARS + 2 * pad
        return QSize(width, height)

    def paint(self, p: QPainter, rect: QRect, card: CardText) -> None:
        t = self.theme
        pad, radius = t.px(Size.CARD_PAD), t.px(Size.CARD_RADIUS)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        p.setPen(QPen(Colours.URGENT if card.urgent else Colours.CARD_BORDER, t.px(3)))
        p.setBrush(Colours.CARD)
        inset = t.px(1.5)
        p.drawRoundedRect(QRectF(rect).adjusted(inset, inset, -inset, -inset), radius, radius)
        if card.urgent:  # a red stripe as well as the text badge: not colour alone
            stripe = QRectF(rect.x() + inset, rect.y() + radius, t.px(10),
                            rect.height() - 2 * radius)
            p.fillRect(stripe, Colours.URGENT)
        left = rect.x() + pad + (t.px(12) if card.urgent else 0)
        area = QRect(left, rect.y() + pad, rect.right() - pad - left + 1,
                     rect.height() - 2 * pad)
        self._paint_rows(p, area, card)

    def _rows(self, area: QRect) -> tuple[list[QRect], int]:
        """The rows' rectangles, spread over the card's height; the second details row's
        height when there is room for one (else 0)."""
        heights = self._heights()
        extra = heights[-1] if area.height() - sum(heights) >= heights[-1] + 5 * self.gap else 0
        if extra:
            heights.append(extra)
        spare = max(0, area.height() - sum(heights))
        gap = min(spare // (len(heights) - 1), self.gap * 3)
        y = area.y() + (area.height() - sum(heights) - gap * (len(heights) - 1)) // 2
        rows = []
        for height in heights:
            rows.append(QRect(area.x(), y, area.width(), height))
            y += height + gap
        return rows, extra

    def _paint_rows(self, p: QPainter, area: QRect, card: CardText) -> None:
        self.drawn = {}
        rows, extra = self._rows(area)
        qr_side = rows[1].bottom() - rows[0].y() + 1
        qr_area = QRect(area.right() - qr_side + 1, rows[0].y(), qr_side, qr_side)
        draw_qr(p, self.qr_cache.image(card.qr), qr_area)
        beside_qr = area.width() - qr_side - self.gap * 2
        self._trade_row(p, QRect(area.x(), rows[0].y(), beside_qr, rows[0].height()), card)
        self._pay_row(p, QRect(area.x(), rows[1].y(), beside_qr, rows[1].height()), card)
        left_shown = self._start_row(p, rows[2], card)
        self._text(p, rows[3], card.place, "place", Colours.TEXT, key="place")
        facts = SEPARATOR.join(part for part in (
            "" if left_shown else card.left, card.title, card.facts) if part)
        who = SEPARATOR.join(part for part in (card.employer, card.posted) if part)
        if extra:
            self._details_row(p, rows[4], card, facts)
            self._text(p, rows[5], who, "meta", Colours.TEXT_SOFT, key="who")
        else:
            self._details_row(p, rows[4], card, SEPARATOR.join(
                part for part in (facts, who) if part))

    def _text(self, p: QPainter, row: QRect, text: str, font: str, colour: QColor, *,
              align: Qt.AlignmentFlag = _LEFT_MIDDLE, key: str = "") -> int:
        """Draw `text` elided to the row; returns the width used."""
        metrics = self.metrics(font)
        shown = metrics.elidedText(text, _ELIDE, row.width())
        p.setPen(colour)
        draw_text(p, row, align, shown, getattr(self.fonts, font))
        if key:
            self.drawn[key] = Drawn(QRect(row), getattr(self.fonts, font), shown)
        return metrics.horizontalAdvance(shown)

    def _trade_row(self, p: QPainter, row: QRect, card: CardText) -> None:
        t = self.theme
        side = row.height()
        icon = QRect(row.x(), row.y(), side, side)
        self._pictogram(p, icon, card)
        x = icon.right() + t.px(12)
        for hazard in card.hazards:  # the hazard tags' pictograms after the trade's
            p.drawPixmap(QRect(x, row.y(), side, side), pictograms.hazard_pixmap(hazard, side))
            x += side + t.px(6)
        if card.hazards:
            x += t.px(6)
        trade = QRect(x, row.y(), row.right() - x + 1, side)
        self._text(p, trade, card.trade, "trade", Colours.TEXT, key="trade")

    def _urgent_badge(self, p: QPainter, row: QRect, card: CardText) -> int:
        """急招 at the right of `row` (under the QR code); the width it took."""
        if not card.urgent:
            return 0
        t = self.theme
        width = self.metrics("badge").horizontalAdvance(card.urgent_label) + t.px(28)
        height = self.line_height("badge") + t.px(8)
        badge = QRect(row.right() - width + 1, row.y() + (row.height() - height) // 2, width,
                      height)
        p.setPen(QPen(Colours.URGENT, t.px(3)))
        p.setBrush(Colours.URGENT_BADGE)
        p.drawRoundedRect(QRectF(badge), t.px(8), t.px(8))
        p.setPen(Colours.URGENT_TEXT)
        draw_text(p, badge, _CENTRE, card.urgent_label, self.fonts.badge)
        self.drawn["urgent"] = Drawn(badge, self.fonts.badge, card.urgent_label)
        return width + t.px(16)

    def _pay_row(self, p: QPainter, row: QRect, card: CardText) -> None:
        t = self.theme
        used = self._text(p, row, card.pay, "pay", Colours.PAY, key="pay")
        metrics = self.metrics("settlement")
        pill_w = metrics.horizontalAdvance(card.settlement) + t.px(24)
        pill_x = row.x() + used + t.px(16)
        if card.settlement and pill_x + pill_w <= row.right():
            pill_h = self.line_height("settlement") + t.px(4)
            pill = QRect(pill_x, row.y() + (row.height() - pill_h) // 2, pill_w, pill_h)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(Colours.PAY, t.px(2)))
            p.drawRoundedRect(QRectF(pill), pill_h / 2, pill_h / 2)
            draw_text(p, pill, _CENTRE, card.settlement, self.fonts.settlement)
            self.drawn["settlement"] = Drawn(pill, self.fonts.settlement, card.settlement)

    def _start_row(self, p: QPainter, row: QRect, card: CardText) -> bool:
        """When work starts; at the right 急招 and the places left, when they fit (the
        places left else go to the details); whether the places left were drawn here."""
        t = self.theme
        start_w = self.metrics("start").horizontalAdvance(card.when)
        badge_w = self._urgent_badge(p, row, card)
        right = row.right() - badge_w
        left_w = self.metrics("left").horizontalAdvance(card.left) + t.px(8)
        fits = start_w + left_w + t.px(24) <= right - row.x()
        if fits:
            self._text(p, QRect(right - left_w + 1, row.y(), left_w, row.height()), card.left,
                       "left", Colours.TEXT, align=_RIGHT_MIDDLE, key="left")
            right -= left_w + t.px(24)
        self._text(p, QRect(row.x(), row.y(), right - row.x() + 1, row.height()), card.when,
                   "start", Colours.TEXT, key="start")
        return fits

    def _details_row(self, p: QPainter, row: QRect, card: CardText, rest_text: str) -> None:
        """停工 as a red badge when a stop-work notice stops the job now, a licence the job
        needs as an amber badge with a card mark (not colour alone: the licence is named),
        then the secondary facts."""
        x, licence = row.x(), card.licence
        if card.stopped_label:
            t = self.theme
            width = self.metrics("badge").horizontalAdvance(card.stopped_label) + t.px(24)
            badge = QRect(x, row.y(), min(width, row.width()), row.height())
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(Colours.HAZARD)
            p.drawRoundedRect(QRectF(badge), t.px(8), t.px(8))
            p.setPen(Colours.HAZARD_TEXT)
            draw_text(p, badge, _CENTRE, card.stopped_label, self.fonts.badge)
            self.drawn["stopped"] = Drawn(badge, self.fonts.badge, card.stopped_label)
            x = badge.right() + t.px(12)
        if licence:
            t = self.theme
            metrics = self.metrics("licence")
            mark = self.line_height("licence")
            width = min(row.right() - x + 1,
                        mark + metrics.horizontalAdvance(licence) + t.px(24))
            badge = QRect(x, row.y(), width, row.height())
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(Colours.LICENCE)
            p.drawRoundedRect(QRectF(badge), t.px(8), t.px(8))
            icon = QRect(x + t.px(8), row.y() + (row.height() - mark) // 2, mark, mark)
            _licence_mark(p, icon)
            text = QRect(icon.right() + t.px(6), row.y(), badge.right() - icon.right() - t.px(6),
                         row.height())
            p.setPen(Colours.LICENCE_TEXT)
            shown = metrics.elidedText(licence, _ELIDE, text.width())
            draw_text(p, text, _LEFT_MIDDLE, shown, self.fonts.licence)
            self.drawn["licence"] = Drawn(text, self.fonts.licence, shown)
            x = badge.right() + t.px(12)
        rest = QRect(x, row.y(), row.right() - x + 1, row.height())
        self._text(p, rest, rest_text, "meta", Colours.TEXT_SOFT, key="details")

    def _pictogram(self, p: QPainter, icon: QRect, card: CardText) -> None:
        pictograms.paint(p, icon, sector=card.sector, pictogram=card.pictogram,
                         glyph=card.glyph, glyph_font=self.fonts.glyph)


def _licence_mark(p: QPainter, box: QRect) -> None:
    """A small ID card: a frame, a head and two lines (the licence pictogram)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(Colours.LICENCE_TEXT, max(1.0, box.height() / 12))
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    card = QRectF(box).adjusted(0, box.height() * 0.18, 0, -box.height() * 0.18)
    p.drawRoundedRect(card, card.height() / 6, card.height() / 6)
    p.setBrush(Colours.LICENCE_TEXT)
    head = card.height() * 0.32
    p.drawEllipse(QRectF(card.x() + card.width() * 0.14, card.y() + card.height() * 0.22,
                         head, head))
    left, right = card.x() + card.width() * 0.55, card.right() - card.width() * 0.12
    for share in (0.38, 0.62):
        y = card.y() + card.height() * share
        p.drawLine(QPointF(left, y), QPointF(right, y))
    p.restore()


class JobCard(QWidget):
    """One card of the pool: `set_card()` swaps the data; the widget itself is reused."""

    def __init__(self, painter: CardPainter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painter = painter
        self.card: CardText | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_card(self, card: CardText | None) -> bool:
        """Show `card` (None: an empty slot); False when it is what is shown already."""
        if card == self.card:
            return False
        self.card = card
        self.update()
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._painter.min_size()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), Colours.BACKGROUND)
            if self.card is not None:
                self._painter.paint(p, self.rect(), self.card)
        finally:
            p.end()


def render_card(painter: CardPainter, card: CardText, size: QSize) -> QImage:
    """A card as an image (the scroll mode's cache, screenshots)."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Colours.BACKGROUND)
    p = QPainter(image)
    try:
        painter.paint(p, QRect(0, 0, size.width(), size.height()), card)
    finally:
        p.end()
    return image
