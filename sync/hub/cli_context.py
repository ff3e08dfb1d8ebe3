"""What every `kiosk-hub` command needs from its command line: the data directory, the
database (migrated) and the hub's key files; each problem a HubError."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sqlalchemy import Engine, make_url
from sqlalchemy.exc import ArgumentError

from kiosk.core.errors import N_
from sync.hub.cli_output import EXIT_FAILURE, HubError
from sync.hub.cli_serve import hub_keys
from sync.hub.database import (
    KEY_ENV,
    PlainNumbersNeedKeys,
    database_url,
    make_engine,
    migrate,
    shown_url,
)
from sync.hub.datadir import ensure_private_dir, resolve_data_dir
from sync.hub.identity import DEFAULT_KEY_FILE


def data_dir(args: argparse.Namespace) -> Path:
    """The data directory, created (0700) on first use: only when a default is used."""
    path = resolve_data_dir(args.data_dir)
    try:
        return ensure_private_dir(path)
    except OSError as exc:
        raise HubError("data_dir", N_("Cannot create the data directory {path}. Choose one "
                                      "this user may write with --data-dir or "
                                      "KIOSK_HUB_DATA_DIR."), exit_code=EXIT_FAILURE,
                       detail=exc.strerror or str(exc), path=str(path)) from exc


def database(args: argparse.Namespace) -> str:
    """The SQLAlchemy URL of the hub database (a bad --db is a HubError)."""
    if not args.db:
        return database_url(None, data_dir(args))
    url = database_url(args.db)
    try:
        make_url(url)
    except ArgumentError as exc:
        raise HubError("db", N_("The database URL is not valid: give postgresql://USER@HOST/DB "
                                "or sqlite:///FILE with --db or KIOSK_HUB_DB.")) from exc
    return url


def database_error(args: argparse.Namespace, detail: str) -> HubError:
    where = shown_url(args.database) if getattr(args, "database", None) else "--db"
    return HubError("database", N_("Cannot use the database {database}. Check that it exists "
                                   "and runs, and that this user may use it."),
                    exit_code=EXIT_FAILURE, detail=detail, database=where)


def open_engine(args: argparse.Namespace) -> Engine:
    args.database = database(args)
    try:
        engine = make_engine(args.database)
    except ArgumentError as exc:  # e.g. a driver that is not installed
        raise database_error(args, str(exc)) from exc
    try:
        migrate(engine)
    except PlainNumbersNeedKeys:  # a hub from before sealing: seal with its keyring
        migrate(engine, hub_keys(hub_key_file(args)).ids)
    return engine


def hub_key_file(args: argparse.Namespace) -> Path:
    """--hub-key, else KIOSK_HUB_KEY_FILE, else kiosk-hub.key in the data directory (the
    ID-number keyring lies beside it, see `sync.hub.sealing`)."""
    chosen = getattr(args, "hub_key", None) or os.environ.get(KEY_ENV)
    return Path(chosen).resolve() if chosen else data_dir(args) / DEFAULT_KEY_FILE
