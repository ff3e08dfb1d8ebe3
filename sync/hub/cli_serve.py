"""`kiosk-hub serve`: check TLS, bind the port, load the key, migrate, then serve.

Every start-up problem is a HubError in the chosen language (a port in use names the port
and how to choose another); nothing is left to uvicorn's English log lines.
"""

from __future__ import annotations

import errno
import os
import socket
import ssl
from pathlib import Path

from kiosk.core.errors import N_
from sync.hub.cli_output import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, HubError, Output
from sync.hub.database import DB_ENV, KEY_ENV, shown_url
from sync.hub.identity import DamagedKey
from sync.hub.keys import HubKeys, load_hub_keys
from sync.hub.sealing import DamagedKeyring

LOOPBACK = "127.0.0.1"


def check_tls(certfile: str | None, keyfile: str | None) -> None:
    """Both or neither; and the pair loads (a missing file or a mismatched key)."""
    if bool(certfile) != bool(keyfile):
        raise HubError("tls", N_("Give both --certfile and --keyfile, or neither."))
    if not certfile or not keyfile:
        return
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except (OSError, ssl.SSLError) as exc:
        raise HubError("tls", N_("Cannot use the TLS certificate {certfile} with the key "
                                 "{keyfile}: both must be readable PEM files that belong "
                                 "together."), exit_code=EXIT_FAILURE, detail=_reason(exc),
                       certfile=certfile, keyfile=keyfile) from exc


def bind_or_explain(host: str, port: int) -> socket.socket:
    from sync.hub.serve import bind, free_port_near  # noqa: PLC0415 - loads uvicorn

    try:
        return bind(host, port)
    except socket.gaierror as exc:
        raise _bad_host(host) from exc
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise _port_taken(host, port, free_port_near(host, port)) from exc
        if exc.errno == errno.EACCES:
            raise HubError("port", N_("Port {port} needs administrator rights. Choose a port "
                                      "of 1024 or more with --port."),
                           exit_code=EXIT_FAILURE, port=port) from exc
        if exc.errno == errno.EADDRNOTAVAIL:
            raise _bad_host(host) from exc
        raise HubError("port", N_("Cannot listen on {host} port {port}."),
                       exit_code=EXIT_FAILURE, detail=_reason(exc), host=host,
                       port=port) from exc


def _port_taken(host: str, port: int, free: int | None) -> HubError:
    if free is None:
        return HubError("port_in_use", N_("Port {port} on {host} is already in use (perhaps by "
                                          "another kiosk-hub). Stop that program, or choose "
                                          "another port with --port."),
                        exit_code=EXIT_FAILURE, host=host, port=port)
    return HubError("port_in_use", N_("Port {port} on {host} is already in use (perhaps by "
                                      "another kiosk-hub). Stop that program, or choose "
                                      "another port with --port, e.g. --port {free}."),
                    exit_code=EXIT_FAILURE, host=host, port=port, free=free)


def _bad_host(host: str) -> HubError:
    return HubError("host", N_("Cannot listen on {host}: it is not an address of this "
                               "computer. Choose another with --host, e.g. --host {loopback}."),
                    exit_code=EXIT_BAD_INPUT, host=host, loopback=LOOPBACK)


def hub_keys(path: Path) -> HubKeys:
    """The hub key and the ID-number keyring beside it, or a HubError saying which file
    is wrong and what to do."""
    try:
        return load_hub_keys(path)
    except DamagedKey as exc:
        raise HubError("hub_key", N_("The hub key file {path} is damaged: it must hold at "
                                     "least 32 bytes written as hex. Restore it from the "
                                     "backup."), exit_code=EXIT_FAILURE, path=str(path)) from exc
    except DamagedKeyring as exc:
        raise HubError("id_keyring", N_("The ID-number keyring {path} is damaged (line "
                                        "{line}). Restore it from the backup: without it "
                                        "the sealed ID numbers cannot be read."),
                       exit_code=EXIT_FAILURE, path=str(exc.path), line=exc.line) from exc
    except OSError as exc:
        raise HubError("hub_key", N_("Cannot read or create the hub key file {path}. Check "
                                     "the path and that this user may write there."),
                       exit_code=EXIT_FAILURE, detail=_reason(exc), path=str(path)) from exc


def run(out: Output, *, sock: socket.socket, key_file: Path, database: str, url: str,
        workers: int, tls: dict[str, str | None]) -> int:
    """Serve on the bound socket until stopped (SIGINT, SIGTERM)."""
    from sync.hub.app import create_app  # noqa: PLC0415 - only the server needs these
    from sync.hub.assets import configured_city_key  # noqa: PLC0415
    from sync.hub.database import make_engine, migrate  # noqa: PLC0415
    from sync.hub.serve import serve, serve_workers  # noqa: PLC0415

    keys = hub_keys(key_file)  # created once, before any worker starts
    engine = make_engine(database)
    migrate(engine, keys.ids)  # migrated once, too
    lines = [out.tr(N_("The hub serves {url}. Ctrl+C stops it."), url=url),
             out.tr(N_("Database: {database}"), database=shown_url(database)),
             out.tr(N_("Hub key file: {path}"), path=str(key_file))]
    if workers > 1:
        lines.append(out.tr(N_("Server processes: {workers}"), workers=workers))
    out.done(None, "\n".join(lines))
    try:
        if workers == 1:
            serve(create_app(engine, keys=keys, city_key=configured_city_key()), sock,
                  **tls)
        else:
            engine.dispose()
            os.environ.update({DB_ENV: database, KEY_ENV: str(key_file)})
            serve_workers(workers, sock, **tls)
    except KeyboardInterrupt:  # uvicorn shuts down on Ctrl+C, then raises it again
        pass
    out.done(None, out.tr(N_("The hub has stopped.")))
    return EXIT_OK


def _reason(exc: BaseException) -> str:
    return (exc.strerror or str(exc)) if isinstance(exc, OSError) else str(exc)
