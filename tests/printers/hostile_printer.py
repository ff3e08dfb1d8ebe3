"""A network ESC/POS printer (raw TCP on loopback) as awkward as a real one.

It takes one connection at a time, in order, and keeps everything it read as one stream
(a printer does not know where one connection's document ends: its state carries over).
It reads in random small pieces, sometimes slowly, with a tiny receive buffer; on the
connections chosen at random it stalls (paper out, lid open) at a random byte offset for
longer than the sender waits, then resumes and takes what its TCP buffer holds. Real-time
status requests (DLE EOT n) are answered "ready" when `answers_status`.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from dataclasses import dataclass, field

PATIENCE_S = 15.0
STATUS_READY = b"\x12"  # bits 1 and 4 set: no error, paper present, cover shut


@dataclass
class HostilePrinter:
    rng: random.Random
    stall_chance: float = 0.5
    stall_s: float = 0.25
    stall_within: int = 40_000  # stall offsets are drawn from [0, stall_within)
    answers_status: bool = True
    stream: bytearray = field(default_factory=bytearray)
    stalls: int = 0
    max_stalls: int = 10**9
    connections: int = 0

    def __post_init__(self) -> None:
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self._server.settimeout(0.05)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(PATIENCE_S)
        self._server.close()

    def wait_idle(self) -> None:
        """Until every connection made so far has been read to its end."""
        deadline = time.monotonic() + PATIENCE_S
        self._idle.clear()
        while not self._idle.wait(0.05):
            assert time.monotonic() < deadline, "the printer never caught up"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                self._idle.set()
                continue
            with conn:
                self.connections += 1
                self._take(conn)

    def _take(self, conn: socket.socket) -> None:
        conn.settimeout(PATIENCE_S)
        stall_at = self._stall_offset()
        got = 0
        while True:
            if stall_at is not None and got >= stall_at:
                self.stalls += 1
                time.sleep(self.stall_s)  # the sender gives up meanwhile
                stall_at = None
            want = self.rng.randint(1, 4096)
            if stall_at is not None:
                want = max(1, min(want, stall_at - got))
            try:
                chunk = conn.recv(want)
            except OSError:
                return
            if not chunk:
                return
            self.stream += chunk
            got += len(chunk)
            self._answer_status(conn, chunk)
            if self.rng.random() < 0.03:
                time.sleep(0.003)  # printing a line: slower than the network

    def _stall_offset(self) -> int | None:
        if self.stalls >= self.max_stalls or self.rng.random() >= self.stall_chance:
            return None
        return self.rng.randrange(0, self.stall_within)

    def _answer_status(self, conn: socket.socket, chunk: bytes) -> None:
        if self.answers_status and b"\x10\x04" in chunk:
            with contextlib.suppress(OSError):
                conn.sendall(STATUS_READY)
