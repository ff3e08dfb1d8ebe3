"""A contact sheet of every trade's pictogram on its sector colour, with its Chinese name.

    .venv/bin/python bench/pictogram_sheet.py [--out /tmp/pictograms.png]

Each trade is shown as the board draws it (the SVG inset by an eighth of a rounded
sector-coloured square) at 120 px, and beside it at 48 px, the smallest size on screen.
A trade without `assets/pictograms/<pictogram>.svg` shows a red cross. Prints the PNG's path.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from kiosk.ui.fonts import install_cjk_font
from kiosk.ui.theme import Colours

ASSETS = Path(__file__).resolve().parents[1] / "assets"
COLUMNS = 6
BIG, SMALL, GAP, LABEL = 120, 48, 16, 48
CELL_W, CELL_H = BIG + GAP + SMALL + 2 * GAP, BIG + LABEL + 2 * GAP


def draw_tile(p: QPainter, rect: QRectF, colour: QColor, svg: QSvgRenderer | None) -> None:
    """The sector square and the pictogram inset by an eighth, as the board card does."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawRoundedRect(rect, rect.width() / 5, rect.width() / 5)
    margin = int(rect.width()) // 8
    inner = rect.adjusted(margin, margin, -margin, -margin)
    if svg is not None and svg.isValid():
        svg.render(p, inner)
        return
    p.setPen(QPen(QColor("#FF3030"), 4))
    p.drawLine(inner.topLeft(), inner.bottomRight())
    p.drawLine(inner.topRight(), inner.bottomLeft())


def render_sheet(out: Path) -> Path:
    family = install_cjk_font()
    catalogue = json.loads((ASSETS / "catalogue.json").read_text(encoding="utf-8"))
    trades = catalogue["trades"]
    rows = (len(trades) + COLUMNS - 1) // COLUMNS
    image = QImage(COLUMNS * CELL_W + GAP, rows * CELL_H + GAP, QImage.Format.Format_RGB32)
    image.fill(QColor("#F4F4F4"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    name_font, code_font = QFont(family), QFont(family)
    name_font.setPixelSize(22)
    name_font.setBold(True)
    code_font.setPixelSize(13)
    for i, trade in enumerate(trades):
        x = GAP + (i % COLUMNS) * CELL_W
        y = GAP + (i // COLUMNS) * CELL_H
        colour = Colours.SECTORS.get(trade["sector"], Colours.SECTOR_DEFAULT)
        path = ASSETS / "pictograms" / f"{trade['pictogram']}.svg"
        svg = QSvgRenderer(str(path)) if path.is_file() else None
        draw_tile(p, QRectF(x, y, BIG, BIG), colour, svg)
        draw_tile(p, QRectF(x + BIG + GAP, y + BIG - SMALL, SMALL, SMALL), colour, svg)
        p.setPen(QColor("#202020"))
        p.setFont(name_font)
        p.drawText(QRectF(x, y + BIG + 2, CELL_W - GAP, 28), int(Qt.AlignmentFlag.AlignLeft),
                   trade["zh"])
        p.setFont(code_font)
        p.drawText(QRectF(x, y + BIG + 30, CELL_W - GAP, 18), int(Qt.AlignmentFlag.AlignLeft),
                   trade["pictogram"])
    p.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise OSError(f"could not write {out}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/pictograms.png"))
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    print(render_sheet(args.out))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
