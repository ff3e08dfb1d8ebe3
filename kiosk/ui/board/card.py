"""One job card: painted by hand (no child widgets), so a page flip only swaps text.

Layout, left to right: the card's text block, then the job's QR code as large as the card
is high. Rows: trade pictogram and name with the 急招 badge; the title; pay with 计酬方式 and
the places left; the place and start; a licence the job needs (an amber badge with a card
mark), then level, hours, end date and what is provided, the employer and posting time.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.ui import pictograms
from kiosk.ui.board.format import CardText
from kiosk.ui.qr import QrCache, draw_qr
from kiosk.ui.theme import Colours, Size, Theme, draw_text

_ELIDE = Qt.TextElideMode.ElideRight
_LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True, slots=True)
class _Fonts:
    trade: QFont
    badge: QFont
    title: QFont
    pay: QFont
    settlement: QFont
    left: QFont
    place: QFont
    meta: QFont
    glyph: QFont
    licence: QFont


class CardPainter:
    """Paints a `CardText` into a rectangle; shared by every card of a board."""

    def __init__(self, theme: Theme, qr_cache: QrCache) -> None:
        self.qr_cache = qr_cache
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = t = theme
        self.fonts = _Fonts(
            trade=t.font(Size.TRADE, bold=True), badge=t.font(Size.BADGE, bold=True),
            title=t.font(Size.TITLE, bold=True), pay=t.font(Size.PAY, bold=True),
            settlement=t.font(Size.META + 2, bold=True), left=t.font(Size.BODY, bold=True),
            place=t.font(Size.BODY), meta=t.font(Size.META), glyph=t.font(Size.TRADE, bold=True),
            licence=t.font(Size.META, bold=True))
        self._metrics = {name: QFontMetrics(getattr(self.fonts, name))
                         for name in _Fonts.__dataclass_fields__}

    def metrics(self, name: str) -> QFontMetrics:
        return self._metrics[name]

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
        qr_side = min(rect.height() - 2 * pad, rect.width() * 30 // 100)
        qr_area = QRect(rect.right() - pad - qr_side + 1, rect.y() + pad, qr_side, qr_side)
        draw_qr(p, self.qr_cache.image(card.qr), qr_area)
        left = rect.x() + pad + (t.px(12) if card.urgent else 0)
        text = QRect(left, rect.y() + pad, qr_area.x() - pad - left, rect.height() - 2 * pad)
        self._paint_text(p, text, card)

    def line_height(self, name: str) -> int:
        """A row's height: the font's size plus a little (its metrics' height is too loose)."""
        font: QFont = getattr(self.fonts, name)
        return round(font.pixelSize() * 1.16)

    def _paint_text(self, p: QPainter, area: QRect, card: CardText) -> None:
        h = self.line_height
        heights = [max(h("trade"), h("badge") + self.theme.px(6)), h("title"), h("pay"),
                   h("place"), h("meta")]
        spare = max(0, area.height() - sum(heights))
        gap = min(spare // (len(heights) - 1), self.theme.px(14))
        y = area.y() + (area.height() - sum(heights) - gap * (len(heights) - 1)) // 2
        rows = []
        for height in heights:
            rows.append(QRect(area.x(), y, area.width(), height))
            y += height + gap
        self._trade_row(p, rows[0], card)
        self._text(p, rows[1], card.title, "title", Colours.TEXT)
        self._pay_row(p, rows[2], card)
        self._text(p, rows[3], card.place_line, "place", Colours.TEXT_SOFT)
        self._details_row(p, rows[4], card)

    def _text(self, p: QPainter, row: QRect, text: str, font: str, colour: QColor, *,
              align: Qt.AlignmentFlag = _LEFT_MIDDLE) -> int:
        """Draw `text` elided to the row; returns the width used."""
        metrics = self.metrics(font)
        shown = metrics.elidedText(text, _ELIDE, row.width())
        p.setPen(colour)
        draw_text(p, row, align, shown, getattr(self.fonts, font))
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
        right = row.right()
        for text, colour in ((card.urgent_label if card.urgent else "", Colours.URGENT),
                             (card.stopped_label, Colours.HAZARD)):
            if not text:
                continue
            metrics = self.metrics("badge")
            width = metrics.horizontalAdvance(text) + t.px(28)
            badge = QRect(right - width + 1, row.y(), width, side)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRoundedRect(QRectF(badge), t.px(8), t.px(8))
            p.setPen(Colours.URGENT_TEXT)
            draw_text(p, badge, _CENTRE, text, self.fonts.badge)
            right -= width + t.px(12)
        trade = QRect(x, row.y(), right - x, side)
        self._text(p, trade, card.trade, "trade", Colours.TEXT_SOFT)

    def _details_row(self, p: QPainter, row: QRect, card: CardText) -> None:
        """A licence the job needs as an amber badge with a card mark (not colour alone:
        the licence is named), then the facts, employer and posting time."""
        x = row.x()
        if card.licence:
            t = self.theme
            metrics = self.metrics("licence")
            mark = self.line_height("licence")
            width = min(row.width(), mark + metrics.horizontalAdvance(card.licence) + t.px(24))
            badge = QRect(x, row.y(), width, row.height())
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(Colours.LICENCE)
            p.drawRoundedRect(QRectF(badge), t.px(8), t.px(8))
            icon = QRect(x + t.px(8), row.y() + (row.height() - mark) // 2, mark, mark)
            _licence_mark(p, icon)
            text = QRect(icon.right() + t.px(6), row.y(), badge.right() - icon.right() - t.px(6),
                         row.height())
            p.setPen(Colours.LICENCE_TEXT)
            shown = metrics.elidedText(card.licence, _ELIDE, text.width())
            draw_text(p, text, _LEFT_MIDDLE, shown, self.fonts.licence)
            x = badge.right() + t.px(12)
        rest = QRect(x, row.y(), row.right() - x, row.height())
        self._text(p, rest, card.details, "meta", Colours.MUTED)

    def _pictogram(self, p: QPainter, icon: QRect, card: CardText) -> None:
        pictograms.paint(p, icon, sector=card.sector, pictogram=card.pictogram,
                         glyph=card.glyph, glyph_font=self.fonts.glyph)

    def _pay_row(self, p: QPainter, row: QRect, card: CardText) -> None:
        t = self.theme
        left_width = self.metrics("left").horizontalAdvance(card.left) + t.px(8)
        left_rect = QRect(row.right() - left_width + 1, row.y(), left_width, row.height())
        self._text(p, left_rect, card.left, "left", Colours.TEXT, align=_RIGHT_MIDDLE)
        pay_room = QRect(row.x(), row.y(), row.width() - left_width - t.px(16), row.height())
        used = self._text(p, pay_room, card.pay, "pay", Colours.PAY)
        metrics = self.metrics("settlement")
        pill_w = metrics.horizontalAdvance(card.settlement) + t.px(24)
        pill_x = row.x() + used + t.px(16)
        if pill_x + pill_w <= pay_room.right():
            pill_h = self.line_height("settlement") + t.px(4)
            pill = QRect(pill_x, row.y() + (row.height() - pill_h) // 2, pill_w, pill_h)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(Colours.PAY, t.px(2)))
            p.drawRoundedRect(QRectF(pill), pill_h / 2, pill_h / 2)
            draw_text(p, pill, _CENTRE, card.settlement, self.fonts.settlement)


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
        return QSize(self._painter.theme.px(900), self._painter.theme.px(Size.CARD_MIN_HEIGHT))

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
