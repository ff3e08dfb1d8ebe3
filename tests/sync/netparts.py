"""Real network parts for the sync tests: the hub as a uvicorn process, a cutting proxy."""

from __future__ import annotations

import contextlib
import gzip
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.sync.pg import free_port

STARTUP_DEADLINE_S = 60


@contextlib.contextmanager
def hub_process(db_url: str, log: Path, *, tls: tuple[Path, Path, Path] | None = None,
                workers: int = 1) -> Iterator[str]:
    """`kiosk-hub serve` in its own process on a loopback port; yields its base URL.
    `tls` = (certificate, key, CA that signed it): HTTPS."""
    port = free_port()
    extra = [] if tls is None else ["--certfile", str(tls[0]), "--keyfile", str(tls[1])]
    extra += ["--workers", str(workers)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sync.hub.cli", "--db", db_url, "serve",
             "--host", "127.0.0.1", "--port", str(port), "--hub-key",
             str(log.parent / "hub.key"), *extra], stdout=out, stderr=subprocess.STDOUT)
    url = f"{'http' if tls is None else 'https'}://127.0.0.1:{port}"
    try:
        _wait_ready(url, proc, log, None if tls is None else tls[2])
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path,
                ca: Path | None = None) -> None:
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the hub exited: {log.read_text(errors='replace')}")
        with contextlib.suppress(httpx.HTTPError):
            verify = True if ca is None else ssl.create_default_context(cafile=str(ca))
            if httpx.get(f"{url}/health", timeout=2, verify=verify).status_code == 200:
                return
        time.sleep(0.05)
    raise RuntimeError(f"the hub did not start: {log.read_text(errors='replace')}")


class CuttingProxy:
    """A loopback TCP proxy that can cut the next request body or the next response.

    `cut_response()`: the request reaches the hub whole (so it commits), and when the hub's
    answer starts arriving the connection to the client is closed instead: the answer is
    lost. With several requests on the wire at once the hub answers them in any order, so
    `cut_response(to_request_with=b"...")` names the request whose answer is lost by bytes
    its body holds. `cut_request(n)`: only the first n bytes the client sends get through,
    then both connections close: the hub never sees a whole request.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._cut_response = 0
        self._cut_answer_to: bytes | None = None
        self._cut_request_after: int | None = None
        self._stall = threading.Event()
        self.cuts = 0
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut_response(self, to_request_with: bytes | None = None) -> None:
        """Lose the next answer, or the answer to the next request whose body (inflated,
        when it is gzipped) contains `to_request_with`."""
        with self._lock:
            if to_request_with is None:
                self._cut_response += 1
            else:
                self._cut_answer_to = to_request_with

    def cut_request(self, after_bytes: int) -> None:
        with self._lock:
            self._cut_request_after = after_bytes

    def stall_responses(self, on: bool = True) -> None:
        """Hold the hub's answers back (a hub that does not answer in time)."""
        if on:
            self._stall.set()
        else:
            self._stall.clear()

    def _stall_until_released(self) -> None:
        while self._stall.is_set() and not self._closed:
            time.sleep(0.05)

    def close(self) -> None:
        self._closed = True
        self._stall.clear()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        lose_answer = threading.Event()  # the request on this connection is the marked one
        threading.Thread(target=self._requests, args=(client, upstream, lose_answer),
                         daemon=True).start()
        self._responses(upstream, client, lose_answer)

    def _requests(self, client: socket.socket, upstream: socket.socket,
                  lose_answer: threading.Event) -> None:
        unread = b""  # what the client sent after its last whole request
        with contextlib.suppress(OSError):
            while data := client.recv(65536):
                # Before the request's last bytes go on: its answer cannot come back first.
                unread = self._mark(unread + data, lose_answer)
                with self._lock:
                    left = self._cut_request_after
                    if left is not None:
                        self._cut_request_after = max(0, left - len(data))
                if left is not None and len(data) >= left:
                    upstream.sendall(data[:left])
                    with self._lock:
                        self._cut_request_after = None
                        self.cuts += 1
                    break
                upstream.sendall(data)
        _close(client, upstream)

    def _mark(self, unread: bytes, lose_answer: threading.Event) -> bytes:
        """Set `lose_answer` when a whole request in `unread` holds the bytes that name the
        request whose answer is lost; the bytes after the last whole request."""
        while (request := _whole_request(unread)) is not None:
            body, unread = request
            with self._lock:
                if self._cut_answer_to is not None and self._cut_answer_to in body:
                    self._cut_answer_to = None
                    lose_answer.set()
        return unread

    def _responses(self, upstream: socket.socket, client: socket.socket,
                   lose_answer: threading.Event) -> None:
        with contextlib.suppress(OSError):
            while data := upstream.recv(65536):
                with self._lock:
                    cut = lose_answer.is_set() or self._cut_response > 0
                    if cut:
                        if not lose_answer.is_set():
                            self._cut_response -= 1
                        self.cuts += 1
                if self._stall.is_set():
                    self._stall_until_released()
                    break
                if cut:
                    break
                client.sendall(data)
        _close(client, upstream)


def _whole_request(data: bytes) -> tuple[bytes, bytes] | None:
    """The body of the HTTP/1.1 request `data` starts with (inflated, when it is gzipped)
    and the bytes after it; None while that request is not whole yet."""
    head, end, rest = data.partition(b"\r\n\r\n")
    if not end:
        return None
    headers = {}
    for line in head.split(b"\r\n")[1:]:  # after the request line
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get(b"content-length", b"0"))
    if len(rest) < length:
        return None
    body = rest[:length]
    if headers.get(b"content-encoding", b"").lower() == b"gzip":
        body = gzip.decompress(body)
    return body, rest[length:]


def _close(*sockets: socket.socket) -> None:
    for s in sockets:
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        s.close()
