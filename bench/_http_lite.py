"""A lean HTTP/1.1 client for the fleet benchmark's load: one kept-alive connection each.

300 simulated terminals in one process through httpx's async pool cost the load generator
about as much CPU per request as the hub spends answering it, on the same two cores. This
client writes the request bytes and reads one response (Content-Length bodies, gzip
inflated), which is all the hub ever sends; the benchmark then measures the hub.
"""

from __future__ import annotations

import asyncio
import gzip
from dataclasses import dataclass
from urllib.parse import urlsplit


class HttpError(Exception):
    """The connection failed or the answer was not HTTP/1.1 the client can read."""


class _ClosedMeanwhile(Exception):
    """The server closed the connection before answering (nothing was read)."""


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes


class Connection:
    """A terminal's kept-alive connection to the hub; reopened after any failure."""

    def __init__(self, base: str, timeout_s: float = 30.0) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout_s = timeout_s
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, method: str, path: str, headers: dict[str, str],
                      body: bytes = b"") -> Answer:
        """One exchange. A kept-alive connection the server has closed meanwhile (its idle
        timeout) is opened again and the request sent once more, as httpx does."""
        reused = self._streams is not None
        try:
            return await asyncio.wait_for(self._exchange(method, path, headers, body),
                                          self.timeout_s)
        except _ClosedMeanwhile:
            await self.close()
            if not reused:
                raise HttpError("closed without an answer") from None
            return await self.request(method, path, headers, body)
        except (OSError, EOFError, ValueError, TimeoutError,
                asyncio.IncompleteReadError) as exc:
            await self.close()
            raise HttpError(type(exc).__name__) from exc

    async def close(self) -> None:
        if self._streams is not None:
            writer = self._streams[1]
            self._streams = None
            writer.close()

    async def _exchange(self, method: str, path: str, headers: dict[str, str],
                        body: bytes) -> Answer:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 f"Content-Length: {len(body)}", "Accept-Encoding: gzip",
                 *(f"{name}: {value}" for name, value in headers.items()), "", ""]
        writer.write("\r\n".join(lines).encode("latin-1") + body)
        await writer.drain()
        status_line = await reader.readline()
        if not status_line:
            raise _ClosedMeanwhile
        status = int(status_line.split(b" ", 2)[1]) if b" " in status_line else -1
        fields = await _header_fields(reader)
        if "content-length" not in fields:
            raise ValueError("no Content-Length in the answer")
        data = await reader.readexactly(int(fields["content-length"]))
        if fields.get("connection", "").lower() == "close":
            await self.close()
        if fields.get("content-encoding", "").lower() == "gzip":
            data = gzip.decompress(data)
        return Answer(status, data)


async def _header_fields(reader: asyncio.StreamReader) -> dict[str, str]:
    fields = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        fields[name.strip().lower()] = value.strip()
    return fields
