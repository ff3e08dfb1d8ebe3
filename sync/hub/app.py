"""The hub's HTTP API (FastAPI on uvicorn); its OpenAPI is at /openapi.json."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine, text

from kiosk.core.assets import AssetProblem
from kiosk.core.catalogue import Catalogue, load_catalogue
from sync.hub import feed, ingest, lookup
from sync.hub.assets import configured_city_key
from sync.hub.bodies import install_error_handlers, json_body, parse_body, publish_models, read_body
from sync.hub.card_keys import BadCardKey, publish_card_keys, record_key
from sync.hub.database import DB_ENV, KEY_ENV, make_engine, purge_old_pages
from sync.hub.erasure import carries_erasure
from sync.hub.keys import HubKeys, load_hub_keys
from sync.hub.limits import Limits, TokenBuckets
from sync.hub.stats import stats_for
from sync.hub.terminals import CITY_ROLE, Identity, authenticate, now_text
from sync.hub.wording import ServedRules
from sync.protocol import (
    CARD_KEY_PATH,
    LOOKUP_PATH,
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    CardKeyRequest,
    CardKeyResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    WorkerLookupRequest,
    WorkerLookupResponse,
)

log = logging.getLogger(__name__)
bearer = HTTPBearer(auto_error=False, description="the terminal's token from provisioning")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
ANSWERS: dict[int | str, dict[str, Any]] = {
    401: {"description": "unknown or revoked token"},
    413: {"description": "the body is too large"},
    429: {"description": "too many requests from this terminal"}}


def _caller(request: Request, credentials: Credentials) -> Identity:
    """The terminal calling, from its token alone: checked before any body is read."""
    with request.app.state.engine.begin() as conn:
        return _identify(conn, credentials)


Caller = Annotated[Identity, Depends(_caller)]


def create_app(engine: Engine, catalogue: Catalogue | None = None, *,
               keys: HubKeys, limits: Limits | None = None,
               city_key: Ed25519PrivateKey | None = None) -> FastAPI:
    """The API on `engine`; `keys` index and seal ID numbers (see `keys`); `limits` bound
    bodies and rates; `city_key` (optional) signs the `card_keys` asset as soon as a
    terminal sends a new card key."""
    bounds = limits or Limits()
    app = FastAPI(title="零工驿站 city hub", version=str(PROTOCOL_VERSION))
    # Level 5: most of level 9's saving on JSON for a fraction of the CPU.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    install_error_handlers(app)
    known = catalogue or load_catalogue()
    pushes = TokenBuckets(bounds.push_per_s, bounds.push_burst)
    pulls = TokenBuckets(bounds.pull_per_s, bounds.pull_burst)
    served = ServedRules()

    app.state.engine = engine
    def store(batch: PushRequest, who: Identity) -> bytes:
        with engine.begin() as conn:
            answers = ingest.push(conn, who, batch, catalogue=known,
                                  now=datetime.now(UTC), received_at=now_text(),
                                  keys=keys, rules=served.get(conn))
        if carries_erasure(batch):
            purge_old_pages(engine)
        return answers.model_dump_json().encode()

    @app.post(PUSH_PATH, response_model=PushResponse, responses=ANSWERS,
              openapi_extra=json_body(PushRequest))
    async def push(request: Request, who: Caller) -> Response:
        """Store a batch of changes; one answer per change."""
        _throttle(pushes, who)
        # The body is parsed by pydantic straight from its bytes (no json.loads, then
        # validation of the objects), and the answers are serialised once.
        batch = parse_body(PushRequest, await read_body(request, bounds))
        answers = await run_in_threadpool(store, batch, who)
        return Response(answers, media_type="application/json")

    @app.get(PULL_PATH, response_model=PullResponse, responses=ANSWERS)
    def pull(who: Caller,
             after: Annotated[int, Query(ge=0, le=2**62)] = 0,
             limit: Annotated[int, Query(ge=1, le=feed.PAGE)] = feed.PAGE) -> Response:
        """Jobs of every hall and this hall's notices after the cursor, in hub order. A
        counter's token (the hub's record, not anything the request says) also gets the
        jobs' employer contacts."""
        _throttle(pulls, who)
        with engine.begin() as conn:
            page = feed.pull(conn, who.hall_id, after, limit, contacts=who.staff)
        return Response(page, media_type="application/json")

    @app.get("/v1/stats", responses=ANSWERS)
    def stats(who: Caller) -> dict[str, Any]:
        """Per hall per day registrations, check-ins, jobs, referrals, hires (a hall's
        token: its own hall's rows; a city token: every hall's); city totals; workers and
        open places by trade."""
        with engine.begin() as conn:
            return stats_for(conn, None if who.role == CITY_ROLE else who.hall_id)

    @app.get("/health", responses={503: {"description": "the database does not answer"}})
    def health() -> Response:
        """200 when the hub can reach its database, else 503."""
        ok = database_ok(engine)
        body = {"status": "ok" if ok else "database_unavailable"}
        return Response(json.dumps(body), status_code=200 if ok else 503,
                        media_type="application/json")

    def keep_card_key(sent: CardKeyRequest, who: Identity) -> bool:
        try:
            with engine.begin() as conn:
                new = record_key(conn, who, sent.terminal_id, sent.public_key)
        except BadCardKey as exc:
            raise HTTPException(403 if sent.terminal_id != who.terminal_id else 422,
                                str(exc)) from exc
        if not new or city_key is None:
            return False
        try:
            publish_card_keys(engine, city_key)
        except AssetProblem:  # another terminal's registration published just now
            log.warning("card keys not published after %s's key", who.terminal_id,
                        exc_info=True)
            return False
        return True

    @app.post(CARD_KEY_PATH, response_model=CardKeyResponse, responses=ANSWERS,
              openapi_extra=json_body(CardKeyRequest))
    async def card_key(request: Request, who: Caller) -> Response:
        """Keep the calling terminal's worker-card key (its own only) and, with the city
        key at hand, publish every terminal's key to every hall."""
        _throttle(pushes, who)
        sent = parse_body(CardKeyRequest, await read_body(request, bounds))
        published = await run_in_threadpool(keep_card_key, sent, who)
        return Response(CardKeyResponse(published=published).model_dump_json(),
                        media_type="application/json")

    _lookup_route(app, engine, keys, bounds)
    publish_models(app, PushRequest, WorkerLookupRequest)
    return app


def _lookup_route(app: FastAPI, engine: Engine, keys: HubKeys, bounds: Limits) -> None:
    """POST /v1/workers/lookup (sync.hub.lookup), with its own rate per terminal."""
    lookups = TokenBuckets(bounds.lookup_per_s, bounds.lookup_burst)

    def find_worker(asked: WorkerLookupRequest, who: Identity) -> bytes:
        with engine.begin() as conn:
            return lookup.look_up(conn, who, asked, index_key=keys.index, at=now_text())

    @app.post(LOOKUP_PATH, response_model=WorkerLookupResponse, responses={
        **ANSWERS, 403: {"description": "not a hall's terminal, or another terminal named"}},
              openapi_extra=json_body(WorkerLookupRequest))
    async def worker_lookup(request: Request, who: Caller) -> Response:
        """A worker registered at another hall, by ID number or card: their masked profile
        (never the ID number or phone), or `found: false`; every lookup is audited."""
        _throttle(lookups, who)
        if who.role == CITY_ROLE:
            raise HTTPException(403, "only a hall's terminals look workers up")
        asked = parse_body(WorkerLookupRequest, await read_body(request, bounds))
        if asked.terminal_id != who.terminal_id:
            raise HTTPException(403, "the request names another terminal")
        answer = await run_in_threadpool(find_worker, asked, who)
        return Response(answer, media_type="application/json")


def app_from_environment() -> FastAPI:
    """The app in each process of `kiosk-hub serve --workers N`: its own engine, on the
    database and key file that the parent migrated and created (see `sync.hub.cli`)."""
    return create_app(make_engine(os.environ[DB_ENV]),
                      keys=load_hub_keys(Path(os.environ[KEY_ENV])),
                      limits=Limits.from_environment(), city_key=configured_city_key())


def _identify(conn: Connection, credentials: HTTPAuthorizationCredentials | None) -> Identity:
    who = None if credentials is None else authenticate(conn, credentials.credentials)
    if who is None:
        raise HTTPException(401, "unknown or revoked token",
                            headers={"WWW-Authenticate": "Bearer"})
    return who


def _throttle(buckets: TokenBuckets, who: Identity) -> None:
    if not buckets.take(who.terminal_id):
        raise HTTPException(429, "too many requests from this terminal",
                            headers={"Retry-After": str(buckets.retry_after())})


def database_ok(engine: Engine) -> bool:
    """True when a trivial query answers (the pool's connection may be gone: any error)."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:
        return False
    return True
