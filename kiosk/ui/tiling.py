"""Where several role windows go when they are windows, not full screen (`kiosk demo`,
`kiosk run --role terminal,counter,board --windowed WxH`): side by side on the screens'
available areas, never overlapping, each shrunk (keeping its shape) until it fits.

One window per screen when there are enough screens; otherwise the windows are shared out
over the screens in order and each screen is tiled in the layout that leaves them largest
while each keeps its minimum size: a grid (three 16:9 windows on one 16:9 screen: 2×2,
the last row centred) or, when one window needs more room than a grid cell (the counter's
workspace), that one in a full-height column and the others stacked beside it.
Pure arithmetic, no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:  # exclusive
        return self.x + self.width

    @property
    def bottom(self) -> int:  # exclusive
        return self.y + self.height

    def contains(self, other: Rect) -> bool:
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)

    def overlaps(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


@dataclass(frozen=True, slots=True)
class Margins:
    """A window's frame around its contents (title bar, borders)."""

    left: int = 0
    top: int = 0
    right: int = 0
    bottom: int = 0


# Room left for a window manager's title bar and borders (none under bare Xvfb or cage).
FRAME_ALLOWANCE = Margins(4, 36, 4, 4)
Size = tuple[int, int]


def tile(count: int, size: Size, screens: Sequence[Rect], frame: Margins = FRAME_ALLOWANCE,
         minimums: Sequence[Size] = ()) -> list[Rect]:
    """The contents' rectangles of `count` windows wanted at `size` on `screens`' available
    areas: with `frame` around each, they lie inside a screen and do not overlap. A window
    is never made smaller than its entry in `minimums` when a layout allows it."""
    if count <= 0 or not screens:
        return []
    mins = [*minimums[:count], *[(0, 0)] * (count - len(minimums))]
    placed: list[Rect] = []
    first = 0
    for screen, share in zip(screens, _shares(count, len(screens)), strict=False):
        placed += _tile_screen(size, screen, frame, mins[first:first + share])
        first += share
    return placed


def _shares(count: int, screens: int) -> list[int]:
    """Windows per screen, in order: as even as can be, the first screens taking the rest."""
    used = min(count, screens)
    return [count // used + (1 if i < count % used else 0) for i in range(used)]


def _tile_screen(size: Size, area: Rect, frame: Margins, mins: list[Size]) -> list[Rect]:
    """The best layout: every window at least its minimum if any layout allows it, then the
    least shrinking; a grid when a grid does as well."""
    layouts = [_grid(len(mins), cols, area) for cols in range(1, len(mins) + 1)]
    if len(mins) >= 2:
        layouts.append(_beside(mins, area, frame))
    _order, best = max(enumerate(layouts),
                       key=lambda pair: _score(pair[1], size, frame, mins, pair[0]))
    return [_fit(cell, size, frame, minimum) for cell, minimum in zip(best, mins, strict=True)]


def _grid(count: int, cols: int, area: Rect) -> list[Rect]:
    """Equal cells, row by row; a short last row centred."""
    rows = math.ceil(count / cols)
    cell_w, cell_h = area.width // cols, area.height // rows
    cells = []
    for i in range(count):
        row, col = divmod(i, cols)
        in_row = min(cols, count - row * cols)
        x = area.x + (cols - in_row) * cell_w // 2 + col * cell_w
        cells.append(Rect(x, area.y + row * cell_h, cell_w, cell_h))
    return cells


def _beside(mins: list[Size], area: Rect, frame: Margins) -> list[Rect]:
    """The window needing most room alone in a full-height column (at least half the width),
    the others stacked beside it: a counter's workspace beside a touchscreen and a board."""
    big = max(range(len(mins)), key=lambda i: mins[i][0] * mins[i][1])
    width = min(area.width, max(area.width // 2, mins[big][0] + frame.left + frame.right))
    rest_w, rest_h = area.width - width, area.height // (len(mins) - 1)
    left = big == 0  # keep the reading order: the first window on the left
    big_x, rest_x = (area.x, area.x + width) if left else (area.x + rest_w, area.x)
    cells, row = [], 0
    for i in range(len(mins)):
        if i == big:
            cells.append(Rect(big_x, area.y, width, area.height))
        else:
            cells.append(Rect(rest_x, area.y + row * rest_h, rest_w, rest_h))
            row += 1
    return cells


def _inner(cell: Rect, frame: Margins) -> Size:
    return (cell.width - frame.left - frame.right, cell.height - frame.top - frame.bottom)


def _scale(cell: Rect, size: Size, frame: Margins) -> float:
    """How much a window of `size` shrinks to fit `cell` (1.0: not at all)."""
    inner_w, inner_h = _inner(cell, frame)
    if inner_w <= 0 or inner_h <= 0:
        return 0.0
    return min(1.0, inner_w / size[0], inner_h / size[1])


def _score(cells: list[Rect], size: Size, frame: Margins, mins: list[Size],
           order: int) -> tuple[bool, float, int]:
    fits = all(m[0] <= _inner(c, frame)[0] and m[1] <= _inner(c, frame)[1]
               for c, m in zip(cells, mins, strict=True))
    scale = min(_scale(cell, size, frame) for cell in cells)
    return fits, round(scale, 3), -order  # ties: the earlier layout (grids, fewest columns)


def _fit(cell: Rect, size: Size, frame: Margins, minimum: Size) -> Rect:
    """`size` shrunk to fit `cell` (its shape kept), then grown back to `minimum` as far as
    the cell allows; centred in the cell."""
    scale = _scale(cell, size, frame)
    inner_w, inner_h = _inner(cell, frame)
    width = max(1, min(max(int(size[0] * scale), minimum[0]), inner_w))
    height = max(1, min(max(int(size[1] * scale), minimum[1]), inner_h))
    outer_w = width + frame.left + frame.right
    outer_h = height + frame.top + frame.bottom
    return Rect(cell.x + (cell.width - outer_w) // 2 + frame.left,
                cell.y + (cell.height - outer_h) // 2 + frame.top, width, height)
