"""The counter's call controls as real widgets on a real SQLite file: call next, call again
and 过号 by clicking, each audited as the signed-in staff member; nothing to call says why
in the status line; the controls fit the top bar at 1366×768 in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok
from kiosk.services.hall import Services
from tests.conftest import id_number, worker_draft
from tests.ui.conftest import grab
from tests.ui.counter.conftest import CLERK, Factory
from tests.ui.counter.fit import clipped_texts, unreachable_buttons

SHOTS = Path("/tmp/shots-calls")


def checked_in(services: Services, count: int) -> None:
    for seq in range(count):
        worker = services.register_worker(worker_draft(id_number=id_number(seq=700 + seq),
                                                       phone=f"1370531{seq:04d}"))
        assert isinstance(worker, Ok)
        assert isinstance(services.check_in(worker.value.id), Ok)


def test_staff_call_recall_and_pass_over_numbers(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    checked_in(services, 3)
    window = make_counter()
    bar = window.call_bar
    assert bar is not None and not window.hall.isVisible()
    assert bar.serving_number is None and not bar.recall_button.isEnabled()
    assert bar.serving.text() == "空闲 · 等候 3 人"
    bar.next_button.click()
    assert bar.serving_number == 1 and bar.serving.text() == "1 号 · 等候 2 人"
    bar.recall_button.click()
    bar.skip_button.click()  # 1 did not come: 2 is called
    assert bar.serving_number == 2
    bar.next_button.click()
    assert bar.serving_number == 3 and not bar.next_button.isEnabled()
    calls = [(c.queue_no, c.action.value) for c in services.store.queue_calls.where(
        order_by="rowid")]
    assert calls == [(1, "call"), (1, "recall"), (1, "skip"), (2, "call"), (3, "call")]
    audited = services.store.audit_events.where("action = 'queue.call'", order_by="rowid")
    assert {e.staff_id for e in audited} == {CLERK}
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-calls-zh-1366x768.png")


def test_nothing_to_call_says_why_and_a_call_elsewhere_shows(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    window = make_counter()
    bar = window.call_bar
    assert bar is not None
    bar.call_next()  # as a keyboard shortcut or a double click would: nothing waits
    assert window.pending.text() == "目前无人等候，没有可叫的号。"
    assert services.store.queue_calls.count() == 0
    checked_in(services, 1)  # a worker checks in at the touchscreen: the count follows
    qtbot.waitUntil(lambda: bar.serving.text() == "空闲 · 等候 1 人", timeout=2000)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_controls_fit_the_top_bar_at_1366x768(
        qtbot: QtBot, make_counter: Factory, services: Services, language: str) -> None:
    checked_in(services, 12)
    window = make_counter()
    if window.t.language != language:
        window.toggle_language()
    window.resize(1366, 768)
    assert window.call_bar is not None
    window.call_bar.next_button.click()
    QApplication.processEvents()
    assert unreachable_buttons(window) == []
    assert [p for p in clipped_texts(window) if "waiting" in p or "等候" in p] == []
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / f"counter-calls-{language}-1366x768-called.png")


def test_an_id_card_reader_in_keyboard_mode_finds_the_worker_at_the_desk(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    checked_in(services, 1)
    window = make_counter()
    window.on_scan(id_number(seq=700))
    page = window.current_page()
    assert page is not None and page is window.pages["desk"]
    assert page.results.rowCount() == 1  # type: ignore[attr-defined]
