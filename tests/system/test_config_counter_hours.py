"""`[counter] opens` / `closes`: the hours an employer's receipt names when it is closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from pathlib import Path

import pytest

from kiosk.system.config import (
    ConfigError,
    CounterSettings,
    default_config,
    load_config,
    render_config,
    write_config,
)


def test_counter_hours_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write_config(path, replace(default_config("T01"),
                               counter=CounterSettings("2", "07:00", "16:00")))
    counter = load_config(path).counter
    assert counter == CounterSettings("2", "07:00", "16:00")
    assert (counter.hours().opens, counter.hours().closes) == (time(7), time(16))


@pytest.mark.parametrize(("opens", "closes", "key"), [
    ("7:00", "16:00", "counter.opens"), ("08:00", "24:00", "counter.closes"),
    ("17:00", "08:00", "counter.closes")])
def test_bad_hours_name_the_key(tmp_path: Path, opens: str, closes: str, key: str) -> None:
    path = tmp_path / "config.toml"
    text = render_config(default_config("T01")).replace(
        'opens = "08:30"', f'opens = "{opens}"').replace(
        'closes = "17:30"', f'closes = "{closes}"')
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=key):
        load_config(path)
