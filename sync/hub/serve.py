"""Running the hub's HTTP server: one process, or N worker processes on one socket.

The listening socket is bound here, before uvicorn starts, so that `kiosk-hub serve` can
say in the person's language why it cannot listen (a port in use, a port below 1024, an
address not of this machine) instead of uvicorn's log line. It is bound with its protocol
set: a socket left at `proto` 0 is inherited by the accepted connections, and asyncio turns
Nagle's algorithm off (TCP_NODELAY) only for sockets that say IPPROTO_TCP: every answer on
a kept-alive connection then waited about 40 ms for the client's delayed ACK (uvicorn issue
#3149).
"""

from __future__ import annotations

import socket
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from sync.hub.logs import log_config

APP_FACTORY = "sync.hub.app:app_from_environment"
# Terminals sync every 15 s: a connection kept that long is reused, not opened (with TLS,
# a handshake) each time. uvicorn's default closes idle connections after 5 s.
KEEP_ALIVE_S = 75
# Per-request access lines are off: at a city's hundreds of requests a second they cost the
# server more than a small push does. uvicorn's own start-up lines (English) are off too:
# `kiosk-hub serve` says where it listens in the chosen language. Warnings and errors are
# still logged.
LOG: dict[str, Any] = {"log_level": "warning", "access_log": False,
                       "log_config": log_config()}


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to (host, port), not yet listening. Raises OSError (EADDRINUSE
    when the port is taken; socket.gaierror for an unknown host name)."""
    family, kind, _proto, _name, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def free_port_near(host: str, port: int, tries: int = 20) -> int | None:
    """The first port after `port` that `host` can listen on (a suggestion), or None."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        try:
            bind(host, candidate).close()
        except OSError:
            continue
        return candidate
    return None


def serve(app: FastAPI, sock: socket.socket, **options: Any) -> None:
    """One server process on `sock` (the embedded demo, and the default)."""
    config = uvicorn.Config(app, timeout_keep_alive=KEEP_ALIVE_S, **LOG, **options)
    uvicorn.Server(config).run(sockets=[sock])


def serve_workers(workers: int, sock: socket.socket, **options: Any) -> None:
    """`workers` processes on `sock`, each building the app from the environment (see
    `sync.hub.app.app_from_environment`)."""
    config = uvicorn.Config(APP_FACTORY, factory=True, workers=workers,
                            timeout_keep_alive=KEEP_ALIVE_S, **LOG, **options)
    Multiprocess(config, sockets=[sock]).run()
