"""Trade pictograms: `assets/pictograms/<name>.svg` (white on the sector's colour), drawn
on a rounded square of the sector's colour; the trade's first character stands in when a
hall has no artwork for it. Shared by the board's cards and the touchscreen's tiles."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.ui.theme import Colours, draw_text


@cache
def renderer(name: str, folder: str = "") -> QSvgRenderer | None:
    """The pictogram called `name` (in a sub-folder such as `hazards`), or None when there
    is no (valid) file for it."""
    if not name:
        return None
    try:
        base = resources.files("kiosk_assets").joinpath("pictograms")
        svg = (base.joinpath(folder) if folder else base).joinpath(f"{name}.svg")
        if not svg.is_file():
            return None
        found = QSvgRenderer(svg.read_bytes())
    except (OSError, ModuleNotFoundError):
        return None
    return found if found.isValid() else None


def sector_colour(sector: str) -> QColor:
    return Colours.SECTORS.get(sector, Colours.SECTOR_DEFAULT)


def paint(p: QPainter, square: QRect, *, sector: str, pictogram: str, glyph: str,
          glyph_font: QFont) -> None:
    """The sector's rounded square with the pictogram (or the glyph) on it."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(sector_colour(sector))
    p.drawRoundedRect(QRectF(square), square.width() / 5, square.width() / 5)
    svg = renderer(pictogram)
    if svg is not None:
        margin = square.width() // 8
        svg.render(p, QRectF(square.adjusted(margin, margin, -margin, -margin)))
    else:
        p.setPen(Colours.TEXT)
        draw_text(p, square, Qt.AlignmentFlag.AlignCenter, glyph, glyph_font)
    p.restore()


@cache
def icon(*, sector: str, pictogram: str, glyph: str, side: int) -> QIcon:
    """The same picture as an icon `side` pixels square (for buttons and tiles); made once
    (tiles are rebuilt on every language switch, the pictures do not change)."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    font = QFont()
    font.setPixelSize(max(8, side * 11 // 20))
    font.setBold(True)
    painter = QPainter(pixmap)
    try:
        paint(painter, QRect(0, 0, side, side), sector=sector, pictogram=pictogram,
              glyph=glyph, glyph_font=font)
    finally:
        painter.end()
    return QIcon(pixmap)


HAZARDS = "hazards"  # assets/pictograms/hazards/<Hazard value>.svg


@cache
def hazard_pixmap(hazard: str, side: int) -> QPixmap:
    """A hazard tag's pictogram, white on a red rounded square `side` pixels wide (a red
    square with no picture when the artwork is missing)."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(Colours.HAZARD)
        painter.drawRoundedRect(QRectF(0, 0, side, side), side / 5, side / 5)
        svg = renderer(hazard, HAZARDS)
        if svg is not None:
            margin = side // 8
            svg.render(painter, QRectF(margin, margin, side - 2 * margin, side - 2 * margin))
    finally:
        painter.end()
    return pixmap
