"""Registration on the touchscreen by taps only, against a real SQLite store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core import payloads
from kiosk.core.card_rules import CardProof
from kiosk.core.errors import Ok
from kiosk.core.privacy import mask_id_number
from kiosk.core.records import Intention
from kiosk.core.scan import ScanKeys, WorkerCard
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.register import (
    CERTS,
    CONSENT,
    DONE,
    DUPLICATE,
    ID,
    INTENT,
    KEYS_LETTERS,
    KEYS_PHONE,
    NAME,
    PHONE,
    REVIEW,
    TRADES,
    RegisterScreen,
)
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import id_number, worker_draft
from tests.ui.conftest import grab

NEW_ID = id_number(seq=246)  # 370104 19750314 246x: a woman's number
PHONE_NUMBER = "13905312468"
SHOTS = Path("/tmp/terminal-shots")  # made by the test, for people to look at


class Taps:
    """Taps real buttons with the mouse and counts them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def __call__(self, button: QPushButton | QWidget) -> None:
        assert button.isVisible() and button.isEnabled(), getattr(button, "text", lambda: "")()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.count += 1

    def keys(self, keys: dict[str, QPushButton], text: str) -> None:
        for char in text:
            self(keys[char])


@pytest.fixture
def window(make_terminal: Callable[..., TerminalWindow]) -> TerminalWindow:
    return make_terminal(printing=True)


def rows(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def pick(screen: RegisterScreen, tap: Taps, letters: str, char: str) -> None:
    """Type `letters` on the pinyin keys and tap `char` among the candidates."""
    tap.keys(screen.name_keypad.keys, letters)
    texts = [b.text() for b in screen.name_keypad.candidate_buttons]
    assert char in texts, (letters, texts)
    tap(screen.name_keypad.candidate_buttons[texts.index(char)])


def register_by_taps(window: TerminalWindow, tap: Taps) -> RegisterScreen:
    tap(window.page("home").buttons["register"])  # type: ignore[attr-defined]
    screen = window.register
    tap(screen.agree)
    tap.keys(screen.id_entry.keypad.keys, NEW_ID)  # the 18th character moves on by itself
    assert screen.step == PHONE
    tap.keys(screen.phone_keypad.keys, PHONE_NUMBER)  # so does the 11th digit
    assert screen.step == NAME
    pick(screen, tap, "z", "张")
    pick(screen, tap, "w", "伟")
    tap(screen.name_next)
    assert screen.step == TRADES
    tap(screen.trade_tiles.buttons["C01"])
    tap(screen.trade_tiles.buttons["S01"])
    tap(screen.trades_next)
    assert screen.step == REVIEW
    return screen


def test_a_full_registration_by_taps_in_at_most_40(
        qtbot: QtBot, window: TerminalWindow, services: Services, store: Store,
) -> None:
    tap = Taps(qtbot)
    screen = register_by_taps(window, tap)
    assert screen.review_values[NAME].text() == "张伟"
    assert screen.review_values[TRADES].text() == "瓦工、保洁"
    # a public screen: the numbers only masked (the consent says they are not shown)
    assert screen.review_values[ID].text() == mask_id_number(NEW_ID)
    assert NEW_ID[4:14] not in " ".join(v.text() for v in screen.review_values.values())
    assert "****" in screen.review_values[PHONE].text()
    assert rows(store, "workers") == 0  # nothing is stored before 提交
    tap(screen.submit)
    assert tap.count == 40  # from the home screen's 登记 to 提交
    worker = services.find_worker_by_id_number(NEW_ID)
    assert worker is not None
    assert (worker.name, worker.phone, worker.trades) == ("张伟", PHONE_NUMBER, ("C01", "S01"))
    assert worker.intentions == (Intention.DAILY,) and worker.available_from == services.today()
    assert screen.step == DONE
    assert screen.done_text.text() == "登记成功！欢迎您，张*。"
    tap(screen.print_button)
    kinds = store.conn.execute("SELECT kind, ref_id FROM print_jobs").fetchall()
    assert kinds == [("card", worker.id)]
    tap(screen.done_check_in)
    checkin_screen = window.page("checkin")
    assert isinstance(checkin_screen, CheckInScreen)
    assert window.current == "checkin" and checkin_screen.number.text() == "1"


def test_the_card_qr_on_screen_reads_back(qtbot: QtBot, window: TerminalWindow,
                                          services: Services, tmp_path: object) -> None:

    tap = Taps(qtbot)
    screen = register_by_taps(window, tap)
    tap(screen.submit)
    worker = services.find_worker_by_id_number(NEW_ID)
    assert worker is not None

    picture = grab(window, Path(str(tmp_path)) / "done.png")
    [text] = [b.text for b in zxingcpp.read_barcodes(picture)]
    assert text == services.card_text(worker.id) != payloads.worker_card(worker.id)
    assert services.read_scan(text, ScanKeys()) == WorkerCard(worker.id, CardProof.SIGNED, text)


def test_declining_consent_goes_home_and_stores_nothing(
        qtbot: QtBot, window: TerminalWindow, store: Store) -> None:
    tap = Taps(qtbot)
    tap(window.page("home").buttons["register"])  # type: ignore[attr-defined]
    assert window.register.step == CONSENT
    tap(window.register.decline)
    assert window.current == "home"
    assert rows(store, "workers") == 0 and rows(store, "outbox") == 0


def test_bad_input_is_explained_on_its_own_step(
        qtbot: QtBot, window: TerminalWindow, store: Store) -> None:
    tap = Taps(qtbot)
    tap(window.page("home").buttons["register"])  # type: ignore[attr-defined]
    screen = window.register
    tap(screen.agree)
    future = id_number(birth=screen.session.services.today().replace(year=2030))
    tap.keys(screen.id_entry.keypad.keys, future)
    assert screen.step == ID and screen.id_entry.message.isVisible()
    assert "出生日期" in screen.id_entry.message.text()
    screen.id_entry.keypad.clear()
    tap.keys(screen.id_entry.keypad.keys, NEW_ID[:17])
    tap(screen.id_entry.confirm)  # 17 characters: said, not stored
    assert screen.step == ID and "18" in screen.id_entry.message.text()
    tap.keys(screen.id_entry.keypad.keys, NEW_ID[17:])
    tap.keys(screen.phone_keypad.keys, "1390531246")  # ten digits
    tap(screen.phone_next)
    assert screen.step == PHONE and screen.message.text() == "手机号是 11 位数字，您输入了 10 位。"
    screen.phone_keypad.clear()
    tap.keys(screen.phone_keypad.keys, "23905312468")  # not a mobile number
    assert screen.step == PHONE and screen.message.isVisible()
    assert "手机号" in screen.message.text()
    tap(screen.phone_keypad.keys["⌫"])
    assert not screen.message.isVisible()
    screen.phone_keypad.clear()
    tap.keys(screen.phone_keypad.keys, PHONE_NUMBER)
    pick(screen, tap, "li", "李")
    assert not screen.name_next.isEnabled()  # one character is not a name
    pick(screen, tap, "ming", "明")
    tap(screen.name_next)
    tap(screen.trades_next)  # no trade: cannot go on, and says why
    assert screen.step == TRADES and screen.message.text() == "请至少选择一个工种。"
    for code in ("C01", "C02", "C03"):
        tap(screen.trade_tiles.buttons[code])
    screen.trade_tiles.buttons["C04"].click()  # a fourth is refused, with the reason
    assert screen.trade_tiles.selected() == ["C01", "C02", "C03"]
    assert screen.message.text() == "最多只能选3个工种。"
    assert rows(store, "workers") == 0 and rows(store, "outbox") == 0


def test_an_id_number_already_registered_offers_check_in(
        qtbot: QtBot, window: TerminalWindow, services: Services, store: Store) -> None:
    assert isinstance(services.register_worker(worker_draft(id_number=NEW_ID)), Ok)
    tap = Taps(qtbot)
    tap(window.page("home").buttons["register"])  # type: ignore[attr-defined]
    screen = window.register
    tap(screen.agree)
    tap.keys(screen.id_entry.keypad.keys, NEW_ID)
    assert screen.step == DUPLICATE
    tap(screen.duplicate_check_in)
    checkin = window.page("checkin")
    assert isinstance(checkin, CheckInScreen)
    assert window.current == "checkin" and checkin.number.text() == "1"
    assert rows(store, "workers") == 1


def test_optional_answers_are_changed_from_the_review(
        qtbot: QtBot, window: TerminalWindow, services: Services) -> None:
    tap = Taps(qtbot)
    screen = register_by_taps(window, tap)
    tap(screen.review_edits[CERTS])
    assert screen.step == CERTS
    tap(screen.cert_tiles.buttons["electrician"])
    tap(screen._choice_done[0])
    assert screen.review_values[CERTS].text() == "电工证"
    tap(screen.review_edits[INTENT])
    tap(screen.intent_tiles.buttons[Intention.LONG_TERM.value])
    tap(screen.area_tiles.buttons["市中区"])
    tap(screen._choice_done[1])
    tap(screen.review_edits[NAME])  # a numbered step goes back to the review when done
    pick(screen, tap, "hua", "华")
    tap(screen.name_next)
    assert screen.step == REVIEW and screen.review_values[NAME].text() == "张伟华"
    tap(screen.submit)
    worker = services.find_worker_by_id_number(NEW_ID)
    assert worker is not None
    assert worker.name == "张伟华" and worker.certificates == ("electrician",)
    assert worker.intentions == (Intention.DAILY, Intention.LONG_TERM)
    assert worker.areas == ("市中区",)


def test_the_idle_reset_forgets_a_half_done_registration(
        qtbot: QtBot, window: TerminalWindow, store: Store) -> None:
    tap = Taps(qtbot)
    screen = register_by_taps(window, tap)
    window.reset_all()
    assert window.current == "home"
    assert screen.step == CONSENT and screen.answers.name == ""
    assert screen.id_entry.keypad.text() == "" and screen.phone_keypad.text() == ""
    assert screen.name_keypad.name == "" and screen.trade_tiles.selected() == []
    shown = " ".join(v.text() for v in screen.review_values.values())
    assert NEW_ID not in shown and "张伟" not in shown and PHONE_NUMBER not in shown
    assert rows(store, "workers") == 0


def test_back_on_every_numbered_step(qtbot: QtBot, window: TerminalWindow) -> None:
    tap = Taps(qtbot)
    screen = register_by_taps(window, tap)
    for expected in (TRADES, NAME, PHONE, ID, CONSENT):
        tap(screen.header.back)
        assert screen.step == expected
    tap(screen.header.back)
    assert window.current == "home"


def test_every_trade_tile_has_its_pictogram(qtbot: QtBot, window: TerminalWindow) -> None:
    from kiosk.ui import pictograms

    screen = window.register
    catalogue = screen.session.services.catalogue
    for trade in catalogue.trades:
        button = screen.trade_tiles.buttons[trade.code]
        assert not button.icon().isNull(), trade.code
        assert pictograms.renderer(trade.pictogram) is not None, trade.pictogram


def test_a_rare_name_character_is_found_by_paging_past_the_common_ones(
        qtbot: QtBot, window: TerminalWindow, services: Services) -> None:
    """陈小䶮: 䶮 (extension A) is not in GB2312; the keypad offers it after every common
    yan, one ▶ at a time, and the name registers and prints (tests/printers/
    test_rare_characters.py reads its glyph back from the ticket)."""
    tap = Taps(qtbot)
    tap(window.page("home").buttons["register"])  # type: ignore[attr-defined]
    screen = window.register
    tap(screen.agree)
    tap.keys(screen.id_entry.keypad.keys, NEW_ID)
    tap.keys(screen.phone_keypad.keys, PHONE_NUMBER)
    pick(screen, tap, "chen", "陈")
    pick(screen, tap, "xiao", "小")
    tap.keys(screen.name_keypad.keys, "yan")
    pages = 0
    while "䶮" not in [b.text() for b in screen.name_keypad.candidate_buttons]:
        tap(screen.name_keypad.more)
        pages += 1
        assert pages < 40, "䶮 never came"
    assert pages >= 3  # the common yan characters come first
    SHOTS.mkdir(parents=True, exist_ok=True)
    grab(window, SHOTS / "register-rare-character.png")
    texts = [b.text() for b in screen.name_keypad.candidate_buttons]
    tap(screen.name_keypad.candidate_buttons[texts.index("䶮")])
    assert screen.name_keypad.name == "陈小䶮"
    tap(screen.name_next)
    tap(screen.trade_tiles.buttons["C01"])
    tap(screen.trades_next)
    tap(screen.submit)
    worker = services.find_worker_by_id_number(NEW_ID)
    assert worker is not None and worker.name == "陈小䶮"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_consent_says_how_long_another_hall_keeps_what_it_sees(
        make_terminal: Callable[..., TerminalWindow], services: Services,
        language: str) -> None:
    """The days come from [privacy] city_copy_days (kiosk.store.city_copies keeps them);
    the text and 同意 stay whole with 大字."""
    services.settings = replace(services.settings, city_copy_days=45)
    window = make_terminal()
    if language == "en":
        window.toggle_language()
    window.show_screen("register")
    screen = window.register
    expected = {"zh_CN": "您 45 天没去，那里就会删除", "en": "forgets it after 45 days"}
    assert expected[language] in screen.consent_text.text()
    shots = Path("/tmp/shots-expire")
    shots.mkdir(exist_ok=True)
    for large in (False, True):
        window.set_large_text(large)
        grab(window, shots / f"consent-{language}{'-large' if large else ''}.png")
        bottom = screen.agree.mapTo(window, screen.agree.rect().bottomRight())
        assert screen.agree.isVisible() and bottom.y() <= window.height(), large


def test_a_name_on_the_phone_keys_zhang_in_six_taps(qtbot: QtBot,
                                                   window: TerminalWindow) -> None:
    """九宫格: 9-4-2-6-4 spells zhang (and xiang); 张 is among the candidates at once."""
    tap = Taps(qtbot)
    window.show_screen("register")
    screen = window.register
    screen.go(NAME)
    tap(screen.input_buttons[KEYS_PHONE])
    keypad = screen.name_keypad
    assert keypad.key_pages.currentIndex() == 1 and keypad.phone_keys["2"].isVisible()
    assert not keypad.keys["a"].isVisible()
    assert screen.input_buttons[KEYS_PHONE].isChecked()
    assert screen.input_buttons[KEYS_PHONE].text().startswith("✓")
    tap.count = 0
    tap.keys(keypad.phone_keys, "94264")
    assert [b.text() for b in keypad.syllable_buttons[:2]] == ["zhang", "xiang"]
    assert keypad.syllable_buttons[0].isChecked() and not keypad.syllable_buttons[2].isEnabled()
    assert all(not keypad.phone_keys[k].isEnabled() for k in "23456789")  # nothing follows
    texts = [b.text() for b in keypad.candidate_buttons]
    assert "张" in texts
    tap(keypad.candidate_buttons[texts.index("张")])
    assert keypad.name == "张" and tap.count == 6
    # 9-4-2-6-4 is also zhang or xiang: a tile shows the other one's characters
    tap.keys(keypad.phone_keys, "94264")
    tiles = [b.text() for b in keypad.syllable_buttons[:2]]
    assert sorted(tiles) == ["xiang", "zhang"]
    other = keypad.syllable_buttons[1]
    tap(other)
    assert keypad.letters_label.text() == tiles[1] and other.isChecked()
    assert keypad.candidates[0].pinyin == tiles[1]
    tap(keypad.phone_keys["⌫"])  # one key back: 9-4-2-6 again
    assert keypad.digits == "9426" and keypad.syllable_buttons[3].isEnabled()
    for _ in range(4):
        tap(keypad.phone_keys["⌫"])
    assert keypad.digits == "" and keypad.name == "张"
    tap(keypad.phone_keys["⌫"])
    assert keypad.name == "" and not screen.name_next.isEnabled()
    # the letters again: what the phone keys spelled is gone, the keys are the letters
    tap(screen.input_buttons[KEYS_LETTERS])
    assert keypad.keys["a"].isVisible() and not keypad.phone_keys["2"].isVisible()
