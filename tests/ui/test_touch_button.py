"""TouchButton paints its face from a cache, in `button_look`'s colours, on real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui import theme
from kiosk.ui.theme import TouchColours, button_look
from kiosk.ui.widgets import touch_button
from kiosk.ui.widgets.buttons import big_button
from kiosk.ui.widgets.faces import FACE_CACHE_BYTES, FaceCache

TOLERANCE = 3  # per colour channel
SAMPLE_X = 10  # px from the left edge: inside the frame (border ≤ 5 px), before any text


@pytest.fixture(autouse=True)
def faces(monkeypatch: pytest.MonkeyPatch) -> FaceCache:
    """A fresh face cache per test, so counts do not depend on earlier tests."""
    cache = FaceCache(FACE_CACHE_BYTES)
    monkeypatch.setattr(touch_button, "FACES", cache)
    return cache


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """A shown 1080p window that has the touch style sheet."""
    widget = QWidget()
    widget.setStyleSheet(theme.touch_stylesheet(1.0))
    QVBoxLayout(widget)
    qtbot.addWidget(widget)
    widget.resize(1920, 1080)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add(window: QWidget, text: str, role: str) -> QPushButton:
    """A `big_button` laid out in `window`."""
    button = big_button(text, role)
    layout = window.layout()
    assert layout is not None
    layout.addWidget(button)
    QApplication.processEvents()
    assert button.width() > 1000 and button.height() >= 96
    return button


def image(button: QPushButton) -> QImage:
    return button.grab().toImage()


def fill_of(button: QPushButton) -> QColor:
    return image(button).pixelColor(SAMPLE_X, button.height() // 2)


def assert_colour(actual: QColor, expected: str) -> None:
    want = QColor(expected)
    pairs = zip((actual.red(), actual.green(), actual.blue()),
                (want.red(), want.green(), want.blue()), strict=True)
    assert all(abs(a - b) <= TOLERANCE for a, b in pairs), (actual.name(), expected)


def face(width: int, height: int) -> QPixmap:
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("red"))
    return pixmap


def test_face_cache_drops_least_recently_used_by_bytes() -> None:
    probe = FaceCache(10**9)
    probe.put("probe", face(40, 30))
    unit = probe.bytes
    assert unit >= 40 * 30

    cache = FaceCache(3 * unit)
    for key in ("a", "b", "c"):
        cache.put(key, face(40, 30))
    assert (len(cache), cache.bytes) == (3, 3 * unit)
    assert cache.get("a") is not None  # "a" is now the most recently used
    cache.put("d", face(40, 30))  # over budget: "b", the least recently used, goes
    assert cache.get("b") is None
    assert all(cache.get(key) is not None for key in ("a", "c", "d"))
    assert (len(cache), cache.bytes) == (3, 3 * unit)

    cache.put("c", face(40, 30))  # the same key again replaces, never double counts
    assert (len(cache), cache.bytes) == (3, 3 * unit)
    cache.put("big", face(80, 30))  # two units: two of the oldest go
    assert cache.bytes <= cache.max_bytes
    assert cache.get("big") is not None and cache.get("a") is None


@pytest.mark.parametrize(("role", "state", "expected"), [  # state: enabled, down, checked
    ("primary", (True, False, False), TouchColours.PRIMARY),
    ("primary", (False, False, False), "#D9D4C8"),
    ("primary", (True, True, False), TouchColours.PRIMARY_PRESSED),
    ("tile", (True, False, True), TouchColours.SELECTED_FILL),
    ("tile", (True, False, False), TouchColours.SURFACE),
])
def test_fill_is_the_looks_fill(window: QWidget, role: str, state: tuple[bool, bool, bool],
                                expected: str) -> None:
    enabled, down, checked = state
    button = add(window, "Next", role)
    button.setCheckable(role == "tile")
    button.setChecked(checked)
    button.setEnabled(enabled)
    button.setDown(down)
    look = button_look(role, enabled=enabled, down=down, checked=checked)
    assert look.fill == expected
    assert_colour(fill_of(button), look.fill)


def test_unchanged_button_reuses_its_face(window: QWidget, faces: FaceCache) -> None:
    button = add(window, "Next", "primary")
    first = image(button)
    count = len(faces)
    assert count >= 1
    assert image(button) == first
    assert len(faces) == count
    button.setText("Back")
    assert image(button) != first
    assert len(faces) == count + 1


def right_edge_of_text(button: QPushButton) -> int:
    """The rightmost column with a dark (text) pixel in the button's middle row band."""
    picture, middle = image(button), button.height() // 2
    return max((x for x in range(SAMPLE_X, picture.width() - SAMPLE_X)
                for y in range(middle - 8, middle + 8)
                if picture.pixelColor(x, y).lightness() < 100), default=-1)


def test_escaped_ampersand_is_shown_once(window: QWidget) -> None:
    with_ampersand = add(window, "R&&D", "tile")
    without = add(window, "RD", "tile")
    assert image(with_ampersand) != image(without)
    ampersand = with_ampersand.fontMetrics().horizontalAdvance("&")
    extra = right_edge_of_text(with_ampersand) - right_edge_of_text(without)
    assert right_edge_of_text(without) > SAMPLE_X
    assert ampersand / 2 < extra < 1.5 * ampersand  # one "&" drawn, not two, not none


def ink_height(button: QPushButton) -> int:
    """How many rows of the button hold dark (text) pixels: the height of its lettering."""
    picture = image(button)
    rows = [y for y in range(3, picture.height() - 3)
            if any(picture.pixelColor(x, y).lightness() < 100
                   for x in range(3, picture.width() - 3, 2))]  # the border is lighter
    return max(rows) - min(rows) + 1 if rows else 0


def test_a_long_trade_name_is_drawn_smaller_in_a_narrow_tile(window: QWidget) -> None:
    roomy = add(window, "装修杂工", "tile")
    narrow = add(window, "装修杂工", "tile")
    narrow.setFixedWidth(150)  # 4 characters at 36 px need 144 px, besides the padding
    QApplication.processEvents()
    assert 0 < ink_height(narrow) < ink_height(roomy) * 0.9  # smaller, not cut at the edge
