"""The board area: pages of pooled cards, a smooth-scrolling list, or the empty state."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.store.board import BoardJob
from kiosk.ui.board.card import CardPainter, JobCard, render_card
from kiosk.ui.board.format import CardText
from kiosk.ui.board.paging import Pagination
from kiosk.ui.theme import Colours, Size, Theme, draw_text

CardFormatter = Callable[[BoardJob], CardText]
_EMPTY_PAGINATION = Pagination((), (), 1)


def _cells(area: QRect, columns: int, rows: int, gap: int) -> list[QRect]:
    """Card rectangles, row by row, filling `area` with `gap` around and between them."""
    width = (area.width() - gap * (columns + 1)) // columns
    height = (area.height() - gap * (rows + 1)) // rows
    return [QRect(area.x() + gap + c * (width + gap), area.y() + gap + r * (height + gap),
                  width, height) for r in range(rows) for c in range(columns)]


def grid(painter: CardPainter, width: int, height: int) -> tuple[int, int]:
    """(columns, rows) of cards that fit `width`×`height`, each at least the painter's least
    card (every row at its distance-chosen size); at most three columns."""
    gap = painter.theme.px(Size.GAP)
    least = painter.min_size()
    columns = max(1, min(3, (width - gap) // (least.width() + gap)))
    rows = max(1, (height - gap) // (least.height() + gap))
    return columns, rows


class PagedView(QWidget):
    """A fixed pool of card widgets; a page flip sets their data, nothing is rebuilt."""

    per_page_changed = Signal(int)  # the screen size changed how many cards fit

    def __init__(self, theme: Theme, painter: CardPainter, formatter: CardFormatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._painter = painter
        self._format = formatter
        self.cards: list[JobCard] = []
        self.columns, self.rows = 1, 1
        self.pagination = _EMPTY_PAGINATION
        self.page_index = 0
        self._prefetch: list[str] = []
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setInterval(0)
        self._prefetch_timer.timeout.connect(self._prefetch_one)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), Colours.BACKGROUND)
        self.setPalette(palette)

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def page_count(self) -> int:
        return len(self.pagination)

    def set_formatter(self, formatter: CardFormatter) -> None:
        self._format = formatter
        self._show()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._relayout()

    def grid_for(self, size: QSize) -> tuple[int, int]:
        return grid(self._painter, size.width(), size.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._relayout()

    def _relayout(self) -> None:
        """Size the pool for this screen: done on resize, never on a page flip."""
        before = self.per_page
        self.columns, self.rows = self.grid_for(self.size())
        while len(self.cards) < self.per_page:
            card = JobCard(self._painter, self)
            card.show()
            self.cards.append(card)
        for extra in self.cards[self.per_page:]:
            extra.hide()
        cells = _cells(self.rect(), self.columns, self.rows, self.theme.px(Size.GAP))
        for card, cell in zip(self.cards, cells, strict=False):
            card.setGeometry(cell)
            card.show()
            card.update()
        if self.per_page != before:
            self.per_page_changed.emit(self.per_page)
        else:  # new cards in the pool (the first layout) show the page's jobs
            self._show()

    def set_pagination(self, pagination: Pagination, *, keep_job: str | None = None) -> None:
        """New data; stays on the page showing `keep_job` if it is still there."""
        index = self.page_index
        if keep_job is not None:
            found = pagination.page_of(keep_job)
            if found is not None:
                index = found
        self.pagination = pagination
        self.page_index = min(index, max(0, len(pagination) - 1))
        self._show()

    def first_job_id(self) -> str | None:
        jobs = self.pagination.page_jobs(self.page_index) if self.page_count else ()
        return jobs[0].id if jobs else None

    def show_page(self, index: int) -> None:
        self.page_index = index % self.page_count if self.page_count else 0
        self._show()

    def next_page(self) -> None:
        self.show_page(self.page_index + 1)

    def _show(self) -> None:
        jobs = self.pagination.page_jobs(self.page_index) if self.page_count else ()
        for i, card in enumerate(self.cards[:self.per_page]):
            card.set_card(self._format(jobs[i]) if i < len(jobs) else None)
        self._schedule_prefetch()

    def _schedule_prefetch(self) -> None:
        """Make the next page's QR codes in idle moments, one per event-loop turn."""
        if self.page_count < 2:
            return
        upcoming = self.pagination.page_jobs((self.page_index + 1) % self.page_count)
        cache = self._painter.qr_cache
        self._prefetch = [q for q in (self._format(j).qr for j in upcoming) if q not in cache]
        if self._prefetch:
            self._prefetch_timer.start()

    def _prefetch_one(self) -> None:
        if not self._prefetch:
            self._prefetch_timer.stop()
            return
        self._painter.qr_cache.image(self._prefetch.pop())


class ScrollView(QWidget):
    """All jobs as one endless, smoothly scrolling list (the `scroll` mode).

    Cards are rendered once into images (a small, bounded cache) and the list moves by
    whole pixels with the elapsed time, a screenful per `page_seconds`.
    """

    def __init__(self, theme: Theme, painter: CardPainter, formatter: CardFormatter,
                 page_seconds: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._painter = painter
        self._format = formatter
        self.page_seconds = page_seconds
        self.jobs: tuple[BoardJob, ...] = ()
        self._images: OrderedDict[tuple[str, CardText], QImage] = OrderedDict()
        self._elapsed = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(16)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.update)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._images.clear()
        self.update()

    def set_formatter(self, formatter: CardFormatter) -> None:
        self._format = formatter
        self.update()

    def set_jobs(self, jobs: tuple[BoardJob, ...]) -> None:
        self.jobs = jobs
        self.update()

    def start(self) -> None:
        self._elapsed.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _geometry(self) -> tuple[int, int, int, int]:
        """(columns, visible rows, card width, row pitch)."""
        columns, rows = grid(self._painter, self.width(), self.height())
        gap = self.theme.px(Size.GAP)
        width = (self.width() - gap * (columns + 1)) // columns
        height = (self.height() - gap * (rows + 1)) // rows
        return columns, rows, width, height + gap

    def scroll_offset(self) -> int:
        """Pixels scrolled so far (whole pixels: no shimmering text)."""
        _columns, rows, _width, pitch = self._geometry()
        if not self._elapsed.isValid():
            return 0
        speed = rows * pitch / max(1, self.page_seconds)
        return int(self._elapsed.elapsed() / 1000 * speed)

    def visible_rows(self) -> list[tuple[int, int]]:
        """(top y, first job index) of each row on screen now."""
        columns, rows, _width, pitch = self._geometry()
        n = len(self.jobs)
        total_rows = -(-n // columns) if n else 0
        if total_rows == 0:
            return []
        if total_rows <= rows:  # everything fits: no need to move
            return [(self.theme.px(Size.GAP) + r * pitch, r * columns) for r in range(total_rows)]
        loop = total_rows + 1  # one blank row between the end and the start again
        offset = self.scroll_offset() % (loop * pitch)
        first = offset // pitch
        y = self.theme.px(Size.GAP) - offset % pitch
        shown = []
        for r in range(first, first + rows + 2):
            row = r % loop
            if row < total_rows:
                shown.append((y, row * columns))
            y += pitch
        return shown

    def _image(self, card: CardText, size: QSize) -> QImage:
        key = (f"{size.width()}x{size.height()}", card)
        found = self._images.get(key)
        if found is not None:
            self._images.move_to_end(key)
            return found
        image = render_card(self._painter, card, size)
        self._images[key] = image
        columns, rows, _w, _p = self._geometry()
        while len(self._images) > columns * (rows + 3):
            self._images.popitem(last=False)
        return image

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        columns, _rows, width, pitch = self._geometry()
        gap = self.theme.px(Size.GAP)
        size = QSize(width, pitch - gap)
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), Colours.BACKGROUND)
            for y, first in self.visible_rows():
                for c in range(columns):
                    if first + c < len(self.jobs):
                        image = self._image(self._format(self.jobs[first + c]), size)
                        p.drawImage(gap + c * (width + gap), y, image)
        finally:
            p.end()


class EmptyState(QWidget):
    """暂无岗位, with the hall's address, hours, hotline and complaint channel."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.title = ""
        self.hint = ""
        self.lines: tuple[str, ...] = ()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_content(self, title: str, hint: str, lines: tuple[str, ...]) -> None:
        self.title, self.hint, self.lines = title, hint, lines
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        t = self.theme
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.fillRect(self.rect(), Colours.BACKGROUND)
            margin = t.px(60)
            width = self.width() - 2 * margin
            title_font = _fitting(t.font(Size.EMPTY_TITLE, bold=True), self.title, width)
            body_font = t.font(Size.EMPTY_BODY)
            title_m, body_m = QFontMetrics(title_font), QFontMetrics(body_font)
            flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
            hint_rect = body_m.boundingRect(QRect(0, 0, width, 10_000), flags, self.hint)
            line_rects = [body_m.boundingRect(QRect(0, 0, width, 10_000), flags, line)
                          for line in self.lines]
            gap = t.px(12)
            total = (title_m.height() + t.px(30) + hint_rect.height() + t.px(50)
                     + sum(r.height() + gap for r in line_rects))
            y = max(margin, (self.height() - total) // 2)
            p.setPen(Colours.TEXT)
            draw_text(p, QRect(margin, y, width, title_m.height()), Qt.AlignmentFlag.AlignCenter,
                      self.title, title_font)
            y += title_m.height() + t.px(30)
            p.setFont(body_font)
            p.setPen(Colours.TEXT_SOFT)
            p.drawText(QRect(margin, y, width, hint_rect.height()), flags, self.hint)
            y += hint_rect.height() + t.px(50)
            p.setPen(Colours.PAY)
            for line, rect in zip(self.lines, line_rects, strict=True):
                p.drawText(QRect(margin, y, width, rect.height()), flags, line)  # wrapped
                y += rect.height() + gap
        finally:
            p.end()


def _fitting(font: QFont, text: str, width: int) -> QFont:
    """`font`, smaller until `text` fits `width` (an English title in portrait)."""
    fitted = QFont(font)
    while (QFontMetrics(fitted).horizontalAdvance(text) > width
           and fitted.pixelSize() > 2 * Size.EMPTY_BODY):
        fitted.setPixelSize(fitted.pixelSize() * 9 // 10)
    return fitted
