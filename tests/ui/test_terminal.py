"""The workers' touchscreen driven by taps (pytest-qt) on a real SQLite store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Ok, Result
from kiosk.core.records import CheckIn, Referral, ReferralOrigin
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.system.config import Config, TouchSettings, default_config
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.jobs import JobsScreen
from kiosk.ui.terminal.register import TRADES
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import employer_draft, id_number, job_draft, worker_draft
from tests.ui.conftest import grab, touch

V = TypeVar("V")
LANDSCAPE, PORTRAIT = (1920, 1080), (1080, 1920)
MIN_TARGET_PX = 90  # 20 mm on a 21.5-inch 1080p panel, rounded up


def ok(result: Result[V]) -> V:
    assert isinstance(result, Ok), result
    return result.value


Factory = Callable[..., TerminalWindow]


@pytest.fixture
def make_terminal(qtbot: QtBot, services: Services) -> Iterator[Factory]:
    windows: list[TerminalWindow] = []

    def make(size: tuple[int, int] = LANDSCAPE, config: Config | None = None) -> TerminalWindow:
        window = TerminalWindow(services, config or default_config("T01"), printing=True)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


def tap(qtbot: QtBot, button: QPushButton | QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_id(qtbot: QtBot, keys: dict[str, QPushButton], number: str) -> int:
    for char in number:
        tap(qtbot, keys[char])
    return len(number)


def rows(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


# -- check-in ---------------------------------------------------------------------------

def test_check_in_by_taps_shows_the_queue_number_and_the_same_one_again(
        qtbot: QtBot, services: Services, store: Store, make_terminal: Factory,
        tmp_path: Path) -> None:
    worker = ok(services.register_worker(worker_draft()))
    window = make_terminal()
    tap(qtbot, window.page("home").buttons["checkin"])  # type: ignore[attr-defined]
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    taps = 1 + type_id(qtbot, screen.entry.keypad.keys, id_number())  # the 18th checks in
    checkin = next(iter(store.checkins.where("worker_id = ?", [worker.id])))
    assert isinstance(checkin, CheckIn)
    assert screen.number.text() == str(checkin.queue_no)
    assert screen.greeting.text() == "张*国，您好！"
    assert taps == 19
    assert rows(store, "print_jobs") == 1  # the queue ticket, queued with the check-in
    grab(window, tmp_path / "checkin.png")
    tap(qtbot, screen.done)
    assert window.current == "home"
    assert screen.entry.keypad.text() == ""  # nothing of this person remains
    tap(qtbot, window.page("home").buttons["checkin"])  # type: ignore[attr-defined]
    type_id(qtbot, screen.entry.keypad.keys, id_number())
    assert screen.number.text() == str(checkin.queue_no)
    assert "同一个号码" in screen.detail.text()
    assert rows(store, "checkins") == 1


def test_a_wrong_check_digit_is_explained_and_nothing_is_stored(
        qtbot: QtBot, services: Services, store: Store, make_terminal: Factory) -> None:
    ok(services.register_worker(worker_draft()))
    before = (rows(store, "checkins"), rows(store, "outbox"))
    window = make_terminal()
    window.show_screen("checkin")
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    good = id_number()
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")
    type_id(qtbot, screen.entry.keypad.keys, wrong)
    assert screen.entry.message.isVisible()
    assert "身份证号不正确" in screen.entry.message.text()
    tap(qtbot, screen.entry.confirm)  # tappable, and says it again: nothing stored
    assert "身份证号不正确" in screen.entry.message.text()
    tap(qtbot, screen.entry.keypad.keys["⌫"])
    assert not screen.entry.message.isVisible()
    assert (rows(store, "checkins"), rows(store, "outbox")) == before


def test_an_unknown_id_number_is_sent_to_register_and_nothing_is_stored(
        qtbot: QtBot, store: Store, make_terminal: Factory) -> None:
    window = make_terminal()
    window.show_screen("checkin")
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    type_id(qtbot, screen.entry.keypad.keys, id_number(seq=777))
    assert screen.greeting.text() == "这个身份证号码还没有登记。"
    assert rows(store, "checkins") == 0 and rows(store, "outbox") == 0


# -- finding work -------------------------------------------------------------------------

def test_find_work_lists_filters_and_records_i_want_this(
        qtbot: QtBot, services: Services, store: Store, make_terminal: Factory) -> None:
    worker = ok(services.register_worker(worker_draft()))
    employer = ok(services.register_employer(employer_draft(display_name="鲁建劳务")))
    brick = ok(services.post_job(job_draft(employer.id, trade="C01", title="砌砖", urgent=True)))
    ok(services.post_job(job_draft(employer.id, trade="S03", title="保洁")))
    window = make_terminal()
    tap(qtbot, window.page("home").buttons["jobs"])  # type: ignore[attr-defined]
    screen = window.page("jobs")
    assert isinstance(screen, JobsScreen)
    shown = [b.lines() for b in screen.job_buttons if b.isVisible()]
    assert [lines[0] for lines in shown] == ["【急招】瓦工 · 砌砖", "月嫂育婴 · 保洁"]
    assert shown[0][1] == "¥350/天 日结 · 还招 3 人"
    assert shown[0][2] == "槐荫区腊山河西路 阳光小区 · 今天 开工"
    tap(qtbot, screen.groups.buttons["services"])
    assert [b.lines()[0].split(" · ")[1] for b in screen.job_buttons if b.isVisible()] == ["保洁"]
    tap(qtbot, screen.groups.buttons["construction"])
    tap(qtbot, screen.job_buttons[0])
    assert screen.detail_title.text() == "砌砖"
    assert "用工单位：鲁建劳务" in screen.detail_body.text()
    tap(qtbot, screen.want_button)
    type_id(qtbot, screen.want.keypad.keys, id_number())
    referral = next(iter(store.referrals.where("job_id = ?", [brick.id])))
    assert isinstance(referral, Referral)
    assert (referral.worker_id, referral.origin) == (worker.id, ReferralOrigin.TOUCHSCREEN)
    assert screen.wanted_number.text() == str(referral.queue_no)


def test_the_job_list_pages_and_a_job_on_a_later_page_opens(
        qtbot: QtBot, services: Services, make_terminal: Factory) -> None:
    employer = ok(services.register_employer(employer_draft()))
    hours = range(5, 13)  # 05:00 … 12:00, listed in that order
    titles = [f"第{hour}班" for hour in hours]
    for hour, title in zip(hours, titles, strict=True):
        ok(services.post_job(job_draft(employer.id, start_time=f"{hour:02d}:00", title=title)))
    window = make_terminal()  # landscape: two columns of three jobs a page
    tap(qtbot, window.page("home").buttons["jobs"])  # type: ignore[attr-defined]
    screen = window.page("jobs")
    assert isinstance(screen, JobsScreen)

    def shown() -> list[str]:
        return [b.lines()[0].split(" · ")[1] for b in screen.job_buttons if b.isVisible()]

    assert shown() == titles[:6] and screen.page_label.text() == "第 1 页 / 共 2 页"
    cards = [b for b in screen.job_buttons if b.isVisible()]
    assert cards[0].y() == cards[1].y() and cards[1].x() > cards[0].x()  # two columns
    assert not screen.previous.isEnabled()
    tap(qtbot, screen.next)
    assert shown() == titles[6:] and screen.page_label.text() == "第 2 页 / 共 2 页"
    assert not screen.next.isEnabled()
    tap(qtbot, screen.job_buttons[1])
    assert screen.detail_title.text() == titles[7]


def test_i_want_this_with_an_unknown_id_stores_nothing(
        qtbot: QtBot, services: Services, store: Store, make_terminal: Factory) -> None:
    employer = ok(services.register_employer(employer_draft()))
    ok(services.post_job(job_draft(employer.id)))
    window = make_terminal()
    window.show_screen("jobs")
    screen = window.page("jobs")
    assert isinstance(screen, JobsScreen)
    tap(qtbot, screen.job_buttons[0])
    tap(qtbot, screen.want_button)
    type_id(qtbot, screen.want.keypad.keys, id_number(seq=555))
    assert screen.wanted_title.text() == "这个身份证号码还没有登记。"
    assert not screen.wanted_number.isVisible()
    assert rows(store, "referrals") == 0


# -- privacy, language, size ----------------------------------------------------------------

def test_idle_countdown_then_every_field_is_cleared_and_home_shown(
        qtbot: QtBot, services: Services, make_terminal: Factory) -> None:
    config = replace(default_config("T01"), touch=TouchSettings(countdown_seconds=3))
    window = make_terminal(config=config)
    window.idle.timer.setInterval(30)
    window.countdown.tick_ms = 10
    window.show_screen("checkin")
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    screen.entry.keypad.set_text("3701041975")
    qtbot.waitUntil(window.countdown.isVisible, timeout=2000)
    qtbot.waitUntil(lambda: window.current == "home", timeout=2000)
    assert screen.entry.keypad.text() == "" and screen.entry.keypad.display.text().strip() == ""
    assert not window.countdown.isVisible()


def test_carrying_on_keeps_what_was_typed(qtbot: QtBot, make_terminal: Factory) -> None:
    window = make_terminal()
    window.show_screen("checkin")
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    screen.entry.keypad.set_text("370104")
    window.countdown.start(10)
    tap(qtbot, window.countdown.carry_on)
    assert window.current == "checkin" and screen.entry.keypad.text() == "370104"
    assert window.idle.timer.isActive()


def test_the_language_switch_retranslates_the_visible_screen(
        qtbot: QtBot, make_terminal: Factory) -> None:
    window = make_terminal()
    home = window.page("home")
    assert home.welcome.text() == "欢迎！请点击您要办的事。"  # type: ignore[attr-defined]
    tap(qtbot, window.language_button)
    assert home.welcome.text() == "Welcome! Tap what you want to do."  # type: ignore[attr-defined]
    assert window.language_button.text() == "中文"
    tap(qtbot, window.language_button)
    assert window.large_button.text() == "大字"


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
@pytest.mark.parametrize("large", [False, True])
def test_every_visible_button_is_a_big_target_and_fits(
        qtbot: QtBot, services: Services, make_terminal: Factory, size: tuple[int, int],
        large: bool) -> None:
    employer = ok(services.register_employer(employer_draft()))
    ok(services.post_job(job_draft(employer.id)))
    window = make_terminal(size)
    window.set_large_text(large)
    for name in ("home", "register", "checkin", "jobs", "info", "policies", "training"):
        window.show_screen(name)
        qtbot.wait(1)
        assert (window.width(), window.height()) == size, name
        buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
        assert buttons
        for button in buttons:
            assert button.height() >= MIN_TARGET_PX, (name, button.text(), button.height())
            assert window.rect().contains(button.geometry().translated(
                button.mapTo(window, button.rect().topLeft()) - button.geometry().topLeft()))


class SpokenPrompts:
    """Stands in for the speakers (none exist here), behind VoicePlayer's say/stop."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def say(self, msgid: str, language: str) -> None:
        self.said.append((msgid, language))

    def stop(self) -> None:
        self.said.append(("<stop>", ""))


def test_each_step_speaks_a_recorded_prompt_in_the_current_language(
        qtbot: QtBot, services: Services, make_terminal: Factory) -> None:
    from kiosk.ui.voice import PROMPTS, prompt_path

    ok(services.register_worker(worker_draft()))
    window = make_terminal()
    spoken = SpokenPrompts()
    window.session.voice = spoken  # type: ignore[assignment]
    tap(qtbot, window.page("home").buttons["register"])  # type: ignore[attr-defined]
    tap(qtbot, window.register.agree)
    window.reset_all()
    tap(qtbot, window.language_button)
    tap(qtbot, window.page("home").buttons["checkin"])  # type: ignore[attr-defined]
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    type_id(qtbot, screen.entry.keypad.keys, id_number())
    said = [(m, lang) for m, lang in spoken.said if m != "<stop>"]
    assert said == [
        ("Please read, then tap I agree or I do not agree.", "zh_CN"),
        ("Enter the 18 characters of your ID card number.", "zh_CN"),
        ("Scan your worker card, or put your ID card on the reader: no typing needed.", "en"),
        ("Your queue number today:", "en"),
    ]
    for msgid, language in said:
        assert msgid in PROMPTS and prompt_path(msgid, language) is not None


def test_a_step_title_on_two_lines_gets_a_header_tall_enough(
        qtbot: QtBot, make_terminal: Factory) -> None:
    window = make_terminal(size=PORTRAIT)
    window.set_large_text(True)
    window.toggle_language()  # "What work can you do?" in large text: two lines in portrait
    window.show_screen("register")
    screen = window.register
    screen.go(TRADES)
    QApplication.processEvents()
    title = screen.header.title
    assert title.heightForWidth(title.width()) > title.sizeHint().height()  # it wraps
    assert title.height() >= title.heightForWidth(title.width())  # and none of it is cut


def test_taps_keep_the_idle_countdown_away(qtbot: QtBot, make_terminal: Factory) -> None:
    window = make_terminal()
    window.idle.timer.setInterval(1000)
    window.show_screen("checkin")
    screen = window.page("checkin")
    assert isinstance(screen, CheckInScreen)
    for _ in range(10):  # 1.5 s of tapping, every 0.15 s: longer than the idle time
        qtbot.wait(150)
        touch(screen.entry.keypad.keys["1"])
    assert not window.countdown.isVisible()
    assert screen.entry.keypad.text() == "1" * 10
    qtbot.waitUntil(window.countdown.isVisible, timeout=3000)  # then no touch: it comes


def test_sector_names_with_an_ampersand_show_it(qtbot: QtBot, make_terminal: Factory) -> None:
    window = make_terminal()
    tap(qtbot, window.language_button)  # English: "Construction & renovation"
    window.show_screen("jobs")
    jobs = window.page("jobs")
    assert isinstance(jobs, JobsScreen)
    assert jobs.groups.buttons["construction"].text() == "Construction && renovation"


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_job_with_every_fact_fits_its_detail_in_large_text(
        qtbot: QtBot, services: Services, make_terminal: Factory, size: tuple[int, int],
        language: str) -> None:
    """The longest detail a post can have (every fact, a long description) keeps the
    window its size and the 我想干 button on screen, in both languages and large text."""
    employer = ok(services.register_employer(employer_draft(display_name="鲁通物流")))
    job = ok(services.post_job(job_draft(
        employer.id, trade="L04", title="冷库叉车装卸", skill_level="master",
        skills_note="会开平衡重式和前移式叉车，熟悉冷库作业规范",
        description="冷库出入库装卸" * 140,
        employment_type="seasonal", days="60", hours_per_day="10",
        meeting_point="槐荫区腊山河西路物流园北门保安亭", meeting_time="07:30", start_time="08:00",
        meals=True, lodging=True, tools_provided=True, insurance=True)))
    window = make_terminal(size)
    if window.session.t.language != language:
        window.toggle_language()
    window.set_large_text(True)
    window.show_screen("jobs")
    screen = window.page("jobs")
    assert isinstance(screen, JobsScreen) and screen.open_job_id(job.id)
    QApplication.processEvents()
    assert window.size().toTuple() == size
    assert screen.detail_licence.isVisible() and screen.want_button.isVisible()
    bottom = screen.want_button.mapTo(window, screen.want_button.rect().bottomLeft()).y()
    assert bottom <= window.height()
    shots = Path("/tmp/shots-jobs")
    shots.mkdir(exist_ok=True)
    grab(window, shots / f"terminal-detail-large-{language}-{size[0]}x{size[1]}.png")
