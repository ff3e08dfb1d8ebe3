"""The hub's tables as SQLAlchemy Core metadata (Alembic migrations create them).

`changes` is the log of every change any terminal delivered: its UNIQUE change id decides
duplicates, and its `seq` is the hub's order of arrival. The record tables hold each
record's latest payload (materialised from the log); `feed` is what terminals pull.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()
# BIGINT on PostgreSQL, INTEGER (the rowid alias that autoincrements) on SQLite.
Seq = BigInteger().with_variant(Integer(), "sqlite")

halls = Table(
    "halls", metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False, server_default=""),
    Column("created_at", String(40), nullable=False),
)

terminals = Table(
    "terminals", metadata,
    Column("id", String(64), primary_key=True),
    Column("hall_id", String(64), ForeignKey("halls.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("last_seen_at", String(40)),
    Column("revoked_at", String(40)),
    Column("role", String(16), nullable=False, server_default="hall"),  # hall | city
    # counter | touchscreen | board: only counters get employers' contacts (sync.hub.feed)
    Column("kind", String(16), nullable=False, server_default="touchscreen"),
    Column("card_key", String(64)),  # its worker-card key, public half (sync.hub.card_keys)
)

changes = Table(
    "changes", metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("change_id", String(64), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("hall_id", String(64), nullable=False),
    Column("record_type", String(32), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("op", String(16), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("received_at", String(40), nullable=False),
)
Index("changes_record", changes.c.record_type, changes.c.record_id)


def _record_table(name: str, *extra: Column[object]) -> Table:
    """A materialised record table: the latest payload of each record, and its hall."""
    return Table(
        name, metadata,
        Column("id", String(64), primary_key=True),
        Column("hall_id", String(64), nullable=False, index=True),
        Column("updated_at", String(40), nullable=False),
        Column("change_seq", Seq, nullable=False),
        *extra,
        Column("payload", Text, nullable=False),
    )


# The ID number sealed with the hub's keyring (`sealing`): never stored in plain text.
workers = _record_table("workers", Column("id_sealed", Text))
# Columns an upsert without a value leaves as they are: a worker's later changes no longer
# carry the number once the terminal has forgotten it.
KEPT_WHEN_ABSENT = frozenset({"id_sealed"})
# A 揽头's ID number, sealed as a worker's is (`sealing`).
employers = _record_table("employers", Column("id_sealed", Text))
jobs = _record_table(
    "jobs",
    Column("trade", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("headcount", Integer, nullable=False),
    Column("headcount_filled", Integer, nullable=False),
)
checkins = _record_table("checkins")
referrals = _record_table(
    "referrals",
    Column("job_id", String(64), nullable=False, index=True),
    Column("status", String(16), nullable=False),
)
service_events = _record_table("service_events")
complaints = _record_table("complaints")
case_steps = _record_table("case_steps", Column("complaint_id", String(64), nullable=False,
                                                index=True))
notices = _record_table("notices")
audit_events = _record_table("audit_events")
queue_calls = _record_table("queue_calls")
course_signups = _record_table(
    "course_signups",
    Column("course_id", String(64), nullable=False, index=True),
    Column("worker_id", String(64), nullable=False, index=True),
    Column("waiting", Boolean, nullable=False, server_default=false()),
)
attendance = _record_table("attendance", Column("signup_id", String(64), nullable=False,
                                                index=True))
staff_calls = _record_table("staff_calls")
# A slip scanned at any hall; its feed entry goes to the hall that made the referral.
arrivals = _record_table("arrivals", Column("referral_id", String(64), nullable=False,
                                            index=True))
safety_acks = _record_table("safety_acks", Column("worker_id", String(64), nullable=False,
                                                  index=True))
help_requests = _record_table("help_requests", Column("worker_id", String(64), nullable=False,
                                                      index=True))
course_cancels = _record_table(
    "course_cancels",
    Column("signup_id", String(64), nullable=False, index=True),
    Column("course_id", String(64), nullable=False, index=True),
)

RECORD_TABLES: dict[str, Table] = {
    "worker": workers, "employer": employers, "job": jobs, "checkin": checkins,
    "referral": referrals, "service_event": service_events, "complaint": complaints,
    "case_step": case_steps,
    "notice": notices, "audit": audit_events, "call": queue_calls,
    "course_signup": course_signups, "attendance": attendance,
    "staff_call": staff_calls,
    "arrival": arrivals,
    "safety_ack": safety_acks, "help_request": help_requests,
    "course_cancel": course_cancels,
}

feed = Table(
    "feed", metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("hall_id", String(64), nullable=False),
    Column("payload", Text, nullable=False),
)

# The hub's blind index of each ID number (HMAC with the hub key) → the first worker with it.
worker_identities = Table(
    "worker_identities", metadata,
    Column("hub_index", String(64), primary_key=True),
    Column("worker_id", String(64), nullable=False),
    Column("change_seq", Seq, nullable=False),
)

# A worker registered again at another hall: its id now means the canonical worker's.
worker_aliases = Table(
    "worker_aliases", metadata,
    Column("alias_id", String(64), primary_key=True),
    Column("canonical_id", String(64), nullable=False, index=True),
    Column("change_seq", Seq, nullable=False),
)

# Each time a plain ID number was opened for a city function (`disclosure`): who asked,
# why, for which case, and who ran it.
disclosures = Table(
    "disclosures", metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("worker_id", String(64), nullable=False, index=True),
    Column("requested_by", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("case_ref", Text, nullable=False, server_default=""),
    Column("operator", Text, nullable=False, server_default=""),
)

# Changes refused because a terminal tried what its hall may not (see `ownership`).
refusals = Table(
    "refusals", metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("terminal_id", String(64), nullable=False, index=True),
    Column("hall_id", String(64), nullable=False),
    Column("record_type", String(32), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("reason", String(32), nullable=False),
)

# Each worker lookup a terminal made (sync.hub.lookup): which terminal of which hall asked,
# when, by what, and which worker it was shown (NULL: nobody shown). Never the number asked.
worker_lookups = Table(
    "worker_lookups", metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("terminal_id", String(64), nullable=False, index=True),
    Column("hall_id", String(64), nullable=False),
    Column("by", String(16), nullable=False),  # id_number | card
    Column("worker_id", String(64), index=True),
)
