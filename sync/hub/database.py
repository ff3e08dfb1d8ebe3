"""Connecting to the hub database (PostgreSQL via psycopg 3, or an SQLite file) and migrating it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url

from sync.hub.datadir import create_private_file
from sync.hub.sealed_ids import seal_existing
from sync.hub.sealing import Keyring

DEFAULT_SQLITE_FILE = "kiosk-hub.sqlite3"
DB_ENV = "KIOSK_HUB_DB"  # the database URL, for `kiosk-hub` and each server worker
KEY_ENV = "KIOSK_HUB_KEY_FILE"  # the blind-index key file
SQLITE_BUSY_MS = 10_000
SEALING_REVISION = "0006"  # workers.id_sealed exists, plain id_number not yet dropped
POOL_SIZE = 16  # PostgreSQL connections per server process


def database_url(url: str | None, data_dir: Path | None = None) -> str:
    """The SQLAlchemy URL: PostgreSQL URLs go through psycopg 3; no URL means the SQLite
    file in `data_dir` (never the working directory)."""
    if not url:
        if data_dir is None:
            raise ValueError("no database URL and no data directory")
        return f"sqlite:///{data_dir / DEFAULT_SQLITE_FILE}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    """An engine with the hub's settings; SQLite gets WAL and one writer at a time."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    # Connections are kept: an "overflow" connection would be opened for one request and
    # closed after it, and under load PostgreSQL would fork a backend per request. A
    # request beyond the pool waits for a connection instead.
    return create_engine(url, pool_size=POOL_SIZE, max_overflow=0, pool_timeout=60,
                         pool_pre_ping=True, hide_parameters=True)


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and in-memory ones)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database)


def shown_url(url: str) -> str:
    """A database URL for people: an SQLite file's path, others without the password."""
    path = sqlite_file(url)
    return str(path) if path is not None else make_url(url).render_as_string(
        hide_password=True)


def _sqlite_engine(url: str) -> Engine:
    path = sqlite_file(url)
    if path is not None and path.parent.is_dir():
        # SQLite gives its -wal and -shm files the database file's mode: 0600 for all.
        create_private_file(path)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000,
                                              "check_same_thread": False},
                           hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below, explicitly
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE: take the write lock up front, so two writers never deadlock on upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def purge_old_pages(engine: Engine) -> None:
    """After an erasure: the embedded SQLite hub copies its WAL into the file and empties
    it (the WAL's frames still hold the pages as they were before). PostgreSQL's old row
    versions go with autovacuum (see docs/hub-deployment.md)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:  # outside any transaction: the DB-API connection
        raw: Any = conn.connection.dbapi_connection
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "sync.hub:migrations")
    return config


class PlainNumbersNeedKeys(RuntimeError):
    """A hub from before sealing holds plain ID numbers, and no keyring was given."""


def migrate(engine: Engine, id_keys: Keyring | None = None) -> None:
    """Bring the schema to the newest revision (idempotent). A hub from before sealing
    (revision 0006) has its plain ID numbers sealed with `id_keys` on the way, in the same
    transaction: it is converted whole or not at all."""
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        current = MigrationContext.configure(conn).get_current_revision()
        if current is None or int(current) <= int(SEALING_REVISION):
            command.upgrade(config, SEALING_REVISION)
            _seal_plain_numbers(conn, id_keys)
        command.upgrade(config, "head")


def _seal_plain_numbers(conn: Connection, id_keys: Keyring | None) -> None:
    plain = conn.exec_driver_sql(
        "SELECT count(*) FROM workers WHERE id_number IS NOT NULL").scalar_one()
    if not plain:
        return
    if id_keys is None:
        raise PlainNumbersNeedKeys(f"{plain} plain ID numbers need the hub's keyring")
    seal_existing(conn, id_keys)


def is_current(engine: Engine) -> bool:
    """True when the database is at the newest revision."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision() == head
