"""A job with every fact, walked across roles and halls on a real hub (PostgreSQL and
SQLite): hall A's clerk posts a forklift job at the counter; a worker at hall B reads the
facts on the touchscreen; hall B's board card shows the licence; hall B's referral slip,
printed as ESC/POS at 58 and 80 mm and decoded back, and as PDF, names the licence and the
meeting point and time. Hall A's clerk cancels it, and after syncing it is gone from hall
B's board and touchscreen. Screens are saved under /tmp/shots-jobs for review."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import Ok, Result
from kiosk.core.records import JobPost, JobStatus, SkillLevel
from kiosk.core.staff import StaffRole
from kiosk.services.printing import TicketSource
from kiosk.services.staff import StaffAccounts
from kiosk.store.print_queue import PrintKind
from kiosk.system.config import Config, default_config
from kiosk.system.printer_profile import PrinterProfile
from kiosk.ui.board.card import render_card
from kiosk.ui.board.window import BoardWindow
from kiosk.ui.counter.jobs_page import JobsPage
from kiosk.ui.counter.post_page import PostPage
from kiosk.ui.counter.window import CounterWindow
from kiosk.ui.fonts import install_cjk_font
from kiosk.ui.terminal.jobs import DETAIL, JobsScreen
from kiosk.ui.terminal.window import TerminalWindow
from printers.pdf import render_pdf
from printers.raster import render_image
from printers.tickets import Heading, Ticket
from printers.transports import FileTransport
from tests.conftest import FixedClock, id_number, worker_draft
from tests.printers import parse_escpos, read_qr
from tests.sync.conftest import Hub, Terminal
from tests.ui.conftest import grab
from tests.ui.counter.fit import clipped_texts, unreachable_buttons

V = TypeVar("V")
SHOTS = Path("/tmp/shots-jobs")
CLERK, PIN = "S001", "258036"
MEETING = "腊山河西路物流园北门"


def ok(result: Result[V]) -> V:
    assert isinstance(result, Ok), result
    return result.value


class Shutdown(Protocol):
    def shutdown(self) -> None: ...


def counter(qtbot: QtBot, terminal: Terminal) -> CounterWindow:
    accounts = StaffAccounts(terminal.services)
    ok(accounts.add(CLERK, "王芳", StaffRole.CLERK, PIN))
    window = CounterWindow(terminal.services, default_config("T01"), idle_minutes=10)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.login.staff_id.setText(CLERK)
    window.login.pin.setText(PIN)
    window.login.submit.click()
    assert window.signed_in is not None
    return window


def post_forklift_job(window: CounterWindow) -> None:
    """What the clerk types and ticks on 招工登记 (Chinese set as text: see DESIGN.md)."""
    page = window.show_page("post")
    assert isinstance(page, PostPage)
    texts = {"name": "李先生", "phone": "13905317788", "display_name": "鲁通物流",
             "title": "冷库叉车装卸", "place": "槐荫区腊山河西路物流园", "pay_amount": "320",
             "start_time": "08:00", "days": "20", "meeting_point": MEETING,
             "meeting_time": "07:30", "hours_per_day": "9", "skills_note": "会开平衡重式叉车"}
    for name, text in texts.items():
        field = page.fields[name]
        assert isinstance(field, QLineEdit)
        field.setText(text)
    page.kind.setCurrentIndex(page.kind.findData("individual"))
    page.trade.setCurrentIndex(page.trade.findData("L04"))  # 叉车工: its licence is ticked
    assert "forklift" in page._certificates()
    page.employment_type.setCurrentIndex(page.employment_type.findData("seasonal"))
    page.skill_level.setCurrentIndex(page.skill_level.findData("skilled"))
    page.description.setPlainText("冷库出入库装卸与托盘上架")
    page.headcount.setValue(2)
    for box in page.provided.values():
        box.setChecked(True)
    grab(window, SHOTS / "walk-counter-post-form.png")
    assert unreachable_buttons(window) + clipped_texts(window) == []  # filled, it still fits
    assert page.save(), page.message.text()


def the_job(terminal: Terminal) -> JobPost:
    (job,) = list(terminal.store.jobs.where())
    return job


def sync(hub: Hub, *terminals: Terminal) -> None:
    for terminal in terminals:
        report = terminal.agent(hub.client).sync_once()
        assert report.ok, report.errors


def touchscreen(qtbot: QtBot, terminal: Terminal, job_id: str) -> tuple[
        TerminalWindow, JobsScreen]:
    window = TerminalWindow(terminal.services, default_config("T01"), printing=True)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.show_screen("jobs")
    screen = window.page("jobs")
    assert isinstance(screen, JobsScreen)
    assert screen.open_job_id(job_id)
    return window, screen


def board(qtbot: QtBot, terminal: Terminal, catalogue: Catalogue, clock: FixedClock,
          language: str = "zh_CN") -> BoardWindow:
    base = default_config("T01")
    config = Config(**{**{n: getattr(base, n) for n in Config.__dataclass_fields__},
                       "language": language})
    window = BoardWindow(config, catalogue, terminal.store.path, clock,
                         store=terminal.store, poll_ms=100, animate=False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown_ids(window: BoardWindow) -> list[str]:
    return [c.card.job_id for c in window.paged.cards[:window.paged.per_page]
            if c.card is not None]


@dataclass
class Halls:
    hub: Hub
    a: Terminal
    b: Terminal
    catalogue: Catalogue
    clock: FixedClock


@pytest.fixture
def halls(hub: Hub, hall_a: Terminal, hall_b: Terminal, catalogue: Catalogue,
          clock: FixedClock) -> Halls:
    return Halls(hub, hall_a, hall_b, catalogue, clock)


def test_a_forklift_job_from_counter_to_touchscreen_board_and_slip_then_cancelled(
        qtbot: QtBot, halls: Halls, tmp_path: Path, windows: list[Shutdown]) -> None:
    hub, hall_a, hall_b = halls.hub, halls.a, halls.b
    catalogue, clock = halls.catalogue, halls.clock
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk_a = counter(qtbot, hall_a)
    windows.append(desk_a)
    post_forklift_job(desk_a)
    job = the_job(hall_a)
    assert job.certificates == ("forklift",) and job.skill_level is SkillLevel.SKILLED
    assert (job.meeting_point, job.meeting_time) == (MEETING, "07:30")
    assert job.meals and job.lodging and job.tools_provided and job.insurance
    sync(hub, hall_a, hall_b)
    assert the_job(hall_b) == job  # the city's copy at hall B, every fact with it

    # A worker at hall B reads the facts on the touchscreen, in both languages and large.
    window, screen = touchscreen(qtbot, hall_b, job.id)
    windows.append(window)
    assert screen.pages.currentIndex() == DETAIL
    assert screen.detail_licence.isVisible()
    assert screen.detail_licence.text() == "须持叉车证上岗"
    body = screen.detail_text()
    for line in ("技能等级：大工", "技能要求：会开平衡重式叉车",
                 "工作内容：冷库出入库装卸与托盘上架", "用工方式：季节工",
                 f"集合：今天 07:30 {MEETING}", "雇主提供：包吃、包住、工具、保险"):
        assert line in body.split("\n"), (line, body)
    assert "至12月12日（共20天）" in body and "每天9小时" in body
    grab(window, SHOTS / "walk-terminal-detail-zh.png")
    window.toggle_language()
    assert screen.detail_licence.text() == "Licence required: Forklift licence"
    assert "Meet at: Today 07:30 " + MEETING in screen.detail_text().split("\n")
    grab(window, SHOTS / "walk-terminal-detail-en.png")
    window.toggle_language()
    window.set_large_text(True)
    QApplication.processEvents()
    assert window.size().toTuple() == (1920, 1080)  # the facts fit: the window never grows
    assert screen.want_button.isVisible()
    assert screen.want_button.geometry().bottom() <= screen.height()
    grab(window, SHOTS / "walk-terminal-detail-zh-large.png")

    # Hall B's board: the card names the licence and the facts.
    wall = board(qtbot, hall_b, catalogue, clock)
    windows.append(wall)
    assert shown_ids(wall) == [job.id]
    card = wall.paged.cards[0].card
    assert card is not None and card.licence == "叉车证"
    assert card.facts == "大工 · 包吃住、工具、保险 · 每天9小时 · 至12月12日"
    grab(wall, SHOTS / "walk-board-zh.png")
    painter = wall.paged._painter
    render_card(painter, card, QSize(940, 270)).save(str(SHOTS / "walk-board-card-zh.png"))
    wall_en = board(qtbot, hall_b, catalogue, clock, "en")
    windows.append(wall_en)
    card_en = wall_en.paged.cards[0].card
    assert card_en is not None and card_en.licence == "Forklift licence"
    grab(wall_en, SHOTS / "walk-board-en.png")

    # Hall B's clerk refers a worker: the slip, printed and decoded back.
    worker = ok(hall_b.services.register_worker(worker_draft(id_number=id_number(seq=77))))
    referral = ok(hall_b.services.refer(job.id, worker.id, print_ticket=True))
    source = TicketSource(hall_b.store, catalogue, default_config("T01").hall)
    slip = source.ticket(PrintKind.REFERRAL, referral.id, clock.now())
    assert slip.blocks[3] == Heading("须持叉车证上岗")  # before anything else about the job
    texts = slip.texts()
    assert f"11月23日 07:30 {MEETING}" in texts and "集合" in texts
    assert "雇主提供" in texts and "包吃、包住、工具、保险" in texts
    for width in (384, 576):
        print_and_read_back(slip, width, tmp_path, referral.id)
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(render_pdf(slip, 80))
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf),
                    str(SHOTS / "walk-slip-80mm-pdf")], check=True)

    # Hall A's clerk edits it (岗位管理 → 招工登记): hall B's board shows the new title.
    jobs_page = desk_a.show_page("jobs")
    assert isinstance(jobs_page, JobsPage)
    assert jobs_page.jobs.select_id(job.id)
    jobs_page.edit_button.click()
    form = desk_a.current_page()
    assert isinstance(form, PostPage) and form.editing is not None
    form._line("title").setText("冷库叉车装卸 夜班")
    assert form.save(), form.message.text()
    sync(hub, hall_a, hall_b)
    qtbot.waitUntil(lambda: _first_title(wall) == "冷库叉车装卸 夜班", timeout=5000)

    # Hall A's clerk cancels it on 岗位管理; after syncing hall B's board drops it.
    jobs_page = desk_a.show_page("jobs")
    assert isinstance(jobs_page, JobsPage)
    assert jobs_page.jobs.select_id(job.id)
    assert jobs_page.cancel_button.isEnabled()
    jobs_page.reason.setText("雇主改期")
    jobs_page.cancel_button.click()
    assert hall_a.store.jobs.get(job.id).status is JobStatus.CLOSED  # type: ignore[union-attr]
    grab(desk_a, SHOTS / "walk-counter-jobs-cancelled.png")
    assert err_codes(hall_b.services.reopen_job(job.id)) == {"not_owner"}
    sync(hub, hall_a, hall_b)
    cancelled = hall_b.store.jobs.get(job.id)
    assert cancelled is not None and cancelled.status is JobStatus.CLOSED
    assert cancelled.close_reason == "雇主改期"
    qtbot.waitUntil(lambda: shown_ids(wall) == [], timeout=5000)
    assert hall_b.services.open_job_listing(job.id) is None


def _first_title(window: BoardWindow) -> str:
    card = window.paged.cards[0].card
    return "" if card is None else card.title


def err_codes(result: Result[V]) -> set[str]:
    assert not isinstance(result, Ok), result
    return {e.code for e in result.errors}


def print_and_read_back(slip: Ticket, width: int, tmp_path: Path, referral_id: str) -> None:
    profile = PrinterProfile("ticket", FileTransport(tmp_path / "out"), width)
    data, suffix = profile.render(slip)
    profile.transport.send(data, suffix, f"slip-{width}")
    printed = parse_escpos((tmp_path / "out" / f"slip-{width}.bin").read_bytes()).image()
    drawn = render_image(slip, width)
    assert ImageChops.difference(printed.convert("L"), drawn.convert("L")).getbbox() is None
    without = Ticket(slip.kind, tuple(b for b in slip.blocks if b != slip.blocks[3]))
    assert printed.size != render_image(without, width).size  # the licence line is printed
    assert any(referral_id in text for text in read_qr(printed))
    printed.save(SHOTS / f"walk-slip-{width}.png")
    assert isinstance(Image.open(SHOTS / f"walk-slip-{width}.png"), Image.Image)


@pytest.fixture
def windows(qapp: QApplication, hall_a: Terminal, hall_b: Terminal,
            ) -> Iterator[list[Shutdown]]:
    """The CJK font installed (as tests/ui do); the windows shut down before the halls'
    stores close (their timers read the store)."""
    install_cjk_font()
    made: list[Shutdown] = []
    yield made
    for window in made:
        window.shutdown()
