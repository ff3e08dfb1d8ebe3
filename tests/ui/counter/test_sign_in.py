"""Staff sign-in at the counter: PIN, lockout after 5 wrong PINs, sign-out and idle."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.records import AuditAction
from kiosk.services.hall import Services
from tests.conftest import FixedClock
from tests.ui.counter.conftest import CLERK, CLERK_PIN, Factory


def actions(services: Services) -> list[AuditAction]:
    return [e.action for e in services.store.audit_events.where(order_by="created_at, rowid")]


def sign_in(qtbot: QtBot, window: object, staff_id: str, pin: str) -> None:
    login = window.login  # type: ignore[attr-defined]
    login.staff_id.setText(staff_id)
    qtbot.keyClicks(login.pin, pin)
    login.submit.click()


def test_the_right_pin_opens_the_workspace_and_is_audited(
        qtbot: QtBot, make_counter: Factory, services: Services) -> None:
    window = make_counter(sign_in=None)
    assert window.stack.currentWidget() is window.login
    sign_in(qtbot, window, "s001", CLERK_PIN)
    assert window.signed_in is not None and window.signed_in.id == CLERK
    assert window.stack.currentWidget() is window.tabs
    assert "王芳" in window.who.text()
    assert actions(services) == [AuditAction.SIGN_IN]


def test_five_wrong_pins_lock_the_id_even_for_the_right_pin(
        qtbot: QtBot, make_counter: Factory, services: Services, clock: FixedClock) -> None:
    window = make_counter(sign_in=None)
    for _ in range(4):
        sign_in(qtbot, window, CLERK, "111222")
        assert window.login.error.text() == "员工号或密码错误。"
        assert window.login.pin.text() == ""  # a wrong PIN never stays in the field
    sign_in(qtbot, window, CLERK, "111222")
    assert "锁定" in window.login.error.text()
    sign_in(qtbot, window, CLERK, CLERK_PIN)
    assert window.signed_in is None and "锁定" in window.login.error.text()
    clock.advance(minutes=5)
    sign_in(qtbot, window, CLERK, CLERK_PIN)
    assert window.signed_in is not None
    assert actions(services) == [AuditAction.LOCKED, AuditAction.SIGN_IN]


def test_sign_out_throws_the_workspace_away(make_counter: Factory, services: Services) -> None:
    window = make_counter()
    tabs = window.tabs
    window.sign_out_button.click()
    assert window.signed_in is None and window.tabs is None
    assert window.stack.currentWidget() is window.login
    assert window.stack.indexOf(tabs) == -1
    assert actions(services)[-1] is AuditAction.SIGN_OUT


def test_idle_signs_out_by_itself(qtbot: QtBot, make_counter: Factory,
                                  services: Services) -> None:
    window = make_counter()
    window.idle.timer.setInterval(50)
    window.idle.start()
    qtbot.waitUntil(lambda: window.signed_in is None, timeout=2000)
    last = next(services.store.audit_events.where(order_by="created_at DESC, rowid DESC",
                                                   limit=1))
    assert last.action is AuditAction.SIGN_OUT and last.detail == "idle"


def test_signing_out_stops_a_page_timer_that_would_reach_the_store(
        make_counter: Factory) -> None:
    window = make_counter()
    post = window.pages["post"]
    post.description.setPlainText("限男性")  # type: ignore[attr-defined]
    assert post._checker.isActive()  # type: ignore[attr-defined]
    window.sign_out_button.click()
    assert not post._checker.isActive()  # type: ignore[attr-defined]


def test_the_sign_in_hint_breaks_between_sentences_not_inside_words(
        make_counter: Factory) -> None:
    window = make_counter(sign_in=None)
    for size in ((1366, 768), (1920, 1080)):
        window.resize(*size)
        QApplication.processEvents()
        hint = window.login.hint
        lines = hint.text().split("\n")
        assert lines == ["请输入员工号和密码登录。", "无人操作时系统会自动退出。"]
        metrics = hint.fontMetrics()
        room = hint.contentsRect().width()
        assert all(metrics.horizontalAdvance(line) <= room for line in lines), size
