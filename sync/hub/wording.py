"""The hub runs the discrimination check again on every job post it is sent, with the
rules it serves terminals (the latest published `post_rules` asset, else the shipped
ones). A post the check blocks is stored only with a supervisor's override: the audit
event `job.override` of that job, of the same hall, sent in the same batch or earlier
(the terminal writes it in the transaction that saves the post). Otherwise the change is
`rejected` with reason `discriminatory` and the categories hit (never the phrases).

A post's wording is checked once per text and rules version (the check costs a few
hundred microseconds; terminals resend the same text with every fill or status change).
"""

from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Sequence

from sqlalchemy import Connection, select

from kiosk.core.assets import POST_RULES
from kiosk.core.post_check import PostRules, load_rules, post_errors, rules_from_data
from kiosk.core.records import AuditAction, AuditEvent, JobPost, Record
from sync.hub.schema import audit_events, feed
from sync.protocol import Change

RULES_TTL_S = 30.0  # how long a server process trusts the rules it read (publication lag)


def blocked_categories(title: str, description: str, rules: PostRules, *,
                       skills_note: str = "", trade: str = "") -> tuple[str, ...]:
    """The categories (codes) whose blocking rules the post's wording hits, as the
    terminal's check finds them (kiosk.services.jobs.wording_errors): each field on its
    own, knowing the job's trade and what the whole post says of its work."""
    _KNOWN_RULES.setdefault(id(rules), rules)  # kept alive: its id stays its own
    return _blocked(title, description, skills_note, trade, id(rules))


# The rules objects checked with, by id: the shipped rules and each published version (a
# few). Cached by id, not by value: hashing a PostRules walks all its rules every time.
_KNOWN_RULES: dict[int, PostRules] = {}


@functools.lru_cache(maxsize=4096)
def _blocked(title: str, description: str, skills_note: str, trade: str,
             rules_id: int) -> tuple[str, ...]:
    errors = post_errors({"title": title, "description": description,
                          "skills_note": skills_note}, _KNOWN_RULES[rules_id], trade)
    return tuple(sorted({str(e.params["category_code"]) for e in errors}))


class ServedRules:
    """The rules the hub serves, read from the feed at most every RULES_TTL_S seconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._read_at = -RULES_TTL_S
        self._version = -1
        self._rules: PostRules = load_rules()

    def get(self, conn: Connection) -> PostRules:
        now = time.monotonic()
        with self._lock:
            if now - self._read_at < RULES_TTL_S:
                return self._rules
            self._read_at = now
        row = conn.execute(select(feed.c.payload).where(
            feed.c.kind == "asset", feed.c.record_id == POST_RULES,
        ).order_by(feed.c.seq.desc()).limit(1)).first()
        if row is not None:
            asset = json.loads(row.payload)
            with self._lock:
                if int(asset["version"]) != self._version:
                    self._rules = rules_from_data(asset["data"])
                    self._version = int(asset["version"])
        return self._rules


def unjustified_posts(conn: Connection, hall_id: str, items: Sequence[tuple[Change, Record]],
                      rules: PostRules) -> dict[str, str]:
    """Change id → the blocked categories, for the hall's own job posts that the check
    blocks and no override of the same hall covers."""
    blocked = {change.change_id: (record.id, found) for change, record in items
               if isinstance(record, JobPost) and record.hall_id == hall_id
               and (found := _job_blocked(record, rules))}
    if not blocked:
        return {}
    overridden = _overrides(conn, hall_id, {job_id for job_id, _ in blocked.values()}, items)
    return {change_id: ", ".join(found) for change_id, (job_id, found) in blocked.items()
            if job_id not in overridden}


def _job_blocked(job: JobPost, rules: PostRules) -> tuple[str, ...]:
    """What the terminal's check finds in a post: its title, description and skills note
    (`kiosk.services.jobs`), each on its own, with the job's trade."""
    return blocked_categories(job.title, job.description, rules,
                              skills_note=job.skills_note, trade=job.trade)


def _overrides(conn: Connection, hall_id: str, job_ids: set[str],
               items: Sequence[tuple[Change, Record]]) -> set[str]:
    """The jobs among `job_ids` with a supervisor's override in the batch or at the hub."""
    found = {record.entity_id for _, record in items if isinstance(record, AuditEvent)
             and _is_override(record, hall_id) and record.entity_id in job_ids}
    rest = sorted(job_ids - found)
    if rest:
        for (text,) in conn.execute(select(audit_events.c.payload).where(
                audit_events.c.hall_id == hall_id)
                .where(audit_events.c.payload.contains(AuditAction.JOB_OVERRIDE.value))):
            payload = json.loads(text)
            if payload.get("action") == AuditAction.JOB_OVERRIDE.value and (
                    payload.get("entity_id") in rest):
                found.add(str(payload["entity_id"]))
    return found


def _is_override(event: AuditEvent, hall_id: str) -> bool:
    return (event.action is AuditAction.JOB_OVERRIDE and event.entity == "job"
            and event.hall_id == hall_id and bool(event.staff_id))
