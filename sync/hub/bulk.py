"""Set-based writes for a batch: a statement per table (on PostgreSQL one for all the
record tables), whatever the batch size.

On PostgreSQL the rows travel as one JSON array, a single text parameter serialised by the
C JSON encoder, and `INSERT … SELECT FROM json_populate_recordset(…)` writes them in one
round trip, typed by the table's own row type (no per-row statement, no per-element array
dumping in Python, no huge VALUES list to parse). Other databases (the embedded SQLite) get
the same statement through an executemany. Either way `ON CONFLICT` decides: the
database's UNIQUE constraint, never a check-then-insert.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, func
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.core.codec import compact_json
from sync.hub.schema import KEPT_WHEN_ABSENT, changes

_CHANGE_COLUMNS = ("change_id", "content_hash", "terminal_id", "hall_id", "record_type",
                   "record_id", "op", "payload", "created_at", "received_at")


def insert_changes(conn: Connection, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Insert the new changes (rows in batch order); the change id → hub seq of those stored.

    Ids the hub had already are left alone (`ON CONFLICT (change_id) DO NOTHING`) and are
    missing from the answer.
    """
    if not rows:
        return {}
    if conn.dialect.name == "postgresql":
        result = conn.exec_driver_sql(_pg_insert_changes(), (compact_json(rows),))
    else:
        result = conn.execute(_generic_insert_changes(conn.dialect.name), list(rows))
    return {str(row[0]): int(row[1]) for row in result}


@dataclass(frozen=True, slots=True)
class Upsert:
    """Record rows for one table; `returning`: tell which rows were written."""

    table: Table
    rows: Sequence[dict[str, Any]]
    returning: bool = False


def upsert_newer(conn: Connection, upserts: Sequence[Upsert],
                 ) -> list[tuple[Table, dict[str, Any]]]:
    """Write each record row unless the hub's row is newer (`updated_at`); one per id.

    Rows of the same id in one batch are reduced to the one applied last in order (the
    newest `updated_at`, the later one on a tie): the outcome of applying them one by one.
    Returns the rows written (inserted, or newer than the hub's) of the upserts that ask.
    On PostgreSQL every table's rows go in one statement (one CTE per table).
    """
    work = [(u, _latest_per_id(u.rows)) for u in upserts]
    work = [(u, latest) for u, latest in work if latest]
    if not work:
        return []
    if conn.dialect.name == "postgresql":
        shape = tuple((u.table, u.returning) for u, _ in work)
        result = conn.exec_driver_sql(_pg_upsert_all(shape), tuple(
            compact_json(list(latest.values())) for _, latest in work))
        return [(work[int(i)][0].table, work[int(i)][1][str(record_id)])
                for i, record_id in result]
    written: list[tuple[Table, dict[str, Any]]] = []
    for u, latest in work:
        upsert = generic_upsert(conn.dialect.name, u.table)
        if u.returning:
            written += [(u.table, row) for row in latest.values()
                        if conn.execute(upsert, row).rowcount]
        else:
            conn.execute(upsert, list(latest.values()))
    return written


def _latest_per_id(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        kept = latest.get(row["id"])
        if kept is None or kept["updated_at"] <= row["updated_at"]:
            latest[row["id"]] = row
    return latest


@functools.cache
def _pg_insert_changes() -> str:
    cols = ", ".join(_CHANGE_COLUMNS)
    return (f"INSERT INTO changes ({cols}) SELECT {cols} "
            "FROM json_populate_recordset(NULL::changes, %s::json) WITH ORDINALITY AS u "
            "ORDER BY u.ordinality "
            "ON CONFLICT (change_id) DO NOTHING RETURNING change_id, seq")


@functools.cache
def _pg_upsert_all(shape: tuple[tuple[Table, bool], ...]) -> str:
    """One statement: a data-modifying CTE per table; yields (its position, id) of the
    rows written by the tables that return them."""
    ctes = ", ".join(f"u{i} AS ({_pg_upsert(table)}{' RETURNING id' if returning else ''})"
                     for i, (table, returning) in enumerate(shape))
    reads = " UNION ALL ".join(f"SELECT {i}, id FROM u{i}"
                               for i, (_, returning) in enumerate(shape) if returning)
    return f"WITH {ctes} {reads or 'SELECT 0, NULL WHERE false'}"


# Records never rewritten once stored (see `ownership.APPEND_ONLY`).
APPEND_ONLY_TABLES = frozenset({"audit_events", "checkins", "service_events", "case_steps",
                                "safety_acks"})
# The one exception: a check-in stored without a number (unverified when sent) takes the
# number its hall gives it once the hub confirmed the worker (`ownership` lets only that
# through). Canonical JSON: the stored payload of such a check-in holds this text.
NUMBERED_LATER = "checkins"
UNNUMBERED = '"queue_no":null'



def _pg_upsert(table: Table) -> str:
    names = [c.name for c in table.c]
    cols = ", ".join(names)
    sets = ", ".join(f"{name} = {_new_value(table.name, name)}" for name in names if name != "id")
    head = (f"INSERT INTO {table.name} ({cols}) SELECT {cols} "
            f"FROM json_populate_recordset(NULL::{table.name}, %s::json) ")
    if table.name == NUMBERED_LATER:
        return (head + f"ON CONFLICT (id) DO UPDATE SET {sets} "
                f"WHERE {table.name}.hall_id = excluded.hall_id "
                f"AND position('{UNNUMBERED}' in {table.name}.payload) > 0")
    if table.name in APPEND_ONLY_TABLES:
        return head + "ON CONFLICT (id) DO NOTHING"
    # Only the owner hall's row is ever replaced, and never by an older version (times
    # are bounded by the hub's clock on arrival; on a tie the later arrival wins).
    return (head + f"ON CONFLICT (id) DO UPDATE SET {sets} "
            f"WHERE {table.name}.hall_id = excluded.hall_id "
            f"AND {table.name}.updated_at <= excluded.updated_at")


def _new_value(table: str, column: str) -> str:
    if column in KEPT_WHEN_ABSENT:
        return f"COALESCE(excluded.{column}, {table}.{column})"
    return f"excluded.{column}"


@functools.cache
def _generic_insert_changes(dialect: str) -> Any:
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(changes)
    return insert.on_conflict_do_nothing(index_elements=["change_id"]).returning(
        changes.c.change_id, changes.c.seq)


@functools.cache
def generic_upsert(dialect: str, table: Table) -> Any:
    """INSERT … ON CONFLICT (id) DO UPDATE unless the hub's row is newer (built once)."""
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    if table.name == NUMBERED_LATER:
        return insert.on_conflict_do_update(
            index_elements=["id"], set_={c.name: insert.excluded[c.name] for c in table.c
                                         if c.name != "id"},
            where=(table.c.hall_id == insert.excluded.hall_id)
            & table.c.payload.contains(UNNUMBERED, autoescape=True))
    if table.name in APPEND_ONLY_TABLES:
        return insert.on_conflict_do_nothing(index_elements=["id"])
    return insert.on_conflict_do_update(
        index_elements=["id"],
        set_={c.name: (func.coalesce(insert.excluded[c.name], c) if c.name in KEPT_WHEN_ABSENT
                       else insert.excluded[c.name]) for c in table.c if c.name != "id"},
        where=(table.c.hall_id == insert.excluded.hall_id)
        & (table.c.updated_at <= insert.excluded.updated_at))
