"""How money, pay and dates read on screens, boards and tickets (translated)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.core.records import PayUnit, Settlement

_UNITS = {
    PayUnit.DAY: N_("day"),
    PayUnit.HOUR: N_("hour"),
    PayUnit.PIECE: N_("piece"),
    PayUnit.MONTH: N_("month"),
    PayUnit.SQUARE_METRE: N_("m²"),
    PayUnit.JOB: N_("whole job"),
}
_SETTLEMENTS = {
    Settlement.DAILY: N_("paid daily"),
    Settlement.WEEKLY: N_("paid weekly"),
    Settlement.MONTHLY: N_("paid monthly"),
    Settlement.ON_COMPLETION: N_("paid on completion"),
}


def yuan(cents: int) -> str:
    """¥350, ¥25.5, ¥1,200.05: no trailing zeros, thousands grouped."""
    whole, fraction = divmod(cents, 100)
    text = f"¥{whole:,}"
    if fraction:
        text += f".{fraction:02d}".rstrip("0")
    return text


def pay(cents: int, unit: PayUnit, language: str) -> str:
    """¥350/天 or ¥350/day."""
    return f"{yuan(cents)}/{translate(_UNITS[unit], language)}"


def settlement(value: Settlement, language: str) -> str:
    """日结, 周结, 月结, 完工结."""
    return translate(_SETTLEMENTS[value], language)


def month_day(day: date, language: str) -> str:
    """11月25日 or 11/25."""
    return translate(N_("{month}/{day}"), language).format(month=day.month, day=day.day)


def relative_day(day: date, today: date, language: str) -> str:
    """今天, 明天, or the month and day."""
    if day == today:
        return translate(N_("Today"), language)
    if day == today + timedelta(days=1):
        return translate(N_("Tomorrow"), language)
    return month_day(day, language)


def starts(day: date, start_time: str | None, today: date, language: str) -> str:
    """今天 07:00 开工: when a job starts, as workers read it."""
    moment = relative_day(day, today, language)
    if start_time:
        moment = f"{moment} {start_time}"
    return translate(N_("Starts {when}"), language).format(when=moment)


_FULL_WIDTH = {":": "：", ",": "，", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_HALF_PUNCTUATION = re.compile(r"\s*([:,;!?])\s*")


def cjk_punctuation(text: str) -> str:
    """Chinese text with the half-width : , ; ! ? typed beside a Chinese character made
    full-width (地址: 济南 → 地址：济南; 18:00,登记 → 18:00，登记); times (06:00), numbers
    (1,000) and Latin text keep theirs."""
    def full(match: re.Match[str]) -> str:
        before = text[:match.start()].rstrip()
        after = text[match.end():].lstrip()
        if (before and _CJK.match(before[-1])) or (after and _CJK.match(after[0])):
            return _FULL_WIDTH[match.group(1)]
        return match.group(0)

    return _HALF_PUNCTUATION.sub(full, text)
