"""The `[board]` section of config.toml: defaults for old files, round trip, bad values."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.core.job_window import ListingRule
from kiosk.system.config import (
    BoardSettings,
    ConfigError,
    ConfigProblem,
    DisplaySettings,
    LogSettings,
    PrivacySettings,
    ScannerSettings,
    ScanSettings,
    TouchSettings,
    check_config,
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
    assert (board.diagonal_inches, board.viewing_distance_m) == (55, 5)  # a hall's board
    assert board.group_by_sector is False


def test_board_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    board = BoardSettings(page_seconds=20, mode="scroll", group_by_sector=True, qr="url",
                          job_url_template="https://jn.example.cn/job?id={id}",
                          stale_after_minutes=45, diagonal_inches=65.0,
                          viewing_distance_m=8.0)
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
    ("diagonal_inches = 5", "diagonal_inches"),
    ('diagonal_inches = "55"', "diagonal_inches"),
    ("viewing_distance_m = 0", "viewing_distance_m"),
    ("viewing_distance_m = 40", "viewing_distance_m"),
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
    scan = ScanSettings(city_public_keys=(CITY_KEY, "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik="),
                        phone_registration_url="https://jn.example.gov.cn/r?h={hall}",
                        max_gap_ms=50, min_length=10, camera="default")
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


def test_old_cards_are_accepted_by_default_and_the_hall_may_choose(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write_config(path, default_config("T01"))
    assert 'legacy_cards = "accept"' in path.read_text("utf-8")
    assert load_config(path).scan.legacy_cards == "accept"
    for choice in ("unverified", "refuse"):
        write_config(path, replace(default_config("T01"),
                                   scan=ScanSettings(legacy_cards=choice)))
        assert load_config(path).scan.legacy_cards == choice
    path.write_text(path.read_text("utf-8").replace('"refuse"', '"maybe"'), "utf-8")
    with pytest.raises(ConfigError, match=r"scan\.legacy_cards") as caught:
        load_config(path)
    assert "accept, unverified, refuse" in caught.value.text("en")


# -- validation of every section, all problems at once, translated -------------------------

def _config_text(**replacements: str) -> str:
    text = render_config(default_config("T01"))
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def _problems(tmp_path: Path, text: str) -> dict[str, ConfigProblem]:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    config, problems = check_config(path)
    found = {p.key: p for p in problems}
    assert config is not None
    return found


def test_the_default_configuration_is_valid_without_warnings(tmp_path: Path) -> None:
    assert _problems(tmp_path, render_config(default_config("T01"))) == {}


def test_every_error_is_reported_at_once_in_english_and_chinese(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(_config_text(**{
        "page_seconds = 12": "page_seconds = 1", 'language = "zh_CN"': 'language = "fr"',
        'hotline = "0531-12333"': 'hotline = "call us"', "idle_seconds = 60": "idle_seconds = 5",
    }), "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert [p.key for p in error.problems] == [
        "hall.hotline", "terminal.language", "board.page_seconds", "touch.idle_seconds"]
    english, chinese = error.text("en"), error.text("zh_CN")
    assert "board.page_seconds: must be between 3 and 600." in english
    assert "touch.idle_seconds: must be 30 or more." in english
    assert "terminal.language: must be one of: zh_CN, en." in english
    assert str(error) == english and str(path) in english
    assert "board.page_seconds" in chinese and "3" in chinese and "600" in chinese
    for problem in error.problems:  # every message has its own Chinese text
        assert problem.text("zh_CN") != problem.text("en")


@pytest.mark.parametrize(("old", "new", "key"), [
    ('id = "370104-DDBL"', 'id = "段店 北路"', "hall.id"),
    ('city = "济南市"', "city = 3", "hall.city"),
    ('street = "段店北路街道"', 'street = " "', "hall.street"),
    ('kind = "零工市场"', 'kind = "劳务市场"', "hall.kind"),
    ('timezone = "Asia/Shanghai"', 'timezone = "Asia/Jinan"', "hall.timezone"),
    ('hotline = "0531-12333"', 'hotline = "12333 ext. Wang"', "hall.hotline"),
    ('id = "T01"', 'id = "T 01"', "terminal.id"),
    ('role = "terminal"', 'role = "kiosk"', "terminal.role"),
    ('role = "terminal"', 'role = "board,board"', "terminal.role"),
    ("older_age_men = 50", "older_age_men = 5", "policy.older_age_men"),
    ('areas = ["槐荫区"', 'areas = [1, "槐荫区"', "policy.areas"),
    ('transport = "file"', 'transport = "bluetooth"', "printers.ticket.transport"),
    ("width_dots = 384", "width_dots = 500", "printers.ticket.width_dots"),
    ("width_dots = 384", "width_dots = 2000", "printers.ticket.width_dots"),
    ("paper_mm = 58", 'paper_mm = "58"', "printers.ticket.paper_mm"),
    ('output = "escpos"', 'output = "png"', "printers.ticket.output"),
    ("cut = true", "cut = 1", "printers.ticket.cut"),
    ("screen_inches = 21.5", "screen_inches = 200", "touch.screen_inches"),
    ("voice = true", 'voice = "yes"', "touch.voice"),
    ('blank_from = ""', 'blank_from = "7:00"', "display.blank_from"),
    ('blank_from = ""\nblank_until = ""', 'blank_from = "20:00"\nblank_until = ""',
     "display.blank_from"),
    ('blank_from = ""\nblank_until = ""', 'blank_from = "20:00"\nblank_until = "20:00"',
     "display.blank_until"),
    ('device = ""', 'device = "ttyACM0"', "scanner.device"),
    ('level = "info"', 'level = "verbose"', "logging.level"),
    ("max_gap_ms = 35", "max_gap_ms = 1", "scan.max_gap_ms"),
    ("min_length = 8", "min_length = 100", "scan.min_length"),
    ("long_wait_days = 30", "long_wait_days = 0", "policy.long_wait_days"),
    ("listed_days_long_term = 30", "listed_days_long_term = 0",
     "policy.listed_days_long_term"),
    ("listed_days_seasonal = 90", "listed_days_seasonal = 400", "policy.listed_days_seasonal"),
    ("city_copy_days = 90", "city_copy_days = 181", "privacy.city_copy_days"),
    ("city_copy_days = 90", "city_copy_days = 0", "privacy.city_copy_days"),
    ("city_copy_days = 90", 'city_copy_days = "90"', "privacy.city_copy_days"),
    ('register?hall={hall}"', 'register"', "scan.phone_registration_url"),
])
def test_a_bad_value_is_an_error_naming_its_key(tmp_path: Path, old: str, new: str,
                                                key: str) -> None:
    problems = _problems(tmp_path, _config_text(**{old: new}))
    assert key in problems and not problems[key].warning, problems


def test_a_missing_section_or_file_or_bad_toml_is_an_error(tmp_path: Path) -> None:
    text = render_config(default_config("T01"))
    head, _, rest = text.partition("[hall]")
    problems = _problems(tmp_path, head + "[x]\n\n" + rest.split("\n\n", 1)[1])
    assert "hall" in problems and problems["x"].warning
    problems = _problems(tmp_path, "board = 3\n" + text.replace("[board]", "[boardx]"))
    assert not problems["board"].warning and problems["boardx"].warning
    with pytest.raises(ConfigError, match="kiosk init"):
        load_config(tmp_path / "nothing.toml")
    (tmp_path / "bad.toml").write_text("[hall\n", "utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path / "bad.toml")


@pytest.mark.parametrize(("printer", "key"), [
    ('transport = "network"\nport = 9100', "printers.p.host"),
    ('transport = "network"\nhost = "10.0.0.9"\nport = 70000', "printers.p.port"),
    ('transport = "usb"\nvendor_id = "0x04b8"', "printers.p.product_id"),
    ('transport = "usb"\nvendor_id = "epson"\nproduct_id = 3605', "printers.p.vendor_id"),
    ('transport = "usb"\nvendor_id = 0x04b8\nproduct_id = 0x10000', "printers.p.product_id"),
    ('transport = "device"\ndevice = "usb/lp0"', "printers.p.device"),
    ('transport = "device"', "printers.p.device"),
    ('transport = "serial"\ndevice = "/dev/ttyUSB0"\nbaudrate = 10', "printers.p.baudrate"),
    ('transport = "cups"', "printers.p.queue"),
])
def test_a_printer_profile_needs_what_its_transport_needs(tmp_path: Path, printer: str,
                                                           key: str) -> None:
    text = _config_text(**{'[printers.ticket]\ntransport = "file"': "[printers.unused]"})
    problems = _problems(tmp_path, f"{text}\n[printers.p]\n{printer}\n")
    assert key in problems and not problems[key].warning, problems


def test_good_printer_profiles_load_with_their_options(tmp_path: Path) -> None:
    text = render_config(replace(default_config("T01"), printers=()))
    path = tmp_path / "config.toml"
    path.write_text(text + '\n[printers.front]\ntransport = "usb"\nvendor_id = "0x0416"\n'
                    'product_id = 0x5011\nwidth_dots = 576\npaper_mm = 80\n'
                    '\n[printers.net]\ntransport = "network"\nhost = "192.0.2.7"\n', "utf-8")
    config = load_config(path)
    front = config.printer("front")
    assert front is not None and front.width_dots == 576 and front.paper_mm == 80
    assert dict(front.options) == {"product_id": 0x5011, "vendor_id": "0x0416"}
    assert config.printer("net") is not None and config.printer() == front


def test_warnings_do_not_stop_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(_config_text(**{
        'hotline = "0531-12333"': 'hotline = ""', "idle_seconds = 60": "idle_secs = 60",
        '[printers.ticket]\ntransport = "file"': '[printers.ticket]\ntransport = "file"\n'
                                                'colour = "red"'}), "utf-8")
    config, problems = check_config(path)
    assert config is not None and load_config(path) == config
    assert {p.key for p in problems} == {"hall.hotline", "touch.idle_secs",
                                         "printers.ticket.colour"}
    assert all(p.warning for p in problems)
    assert "service information" in next(p for p in problems if p.key == "hall.hotline").text()


def test_display_scanner_logging_and_role_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    config = replace(default_config("T01"), role="terminal,board",
                     display=DisplaySettings(screen=1, blank_from="20:30",
                                             blank_until="05:45"),
                     scanner=ScannerSettings("/dev/input/by-id/usb-Newland-event-kbd"),
                     log=LogSettings("debug"))
    write_config(path, config)
    loaded = load_config(path)
    assert loaded == config and loaded.roles == ("terminal", "board")
    assert loaded.display.blanking() and not DisplaySettings().blanking()


def test_an_old_file_without_the_new_sections_loads_with_defaults(tmp_path: Path) -> None:
    text = render_config(default_config("T01"))
    old = text.split("[display]")[0].replace('role = "terminal"\n', "")
    path = tmp_path / "config.toml"
    path.write_text(old, "utf-8")
    config = load_config(path)
    assert (config.role, config.display, config.scanner, config.log) == (
        "terminal", DisplaySettings(), ScannerSettings(), LogSettings())


def test_no_printer_round_trips_as_no_printer(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write_config(path, replace(default_config("T01"), role="board", printers=()))
    assert load_config(path).printers == ()
    path.write_text(render_config(default_config("T01")).split("[printers.ticket]")[0], "utf-8")
    assert load_config(path).printers[0].name == "ticket"  # an old file: the default printer


def test_the_listing_rule_round_trips_and_an_old_file_has_the_default(tmp_path: Path) -> None:
    """How long a job without an end date is listed, per 用工方式 (`[policy]`)."""
    path = tmp_path / "config.toml"
    rule = ListingRule(daily=2, hourly=1, seasonal=60, long_term=45)
    write_config(path, replace(default_config("T01"), listing=rule))
    assert load_config(path).listing == rule
    old = "\n".join(line for line in path.read_text("utf-8").splitlines()
                    if not line.startswith("listed_days_"))
    path.write_text(old, "utf-8")
    assert load_config(path).listing == ListingRule()


def test_the_days_a_copy_of_another_halls_worker_is_kept_round_trip(tmp_path: Path) -> None:
    """`[privacy] city_copy_days`: 90 by default, and for an old file without the section."""
    path = tmp_path / "config.toml"
    assert default_config("T01").privacy.city_copy_days == 90
    write_config(path, replace(default_config("T01"), privacy=PrivacySettings(30)))
    assert load_config(path).privacy.city_copy_days == 30
    path.write_text(path.read_text("utf-8").split("[privacy]")[0], "utf-8")
    assert load_config(path).privacy == PrivacySettings()


def test_the_queue_letter_is_configured_or_derived_from_the_terminal(tmp_path: Path) -> None:
    """[terminal] queue_prefix: one of A–H; without it, the same letter for the same id."""
    path = tmp_path / "config.toml"
    derived = default_config("T01")
    assert derived.queue_prefix == default_config("T01").queue_prefix in "ABCDEFGH"
    assert {default_config(f"T{i:02d}").queue_prefix for i in range(40)} == set("ABCDEFGH")
    write_config(path, derived)
    assert load_config(path) == derived  # written as a comment: still derived
    chosen = replace(derived, queue_prefix_setting="C")
    write_config(path, chosen)
    loaded = load_config(path)
    assert loaded.queue_prefix == "C" and loaded == chosen
    path.write_text(path.read_text("utf-8").replace('queue_prefix = "C"',
                                                      'queue_prefix = "Z"'), "utf-8")
    with pytest.raises(ConfigError) as bad:
        load_config(path)
    assert "terminal.queue_prefix" in bad.value.text("en")
