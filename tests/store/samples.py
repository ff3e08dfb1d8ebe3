"""One fully populated record of each type, built directly (not through the services)."""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, date, datetime

from kiosk.core.ids import new_id
from kiosk.core.records import (
    AckVia,
    Arrival,
    Attendance,
    AuditAction,
    AuditEvent,
    CallAction,
    CaseAction,
    CaseStep,
    CheckIn,
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    CourseCancel,
    CourseSignup,
    Employer,
    EmployerKind,
    EmployerRole,
    Gear,
    Hazard,
    HelpPlace,
    HelpRequest,
    HelpStatus,
    HelpTopic,
    InsuranceKind,
    Intention,
    JobPost,
    JobStatus,
    Notice,
    PayUnit,
    QueueCall,
    Record,
    Referral,
    ReferralOrigin,
    ReferralStatus,
    SafetyAck,
    ServiceEvent,
    ServiceKind,
    Settlement,
    Sex,
    StaffCall,
    StaffCallStatus,
    Worker,
)

HALL = "370104-DDBL"
T0 = datetime(2026, 11, 23, 0, 0, 0, 123000, tzinfo=UTC)
T1 = datetime(2026, 11, 23, 1, 30, 5, 456000, tzinfo=UTC)
_queue_numbers = itertools.count(1)


def _unique_index() -> str:
    """A distinct blind-index-shaped value (workers.id_index is UNIQUE)."""
    return hashlib.sha256(new_id().encode()).hexdigest()


def worker(**overrides: object) -> Worker:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "name": "张建国", "id_index": _unique_index(),
        "id_masked": "3701**********123X", "id_number": "37010419750314123X",
        "birth_date": date(1975, 3, 14), "sex": Sex.MALE, "phone": "13805311234",
        "trades": ("C01", "C09"), "certificates": ("electrician",),
        "intentions": (Intention.DAILY, Intention.HOURLY), "areas": ("槐荫区",),
        "available_from": date(2026, 11, 23), "skills_note": "会看图纸\n能带班",
        "low_income": True, "disabled": False, "consent_at": T0,
        "consent_version": "2026-11", "created_at": T0, "updated_at": T1,
    }
    values.update(overrides)
    return Worker(**values)  # type: ignore[arg-type]


def employer(**overrides: object) -> Employer:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "kind": EmployerKind.COMPANY,
        "name": "济南鲁班建筑劳务有限公司", "display_name": "鲁班建筑", "contact_name": "王经理",
        "phone": "0531-88886666", "uscc": "91370100MA3C5XXXXX",
        "role": EmployerRole.DIRECT, "created_at": T0,
        "updated_at": T1,
    }
    values.update(overrides)
    return Employer(**values)  # type: ignore[arg-type]


def job(employer_id: str = "", **overrides: object) -> JobPost:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "employer_id": employer_id or new_id(),
        "trade": "C01", "title": "小区外墙砌砖", "description": "自带工具，管午饭",
        "certificates": ("work_at_height",), "employment_type": Intention.DAILY,
        "area": "槐荫区", "place": "腊山河西路 阳光小区", "start_date": date(2026, 11, 24),
        "start_time": "07:30", "hours_per_day": 8.5, "pay_cents": 35000,
        "pay_unit": PayUnit.DAY, "settlement": Settlement.DAILY, "headcount": 3,
        "headcount_filled": 1, "urgent": True, "status": JobStatus.OPEN, "created_at": T0,
        "updated_at": T1,
    }
    values.update(overrides)
    return JobPost(**values)  # type: ignore[arg-type]


def checkin(**overrides: object) -> CheckIn:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "worker_id": new_id(), "day": date(2026, 11, 23),
        "queue_no": next(_queue_numbers), "created_at": T0,
    }
    values.update(overrides)
    return CheckIn(**values)  # type: ignore[arg-type]


def queue_call(**overrides: object) -> QueueCall:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "day": date(2026, 11, 23), "queue_no": 1,
        "window": "1", "action": CallAction.CALL, "created_at": T0,
    }
    values.update(overrides)
    return QueueCall(**values)  # type: ignore[arg-type]


def course_signup(**overrides: object) -> CourseSignup:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "worker_id": new_id(), "course_id": "jn-elec-5",
        "created_at": T0,
    }
    values.update(overrides)
    return CourseSignup(**values)  # type: ignore[arg-type]


def attendance(signup_id: str, **overrides: object) -> Attendance:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "signup_id": signup_id, "worker_id": new_id(),
        "course_id": "jn-elec-5", "session": 1, "day": date(2026, 11, 23), "staff_id": "S001",
        "created_at": T1,
    }
    values.update(overrides)
    return Attendance(**values)  # type: ignore[arg-type]


def staff_call(**overrides: object) -> StaffCall:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "terminal_id": "T01", "place": HelpPlace.NAME,
        "status": StaffCallStatus.OPEN, "created_at": T0, "updated_at": T0,
    }
    values.update(overrides)
    return StaffCall(**values)  # type: ignore[arg-type]


def arrival(**overrides: object) -> Arrival:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "referral_id": new_id(), "terminal_id": "T01",
        "created_at": T0,
    }
    values.update(overrides)
    return Arrival(**values)  # type: ignore[arg-type]


def course_cancel(signup_id: str, **overrides: object) -> CourseCancel:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "signup_id": signup_id, "worker_id": new_id(),
        "course_id": "jn-elec-5", "reason": "", "staff_id": None, "created_at": T1,
    }
    values.update(overrides)
    return CourseCancel(**values)  # type: ignore[arg-type]


def referral(job_id: str, **overrides: object) -> Referral:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "job_id": job_id, "worker_id": new_id(),
        "status": ReferralStatus.REQUESTED, "origin": ReferralOrigin.TOUCHSCREEN,
        "queue_no": 3, "note": "", "created_at": T0, "updated_at": T1,
    }
    values.update(overrides)
    return Referral(**values)  # type: ignore[arg-type]


def service_event(**overrides: object) -> ServiceEvent:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "worker_id": new_id(),
        "kind": ServiceKind.GUIDANCE, "note": "职业指导", "job_id": None, "created_at": T0,
    }
    values.update(overrides)
    return ServiceEvent(**values)  # type: ignore[arg-type]


def complaint(**overrides: object) -> Complaint:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "number": f"TS20261123-T01-{new_id()[-6:]}",
        "worker_id": None, "complainant_name": "刘师傅", "phone": "13805311234",
        "employer_name": "某装修队", "employer_id": None, "kind": ComplaintKind.WAGES,
        "amount_cents": 120000, "period_from": date(2026, 10, 1),
        "period_to": date(2026, 10, 31), "description": "十月份工资未结",
        "status": ComplaintStatus.RECEIVED, "recovered_cents": 0,
        "created_at": T0, "updated_at": T1,
    }
    values.update(overrides)
    return Complaint(**values)  # type: ignore[arg-type]


def case_step(complaint_id: str, **overrides: object) -> CaseStep:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "complaint_id": complaint_id,
        "action": CaseAction.MEDIATION, "staff_id": "S001", "happened_on": date(2026, 11, 23),
        "party": "某装修队 张老板", "outcome": "同意月底前付清", "recovered_cents": 60000,
        "created_at": T1,
    }
    values.update(overrides)
    return CaseStep(**values)  # type: ignore[arg-type]


def notice(**overrides: object) -> Notice:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "text_zh": "今日暖心早餐 7:00–8:00",
        "text_en": "Free breakfast 7:00-8:00", "starts_on": date(2026, 11, 23),
        "ends_on": None, "priority": 2, "created_at": T0, "updated_at": T1,
    }
    values.update(overrides)
    return Notice(**values)  # type: ignore[arg-type]


def audit_event(**overrides: object) -> AuditEvent:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "terminal_id": "T01", "staff_id": "S001",
        "action": AuditAction.JOB_POST, "entity": "job", "entity_id": new_id(),
        "detail": "", "created_at": T0,
    }
    values.update(overrides)
    return AuditEvent(**values)  # type: ignore[arg-type]


def safety_ack(**overrides: object) -> SafetyAck:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "worker_id": new_id(), "job_id": new_id(),
        "hazards": (Hazard.HEIGHT, Hazard.HEAT), "via": AckVia.COUNTER, "staff_id": "S001",
        "briefing_version": 3, "created_at": T0,
    }
    values.update(overrides)
    return SafetyAck(**values)  # type: ignore[arg-type]


def help_request(**overrides: object) -> HelpRequest:
    values: dict[str, object] = {
        "id": new_id(), "hall_id": HALL, "worker_id": new_id(),
        "topic": HelpTopic.ACCIDENT_INSURANCE, "status": HelpStatus.OPEN, "staff_id": None,
        "note": "", "created_at": T0, "updated_at": T1,
    }
    values.update(overrides)
    return HelpRequest(**values)  # type: ignore[arg-type]


def hazardous_job(employer_id: str = "", **overrides: object) -> JobPost:
    """A job at height with its equipment and the employer's insurance."""
    return job(employer_id, **{"hazards": (Hazard.HEIGHT,),
                               "protective_gear": (Gear.HELMET, Gear.HARNESS),
                               "insurance_kind": InsuranceKind.DAILY_ACCIDENT,
                               "insurance": True, **overrides})


def one_of_each(job_id: str) -> list[Record]:
    """A record of every type; the referral points at `job_id` (a foreign key)."""
    filed = complaint()
    signup, dropped = course_signup(), course_signup()
    return [worker(), employer(), hazardous_job(), checkin(), referral(job_id),
            service_event(), filed, case_step(filed.id), notice(), audit_event(),
            queue_call(), signup, attendance(signup.id, worker_id=signup.worker_id),
            staff_call(), arrival(), safety_ack(), help_request(),
            dropped, course_cancel(dropped.id, worker_id=dropped.worker_id)]
