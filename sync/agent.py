"""The terminal's sync agent: push outbox batches, pull the hub's feed.

A change is marked `sending` (committed) before its batch goes out and `acked` only when
the hub's answer for that very change says stored or duplicate. So a lost response, a
crash or a cut connection only means the batch is sent again, and the hub answers
`duplicate`: every change reaches the hub exactly once. A 401 quarantines what is unsent.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from kiosk.core.city_workers import DEFAULT_CITY_COPY_DAYS, HubUnreachable, local_worker
from kiosk.core.codec import iso_utc
from kiosk.store.city_copies import expire_unused
from kiosk.store.hub_workers import keep_profile, strangers
from kiosk.store.outbox import Change as OutboxChange
from kiosk.store.outbox import OutboxState
from kiosk.store.store import Store
from kiosk.store.sync_state import WAITING_SINCE, Outcome, Pulled, RawChange, SyncState
from sync import protocol
from sync.lookup import HubDirectory
from sync.protocol import (
    Answer,
    CardKeyRequest,
    CardKeyResponse,
    Change,
    PullResponse,
    PushResponse,
    Reason,
    Result,
)
from sync.provisioning import Provisioning

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT_S = 30.0
# Batches on the wire at once: the next is read and encoded while the hub stores one.
DEFAULT_IN_FLIGHT = 2
STRANGERS_PER_SYNC = 10  # lookups a sync may make (the hub allows a terminal 30 at once)
STRANGER_DAYS = 2  # the hall's last days of check-ins: strangers worth asking about


class Unauthorized(Exception):
    """The hub does not know this terminal's token (unknown or revoked)."""


class HubUnavailable(Exception):
    """The hub could not be reached or did not answer properly; try again later (not
    before `retry_after_s` when the hub said so: a 429's Retry-After)."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


@dataclass(slots=True)
class SyncReport:
    sent: int = 0  # changes put on the wire (a batch sent twice counts twice)
    stored: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0
    pulled: int = 0
    applied: int = 0
    quarantined: int = 0
    resolved: int = 0  # workers of other halls checked in here, now known (their profile)
    # arrivals whose referral the hub does not know yet (the referring hall is offline):
    # sent again each cycle, for up to `kiosk.store.sync_state.WAIT_FOR_REFERRAL_DAYS`
    waiting: int = 0
    expired: int = 0  # copies of other halls' workers unused here too long, removed
    errors: list[str] = field(default_factory=list)
    retry_after_s: float | None = None  # the hub asked the terminal to wait this long

    @property
    def acked(self) -> int:
        return self.stored + self.duplicate

    @property
    def ok(self) -> bool:
        return not self.errors


class SyncAgent:
    """One terminal's link to the hub; `sync_once()` pushes everything, then pulls."""

    def __init__(self, store: Store, credentials: Provisioning,
                 client: httpx.Client | None = None, batch_size: int = protocol.MAX_BATCH,
                 in_flight: int = DEFAULT_IN_FLIGHT, *, card_key: str | None = None,
                 copy_days: int = DEFAULT_CITY_COPY_DAYS,
                 clock: Callable[[], datetime] | None = None) -> None:
        """`card_key`: the public half (base64) of this terminal's worker-card key, sent
        to the hub once (again when it changes) so every hall can check its cards.
        `copy_days`: [privacy] city_copy_days, after which each cycle removes an unused
        copy of another hall's worker (kiosk.store.city_copies), online or not."""
        self.state = SyncState(store, city_keys=credentials.city_keys,
                               terminal_id=credentials.terminal, hall_id=credentials.hall)
        self.store = store
        self._asked: set[str] = set()  # strangers asked of the hub (once each)
        self.credentials = credentials
        self.card_key = card_key
        self.copy_days = copy_days
        self._clock = clock or (lambda: datetime.now(UTC))
        self.batch_size = batch_size
        self.in_flight = max(1, in_flight)
        self._client = client or httpx.Client(timeout=DEFAULT_TIMEOUT_S)
        self._headers = {"Authorization": f"Bearer {credentials.token}"}

    def close(self) -> None:
        self._client.close()

    def sync_once(self) -> SyncReport:
        report = SyncReport()
        report.expired = len(expire_unused(self.store, self.copy_days, self._clock()))
        try:
            self._try_card_key()
            self.push_all(report)
            while self.pull_page(report):
                pass
            report.resolved = self.resolve_strangers()
        except Unauthorized as exc:
            report.quarantined = self.state.quarantine(f"unauthorized: {exc}")
            report.errors.append("unauthorized")
        except HubUnavailable as exc:
            report.errors.append(str(exc))
            report.retry_after_s = exc.retry_after_s
        return report

    # -- push -------------------------------------------------------------------------
    def push_all(self, report: SyncReport) -> None:
        """Send every unsent change, up to `in_flight` batches on the wire at once.

        The next batch is claimed and encoded while the hub stores the one before (each
        is claimed after the last seq of the batches on the wire); answers are settled in
        the order the batches were sent. A batch that failed goes back to pending; the
        batches already on the wire are still settled, then the failure is raised.
        """
        with ThreadPoolExecutor(self.in_flight, thread_name_prefix="kiosk-push") as pool:
            waiting: deque[tuple[list[RawChange], Future[PushResponse]]] = deque()
            after, more, failure = 0, True, None
            while True:
                while more and failure is None and len(waiting) < self.in_flight:
                    batch = self.state.claim_raw(self.batch_size, after)
                    if batch:
                        after, more = batch[-1].seq, len(batch) >= self.batch_size
                        report.sent += len(batch)
                        waiting.append((batch, pool.submit(self._post, self._body(batch))))
                    else:
                        more = False
                if not waiting:
                    break
                batch, answer = waiting.popleft()
                try:
                    more = self._settle(batch, answer.result(), report) and more
                except (HubUnavailable, Unauthorized) as exc:
                    self.state.release([c.change_id for c in batch], str(exc))
                    failure = failure or exc
        if failure is not None:
            raise failure

    def _body(self, batch: list[RawChange]) -> bytes:
        return protocol.encode_push(self.credentials.terminal, self.credentials.hall,
                                    (_raw(change) for change in batch))

    def _settle(self, batch: list[RawChange], response: PushResponse,
                report: SyncReport) -> bool:
        """Keep the hub's answers; False when it left a change unanswered (stop for now)."""
        now = iso_utc(self._clock())
        outcomes = [_outcome(answer, report, now) for answer in response.answers]
        self.state.settle(outcomes, now)
        answered = {o.change_id for o in outcomes}
        unanswered = [c.change_id for c in batch if c.change_id not in answered]
        if unanswered:
            self.state.release(unanswered, "the hub did not answer for this change")
        return not unanswered

    def _post(self, body: bytes) -> PushResponse:
        headers = {**self._headers, "Content-Type": "application/json",
                   "Content-Encoding": protocol.GZIP}
        response = self._call("POST", protocol.PUSH_PATH, headers=headers, content=body)
        return _parse(PushResponse, response)

    # -- workers of other halls --------------------------------------------------------
    def resolve_strangers(self, limit: int = STRANGERS_PER_SYNC) -> int:
        """Workers this hall checked in (by a card of another hall, offline) whom it does
        not know: asked of the hub once each (sync.lookup), their masked profile kept
        (kiosk.store.hub_workers), so matching lists them. How many were kept; a hub that
        does not answer now leaves the rest for the next sync."""
        since = iso_utc(self._clock() - timedelta(days=self.copy_days))
        ids = [i for i in strangers(self.store.conn, self.credentials.hall, STRANGER_DAYS,
                                    limit + len(self._asked), since)
               if i not in self._asked][:limit]
        directory = HubDirectory(self.credentials, self._client)
        kept = 0
        for worker_id in ids:
            try:
                profile = directory.by_worker_id(worker_id)
            except HubUnreachable as exc:
                log.info("a worker of another hall was not looked up now: %s", exc)
                break
            self._asked.add(worker_id)
            if profile is None:
                continue
            now = self._clock()
            copy = local_worker(profile, id_index=None, id_masked=None,
                                now=now.replace(microsecond=now.microsecond // 1000 * 1000))
            with self.store.write() as tx:
                kept += keep_profile(self.store, tx, copy, profile.home_hall_name,
                                     iso_utc(now)) is not None
        return kept

    # -- card key ---------------------------------------------------------------------
    def _try_card_key(self) -> None:
        """Register the card key; a hub that cannot take it now (or an older hub without
        the call) does not stop the push and pull: the key goes with a later sync."""
        try:
            self.register_card_key()
        except HubUnavailable as exc:
            log.warning("the card key was not registered: %s", exc)

    def register_card_key(self) -> bool:
        """Send this terminal's card key unless the hub has it already; True when sent."""
        if not self.card_key or self.state.registered_card_key() == self.card_key:
            return False
        body = CardKeyRequest(terminal_id=self.credentials.terminal,
                              public_key=self.card_key)
        headers = {**self._headers, "Content-Type": "application/json"}
        response = self._call("POST", protocol.CARD_KEY_PATH, headers=headers,
                              content=protocol.encode(body, compress=False))
        _parse(CardKeyResponse, response)
        self.state.note_card_key(self.card_key)
        return True

    # -- pull -------------------------------------------------------------------------
    def pull_page(self, report: SyncReport) -> bool:
        """Fetch and apply one page of the feed; True when there is more."""
        self.state.rewind_for(protocol.FEED_KINDS)
        after = self.state.cursor()
        response = self._call("GET", protocol.PULL_PATH, headers=self._headers,
                              params={"after": after})
        page = self._parse_feed(response)
        records = [Pulled(item.kind, item.payload,
                          None if item.employer is None else item.employer.model_dump())
                   for item in page.items]
        report.pulled += len(records)
        report.applied += self.state.apply_pulled(records, page.next_cursor, _now())
        return page.more and page.next_cursor > after

    def _parse_feed(self, response: httpx.Response) -> PullResponse:
        """The page, strictly checked, without the items of kinds a newer hub sends that
        this version does not know: they are passed over (and noted, to be pulled again
        after an upgrade) instead of stopping the hall's feed until every terminal is
        upgraded."""
        page, unknown = protocol.split_unknown_kinds(response.content)
        if unknown:
            kinds = {kind for kind, _seq in unknown}
            log.warning("feed kinds this version does not know, passed over: %s",
                        ", ".join(sorted(kinds)))
            self.state.note_skipped(kinds, min(seq for _kind, seq in unknown))
        return _parse_json(PullResponse, page)

    def _call(self, method: str, path: str, *, headers: dict[str, str],
              content: bytes | None = None, params: dict[str, int] | None = None,
              ) -> httpx.Response:
        url = self.credentials.hub.rstrip("/") + path
        try:
            response = self._client.request(method, url, headers=headers, content=content,
                                            params=params)
        except httpx.HTTPError as exc:
            raise HubUnavailable(f"network: {type(exc).__name__}: {exc}") from exc
        if response.status_code == httpx.codes.UNAUTHORIZED:
            raise Unauthorized(response.text[:200])
        if response.status_code == httpx.codes.TOO_MANY_REQUESTS:
            raise HubUnavailable("hub answered 429: too many requests",
                                 _retry_after(response.headers.get("Retry-After")))
        if response.status_code != httpx.codes.OK:
            raise HubUnavailable(f"hub answered {response.status_code}")
        return response


def _retry_after(header: str | None) -> float | None:
    """Retry-After in seconds (the hub sends whole seconds); None when absent or not a
    number, capped at an hour so a wrong header cannot stop a hall's sync for long."""
    try:
        return min(3600.0, max(0.0, float(header))) if header is not None else None
    except ValueError:
        return None


def _raw(change: RawChange) -> protocol.RawChange:
    return (change.change_id, change.entity, change.entity_id, change.op, change.payload_json,
            change.content_hash, change.created_at)


def _wire(change: OutboxChange) -> Change:
    return Change.model_validate({
        "change_id": change.change_id, "record_type": change.entity,
        "record_id": change.entity_id, "op": change.op.value, "payload": change.payload,
        "content_hash": change.content_hash, "created_at": change.created_at})


def _outcome(answer: Answer, report: SyncReport, now: str) -> Outcome:
    if answer.result is Result.STORED:
        report.stored += 1
    elif answer.result is Result.DUPLICATE:
        report.duplicate += 1
    elif answer.result is Result.CONFLICT:
        report.conflict += 1
        return Outcome(answer.change_id, OutboxState.REJECTED, f"conflict: {answer.detail}")
    elif answer.reason is Reason.UNKNOWN_REFERRAL:  # its hall has not synced it yet
        report.waiting += 1
        return Outcome(answer.change_id, OutboxState.PENDING,
                       f"{WAITING_SINCE}{now}: {answer.detail}")
    else:
        report.rejected += 1
        reason = answer.reason.value if answer.reason else "rejected"
        return Outcome(answer.change_id, OutboxState.REJECTED, f"{reason}: {answer.detail}")
    return Outcome(answer.change_id, OutboxState.ACKED)


def _parse(cls: type[protocol.M], response: httpx.Response) -> protocol.M:
    return _parse_json(cls, response.content)


def _parse_json(cls: type[protocol.M], content: bytes) -> protocol.M:
    try:
        return cls.model_validate_json(content)
    except ValueError as exc:
        raise HubUnavailable(f"the hub's answer is not v1: {exc}") from exc


def _now() -> str:
    return iso_utc(datetime.now(UTC))
