"""The city's notices and policy pages across roles, through the real hub (PostgreSQL and
SQLite) and real terminal files: the city publishes a signed asset, the halls pull it, the
board's ticker and the touchscreen show a notice only in the districts it names (marked as
from the city), a policy page shows and prints (the ESC/POS decoded back carries its
title); an unsigned or altered asset changes nothing."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx
import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.asset_signing import sign_asset
from kiosk.core.catalogue import Catalogue
from kiosk.core.city_content import shipped_pages_data
from kiosk.services.printing import PrintWorker, TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.store.sync_state import stored_asset
from kiosk.system.config import Config, default_config
from kiosk.system.printer_profile import PrinterProfile
from kiosk.ui.board.window import BoardWindow
from kiosk.ui.terminal.base import INFO, POLICIES
from kiosk.ui.terminal.info import InfoScreen
from kiosk.ui.terminal.policies import PoliciesScreen
from kiosk.ui.terminal.window import TerminalWindow
from printers import raster
from printers.tickets import Heading, Issuer, policy_ticket
from sync.hub.assets import publish
from sync.provisioning import Provisioning
from tests.conftest import TODAY, FixedClock
from tests.printers import parse_escpos
from tests.sync.conftest import CITY_KEY, HALL_A, HALL_B, Hub, Terminal
from tests.sync.test_hub_cli import places
from tests.sync.test_signed_assets import FakeHub

DISTRICT_B = HALL_B.split("-")[0]  # 370112: the notice names hall B's district only


def notices(version: int, **for_b: Any) -> dict[str, Any]:
    day = TODAY.isoformat()
    week = (TODAY + timedelta(days=7)).isoformat()
    return {"version": version, "notices": [
        {"text_zh": "全市：明日寒潮，户外作业注意防寒", "text_en": "City-wide: cold wave "
         "tomorrow, keep warm when working outdoors", "starts_on": day, "ends_on": week,
         "priority": 5, "districts": []},
        {"text_zh": "历城区：周五举办零工专场招聘会", "text_en": "Licheng: day-labour job fair "
         "on Friday", "starts_on": day, "ends_on": week, "priority": 3,
         "districts": [DISTRICT_B], **for_b},
        {"text_zh": "已过期的通知", "text_en": "An expired notice", "starts_on": "2026-01-01",
         "ends_on": "2026-01-31", "priority": 9, "districts": []},
    ]}


def config_for(hall_id: str) -> Config:
    config = default_config("T01")
    return replace(config, hall=replace(config.hall, id=hall_id))


class Screens:
    """Opens the board and the touchscreen of a hall on its real SQLite file."""

    def __init__(self, qtbot: QtBot, catalogue: Catalogue, clock: FixedClock) -> None:
        self.qtbot, self.catalogue, self.clock = qtbot, catalogue, clock
        self.made: list[BoardWindow | TerminalWindow] = []

    def board(self, terminal: Terminal, hall_id: str) -> BoardWindow:
        window = BoardWindow(config_for(hall_id), self.catalogue, terminal.store.path,
                             self.clock, store=terminal.store, poll_ms=100, animate=False)
        return self._show(window)

    def touchscreen(self, terminal: Terminal, hall_id: str) -> TerminalWindow:
        return self._show(TerminalWindow(terminal.services, config_for(hall_id), printing=True))

    def _show(self, window: W) -> W:
        self.qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        self.qtbot.waitExposed(window)
        self.made.append(window)
        return window


W = TypeVar("W", BoardWindow, TerminalWindow)


@pytest.fixture
def screens(qtbot: QtBot, catalogue: Catalogue, clock: FixedClock) -> Iterator[Screens]:
    made = Screens(qtbot, catalogue, clock)
    yield made
    for window in made.made:
        window.shutdown()


def info_text(window: TerminalWindow) -> str:
    window.show_screen(INFO)
    screen = window.page(INFO)
    assert isinstance(screen, InfoScreen)
    return screen.notices.text() if screen.notices.isVisible() else ""


def test_a_notice_reaches_the_board_and_touchscreen_of_the_districts_it_names(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, hall_b: Terminal, screens: Screens) -> None:
    board_a, board_b = screens.board(hall_a, HALL_A), screens.board(hall_b, HALL_B)
    screen_a = screens.touchscreen(hall_a, HALL_A)
    screen_b = screens.touchscreen(hall_b, HALL_B)
    assert "市里通知" not in board_b.ticker.text and info_text(screen_b) == ""

    assert publish(hub.engine, "city_notices", notices(1), signing_key=CITY_KEY) == 1
    for hall in (hall_a, hall_b):
        assert hall.agent(hub.client).sync_once().ok

    qtbot.waitUntil(lambda: "周五" in board_b.ticker.text, timeout=5000)
    assert board_b.ticker.items[:2] == ("市里通知：全市：明日寒潮，户外作业注意防寒",
                                        "市里通知：历城区：周五举办零工专场招聘会")
    qtbot.waitUntil(lambda: "寒潮" in board_a.ticker.text, timeout=5000)
    assert "周五" not in board_a.ticker.text  # another district's notice
    assert "过期" not in board_a.ticker.text + board_b.ticker.text

    assert info_text(screen_b).splitlines() == ["■ 市里通知：全市：明日寒潮，户外作业注意防寒",
                                                "■ 市里通知：历城区：周五举办零工专场招聘会"]
    assert info_text(screen_a) == "■ 市里通知：全市：明日寒潮，户外作业注意防寒"
    screen_b.language_button.click()
    assert "■ City notice: Licheng: day-labour job fair on Friday" in info_text(screen_b)


def test_bad_notices_are_refused_at_the_hub_and_nothing_is_published(hub: Hub) -> None:
    from kiosk.core.assets import AssetProblem

    bad = notices(1, districts=["3701"])
    with pytest.raises(AssetProblem, match="6-digit code"):
        publish(hub.engine, "city_notices", bad, signing_key=CITY_KEY)
    late = notices(1)
    late["notices"][0]["ends_on"] = "2026-11-01"
    with pytest.raises(AssetProblem, match="before starts_on"):
        publish(hub.engine, "city_notices", late, signing_key=CITY_KEY)
    from sync.hub.assets import latest

    assert latest(hub.engine, "city_notices") is None


def asset_item(seq: int, name: str, data: dict[str, Any],
               signature: str | None) -> dict[str, Any]:
    payload: dict[str, Any] = {"name": name, "version": data["version"], "data": data}
    if signature is not None:
        payload["signature"] = signature
    return {"seq": seq, "kind": "asset", "record_id": name, "payload": payload}


def test_unsigned_or_altered_notices_and_pages_are_ignored(hub: Hub, hall_b: Terminal) -> None:
    publish(hub.engine, "city_notices", notices(1), signing_key=CITY_KEY)
    assert hall_b.agent(hub.client).sync_once().ok
    forged = notices(2)
    forged["notices"][0]["text_zh"] = "请扫码缴纳押金 200 元领取工作"  # an attacker's notice
    signed = notices(2)
    pages = copy.deepcopy(shipped_pages_data())
    pages["version"] = 5
    pages["pages"][0]["hotline"] = "4008001234"  # a fraudster's number
    fake = FakeHub([asset_item(1, "city_notices", forged, None),
                    asset_item(2, "city_notices", forged,
                               sign_asset("city_notices", 2, signed, CITY_KEY)),
                    asset_item(3, "policy_pages", pages, "A" * 86)])
    try:
        creds = hall_b.credentials
        hall_b.credentials = Provisioning(hub=fake.url, terminal=creds.terminal,
                                          hall=creds.hall, token=creds.token,
                                          city_keys=creds.city_keys)
        from sync.agent import SyncReport

        with httpx.Client(timeout=10) as client:
            hall_b.agent(client).pull_page(SyncReport())
    finally:
        fake.close()
    kept = stored_asset(hall_b.store, "city_notices")
    assert kept is not None and kept["version"] == 1
    assert stored_asset(hall_b.store, "policy_pages") is None
    texts = [n.text_zh for n in hall_b.services.notices_today()]
    assert texts == ["全市：明日寒潮，户外作业注意防寒", "历城区：周五举办零工专场招聘会"]
    assert all(p.hotline in ("", "12333") for p in hall_b.services.policy_pages())


class PaperTray:
    """The printer behind the print worker: keeps what it was sent."""

    def __init__(self) -> None:
        self.printed: list[tuple[str, bytes]] = []

    def send(self, data: bytes, suffix: str, name: str) -> None:
        self.printed.append((name, data))


def test_a_published_policy_page_shows_and_prints_with_its_title(
        qtbot: QtBot, hub: Hub, hall_a: Terminal, screens: Screens) -> None:
    screen = screens.touchscreen(hall_a, HALL_A)
    catalogue, clock = screens.catalogue, screens.clock
    pages = copy.deepcopy(shipped_pages_data())
    pages["version"] = 2
    pages["pages"].insert(0, {"id": "heat", "title_zh": "高温天气劳动保护",
                              "title_en": "Working in the heat",
                              "body_zh": ["气温 35℃ 以上，用工方应发放高温津贴。"],
                              "body_en": ["Above 35 °C the employer pays a heat allowance."],
                              "hotline": "12333"})
    publish(hub.engine, "policy_pages", pages, signing_key=CITY_KEY)
    assert hall_a.agent(hub.client).sync_once().ok

    screen.show_screen(INFO)
    info = screen.page(INFO)
    assert isinstance(info, InfoScreen)
    qtbot.mouseClick(info.policies, qtbot_left())
    policies = screen.page(POLICIES)
    assert isinstance(policies, PoliciesScreen) and policies.isVisible()
    assert policies.title.text() == "高温天气劳动保护"
    assert policies.header.counter.text() == "第 1 页，共 7 页"
    assert not policies.previous.isEnabled()
    qtbot.mouseClick(policies.next, qtbot_left())
    assert policies.title.text() == "讨要工资，您有权利"
    qtbot.mouseClick(policies.previous, qtbot_left())
    qtbot.mouseClick(policies.print, qtbot_left())
    assert "正在打印" in policies.status.text()

    job, = hall_a.store.print_queue.queued()
    assert (job.kind, job.ref_id) == (PrintKind.POLICY, "heat")
    tray = PaperTray()
    source = TicketSource(hall_a.store, catalogue, config_for(HALL_A).hall)
    PrintWorker(hall_a.store, source, PrinterProfile("ticket", tray, raster.DOTS_58MM),
                clock.now).run_once()
    (name, data), = tray.printed
    assert name == f"policy-{job.id}"
    paper = parse_escpos(data).image()
    hall = config_for(HALL_A).hall
    issuer = Issuer(hall, clock.now().astimezone(ZoneInfo(hall.timezone)))
    page = hall_a.services.policy_pages()[0]
    expected = raster.render_image(policy_ticket(page, issuer), raster.DOTS_58MM)
    assert _ink(paper) == _ink(expected)  # what came out is the page's ticket ...
    retitled = replace(page, title_zh="讨要工资，您有权利")
    assert _ink(paper) != _ink(raster.render_image(policy_ticket(retitled, issuer),
                                                   raster.DOTS_58MM))  # ... with its title
    assert Heading("高温天气劳动保护") in policy_ticket(page, issuer).blocks


def _ink(image: Any) -> bytes:
    """The dots of an image as printed (1 bit, no trailing blank rows)."""
    return bytes(image.convert("1").tobytes()).rstrip(b"\xff")


def qtbot_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_policy_pages_json_is_valid_as_shipped() -> None:
    from kiosk.core.assets import check_asset

    assert check_asset("policy_pages", shipped_pages_data()) == 1
    assert json.dumps(shipped_pages_data(), ensure_ascii=False).count("12333") >= 3


@pytest.mark.usefixtures(places.__name__)
def test_kiosk_hub_refuses_a_bad_file_in_the_operators_language_and_publishes_a_good_one(
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    from sync.hub.cli import main as kiosk_hub

    assert kiosk_hub(["migrate"]) == 0
    capsys.readouterr()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(notices(1, districts=["3701"]), ensure_ascii=False), "utf-8")
    assert kiosk_hub(["assets", "publish", "city_notices", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith('kiosk-hub: 第 2 条：区县 "3701" 不是 6 位代码（如 370104）。'), err
    assert kiosk_hub(["--lang", "en", "assets", "publish", "city_notices", str(bad)]) == 2
    assert 'Entry 2: district "3701" is not a 6-digit code' in capsys.readouterr().err
    pages = tmp_path / "pages.json"
    broken = copy.deepcopy(shipped_pages_data())
    broken["pages"][3]["body_en"] = []
    pages.write_text(json.dumps(broken, ensure_ascii=False), "utf-8")
    assert kiosk_hub(["assets", "publish", "policy_pages", str(pages)]) == 2
    assert "第 4 条：body_en 至少要有一段。" in capsys.readouterr().err
    good = tmp_path / "good.json"
    good.write_text(json.dumps(notices(1), ensure_ascii=False), "utf-8")
    assert kiosk_hub(["assets", "publish", "city_notices", str(good)]) == 0
    assert "市里通知第 1 版已发布" in capsys.readouterr().out
    assert kiosk_hub(["assets", "publish", "city_notices", str(good)]) == 2  # not newer
    assert "不" in capsys.readouterr().err
