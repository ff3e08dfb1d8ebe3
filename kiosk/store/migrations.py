"""The terminal database schema, as named transactional sqlite-utils migrations.

Never edit an applied migration: add a new one. `tests/store/schemas/` keeps the schema of
older versions so upgrades are tested.
"""

from __future__ import annotations

import re
import sqlite3

from sqlite_utils import Database, Migrations

from kiosk.store.schema import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)

_ENTITY_TABLES = """
CREATE TABLE workers (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    name TEXT NOT NULL,
    id_index TEXT NOT NULL UNIQUE,
    id_masked TEXT NOT NULL,
    id_number TEXT,
    birth_date TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    phone TEXT NOT NULL,
    trades TEXT NOT NULL,
    certificates TEXT NOT NULL,
    intentions TEXT NOT NULL,
    areas TEXT NOT NULL,
    available_from TEXT NOT NULL,
    skills_note TEXT NOT NULL,
    low_income INTEGER NOT NULL,
    disabled INTEGER NOT NULL,
    consent_at TEXT NOT NULL,
    consent_version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX workers_phone ON workers (phone);
CREATE TABLE employers (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('company', 'individual')),
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    uscc TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX employers_phone ON employers (phone);
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    employer_id TEXT NOT NULL,
    trade TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    certificates TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    area TEXT NOT NULL,
    place TEXT NOT NULL,
    start_date TEXT NOT NULL,
    start_time TEXT,
    hours_per_day REAL,
    pay_cents INTEGER NOT NULL CHECK (pay_cents > 0),
    pay_unit TEXT NOT NULL,
    settlement TEXT NOT NULL,
    headcount INTEGER NOT NULL CHECK (headcount BETWEEN 1 AND 999),
    headcount_filled INTEGER NOT NULL CHECK (headcount_filled >= 0),
    urgent INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'filled', 'closed', 'expired')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX jobs_open ON jobs (status, urgent, start_date);
CREATE INDEX jobs_trade ON jobs (trade, status);
CREATE INDEX jobs_employer ON jobs (employer_id);
CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    day TEXT NOT NULL,
    queue_no INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (worker_id, hall_id, day),
    UNIQUE (hall_id, day, queue_no)
);
CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    job_id TEXT NOT NULL REFERENCES jobs (id),
    worker_id TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('requested', 'referred', 'hired', 'declined', 'no_show')),
    origin TEXT NOT NULL,
    queue_no INTEGER,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX referrals_job ON referrals (job_id, status);
CREATE INDEX referrals_worker ON referrals (worker_id, status);
CREATE TABLE service_events (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('guidance', 'recommendation', 'training')),
    note TEXT NOT NULL,
    job_id TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX service_events_worker ON service_events (worker_id, kind);
CREATE TABLE complaints (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE,
    worker_id TEXT,
    complainant_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    employer_name TEXT NOT NULL,
    employer_id TEXT,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    text_zh TEXT NOT NULL,
    text_en TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    priority INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

_OUTBOX_AND_QUEUES = """
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,  -- the rowid, cheaper than AUTOINCREMENT (rows are never deleted)
    change_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    payload TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'acked', 'rejected', 'quarantined')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbox_state ON outbox (state, seq);
CREATE TABLE print_jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL
        CHECK (kind IN ('card', 'queue', 'referral', 'interest', 'complaint', 'report')),
    ref_entity TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    printer TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'printing', 'printed', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    printed_at TEXT
);
CREATE INDEX print_jobs_state ON print_jobs (state, created_at);
CREATE TABLE queue_counters (
    hall_id TEXT NOT NULL,
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    last_no INTEGER NOT NULL,
    PRIMARY KEY (hall_id, day, kind)
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def _run_script(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction; run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_initial(db: Database) -> None:
    """Records, outbox, print queue, queue counters and settings."""
    _run_script(db, _ENTITY_TABLES)
    _run_script(db, _OUTBOX_AND_QUEUES)


@migrations()
def m002_print_retry(db: Database) -> None:
    """Print jobs remember when to retry and why they failed (a code staff can act on)."""
    db.execute("ALTER TABLE print_jobs ADD COLUMN next_attempt_at TEXT")
    db.execute("ALTER TABLE print_jobs ADD COLUMN error_code TEXT")


_STAFF_AND_AUDIT = """
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX audit_events_staff ON audit_events (staff_id, created_at);
CREATE INDEX audit_events_entity ON audit_events (entity_id);
CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
    pin_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE worker_trades (
    trade TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    PRIMARY KEY (trade, worker_id)
) WITHOUT ROWID;
CREATE INDEX worker_trades_worker ON worker_trades (worker_id);
CREATE TRIGGER workers_trades_insert AFTER INSERT ON workers BEGIN
    INSERT OR IGNORE INTO worker_trades (trade, worker_id)
        SELECT value, NEW.id FROM json_each(NEW.trades);
END;
CREATE TRIGGER workers_trades_update AFTER UPDATE OF trades ON workers BEGIN
    DELETE FROM worker_trades WHERE worker_id = OLD.id;
    INSERT OR IGNORE INTO worker_trades (trade, worker_id)
        SELECT value, NEW.id FROM json_each(NEW.trades);
END;
CREATE INDEX referrals_dispatch ON referrals (worker_id, created_at)
    WHERE status != 'requested';
CREATE INDEX checkins_day ON checkins (hall_id, day, worker_id)
"""


def _run_statements(db: Database, script: str) -> None:
    """Like `_run_script`, for scripts with triggers (whose bodies hold semicolons)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        db.execute(pending)


@migrations()
def m003_staff_audit(db: Database) -> None:
    """Staff accounts (PIN hashes, lockout), the audit log, and indexes for matching:
    a worker → trade table kept by triggers, last dispatch per worker, today's check-ins."""
    _run_statements(db, _STAFF_AND_AUDIT)
    db.execute("INSERT INTO worker_trades (trade, worker_id) "
               "SELECT DISTINCT j.value, w.id FROM workers w, json_each(w.trades) j")


# A worker's rows in worker_match (one per trade), written by both worker triggers.
_WORKER_ROWS = """
    INSERT OR REPLACE INTO worker_match
        SELECT j.value, NEW.id, NEW.available_from,
            coalesce((SELECT '|' || group_concat(value, '|') || '|' FROM json_each(NEW.areas)), ''),
            coalesce((SELECT '|' || group_concat(value, '|') || '|'
                      FROM json_each(NEW.intentions)), ''),
            coalesce((SELECT '|' || group_concat(value, '|') || '|'
                      FROM json_each(NEW.certificates)), ''),
            NEW.low_income OR NEW.disabled, NEW.sex, NEW.birth_date,
            coalesce((SELECT max(r.created_at) FROM referrals r
                      WHERE r.worker_id = NEW.id AND r.status != 'requested'), NEW.created_at),
            coalesce((SELECT max(r.updated_at) FROM referrals r
                      WHERE r.worker_id = NEW.id AND r.status = 'hired'), NEW.created_at),
            (SELECT max(r.updated_at) FROM referrals r
              WHERE r.worker_id = NEW.id AND r.status = 'hired')
        FROM json_each(NEW.trades) j;
"""

# The last dispatch and hire of a referral's worker, kept by both referral triggers.
_REFERRAL_TIMES = """
    UPDATE worker_match SET
        waited_since = coalesce((SELECT max(r.created_at) FROM referrals r
                                 WHERE r.worker_id = NEW.worker_id AND r.status != 'requested'),
                                (SELECT w.created_at FROM workers w WHERE w.id = NEW.worker_id)),
        last_hire_at = (SELECT max(r.updated_at) FROM referrals r
                        WHERE r.worker_id = NEW.worker_id AND r.status = 'hired'),
        last_work_at = coalesce((SELECT max(r.updated_at) FROM referrals r
                                 WHERE r.worker_id = NEW.worker_id AND r.status = 'hired'),
                                (SELECT w.created_at FROM workers w WHERE w.id = NEW.worker_id))
    WHERE worker_id = NEW.worker_id;
"""

_MATCH_INDEX = """
DROP TRIGGER workers_trades_insert;
DROP TRIGGER workers_trades_update;
DROP TABLE worker_trades;
CREATE TABLE worker_match (
    trade TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    available_from TEXT NOT NULL,
    areas TEXT NOT NULL,         -- '|槐荫区|市中区|', or '' for no preference
    intentions TEXT NOT NULL,    -- '|daily|hourly|', or ''
    certificates TEXT NOT NULL,  -- '|CERT_ELEC|', or ''
    flagged INTEGER NOT NULL,    -- low-income family or disability
    sex TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    waited_since TEXT NOT NULL,  -- the last dispatch, or registration for the never sent
    last_work_at TEXT NOT NULL,  -- the last hire, or registration for the never hired
    last_hire_at TEXT,
    PRIMARY KEY (trade, worker_id)
) WITHOUT ROWID;
CREATE INDEX worker_match_worker ON worker_match (worker_id);
CREATE TRIGGER workers_match_insert AFTER INSERT ON workers BEGIN
{worker_rows}END;
CREATE TRIGGER workers_match_update AFTER UPDATE ON workers BEGIN
    DELETE FROM worker_match WHERE worker_id = OLD.id;
{worker_rows}END;
CREATE TRIGGER referrals_match_insert AFTER INSERT ON referrals BEGIN
{referral_times}END;
CREATE TRIGGER referrals_match_update AFTER UPDATE ON referrals BEGIN
{referral_times}END;
CREATE INDEX referrals_hire ON referrals (worker_id, updated_at) WHERE status = 'hired'
""".format(worker_rows=_WORKER_ROWS.lstrip("\n"),
                   referral_times=_REFERRAL_TIMES.lstrip("\n"))


@migrations()
def m004_match_index(db: Database) -> None:
    """One row per worker and trade with all that matching filters and orders by (areas,
    kinds of work, certificates, hardship, last dispatch and hire), kept by triggers, so
    the fit workers for a job are found by one index range scan among 100,000."""
    _run_statements(db, _MATCH_INDEX)
    db.execute("UPDATE workers SET trades = trades")  # fills worker_match by the trigger


_DESK_INDEX = """
CREATE INDEX workers_name ON workers (name);
CREATE INDEX worker_match_wait ON worker_match (last_work_at, worker_id)
"""


@migrations()
def m005_desk_index(db: Database) -> None:
    """Indexes for the counter's worker desk: names (the name search scans this small
    covering index, not the table) and worker rows by wait (the hardship list walks it
    longest wait first and stops after the rows it shows)."""
    _run_script(db, _DESK_INDEX)


@migrations()
def m006_worker_aliases(db: Database) -> None:
    """Worker ids the hub merged into another (the same person registered at two halls
    while offline): a card or request naming the old id is recorded under the new one."""
    db.execute("CREATE TABLE worker_aliases (alias_id TEXT PRIMARY KEY, "
               "canonical_id TEXT NOT NULL)")


@migrations()
def m007_outbox_entity_index(db: Database) -> None:
    """Outbox rows by record: whether a worker still has unsent changes (checked for each
    acknowledged worker, to drop the plain ID number) and a record's own history. Without
    it both walked every unsent row: a long backlog's push slowed down quadratically."""
    db.execute("CREATE INDEX outbox_entity ON outbox (entity, entity_id, state)")



@migrations(transactional=False)
def m008_forget_acknowledged_id_numbers(db: Database) -> None:
    """Acknowledged outbox payloads kept the plain ID number, and its bytes stayed in free
    pages: drop every acknowledged number, then rewrite the file (kiosk.store.forget)."""
    from kiosk.store.forget import scrub_old_database  # noqa: PLC0415

    scrub_old_database(db.conn)


@migrations()
def m009_erasure_receipts(db: Database) -> None:
    """Print jobs may be a deletion receipt (kiosk.services.erasure). SQLite cannot change
    a CHECK constraint: the table is rebuilt from its own definition, rows and indexes."""
    _widen_print_kinds(db.conn, "'complaint', 'report')",
                       "'complaint', 'report', 'erasure')")


def _widen_print_kinds(conn: sqlite3.Connection, old_kinds: str, new_kinds: str) -> None:
    """Rebuild print_jobs with more kinds in its CHECK, keeping its rows and indexes."""
    table_sql, = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' "
                              "AND name = 'print_jobs'").fetchone()
    indexes = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'print_jobs' "
        "AND sql IS NOT NULL")]
    assert old_kinds in table_sql, table_sql
    new_sql = re.sub(r'^CREATE TABLE "?print_jobs"?', "CREATE TABLE print_jobs_new",
                     table_sql.replace(old_kinds, new_kinds, 1), count=1)
    conn.execute(new_sql)
    conn.execute("INSERT INTO print_jobs_new SELECT * FROM print_jobs")
    conn.execute("DROP TABLE print_jobs")
    conn.execute("ALTER TABLE print_jobs_new RENAME TO print_jobs")
    for sql in indexes:
        conn.execute(sql)


@migrations()
def m010_unverified_checkins(db: Database) -> None:
    """A check-in with a card the terminal cannot verify waits for the hub without a queue
    number (kiosk.core.cards): `queue_no` may be NULL, `unverified` says why. SQLite cannot
    drop a NOT NULL: the table is rebuilt with its rows and index."""
    conn = db.conn
    conn.execute("""
CREATE TABLE checkins_new (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    day TEXT NOT NULL,
    queue_no INTEGER,
    created_at TEXT NOT NULL,
    unverified TEXT CHECK (unverified IS NOT NULL OR queue_no IS NOT NULL),
    UNIQUE (worker_id, hall_id, day),
    UNIQUE (hall_id, day, queue_no)
)""")
    conn.execute("INSERT INTO checkins_new (id, hall_id, worker_id, day, queue_no, created_at) "
                 "SELECT id, hall_id, worker_id, day, queue_no, created_at FROM checkins")
    conn.execute("DROP TABLE checkins")
    conn.execute("ALTER TABLE checkins_new RENAME TO checkins")
    conn.execute("CREATE INDEX checkins_day ON checkins (hall_id, day, worker_id)")


_CASEWORK = """
CREATE TABLE complaints_new (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE,
    worker_id TEXT,
    complainant_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    employer_name TEXT NOT NULL,
    employer_id TEXT,
    kind TEXT NOT NULL DEFAULT 'wages'
        CHECK (kind IN ('wages', 'injury', 'deposit', 'overtime', 'other')),
    amount_cents INTEGER CHECK (amount_cents > 0),
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('received', 'in_progress', 'referred', 'resolved', 'closed')),
    recovered_cents INTEGER NOT NULL DEFAULT 0 CHECK (recovered_cents >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO complaints_new (id, hall_id, number, worker_id, complainant_name, phone,
    employer_name, employer_id, amount_cents, period_from, period_to, description, status,
    created_at, updated_at)
    SELECT id, hall_id, number, worker_id, complainant_name, phone, employer_name,
        employer_id, amount_cents, period_from, period_to, description, status, created_at,
        updated_at FROM complaints;
DROP TABLE complaints;
ALTER TABLE complaints_new RENAME TO complaints;
CREATE INDEX complaints_hall ON complaints (hall_id, created_at);
CREATE TABLE case_steps (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    action TEXT NOT NULL
        CHECK (action IN ('take_up', 'mediation', 'refer', 'resolve', 'close')),
    staff_id TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    party TEXT NOT NULL,
    outcome TEXT NOT NULL,
    recovered_cents INTEGER CHECK (recovered_cents >= 0),
    created_at TEXT NOT NULL
);
CREATE INDEX case_steps_complaint ON case_steps (complaint_id, created_at);
CREATE TABLE complaint_status (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    number TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    filed_at TEXT NOT NULL,
    last_action TEXT,
    last_on TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX complaint_status_number ON complaint_status (hall_id, number);
ALTER TABLE employers ADD COLUMN role TEXT NOT NULL DEFAULT 'direct'
    CHECK (role IN ('direct', 'dispatch', 'agency', 'gang_master'))
"""


_JOB_FACTS = """
ALTER TABLE jobs ADD COLUMN skill_level TEXT;
ALTER TABLE jobs ADD COLUMN skills_note TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN end_date TEXT;
ALTER TABLE jobs ADD COLUMN meeting_point TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN meeting_time TEXT;
ALTER TABLE jobs ADD COLUMN meals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN lodging INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN tools_provided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN insurance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN close_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN employer_no_shows INTEGER NOT NULL DEFAULT 0
"""


_QUEUE_CALLS = """
CREATE TABLE queue_calls (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    day TEXT NOT NULL,
    queue_no INTEGER NOT NULL CHECK (queue_no > 0),
    window TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('call', 'recall', 'skip')),
    created_at TEXT NOT NULL
);
CREATE INDEX queue_calls_day ON queue_calls (hall_id, day, queue_no)
"""


@migrations()
def m011_complaint_casework(db: Database) -> None:
    """Complaints followed to the end: their kind of dispute (欠薪, 工伤, 押金/证件, 加班费,
    其他), an amount only where one is claimed, the sum recovered and the status 'referred';
    every casework step in `case_steps`; the statuses the hub sends of this hall's
    complaints filed at its other terminals (`complaint_status`); employers' role
    (直接用工, 劳务派遣, 职业中介, 揽头); a hand-off sheet among the print jobs. Unsent
    complaint and employer changes get the new fields (defaults of the old rows) so the
    hub's strict schema takes them."""
    _run_script(db, _CASEWORK)
    _widen_print_kinds(db.conn, "'report', 'erasure')", "'report', 'erasure', 'handoff')")
    from kiosk.store.outbox import refill_unsent  # noqa: PLC0415

    refill_unsent(db.conn, "complaint", {"kind": "wages", "recovered_cents": 0})
    refill_unsent(db.conn, "employer", {"role": "direct"})


@migrations()
def m012_job_facts_and_lifecycle(db: Database) -> None:
    """Jobs carry what a worker decides by (skill level and note, end date, meeting point
    and time, meals, lodging, tools, insurance) and their lifecycle (why a job was
    cancelled, employer no-shows). Old rows read as the record's defaults."""
    _run_script(db, _JOB_FACTS)


@migrations()
def m013_job_day_estimate(db: Database) -> None:
    """Pay by the piece, the m² or the whole job carries the employer's estimate of a
    day's earnings (kiosk.core.wages); older jobs have none."""
    db.conn.execute("ALTER TABLE jobs ADD COLUMN day_estimate_cents INTEGER")


@migrations()
def m014_queue_calls(db: Database) -> None:
    """Queue numbers called at the counter's windows (叫号): call, call again, pass over.
    The next number to call is today's lowest check-in number not called yet (the
    check-ins' own UNIQUE (hall_id, day, queue_no) index, and this one)."""
    _run_script(db, _QUEUE_CALLS)


@migrations()
def m015_city_content(db: Database) -> None:
    """Print jobs may be a policy page the city published (明白纸, kiosk.services.city_content)."""
    _widen_print_kinds(db.conn, "'erasure', 'handoff')", "'erasure', 'handoff', 'policy')")


_HUB_KNOWN_WORKERS = """
CREATE TABLE hub_workers (
    worker_id TEXT PRIMARY KEY,
    home_hall TEXT NOT NULL,
    home_hall_name TEXT NOT NULL DEFAULT '',
    looked_up_at TEXT NOT NULL
)
"""

_TRAINING = """
CREATE TABLE course_signups (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    course_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX course_signups_worker ON course_signups (worker_id, course_id);
CREATE INDEX course_signups_course ON course_signups (course_id, created_at);
CREATE TABLE attendance (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    signup_id TEXT NOT NULL REFERENCES course_signups (id),
    worker_id TEXT NOT NULL,
    course_id TEXT NOT NULL,
    session INTEGER NOT NULL CHECK (session > 0),
    day TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX attendance_session ON attendance (signup_id, session);
CREATE INDEX attendance_worker ON attendance (worker_id, course_id);
CREATE TABLE course_seats (
    course_id TEXT PRIMARY KEY,
    taken TEXT NOT NULL
)
"""

_SELF_POSTS = """
CREATE TABLE self_posts (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL CHECK (source IN ('touch', 'scan')),
    employer_id TEXT,
    employer TEXT,
    job TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    reason TEXT NOT NULL DEFAULT '',
    staff_id TEXT NOT NULL DEFAULT '',
    job_id TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX self_posts_status ON self_posts (status, created_at);
"""

_STAFF_CALLS = """
CREATE TABLE staff_calls (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    place TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'handled')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX staff_calls_open ON staff_calls (hall_id, status, created_at)
"""

_ARRIVALS = """
CREATE TABLE arrivals (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX arrivals_referral ON arrivals (referral_id)
"""

_SAFETY = """
ALTER TABLE jobs ADD COLUMN hazards TEXT NOT NULL DEFAULT '[]';
ALTER TABLE jobs ADD COLUMN protective_gear TEXT NOT NULL DEFAULT '[]';
ALTER TABLE jobs ADD COLUMN insurance_kind TEXT
    CHECK (insurance_kind IN ('daily_accident', 'employer_liability', 'work_injury', 'none'));
CREATE TABLE safety_acks (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    hazards TEXT NOT NULL,
    via TEXT NOT NULL CHECK (via IN ('touchscreen', 'counter')),
    staff_id TEXT,
    briefing_version INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX safety_acks_worker ON safety_acks (worker_id, job_id);
CREATE TABLE help_requests (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'done')),
    staff_id TEXT,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX help_requests_worker ON help_requests (worker_id, status);
CREATE INDEX help_requests_open ON help_requests (status, created_at)
"""


@migrations()
def m016_hub_known_workers(db: Database) -> None:
    """Workers of other halls known through the city hub (kiosk.core.city_workers): their
    masked profile is a worker row here, never sent back; `hub_workers` marks those rows
    with the home hall and when the hub was last asked."""
    _run_script(db, _HUB_KNOWN_WORKERS)


@migrations()
def m017_training(db: Database) -> None:
    """Training (kiosk.services.training): workers' sign-ups for the courses the city
    publishes (one per worker and course) and their attendance per session, which a
    hardship worker's "131" training counts from; the seats every hall has taken, as the
    hub sends them (`course_seats`: JSON {hall id: sign-ups}); the sign-up ticket among the
    print jobs."""
    _run_script(db, _TRAINING)
    _widen_print_kinds(db.conn, "'handoff', 'policy')", "'handoff', 'policy', 'course')")


@migrations()
def m018_employer_self_posts(db: Database) -> None:
    """Employers' own posts (我要招工, kiosk.core.self_posts) wait here for the counter's
    review; they are not jobs and never synced. Print jobs may be their receipt."""
    _run_script(db, _SELF_POSTS)
    _widen_print_kinds(db.conn, "'policy', 'course')", "'policy', 'course', 'self_post')")


@migrations()
def m019_staff_calls(db: Database) -> None:
    """A worker at a touchscreen asks for staff (请工作人员帮助); the counter shows which
    terminal asks and since when, and marks it handled (kiosk.services.help)."""
    _run_script(db, _STAFF_CALLS)


@migrations()
def m020_employer_licence(db: Database) -> None:
    """Employers carry a labour-dispatch firm's or an employment agency's licence number,
    and a 揽头's ID number as a worker's is kept (blind index, masked form, the plain number
    until the hub acknowledges it, kiosk.store.forget). Old rows read as the defaults."""
    _run_script(db, _EMPLOYER_LICENCE)


_EMPLOYER_LICENCE = """
ALTER TABLE employers ADD COLUMN licence_no TEXT NOT NULL DEFAULT '';
ALTER TABLE employers ADD COLUMN id_index TEXT NOT NULL DEFAULT '';
ALTER TABLE employers ADD COLUMN id_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE employers ADD COLUMN id_number TEXT
"""

_COURSE_CANCELS = """
CREATE TABLE course_cancels (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL,
    signup_id TEXT NOT NULL UNIQUE REFERENCES course_signups (id),
    worker_id TEXT NOT NULL,
    course_id TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    staff_id TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX course_cancels_worker ON course_cancels (worker_id, course_id);
DROP INDEX course_signups_worker;
CREATE INDEX course_signups_worker ON course_signups (worker_id, course_id);
ALTER TABLE course_signups ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0;
CREATE TABLE course_offers (
    course_id TEXT PRIMARY KEY,
    offered TEXT NOT NULL
)
"""


@migrations()
def m021_arrivals_and_prefix(db: Database) -> None:
    """A referral slip scanned at any terminal (到岗) is an arrival record; a referral may
    be `arrived`, and an employer who did not come is recorded on it (`employer_no_show`).
    Queue numbers carry their terminal's letter (A012): check-ins are unique per letter and
    number, and calls and 我想干 requests name the letter. SQLite cannot change a CHECK or
    UNIQUE constraint: referrals and check-ins are rebuilt with their rows and indexes."""
    conn = db.conn
    _rebuild(conn, "referrals", [("'declined', 'no_show')",
                                  "'declined', 'no_show', 'arrived', 'employer_no_show')"),
                                 ("    updated_at TEXT NOT NULL\n",
                                  "    updated_at TEXT NOT NULL,\n"
                                  "    queue_prefix TEXT NOT NULL DEFAULT ''\n")])
    _rebuild(conn, "checkins", [("    UNIQUE (worker_id, hall_id, day),",
                                 "    queue_prefix TEXT NOT NULL DEFAULT '',\n"
                                 "    UNIQUE (worker_id, hall_id, day),"),
                                ("UNIQUE (hall_id, day, queue_no)",
                                 "UNIQUE (hall_id, day, queue_prefix, queue_no)")])
    conn.execute("ALTER TABLE queue_calls ADD COLUMN queue_prefix TEXT NOT NULL DEFAULT ''")
    _run_script(db, _ARRIVALS)


def _rebuild(conn: sqlite3.Connection, table: str, swaps: list[tuple[str, str]]) -> None:
    """Rebuild `table` from its own definition with `swaps` made in it (a wider CHECK, a
    new column, another UNIQUE), keeping its rows, indexes and triggers."""
    table_sql, = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' "
                              "AND name = ?", (table,)).fetchone()
    extras = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? "
        "AND sql IS NOT NULL", (table,))]
    columns = ", ".join(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
    new_sql = table_sql
    for old, new in swaps:
        assert old in new_sql, (old, new_sql)
        new_sql = new_sql.replace(old, new, 1)
    new_sql = re.sub(rf'^CREATE TABLE "?{table}"?', f"CREATE TABLE {table}_new", new_sql,
                     count=1)
    conn.execute(new_sql)
    conn.execute(f"INSERT INTO {table}_new ({columns}) SELECT {columns} FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    # Triggers of other tables name this one: the legacy rename does not re-check them
    # while the table is briefly missing (SQLite's documented table rebuild).
    conn.execute("PRAGMA legacy_alter_table = ON")
    try:
        conn.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    finally:
        conn.execute("PRAGMA legacy_alter_table = OFF")
    for sql in extras:
        conn.execute(sql)


@migrations()
def m022_safety_and_insurance(db: Database) -> None:
    """Jobs carry hazard tags (高处, 动火 …), the protective equipment they require and how
    the employer insures them (单日意外险, 雇主责任险, 工伤保险, none); workers'
    acknowledgements of safety briefings (`safety_acks`) and their requests for help, such
    as enrolling in accident insurance (`help_requests`), which staff mark done."""
    _run_script(db, _SAFETY)


@migrations()
def m023_course_cancels(db: Database) -> None:
    """A sign-up withdrawn (kiosk.services.training): one cancel per sign-up, a record of
    its own; a worker who cancelled may sign up again, so one worker and course may have
    several sign-ups (the service keeps one standing at a time). The waiting list: a
    sign-up may be `waiting` (no seat), and the hub's offers of freed seats to this hall's
    waiting workers are kept in `course_offers` (JSON list of sign-up ids)."""
    _run_script(db, _COURSE_CANCELS)
