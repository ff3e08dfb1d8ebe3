"""The arrows of drop-downs and spin boxes under a style sheet.

A style sheet that gives a combo box its own border and drop-down button must also give it
an arrow image (Qt then no longer draws one), and a style sheet takes images only from
files or Qt resources. These small PNGs are drawn once per process into a private folder.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPolygonF

WIDTH, HEIGHT = 14, 9
SHADES = {"": "#141414", "disabled": "#9A9A9A"}


def _draw(path: Path, colour: str, *, up: bool) -> None:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    tip, base = (0.5, HEIGHT - 0.5) if up else (HEIGHT - 0.5, 0.5)
    p.drawPolygon(QPolygonF([QPointF(0.5, base), QPointF(WIDTH - 0.5, base),
                             QPointF(WIDTH / 2, tip)]))
    p.end()
    image.save(str(path))  # PNG, from the suffix


@cache
def arrow_files() -> dict[str, str]:
    """{"down", "up", "down-disabled", "up-disabled"}: paths usable in `url(...)`."""
    folder = Path(tempfile.gettempdir()) / f"kiosk-arrows-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    files: dict[str, str] = {}
    for state, colour in SHADES.items():
        for direction in ("down", "up"):
            name = f"{direction}-{state}" if state else direction
            path = folder / f"{name}.png"
            _draw(path, colour, up=direction == "up")
            files[name] = path.as_posix()
    return files
