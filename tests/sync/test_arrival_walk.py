"""到岗 across halls and roles, on real widgets and a real hub (PostgreSQL and SQLite): hall
A's counter refers a worker and prints the slip; its QR, decoded back from the ESC/POS
bytes, is scanned at hall B's touchscreen, which says 已确认到岗; after both sync, hall A's
counter shows the referral arrived, and the outcome is recorded there."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.catalogue import Catalogue
from kiosk.core.records import ReferralStatus
from kiosk.core.staff import StaffRole
from kiosk.services.staff import StaffAccounts
from kiosk.system.config import default_config
from kiosk.ui.counter.dispatch_page import DispatchPage
from kiosk.ui.counter.window import CounterWindow
from kiosk.ui.terminal.arrival import ArrivalScreen
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import employer_draft, id_number, job_draft, worker_draft
from tests.printers import ok
from tests.sync.conftest import Hub, Terminal
from tests.ui.counter.test_referral_slip import slip_code


def test_a_slip_scanned_at_another_hall_shows_arrived_at_the_counter_that_sent_it(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, hall_b: Terminal,
        catalogue: Catalogue) -> None:
    staff = hall_a.services.as_staff("S001")
    worker = ok(staff.register_worker(worker_draft(name="王建军", id_number=id_number(seq=88))))
    employer = ok(staff.register_employer(employer_draft()))
    job = ok(staff.post_job(job_draft(employer.id)))
    referral = ok(staff.refer(job.id, worker.id))
    code = slip_code(hall_a.services, catalogue, referral.id, hall_a.services.now())
    assert code.startswith("LGD2:")
    assert hall_a.agent(hub.client).sync_once().ok
    assert hall_b.agent(hub.client).sync_once().ok  # hall B has the job (jobs are shared)
    assert hall_b.store.referrals.get(referral.id) is None  # but not hall A's referral

    touch = TerminalWindow(hall_b.services, default_config("T02"), printing=False)
    qtbot.addWidget(touch)
    touch.resize(1920, 1080)
    touch.show()
    qtbot.waitExposed(touch)
    try:
        touch.on_scan(code)
        screen = touch.page("arrival")
        assert isinstance(screen, ArrivalScreen) and screen.isVisible()
        assert screen.title.text() == "已确认到岗"
        # from the slip's code and hall B's copy of the job: what and who, masked
        assert (screen.job.text(), screen.worker.text()) == ("岗位：小区外墙砌砖", "工人：王*军")
    finally:
        touch.shutdown()
    assert hall_b.agent(hub.client).sync_once().ok
    assert hall_a.agent(hub.client).sync_once().ok  # the arrival comes to hall A

    added = StaffAccounts(hall_a.services).add("S001", "王芳", StaffRole.CLERK, "258036")
    assert ok(added) is not None
    counter = CounterWindow(hall_a.services, default_config("T01"))
    qtbot.addWidget(counter)
    counter.resize(1366, 768)
    counter.show()
    qtbot.waitExposed(counter)
    try:
        counter.login.staff_id.setText("S001")
        counter.login.pin.setText("258036")
        counter.login.submit.click()
        page = counter.show_page("dispatch")
        assert isinstance(page, DispatchPage) and page.show_referral(referral.id)
        QApplication.processEvents()
        assert page.sent.item(0, 1).text() == "已到岗（已扫码）"
        page.hired_button.click()
    finally:
        counter.shutdown()
    stored = hall_a.store.referrals.get(referral.id)
    assert stored is not None and stored.status is ReferralStatus.HIRED
    assert hall_a.agent(hub.client).sync_once().ok
