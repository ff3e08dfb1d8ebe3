"""二代身份证 readers behind one narrow interface: `IdCardReader.read_card()` gives the
name and ID number on the card on the reader (and the photo's bytes as the card holds
them), None when no card is there, or raises `ReaderError` with a reason staff can act on.

`SamReader` speaks the serial protocol of the readers built on the 公安部 SAM module (the
interface of GA 467): every frame starts AA AA AA 96 69, then a 2-byte big-endian length
of what follows; a command is CMD PARA [data] CHK, an answer SW1 SW2 SW3 [data] CHK, where
CHK is the XOR of the length bytes and everything after them. Reading a card is 20 01
(find a card: SW3 9F), 20 02 (select it: 90), 30 01 (read the text and photo: 90, then
2-byte text length, 2-byte photo length, the text — UCS-2 little-endian, fixed fields:
name 30 bytes, sex 2, nation 4, birth date 16, address 70, ID number 36, … — then the
photo, 1024 bytes of the card's own compressed format, kept as bytes).

Readers in keyboard mode type the number like a scanner and need none of this
(kiosk.ui.scan_inputs); the photo needs the vendor's decoder and is never shown here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
FIND, SELECT, READ = (0x20, 0x01), (0x20, 0x02), (0x30, 0x01)
FOUND, OK = 0x9F, 0x90  # SW3 of a card found, of a command done
NO_CARD = frozenset({0x80, 0x81})  # SW3: no card found / the card could not be selected
MAX_FRAME = 4096  # a read answers ~1,300 bytes: anything longer is not this protocol
MAX_SKIPPED = 8192  # bytes before a preamble given up on (a wrong baud rate, noise)
NAME_BYTES, ID_OFFSET, ID_BYTES = 30, 122, 36


@dataclass(frozen=True, slots=True)
class IdCardRead:
    name: str
    id_number: str  # as on the card; the caller validates it (GB 11643)
    photo: bytes | None = None  # the card's compressed photo, when the reader gave it


class ReaderError(Exception):
    """The reader did not answer as it should: `reason` is a short code for staff
    (timeout, garbage, checksum, too_long, card_removed, status, text)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class IdCardReader(Protocol):
    def read_card(self) -> IdCardRead | None: ...


class Port(Protocol):
    """The byte stream to the reader (a serial port): `read` returns what came within
    the port's own timeout, possibly nothing or part of what was asked."""

    def read(self, size: int) -> bytes: ...

    def write(self, data: bytes) -> int | None: ...


def command(cmd: int, para: int, data: bytes = b"") -> bytes:
    body = bytes((cmd, para)) + data
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes((_xor(length + body),))


def answer(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """An answer frame as a reader sends it (used by tests and the hostile fake)."""
    body = bytes((sw1, sw2, sw3)) + data
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes((_xor(length + body),))


def card_text(name: str, id_number: str) -> bytes:
    """The 256-byte text block of a card with this name and number (other fields blank)."""
    text = bytearray(b" \x00" * 128)
    encoded = name.encode("utf-16-le")[:NAME_BYTES]
    text[:len(encoded)] = encoded
    number = id_number.encode("utf-16-le")[:ID_BYTES]
    text[ID_OFFSET:ID_OFFSET + len(number)] = number
    return bytes(text)


def parse_text(text: bytes) -> tuple[str, str]:
    """(name, ID number) from the card's text block."""
    if len(text) < ID_OFFSET + ID_BYTES:
        raise ReaderError("text", f"{len(text)} bytes")
    try:
        name = text[:NAME_BYTES].decode("utf-16-le")
        number = text[ID_OFFSET:ID_OFFSET + ID_BYTES].decode("utf-16-le")
    except UnicodeDecodeError as exc:
        raise ReaderError("text", "not UCS-2") from exc
    return name.strip(" \x00\u3000"), number.strip(" \x00")


class SamReader:
    """A SAM-protocol reader on `port`; each exchange gives up after `timeout_s`."""

    def __init__(self, port: Port, *, timeout_s: float = 3.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.port = port
        self.timeout_s = timeout_s
        self._clock = clock

    def read_card(self) -> IdCardRead | None:
        sw3, _ = self._exchange(*FIND)
        if sw3 in NO_CARD:
            return None
        if sw3 != FOUND:
            raise ReaderError("status", f"find {sw3:02x}")
        sw3, _ = self._exchange(*SELECT)
        if sw3 in NO_CARD:
            return None  # taken away between find and select
        if sw3 != OK:
            raise ReaderError("status", f"select {sw3:02x}")
        sw3, data = self._exchange(*READ)
        if sw3 != OK:
            raise ReaderError("card_removed", f"read {sw3:02x}")
        if len(data) < 4:
            raise ReaderError("text", "no lengths")
        text_len, photo_len = int.from_bytes(data[:2], "big"), int.from_bytes(data[2:4], "big")
        if 4 + text_len + photo_len > len(data):
            raise ReaderError("card_removed", "answer cut short")
        name, number = parse_text(data[4:4 + text_len])
        photo = data[4 + text_len:4 + text_len + photo_len] or None
        return IdCardRead(name, number, photo)

    def _exchange(self, cmd: int, para: int) -> tuple[int, bytes]:
        self.port.write(command(cmd, para))
        frame = self._frame()
        return frame[2], frame[3:]

    def _frame(self) -> bytes:
        """The body (SW1 SW2 SW3 data) of the next answer, its checksum checked."""
        deadline = self._clock() + self.timeout_s
        window = b""
        skipped = 0
        while window != PREAMBLE:  # sync: garbage before the preamble is skipped
            byte = self._read(1, deadline)
            window = (window + byte)[-len(PREAMBLE):]
            skipped += 1
            if skipped > MAX_SKIPPED:
                raise ReaderError("garbage", f"no frame in {MAX_SKIPPED} bytes")
        length_bytes = self._read(2, deadline)
        length = int.from_bytes(length_bytes, "big")
        if not 4 <= length <= MAX_FRAME:
            raise ReaderError("too_long" if length > MAX_FRAME else "garbage", str(length))
        rest = self._read(length, deadline)
        body, check = rest[:-1], rest[-1]
        if _xor(length_bytes + body) != check:
            raise ReaderError("checksum")
        return body

    def _read(self, size: int, deadline: float) -> bytes:
        """Exactly `size` bytes, however the port cuts them, or a timeout."""
        got = b""
        while len(got) < size:
            if self._clock() > deadline:
                raise ReaderError("timeout", f"{len(got)} of {size} bytes")
            got += self.port.read(size - len(got))
        return got


class SerialPort:
    """A serial device (pyserial) as a `Port`: 8N1, reads return within 0.1 s."""

    def __init__(self, device: str, baud: int = 115200) -> None:
        import serial  # noqa: PLC0415 - only on a machine with a serial reader

        self._serial = serial.Serial(device, baud, timeout=0.1, write_timeout=1.0)

    def read(self, size: int) -> bytes:
        return bytes(self._serial.read(size))

    def write(self, data: bytes) -> int | None:
        written: int | None = self._serial.write(data)
        return written

    def close(self) -> None:
        self._serial.close()


def _xor(data: bytes) -> int:
    check = 0
    for byte in data:
        check ^= byte
    return check
