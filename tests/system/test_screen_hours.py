"""[display] blank_from / blank_until: when the hall's screen is off."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from kiosk.system.config import DisplaySettings, default_config
from kiosk.system.screen_hours import hall_time, screen_on

NIGHT = DisplaySettings(blank_from="20:00", blank_until="06:30")  # across midnight
NOON = DisplaySettings(blank_from="12:00", blank_until="13:00")


@pytest.mark.parametrize(("display", "at", "on"), [
    (NIGHT, "19:59", True), (NIGHT, "20:00", False), (NIGHT, "23:59", False),
    (NIGHT, "00:00", False), (NIGHT, "06:29", False), (NIGHT, "06:30", True),
    (NOON, "11:59", True), (NOON, "12:00", False), (NOON, "12:59", False), (NOON, "13:00", True),
    (DisplaySettings(), "03:00", True),
])
def test_screen_on(display: DisplaySettings, at: str, on: bool) -> None:
    assert screen_on(display, time.fromisoformat(at)) is on


def test_hall_time_is_the_halls_zone() -> None:
    config = default_config("T01")  # Asia/Shanghai, UTC+8
    assert hall_time(config, datetime(2026, 11, 23, 13, 5, 42, tzinfo=UTC)) == time(21, 5)
