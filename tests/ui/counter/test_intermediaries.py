"""Agencies at the counter: a labour-dispatch firm or an employment agency gives its
licence number in the post form (refused, nothing stored, without one), and the
touchscreen's job detail shows it under the licence's name."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.core.records import EmployerRole
from kiosk.demo.seed import _uscc
from kiosk.services.hall import Services
from kiosk.ui.terminal.jobs import JobsScreen
from kiosk.ui.terminal.window import TerminalWindow
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory
from tests.ui.counter.test_post import fill, post_page

SHOTS = Path("/tmp/shots-minor")
LICENCE = "鲁济劳派许字〔2019〕第0123号"


def test_a_dispatch_firm_needs_its_licence_and_its_post_shows_it(
        qtbot: QtBot, make_counter: Factory, services: Services,
        make_terminal: Callable[..., TerminalWindow]) -> None:
    window = make_counter()
    window.resize(1366, 768)
    page = post_page(window)
    fill(page, description="")
    page.kind.setCurrentIndex(page.kind.findData("company"))
    page._line("name").setText("济南顺达劳务派遣有限公司")
    page._line("display_name").setText("顺达劳务")
    page._line("uscc").setText(_uscc(random.Random(1)))
    page._line("phone").setText("0531-88886666")
    assert not page.fields["licence_no"].isVisible()  # a direct employer has none
    page.role.setCurrentIndex(page.role.findData("dispatch"))
    assert page.fields["licence_no"].isVisible() and not page.fields["id_number"].isVisible()
    assert not page.save()
    assert "必须填写其劳务派遣经营许可证编号" in page.employer_form.error_text("licence_no")
    assert services.store.employers.count() == 0 and services.store.jobs.count() == 0
    assert page.fields["licence_no"].isVisible()
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-licence-missing-zh.png")
    window.toggle_language()
    assert not page.save()  # checked again: the errors in the language now shown
    assert "labour dispatch licence" in page.employer_form.error_text("licence_no")
    grab(window, SHOTS / "counter-licence-missing-en.png")
    window.toggle_language()
    page._line("licence_no").setText(LICENCE)
    assert page.save()
    [employer] = services.store.employers.where()
    assert (employer.role, employer.licence_no) == (EmployerRole.DISPATCH, LICENCE)
    [change] = [c for c in services.store.outbox.unsent() if c.entity == "employer"]
    assert change.payload["licence_no"] == LICENCE  # synced with the employer

    terminal = make_terminal(printing=False)
    terminal.show_screen("jobs")
    screen = terminal.page("jobs")
    assert isinstance(screen, JobsScreen)
    qtbot.mouseClick(screen.job_buttons[0], Qt.MouseButton.LeftButton)
    assert "用工单位：顺达劳务（劳务派遣）" in screen.detail_body.text()
    assert f"劳务派遣经营许可证：{LICENCE}" in screen.detail_body.text()
    grab(terminal, SHOTS / "terminal-agency-job-zh.png")
    terminal.toggle_language()
    assert f"Labour dispatch licence: {LICENCE}" in screen.detail_body.text()
    grab(terminal, SHOTS / "terminal-agency-job-en.png")
