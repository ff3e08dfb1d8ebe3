"""The touchscreen and a 17-year-old: a job of work the law keeps from minors says so on
its detail page, and 我想干 with a minor's ID number explains, in plain words, why not
(the work and the law) and stores nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok, Result
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.ui.terminal.jobs import JobsScreen
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import TODAY, employer_draft, id_number, job_draft, worker_draft
from tests.ui.conftest import grab

SHOTS = Path(os.environ.get("KIOSK_SHOTS", "/tmp/shots-minor"))


def ok(result: Result[object]) -> object:
    assert isinstance(result, Ok), result
    return result.value


def tap(qtbot: QtBot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def rows(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_a_minor_asking_for_welding_is_told_why_not_and_nothing_is_stored(
        qtbot: QtBot, services: Services, store: Store,
        make_terminal: Callable[..., TerminalWindow]) -> None:
    minor_id = id_number(date(TODAY.year - 17, 3, 1), seq=101)
    ok(services.register_worker(worker_draft(id_number=minor_id, trades=["C05"])))
    employer = ok(services.register_employer(employer_draft()))
    ok(services.post_job(job_draft(employer.id, trade="C05",  # type: ignore[attr-defined]
                                   title="钢结构厂房焊接")))
    before = {table: rows(store, table) for table in ("referrals", "checkins", "outbox")}
    window = make_terminal(printing=True)
    window.show_screen("jobs")
    screen = window.page("jobs")
    assert isinstance(screen, JobsScreen)
    tap(qtbot, screen.job_buttons[0])
    assert screen.detail_adults.isVisible()
    assert "仅限年满18周岁" in screen.detail_adults.text()
    assert "易燃易爆" in screen.detail_adults.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    grab(window, SHOTS / "terminal-job-adults-only-zh.png")
    tap(qtbot, screen.want_button)
    for char in minor_id:
        tap(qtbot, screen.want.keypad.keys[char])
    assert screen.wanted_title.text() == "这份工作不适合未满18周岁的人"
    detail = screen.wanted_detail.text()
    assert "未满18周岁不能做这份工作" in detail and "未成年工特殊保护规定" in detail
    assert "请到服务窗口问问其他工作" in detail
    assert not screen.wanted_number.isVisible()
    grab(window, SHOTS / "terminal-minor-refused-zh.png")
    window.toggle_language()
    assert screen.wanted_title.text() == "This job is not for workers under 18"
    assert "Workers under 18 may not do this work" in screen.wanted_detail.text()
    assert "Juvenile Workers" in screen.wanted_detail.text()
    grab(window, SHOTS / "terminal-minor-refused-en.png")
    window.toggle_language()
    window.set_large_text(True)  # 大字: the explanation and the button still in view
    assert screen.wanted_done.isVisible() and "未成年工特殊保护规定" in screen.wanted_detail.text()
    grab(window, SHOTS / "terminal-minor-refused-zh-large.png")
    assert {table: rows(store, table) for table in before} == before
