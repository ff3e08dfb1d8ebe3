"""The `[board]` section of config.toml: defaults for old files, round trip, bad values."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import (
    BoardSettings,
    ConfigError,
    ScanSettings,
    TouchSettings,
    default_config,
    load_config,
    render_config,
    write_config,
)


def _without_board(text: str) -> str:
    head, _, rest = text.partition("[board]")
    tail = rest.split("\n\n", 1)[1] if "\n\n" in rest else ""
    return head + tail


def test_a_file_without_a_board_section_loads_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(_without_board(render_config(default_config("T01"))), "utf-8")
    assert "[board]" not in path.read_text("utf-8")
    board = load_config(path).board
    assert board == BoardSettings()
    assert (board.page_seconds, board.mode, board.qr, board.stale_after_minutes) == (
        12, "pages", "payload", 30)
    assert board.group_by_sector is False


def test_board_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    board = BoardSettings(page_seconds=20, mode="scroll", group_by_sector=True, qr="url",
                          job_url_template="https://jn.example.cn/job?id={id}",
                          stale_after_minutes=45)
    write_config(path, replace(default_config("T01"), board=board))
    assert "[board]" in path.read_text("utf-8")
    assert load_config(path).board == board


@pytest.mark.parametrize(("line", "key"), [
    ("page_seconds = 1", "page_seconds"),
    ('mode = "marquee"', "mode"),
    ('qr = "barcode"', "qr"),
    ('qr = "url"\njob_url_template = "https://example.cn/job"', "job_url_template"),
    ("stale_after_minutes = 0", "stale_after_minutes"),
    ('group_by_sector = "yes"', "group_by_sector"),
])
def test_bad_board_values_are_refused_with_the_key(tmp_path: Path, line: str, key: str) -> None:
    path = tmp_path / "config.toml"
    text = _without_board(render_config(default_config("T01")))
    path.write_text(f"{text}\n[board]\n{line}\n", "utf-8")
    with pytest.raises(ConfigError, match=f"board.{key}"):
        load_config(path)


def _without_touch(text: str) -> str:
    head, _, rest = text.partition("[touch]")
    tail = rest.split("\n\n", 1)[1] if "\n\n" in rest else ""
    return head + tail


def test_touch_settings_default_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(_without_touch(render_config(default_config("T01"))), "utf-8")
    assert load_config(path).touch == TouchSettings()
    touch = TouchSettings(idle_seconds=90, countdown_seconds=15, screen_inches=27.0,
                          voice=False, large_text=True)
    write_config(path, replace(default_config("T01"), touch=touch))
    assert load_config(path).touch == touch


@pytest.mark.parametrize(("line", "key"), [
    ("idle_seconds = 10", "idle_seconds"),
    ("countdown_seconds = 0", "countdown_seconds"),
    ("screen_inches = 3", "screen_inches"),
    ('voice = "on"', "voice"),
    ("large_text = 1", "large_text"),
])
def test_bad_touch_values_are_refused_with_the_key(tmp_path: Path, line: str, key: str) -> None:
    path = tmp_path / "config.toml"
    text = _without_touch(render_config(default_config("T01")))
    path.write_text(f"{text}\n[touch]\n{line}\n", "utf-8")
    with pytest.raises(ConfigError, match=f"touch.{key}"):
        load_config(path)


CITY_KEY = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg="


def test_scan_keys_default_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    text = render_config(default_config("T01"))
    path.write_text(text.replace("[scan]\ncity_public_keys = []\n", ""), "utf-8")
    assert "[scan]" not in path.read_text("utf-8")
    assert load_config(path).scan == ScanSettings()
    scan = ScanSettings(city_public_keys=(CITY_KEY, "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik="))
    write_config(path, replace(default_config("T01"), scan=scan))
    assert load_config(path).scan == scan
    assert len(load_config(path).scan.keys().city_public_keys) == 2


@pytest.mark.parametrize("line", [
    'city_public_keys = "A6EH"', "city_public_keys = [1]", 'city_public_keys = ["not base64!"]',
    'city_public_keys = ["AAAA"]'])
def test_bad_scan_keys_are_refused_with_the_key(tmp_path: Path, line: str) -> None:
    path = tmp_path / "config.toml"
    text = render_config(default_config("T01")).replace("[scan]\ncity_public_keys = []\n", "")
    path.write_text(f"{text}\n[scan]\n{line}\n", "utf-8")
    with pytest.raises(ConfigError, match=r"scan\.city_public_keys"):
        load_config(path)
