"""Privacy helpers: masking for display, a keyed blind index for look-ups, age rules."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date

from kiosk.core.records import Sex

BLIND_INDEX_KEY_BYTES = 32
# The version of the consent text workers agree to (kiosk.ui: registration, counter form);
# a new text gets a new version, kept with each worker's consent.
CONSENT_VERSION = "2026-12"


def new_blind_index_key() -> bytes:
    """A fresh per-installation key for the blind index."""
    return secrets.token_bytes(BLIND_INDEX_KEY_BYTES)


def blind_index(key: bytes, id_number: str) -> str:
    """Keyed HMAC-SHA256 of a normalised ID number: finds a worker without storing the number."""
    if len(key) < 16:
        raise ValueError("blind index key too short")
    return hmac.new(key, id_number.upper().encode("ascii"), hashlib.sha256).hexdigest()


def mask_id_number(id_number: str) -> str:
    """3701**********123X: the first 4 and last 4 characters, the rest hidden."""
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def mask_phone(phone: str) -> str:
    """138****5678 for a mobile; a landline keeps its area code and last 2 digits."""
    if len(phone) == 11 and phone.isdigit():
        return phone[:3] + "****" + phone[-4:]
    if "-" in phone:
        area, rest = phone.split("-", 1)
        return area + "-" + "*" * max(0, len(rest) - 2) + rest[-2:]
    return "*" * max(0, len(phone) - 4) + phone[-4:]


def mask_name(name: str) -> str:
    """张*明 / 张* / 欧**娜: the first and last characters of longer names, never the middle."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def age_on(birth_date: date, day: date) -> int:
    """Full years of age on `day`."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


@dataclass(frozen=True, slots=True)
class OlderWorkerRule:
    """大龄 thresholds for hardship priority (the "4050" rule by default; from config)."""

    men: int = 50
    women: int = 40

    def is_older(self, birth_date: date, sex: Sex, day: date) -> bool:
        threshold = self.men if sex is Sex.MALE else self.women
        return age_on(birth_date, day) >= threshold
