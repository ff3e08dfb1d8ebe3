"""Every trade has a pictogram: white-only SVG Tiny shapes that Qt renders, legible and distinct.

The board draws `assets/pictograms/<pictogram>.svg` on a sector-coloured rounded square
(kiosk/ui/board/card.py); these tests hold the artwork to the style that makes that work.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PICTOGRAMS = ASSETS / "pictograms"
SVG_NS = "{http://www.w3.org/2000/svg}"
SIDE = 96
WHITE = "#FFFFFF"

SHAPES = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
ELEMENTS = {"svg", "g"} | SHAPES
GEOMETRY = {"d", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r",
            "x1", "y1", "x2", "y2", "points", "transform"}
PAINT = {"fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "fill-rule"}
ROOT_ATTRIBUTES = {"version", "baseProfile", "width", "height", "viewBox"}


def _trades() -> list[dict[str, str]]:
    catalogue = json.loads((ASSETS / "catalogue.json").read_text(encoding="utf-8"))
    return list(catalogue["trades"])


TRADES = _trades()
HOME = ["training"]  # the touchscreen's home tiles that carry a pictogram (培训)
NAMES = sorted({t["pictogram"] for t in TRADES} | set(HOME))
# The hazard tags' pictograms (kiosk.core.hazards), drawn white on red: the same style.
HAZARD_TAGS = ("height", "hot_work", "confined_space", "live_electrical", "heat", "cold",
               "machinery")
STYLED = NAMES + [f"hazards/{tag}" for tag in HAZARD_TAGS]


def _local(tag: str) -> str:
    assert tag.startswith(SVG_NS), f"{tag} is not in the SVG namespace"
    return tag[len(SVG_NS):]


@cache
def _render(name: str) -> QImage:
    """The pictogram at 96×96 on near-black, as an 8-bit grey image."""
    renderer = QSvgRenderer(QByteArray((PICTOGRAMS / f"{name}.svg").read_bytes()))
    assert renderer.isValid(), name
    image = QImage(SIDE, SIDE, QImage.Format.Format_ARGB32)
    image.fill(QColor("#202020"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    renderer.render(painter, QRectF(0, 0, SIDE, SIDE))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def _grey(image: QImage) -> list[bytes]:
    """Rows of grey levels (without the scan lines' padding)."""
    data = bytes(image.constBits())
    stride, width = image.bytesPerLine(), image.width()
    return [data[y * stride: y * stride + width] for y in range(image.height())]


def test_every_trade_has_a_pictogram() -> None:
    assert len(TRADES) == 34
    missing = [t["pictogram"] for t in TRADES
               if not (PICTOGRAMS / f"{t['pictogram']}.svg").is_file()]
    assert missing == []
    assert len(NAMES) == len(TRADES) + len(HOME), "two trades share a pictogram"


def test_no_stray_pictograms() -> None:
    assert sorted(p.stem for p in PICTOGRAMS.glob("*.svg")) == NAMES


def test_every_hazard_tag_has_a_pictogram() -> None:
    from kiosk.core.records import Hazard

    assert sorted(HAZARD_TAGS) == sorted(h.value for h in Hazard)
    assert sorted(p.stem for p in (PICTOGRAMS / "hazards").glob("*.svg")) == sorted(HAZARD_TAGS)


@pytest.mark.parametrize("name", STYLED)
def test_svg_uses_only_the_house_style(name: str) -> None:
    text = (PICTOGRAMS / f"{name}.svg").read_text(encoding="utf-8")
    assert not re.search(r"href|url\(|<!DOCTYPE|<!ENTITY|<\?xml-stylesheet", text), name
    root = ET.fromstring(text)
    assert _local(root.tag) == "svg"
    assert root.get("viewBox") == f"0 0 {SIDE} {SIDE}"
    assert set(root.attrib) <= ROOT_ATTRIBUTES
    groups = [child for child in root if _local(child.tag) == "g"]
    assert len(groups) == 1 and len(root) == 1, "one top-level <g> carries the style"
    style = groups[0].attrib
    assert style.get("stroke") == WHITE and style.get("fill") == "none"
    assert style.get("stroke-linecap") == "round" and style.get("stroke-linejoin") == "round"
    assert 6 <= float(style["stroke-width"]) <= 8, "the main stroke is 6–8 units"
    shapes = 0
    for element in root.iter():
        tag = _local(element.tag)
        assert tag in ELEMENTS, f"{name}: <{tag}> is not allowed"
        assert not (element.text or "").strip(), f"{name}: <{tag}> has text"
        if tag == "svg":
            continue
        assert set(element.attrib) <= GEOMETRY | PAINT, f"{name}: <{tag}> {element.attrib}"
        for paint in ("fill", "stroke"):
            assert element.get(paint, "none") in {WHITE, "none"}, f"{name}: {paint} on <{tag}>"
        if "stroke-width" in element.attrib:
            assert 3 <= float(element.attrib["stroke-width"]) <= 12, name
        shapes += tag in SHAPES
    assert 1 <= shapes <= 16, f"{name}: {shapes} shapes; keep pictograms simple"


@pytest.mark.parametrize("name", STYLED)
def test_renders_with_a_sensible_amount_of_ink(qapp: QApplication, name: str) -> None:
    rows = _grey(_render(name))
    lit = sum(1 for row in rows for level in row if level > 128)
    share = lit / (SIDE * SIDE)
    assert 0.08 <= share <= 0.60, f"{name}: {share:.0%} of the square is lit"
    edge = [rows[y][x] for y in range(SIDE) for x in range(SIDE)
            if min(x, y, SIDE - 1 - x, SIDE - 1 - y) < 2]
    assert max(edge) < 128, f"{name} touches the edge of its viewBox (clipped)"


@pytest.mark.parametrize("name", STYLED)
def test_fills_its_square_and_sits_in_the_middle(qapp: QApplication, name: str) -> None:
    rows = _grey(_render(name))
    lit = [(x, y) for y, row in enumerate(rows) for x, level in enumerate(row) if level > 128]
    xs, ys = [x for x, _ in lit], [y for _, y in lit]
    width, height = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
    assert max(width, height) >= 0.75 * SIDE and min(width, height) >= 0.45 * SIDE, (
        f"{name} is {width}×{height}: too small for its square")
    centre = (sum(xs) / len(xs), sum(ys) / len(ys))
    assert all(abs(c - SIDE / 2) <= 16 for c in centre), f"{name} is off-centre: {centre}"


def test_no_two_pictograms_look_alike(qapp: QApplication) -> None:
    small = {name: _grey(_render(name).scaled(
        24, 24, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation))
        for name in NAMES}

    def difference(a: str, b: str) -> float:
        pairs = zip(b"".join(small[a]), b"".join(small[b]), strict=True)
        return sum(abs(x - y) for x, y in pairs) / (24 * 24 * 255)

    closest = min(itertools.combinations(NAMES, 2), key=lambda pair: difference(*pair))
    assert difference(*closest) > 0.12, f"{closest} look alike: {difference(*closest):.3f}"
