"""即时快招's actions are disabled (and look it) until what they act on is chosen."""

from __future__ import annotations

from kiosk.core.errors import Ok
from kiosk.services.hall import Services
from kiosk.ui.counter.dispatch_page import DispatchPage
from kiosk.ui.counter.pages import DISPATCH
from tests.conftest import employer_draft, job_draft, worker_draft
from tests.ui.counter.conftest import Factory


def test_each_action_waits_for_its_choice(make_counter: Factory, services: Services) -> None:
    worker = services.register_worker(worker_draft())
    employer = services.register_employer(employer_draft())
    assert isinstance(worker, Ok) and isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok)
    assert isinstance(services.check_in(worker.value.id), Ok)
    page = make_counter().show_page(DISPATCH)
    assert isinstance(page, DispatchPage)
    outcomes = (page.hired_button, page.declined_button, page.no_show_button)
    assert not page.accept_button.isEnabled() and not page.refer_button.isEnabled()
    assert not any(b.isEnabled() for b in outcomes)
    page.jobs.select_id(job.value.id)
    assert not page.refer_button.isEnabled()  # a job, but no worker chosen yet
    page.fit.selectRow(0)
    assert page.refer_button.isEnabled()
    page.refer_button.click()
    assert services.store.referrals.count() == 1
    assert not any(b.isEnabled() for b in outcomes)
    page.sent.selectRow(0)
    assert all(b.isEnabled() for b in outcomes)
    page.hired_button.click()
    [referral] = services.store.referrals.where()
    assert referral.status.value == "hired"
