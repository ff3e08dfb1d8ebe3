"""Every validator answers any text with a result value: it never raises.

The hub re-validates whatever terminals send, so validators see arbitrary strings; an
accepted value is always in its canonical ASCII form.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.errors import Err, Ok
from kiosk.core.fields import (
    validate_amount,
    validate_headcount,
    validate_id_number,
    validate_landline,
    validate_mobile,
    validate_person_name,
    validate_phone,
    validate_start_time,
    validate_uscc,
)
from tests.conftest import TODAY

# digits of every script (they pass str.isdigit), separators, letters, anything
DIGITISH = st.characters(categories=["Nd", "No"])
ANY_TEXT = st.one_of(
    st.text(max_size=24),
    st.text(st.one_of(st.sampled_from("0123456789+-() xX"), DIGITISH), max_size=24),
)


@settings(max_examples=1000, deadline=None)
@given(ANY_TEXT)
def test_validators_never_raise_and_accept_only_canonical_values(text: str) -> None:
    checks = {
        "id_number": lambda: validate_id_number(text, TODAY),
        "mobile": lambda: validate_mobile(text),
        "landline": lambda: validate_landline(text),
        "phone": lambda: validate_phone(text),
        "uscc": lambda: validate_uscc(text),
        "amount": lambda: validate_amount(text),
        "headcount": lambda: validate_headcount(text),
        "name": lambda: validate_person_name(text),
        "start_time": lambda: validate_start_time(text),
    }
    problems: list[str] = []
    for name, check in checks.items():
        try:
            result = check()
        except Exception as exc:
            problems.append(f"{name} raised {exc!r}")
            continue
        if isinstance(result, Err):
            if not result.errors or any(not (e.field and e.code and e.message)
                                        for e in result.errors):
                problems.append(f"{name} gave an incomplete error {result!r}")
            continue
        assert isinstance(result, Ok)
        value = result.value
        canonical = {
            "id_number": lambda v: re.fullmatch(r"[0-9]{17}[0-9X]", v.number),
            "mobile": lambda v: re.fullmatch(r"1[3-9][0-9]{9}", v),
            "landline": lambda v: re.fullmatch(r"0[0-9]{2,3}-[0-9]{7,8}(-[0-9]{1,5})?", v),
            "phone": lambda v: re.fullmatch(
                r"1[3-9][0-9]{9}|0[0-9]{2,3}-[0-9]{7,8}(-[0-9]{1,5})?", v),
            "uscc": lambda v: re.fullmatch(r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}", v),
            "amount": lambda v: isinstance(v, int) and v > 0,
            "headcount": lambda v: isinstance(v, int) and 1 <= v <= 999,
            "name": lambda v: 0 < len(v) <= 30 and v == v.strip(),
            "start_time": lambda v: v is None or re.fullmatch(r"[0-2][0-9]:[0-5][0-9]", v),
        }[name]
        if not canonical(value):
            problems.append(f"{name} accepted {text!r} as {value!r}")
    assert problems == []
