"""Counter staff: ids, PINs (scrypt hashes), roles and the lockout after wrong PINs.

Pure: the store keeps a staff member's failed-attempt count and lock time; the rules for
what a wrong or right PIN does to them live here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from kiosk.core.errors import N_, Ok, Result, fail

# scrypt at n=2**14, r=8 costs ~16 MiB and ~40 ms: cheap at a counter, dear for guessing.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P, _SALT_BYTES, _KEY_BYTES = 2**14, 8, 1, 16, 32
_SCHEME = "scrypt"
_STAFF_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{1,15}")
PIN_MIN, PIN_MAX = 6, 8


class StaffRole(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"  # may override the discrimination check


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    name: str
    role: StaffRole
    pin_hash: str
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def is_supervisor(self) -> bool:
        return self.role is StaffRole.SUPERVISOR


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """`max_failures` wrong PINs in a row lock the staff id for `lock_for`."""

    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=5)


def validate_staff_id(raw: str) -> Result[str]:
    text = raw.strip().upper()
    if not _STAFF_ID.fullmatch(text):
        return fail("staff_id", "staff_id_format", N_(
            "A staff id is 2 to 16 letters or digits, e.g. S001."))
    return Ok(text)


def validate_new_pin(pin: str) -> Result[str]:
    """A PIN of 6 to 8 digits that is not one digit repeated nor a plain run (123456)."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        return fail("pin", "pin_format", N_("A PIN is {min} to {max} digits."),
                    min=PIN_MIN, max=PIN_MAX)
    if len(set(pin)) == 1 or pin in "01234567890" or pin in "09876543210":
        return fail("pin", "pin_weak", N_(
            "This PIN is too easy to guess. Please choose another."))
    return Ok(pin)


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$key`, salt and key in base64."""
    salt = salt if salt is not None else secrets.token_bytes(_SALT_BYTES)
    key = _derive(pin, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return "$".join((_SCHEME, str(_SCRYPT_N), str(_SCRYPT_R), str(_SCRYPT_P),
                     _b64(salt), _b64(key)))


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash; a malformed hash matches nothing."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(key, validate=True)
        actual = _derive(pin, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def is_locked(member: StaffMember, now: datetime) -> bool:
    return member.locked_until is not None and now < member.locked_until


def after_failure(member: StaffMember, now: datetime, policy: LockoutPolicy) -> StaffMember:
    """A wrong PIN: one more failure; the last one allowed locks the id and starts over."""
    failures = member.failed_attempts + 1
    if failures >= policy.max_failures:
        return replace(member, failed_attempts=0, locked_until=now + policy.lock_for,
                       updated_at=now)
    return replace(member, failed_attempts=failures, updated_at=now)


def after_success(member: StaffMember, now: datetime) -> StaffMember:
    return replace(member, failed_attempts=0, locked_until=None, updated_at=now)


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=64 * 1024 * 1024, dklen=_KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
