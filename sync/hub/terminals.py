"""Halls and terminals: provisioning, bearer tokens (stored hashed), revocation."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, select, update

from kiosk.core.codec import iso_utc
from sync.hub.schema import halls, terminals

SEEN_RESOLUTION = timedelta(minutes=1)  # `terminals list` shows last seen to the minute


@dataclass(frozen=True, slots=True)
class TerminalInfo:
    id: str
    hall_id: str
    name: str
    created_at: str
    last_seen_at: str | None
    revoked_at: str | None
    role: str  # `hall`, or `city` (the city office: every hall's statistics)
    kind: str = "touchscreen"  # counter | touchscreen | board (what the admin said)


HALL_ROLE, CITY_ROLE = "hall", "city"
ROLES = (HALL_ROLE, CITY_ROLE)
# What a terminal is, as the hub's admin registered it; never what the terminal claims.
# Only a counter's feed carries the contact person and phone of the jobs' employers.
COUNTER, TOUCHSCREEN, BOARD = "counter", "touchscreen", "board"
KINDS = (COUNTER, TOUCHSCREEN, BOARD)


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a valid bearer token belongs to."""

    terminal_id: str
    hall_id: str
    role: str = HALL_ROLE  # a hall's terminal; `city`: the city's office
    kind: str = TOUCHSCREEN  # the hub's record of what the terminal is (KINDS)

    @property
    def staff(self) -> bool:
        """A staff counter: the employers' business contacts may reach it."""
        return self.kind == COUNTER


def now_text() -> str:
    return iso_utc(datetime.now(UTC))


def hash_token(token: str) -> str:
    """Tokens are 256 random bits, so one SHA-256 is enough (no password stretching)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_terminal_id() -> str:
    return f"T{secrets.token_hex(4).upper()}"


def add_terminal(engine: Engine, hall_id: str, name: str,
                 terminal_id: str | None = None, *, role: str = HALL_ROLE,
                 hall_name: str = "", kind: str = TOUCHSCREEN) -> tuple[str, str]:
    """Register a terminal (and its hall when new); returns (terminal id, plain token).

    `role`: `hall`, or `city` for the city office's token (every hall's statistics).
    `kind`: counter, touchscreen or board; only a counter gets employers' contacts."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; known: {', '.join(ROLES)}")
    _check_kind(kind)
    token = secrets.token_urlsafe(32)
    chosen = terminal_id or new_terminal_id()
    stamp = now_text()
    with engine.begin() as conn:
        _ensure_hall(conn, hall_id, stamp, hall_name)
        conn.execute(terminals.insert().values(
            id=chosen, hall_id=hall_id, name=name, token_hash=hash_token(token),
            created_at=stamp, role=role, kind=kind))
    return chosen, token


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; known: {', '.join(KINDS)}")


def set_kind(engine: Engine, terminal_id: str, kind: str) -> bool:
    """The admin says what a terminal is; False when there is no such (unrevoked) one."""
    _check_kind(kind)
    with engine.begin() as conn:
        done = conn.execute(update(terminals).where(
            terminals.c.id == terminal_id, terminals.c.revoked_at.is_(None),
        ).values(kind=kind))
    return done.rowcount == 1


def _ensure_hall(conn: Connection, hall_id: str, stamp: str, name: str = "") -> None:
    """The hall, made when new; `name` (what workers read, e.g. in a worker lookup's
    answer, sync.hub.lookup) is kept when given."""
    if conn.execute(select(halls.c.id).where(halls.c.id == hall_id)).first() is None:
        conn.execute(halls.insert().values(id=hall_id, name=name, created_at=stamp))
    elif name:
        conn.execute(update(halls).where(halls.c.id == hall_id).values(name=name))


def list_terminals(engine: Engine) -> list[TerminalInfo]:
    cols = terminals.c
    query = select(cols.id, cols.hall_id, cols.name, cols.created_at, cols.last_seen_at,
                   cols.revoked_at, cols.role, cols.kind).order_by(cols.hall_id, cols.id)
    with engine.connect() as conn:
        return [TerminalInfo(*row) for row in conn.execute(query)]


def revoke(engine: Engine, terminal_id: str) -> bool:
    """Revoke a terminal's token; False when there is no such (unrevoked) terminal."""
    with engine.begin() as conn:
        done = conn.execute(update(terminals).where(
            terminals.c.id == terminal_id, terminals.c.revoked_at.is_(None),
        ).values(revoked_at=now_text()))
    return done.rowcount == 1


def authenticate(conn: Connection, token: str) -> Identity | None:
    """The terminal of a valid, unrevoked token, or None.

    Its last-seen time is written when it is older than SEEN_RESOLUTION (a terminal syncing
    every few seconds does not rewrite its row, and wait for that write, every time)."""
    row = conn.execute(select(terminals.c.id, terminals.c.hall_id, terminals.c.last_seen_at,
                              terminals.c.role, terminals.c.kind)
                       .where(terminals.c.token_hash == hash_token(token),
                              terminals.c.revoked_at.is_(None))).first()
    if row is None:
        return None
    now = datetime.now(UTC)
    if row.last_seen_at is None or row.last_seen_at < iso_utc(now - SEEN_RESOLUTION):
        conn.execute(update(terminals).where(terminals.c.id == row.id).values(
            last_seen_at=iso_utc(now)))
    return Identity(terminal_id=row.id, hall_id=row.hall_id, role=row.role, kind=row.kind)
