"""即时快招's other end at the counter (1366×768): the dispatch page shows the job's
employer with the contact person and phone, 一键联系 shows the number in large type to dial
on the desk phone, copies it, and 已致电 records the call on the referral's audit; an
employer's no-show is recorded on the referral and counted on the hall's job."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.core.records import AuditAction, ReferralStatus
from kiosk.services.hall import Services
from kiosk.ui.counter.dispatch_page import DispatchPage
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory
from tests.ui.test_arrival_screens import CONTACT, PHONE, SHOTS, referral_to_employer


def test_the_dispatch_page_shows_the_employer_s_contact_and_records_a_call(
        make_counter: Factory, services: Services) -> None:
    referral_id, job_id = referral_to_employer(services)
    window = make_counter()
    window.resize(1366, 768)
    page = window.show_page("dispatch")
    assert isinstance(page, DispatchPage)
    assert page.show_referral(referral_id)
    assert page.job_detail.text().endswith(f"\n用工方：鲁班建筑 · {CONTACT} · {PHONE}")
    page.call_button.click()
    dialog = page.call_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.number.text() == "139 0531 7788"
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-dispatch-contact-zh-1366x768.png")
    grab(dialog, SHOTS / "counter-call-employer-zh.png")
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == PHONE
    dialog.called_button.click()
    [called] = services.store.audit_events.where(
        "action = ?", [AuditAction.CALL_EMPLOYER.value])
    assert (called.entity, called.entity_id, called.staff_id) == (
        "referral", referral_id, "S001")
    assert not dialog.called_button.isEnabled()
    # the call was because the employer did not come: recorded on the referral, and
    # counted on the hall's job
    dialog.absent_button.click()
    assert dialog.status.text() == "已记录雇主未到场。"
    dialog.accept()
    stored = services.store.referrals.get(referral_id)
    assert stored is not None and stored.status is ReferralStatus.EMPLOYER_NO_SHOW
    job = services.store.jobs.get(job_id)
    assert job is not None and job.employer_no_shows == 1
    window.toggle_language()
    page.sent.select_id(referral_id)
    assert "Employer: 鲁班建筑" in page.job_detail.text()
    grab(window, SHOTS / "counter-dispatch-contact-en-1366x768.png")
