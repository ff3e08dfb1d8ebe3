"""今日待岗 in numbers: main trades, order, the hub's figure merged with a terminal's own."""

from __future__ import annotations

from datetime import date

from kiosk.core.supply import OTHER, Supply, main_trade, merged, parse_supply, ranked

DAY = date(2026, 11, 23)


def test_a_worker_counts_under_their_first_trade() -> None:
    assert main_trade(["C01", "C09"]) == "C01"
    assert main_trade([]) == OTHER and main_trade(None) == OTHER


def test_most_first_other_trades_last_and_no_zeros() -> None:
    assert ranked({"S01": 2, OTHER: 9, "C01": 2, "L01": 5, "M01": 0}) == (
        ("L01", 5), ("C01", 2), ("S01", 2), (OTHER, 9))


def test_the_hubs_figure_for_today_plus_what_it_has_not_seen() -> None:
    hub = Supply(DAY, (("C01", 4),))
    assert merged(DAY, hub, {"C01": 1, "S01": 1}, {"C01": 3, "S01": 1}).trades == (
        ("C01", 5), ("S01", 1))
    yesterday = Supply(date(2026, 11, 22), (("C01", 40),))
    assert merged(DAY, yesterday, {"S01": 1}, {"C01": 3, "S01": 1}).trades == (
        ("C01", 3), ("S01", 1))
    assert merged(DAY, None, {}, {}).total == 0


def test_a_published_figure_is_read_strictly() -> None:
    assert parse_supply({"day": "2026-11-23", "trades": {"C01": 2, "": 1}}) == Supply(
        DAY, (("C01", 2), (OTHER, 1)))
    assert parse_supply({"day": "2026-11-23", "trades": {"C01": 2.5}}) is None
    assert parse_supply(None) is None
