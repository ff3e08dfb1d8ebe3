"""How money, pay and dates read on screens, boards and tickets (translated)."""

from __future__ import annotations

from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.core.records import PayUnit, Settlement

_UNITS = {
    PayUnit.DAY: N_("day"),
    PayUnit.HOUR: N_("hour"),
    PayUnit.PIECE: N_("piece"),
    PayUnit.MONTH: N_("month"),
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
