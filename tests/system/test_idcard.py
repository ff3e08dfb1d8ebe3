"""The SAM-protocol ID-card reader against a hostile fake port: a card read a byte at a
time after garbage, no card, stalls, bad checksums, a card taken away mid-read, garbage and
absurd lengths — each a clear `ReaderError` reason, never a hang or another exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.system.idcard import (
    FIND,
    PREAMBLE,
    READ,
    SELECT,
    IdCardRead,
    ReaderError,
    SamReader,
    answer,
    command,
    parse_text,
)
from tests.system.hostile_reader import NAME, NUMBER, PHOTO, HostilePort, good_answers


def reader(port: HostilePort) -> SamReader:
    return SamReader(port, timeout_s=2.0, clock=port.clock)


def test_a_card_read_a_byte_at_a_time_after_garbage() -> None:
    port = HostilePort(good_answers(), chunk=1,
                       mangle=lambda _c, frame: b"\x00\xff\xaa\xaa\x13" + frame)
    assert reader(port).read_card() == IdCardRead(NAME, NUMBER, PHOTO)
    assert port.commands == [FIND, SELECT, READ]


def test_command_frames_carry_length_and_checksum() -> None:
    assert command(0x20, 0x01) == PREAMBLE + bytes.fromhex("0003200122")
    assert command(0x30, 0x01) == PREAMBLE + bytes.fromhex("0003300132")


def test_no_card_is_none_and_a_card_gone_before_select_too() -> None:
    assert reader(HostilePort({FIND: answer(0x80)})).read_card() is None
    answers = {**good_answers(), SELECT: answer(0x81)}
    assert reader(HostilePort(answers)).read_card() is None


@pytest.mark.parametrize(("answers", "mangle", "reason"), [
    ({}, None, "timeout"),  # the reader never answers
    (None, lambda c, f: f[: len(f) // 2] if c == READ else f, "timeout"),  # cut, then stall
    (None, lambda c, f: f[:-1] + bytes((f[-1] ^ 0x55,)) if c == READ else f, "checksum"),
    ({**good_answers(), READ: answer(0x41)}, None, "card_removed"),
    ({**good_answers(), FIND: answer(0x33)}, None, "status"),
    ({FIND: bytes(range(256)) * 40}, None, "garbage"),
    ({FIND: PREAMBLE + b"\xff\xff" + b"\x00" * 10}, None, "too_long"),
    ({FIND: PREAMBLE + b"\x00\x01\x00"}, None, "garbage"),
])
def test_hostile_answers_give_a_reason(answers: object, mangle: object, reason: str) -> None:
    port = HostilePort(good_answers() if answers is None else answers,  # type: ignore[arg-type]
                       chunk=7, **({"mangle": mangle} if mangle else {}))  # type: ignore[arg-type]
    with pytest.raises(ReaderError) as caught:
        reader(port).read_card()
    assert caught.value.reason == reason


def test_a_read_whose_lengths_overrun_the_answer_is_a_card_removed() -> None:
    text_and_photo = b"\x01\x00\x04\x00" + b"\x00" * 20  # claims 256 + 1024 bytes
    port = HostilePort({**good_answers(), READ: answer(0x90, text_and_photo)})
    with pytest.raises(ReaderError) as caught:
        reader(port).read_card()
    assert caught.value.reason == "card_removed"


def test_a_text_block_that_is_not_ucs2_is_refused() -> None:
    with pytest.raises(ReaderError):
        parse_text(b"\x00\xd8" * 128)  # lone surrogates
    with pytest.raises(ReaderError):
        parse_text(b"short")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600), st.integers(min_value=1, max_value=64))
def test_any_bytes_end_in_a_card_none_or_a_reader_error(noise: bytes, chunk: int) -> None:
    port = HostilePort({FIND: noise, SELECT: noise, READ: noise}, chunk=chunk)
    try:
        result = reader(port).read_card()
    except ReaderError:
        return
    assert result is None or isinstance(result, IdCardRead)
