"""The pure report computations: periods, sums, ratios, averages and trade rankings."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.reports import (
    FIGURE_NAMES,
    Figures,
    Period,
    TradeCounts,
    TradeRow,
    add_figures,
    average_per_day,
    main_trades,
    ratio,
    trade_rows,
)

counts = st.integers(min_value=0, max_value=10_000)
figures = st.builds(Figures, **dict.fromkeys(FIGURE_NAMES, counts))
codes = st.sampled_from(["C01", "C02", "C03", "C09", "S01", "S04", "L01", "O02", "X99"])
trade_counts = st.builds(TradeCounts, checked_in=counts, registered=counts, posted=counts,
                         open_places=counts, hires=counts)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
NAMES = {"C01": ("瓦工", "Bricklayer"), "C09": ("装修杂工", "Renovation helper"),
         "S01": ("保洁", "Cleaner")}


def row(code: str, **values: int) -> TradeRow:
    c = TradeCounts(**values)
    return TradeRow(code, code, code, c.checked_in, c.registered, c.posted, c.open_places,
                    c.hires)


def test_periods() -> None:
    feb = Period.month(2028, 2)
    assert (feb.first, feb.last, len(feb.days)) == (date(2028, 2, 1), date(2028, 2, 29), 29)
    assert len(Period.month(2026, 11).days) == 30
    assert Period.day(date(2026, 11, 23)).days == (date(2026, 11, 23),)
    with pytest.raises(ValueError):
        Period(date(2026, 11, 2), date(2026, 11, 1))


def test_elapsed_days_and_the_average_of_a_month_in_progress() -> None:
    month = Period.month(2026, 11)
    assert month.elapsed_days(date(2026, 11, 10)) == 10
    assert month.elapsed_days(date(2026, 12, 5)) == 30
    assert month.elapsed_days(date(2026, 10, 31)) == 1  # not begun: no division by zero
    assert average_per_day(25, month, date(2026, 11, 10)) == 2.5
    assert average_per_day(0, month, date(2026, 11, 10)) == 0.0


def test_ratios_and_rates() -> None:
    assert ratio(3, 0) is None and ratio(0, 4) == 0.0 and ratio(6, 4) == 1.5
    assert Figures(referrals=4, hires=1).hire_rate == 0.25
    assert Figures().hire_rate is None
    assert Figures(guidance=1, recommendations=3, training=1).services_131 == 5
    assert row("C01", checked_in=4, posted=10).demand_ratio == 2.5
    assert row("C01", posted=10).demand_ratio is None


@given(st.lists(figures, max_size=31), counts)
def test_a_periods_figures_are_the_sums_of_its_days(days_: list[Figures], distinct: int) -> None:
    total = add_figures(days_, distinct)
    for name in FIGURE_NAMES:
        expected = distinct if name == "workers_checked_in" else sum(
            getattr(f, name) for f in days_)
        assert getattr(total, name) == expected


@given(st.integers(min_value=0, max_value=100_000), days, st.integers(0, 40), days)
def test_the_average_is_the_total_over_the_elapsed_days(total: int, first: date, length: int,
                                                        today: date) -> None:
    period = Period(first, first + timedelta(days=length))
    elapsed = period.elapsed_days(today)
    assert 1 <= elapsed <= length + 1
    assert abs(average_per_day(total, period, today) - total / elapsed) <= 0.05 + 1e-9


@given(st.dictionaries(codes, trade_counts, max_size=9), st.randoms())
def test_trade_rows_keep_active_trades_in_an_order_independent_of_input(
        given_counts: dict[str, TradeCounts], rnd: random.Random) -> None:
    rows = trade_rows(given_counts, NAMES)
    active = {c for c, v in given_counts.items()
              if v.checked_in or v.registered or v.posted or v.open_places or v.hires}
    assert {r.trade for r in rows} == active
    shuffled = list(given_counts.items())
    rnd.shuffle(shuffled)
    assert trade_rows(dict(shuffled), NAMES) == rows
    keys = [-(r.checked_in + r.posted) for r in rows]
    assert keys == sorted(keys)
    for r in rows:
        assert (r.zh, r.en) == NAMES.get(r.trade, (r.trade, r.trade))


@given(st.dictionaries(codes, trade_counts, max_size=9), st.randoms())
def test_main_trades_are_the_three_most_recruited(given_counts: dict[str, TradeCounts],
                                                  rnd: random.Random) -> None:
    rows = list(trade_rows(given_counts, NAMES))
    top = main_trades(rows)
    assert len(top) <= 3 and len(set(top)) == len(top)
    rnd.shuffle(rows)
    assert main_trades(rows) == top
    by_code = {r.trade: r for r in rows}
    demanded = [r for r in rows if r.posted or r.hires or r.open_places]
    if demanded:
        assert all(by_code[c] in demanded for c in top)
        assert len(top) == min(3, len(demanded))
        worst = min(by_code[c].posted for c in top)
        assert all(r.posted <= worst for r in demanded if r.trade not in top)
    else:
        offered = [r for r in rows if r.registered or r.checked_in]
        assert len(top) == min(3, len(offered))


def test_main_trades_break_ties_by_demand_then_hires_then_code() -> None:
    rows = [row("S01", posted=5, hires=1), row("C09", posted=5, hires=2),
            row("C01", posted=5, hires=1), row("L01", posted=9), row("O02", registered=50)]
    assert main_trades(rows) == ("L01", "C09", "C01")
    assert main_trades([row("O02", registered=50), row("C01", registered=50),
                        row("S01", checked_in=3)]) == ("C01", "O02", "S01")
    assert main_trades([]) == ()
