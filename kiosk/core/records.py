"""The domain records. Immutable; every record carries a time-ordered UUID and its hall."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class Intention(StrEnum):
    """求职意向 of a worker, and 用工方式 of a job post."""

    DAILY = "daily"  # 日结零工
    HOURLY = "hourly"  # 小时工
    SEASONAL = "seasonal"  # 季节工
    LONG_TERM = "long_term"  # 长期


class PayUnit(StrEnum):
    DAY = "day"
    HOUR = "hour"
    PIECE = "piece"
    MONTH = "month"


class Settlement(StrEnum):
    """计酬方式: when the pay is settled."""

    DAILY = "daily"  # 日结
    WEEKLY = "weekly"  # 周结
    MONTHLY = "monthly"  # 月结
    ON_COMPLETION = "on_completion"  # 完工结


class EmployerKind(StrEnum):
    COMPANY = "company"
    INDIVIDUAL = "individual"


class JobStatus(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"
    EXPIRED = "expired"


class ReferralStatus(StrEnum):
    REQUESTED = "requested"  # the worker tapped 我想干 at a terminal
    REFERRED = "referred"  # staff sent the worker to the employer
    HIRED = "hired"
    DECLINED = "declined"
    NO_SHOW = "no_show"


class ReferralOrigin(StrEnum):
    TOUCHSCREEN = "touchscreen"
    COUNTER = "counter"


class ServiceKind(StrEnum):
    """The "131" rule: 1 guidance, 3 job recommendations, 1 training."""

    GUIDANCE = "guidance"
    RECOMMENDATION = "recommendation"
    TRAINING = "training"


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Worker:
    id: str
    hall_id: str
    name: str
    id_index: str  # keyed blind index of the ID number, for look-ups
    id_masked: str
    id_number: str | None  # plain, kept only until the hub acknowledged it
    birth_date: date
    sex: Sex
    phone: str
    trades: tuple[str, ...]
    certificates: tuple[str, ...]
    intentions: tuple[Intention, ...]
    areas: tuple[str, ...]
    available_from: date
    skills_note: str
    low_income: bool
    disabled: bool
    consent_at: datetime
    consent_version: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Employer:
    id: str
    hall_id: str
    kind: EmployerKind
    name: str
    display_name: str  # what boards and slips show: never a phone or ID number
    contact_name: str
    phone: str
    uscc: str | None  # 统一社会信用代码, companies only
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class JobPost:
    id: str
    hall_id: str
    employer_id: str
    trade: str
    title: str
    description: str
    certificates: tuple[str, ...]
    employment_type: Intention
    area: str
    place: str
    start_date: date
    start_time: str | None  # "HH:MM"
    hours_per_day: float | None
    pay_cents: int
    pay_unit: PayUnit
    settlement: Settlement
    headcount: int
    headcount_filled: int
    urgent: bool  # 即时快招
    status: JobStatus
    created_at: datetime
    updated_at: datetime

    @property
    def headcount_left(self) -> int:
        return max(0, self.headcount - self.headcount_filled)


@dataclass(frozen=True, slots=True)
class CheckIn:
    id: str
    hall_id: str
    worker_id: str
    day: date
    queue_no: int
    created_at: datetime


class CallAction(StrEnum):
    """What a counter did with a queue number (叫号)."""

    CALL = "call"  # the number is called to a window
    RECALL = "recall"  # called again: the worker has not come yet
    SKIP = "skip"  # 过号: the worker did not come; the number is passed over


@dataclass(frozen=True, slots=True)
class QueueCall:
    """A queue number called at a counter window: a record of the hall that syncs, so the
    board and every terminal of the hall show it. Never rewritten."""

    id: str
    hall_id: str
    day: date
    queue_no: int
    window: str  # the counter window's label, e.g. "1" (`[counter] window`)
    action: CallAction
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Referral:
    id: str
    hall_id: str
    job_id: str
    worker_id: str
    status: ReferralStatus
    origin: ReferralOrigin
    queue_no: int | None
    note: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ServiceEvent:
    id: str
    hall_id: str
    worker_id: str
    kind: ServiceKind
    note: str
    job_id: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Complaint:
    id: str
    hall_id: str
    number: str  # unique city-wide: TS + date + terminal + sequence, e.g. TS20261123-T01-001
    worker_id: str | None
    complainant_name: str
    phone: str
    employer_name: str
    employer_id: str | None
    amount_cents: int
    period_from: date
    period_to: date
    description: str
    status: ComplaintStatus
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Notice:
    id: str
    hall_id: str
    text_zh: str
    text_en: str
    starts_on: date
    ends_on: date | None
    priority: int
    created_at: datetime
    updated_at: datetime


class AuditAction(StrEnum):
    """What a staff member did, for the audit log (who, what, when) that syncs to the city."""

    SIGN_IN = "staff.sign_in"
    SIGN_OUT = "staff.sign_out"
    LOCKED = "staff.locked"  # too many wrong PINs: the staff id is locked for a while
    EXIT = "staff.exit"  # closed a touchscreen or board window for maintenance
    WORKER_REGISTER = "worker.register"
    WORKER_UPDATE = "worker.update"
    WORKER_ERASE = "worker.erase"  # a worker's personal data deleted at their request
    CHECK_IN = "checkin.create"
    CALL = "queue.call"  # a queue number called, called again or passed over
    EMPLOYER_REGISTER = "employer.register"
    JOB_POST = "job.post"
    JOB_OVERRIDE = "job.override"  # a supervisor saved a post the discrimination check blocked
    JOB_CLOSE = "job.close"
    REFER = "referral.refer"
    OUTCOME = "referral.outcome"
    SERVICE_EVENT = "service_event.create"
    COMPLAINT = "complaint.file"
    NOTICE = "notice.post"
    NOTICE_END = "notice.end"  # taken off the board before its end date
    PRINT_CARD = "print.card"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One staff action. `detail` names what changed, never a personal detail."""

    id: str
    hall_id: str
    terminal_id: str
    staff_id: str
    action: AuditAction
    entity: str  # the record type acted on ("" for sign-in and the like)
    entity_id: str
    detail: str
    created_at: datetime


Record = (Worker | Employer | JobPost | CheckIn | Referral | ServiceEvent | Complaint | Notice
          | AuditEvent | QueueCall)

ENTITY_TYPES: dict[str, type[Record]] = {
    "worker": Worker,
    "employer": Employer,
    "job": JobPost,
    "checkin": CheckIn,
    "referral": Referral,
    "service_event": ServiceEvent,
    "complaint": Complaint,
    "notice": Notice,
    "audit": AuditEvent,
    "call": QueueCall,
}

ENTITY_NAMES: dict[type[Record], str] = {cls: name for name, cls in ENTITY_TYPES.items()}


def entity_name(record: Record) -> str:
    return ENTITY_NAMES[type(record)]
