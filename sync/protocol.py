"""The v1 wire format between a terminal and the city hub; both ends import it.

A change on the wire is one row of the terminal's outbox: its own id, the record it
concerns (`record_type` is the outbox's `entity`), the operation, the record's full payload
and the SHA-256 of its canonical JSON (`kiosk.core.codec.content_hash`). Bodies are JSON,
gzip-compressed when `Content-Encoding: gzip` says so. The version travels in the path
(`/v1/...`) and in every body, so a later format can live beside this one.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

# The one record schema, the same at both ends (re-exported).
from kiosk.core.schema import (  # noqa: F401
    UUID7_PATTERN,
    SchemaProblem,
    check_payload,
    check_record,
)

PROTOCOL_VERSION: Literal[1] = 1
MAX_BATCH = 500
MAX_BODY_BYTES = 8 * 1024 * 1024  # after decompression: 500 changes are far below this
PUSH_PATH = "/v1/push"
PULL_PATH = "/v1/pull"
CARD_KEY_PATH = "/v1/card-key"
LOOKUP_PATH = "/v1/workers/lookup"
GZIP = "gzip"

RecordType = Literal[
    "worker", "employer", "job", "checkin", "referral", "service_event", "complaint", "notice",
    "audit", "call", "course_signup", "attendance", "staff_call", "arrival", "safety_ack",
    "help_request", "course_cancel"]
Id = Annotated[str, Field(min_length=1, max_length=64)]
Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Timestamp = Annotated[str, Field(max_length=64)]  # checked per change: kiosk.core.schema


class Op(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class Result(StrEnum):
    STORED = "stored"  # new: the hub has it now
    DUPLICATE = "duplicate"  # the hub had this change id with the same content already
    CONFLICT = "conflict"  # the hub has this change id with different content
    REJECTED = "rejected"  # invalid: see the reason code; nothing was stored


class Reason(StrEnum):
    """Why a change was rejected (a code staff and logs can act on)."""

    MALFORMED = "malformed"  # the payload is not a record of its type
    HASH_MISMATCH = "hash_mismatch"  # content_hash is not the payload's hash
    ID_MISMATCH = "id_mismatch"  # record_id is not the payload's id, or ids are not UUIDv7
    INVALID = "invalid"  # a field breaks the core rules; detail names field and code
    HALL_MISMATCH = "hall_mismatch"  # the record belongs to another hall than the token's
    TERMINAL_MISMATCH = "terminal_mismatch"  # the batch claims another terminal
    UNSUPPORTED = "unsupported"  # an operation the hub does not take (delete)
    NOT_OWNER = "not_owner"  # the record belongs to another hall: only its terminals write it
    IMMUTABLE = "immutable"  # an audit event, check-in or service event is never rewritten
    # a referral to another hall's job, or an unverified check-in, names no known worker
    # (or one whose data was deleted)
    UNKNOWN_WORKER = "unknown_worker"
    JOB_NOT_OPEN = "job_not_open"  # a hire for another hall's job that is closed or full
    UNKNOWN_REFERRAL = "unknown_referral"  # an arrival names a referral the hub never got
    DISCRIMINATORY = "discriminatory"  # the post's wording is blocked and no override covers it
    BELOW_MINIMUM_WAGE = "below_minimum_wage"  # a new post pays less than the minimum wage
    UNKNOWN_COURSE = "unknown_course"  # a sign-up for a course the city has not published
    COURSE_FULL = "course_full"  # a sign-up beyond the course's seats, counted city-wide
    SIGNED_UP_ALREADY = "signed_up_already"  # the worker has a sign-up for the course
    MINOR_BARRED = "minor_barred"  # a new referral sends a minor to work barred to minors
    CANCELLED_ALREADY = "cancelled_already"  # a second cancel of one sign-up


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Change(_Model):
    """One change. Its fields are only bounded here, so that one bad change is rejected
    alone (with a reason) instead of failing its batch: the hub checks each against
    `kiosk.core.schema` (re-exported below), the one record schema of both ends."""

    change_id: Id
    record_type: Annotated[str, Field(max_length=32)]  # a RecordType when valid
    record_id: Id
    op: Annotated[str, Field(max_length=16)]  # an Op when valid
    payload: dict[str, Any]
    content_hash: Annotated[str, Field(max_length=64)]  # a Hash when valid
    created_at: Timestamp


class PushRequest(_Model):
    version: Literal[1] = PROTOCOL_VERSION
    terminal_id: Id
    hall_id: Id
    changes: list[Change] = Field(max_length=MAX_BATCH)


class Answer(_Model):
    change_id: str
    result: Result
    reason: Reason | None = None
    detail: str = ""
    hub_seq: int | None = None  # the hub's sequence number of the stored change


class PushResponse(_Model):
    version: Literal[1] = PROTOCOL_VERSION
    answers: list[Answer]


FeedKind = Literal["job", "notice", "call", "worker_merge", "worker_erased", "asset",
                   "complaint_status", "hall_supply", "course_seats", "staff_call",
                   "arrival", "course_offers", "checkin"]


FEED_KINDS: frozenset[str] = frozenset(get_args(FeedKind))
MAX_KIND_LENGTH = 32


def split_unknown_kinds(content: bytes) -> tuple[bytes, list[tuple[str, int]]]:
    """A pull page's JSON without its items of kinds this version does not know, and
    those items' (kind, seq). Only well-formed items are passed over: anything else is
    left for the strict check to refuse."""
    try:
        page = json.loads(content)
    except ValueError:
        return content, []
    items = page.get("items") if isinstance(page, dict) else None
    if not isinstance(items, list):
        return content, []
    unknown = [(item["kind"], item["seq"]) for item in items if _unknown_kind(item)]
    if not unknown:
        return content, []
    kept = [item for item in items if not _unknown_kind(item)]
    return json.dumps({**page, "items": kept}, ensure_ascii=False).encode(), unknown


def _unknown_kind(item: object) -> bool:
    return (isinstance(item, dict) and isinstance(item.get("kind"), str)
            and isinstance(item.get("seq"), int) and not isinstance(item.get("seq"), bool)
            and item["kind"] not in FEED_KINDS
            and len(item["kind"]) <= MAX_KIND_LENGTH and item["kind"].isidentifier())


class FeedEmployer(_Model):
    """What a board shows of a job's employer: never an ID number. The contact person and
    phone come only to tokens the hub registered as staff counters (sync.hub.feed)."""

    id: str
    display_name: str
    kind: str
    role: str = "direct"  # 直接用工, or 劳务派遣 / 职业中介 / 揽头 between others
    licence_no: str = ""  # 劳务派遣 / 职业中介: the licence shown on their posts
    contact_name: str = ""  # a counter's feed only
    phone: str = ""  # a counter's feed only


class FeedItem(_Model):
    """One entry of the pull feed: the hub's current state of a record, at hub sequence `seq`.

    Job items carry their employer's display name (when the hub has the employer)."""

    seq: int
    kind: FeedKind
    record_id: str
    payload: dict[str, Any]
    employer: FeedEmployer | None = None


class PullResponse(_Model):
    version: Literal[1] = PROTOCOL_VERSION
    items: list[FeedItem]
    next_cursor: int  # pass as `after` next time; equals `after` when nothing was new
    more: bool  # True when the page was full: pull again at once


class CardKeyRequest(_Model):
    """A terminal tells the hub the public half of its worker-card key (kiosk.core.cards);
    the hub keeps it for the token's own terminal only, and publishes every terminal's key
    in the city-signed `card_keys` asset."""

    version: Literal[1] = PROTOCOL_VERSION
    terminal_id: Id
    public_key: Annotated[str, Field(min_length=44, max_length=44)]  # base64 of 32 bytes


class CardKeyResponse(_Model):
    version: Literal[1] = PROTOCOL_VERSION
    published: bool  # False: kept; terminals receive it with the next `card_keys` publication


class WorkerLookupRequest(_Model):
    """A terminal or counter asks the hub for a worker it does not know: by the ID number
    typed or read (sent over TLS, never stored or logged by the hub: it computes its own
    blind index, sync.hub.identity) or by the worker id of a scanned card. Exactly one."""

    version: Literal[1] = PROTOCOL_VERSION
    terminal_id: Id
    id_number: Annotated[str, Field(pattern=r"^[0-9]{17}[0-9X]$")] | None = None
    worker_id: Annotated[str, Field(pattern=UUID7_PATTERN)] | None = None

    @model_validator(mode="after")
    def _one_key(self) -> WorkerLookupRequest:
        if (self.id_number is None) == (self.worker_id is None):
            raise ValueError("give either id_number or worker_id")
        return self


Day = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
Code = Annotated[str, Field(max_length=16)]  # limits of kiosk.core.schema


class MaskedWorker(_Model):
    """What a hall learns of another hall's worker (sync.hub.lookup): enough to check them
    in, take their 我想干 and match them; never the ID number, the phone, the full name or
    birth date, free text, or why they are a hardship case."""

    worker_id: Annotated[str, Field(pattern=UUID7_PATTERN)]
    name_masked: Annotated[str, Field(max_length=40)]  # 张*明
    birth_year: Annotated[int, Field(ge=1900, le=2100)]
    sex: Literal["M", "F"]
    trades: list[Code] = Field(max_length=10)
    certificates: list[Code] = Field(max_length=20)
    intentions: list[Code] = Field(max_length=4)
    areas: list[Annotated[str, Field(max_length=30)]] = Field(max_length=20)
    available_from: Day
    home_hall: Id
    home_hall_name: Annotated[str, Field(max_length=100)] = ""
    registered_on: Day
    consent_version: Annotated[str, Field(max_length=32)]


class WorkerLookupResponse(_Model):
    """The same answer, byte for byte, for any worker the hub cannot show (unknown,
    erased): `found` false and no worker."""

    version: Literal[1] = PROTOCOL_VERSION
    found: bool
    worker: MaskedWorker | None = None


class ErrorBody(_Model):
    error: str
    detail: str = ""


M = TypeVar("M", bound=BaseModel)


def encode(model: BaseModel, *, compress: bool = True) -> bytes:
    """A model's JSON body, gzip-compressed unless `compress` is False."""
    body = model.model_dump_json().encode("utf-8")
    return gzip.compress(body, compresslevel=5) if compress else body


# A change as the terminal stores it: (change_id, record_type, record_id, op, payload as
# canonical JSON text, content_hash, created_at).
RawChange = tuple[str, str, str, str, str, str, str]
_RAW_KEYS = ("change_id", "record_type", "record_id", "op", "payload", "content_hash",
             "created_at")
_string = json.JSONEncoder(ensure_ascii=False).encode


def encode_push(terminal_id: str, hall_id: str, changes: Iterable[RawChange],
                *, compress: bool = True) -> bytes:
    """A push body built from stored changes without parsing their payloads again.

    The JSON is what `encode(PushRequest(...))` gives for the same changes (keys in the
    model's order), with each payload spliced in as the text the terminal stored.
    """
    items = ",".join(_raw_change(change) for change in changes)
    body = (f'{{"version":{PROTOCOL_VERSION},"terminal_id":{_string(terminal_id)},'
            f'"hall_id":{_string(hall_id)},"changes":[{items}]}}').encode()
    return gzip.compress(body, compresslevel=1) if compress else body


def _raw_change(change: RawChange) -> str:
    fields = (f'"{key}":{value if key == "payload" else _string(value)}'
              for key, value in zip(_RAW_KEYS, change, strict=True))
    return "{" + ",".join(fields) + "}"


def decode(cls: type[M], body: bytes, content_encoding: str | None = None) -> M:
    """Parse a body (gunzipped when the header says gzip); raises ValueError when it is bad."""
    if (content_encoding or "").strip().lower() == GZIP:
        body = gunzip(body)
    return cls.model_validate_json(body)


class BodyTooLarge(ValueError):
    """A body (or what it inflates to) is above the limit."""


def gunzip(body: bytes, limit: int = MAX_BODY_BYTES) -> bytes:
    """Decompress at most `limit` bytes: a gzip bomb is refused (BodyTooLarge), not
    expanded; a damaged body raises ValueError."""
    try:
        data = gzip.GzipFile(fileobj=io.BytesIO(body)).read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError("bad gzip body") from exc
    if len(data) > limit:
        raise BodyTooLarge("body too large")
    return data

