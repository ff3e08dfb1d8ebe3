"""Running the hub's HTTP server: one process, or N worker processes on one socket.

For N workers uvicorn binds the listening socket itself and leaves its `proto` at 0. The
accepted connections inherit it, and asyncio turns Nagle's algorithm off (TCP_NODELAY)
only for sockets that say IPPROTO_TCP: every answer on a kept-alive connection then
waited about 40 ms for the client's delayed ACK (uvicorn issue #3149). The socket is bound
here with its protocol set.
"""

from __future__ import annotations

import socket
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

APP_FACTORY = "sync.hub.app:app_from_environment"
# Terminals sync every 15 s: a connection kept that long is reused, not opened (with TLS,
# a handshake) each time. uvicorn's default closes idle connections after 5 s.
KEEP_ALIVE_S = 75
# Per-request access lines are off: at a city's hundreds of requests a second they cost the
# server more than a small push does. Errors and start-up are still logged.
LOG: dict[str, Any] = {"log_level": "info", "access_log": False}


class _TcpConfig(uvicorn.Config):
    def bind_socket(self) -> socket.socket:
        bound = super().bind_socket()
        if bound.family not in (socket.AF_INET, socket.AF_INET6):
            return bound
        return socket.socket(bound.family, bound.type, socket.IPPROTO_TCP,
                             fileno=bound.detach())


def serve(app: FastAPI, **options: Any) -> None:
    """One server process (the embedded demo, and the default)."""
    uvicorn.run(app, timeout_keep_alive=KEEP_ALIVE_S, **LOG, **options)


def serve_workers(workers: int, **options: Any) -> None:
    """`workers` processes, each building the app from the environment (see
    `sync.hub.app.app_from_environment`), sharing one listening socket."""
    config = _TcpConfig(APP_FACTORY, factory=True, workers=workers,
                        timeout_keep_alive=KEEP_ALIVE_S, **LOG, **options)
    Multiprocess(config, sockets=[config.bind_socket()]).run()
