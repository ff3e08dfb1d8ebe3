"""到岗 at the touchscreen and the counter, and the home screen's big no-tap line, on real
widgets: the slip's QR, decoded back from the printed ESC/POS bytes, is scanned at the
touchscreen; the screen says 已确认到岗 with the job and the worker's masked name; the
counter's dispatch page then shows the referral arrived, the employer's contact and phone,
and records a call to the employer on the referral's audit. Screenshots in zh and en, and
in large text, go to /tmp/shots-hall."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel

from kiosk.core.catalogue import Catalogue
from kiosk.core.records import ReferralStatus
from kiosk.services.hall import Services
from kiosk.ui.terminal.arrival import ArrivalScreen
from kiosk.ui.terminal.base import ARRIVAL, HOME
from kiosk.ui.terminal.home import HomeScreen
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import employer_draft, job_draft, worker_draft
from tests.printers import ok
from tests.ui.conftest import grab
from tests.ui.counter.test_referral_slip import slip_code

SHOTS = Path("/tmp/shots-hall")
PHONE, CONTACT = "13905317788", "李建国"  # the employer's business contact


def referral_to_employer(services: Services) -> tuple[str, str]:
    staff = services.as_staff("S001")
    worker = ok(staff.register_worker(worker_draft(name="王建军")))
    employer = ok(staff.register_employer(employer_draft(
        name="李建国", contact_name=CONTACT, phone=PHONE, display_name="鲁班建筑")))
    job = ok(staff.post_job(job_draft(employer.id)))
    return ok(staff.refer(job.id, worker.id)).id, job.id


def test_a_slip_scanned_at_the_touchscreen_confirms_the_arrival_in_plain_words(
        make_terminal: Callable[..., TerminalWindow], services: Services,
        catalogue: Catalogue) -> None:
    referral_id, _job = referral_to_employer(services)
    code = slip_code(services, catalogue, referral_id, services.now())
    window = make_terminal()
    window.on_scan(code)
    screen = window.page(ARRIVAL)
    assert isinstance(screen, ArrivalScreen) and screen.isVisible()
    assert screen.title.text() == "已确认到岗"
    assert (screen.job.text(), screen.worker.text()) == ("岗位：小区外墙砌砖", "工人：王*军")
    shown = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    assert not [text for text in shown if "王建军" in text]  # the full name is never shown
    stored = services.store.referrals.get(referral_id)
    assert stored is not None and stored.status is ReferralStatus.ARRIVED
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "touch-arrival-zh.png")
    window.toggle_language()
    assert screen.title.text() == "Arrival confirmed."
    grab(window, SHOTS / "touch-arrival-en.png")
    window.toggle_language()
    window.set_large_text(True)
    QApplication.processEvents()
    assert window.rect().contains(screen.done.mapTo(window, screen.done.rect().bottomRight()))
    grab(window, SHOTS / "touch-arrival-zh-large.png")
    window.on_scan(code)  # read again: said again, recorded once
    assert services.store.arrivals.count() == 1
    screen.done.click()
    assert window.current == HOME


def test_another_hall_s_slip_is_confirmed_and_kept_for_the_hub(
        make_terminal: Callable[..., TerminalWindow], services: Services) -> None:
    window = make_terminal()
    window.on_scan("LGD1:0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6:BE055796")
    screen = window.page(ARRIVAL)
    assert isinstance(screen, ArrivalScreen) and screen.isVisible()
    assert screen.title.text() == "已确认到岗" and not screen.job.isVisible()
    [arrival] = services.store.arrivals.where()
    assert arrival.referral_id == "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6"
    assert services.pending_sync_count() >= 1  # on its way to the hall that issued it


def test_home_says_in_big_type_that_a_card_checks_in_without_a_tap(
        make_terminal: Callable[..., TerminalWindow]) -> None:
    window = make_terminal()
    home = window.page(HOME)
    assert isinstance(home, HomeScreen)
    assert home.card_line.text() == "刷身份证或扫工作卡签到"
    assert home.card_line.font().pixelSize() > home.welcome.font().pixelSize()
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "home-zh.png")
    window.toggle_language()
    assert home.card_line.text() == "Swipe your ID card or scan your worker card to check in"
    grab(window, SHOTS / "home-en.png")
    window.toggle_language()
    window.set_large_text(True)
    grab(window, SHOTS / "home-zh-large.png")
