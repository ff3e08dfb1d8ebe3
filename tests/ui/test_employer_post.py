"""我要招工 on the touchscreen by taps, against a real SQLite store: a returning employer's
post in at most 30 taps, a new company with its credit code, and words the discrimination
check stops; each post waits for the counter, with a receipt in the print queue."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytestqt.qtbot import QtBot

from kiosk.core.errors import Err, Ok
from kiosk.core.records import EmployerRole
from kiosk.core.scan import public_key_text
from kiosk.core.scan_post import sign_employer_post
from kiosk.core.self_posts import SelfPostSource
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from kiosk.system.config import ScanSettings, default_config
from kiosk.ui.terminal.employer_post import (
    DONE,
    FOUND,
    NAME,
    NEEDS,
    NOTE,
    PHONE,
    REVIEW,
    TRADE,
    USCC,
    WHO,
    EmployerPostScreen,
)
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import FixedClock, employer_draft, id_number
from tests.ui.conftest import grab
from tests.ui.test_register import Taps

EMPLOYER_PHONE = "13905317788"
USCC_OK = "91350100M000100Y43"
USCC_BAD = "91350100M000100Y44"  # one check character off
LICENCE = "鲁济劳派许字〔2019〕第0123号"
BRING_LICENCE = "请带许可证到服务台办理审核"
SHOTS = Path("/tmp/shots-employer")


@pytest.fixture
def window(make_terminal: Callable[..., TerminalWindow]) -> TerminalWindow:
    return make_terminal(printing=True)


def screen_of(window: TerminalWindow) -> EmployerPostScreen:
    screen = window.page("employer")
    assert isinstance(screen, EmployerPostScreen)
    return screen


def pick(keypad_owner: object, tap: Taps, letters: str, char: str) -> None:
    """Type `letters` on a pinyin keypad and tap `char` among the candidates."""
    keypad = keypad_owner
    tap.keys(keypad.keys, letters)  # type: ignore[attr-defined]
    buttons = keypad.candidate_buttons  # type: ignore[attr-defined]
    for _ in range(6):
        texts = [b.text() for b in buttons]
        if char in texts:
            tap(buttons[texts.index(char)])
            return
        tap(keypad.more)  # type: ignore[attr-defined]
    raise AssertionError((letters, char))


def the_job_by_taps(screen: EmployerPostScreen, tap: Taps) -> None:
    """From the trade to the review: the taps every post takes."""
    assert screen.step == TRADE
    tap(screen.trade_tiles.buttons["C01"])  # moves on by itself
    tap(screen.count_tiles.buttons["3"])  # likewise
    tap(screen.time_tiles.buttons["07:00"])  # the day is today unless tapped
    tap(screen.start_next)
    tap(screen.duration_tiles.buttons["3"])
    tap(screen.amount_tiles.buttons["250"])  # per day, paid daily unless tapped
    tap(screen.pay_next)
    tap(screen.area_tiles.buttons["槐荫区"])  # meeting at this hall unless tapped
    tap(screen.place_next)
    tap(screen.needs_next)
    tap(screen.provided_tiles.buttons["meals"])
    tap(screen.provided_next)
    assert screen.step == REVIEW


def test_a_returning_employer_posts_in_at_most_30_taps(
        qtbot: QtBot, window: TerminalWindow, services: Services, store: Store) -> None:
    known = services.register_employer(employer_draft(  # registered with the ID at the counter
        phone=EMPLOYER_PHONE, name="王建军", role="gang_master",
        id_number=id_number(date(1970, 2, 3), seq=415)))
    assert isinstance(known, Ok), known
    tap = Taps(qtbot)
    tap(window.page("home").buttons["employer"])  # type: ignore[attr-defined]
    screen = screen_of(window)
    assert screen.step == PHONE
    tap.keys(screen.phone_keypad.keys, EMPLOYER_PHONE)  # the 11th digit moves on
    assert screen.step == FOUND
    assert "王*军" in screen.found_text.text() and "揽头" in screen.found_text.text()
    tap(screen.found_yes)
    the_job_by_taps(screen, tap)
    review = " ".join(v.text() for v in screen.review_values.values())
    assert "139****7788" in review and EMPLOYER_PHONE not in review
    assert "身份证" not in screen.review_hint.text()  # on record with the ID
    assert "招瓦工3名" in review and "¥250" in review
    assert store.conn.execute("SELECT COUNT(*) FROM self_posts").fetchone() == (0,)
    tap(screen.submit)
    assert tap.count == 26  # measured, home 我要招工 → 提交审核 (the goal: at most 30)
    assert screen.step == DONE
    (post,) = services.pending_self_posts()
    assert post.employer_id == known.value.id and post.source is SelfPostSource.TOUCH
    assert post.reference in screen.done_reference.text()
    assert not screen.done_bring.isVisible()  # on record with the ID: nothing to bring
    assert "08:30" in screen.done_hours.text()  # 08:00 in the hall: the counter opens 08:30
    assert store.jobs.count() == 0 and services.open_jobs() == []
    job = post.job
    assert (job.trade, job.headcount, job.start_time, job.days, job.pay_amount) == (
        "C01", 3, "07:00", "3", "250")
    assert (job.area, job.meals, job.meeting_point) == (
        "槐荫区", True, default_config("T01").hall.name)
    (printing,) = store.print_queue.queued()
    assert (printing.kind, printing.ref_id) == (PrintKind.SELF_POST, post.id)
    config = default_config("T01")
    ticket = TicketSource(store, services.catalogue, config.hall).ticket(
        PrintKind.SELF_POST, post.id, datetime(2026, 11, 23, 0, 1, tzinfo=UTC))
    texts = " ".join(ticket.texts())
    assert post.reference in texts and "139****7788" in texts and EMPLOYER_PHONE not in texts
    assert "08:30" in texts and "2026-11-23" in texts
    assert "身份证" not in texts and "许可证" not in texts


def test_a_new_company_with_its_credit_code(qtbot: QtBot, window: TerminalWindow,
                                            services: Services, clock: FixedClock) -> None:
    clock.moment = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00: the counter is open
    tap = Taps(qtbot)
    tap(window.page("home").buttons["employer"])  # type: ignore[attr-defined]
    screen = screen_of(window)
    tap.keys(screen.phone_keypad.keys, "13605310042")
    assert screen.step == WHO
    tap(screen.kind_tiles.buttons["company"])
    tap(screen.role_tiles.buttons["dispatch"])
    tap(screen.who_next)
    assert screen.step == USCC
    tap.keys(screen.uscc_keypad.keys, USCC_BAD)
    assert screen.step == USCC and screen.message.isVisible()
    assert "统一社会信用代码" in screen.message.text()
    tap(screen.uscc_keypad.keys["⌫"])
    tap(screen.uscc_keypad.keys["3"])
    assert screen.step == NAME
    for letters, char in (("l", "鲁"), ("b", "班")):
        pick(screen.name_keypad, tap, letters, char)
    tap(screen.name_next)
    the_job_by_taps(screen, tap)
    assert BRING_LICENCE in screen.review_hint.text()  # before they send it
    tap(screen.submit)
    assert screen.step == DONE
    assert "现在开放" in screen.done_hours.text() or "open now" in screen.done_hours.text()
    assert screen.done_bring.isVisible() and BRING_LICENCE in screen.done_bring.text()
    (post,) = services.pending_self_posts()
    assert post.employer is not None
    assert (post.employer.kind, post.employer.uscc, post.employer.name,
            post.employer.role) == ("company", USCC_OK, "鲁班", "dispatch")
    ticket = TicketSource(services.store, services.catalogue, default_config("T01").hall
                          ).ticket(PrintKind.SELF_POST, post.id, services.now())
    assert BRING_LICENCE in " ".join(ticket.texts())  # the receipt says it too
    staff = services.as_staff("S001")
    plain = staff.approve_self_post(post.id)  # the licence is shown at the counter first
    assert isinstance(plain, Err) and plain.errors[0].field == "licence_no"
    approved = staff.approve_self_post(post.id, licence_no=LICENCE)
    assert isinstance(approved, Ok), approved
    employer = services.store.employers.get(approved.value.employer_id)
    assert employer is not None and employer.role is EmployerRole.DISPATCH
    assert employer.licence_no == LICENCE


def test_the_check_stops_discriminatory_words_as_they_tap(
        qtbot: QtBot, window: TerminalWindow, services: Services, store: Store) -> None:
    services.register_employer(employer_draft(phone=EMPLOYER_PHONE))
    tap = Taps(qtbot)
    tap(window.page("home").buttons["employer"])  # type: ignore[attr-defined]
    screen = screen_of(window)
    tap.keys(screen.phone_keypad.keys, EMPLOYER_PHONE)
    tap(screen.found_yes)
    the_job_by_taps(screen, tap)
    tap(screen.review_edits[NEEDS])
    tap(screen.note_button)
    assert screen.step == NOTE
    for letters, char in (("zhi", "只"), ("yao", "要"), ("nan", "男")):
        pick(screen.note_keypad, tap, letters, char)
    assert screen.note_keypad.name == "只要男"
    explained = screen.note_check.text()
    assert "性别" in explained and "→" in explained  # what it limits, and what to write instead
    assert not screen.note_done.isEnabled()
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "terminal-employer-check-zh.png")
    tap(screen.header.back)  # leave it as it is: the review says the same and stops it
    tap(screen.needs_next)
    tap(screen.provided_next)
    assert screen.step == REVIEW
    assert not screen.submit.isEnabled() and "性别" in screen.review_check.text()
    screen.submit_post()  # even forced, the service refuses it
    assert store.conn.execute("SELECT COUNT(*) FROM self_posts").fetchone() == (0,)
    assert store.print_queue.queued() == []
    assert screen.step == REVIEW


CITY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
DRAFT_EMPLOYER = {"kind": "company", "name": "鲁班建筑劳务有限公司", "phone": "13605310042",
                  "uscc": USCC_OK, "role": "dispatch"}
DRAFT_JOB = {"trade": "L01", "title": "物流园装卸", "place": "槐荫区物流园北门",
             "area": "槐荫区", "start_date": date(2026, 11, 24), "start_time": "06:00",
             "days": "2", "headcount": 4, "pay_amount": "260", "pay_unit": "day",
             "settlement": "daily", "lodging": True}


@pytest.fixture
def city_window(qtbot: QtBot, services: Services) -> Iterator[TerminalWindow]:
    """A touchscreen that knows the city's key (it reads signed phone drafts)."""
    config = replace(default_config("T01"),
                     scan=ScanSettings(city_public_keys=(public_key_text(CITY),)))
    window = TerminalWindow(services, config, printing=True)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()


def test_a_scanned_signed_draft_fills_the_post_to_check_and_send(
        qtbot: QtBot, city_window: TerminalWindow, services: Services, store: Store) -> None:
    text = sign_employer_post(DRAFT_EMPLOYER, DRAFT_JOB, CITY,
                              services.now() - timedelta(minutes=20))
    city_window.on_scan(text)  # what the scanner (or the camera) hands the window
    screen = screen_of(city_window)
    assert city_window.current == "employer" and screen.step == REVIEW
    review = " ".join(v.text() for v in screen.review_values.values())
    assert "物流园装卸" in review and "136****0042" in review and "13605310042" not in review
    assert "劳务派遣" in review and "¥260" in review
    SHOTS.mkdir(exist_ok=True)
    grab(city_window, SHOTS / "terminal-employer-scanned-zh.png")
    assert BRING_LICENCE in screen.review_hint.text()  # the draft carries no licence
    tap = Taps(qtbot)
    tap(screen.submit)  # one tap: the employer checked it
    assert screen.step == DONE
    assert BRING_LICENCE in screen.done_bring.text()
    (post,) = services.pending_self_posts()
    assert post.source is SelfPostSource.SCAN and post.employer is not None
    assert (post.job.title, post.job.headcount, post.job.lodging) == ("物流园装卸", 4, True)
    approved = services.as_staff("S001").approve_self_post(post.id, licence_no=LICENCE)
    assert isinstance(approved, Ok) and approved.value.start_date == date(2026, 11, 24)


def test_a_scanned_draft_of_a_returning_employer_asks_them_to_confirm(
        qtbot: QtBot, city_window: TerminalWindow, services: Services) -> None:
    known = services.register_employer(employer_draft(phone="13605310042", name="鲁班"))
    assert isinstance(known, Ok)
    city_window.on_scan(sign_employer_post(DRAFT_EMPLOYER, DRAFT_JOB, CITY, services.now()))
    screen = screen_of(city_window)
    assert screen.step == FOUND
    Taps(qtbot)(screen.found_yes)
    assert screen.step == REVIEW
    screen.submit_post()
    (post,) = services.pending_self_posts()
    assert post.employer_id == known.value.id and post.employer is None


@pytest.mark.parametrize(("make", "words"), [
    (lambda t: t[:-4] + ("AAAA" if not t.endswith("AAAA") else "BBBB"), "签名无效"),
    (lambda t: sign_employer_post(DRAFT_EMPLOYER, DRAFT_JOB, CITY,
                                  datetime(2026, 11, 21, tzinfo=UTC)), "已过期"),
    (lambda t: "LGE1:bm90IGEgZHJhZnQ", "没有签名"),
])
def test_tampered_expired_or_garbage_drafts_are_explained_and_store_nothing(
        city_window: TerminalWindow, services: Services, store: Store,
        make: Callable[[str], str], words: str) -> None:
    good = sign_employer_post(DRAFT_EMPLOYER, DRAFT_JOB, CITY, services.now())
    city_window.on_scan(make(good))
    assert city_window.current == "home"
    assert words in city_window.page("home").notice.text()  # type: ignore[attr-defined]
    assert store.conn.execute("SELECT COUNT(*) FROM self_posts").fetchone() == (0,)


def test_a_scanned_draft_with_discriminatory_words_is_stopped_at_the_review(
        qtbot: QtBot, city_window: TerminalWindow, services: Services, store: Store) -> None:
    city_window.on_scan(sign_employer_post(
        DRAFT_EMPLOYER, {**DRAFT_JOB, "skills_note": "限男性，35岁以下"}, CITY, services.now()))
    screen = screen_of(city_window)
    assert screen.step == REVIEW and not screen.submit.isEnabled()
    text = screen.review_check.text()
    assert "性别" in text and "年龄" in text and "→" in text
    screen.submit_post()
    assert store.conn.execute("SELECT COUNT(*) FROM self_posts").fetchone() == (0,)
