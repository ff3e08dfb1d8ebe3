"""政策明白纸 with voice: each page the demo ships plays its recorded summary when it opens
(voice on), 再听一遍 plays it again, and a page the city publishes later, with no recording,
shows no voice button and says nothing. Audio is faked at QSoundEffect only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.city_content import pages_from_data, shipped_pages_data
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.ui.terminal.base import INFO, POLICIES
from kiosk.ui.terminal.info import InfoScreen
from kiosk.ui.terminal.policies import PoliciesScreen
from kiosk.ui.terminal.window import TerminalWindow
from kiosk.ui.voice import POLICY_PROMPTS, prompt_path
from tests.ui.conftest import grab
from tests.ui.test_safety_walk import fake_audio, played  # noqa: F401 - fixture
from tests.ui.test_terminal import tap
from tests.ui.test_voice import FakeEffect

SHOTS = Path("/tmp/shots-pvoice")
TerminalFactory = Callable[..., TerminalWindow]


def clips(page_id: str, language: str) -> list[str]:
    names = []
    for msgid in POLICY_PROMPTS[page_id]:
        path = prompt_path(msgid, language)
        assert path is not None, (page_id, language, msgid)
        names.append(path.name)
    return names


def plays(effects: list[FakeEffect]) -> dict[str, int]:
    """How many times each clip was started so far (the player keeps one effect a file)."""
    return {Path(e.source.toLocalFile()).name: e.plays for e in effects}


def started_since(effects: list[FakeEffect], before: dict[str, int]) -> list[str]:
    return [name for name, n in plays(effects).items() if n > before.get(name, 0)]


def open_policies(qtbot: QtBot, window: TerminalWindow) -> PoliciesScreen:
    qtbot.waitUntil(lambda: window.built, timeout=10_000)  # the voice comes after home
    tap(qtbot, window.page("home").buttons[INFO])  # type: ignore[attr-defined]
    info = window.page(INFO)
    assert isinstance(info, InfoScreen)
    tap(qtbot, info.policies)
    screen = window.page(POLICIES)
    assert isinstance(screen, PoliciesScreen) and screen.isVisible()
    return screen


def test_every_shipped_page_has_a_summary_recorded_in_both_languages() -> None:
    shipped = {page.id for page in pages_from_data(shipped_pages_data())}
    assert shipped == set(POLICY_PROMPTS)
    for page_id in shipped:
        assert 1 <= len(POLICY_PROMPTS[page_id]) <= 3
        clips(page_id, "zh_CN")
        clips(page_id, "en")


def test_each_shipped_page_plays_its_summary_and_listen_again_replays_it(
        qtbot: QtBot, *, make_terminal: TerminalFactory,
        fake_audio: list[FakeEffect]) -> None:  # noqa: F811
    SHOTS.mkdir(exist_ok=True)
    window = make_terminal()
    qtbot.waitUntil(lambda: window.built, timeout=10_000)  # the voice comes after home
    assert window.voice is not None and window.voice.available and window.voice.enabled
    for language in ("zh_CN", "en"):
        if window.session.t.language != language:
            window.toggle_language()
        window.show_screen("home")
        fake_audio.clear()
        screen = open_policies(qtbot, window)
        seen = []
        while True:
            page = screen.pages[screen.index]
            seen.append(page.id)
            assert screen.listen.isVisible()
            assert window.voice.current == (" ".join(POLICY_PROMPTS[page.id]), language)
            assert played(fake_audio)[-1:] == clips(page.id, language)[:1]
            assert window.voice.queued == len(POLICY_PROMPTS[page.id]) - 1  # then the rest
            before = plays(fake_audio)
            tap(qtbot, screen.listen)
            assert started_since(fake_audio, before) == clips(page.id, language)[:1]
            assert window.voice.current == (" ".join(POLICY_PROMPTS[page.id]), language)
            if not screen.next.isEnabled():
                break
            fake_audio.clear()
            tap(qtbot, screen.next)
        assert seen == [p.id for p in pages_from_data(shipped_pages_data())]


def test_voice_off_plays_nothing_and_hides_the_button(
        qtbot: QtBot, *, make_terminal: TerminalFactory,
        fake_audio: list[FakeEffect]) -> None:  # noqa: F811
    window = make_terminal()
    qtbot.waitUntil(lambda: window.built, timeout=10_000)
    window.set_voice(False)
    fake_audio.clear()
    screen = open_policies(qtbot, window)
    assert played(fake_audio) == [] and window.voice is not None
    assert window.voice.current is None
    assert not screen.listen.isVisible()
    window.set_voice(True)  # switched on while reading: the button comes back
    assert screen.listen.isVisible()
    before = plays(fake_audio)
    tap(qtbot, screen.listen)
    assert started_since(fake_audio, before) == clips(screen.pages[0].id, "zh_CN")[:1]


def test_a_page_published_later_without_a_recording_says_nothing(
        qtbot: QtBot, store: Store, services: Services, *, make_terminal: TerminalFactory,
        fake_audio: list[FakeEffect]) -> None:  # noqa: F811
    data = shipped_pages_data()
    first = dict(data["pages"][0])
    later = {"id": "heat-allowance", "title_zh": "高温津贴", "title_en": "Heat allowance",
             "body_zh": ["六月至九月露天作业的，用工方应当发放高温津贴。"],
             "body_en": ["From June to September, outdoor work earns a heat allowance."],
             "hotline": "12333", "source": "测试"}
    # the city's new set: its first page is the wage-rights page with a new body (same id,
    # still its summary), then a page no recording knows
    payload = {"name": "policy_pages", "version": 2,
               "data": {"version": 2, "pages": [first, later]}}
    with store.write():
        store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                           ("asset.policy_pages", json.dumps(payload, ensure_ascii=False)))
    assert [p.id for p in services.policy_pages()] == [first["id"], "heat-allowance"]
    window = make_terminal()
    screen = open_policies(qtbot, window)
    assert window.voice is not None
    assert played(fake_audio)[-1:] == clips(first["id"], "zh_CN")[:1]
    before = plays(fake_audio)
    tap(qtbot, screen.next)
    assert screen.title.text() == "高温津贴"
    assert started_since(fake_audio, before) == []
    assert window.voice.current is None  # the previous page's summary was stopped too
    assert not screen.listen.isVisible()
    grab(window, SHOTS / "unknown-page-zh.png")
    window.set_voice(False)
    window.set_voice(True)
    assert not screen.listen.isVisible() and started_since(fake_audio, before) == []


def test_screenshots_of_a_page_with_its_listen_again_button(
        qtbot: QtBot, *, make_terminal: TerminalFactory,
        fake_audio: list[FakeEffect]) -> None:  # noqa: F811
    SHOTS.mkdir(exist_ok=True)
    window = make_terminal(printing=True)
    screen = open_policies(qtbot, window)
    grab(window, SHOTS / "wage-rights-zh.png")
    window.set_large_text(True)
    assert screen.listen.isVisible()
    bottom = screen.listen.mapTo(window, screen.listen.rect().bottomLeft()).y()
    assert bottom <= window.height()  # in view on opening, in 大字 too
    grab(window, SHOTS / "wage-rights-zh-large.png")
    tap(qtbot, screen.next)
    tap(qtbot, screen.next)
    grab(window, SHOTS / "minimum-wage-zh-large.png")
    window.toggle_language()
    assert screen.listen.text() == "Listen again"
    grab(window, SHOTS / "minimum-wage-en-large.png")
