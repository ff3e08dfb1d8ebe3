"""Writes records through Services in an endless loop until it is killed (see test_crash.py).

Usage: python crash_writer.py DB_PATH RUN_NUMBER ISO_MOMENT

Prints "started" once the store is open, then "<entity> <id>" after each committed write,
so the parent knows what was committed before it pulled the plug. Any unexpected result
ends the process with a non-zero status (the parent treats that as a failure).
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.core.catalogue import load_catalogue
from kiosk.core.drafts import ComplaintDraft, EmployerDraft, JobDraft, NoticeDraft, WorkerDraft
from kiosk.core.errors import Err, Ok, Result
from kiosk.core.fields import with_check_digit
from kiosk.core.records import JobPost, JobStatus, ReferralOrigin, ReferralStatus, ServiceKind
from kiosk.core.schema import warm_up
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.store import Store

HALL = "370104-DDBL"
T = TypeVar("T")


class Frozen:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def _ok(result: Result[T], what: str) -> T:
    if isinstance(result, Err):
        sys.stderr.write(f"unexpected error from {what}: {result.errors}\n")
        sys.exit(3)
    assert isinstance(result, Ok)
    return result.value


def _say(entity: str, record_id: str) -> None:
    sys.stdout.write(f"{entity} {record_id}\n")
    sys.stdout.flush()


def main() -> None:
    path, run, moment = Path(sys.argv[1]), int(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
    store = Store(path)
    settings = HallSettings(hall_id=HALL, terminal_id="T01", blind_index_key=b"k" * 32,
                            areas=frozenset({"槐荫区", "市中区"}))
    services = Services(store, settings, load_catalogue(), Frozen(moment))
    today = services.today()
    warm_up()  # as a kiosk does beside its windows: the kills then land among writes
    sys.stdout.write("started\n")
    sys.stdout.flush()

    job: JobPost | None = None
    i = 0
    while True:
        # distinct valid ID numbers: the run number is the sequence, the loop the birth date
        birth = date(1950, 1, 1) + timedelta(days=i)
        draft = WorkerDraft(name="王师傅", id_number=with_check_digit(
            f"370104{birth:%Y%m%d}{run % 1000:03d}"), phone="13805311234",
            trades=["C01"], consent_given=True)
        worker = _ok(services.register_worker(draft, print_card=True), "register_worker")
        worker_id = worker.id
        _say("worker", worker_id)

        checkin = _ok(services.check_in(worker_id, print_ticket=True), "check_in")
        _say("checkin", checkin.checkin.id)

        if job is None or i % 4 == 0:
            if job is not None:
                current = store.jobs.get(job.id)
                if current is not None and current.status is JobStatus.OPEN:
                    _ok(services.close_job(job.id), "close_job")
                    _say("job", job.id)
            pair = _ok(services.post_job_for_new_employer(
                EmployerDraft(kind="individual", name="李先生", phone="13905317788"),
                JobDraft(employer_id="", trade="C01", title="砌砖", place="阳光小区",
                         start_date=today, pay_amount="350", pay_unit="day",
                         settlement="daily", headcount="2", urgent=True)),
                "post_job_for_new_employer")
            employer, job = pair
            _say("employer", employer.id)
            _say("job", job.id)

        assert job is not None
        origin = ReferralOrigin.TOUCHSCREEN if i % 2 == 0 else ReferralOrigin.COUNTER
        referred = services.refer(job.id, worker_id, origin, print_ticket=True)
        if isinstance(referred, Ok):
            referral = referred.value
            _say("referral", referral.id)
            if referral.status is ReferralStatus.REQUESTED and i % 3 != 0:
                referral = _ok(services.record_outcome(
                    referral.id, ReferralStatus.REFERRED), "record_outcome")
                _say("referral", referral.id)
            if i % 3 == 1:
                hired = services.record_outcome(referral.id, ReferralStatus.HIRED)
                if isinstance(hired, Ok):
                    _say("referral", referral.id)
        else:
            job = None  # filled: post a new one next time

        if i % 5 == 0:
            event = _ok(services.add_service_event(worker_id, ServiceKind.GUIDANCE, "指导"),
                        "add_service_event")
            _say("service_event", event.id)
            complaint = _ok(services.file_complaint(ComplaintDraft(
                complainant_name="王师傅", phone="13805311234", employer_name="某装修队",
                amount="1200", period_from=today - timedelta(days=30),
                period_to=today - timedelta(days=1), description="工资未结")),
                "file_complaint")
            _say("complaint", complaint.id)
        if i % 7 == 0:
            notice = _ok(services.post_notice(NoticeDraft(text_zh="今日招工信息")),
                         "post_notice")
            _say("notice", notice.id)
        i += 1


if __name__ == "__main__":
    main()
