"""The rules a whole record must keep beyond its schema (`kiosk.core.schema`): names,
phones, ID numbers, trades of the catalogue, orders of dates and counts. The terminal's
drafts lead to records that keep them; the hub checks every change against them again.

Date rules that depend on the day of entry (a start date "not in the past") are not
checked here: a change may arrive days after it was made.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from kiosk.core import fields as f
from kiosk.core.catalogue import Catalogue
from kiosk.core.drafts import MAX_TRADES_PER_WORKER
from kiosk.core.employers import validate_licence
from kiosk.core.errors import Err, Ok, Result, fail
from kiosk.core.hazards import insured
from kiosk.core.privacy import mask_id_number, mask_name
from kiosk.core.queue_numbers import is_queue_prefix
from kiosk.core.records import (
    AckVia,
    Arrival,
    Attendance,
    AuditEvent,
    CaseAction,
    CaseStep,
    CheckIn,
    Complaint,
    ComplaintKind,
    CourseCancel,
    CourseSignup,
    Employer,
    EmployerKind,
    EmployerRole,
    HelpRequest,
    HelpStatus,
    JobPost,
    Notice,
    QueueCall,
    Record,
    Referral,
    SafetyAck,
    ServiceEvent,
    Worker,
)
from kiosk.core.staff import validate_staff_id


def record_problem(record: Record, catalogue: Catalogue, today: date) -> str | None:
    """"field: code; …" for each rule the record breaks, or None."""
    checker = _CHECKERS.get(type(record))
    results = [] if checker is None else checker(record, catalogue, today)
    errors = [e for r in results if isinstance(r, Err) for e in r.errors]
    if not errors:
        return None
    return "; ".join(f"{e.field}: {e.code}" for e in errors)


def _worker(w: Worker, catalogue: Catalogue, today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [f.validate_person_name(w.name), f.validate_mobile(w.phone),
                                  _plain(w.skills_note, "skills_note", 200)]
    if w.id_number is not None:
        results.append(_id_matches(w, today))
    if not 1 <= len(w.trades) <= MAX_TRADES_PER_WORKER:
        results.append(_err("trades", "trade_count"))
    if any(code not in catalogue.trade_codes for code in w.trades):
        results.append(_err("trades", "unknown_option"))
    if any(code not in catalogue.certificate_codes for code in w.certificates):
        results.append(_err("certificates", "unknown_option"))
    if not w.intentions:
        results.append(_err("intentions", "choice"))
    return results


def _id_matches(w: Worker, today: date) -> Result[Any]:
    parsed = f.validate_id_number(w.id_number or "", today)
    if isinstance(parsed, Err):
        return parsed
    same = (parsed.value.number == w.id_number and parsed.value.birth_date == w.birth_date
            and parsed.value.sex is w.sex)
    return parsed if same else _err("id_number", "id_mismatch")


def _employer(e: Employer, _catalogue: Catalogue, today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [
        f.validate_text(e.name, "name", required=True, max_len=60),
        f.validate_phone(e.phone),
        f.validate_text(e.display_name, "display_name", required=True, max_len=60)]
    if e.kind is EmployerKind.COMPANY:
        results.append(f.validate_uscc(e.uscc or ""))
    results.append(validate_licence(e.licence_no, e.role))
    if e.role is EmployerRole.GANG_MASTER:
        results += _gang_master(e, today)
    return results


def _gang_master(e: Employer, today: date) -> list[Result[Any]]:
    """A 揽头: a person with an ID number (its index and mask; the plain number until the
    hub sealed it, matching the mask), shown by a masked name."""
    results: list[Result[Any]] = []
    if e.kind is not EmployerKind.INDIVIDUAL:
        results.append(_err("kind", "gang_master_person"))
    if not e.id_index or not e.id_masked:
        results.append(_err("id_number", "required"))
    if e.id_number is not None:
        parsed = f.validate_id_number(e.id_number, today)
        results.append(parsed if isinstance(parsed, Err) or mask_id_number(
            parsed.value.number) == e.id_masked else _err("id_number", "id_mismatch"))
    if mask_name(e.display_name) != e.display_name:
        results.append(_err("display_name", "name_not_masked"))
    return results


def _job(j: JobPost, catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [
        f.validate_text(j.title, "title", required=True, max_len=40),
        f.validate_text(j.place, "place", required=True, max_len=100),
        _plain(j.description, "description", 1000),
        f.validate_headcount(j.headcount),
        f.validate_start_time(j.start_time or "")]
    if catalogue.trade(j.trade) is None:
        results.append(_err("trade", "trade_unknown"))
    if any(code not in catalogue.certificate_codes for code in j.certificates):
        results.append(_err("certificates", "unknown_option"))
    if not 0 < j.pay_cents <= f.MAX_PAY_CENTS:
        results.append(_err("pay_cents", "amount_range"))
    if not 0 <= j.headcount_filled <= j.headcount:
        results.append(_err("headcount_filled", "headcount_range"))
    if j.hours_per_day is not None and not 0 < j.hours_per_day <= 24:
        results.append(_err("hours_per_day", "hours_range"))
    return results + _job_facts(j)


def _job_facts(j: JobPost) -> list[Result[Any]]:
    results: list[Result[Any]] = [
        _plain(j.skills_note, "skills_note", 200), _plain(j.meeting_point, "meeting_point", 100),
        _plain(j.close_reason, "close_reason", 200),
        f.validate_start_time(j.meeting_time or "", "meeting_time")]
    if j.end_date is not None and j.end_date < j.start_date:
        results.append(_err("end_date", "period_order"))
    return results + _job_safety(j)


def _job_safety(j: JobPost) -> list[Result[Any]]:
    """Each hazard tag and each piece of equipment once; the insurance kind agrees with
    the insured flag (older terminals send only the flag)."""
    results: list[Result[Any]] = []
    if len(set(j.hazards)) != len(j.hazards):
        results.append(_err("hazards", "duplicate"))
    if len(set(j.protective_gear)) != len(j.protective_gear):
        results.append(_err("protective_gear", "duplicate"))
    if j.insurance_kind is not None and insured(j.insurance_kind, False) != j.insurance:
        results.append(_err("insurance_kind", "insurance_mismatch"))
    return results


def _safety_ack(a: SafetyAck, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    """A briefing of at least one tag, each once; ticked at the counter by a staff member,
    on the touchscreen by nobody but the worker."""
    results: list[Result[Any]] = []
    if not a.hazards or len(set(a.hazards)) != len(a.hazards):
        results.append(_err("hazards", "choice"))
    if a.via is AckVia.COUNTER:
        results.append(validate_staff_id(a.staff_id or ""))
    elif a.staff_id is not None:
        results.append(_err("staff_id", "not_allowed"))
    return results


def _help_request(h: HelpRequest, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    """Done only by a staff member (who is named); open with nobody named."""
    results: list[Result[Any]] = [_plain(h.note, "note", 200)]
    if h.status is HelpStatus.DONE:
        results.append(validate_staff_id(h.staff_id or ""))
    elif h.staff_id is not None:
        results.append(_err("staff_id", "not_allowed"))
    return results


# Kinds of dispute that claim a sum (the amount owed is required), and the steps that
# must say what came of them.
CLAIMS_AMOUNT = frozenset({ComplaintKind.WAGES, ComplaintKind.OVERTIME})
NEEDS_OUTCOME = frozenset({CaseAction.MEDIATION, CaseAction.REFER, CaseAction.RESOLVE,
                           CaseAction.CLOSE})


def _complaint(c: Complaint, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [
        f.validate_person_name(c.complainant_name, "complainant_name"),
        f.validate_phone(c.phone),
        f.validate_text(c.employer_name, "employer_name", required=True, max_len=60),
        f.validate_text(c.description, "description", required=True, max_len=2000)]
    if c.amount_cents is not None and c.amount_cents <= 0:
        results.append(_err("amount", "amount_positive"))
    if c.amount_cents is None and c.kind in CLAIMS_AMOUNT:
        results.append(_err("amount", "required"))
    if c.period_from > c.period_to:
        results.append(_err("period", "period_order"))
    return results


def _case_step(s: CaseStep, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [validate_staff_id(s.staff_id), _plain(s.party, "party", 100),
                                  _plain(s.outcome, "outcome", 500)]
    if s.action in NEEDS_OUTCOME and not s.outcome.strip():
        results.append(_err("outcome", "required"))
    if s.recovered_cents is not None and s.recovered_cents < 0:
        results.append(_err("recovered", "amount_positive"))
    return results


def _notice(n: Notice, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    results: list[Result[Any]] = [
        f.validate_text(n.text_zh, "text_zh", required=True, max_len=200),
        _plain(n.text_en, "text_en", 300)]
    if n.ends_on is not None and n.ends_on < n.starts_on:
        results.append(_err("ends_on", "period_order"))
    return results


def _audit(a: AuditEvent, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    return [validate_staff_id(a.staff_id), _plain(a.detail, "detail", 200)]


def _referral(r: Referral, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    return [_plain(r.note, "note", 500), _prefix(r.queue_prefix)]


def _service_event(s: ServiceEvent, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    return [_plain(s.note, "note", 500)]


def _checkin(c: CheckIn, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    return [_prefix(c.queue_prefix)]  # the schema says the rest: ids, day, queue number


def _prefix(letter: str) -> Result[Any]:
    """A queue number's letter: one of PREFIX_LETTERS, or none."""
    return Ok(letter) if letter == "" or is_queue_prefix(letter) else _err(
        "queue_prefix", "queue_prefix")


def _arrival(_a: Arrival, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    return []  # the schema says all: ids, the terminal's code, the time


def _call(c: QueueCall, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    return [f.validate_text(c.window, "window", required=True, max_len=8),
            _prefix(c.queue_prefix)]


def _signup(_s: CourseSignup, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    return []  # the schema says all; the hub checks the course and its seats


def _attendance(a: Attendance, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    return [validate_staff_id(a.staff_id)]


def _cancel(c: CourseCancel, _catalogue: Catalogue, _today: date) -> list[Result[Any]]:
    """Staff give a reason; a worker at the touchscreen gives none."""
    if c.staff_id is None:
        return [_plain(c.reason, "reason", 200)]
    return [validate_staff_id(c.staff_id),
            f.validate_text(c.reason, "reason", required=True, max_len=200)]


def _plain(text: str, field_name: str, max_len: int) -> Result[Any]:
    """Optional free text of bounded length."""
    return f.validate_text(text, field_name, required=False, max_len=max_len)


def _err(field_name: str, code: str) -> Err:
    return fail(field_name, code, code)


Checker = Callable[[Any, Catalogue, date], list[Result[Any]]]
_CHECKERS: dict[type[Any], Checker] = {
    Worker: _worker, Employer: _employer, JobPost: _job, Complaint: _complaint,
    CaseStep: _case_step,
    Notice: _notice, AuditEvent: _audit, Referral: _referral, ServiceEvent: _service_event,
    CheckIn: _checkin, QueueCall: _call, CourseSignup: _signup, Attendance: _attendance,
    Arrival: _arrival, SafetyAck: _safety_ack, HelpRequest: _help_request,
    CourseCancel: _cancel,
}  # a staff call: the schema says all (ids, place, status)
