"""The board read from across the hall: key facts' rendered cap height is at least 1/200
of the viewing distance at the screen's physical size, secondary facts at least 1/200 of
3 m; colours of key facts have WCAG contrast ≥ 7:1; portrait fills the screen; the QR code
is small beside the key facts and still decodes to its job."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage
from pytestqt.qtbot import QtBot

from kiosk.core import payloads
from kiosk.core.legibility import KEY_CONTRAST, cap_height_mm, contrast, mm_per_px
from kiosk.services import calling
from kiosk.services.hall import Services
from kiosk.system.config import BoardSettings
from kiosk.ui.board.card import KEY_FACTS, PLACE_CHARS, Drawn
from kiosk.ui.board.window import BoardWindow
from kiosk.ui.theme import Colours
from tests.conftest import id_number, worker_draft
from tests.ui import test_board
from tests.ui.conftest import grab
from tests.ui.test_board import LANDSCAPE, PORTRAIT, BoardFactory, ok, post_jobs, shown_ids

make_board = test_board.make_board  # the board fixture

SECONDARY = ("left", "details")
MM = mm_per_px(55, 1920, 1080)  # the default panel


def cap_mm(font: QFont, mm: float = MM) -> float:
    """The cap height the font draws, in millimetres on the panel."""
    return QFontMetrics(font).capHeight() * mm


def painted_cards(window: BoardWindow) -> list[dict[str, Drawn]]:
    """What each card on the page drew: the painter records the rows of the card it painted."""
    return [drawn for drawn, _image in painted_images(window)]


def painted_images(window: BoardWindow) -> list[tuple[dict[str, Drawn], QImage]]:
    drawn = []
    for card in window.paged.cards[:window.paged.per_page]:
        if card.card is not None:
            image = card.grab().toImage()
            drawn.append((dict(window.card_painter.drawn), image))
    return drawn


def ink_height(image: QImage, rect: QRect, colour: QColor) -> int:
    """The height of what was drawn in `colour` inside `rect`: measured on the pixels."""
    rows = [y for y in range(rect.top(), rect.bottom() + 1)
            if any(_near(image.pixelColor(x, y), colour)
                   for x in range(rect.left(), rect.right() + 1, 2))]
    return rows[-1] - rows[0] + 1 if rows else 0


def _near(pixel: QColor, colour: QColor) -> bool:
    return (abs(pixel.red() - colour.red()) + abs(pixel.green() - colour.green())
            + abs(pixel.blue() - colour.blue())) < 60


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_key_facts_are_read_from_5_m_and_the_rest_from_3_m(
        services: Services, make_board: BoardFactory, size: tuple[int, int],
        tmp_path: Path) -> None:
    post_jobs(services, 12, urgent_every=3)
    window = make_board(size)
    grab(window, tmp_path / f"board-{size[0]}x{size[1]}.png")
    cards = painted_cards(window)
    assert len(cards) == window.paged.per_page >= 2
    for drawn in cards:
        for name in KEY_FACTS:
            assert cap_mm(drawn[name].font) >= cap_height_mm(5) == 25, name
            assert drawn[name].rect.height() >= QFontMetrics(drawn[name].font).height() * 0.95
        for name in SECONDARY:
            if name in drawn:
                assert cap_mm(drawn[name].font) >= cap_height_mm(3) == 15, name
        shown = {name: drawn[name].text for name in ("trade", "pay", "start")}
        assert all("…" not in text for text in shown.values()), shown  # nothing key cut
        if len(drawn["place"].text) <= PLACE_CHARS:
            assert "…" not in drawn["place"].text


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_the_key_facts_as_rendered_are_25_mm_high(
        services: Services, make_board: BoardFactory, size: tuple[int, int]) -> None:
    """Measured on the pixels: the ink of each key fact (digits and 汉字) is at least the
    rule's cap height, 25 mm (39.4 px) on the default 55-inch 1080p panel."""
    post_jobs(services, 4)
    window = make_board(size)
    least = cap_height_mm(5) / MM
    for drawn, image in painted_images(window)[:2]:
        for name, colour in (("pay", Colours.PAY), ("trade", Colours.TEXT),
                             ("start", Colours.TEXT), ("place", Colours.TEXT)):
            height = ink_height(image, drawn[name].rect, colour)
            assert height >= least, (name, height, least)


def test_the_rule_follows_the_configured_panel_and_distance(
        services: Services, make_board: BoardFactory) -> None:
    post_jobs(services, 3)
    window = make_board(board=BoardSettings(diagonal_inches=43, viewing_distance_m=6))
    drawn = painted_cards(window)[0]
    mm = mm_per_px(43, 1920, 1080)
    assert cap_mm(drawn["place"].font, mm) >= cap_height_mm(6) == 30
    assert window.card_painter.fonts.place.pixelSize() > 56 * 1.5  # far more than at 55"/5 m


def test_the_supply_counts_are_read_from_5_m(
        services: Services, make_board: BoardFactory) -> None:
    for seq in range(3):
        worker = ok(services.register_worker(worker_draft(id_number=worker_id(seq))))
        ok(services.check_in(worker.id))
    for size in (LANDSCAPE, PORTRAIT):
        window = make_board(size)
        window.supply.grab()
        drawn = window.supply.drawn
        counts = [font for name, (_rect, font, _text) in drawn.items()
                  if name.startswith(("count", "line", "title"))]
        assert counts
        assert all(cap_mm(font) >= 25 for font in counts)
        assert cap_mm(drawn["call"][1]) >= 15


def worker_id(seq: int) -> str:
    return id_number(seq=100 + seq)


@pytest.mark.parametrize(("foreground", "background"), [
    (Colours.TEXT, Colours.CARD), (Colours.PAY, Colours.CARD),  # trade, start, place; pay
    (Colours.TEXT_SOFT, Colours.CARD),  # the secondary facts
    (Colours.TEXT, Colours.BAR), (Colours.PAY, Colours.BAR),  # 今日待岗
    (Colours.LICENCE_TEXT, Colours.LICENCE),  # 招工请到服务台, a licence
    (Colours.MUTED, Colours.BAR), (Colours.URGENT_TEXT, Colours.URGENT_BADGE),
    (Colours.HEADER_TEXT, Colours.HEADER), (Colours.HEADER_ACCENT, Colours.HEADER),
    (Colours.HEADER_MUTED, Colours.HEADER),  # the hall, today's figures, the date
    (Colours.TICKER_TEXT, Colours.TICKER), (Colours.STALE_TEXT, Colours.STALE),
])
def test_board_colours_have_at_least_7_to_1_contrast(foreground: QColor,
                                                     background: QColor) -> None:
    assert contrast(foreground.name(), background.name()) >= KEY_CONTRAST


def test_portrait_cards_fill_the_screen_in_one_column(
        services: Services, make_board: BoardFactory) -> None:
    post_jobs(services, 12)
    window = make_board(PORTRAIT)
    assert window.paged.columns == 1
    cards = window.paged.cards[:window.paged.per_page]
    covered = sum(c.width() * c.height() for c in cards)
    area = window.paged.width() * window.paged.height()
    assert covered / area > 0.85
    assert window.supply.width() == PORTRAIT[0]  # 今日待岗 under the jobs, full width


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_the_qr_is_small_and_still_opens_its_job(
        services: Services, make_board: BoardFactory, size: tuple[int, int],
        tmp_path: Path) -> None:
    post_jobs(services, 9)
    window = make_board(size)
    picture = grab(window, tmp_path / "board.png")
    read = {barcode.text for barcode in zxingcpp.read_barcodes(picture)}
    assert read == {payloads.job(job_id) for job_id in shown_ids(window)}
    found = zxingcpp.read_barcodes(picture)
    card = window.paged.cards[0]
    for barcode in found:
        side = barcode.position.bottom_right.x - barcode.position.top_left.x
        assert side * side < 0.1 * card.width() * card.height()  # was a quarter of the card
        assert side * MM >= 40  # ≥ 4 cm: a phone reads it from arm's length


def test_numbers_called_in_landscape_take_the_side_column_not_the_jobs_rows(
        services: Services, make_board: BoardFactory, qtbot: QtBot) -> None:
    post_jobs(services, 12)
    worker = ok(services.register_worker(worker_draft(id_number=worker_id(9))))
    ok(services.check_in(worker.id))
    window = make_board()
    before = window.paged.per_page
    ok(calling.call_next(services, "1"))
    qtbot.waitUntil(window.now_serving.isVisible, timeout=3000)
    assert window.paged.per_page == before == 4  # two rows of cards still
    band = window.now_serving.geometry()
    assert band.x() >= window.stack.geometry().right() and band.bottom() < window.supply.y()
    window.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: window.now_serving.width() == PORTRAIT[0], timeout=2000)
    assert window.now_serving.geometry().bottom() < window.stack.geometry().top()
