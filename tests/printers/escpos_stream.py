"""An independent ESC/POS decoder for tests: reads the byte stream a printer received, in
order and across connections, as the printer would, and says what came out on paper.

It knows only the commands a thermal printer acts on here (ESC @, ESC d, GS V, GS v 0,
DLE EOT real-time status, LF, NUL). Anything else is printed as text or taken as an unknown
command: both are recorded as `junk`, which on real paper is garbage. The one exception: a
command cut short and followed by NUL (ESC NUL, GS NUL, GS v NUL) is an undefined command
that printers ignore, which is how a reset after a stall gets a printer out of one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ESC, GS, DLE, NUL, LF = 0x1B, 0x1D, 0x10, 0x00, 0x0A
_NOT_NUL = re.compile(rb"[^\x00]")


@dataclass
class Piece:
    """One piece of paper between two cuts."""

    width_bytes: int = 0
    raster: bytearray = field(default_factory=bytearray)  # row after row, 1 = a dot
    feeds: int = 0
    junk: list[str] = field(default_factory=list)

    def ink(self) -> bytes:
        """The raster without the blank rows at its end."""
        return bytes(self.raster).rstrip(b"\0")


@dataclass
class Paper:
    pieces: list[Piece]  # cut off
    remnant: Piece  # still in the printer, not cut
    pending: bytes  # an incomplete command at the end of the stream


def decode(stream: bytes) -> Paper:
    pieces: list[Piece] = []
    piece = Piece()
    pos = 0
    while pos < len(stream):
        step = _command(stream, pos, piece)
        if step is None:  # the stream ends inside a command: the printer waits for the rest
            return Paper(pieces, piece, stream[pos:])
        pos, cut = step
        if cut:
            pieces.append(piece)
            piece = Piece()
    return Paper(pieces, piece, b"")


def _command(data: bytes, pos: int, piece: Piece) -> tuple[int, bool] | None:
    """Act on the command at `pos`: (where the next one starts, whether the paper was cut)."""
    byte = data[pos]
    if byte == NUL:
        found = _NOT_NUL.search(data, pos)
        return (found.start() if found else len(data)), False
    if byte == LF:
        piece.feeds += 1
        return pos + 1, False
    if byte == ESC:
        return _esc(data, pos, piece)
    if byte == GS:
        return _gs(data, pos, piece)
    if byte == DLE:
        return _dle(data, pos, piece)
    piece.junk.append(f"byte {byte:#04x} at {pos}")
    return pos + 1, False


def _esc(data: bytes, pos: int, piece: Piece) -> tuple[int, bool] | None:
    if pos + 1 >= len(data):
        return None
    op = data[pos + 1]
    if op == NUL:
        return pos + 2, False
    if op == ord("@"):
        return pos + 2, False
    if op == ord("d"):
        if pos + 2 >= len(data):
            return None
        piece.feeds += data[pos + 2]
        return pos + 3, False
    piece.junk.append(f"ESC {op:#04x} at {pos}")
    return pos + 2, False


def _gs(data: bytes, pos: int, piece: Piece) -> tuple[int, bool] | None:
    if pos + 2 >= len(data):
        return None
    op = data[pos + 1]
    if op == NUL:
        return pos + 2, False
    if op == ord("V"):
        return _cut(data, pos, piece)
    if op == ord("v") and data[pos + 2] in (NUL, ord("0")):
        return (pos + 3, False) if data[pos + 2] == NUL else _raster(data, pos, piece)
    piece.junk.append(f"GS {op:#04x} at {pos}")
    return pos + 2, False


def _cut(data: bytes, pos: int, piece: Piece) -> tuple[int, bool] | None:
    """GS V m, and GS V m n for m = 65, 66 (feed n, then cut)."""
    mode = data[pos + 2]
    if mode in (0, 1, 48, 49):
        return pos + 3, True
    if mode in (65, 66):
        return (pos + 4, True) if pos + 3 < len(data) else None
    piece.junk.append(f"GS V {mode} at {pos}")
    return pos + 3, False


def _raster(data: bytes, pos: int, piece: Piece) -> tuple[int, bool] | None:
    """GS v 0 m xL xH yL yH, then (xL + 256·xH)·(yL + 256·yH) bytes of dots."""
    if pos + 8 > len(data):
        return None
    _, xl, xh, yl, yh = data[pos + 3:pos + 8]
    width, rows = xl + 256 * xh, yl + 256 * yh
    end = pos + 8 + width * rows
    if end > len(data):
        return None
    if rows:
        if piece.raster and piece.width_bytes != width:
            piece.junk.append(f"a band {width} bytes wide after {piece.width_bytes} at {pos}")
        piece.width_bytes = width
        piece.raster += data[pos + 8:end]
    return end, False


def _dle(data: bytes, pos: int, piece: Piece) -> tuple[int, bool] | None:
    if pos + 2 >= len(data):
        return None
    if data[pos + 1] == 0x04 and data[pos + 2] in (1, 2, 3, 4):  # DLE EOT n: status
        return pos + 3, False
    piece.junk.append(f"DLE {data[pos + 1]:#04x} at {pos}")
    return pos + 2, False
