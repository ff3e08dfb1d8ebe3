"""The demo's records keep every rule the kiosk enforces, through the real store: each
record passes the record rules the hub re-runs (licences of agencies, a 揽头's ID number),
no post is blocked by the discrimination check or pays below the minimum wage, and no
17-year-old is sent to work the law keeps from minors (the demo has some)."""

from __future__ import annotations

from kiosk.core.errors import Ok
from kiosk.core.post_check import post_errors
from kiosk.core.protected_work import is_minor, minor_may_take
from kiosk.core.record_rules import record_problem
from kiosk.core.records import EmployerRole
from kiosk.core.wages import check_pay
from kiosk.demo.seed import seed_demo
from kiosk.services.hall import Services


def test_the_demo_seeds_keep_every_rule(services: Services) -> None:
    report = seed_demo(services, workers=300, jobs=60)
    assert report.rejected == []
    store, today, rules = services.store, services.today(), services.post_rules()
    catalogue = services.catalogue
    for table in (store.workers, store.employers, store.jobs, store.referrals):
        for record in table.where():
            assert record_problem(record, catalogue, today) is None, record
    employers = list(store.employers.where())
    roles = {e.role for e in employers}
    assert {EmployerRole.DISPATCH, EmployerRole.AGENCY, EmployerRole.GANG_MASTER} <= roles
    for employer in employers:
        if employer.role is EmployerRole.GANG_MASTER:
            assert employer.id_masked and "*" in employer.display_name
    for job in store.jobs.where():
        assert post_errors({"title": job.title, "description": job.description,
                            "skills_note": job.skills_note}, rules, job.trade) == ()
        assert isinstance(check_pay(rules.minimum_wage, job.pay_cents, job.pay_unit,
                                    hours_per_day=job.hours_per_day,
                                    day_estimate_cents=job.day_estimate_cents), Ok)
    minors = [w for w in store.workers.where() if is_minor(w.birth_date, today)]
    assert minors  # the demo shows the rule at work
    for referral in store.referrals.where():
        worker, job = store.workers.get(referral.worker_id), store.jobs.get(referral.job_id)
        assert worker is not None and job is not None
        assert isinstance(minor_may_take(worker, job, today, rules.protected), Ok)
