"""The hub's HTTP API (FastAPI on uvicorn); its OpenAPI is at /openapi.json."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine

from kiosk.core.catalogue import Catalogue, load_catalogue
from sync.hub import feed, ingest
from sync.hub.bodies import json_body, parse_body, publish_models
from sync.hub.database import DB_ENV, KEY_ENV, make_engine
from sync.hub.identity import load_or_create_key
from sync.hub.stats import city_stats
from sync.hub.terminals import Identity, authenticate, now_text
from sync.protocol import (
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    ErrorBody,
    PullResponse,
    PushRequest,
    PushResponse,
    gunzip,
)

bearer = HTTPBearer(auto_error=False, description="the terminal's token from provisioning")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {"description": "unknown or revoked token"}}


def create_app(engine: Engine, catalogue: Catalogue | None = None, *,
               hub_key: bytes) -> FastAPI:
    """The API on `engine`; `hub_key` computes the hub's blind index of ID numbers."""
    key = hub_key
    app = FastAPI(title="零工驿站 city hub", version=str(PROTOCOL_VERSION))
    # Level 5: most of level 9's saving on JSON for a fraction of the CPU.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.add_middleware(GzipRequestMiddleware)
    known = catalogue or load_catalogue()

    def store(batch: PushRequest, credentials: HTTPAuthorizationCredentials | None,
              ) -> bytes:
        with engine.begin() as conn:
            who = _identify(conn, credentials)
            return ingest.push(conn, who, batch, catalogue=known,
                               today=datetime.now(UTC).date(), received_at=now_text(),
                               hub_key=key).model_dump_json().encode()

    @app.post(PUSH_PATH, response_model=PushResponse, responses=UNAUTHORIZED,
              openapi_extra=json_body(PushRequest))
    async def push(request: Request, credentials: Credentials) -> Response:
        """Store a batch of changes; one answer per change."""
        # The body is parsed by pydantic straight from its bytes (no json.loads, then
        # validation of the objects), and the answers are serialised once.
        batch = parse_body(PushRequest, await request.body())
        answers = await run_in_threadpool(store, batch, credentials)
        return Response(answers, media_type="application/json")

    @app.get(PULL_PATH, response_model=PullResponse, responses=UNAUTHORIZED)
    def pull(credentials: Credentials,
             after: Annotated[int, Query(ge=0, le=2**62)] = 0,
             limit: Annotated[int, Query(ge=1, le=feed.PAGE)] = feed.PAGE) -> Response:
        """Jobs of every hall and this hall's notices after the cursor, in hub order."""
        with engine.begin() as conn:
            who = _identify(conn, credentials)
            page = feed.pull(conn, who.hall_id, after, limit)
        return Response(page, media_type="application/json")

    @app.get("/v1/stats", responses=UNAUTHORIZED)
    def stats(credentials: Credentials) -> dict[str, Any]:
        """Per hall per day registrations, check-ins, jobs, referrals, hires; city totals;
        workers and open places by trade."""
        with engine.begin() as conn:
            _identify(conn, credentials)
            return city_stats(conn)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    publish_models(app, PushRequest)
    return app


def app_from_environment() -> FastAPI:
    """The app in each process of `kiosk-hub serve --workers N`: its own engine, on the
    database and key file that the parent migrated and created (see `sync.hub.cli`)."""
    return create_app(make_engine(os.environ[DB_ENV]),
                      hub_key=load_or_create_key(Path(os.environ[KEY_ENV])))


def _identify(conn: Connection, credentials: HTTPAuthorizationCredentials | None) -> Identity:
    who = None if credentials is None else authenticate(conn, credentials.credentials)
    if who is None:
        raise HTTPException(401, "unknown or revoked token",
                            headers={"WWW-Authenticate": "Bearer"})
    return who


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class GzipRequestMiddleware:
    """Inflate `Content-Encoding: gzip` request bodies (bounded) before the app reads them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or [])
        if scope["type"] != "http" or headers.get(b"content-encoding", b"").lower() != b"gzip":
            await self.app(scope, receive, send)
            return
        try:
            body = gunzip(await _read_body(receive))
        except ValueError as exc:
            await _bad_request(send, str(exc))
            return
        kept = [(k, v) for k, v in scope["headers"]
                if k not in (b"content-encoding", b"content-length")]
        scope = {**scope, "headers": [*kept, (b"content-length", str(len(body)).encode())]}
        await self.app(scope, _replay(body), send)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}
    return receive


async def _bad_request(send: Send, detail: str) -> None:
    body = ErrorBody(error="bad_body", detail=detail).model_dump_json().encode()
    await send({"type": "http.response.start", "status": 400,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})

