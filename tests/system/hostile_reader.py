"""A hostile 二代身份证 reader on a fake serial port: answers that come a byte at a time,
after garbage, with bad checksums, cut short, or never (a stall). The clock moves only when
the port is read, so timeouts are reached without waiting."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.system.idcard import FIND, FOUND, OK, READ, SELECT, answer, card_text

NAME, NUMBER = "张建国", "37010419750314123X"
PHOTO = bytes(range(256)) * 4
TICK_S = 0.1  # what one read costs on the fake clock (the port's own read timeout)
BYTE_S = 0.0001  # a read that gets bytes: they were there already


def good_answers(name: str = NAME, number: str = NUMBER) -> dict[tuple[int, int], bytes]:
    text = card_text(name, number)
    data = len(text).to_bytes(2, "big") + len(PHOTO).to_bytes(2, "big") + text + PHOTO
    return {FIND: answer(FOUND, b"\x00" * 4), SELECT: answer(OK, b"\x00" * 8),
            READ: answer(OK, data)}


class HostilePort:
    """Answers each command from `answers` (by CMD, PARA), through `mangle`, handing out
    at most `chunk` bytes a read; with nothing queued a read returns b"" (a stall)."""

    def __init__(self, answers: dict[tuple[int, int], bytes], *, chunk: int = 1,
                 mangle: Callable[[tuple[int, int], bytes], bytes] = lambda _c, b: b) -> None:
        self.answers = answers
        self.chunk = chunk
        self.mangle = mangle
        self.now = 0.0
        self.pending = b""
        self.commands: list[tuple[int, int]] = []

    def clock(self) -> float:
        return self.now

    def write(self, data: bytes) -> int:
        cmd = (data[7], data[8])
        self.commands.append(cmd)
        self.pending += self.mangle(cmd, self.answers.get(cmd, b""))
        return len(data)

    def read(self, size: int) -> bytes:
        """Bytes as they come (a byte at 115200 baud: ~0.1 ms), or the port's whole read timeout
        when nothing comes."""
        self.now += TICK_S if not self.pending else BYTE_S
        out, self.pending = self.pending[:min(size, self.chunk)], self.pending[
            min(size, self.chunk):]
        return out
