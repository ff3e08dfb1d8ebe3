"""How pay and start days read, in both languages."""

from __future__ import annotations

from datetime import date

from kiosk.core import formatting
from kiosk.core.records import PayUnit, Settlement

TODAY = date(2026, 11, 23)


def test_pay_and_settlement() -> None:
    assert formatting.pay(35000, PayUnit.DAY, "zh_CN") == "¥350/天"
    assert formatting.pay(2550, PayUnit.HOUR, "en") == "¥25.5/hour"
    assert formatting.settlement(Settlement.DAILY, "zh_CN") == "日结"


def test_start_days_relative_to_today() -> None:
    assert formatting.starts(TODAY, "07:00", TODAY, "zh_CN") == "今天 07:00 开工"
    assert formatting.starts(date(2026, 11, 24), None, TODAY, "zh_CN") == "明天 开工"
    assert formatting.starts(date(2026, 11, 25), "06:30", TODAY, "zh_CN") == "11月25日 06:30 开工"
    assert formatting.starts(date(2026, 11, 25), None, TODAY, "en") == "Starts 11/25"
    assert formatting.relative_day(TODAY, TODAY, "en") == "Today"


def test_chinese_punctuation_after_chinese_is_full_width() -> None:
    from kiosk.core.formatting import cjk_punctuation

    assert cjk_punctuation("地址: 济南市市中区, 二七新村") == "地址：济南市市中区，二七新村"
    assert cjk_punctuation("开放时间:06:00–18:00") == "开放时间：06:00–18:00"
    assert cjk_punctuation("热线 0531-12333, 工资 1,000 元") == "热线 0531-12333，工资 1,000 元"
    assert cjk_punctuation("每天 06:00–18:00,登记免费") == "每天 06:00–18:00，登记免费"
    assert cjk_punctuation("Call 12333: we help") == "Call 12333: we help"
    assert cjk_punctuation("欠薪?请拨打12333!") == "欠薪？请拨打12333!"
    assert cjk_punctuation("") == ""
