"""Counter staff use cases: accounts, sign-in with PIN and lockout, sign-out; all audited."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.fields import validate_person_name
from kiosk.core.records import AuditAction
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
from kiosk.services.hall import Services

# One message for an unknown id and a wrong PIN: the screen does not tell which ids exist.
_WRONG = N_("Wrong staff id or PIN.")


class StaffAccounts:
    def __init__(self, services: Services, policy: LockoutPolicy | None = None) -> None:
        self._services = services
        self._store = services.store
        self.policy = policy or LockoutPolicy()

    def add(self, staff_id: str, name: str, role: StaffRole, pin: str) -> Result[StaffMember]:
        checked = [validate_staff_id(staff_id), validate_person_name(name), validate_new_pin(pin)]
        errors = tuple(e for r in checked if isinstance(r, Err) for e in r.errors)
        if errors:
            return Err(errors)
        now = self._services.now()
        member = StaffMember(
            id=staff_id.strip().upper(), name=name.strip(), role=role, pin_hash=hash_pin(pin),
            active=True, failed_attempts=0, locked_until=None, created_at=now, updated_at=now)
        with self._store.write():
            if not self._store.staff.insert(member):
                return fail("staff_id", "staff_exists", N_("This staff id is already taken."))
        return Ok(member)

    def set_pin(self, staff_id: str, pin: str) -> Result[StaffMember]:
        """A new PIN (set by a supervisor or at the terminal's console); unlocks the id."""
        checked = validate_new_pin(pin)
        if isinstance(checked, Err):
            return checked
        with self._store.write():
            member = self._store.staff.get(staff_id.strip().upper())
            if member is None:
                return fail("staff_id", "not_found", N_("The record was not found."))
            updated = after_success(member, self._services.now())
            self._store.staff.update(_with_pin(updated, pin))
        return Ok(updated)

    def members(self) -> list[StaffMember]:
        return self._store.staff.all()

    def sign_in(self, staff_id: str, pin: str) -> Result[StaffMember]:
        """The staff member when the PIN is right and the id is not locked.

        The fifth wrong PIN in a row locks the id for five minutes; while locked even the
        right PIN is refused (and not checked). A lock is audited.
        """
        now = self._services.now()
        key = staff_id.strip().upper()
        with self._store.write() as tx:
            member = self._store.staff.get(key)
            if member is None or not member.active:
                return fail("pin", "wrong_pin", _WRONG)
            if is_locked(member, now):
                return self._locked(member)
            if not verify_pin(pin, member.pin_hash):
                failed = after_failure(member, now, self.policy)
                self._store.staff.update(failed)
                if is_locked(failed, now):
                    self._services.audit(tx, AuditAction.LOCKED, staff_id=key)
                    return self._locked(failed)
                return fail("pin", "wrong_pin", _WRONG)
            signed_in = after_success(member, now)
            self._store.staff.update(signed_in)
            self._services.audit(tx, AuditAction.SIGN_IN, staff_id=key)
        return Ok(signed_in)

    def sign_out(self, staff_id: str, reason: str = "") -> None:
        """`reason` is "idle" when the console signed the member out by itself."""
        with self._store.write() as tx:
            self._services.audit(tx, AuditAction.SIGN_OUT, detail=reason, staff_id=staff_id)

    def exit_app(self, staff_id: str, pin: str) -> Result[StaffMember]:
        """A staff member closes a touchscreen or board for maintenance: their PIN (lockout
        applies), and the exit is audited."""
        signed = self.sign_in(staff_id, pin)
        if isinstance(signed, Err):
            return signed
        with self._store.write() as tx:
            self._services.audit(tx, AuditAction.EXIT, staff_id=signed.value.id)
        return signed

    def is_supervisor_pin(self, staff_id: str, pin: str, *,
                          refusal: str = N_("Only a supervisor can save a post that the "
                                            "check has blocked.")) -> Result[StaffMember]:
        """A supervisor's approval (e.g. of an override): their id and PIN, lockout applies.
        `refusal`: what a staff member who is not a supervisor is told."""
        signed = self.sign_in(staff_id, pin)
        if isinstance(signed, Err):
            return signed
        if not signed.value.is_supervisor:
            return fail("override_by", "not_supervisor", refusal)
        return signed

    def _locked(self, member: StaffMember) -> Err:
        until = member.locked_until
        local = "" if until is None else self._services.local_time(until).strftime("%H:%M")
        return fail("pin", "locked", N_(
            "Too many wrong PINs: this staff id is locked until {time}."), time=local)


def _with_pin(member: StaffMember, pin: str) -> StaffMember:
    return replace(member, pin_hash=hash_pin(pin))
