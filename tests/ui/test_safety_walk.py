"""The safety and insurance walk across roles with real widgets on a real store: a worker
finds a 高处 job by taps, reads its briefing (pictograms, text, voice) and taps 我已知晓
before the request goes to the counter; reads the accident-insurance page with its voice
and asks for help enrolling; staff see both in the worker's record and close the request;
a referral at the counter prints the briefing on the slip (ESC/POS decoded back) and staff
tick that the worker read it. Screens are saved in both languages and in large text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtMultimedia
from pytestqt.qtbot import QtBot

from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import Ok
from kiosk.core.records import AckVia, HelpStatus, ReferralOrigin
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from kiosk.ui import voice
from kiosk.ui.counter.desk_page import DeskPage
from kiosk.ui.terminal.base import INFO, INSURANCE, JOBS
from kiosk.ui.terminal.briefing import INTRO
from kiosk.ui.terminal.info import InfoScreen
from kiosk.ui.terminal.insurance import InsuranceScreen
from kiosk.ui.terminal.jobs import BRIEFING, WANTED, JobsScreen
from kiosk.ui.terminal.window import TerminalWindow
from kiosk.ui.voice import BRIEFING_PROMPTS, INSURANCE_PROMPTS, prompt_path
from printers.escpos_bytes import escpos_bytes
from printers.raster import DOTS_58MM, render_image
from printers.tickets import Heading
from tests.conftest import employer_draft, id_number, job_draft, worker_draft
from tests.printers import hall, parse_escpos
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory as CounterFactory
from tests.ui.counter.conftest import make_counter, staff  # noqa: F401 - fixtures
from tests.ui.test_terminal import tap, type_id
from tests.ui.test_voice import FakeEffect

SHOTS = Path("/tmp/shots-safety")
TerminalFactory = Callable[..., TerminalWindow]


@pytest.fixture
def fake_audio(monkeypatch: pytest.MonkeyPatch) -> list[FakeEffect]:
    """A speaker as far as the voice player can tell, with effects that make no sound."""
    FakeEffect.made = []
    monkeypatch.setattr(voice, "audio_output_available", lambda: True)
    monkeypatch.setattr(QtMultimedia, "QSoundEffect", FakeEffect)
    return FakeEffect.made


def ok(result: Any) -> Any:
    assert isinstance(result, Ok), result
    return result.value


def post(services: Services, title: str, **changes: Any) -> Any:
    employer = ok(services.register_employer(employer_draft()))
    values: dict[str, Any] = {"title": title, "hazards": ["height"],
                              "protective_gear": ["helmet", "harness"],
                              "insurance_kind": "daily_accident"}
    values.update(changes)
    return ok(services.post_job(job_draft(employer.id, **values)))


def played(effects: list[FakeEffect]) -> list[str]:
    """The files the player was asked to play, by name."""
    return [Path(e.source.toLocalFile()).name for e in effects if e.plays]


def clip(msgid: str) -> str:
    path = prompt_path(msgid, "zh_CN")
    assert path is not None
    return path.name


def test_briefing_acknowledged_insurance_help_asked_and_staff_see_both(
        qtbot: QtBot, services: Services, store: Store, *, make_terminal: TerminalFactory,
        make_counter: CounterFactory,  # noqa: F811
        fake_audio: list[FakeEffect]) -> None:
    SHOTS.mkdir(exist_ok=True)
    job = post(services, "外墙脚手架搭设")
    worker = ok(services.register_worker(worker_draft()))
    window = make_terminal()
    qtbot.waitUntil(lambda: window.built, timeout=10_000)  # the voice comes after home
    assert window.voice is not None and window.voice.available and window.voice.enabled

    tap(qtbot, window.page("home").buttons["jobs"])  # type: ignore[attr-defined]
    screen = window.page(JOBS)
    assert isinstance(screen, JobsScreen)
    tap(qtbot, screen.job_buttons[0])
    assert "危险作业：高处作业" in screen.detail_text()
    assert "须佩戴：安全帽、安全带" in screen.detail_text()
    assert "保险：单日意外险" in screen.detail_text()
    assert screen.detail_hazards.isVisible()
    grab(window, SHOTS / "detail-zh.png")
    tap(qtbot, screen.want_button)
    fake_audio.clear()
    type_id(qtbot, screen.want.keypad.keys, id_number())
    assert screen.pages.currentIndex() == BRIEFING
    assert store.referrals.count() == 0  # nothing goes to the counter before 我已知晓
    text = screen.briefing.text()
    assert "高处作业安全须知" in text and "高挂低用" in text and "GB/T 3608" in text
    assert window.voice.current is not None
    assert window.voice.current[0] == f"{INTRO} {BRIEFING_PROMPTS[job.hazards[0]]}"
    assert played(fake_audio)[:1] == [clip(INTRO)]
    grab(window, SHOTS / "briefing-zh.png")
    tap(qtbot, screen.briefing.ack)
    assert screen.pages.currentIndex() == WANTED
    ack, = store.safety_acks.where()
    assert (ack.worker_id, ack.job_id, ack.via) == (worker.id, job.id, AckVia.TOUCHSCREEN)
    referral, = store.referrals.where()
    assert referral.origin is ReferralOrigin.TOUCHSCREEN
    assert screen.wanted_number.text() == str(referral.queue_no)

    window.show_screen("home")
    tap(qtbot, window.page("home").buttons[INFO])  # type: ignore[attr-defined]
    info = window.page(INFO)
    assert isinstance(info, InfoScreen)
    fake_audio.clear()
    tap(qtbot, info.insurance)
    insurance = window.page(INSURANCE)
    assert isinstance(insurance, InsuranceScreen) and insurance.isVisible()
    assert insurance.title.text() == "灵活就业意外伤害保险"
    assert "谁可以参加" in insurance.body.text() and "补贴" in insurance.body.text()
    assert window.voice.current is not None
    assert window.voice.current[0] == " ".join(INSURANCE_PROMPTS)
    assert played(fake_audio)[:1] == [clip(INSURANCE_PROMPTS[0])]
    grab(window, SHOTS / "insurance-zh.png")
    tap(qtbot, insurance.help)
    type_id(qtbot, insurance.entry.keypad.keys, id_number())
    assert insurance.done_title.text() == "已记下。工作人员会联系您办理参保。"
    request, = store.help_requests.where()
    assert (request.worker_id, request.status) == (worker.id, HelpStatus.OPEN)

    counter = make_counter()
    counter.show_page("desk")
    desk = counter.current_page()
    assert isinstance(desk, DeskPage)
    assert desk.help_button.text() == "意外险求助（1）"
    desk.help_button.click()
    assert desk.results.rowCount() == 1
    desk.results.selectRow(0)
    summary = desk.safety_box.summary.text()
    assert "已阅读安全须知" in summary and "触摸屏" in summary and "外墙脚手架搭设" in summary
    assert "意外险办理求助" in summary and "待跟进" in summary
    grab(counter, SHOTS / "counter-desk-zh.png")
    desk.safety_box.done_button.click()
    closed = store.help_requests.get(request.id)
    assert closed is not None and (closed.status, closed.staff_id) == (HelpStatus.DONE, "S001")
    assert "已办结" in desk.safety_box.summary.text()
    assert not desk.help_button.isVisible()  # nothing left to follow up


def test_a_counter_referral_prints_the_briefing_and_staff_tick_it(
        qtbot: QtBot, services: Services, store: Store, catalogue: Catalogue,
        make_counter: CounterFactory) -> None:  # noqa: F811
    job = post(services, "厂房屋顶防水", hazards=["height", "heat"])
    worker = ok(services.register_worker(worker_draft()))
    counter = make_counter()
    counter.show_page("desk")
    desk = counter.current_page()
    assert isinstance(desk, DeskPage)
    desk.show_worker(worker.id)
    assert not desk.safety_box.ack_button.isVisible()
    assert desk.fit.select_id(job.id)
    desk.refer_button.click()
    assert "单上有安全须知" in desk.message.text()
    assert desk.safety_box.ack_button.isVisible()
    assert "尚未确认阅读：厂房屋顶防水（高处作业、高温作业）" in desk.safety_box.summary.text()

    printed, = [p for p in store.print_queue.queued() if p.kind is PrintKind.REFERRAL]
    source = TicketSource(store, catalogue, hall())
    ticket = source.ticket(PrintKind.REFERRAL, printed.ref_id, services.now())
    assert Heading("请向工作人员确认已阅读") in ticket.blocks
    texts = "".join(ticket.texts())
    assert "高处作业安全须知" in texts and "高温作业安全须知" in texts and "安全带" in texts
    paper = parse_escpos(escpos_bytes(render_image(ticket, DOTS_58MM), DOTS_58MM)).image()
    assert _ink(paper) == _ink(render_image(ticket, DOTS_58MM))
    plain = source.ticket(PrintKind.REFERRAL, printed.ref_id, services.now())
    assert plain == ticket

    desk.safety_box.ack_button.click()
    ack, = store.safety_acks.where()
    assert (ack.via, ack.staff_id, ack.job_id) == (AckVia.COUNTER, "S001", job.id)
    assert not desk.safety_box.ack_button.isVisible()
    reprinted = source.ticket(PrintKind.REFERRAL, printed.ref_id, services.now())
    assert Heading("已确认阅读安全须知") in reprinted.blocks
    assert _ink(render_image(reprinted, DOTS_58MM)) != _ink(paper)


def test_a_stop_work_notice_warns_staff_before_a_referral(
        services: Services, store: Store,
        make_counter: CounterFactory) -> None:  # noqa: F811
    from tests.services.test_safety import keep_stop_work

    job = post(services, "高空广告牌安装")
    worker = ok(services.register_worker(worker_draft()))
    now = services.clock.now()
    keep_stop_work(store, [{
        "id": "gale", "title_zh": "大风黄色预警", "title_en": "Yellow gale warning",
        "text_zh": "停止高处作业", "text_en": "Stop work at height",
        "starts_at": now.isoformat(), "ends_at": now.replace(hour=23).isoformat(),
        "hazards": ["height"]}])
    counter = make_counter()
    counter.show_page("desk")
    desk = counter.current_page()
    assert isinstance(desk, DeskPage)
    desk.show_worker(worker.id)
    assert desk.fit.select_id(job.id)
    desk.refer_button.click()
    assert desk.message.text().startswith("此岗位正处于停工通知期间：大风黄色预警：停止高处作业")
    assert store.referrals.count() == 0
    desk.refer_button.click()  # staff refer anyway (the work may start after it ends)
    assert store.referrals.count() == 1


def _ink(image: Any) -> bytes:
    return bytes(image.convert("1").tobytes()).rstrip(b"\xff")


def test_accepting_a_touchscreen_request_for_a_stopped_job_warns_first(
        services: Services, store: Store,
        make_counter: CounterFactory) -> None:  # noqa: F811
    from kiosk.core.records import ReferralStatus
    from kiosk.ui.counter.dispatch_page import DispatchPage
    from tests.services.test_safety import keep_stop_work

    job = post(services, "屋面防水", hazards=["heat"])
    worker = ok(services.register_worker(worker_draft()))
    asked = ok(services.refer(job.id, worker.id, ReferralOrigin.TOUCHSCREEN))
    now = services.clock.now()
    keep_stop_work(store, [{
        "id": "heat-red", "title_zh": "高温红色预警", "title_en": "Red heat warning",
        "text_zh": "12:00–15:00 停止户外露天作业", "text_en": "No outdoor work 12:00-15:00",
        "starts_at": now.isoformat(), "ends_at": now.replace(hour=23).isoformat(),
        "hazards": ["heat"]}])
    counter = make_counter()
    page = counter.show_page("dispatch")
    assert isinstance(page, DispatchPage)
    assert page.requests.select_id(asked.id)
    page.accept_request()
    assert "高温红色预警" in page.message.text()
    stored = store.referrals.get(asked.id)
    assert stored is not None and stored.status is ReferralStatus.REQUESTED
    page.accept_request()
    stored = store.referrals.get(asked.id)
    assert stored is not None and stored.status is ReferralStatus.REFERRED
