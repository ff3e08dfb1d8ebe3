"""Screen on in hall hours, off at night: `[display] blank_from` / `blank_until` (hall time).

`kiosk screen` prints `on` or `off` for now; packaging/bin/kiosk-screen acts on it (backlight,
DDC/CI), run every 5 minutes by kiosk-screen-hours.timer.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from kiosk.system.config import Config, DisplaySettings


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def screen_on(display: DisplaySettings, at: time) -> bool:
    """Whether the screen should be on at hall time `at`. Off from blank_from (included)
    to blank_until (excluded), across midnight when blank_from is the later one."""
    if not display.blanking():
        return True
    start, end = _clock(display.blank_from), _clock(display.blank_until)
    if start < end:
        return not start <= at < end
    return not (at >= start or at < end)


def hall_time(config: Config, now: datetime | None = None) -> time:
    moment = now or datetime.now(ZoneInfo(config.hall.timezone))
    return moment.astimezone(ZoneInfo(config.hall.timezone)).time().replace(
        second=0, microsecond=0)
