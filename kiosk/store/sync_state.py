"""The sync agent's side of the terminal store.

Outbox states: `pending` → `sending` (claimed, committed before the request goes out) →
`acked` (the hub stored it, or had it already) or `rejected` (invalid or conflicting: kept
for staff with the hub's reason). A network failure puts a batch back to `pending`; an
unknown or revoked token moves every unsent change to `quarantined` until the terminal is
provisioned again. Pulled records and the pull cursor are written in one transaction.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.core.asset_signing import verify_asset
from kiosk.core.assets import CATALOGUE, AssetProblem, check_asset
from kiosk.core.catalogue import Catalogue, catalogue_from_data, load_catalogue
from kiosk.core.codec import from_payload, iso_utc
from kiosk.core.erasure import anonymised, is_erased
from kiosk.core.queue_numbers import counter_kind
from kiosk.core.records import ENTITY_TYPES, Arrival, CheckIn, Worker
from kiosk.core.scan import ScanKeys, public_key_bytes
from kiosk.core.schema import check_payload
from kiosk.core.supply import SUPPLY_KIND
from kiosk.store.arrivals import keep_arrival, mark_arrived
from kiosk.store.backup import backup_dir_of
from kiosk.store.complaint_status import KIND as STATUS_KIND
from kiosk.store.complaint_status import keep_status
from kiosk.store.erase import finish_erasure, record_erasure
from kiosk.store.forget import forget_acknowledged, purge_wal, scrub_backups
from kiosk.store.hub_workers import anonymise_copy
from kiosk.store.outbox import _COLUMNS, Change, ChangeOp, OutboxState, _change
from kiosk.store.print_queue import next_number
from kiosk.store.store import Store, WriteTransaction
from kiosk.store.supply import keep_supply
from kiosk.store.training import OFFERS_KIND, SEATS_KIND, keep_offers, keep_seats

log = logging.getLogger(__name__)
CURSOR_KEY = "sync.cursor"
# Feed items of kinds this terminal's version does not know (a newer hub): the kinds,
# and the first such item's sequence, to pull again from there once it knows them.
# An arrival whose referral the hub does not know yet is sent again each cycle for so long
# (a hall offline for a week is a hall to call), then rejected.
WAIT_FOR_REFERRAL_DAYS = 7
WAITING_SINCE = "unknown_referral since "  # + the first refusal's time: the outbox's note
SKIPPED_KINDS_KEY = "sync.skipped_kinds"
SKIPPED_FROM_KEY = "sync.skipped_from"
CARD_KEY_KEY = "sync.card_key"  # the card key the hub has acknowledged
LAST_SUCCESS_KEY = "sync.last_success"  # the board's stale-data hint reads this key
LAST_ERROR_KEY = "sync.last_error"
PULLED_KINDS = frozenset({"job", "notice", "call", "staff_call"})
CHECKIN_KIND = "checkin"  # another terminal's numbered check-in of this hall (its queue)
ARRIVAL_KIND = "arrival"  # a slip of this hall's referral read anywhere (kiosk.store.arrivals)
MERGE_KIND = "worker_merge"  # payload: alias_id, canonical_id
ERASED_KIND = "worker_erased"  # payload: worker_id (this hall's record of an erased person)
ASSET_KIND = "asset"  # payload: name, version, data (the city's rules or catalogue)
# payload: a complaint's number, kind, status and latest step (kiosk.store.complaint_status)
ASSET_KEY = "asset.{name}"  # the settings key an asset is kept under, as its payload JSON
# The tables whose rows name a worker: a merge re-points them to the canonical worker.
WORKER_REFERENCES = ("checkins", "referrals", "service_events", "complaints",
                     "course_signups", "attendance", "safety_acks", "help_requests",
                     "course_cancels")
# `+state`: the rows are looked up by change id. Through the state index SQLite would scan
# every unsent row for each batch: quadratic in a long backlog.
ACK_SQL = ("UPDATE outbox SET state = 'acked', last_error = NULL WHERE change_id IN "
           "(SELECT value FROM json_each(?)) AND +state IN ('pending', 'sending')")
# A supervisor's override is saved just before the post it allows (kiosk.services.jobs):
# a batch never ends on one, or the hub would see the post blocked and without it.
OVERRIDE_AT_SQL = ("SELECT 1 FROM outbox WHERE seq = ? AND entity = 'audit' "
                   "AND json_extract(payload, '$.action') = 'job.override'")
_RAW_COLUMNS = "seq, change_id, entity, entity_id, op, payload, content_hash, created_at"


@dataclass(frozen=True, slots=True)
class RawChange:
    """An outbox change as stored: the payload is its canonical JSON text, not parsed."""

    seq: int  # the outbox's order
    change_id: str
    entity: str
    entity_id: str
    op: str
    payload_json: str
    content_hash: str
    created_at: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """The hub's answer for one change, as the outbox keeps it."""

    change_id: str
    state: OutboxState  # ACKED or REJECTED
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Pulled:
    """One record from the pull feed: its type (`job`, `notice`) and full payload."""

    entity: str
    payload: dict[str, Any]
    employer: dict[str, Any] | None = None  # a job's employer: id, display_name, kind
    # (and contact_name, phone in a staff counter's feed)


# Feed kinds that are a figure the hub keeps (not a record): how it is kept here, the name
# listeners hear, and whether it counts as applied.
_KEPT_STATE: dict[str, tuple[Callable[[sqlite3.Connection, dict[str, Any]], bool], str, int]] = {
    SUPPLY_KIND: (keep_supply, "supply", 0),
    SEATS_KIND: (keep_seats, SEATS_KIND, 1),
    OFFERS_KIND: (keep_offers, SEATS_KIND, 1),
    STATUS_KIND: (keep_status, STATUS_KIND, 1),
}


class SyncState:
    def __init__(self, store: Store, city_keys: Sequence[str] = (),
                 terminal_id: str = "", hall_id: str = "") -> None:
        """`city_keys`: the city's public keys (base64) a pulled asset must be signed with;
        without them no pulled asset is used. `terminal_id`: this terminal (what it
        writes on pulling, an arrival's audit, names it). `hall_id`: this terminal's
        hall; without it no pulled check-in is kept."""
        self._store = store
        self._terminal_id = terminal_id
        self._hall_id = hall_id
        self._conn = store.conn
        self._keys = _keys(city_keys)

    # -- pushing ------------------------------------------------------------------------
    def claim(self, limit: int = 500) -> list[Change]:
        """The oldest unsent changes, marked `sending` (committed before any request)."""
        return [_change(row) for row in self._claim_rows(_COLUMNS, limit)]

    def claim_raw(self, limit: int = 500, after: int = 0) -> list[RawChange]:
        """As `claim`, with each payload as the canonical JSON text the outbox holds.

        `after`: only changes after this outbox seq (those up to it are on the wire
        already, in a batch still waiting for its answer)."""
        return [RawChange(*row) for row in self._claim_rows(_RAW_COLUMNS, limit, after)]

    def _claim_rows(self, columns: str, limit: int, after: int = 0) -> list[tuple[Any, ...]]:
        """Select the oldest unsent rows (`seq` first) and mark them all with one UPDATE."""
        with self._store.write() as tx:
            rows = self._conn.execute(
                f"SELECT {columns} FROM outbox WHERE state IN ('pending', 'sending') "
                "AND seq > ? ORDER BY seq LIMIT ?", (after, limit)).fetchall()
            if len(rows) == limit and self._conn.execute(OVERRIDE_AT_SQL,
                                                         (rows[-1][0],)).fetchone():
                rows += self._conn.execute(  # the post the override allows comes along
                    f"SELECT {columns} FROM outbox WHERE state IN ('pending', 'sending') "
                    "AND seq > ? ORDER BY seq LIMIT 1", (rows[-1][0],)).fetchall()
            if rows:  # the rows selected are exactly the unsent ones in that seq range
                self._conn.execute(
                    "UPDATE outbox SET state = 'sending', attempts = attempts + 1 "
                    "WHERE state IN ('pending', 'sending') AND seq > ? AND seq <= ?",
                    (after, rows[-1][0]))
                tx.changed.add("outbox")
        return rows

    def settle(self, outcomes: Sequence[Outcome], now: str) -> None:
        """Record the hub's answers; an acknowledged worker's plain ID number is dropped
        (kiosk.store.forget): from the row, the outbox, the WAL and the backups."""
        acked = [o.change_id for o in outcomes if o.state is OutboxState.ACKED]
        with self._store.write() as tx:
            self._conn.execute(ACK_SQL, (json.dumps(acked),))
            self._conn.executemany(  # a change waiting keeps the time it began to wait
                "UPDATE outbox SET state = ?, last_error = CASE WHEN last_error LIKE ? "
                "AND ? LIKE ? THEN last_error ELSE ? END WHERE change_id = ? "
                "AND state IN ('pending', 'sending')",
                [(o.state.value, WAITING_SINCE + "%", o.error, WAITING_SINCE + "%", o.error,
                  o.change_id) for o in outcomes if o.state is not OutboxState.ACKED])
            self._give_up_waiting(now)
            payloads, forgotten = forget_acknowledged(self._conn, acked)
            for checkin_id in number_confirmed(self._conn, acked):
                numbered = self._store.table_for(CheckIn).get(checkin_id)
                if numbered is not None:  # the number goes to the hall's other machines
                    tx.save(numbered, ChangeOp.UPDATE)
            self._set(LAST_SUCCESS_KEY, now)
            tx.changed.update(("outbox", "worker"))
        if payloads or forgotten:
            purge_wal(self._conn)
            scrub_backups(backup_dir_of(self._store.path), acked, forgotten)

    def _give_up_waiting(self, now: str) -> None:
        """A change the hub keeps answering "not yet" (an arrival whose referral never
        reached it) stops being sent after `WAIT_FOR_REFERRAL_DAYS`: it is rejected with
        the hub's last word, for staff to see."""
        limit = datetime.fromisoformat(now) - timedelta(days=WAIT_FOR_REFERRAL_DAYS)
        self._conn.execute(
            "UPDATE outbox SET state = 'rejected' WHERE state = 'pending' "
            "AND last_error LIKE ? AND substr(last_error, ?, 24) < ?",
            (WAITING_SINCE + "%", len(WAITING_SINCE) + 1, iso_utc(limit)))

    def release(self, change_ids: Iterable[str], error: str) -> None:
        """A batch the hub did not answer goes back to `pending` with the reason."""
        with self._store.write() as tx:
            self._conn.executemany(
                "UPDATE outbox SET state = 'pending', last_error = ? WHERE change_id = ? "
                "AND state = 'sending'", [(error, cid) for cid in change_ids])
            self._set(LAST_ERROR_KEY, error)
            tx.changed.add("outbox")

    def quarantine(self, error: str) -> int:
        """Keep every unsent change aside (the token is unknown or revoked)."""
        with self._store.write() as tx:
            moved = self._conn.execute(
                "UPDATE outbox SET state = 'quarantined', last_error = ? "
                "WHERE state IN ('pending', 'sending')", (error,)).rowcount
            self._set(LAST_ERROR_KEY, error)
            tx.changed.add("outbox")
        return int(moved)

    def release_quarantine(self) -> int:
        """After provisioning again: quarantined changes are sent again."""
        with self._store.write() as tx:
            moved = self._conn.execute(
                "UPDATE outbox SET state = 'pending' WHERE state = 'quarantined'").rowcount
            tx.changed.add("outbox")
        return int(moved)

    def note_error(self, error: str) -> None:
        with self._store.write():
            self._set(LAST_ERROR_KEY, error)

    # -- pulling ------------------------------------------------------------------------
    def registered_card_key(self) -> str | None:
        """The card key (base64 public) the hub last acknowledged for this terminal."""
        return self._store.get_setting(CARD_KEY_KEY)

    def note_card_key(self, public_key: str) -> None:
        with self._store.write():
            self._set(CARD_KEY_KEY, public_key)

    def cursor(self) -> int:
        value = self._store.get_setting(CURSOR_KEY)
        return int(value) if value else 0

    def note_skipped(self, kinds: set[str], first_seq: int) -> None:
        """Items of `kinds` (unknown to this version) were passed over from `first_seq`."""
        known = self.skipped_kinds()
        earliest = self._store.get_setting(SKIPPED_FROM_KEY)
        with self._store.write():
            self._set(SKIPPED_KINDS_KEY, ",".join(sorted(known | kinds)))
            self._set(SKIPPED_FROM_KEY, str(min(first_seq, int(earliest or first_seq))))

    def skipped_kinds(self) -> set[str]:
        value = self._store.get_setting(SKIPPED_KINDS_KEY)
        return set(value.split(",")) if value else set()

    def rewind_for(self, known_kinds: frozenset[str]) -> bool:
        """After an upgrade that taught this terminal every kind it passed over, pull
        again from the first one passed over (the feed is the hub's current state, so
        items pulled twice change nothing). True when it rewound."""
        skipped = self.skipped_kinds()
        earliest = self._store.get_setting(SKIPPED_FROM_KEY)
        if not skipped or not skipped <= known_kinds or earliest is None:
            return False
        with self._store.write():
            self._set(CURSOR_KEY, str(min(self.cursor(), int(earliest) - 1)))
            self._set(SKIPPED_KINDS_KEY, "")
            self._set(SKIPPED_FROM_KEY, "")
        return True

    def apply_pulled(self, records: Sequence[Pulled], cursor: int, now: str) -> int:
        """Write pulled records and the new cursor in one transaction; how many were written.

        Idempotent: a record is skipped when this terminal has a newer version, or unsent
        changes of it (the hub's merged state comes back after they are pushed).
        """
        applied = 0
        erased: list[Worker] = []
        with self._store.write() as tx:
            for item in records:
                if item.entity == ERASED_KIND:
                    erased += self._erase_here(tx, str(item.payload["worker_id"]), now)
                elif item.entity == ASSET_KIND:
                    if self._keep_asset(item.payload):
                        tx.changed.add(ASSET_KIND)
                        applied += 1
                elif item.entity == MERGE_KIND:
                    applied += self._merge_worker(str(item.payload["alias_id"]),
                                                  str(item.payload["canonical_id"]))
                    tx.changed.update(("worker", *WORKER_REFERENCES))
                elif item.entity == ARRIVAL_KIND:
                    applied += self._arrival(tx, item.payload, now)
                elif item.entity == CHECKIN_KIND:
                    applied += self._checkin(tx, item.payload)
                elif item.entity in _KEPT_STATE:
                    keep, entity, counted = _KEPT_STATE[item.entity]
                    if keep(self._conn, item.payload):
                        tx.changed.add(entity)
                        applied += counted
                elif item.entity in PULLED_KINDS and self._should_apply(item):
                    if item.employer is not None:
                        self._show_employer(item.employer, item.payload)
                    cls = ENTITY_TYPES[item.entity]
                    self._store.table_for(cls).upsert_payload(item.payload)
                    tx.changed.add(item.entity)
                    applied += 1
            self._set(CURSOR_KEY, str(cursor))
            self._set(LAST_SUCCESS_KEY, now)
        for worker in erased:
            finish_erasure(self._store, worker)
        return applied + len(erased)

    def _arrival(self, tx: WriteTransaction, payload: dict[str, Any], now: str) -> int:
        """A slip of this hall's referral read at another terminal or hall: kept, and the
        referral marked arrived (this hall owns it, so this terminal writes it)."""
        arrival = from_payload(Arrival, payload)
        if not keep_arrival(tx, self._store, arrival):
            return 0
        moment = datetime.fromisoformat(now).astimezone(UTC)
        referral = self._store.referrals.get(arrival.referral_id)
        if referral is not None and self._terminal_id:
            mark_arrived(tx, self._store, arrival, hall_id=referral.hall_id,
                         terminal_id=self._terminal_id, staff_id=None,
                         now=moment.replace(microsecond=moment.microsecond // 1000 * 1000))
        return 1

    def _checkin(self, tx: WriteTransaction, payload: dict[str, Any]) -> int:
        """A numbered check-in another terminal of this hall made: kept as it is, so this
        terminal's queue (call next, 前面还有 N 人, 今日待岗) has it. Never rewrites a
        check-in kept here (check-ins are never rewritten: this terminal's own stays as it
        made it), nor adds a second one of the same worker and day (the one kept first
        stands, nor a number of the day this terminal has given already: two terminals
        sharing a letter); another hall's, or one not fitting the schema, is logged and
        skipped."""
        problems = check_payload(CHECKIN_KIND, payload)
        if problems or payload.get("queue_no") is None:
            log.warning("a pulled check-in was malformed and skipped: %s",
                        ", ".join(map(str, problems)) or "no number")
            return 0
        checkin = from_payload(CheckIn, payload)
        if not self._hall_id or checkin.hall_id != self._hall_id:
            log.warning("a pulled check-in of another hall was skipped")
            return 0
        day = checkin.day.isoformat()
        if self._conn.execute(_KEPT_CHECKIN_SQL, {
                "id": checkin.id, "worker": checkin.worker_id, "hall": checkin.hall_id,
                "day": day, "prefix": checkin.queue_prefix, "no": checkin.queue_no,
        }).fetchone():
            return 0
        self._store.table_for(CheckIn).upsert(checkin)
        # Two terminals of the hall with the same letter (or none): this one numbers on
        # after the other's, so its next check-in does not take a number already given.
        self._conn.execute(_PAST_NUMBER_SQL, (checkin.hall_id, day,
                                              counter_kind(checkin.queue_prefix),
                                              checkin.queue_no))
        tx.changed.add(CHECKIN_KIND)
        return 1

    def _erase_here(self, tx: WriteTransaction, worker_id: str, now: str) -> list[Worker]:
        """The person asked another hall to delete their data (PIPL art. 47): this hall's
        record of them is erased the same way, and the delete goes back to the hub."""
        worker = self._store.workers.get(worker_id)
        if worker is None or is_erased(worker):
            return []
        moment = datetime.fromisoformat(now).astimezone(UTC)
        moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
        copy = anonymise_copy(self._store, tx, worker_id, moment)
        if copy is not None:  # another hall's worker, known through the hub: no delete back
            log.info("the copy of another hall's worker was erased at their request")
            return [copy]
        erased = anonymised(worker, moment)
        record_erasure(tx, self._conn, erased)
        tx.changed.add("worker")
        log.info("a worker's data was erased at the request received by another hall")
        return [erased]

    def _keep_asset(self, payload: dict[str, Any]) -> bool:
        """Keep a newer, valid rules file or catalogue that the city key signed; anything
        else is logged and skipped (the terminal goes on with its last good version)."""
        name = str(payload.get("name", ""))[:32]
        if not verify_asset(payload, self._keys):
            log.warning("a published %s was not used: no valid city signature",
                        name or "asset")
            return False
        try:
            version = check_asset(name, payload.get("data"), current_catalogue(self._store)
                                  if name == CATALOGUE else None)
        except AssetProblem as exc:
            log.warning("a published %s was not used: %s", name or "asset", exc)
            return False
        kept = stored_asset(self._store, name)
        if kept is not None and int(kept["version"]) >= version:
            return False
        self._set(ASSET_KEY.format(name=name), json.dumps(payload, ensure_ascii=False))
        return True

    def merge_worker(self, alias_id: str, canonical_id: str) -> int:
        """Re-point the alias's check-ins, referrals, service events and complaints to the
        canonical worker, in one transaction; idempotent. How many rows moved."""
        with self._store.write() as tx:
            moved = self._merge_worker(alias_id, canonical_id)
            tx.changed.update(("worker", *WORKER_REFERENCES))
        return moved

    def _merge_worker(self, alias_id: str, canonical_id: str) -> int:
        # Remembered, so a card printed with the old id still finds the worker; older
        # aliases of the alias follow it to the canonical id.
        self._conn.execute("INSERT INTO worker_aliases (alias_id, canonical_id) VALUES (?, ?) "
                           "ON CONFLICT (alias_id) DO UPDATE SET canonical_id = excluded."
                           "canonical_id", (alias_id, canonical_id))
        self._conn.execute("UPDATE worker_aliases SET canonical_id = ? WHERE canonical_id = ?",
                           (canonical_id, alias_id))
        # OR IGNORE: a check-in of both ids on the same day and hall keeps the alias's row.
        return sum(int(self._conn.execute(
            f"UPDATE OR IGNORE {table} SET worker_id = ? WHERE worker_id = ?",
            (canonical_id, alias_id)).rowcount) for table in WORKER_REFERENCES)

    def _show_employer(self, employer: dict[str, Any], job: dict[str, Any]) -> None:
        """Another terminal's employer as a row the board can name (display name and
        kind); a staff counter's feed also brings the contact person and phone, which the
        dispatch page shows (the hub sends them to counters only). An employer this
        terminal wrote itself (its outbox has it) is never touched."""
        self._conn.execute(
            "INSERT INTO employers (id, hall_id, kind, role, name, display_name, contact_name, "
            "phone, uscc, created_at, updated_at, licence_no) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, "
            "name = excluded.name, kind = excluded.kind, role = excluded.role, "
            "contact_name = excluded.contact_name, phone = excluded.phone, "
            "licence_no = excluded.licence_no "
            "WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE entity = 'employer' "
            "AND entity_id = employers.id)",
            (employer["id"], job["hall_id"], employer["kind"], employer.get("role", "direct"),
             employer["display_name"], employer["display_name"],
             str(employer.get("contact_name") or ""), str(employer.get("phone") or ""),
             job["created_at"], job["updated_at"], str(employer.get("licence_no", ""))))

    def _should_apply(self, item: Pulled) -> bool:
        record_id = str(item.payload["id"])
        if self._conn.execute(
                "SELECT 1 FROM outbox WHERE state IN ('pending', 'sending', 'quarantined') "
                "AND entity = ? AND entity_id = ? LIMIT 1", (item.entity, record_id)).fetchone():
            return False
        table = self._store.table_for(ENTITY_TYPES[item.entity]).name
        if "updated_at" not in item.payload:  # never rewritten (a queue call): new or not
            return self._conn.execute(f"SELECT 1 FROM {table} WHERE id = ?",
                                      (record_id,)).fetchone() is None
        row = self._conn.execute(f"SELECT updated_at FROM {table} WHERE id = ?",
                                 (record_id,)).fetchone()
        return row is None or str(row[0]) <= str(item.payload["updated_at"])

    # -- status -------------------------------------------------------------------------
    def problems(self, limit: int = 100) -> list[Change]:
        """Rejected and quarantined changes, for staff: never dropped."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE state IN ('rejected', 'quarantined') "
            "ORDER BY seq LIMIT ?", (limit,))
        return [_change(row) for row in rows]

    def status(self) -> dict[str, str | None]:
        return {"last_success": self._store.get_setting(LAST_SUCCESS_KEY),
                "last_error": self._store.get_setting(LAST_ERROR_KEY),
                "cursor": self._store.get_setting(CURSOR_KEY)}

    def _set(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


_KEPT_CHECKIN_SQL = """
SELECT 1 FROM checkins WHERE id = :id
   OR (worker_id = :worker AND hall_id = :hall AND day = :day)
   OR (hall_id = :hall AND day = :day AND queue_prefix = :prefix AND queue_no = :no)
LIMIT 1
"""
_PAST_NUMBER_SQL = ("INSERT INTO queue_counters (hall_id, day, kind, last_no) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (hall_id, day, kind) "
                    "DO UPDATE SET last_no = max(last_no, excluded.last_no)")


_CONFIRMED_SQL = """
SELECT c.id, c.hall_id, c.day, c.queue_prefix FROM outbox o JOIN checkins c ON c.id = o.entity_id
WHERE o.entity = 'checkin' AND o.change_id IN (SELECT value FROM json_each(?))
  AND c.queue_no IS NULL ORDER BY c.created_at, c.id
"""


def number_confirmed(conn: sqlite3.Connection, acked: Sequence[str]) -> list[str]:
    """In the caller's transaction: unverified check-ins the hub has now stored (it stores
    one only for a worker it knows: sync.hub.ownership) get their queue number, in the
    order they were made; their ids. The number is the hall's own: the caller sends it
    to the hub as the check-in's one rewrite (sync.hub.ownership allows only that), so
    the hall's other machines can call it."""
    rows = conn.execute(_CONFIRMED_SQL, (json.dumps(list(acked)),)).fetchall()
    for checkin_id, hall_id, day, prefix in rows:
        conn.execute("UPDATE checkins SET queue_no = ? WHERE id = ?",
                     (next_number(conn, hall_id, day, counter_kind(prefix)), checkin_id))
    return [str(row[0]) for row in rows]


def _keys(texts: Sequence[str]) -> ScanKeys:
    """The usable keys among `texts` (a bad one is logged and left out)."""
    usable = []
    for text in texts:
        try:
            usable.append(public_key_bytes(text))
        except ValueError:
            log.warning("a city key of this terminal is not an Ed25519 public key")
    return ScanKeys(tuple(usable))


def stored_asset(store: Store, name: str) -> dict[str, Any] | None:
    """The city's latest `name` asset kept by this terminal (payload), or None."""
    text = store.get_setting(ASSET_KEY.format(name=name))
    return None if text is None else dict(json.loads(text))


def current_catalogue(store: Store) -> Catalogue:
    """The catalogue the city published last, or the one shipped with the kiosk."""
    kept = stored_asset(store, CATALOGUE)
    return load_catalogue() if kept is None else catalogue_from_data(kept["data"])
