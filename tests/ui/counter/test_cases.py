"""A complaint walked across roles: a worker's complaint filed at the counter, its receipt
printed (ESC/POS decoded back), staff take it up, mediate and resolve it on the casework
tab, and the worker at the touchscreen types the digits of the receipt's number and reads
"已解决" — with nothing on that screen that names or reaches anyone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core import payloads
from kiosk.core.casework import lookup_digits
from kiosk.core.records import AuditAction, CaseAction
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.system.config import default_config
from kiosk.ui.counter.cases_page import CasesPage
from kiosk.ui.counter.complaints_page import ComplaintsPage
from kiosk.ui.counter.pages import CASES, COMPLAINTS
from kiosk.ui.counter.window import CounterWindow
from kiosk.ui.terminal.complaint_status import ComplaintStatusScreen
from kiosk.ui.terminal.window import TerminalWindow
from printers.escpos_bytes import escpos_bytes
from printers.raster import render_image
from tests.conftest import FixedClock
from tests.printers import read_qr
from tests.printers.escpos_stream import decode
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, Factory
from tests.ui.counter.test_complaints import fill

SHOTS = Path("/tmp/shots-cases")
DOTS = 576


@pytest.fixture
def terminal(qtbot: QtBot, services: Services) -> Iterator[TerminalWindow]:
    window = TerminalWindow(services, default_config("T01"), printing=True)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def take_step(page: CasesPage, action: CaseAction, *, party: str = "", outcome: str = "",
              recovered: str = "") -> None:
    index = page.action.findData(action.value)
    assert index >= 0, (action, [page.action.itemData(i) for i in range(page.action.count())])
    page.action.setCurrentIndex(index)
    page.party.setText(party)
    page.outcome.setText(outcome)
    page.recovered.setText(recovered)
    page.save.click()


def test_a_complaint_is_filed_mediated_resolved_and_read_at_the_touchscreen(
        qtbot: QtBot, make_counter: Factory, terminal: TerminalWindow, services: Services,
        clock: FixedClock) -> None:
    SHOTS.mkdir(exist_ok=True)
    counter = make_counter()
    filing = counter.show_page(COMPLAINTS)
    assert isinstance(filing, ComplaintsPage)
    fill(filing)
    filing.submit.click()
    [complaint] = services.store.complaints.where()
    receipt = TicketSource(services.store, services.catalogue, default_config("T01").hall
                           ).ticket(PrintKind.COMPLAINT, complaint.id, clock.now())
    printed = render_image(receipt, DOTS)
    paper = decode(escpos_bytes(printed, DOTS))
    assert len(paper.pieces) == 1 and not paper.pieces[0].junk and paper.pieces[0].ink()
    assert complaint.number in receipt.texts()
    [scanned] = read_qr(printed)  # what the touchscreen's scanner will read off the paper

    cases = step_through(counter, complaint.id, clock)
    assert cases.summary.text().startswith(complaint.number)
    assert "已解决" in cases.summary.text() and "¥3,200" in cases.summary.text()
    assert cases.step_box.isHidden()  # finished: no next step is offered
    grab(counter, SHOTS / "counter-cases-zh.png")
    steps = services.store.case_steps.where("complaint_id = ?", [complaint.id])
    assert [(s.action, s.staff_id) for s in steps] == [
        (CaseAction.TAKE_UP, CLERK), (CaseAction.MEDIATION, CLERK), (CaseAction.RESOLVE, CLERK)]
    assert sum(1 for e in services.store.audit_events.where()
               if e.action is AuditAction.CASE_STEP) == 3

    tap(qtbot, terminal.page("home").buttons["complaint_status"])  # type: ignore[attr-defined]
    screen = terminal.page("complaint_status")
    assert isinstance(screen, ComplaintStatusScreen)
    for digit in lookup_digits(complaint.number):
        tap(qtbot, screen.keypad.keys[digit])
    tap(qtbot, screen.confirm)
    assert screen.status.text() == "已解决"
    assert complaint.number in screen.number.text()
    assert "2026-11-23" in screen.steps.text()
    shown = "\n".join(w.text() for w in (screen.number, screen.status, screen.words,
                                         screen.steps))
    for private in (complaint.complainant_name, complaint.phone, complaint.employer_name,
                    "3200", "3,200"):
        assert private not in shown
    grab(terminal, SHOTS / "touch-status-zh.png")
    tap(qtbot, screen.done)
    assert terminal.current == "home"
    assert screen.keypad.text() == ""  # nothing of this person is left for the next
    terminal.on_scan(scanned + "\r\n")  # the receipt's code held to the scanner instead
    assert terminal.current == "complaint_status" and screen.status.text() == "已解决"
    terminal.on_scan(payloads.complaint("0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6"))
    assert terminal.current == "home"
    assert "不是本站受理的投诉" in terminal.page("home").notice.text()  # type: ignore[attr-defined]


def step_through(counter: CounterWindow, complaint_id: str, clock: FixedClock) -> CasesPage:
    cases = counter.show_page(CASES)
    assert isinstance(cases, CasesPage)
    assert cases.table.select_id(complaint_id)
    take_step(cases, CaseAction.TAKE_UP)
    assert "处理中" in cases.message.text()
    clock.advance(hours=3)
    take_step(cases, CaseAction.MEDIATION, party="济南鲁建 张经理", outcome="同意分两次付清",
              recovered="1600")
    grab(counter, SHOTS / "counter-cases-mediation-zh.png")
    clock.advance(days=2)
    cases.happened_on.set_value(date(2026, 11, 23))
    take_step(cases, CaseAction.RESOLVE, outcome="余款1600元已付清", recovered="1600")
    assert cases.message.text() == "已保存：这件投诉现在已解决。"
    assert cases.chosen() is None  # finished: it leaves the list of unfinished ones
    grab(counter, SHOTS / "counter-cases-resolved-zh.png")
    cases.open_only.setChecked(False)
    assert cases.table.select_id(complaint_id)
    return cases


def test_a_wrong_step_shows_its_errors_and_stores_nothing(
        make_counter: Factory, services: Services) -> None:
    counter = make_counter()
    filing = counter.show_page(COMPLAINTS)
    assert isinstance(filing, ComplaintsPage)
    fill(filing)
    filing.submit.click()
    [complaint] = services.store.complaints.where()
    cases = counter.show_page(CASES)
    assert isinstance(cases, CasesPage)
    assert cases.table.select_id(complaint.id)
    before = services.store.outbox.counts_by_state()
    take_step(cases, CaseAction.MEDIATION, recovered="很多")
    assert cases.form.error_text("party") and cases.form.error_text("outcome")
    assert cases.form.error_text("recovered") == "请用数字填写金额（元）。"
    assert "请" in cases.message.text()
    assert services.store.case_steps.count() == 0
    assert services.store.outbox.counts_by_state() == before
    grab(counter, SHOTS / "counter-cases-errors-zh.png")
    counter.toggle_language()
    assert cases.form.error_text("recovered") == "Please enter the amount as a number of yuan."
    grab(counter, SHOTS / "counter-cases-errors-en.png")


def test_a_hand_off_prints_its_sheet_and_the_touchscreen_says_so_in_each_language(
        qtbot: QtBot, make_counter: Factory, terminal: TerminalWindow,
        services: Services) -> None:
    counter = make_counter()
    filing = counter.show_page(COMPLAINTS)
    assert isinstance(filing, ComplaintsPage)
    fill(filing, kind="deposit")
    filing.kind.setCurrentIndex(filing.kind.findData("deposit"))
    filing.amount.setText("")
    filing.submit.click()
    [complaint] = services.store.complaints.where()
    assert complaint.amount_cents is None
    cases = counter.show_page(CASES)
    assert isinstance(cases, CasesPage)
    assert cases.table.select_id(complaint.id)
    take_step(cases, CaseAction.REFER, party="槐荫区劳动保障监察大队",
              outcome="用工方拒不退还身份证")
    assert "移交单正在打印" in cases.message.text()
    assert [j.kind for j in services.store.print_queue.queued()] == [
        PrintKind.COMPLAINT, PrintKind.HANDOFF]
    counter.toggle_language()
    grab(counter, SHOTS / "counter-cases-en.png")

    terminal.show_screen("complaint_status")
    screen = terminal.page("complaint_status")
    assert isinstance(screen, ComplaintStatusScreen)
    grab(terminal, SHOTS / "touch-entry-zh.png")
    screen.show_number(lookup_digits(complaint.number))
    assert screen.status.text() == "已移交劳动保障监察"
    terminal.toggle_language()  # type: ignore[attr-defined]
    assert screen.status.text() == "Passed to labour inspection"
    grab(terminal, SHOTS / "touch-status-en.png")
    terminal.set_large_text(True)
    QApplication.processEvents()
    grab(terminal, SHOTS / "touch-status-en-large.png")
    terminal.toggle_language()  # type: ignore[attr-defined]
    grab(terminal, SHOTS / "touch-status-zh-large.png")
    screen.reset()
    for digit in "2026112399999":
        screen.keypad.press(digit)
    tap(qtbot, screen.confirm)
    assert "本站没有这个编号的投诉" in screen.message.text()
    grab(terminal, SHOTS / "touch-missing-zh-large.png")
    terminal.show_screen("home")
    grab(terminal, SHOTS / "touch-home-zh-large.png")
