"""Qt fixtures: the offscreen platform, the CJK font, and a board on a real SQLite file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def cjk_font(qapp: QApplication) -> str:
    from kiosk.ui.fonts import install_cjk_font

    return install_cjk_font()


def grab(widget: QWidget, path: Path) -> Image.Image:
    """The widget as it is on screen now: saved as PNG (for looking) and returned for PIL."""
    QApplication.processEvents()
    image: QImage = widget.grab().toImage()
    assert image.save(str(path)), path
    with Image.open(path) as png:
        return png.convert("RGB")
