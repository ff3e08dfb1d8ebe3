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
    PIECE = "piece"  # per item
    MONTH = "month"
    SQUARE_METRE = "sqm"  # per m²: tiling, painting, waterproofing
    JOB = "job"  # the whole job (包活)


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
    CLOSED = "closed"  # cancelled by the hall that posted it (with `close_reason`)
    EXPIRED = "expired"


class SkillLevel(StrEnum):
    """The experience a job asks for, as halls say it (annex 3)."""

    APPRENTICE = "apprentice"  # 学徒
    HELPER = "helper"  # 小工
    SKILLED = "skilled"  # 大工
    MASTER = "master"  # 师傅


class ReferralStatus(StrEnum):
    REQUESTED = "requested"  # the worker tapped 我想干 at a terminal
    REFERRED = "referred"  # staff sent the worker to the employer
    ARRIVED = "arrived"  # the slip was scanned at a terminal or counter: they met (到岗)
    HIRED = "hired"
    DECLINED = "declined"
    NO_SHOW = "no_show"  # the worker did not come to the employer
    EMPLOYER_NO_SHOW = "employer_no_show"  # the employer did not come to meet the worker


class ReferralOrigin(StrEnum):
    TOUCHSCREEN = "touchscreen"
    COUNTER = "counter"


class ServiceKind(StrEnum):
    """The "131" rule: 1 guidance, 3 job recommendations, 1 training."""

    GUIDANCE = "guidance"
    RECOMMENDATION = "recommendation"
    TRAINING = "training"


class ComplaintStatus(StrEnum):
    RECEIVED = "received"  # filed, nobody has taken it up yet
    IN_PROGRESS = "in_progress"  # taken up: staff mediate between worker and employer
    REFERRED = "referred"  # handed off to 劳动保障监察 (labour inspection)
    RESOLVED = "resolved"  # settled, with its outcome
    CLOSED = "closed"  # ended without a settlement (withdrawn, unreachable, …)


class ComplaintKind(StrEnum):
    """What a dispute is about (seed 001 annex 3 §5: 欠薪问题咨询、纠纷收集或调处)."""

    WAGES = "wages"  # 欠薪
    INJURY = "injury"  # 工伤
    DEPOSIT = "deposit"  # 押金 / 扣押证件
    OVERTIME = "overtime"  # 加班费未付
    OTHER = "other"  # 其他


class CaseAction(StrEnum):
    """One step of a complaint's casework at the counter."""

    TAKE_UP = "take_up"  # a staff member takes the case: in progress
    MEDIATION = "mediation"  # a mediation talk: who, when, outcome, amount recovered
    REFER = "refer"  # handed off to 劳动保障监察
    RESOLVE = "resolve"  # settled
    CLOSE = "close"  # ended without a settlement


class Hazard(StrEnum):
    """A hazard of the work (危险作业), kiosk.core.hazards names and briefs each."""

    HEIGHT = "height"  # 高处作业 (GB/T 3608: 2 m and above)
    HOT_WORK = "hot_work"  # 动火作业
    CONFINED_SPACE = "confined_space"  # 有限空间作业
    LIVE_ELECTRICAL = "live_electrical"  # 带电作业
    HEAT = "heat"  # 高温作业
    COLD = "cold"  # 严寒 (低温作业)
    MACHINERY = "machinery"  # 机械作业


class Gear(StrEnum):
    """Protective equipment a job requires (劳动防护用品)."""

    HELMET = "helmet"  # 安全帽
    HARNESS = "harness"  # 安全带
    INSULATING_GLOVES = "insulating_gloves"  # 绝缘手套
    GOGGLES = "goggles"  # 防护眼镜
    DUST_MASK = "dust_mask"  # 防尘口罩
    WELDING_MASK = "welding_mask"  # 焊接面罩
    SAFETY_SHOES = "safety_shoes"  # 防砸防刺穿鞋
    GAS_DETECTOR = "gas_detector"  # 气体检测报警仪
    EAR_PROTECTION = "ear_protection"  # 耳塞
    WARM_CLOTHING = "warm_clothing"  # 防寒服


class InsuranceKind(StrEnum):
    """How the employer insures the job's workers (None on a job: not said)."""

    DAILY_ACCIDENT = "daily_accident"  # 单日意外险
    EMPLOYER_LIABILITY = "employer_liability"  # 雇主责任险
    WORK_INJURY = "work_injury"  # 工伤保险
    NONE = "none"  # the employer does not insure it


class AckVia(StrEnum):
    """Where a worker acknowledged a safety briefing."""

    TOUCHSCREEN = "touchscreen"  # read on the screen, 我已知晓 tapped
    COUNTER = "counter"  # printed on the slip; staff ticked that the worker read it


class HelpTopic(StrEnum):
    ACCIDENT_INSURANCE = "accident_insurance"  # 灵活就业意外伤害保险 enrolment


class HelpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class EmployerRole(StrEnum):
    """How an employer provides work (seed 000 §11): hiring itself or between others."""

    DIRECT = "direct"  # 直接用工
    DISPATCH = "dispatch"  # 劳务派遣
    AGENCY = "agency"  # 职业中介
    GANG_MASTER = "gang_master"  # 揽头 (an individual who gathers a crew)


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
    role: EmployerRole  # 直接用工 / 劳务派遣 / 职业中介 / 揽头
    created_at: datetime
    updated_at: datetime
    # Added later (m016): payloads and rows without them read as these defaults.
    # 劳务派遣经营许可证 (dispatch) or 人力资源服务许可证 (agency) number, shown on posts.
    licence_no: str = ""
    # A 揽头 registers with an ID number as a person does: its keyed blind index, its
    # masked form, and the plain number only until the hub has acknowledged it (the hub
    # seals it, kiosk.store.forget drops it here).
    id_index: str = ""
    id_masked: str = ""
    id_number: str | None = None


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
    # Added later (m010): payloads and rows without them read as these defaults.
    skill_level: SkillLevel | None = None  # None: any level
    skills_note: str = ""  # what the worker must be able to do, beyond certificates
    end_date: date | None = None  # last working day; None: one day (daily, hourly) or open
    meeting_point: str = ""  # where workers meet the employer (集合地点)
    meeting_time: str | None = None  # "HH:MM" on the start date
    meals: bool = False  # 包吃
    lodging: bool = False  # 包住
    tools_provided: bool = False  # 提供工具
    insurance: bool = False  # 上保险 (accident insurance)
    close_reason: str = ""  # why the hall cancelled it
    employer_no_shows: int = 0  # times the employer did not come to meet the workers
    # Pay by the piece, the m² or the job: what a worker earns in a day, the employer's
    # estimate (checked against the minimum wage, kiosk.core.wages).
    day_estimate_cents: int | None = None
    hazards: tuple[Hazard, ...] = ()  # 危险作业 tags (kiosk.core.hazards)
    protective_gear: tuple[Gear, ...] = ()  # equipment the worker must wear
    insurance_kind: InsuranceKind | None = None  # None: not said (`insurance` alone)

    @property
    def headcount_left(self) -> int:
        return max(0, self.headcount - self.headcount_filled)


class Unverified(StrEnum):
    """Why a check-in waits for the hub before it gets a queue number (kiosk.core.cards)."""

    LEGACY_CARD = "legacy_card"  # an old LGW1 card, and the hall checks those at the hub
    UNKNOWN_KEY = "unknown_key"  # signed by a key this terminal does not have
    BAD_SIGNATURE = "bad_signature"  # the signature does not match the card
    UNKNOWN_WORKER = "unknown_worker"  # an unsigned card of a worker this terminal lacks
    DELETED_WORKER = "deleted_worker"  # the worker's data was deleted at their request


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One worker's check-in at a hall on a day. An `unverified` one has no queue number
    (and no place in anyone's wait) until the hub confirms the worker; the terminal then
    numbers it."""

    id: str
    hall_id: str
    worker_id: str
    day: date
    queue_no: int | None
    created_at: datetime
    unverified: Unverified | None = None
    # The letter of the terminal that numbered it ([terminal] queue_prefix): A012 and B012
    # are two people. "" for a number without a letter (older records, or none configured).
    queue_prefix: str = ""


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
    queue_prefix: str = ""  # the called number's letter (CheckIn.queue_prefix)


class HelpPlace(StrEnum):
    """Where at a touchscreen a worker asked for staff (请工作人员帮助): a registration step,
    check-in or 我想干, so staff know what to help with before they walk over."""

    CONSENT = "consent"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    NAME = "name"
    TRADES = "trades"
    REVIEW = "review"
    REGISTER = "register"  # registration's other pages (choices, done, already registered)
    CHECK_IN = "checkin"
    JOBS = "jobs"  # 我想干


class StaffCallStatus(StrEnum):
    OPEN = "open"  # the worker waits for staff
    HANDLED = "handled"  # staff came (已处理)


@dataclass(frozen=True, slots=True)
class StaffCall:
    """A worker at a touchscreen asked for staff: a record of the hall that syncs, so every
    counter of the hall shows which terminal asks and since when; the counter that
    handles it writes it again (handled), and the touchscreen stops saying "staff are
    on their way" when that comes back."""

    id: str
    hall_id: str
    terminal_id: str  # the touchscreen that asks (the hub checks it is the sender's)
    place: HelpPlace
    status: StaffCallStatus
    created_at: datetime
    updated_at: datetime


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
    queue_prefix: str = ""  # the letter of the worker's number of the day (CheckIn)


@dataclass(frozen=True, slots=True)
class Arrival:
    """A referral slip scanned at a terminal or counter of any hall: the worker and the
    employer met (到岗). A record of the scanning hall, never rewritten; the hub passes it
    to the hall that made the referral, whose terminal marks the referral `arrived`."""

    id: str
    hall_id: str  # the hall whose terminal read the slip
    referral_id: str
    terminal_id: str  # the terminal that read it
    created_at: datetime


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
    kind: ComplaintKind
    amount_cents: int | None  # what is owed; None where no sum is claimed (an ID withheld)
    period_from: date  # when it happened: the unpaid work, the injury, the deposit taken
    period_to: date
    description: str
    status: ComplaintStatus
    recovered_cents: int  # recovered for the worker so far, by every mediation
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CaseStep:
    """One dated step of a complaint's casework, by a staff member; never rewritten.

    The complaint itself carries the status the step leads to."""

    id: str
    hall_id: str
    complaint_id: str
    action: CaseAction
    staff_id: str
    happened_on: date  # when the talk, hand-off or settlement took place
    party: str  # who took part (mediation) or where it went (hand-off), no ID numbers
    outcome: str  # what came of it, in the staff member's words
    recovered_cents: int | None  # recovered at this step
    created_at: datetime


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
    HELP_HANDLED = "help.handled"  # staff came to a touchscreen that asked for them
    EMPLOYER_REGISTER = "employer.register"
    JOB_POST = "job.post"
    JOB_OVERRIDE = "job.override"  # a supervisor saved a post the discrimination check blocked
    JOB_CLOSE = "job.close"
    JOB_EDIT = "job.edit"
    JOB_CANCEL = "job.cancel"
    JOB_FILL = "job.fill"
    JOB_REOPEN = "job.reopen"
    JOB_EXTEND = "job.extend"
    JOB_EMPLOYER_NO_SHOW = "job.employer_no_show"
    SELF_POST_APPROVE = "self_post.approve"  # an employer's own post approved (a job now)
    SELF_POST_REFUSE = "self_post.refuse"  # an employer's own post refused, with a reason
    REFER = "referral.refer"
    OUTCOME = "referral.outcome"
    ARRIVED = "referral.arrived"  # the slip was scanned (here or at another hall)
    CALL_EMPLOYER = "referral.call_employer"  # staff phoned the employer about a referral
    SERVICE_EVENT = "service_event.create"
    COMPLAINT = "complaint.file"
    CASE_STEP = "complaint.step"  # a casework step: taken up, mediated, referred, settled
    NOTICE = "notice.post"
    NOTICE_END = "notice.end"  # taken off the board before its end date
    PRINT_CARD = "print.card"
    PRINT_REPRINT = "print.reprint"  # a ticket that failed or may have printed partly
    PRINT_CANCEL = "print.cancel"
    COURSE_ATTENDANCE = "course.attendance"  # a worker was present at a course session
    SAFETY_ACK = "safety.ack"  # ticked that a worker read the slip's safety briefing
    HELP_DONE = "help.done"  # a worker's help request (insurance enrolment) followed up
    COURSE_CANCEL = "course.cancel"  # staff cancelled a worker's sign-up at the counter


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


@dataclass(frozen=True, slots=True)
class CourseSignup:
    """A worker signed up for a course the city published (kiosk.core.training) at this
    hall, which owns the record. Never rewritten; one per worker and course."""

    id: str
    hall_id: str
    worker_id: str
    course_id: str
    created_at: datetime
    # On the waiting list of a full course: no seat. When a seat frees the hub offers it to
    # the first waiting (by time, across halls); the hall's staff phone the worker and sign
    # them up, which ends the wait (sync.hub.training).
    waiting: bool = False


@dataclass(frozen=True, slots=True)
class Attendance:
    """A signed-up worker was present at one session of the course, as a staff member of
    the hall that took the sign-up recorded. Never rewritten; what a hardship worker's
    "131" training counts from."""

    id: str
    hall_id: str
    signup_id: str
    worker_id: str
    course_id: str
    session: int  # counted from 1
    day: date  # the session's day
    staff_id: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SafetyAck:
    """A worker acknowledged the safety briefing of a hazardous job: 我已知晓 on the
    touchscreen, or staff ticked that the worker read the briefing printed on the slip."""

    id: str
    hall_id: str
    worker_id: str
    job_id: str
    hazards: tuple[Hazard, ...]  # the briefings acknowledged
    via: AckVia
    staff_id: str | None  # who ticked it at the counter (None on the touchscreen)
    briefing_version: int  # the version of the city's briefings read (0: shipped set)
    created_at: datetime


@dataclass(frozen=True, slots=True)
class HelpRequest:
    """A worker asked the hall for help with something (enrolling in accident
    insurance): open until staff mark it done."""

    id: str
    hall_id: str
    worker_id: str
    topic: HelpTopic
    status: HelpStatus
    staff_id: str | None  # who marked it done
    note: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CourseCancel:
    """A sign-up withdrawn ("我去不了了"): by the worker at the touchscreen (no staff id) or
    by staff at the counter with a reason. A record of its own, never a rewrite of the
    sign-up; only the hall that took the sign-up cancels it (sync.hub.training). The seat
    is free again and the sign-up counts for nothing (seats, attendance, "131")."""

    id: str
    hall_id: str
    signup_id: str
    worker_id: str
    course_id: str
    reason: str  # staff's reason; "" when the worker cancelled at the touchscreen
    staff_id: str | None
    created_at: datetime


Record = (Worker | Employer | JobPost | CheckIn | Referral | ServiceEvent | Complaint | CaseStep
          | Notice | AuditEvent | QueueCall | CourseSignup | Attendance | StaffCall
          | Arrival | SafetyAck | HelpRequest | CourseCancel)

ENTITY_TYPES: dict[str, type[Record]] = {
    "worker": Worker,
    "employer": Employer,
    "job": JobPost,
    "checkin": CheckIn,
    "referral": Referral,
    "service_event": ServiceEvent,
    "complaint": Complaint,
    "case_step": CaseStep,
    "notice": Notice,
    "audit": AuditEvent,
    "call": QueueCall,
    "course_signup": CourseSignup,
    "attendance": Attendance,
    "staff_call": StaffCall,
    "arrival": Arrival,
    "safety_ack": SafetyAck,
    "help_request": HelpRequest,
    "course_cancel": CourseCancel,
}

ENTITY_NAMES: dict[type[Record], str] = {cls: name for name, cls in ENTITY_TYPES.items()}


def entity_name(record: Record) -> str:
    return ENTITY_NAMES[type(record)]
