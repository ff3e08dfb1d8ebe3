"""Role windows in windowed mode: side by side on the screens, never overlapping, each
shrunk to fit with its shape kept (pure arithmetic)."""

from __future__ import annotations

from itertools import combinations

import pytest

from kiosk.ui.tiling import FRAME_ALLOWANCE, Margins, Rect, tile

DEMO = (1600, 900)
HD = Rect(0, 0, 1920, 1080)


def outer(rect: Rect, frame: Margins = FRAME_ALLOWANCE) -> Rect:
    return Rect(rect.x - frame.left, rect.y - frame.top, rect.width + frame.left + frame.right,
                rect.height + frame.top + frame.bottom)


def assert_tiled(placed: list[Rect], screens: list[Rect], size: tuple[int, int]) -> None:
    frames = [outer(rect) for rect in placed]
    assert all(any(screen.contains(f) for screen in screens) for f in frames), frames
    assert not any(a.overlaps(b) for a, b in combinations(frames, 2)), frames
    for rect in placed:  # shrunk, never grown, the shape kept (to a pixel)
        assert rect.width <= size[0] and rect.height <= size[1]
        assert abs(rect.width * size[1] - rect.height * size[0]) <= max(size)


def test_three_demo_windows_on_a_1080p_screen_are_a_2x2_grid_with_the_board_centred() -> None:
    terminal, counter, board = tile(3, DEMO, [HD])
    assert_tiled([terminal, counter, board], [HD], DEMO)
    assert terminal.y == counter.y < board.y  # two on top, one below
    assert terminal.x < board.x < counter.x  # the last row centred
    assert terminal.height >= 500  # as large as a 2×2 grid allows (540 a cell, less a frame)


@pytest.mark.parametrize("screen", [
    Rect(0, 0, 1920, 1080), Rect(0, 0, 1366, 768), Rect(0, 0, 1280, 1024),
    Rect(0, 0, 1080, 1920), Rect(0, 32, 1920, 1048), Rect(0, 0, 3840, 2160),
    Rect(1920, -200, 2560, 1440),
])
def test_on_one_screen_of_any_size_the_windows_fit_without_overlap(screen: Rect) -> None:
    for count in (1, 2, 3, 4):
        assert_tiled(tile(count, DEMO, [screen]), [screen], DEMO)


def test_a_big_screen_takes_them_unshrunk_and_a_portrait_one_stacks_them() -> None:
    assert {(r.width, r.height) for r in tile(3, DEMO, [Rect(0, 0, 3840, 2160)])} == {DEMO}
    placed = tile(3, DEMO, [Rect(0, 0, 1080, 1920)])
    assert len({r.x for r in placed}) == 1 and len({r.y for r in placed}) == 3


def test_with_three_screens_each_window_has_a_screen_of_its_own() -> None:
    screens = [Rect(0, 0, 1920, 1080), Rect(1920, 0, 1920, 1080), Rect(3840, 0, 1280, 1024)]
    placed = tile(3, DEMO, screens)
    assert_tiled(placed, screens, DEMO)
    assert all(screen.contains(outer(rect)) for screen, rect in zip(screens, placed, strict=True))
    assert (placed[0].width, placed[0].height) == DEMO  # 1920×1080 holds it whole
    assert placed[2].width < DEMO[0]  # 1280 wide: shrunk


def test_with_two_screens_the_first_takes_two() -> None:
    screens = [Rect(0, 0, 1920, 1080), Rect(1920, 0, 1920, 1080)]
    placed = tile(3, DEMO, screens)
    assert_tiled(placed, screens, DEMO)
    assert [screens[0].contains(outer(rect)) for rect in placed] == [True, True, False]


def test_nothing_to_place() -> None:
    assert tile(0, DEMO, [HD]) == [] and tile(2, DEMO, []) == []


def test_a_window_needing_more_room_than_a_cell_gets_a_full_height_column() -> None:
    """The demo: the counter's workspace does not fit a 2×2 cell of a 1080p screen."""
    minimums = [(524, 439), (980, 860), (0, 56)]  # touchscreen, counter, board
    placed = tile(3, DEMO, [HD], minimums=minimums)
    frames = [outer(rect) for rect in placed]
    assert all(HD.contains(f) for f in frames)
    assert not any(a.overlaps(b) for a, b in combinations(frames, 2))
    assert all(r.width >= w and r.height >= h for r, (w, h) in zip(placed, minimums, strict=True))
    terminal, counter, board = placed
    assert terminal.x == board.x < counter.x and terminal.y < board.y  # counter on the right


def test_when_nothing_holds_the_minimums_the_least_shrinking_grid_is_kept() -> None:
    small = Rect(0, 0, 1024, 600)
    placed = tile(3, DEMO, [small], minimums=[(900, 700)] * 3)
    assert len(placed) == 3 and all(small.contains(outer(r)) for r in placed)
