"""Staff PINs (scrypt), staff ids and the lockout rule: pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.errors import Err, Ok
from kiosk.core.staff import (
    LockoutPolicy,
    StaffMember,
    StaffRole,
    after_failure,
    after_success,
    hash_pin,
    is_locked,
    validate_new_pin,
    validate_staff_id,
    verify_pin,
)

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def member(**changes: object) -> StaffMember:
    values: dict[str, object] = {
        "id": "S001", "name": "王芳", "role": StaffRole.CLERK, "pin_hash": hash_pin("258036"),
        "active": True, "failed_attempts": 0, "locked_until": None, "created_at": NOW,
        "updated_at": NOW}
    values.update(changes)
    return StaffMember(**values)  # type: ignore[arg-type]


def test_a_pin_verifies_against_its_hash_and_nothing_else() -> None:
    stored = hash_pin("258036")
    assert stored.startswith("scrypt$16384$8$1$")
    assert "258036" not in stored
    assert verify_pin("258036", stored)
    assert not verify_pin("258037", stored)
    assert not verify_pin("", stored)


def test_the_same_pin_hashes_differently_with_a_fresh_salt() -> None:
    assert hash_pin("258036") != hash_pin("258036")
    assert hash_pin("258036", b"s" * 16) == hash_pin("258036", b"s" * 16)


@pytest.mark.parametrize("stored", ["", "plain", "bcrypt$1$2$3$AA==$AA==", "scrypt$x$8$1$AA==$AA==",
                                    "scrypt$16384$8$1$!!$AA=="])
def test_a_malformed_hash_matches_no_pin(stored: str) -> None:
    assert not verify_pin("258036", stored)


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=12))
def test_verify_never_raises(pin: str) -> None:
    assert verify_pin(pin, hash_pin("258036")) is (pin == "258036")


@pytest.mark.parametrize("pin", ["258036", "90817263", "135790"])
def test_good_pins_are_accepted(pin: str) -> None:
    assert validate_new_pin(pin) == Ok(pin)


@pytest.mark.parametrize(("pin", "code"), [
    ("12345", "pin_format"), ("123456789", "pin_format"), ("12a456", "pin_format"),
    ("１２３４５６", "pin_format"), ("", "pin_format"),
    ("000000", "pin_weak"), ("123456", "pin_weak"), ("876543", "pin_weak"),
    ("34567890", "pin_weak"),
])
def test_short_long_non_digit_and_trivial_pins_are_refused(pin: str, code: str) -> None:
    result = validate_new_pin(pin)
    assert isinstance(result, Err) and result.codes() == {code}


def test_staff_ids_are_normalised_or_refused() -> None:
    assert validate_staff_id(" s001 ") == Ok("S001")
    for bad in ("", "S", "员工1", "S 01", "S001;DROP", "A" * 17):
        assert isinstance(validate_staff_id(bad), Err), bad


def test_the_fifth_wrong_pin_in_a_row_locks_for_five_minutes() -> None:
    policy = LockoutPolicy()
    m = member()
    for attempt in range(1, 5):
        m = after_failure(m, NOW, policy)
        assert m.failed_attempts == attempt and not is_locked(m, NOW)
    m = after_failure(m, NOW, policy)
    assert is_locked(m, NOW)
    assert is_locked(m, NOW + timedelta(minutes=4, seconds=59))
    assert not is_locked(m, NOW + timedelta(minutes=5))
    assert m.failed_attempts == 0  # the count starts over once the lock ends


def test_a_right_pin_resets_the_count() -> None:
    m = after_failure(after_failure(member(), NOW, LockoutPolicy()), NOW, LockoutPolicy())
    assert after_success(m, NOW).failed_attempts == 0
    assert after_success(m, NOW).locked_until is None


def test_the_policy_is_configurable() -> None:
    policy = LockoutPolicy(max_failures=2, lock_for=timedelta(minutes=1))
    m = after_failure(after_failure(member(), NOW, policy), NOW, policy)
    assert m.locked_until == NOW + timedelta(minutes=1)
