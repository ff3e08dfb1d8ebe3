"""The ID number's check character is python-stdnum's, without importing stdnum."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from kiosk.core.fields import id_check_digit, with_check_digit


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_the_check_character_is_stdnums(first17: str) -> None:
    assert id_check_digit(first17) == ric.calc_check_digit(first17 + "0")
    number = with_check_digit(first17)
    assert ric.calc_check_digit(number) == number[17]


def test_every_check_character_occurs() -> None:
    found = {id_check_digit(f"1101011990030700{n:01d}") for n in range(10)}
    found |= {id_check_digit(f"37010419751231{n:03d}") for n in range(200)}
    assert found == set("0123456789X")
