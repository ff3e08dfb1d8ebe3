"""Real network parts for the sync tests: the hub as a uvicorn process, a cutting proxy."""

from __future__ import annotations

import contextlib
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
    lost. `cut_request(n)`: only the first n bytes the client sends get through, then both
    connections close: the hub never sees a whole request.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._cut_response = 0
        self._cut_request_after: int | None = None
        self._stall = threading.Event()
        self.cuts = 0
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut_response(self) -> None:
        with self._lock:
            self._cut_response += 1

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
        threading.Thread(target=self._requests, args=(client, upstream), daemon=True).start()
        self._responses(upstream, client)

    def _requests(self, client: socket.socket, upstream: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := client.recv(65536):
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

    def _responses(self, upstream: socket.socket, client: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := upstream.recv(65536):
                with self._lock:
                    cut = self._cut_response > 0
                    if cut:
                        self._cut_response -= 1
                        self.cuts += 1
                if self._stall.is_set():
                    self._stall_until_released()
                    break
                if cut:
                    break
                client.sendall(data)
        _close(client, upstream)


def _close(*sockets: socket.socket) -> None:
    for s in sockets:
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        s.close()
