"""A worker registered at another hall, at this hall's touchscreen and counter, with a real
hub (an SQLite file; the hub's own tests run PostgreSQL too, tests/sync/test_worker_lookup.py).

The worker types their ID number at check-in (taps counted), or scans their card, or asks
for a job (我想干): the touchscreen asks the city, says in plain words that they were found
at another hall, and checks them in. At the counter the whole ID number finds them under
"在全市查找", masked, and matching lists them. Screens saved in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from fastapi.testclient import TestClient
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import Ok
from kiosk.services.base import HallSettings
from kiosk.services.desk import hardship_cases
from kiosk.services.dispatch import Dispatch
from kiosk.services.hall import Services
from kiosk.store.store import Store
from kiosk.ui.counter.desk_page import DeskPage
from kiosk.ui.counter.pages import DESK
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.jobs import JobsScreen
from sync.agent import SyncAgent
from sync.hub.app import create_app
from sync.hub.database import database_url, make_engine, migrate
from sync.hub.terminals import add_terminal
from sync.lookup import HubDirectory
from sync.provisioning import Provisioning
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.sync.conftest import CITY_KEY, CITY_PUBLIC, HUB_KEYS, TEST_HUB_URL
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory as CounterFactory
from tests.ui.counter.conftest import make_counter, staff
from tests.ui.test_checkin_screens import whole
from tests.ui.test_terminal import Factory, make_terminal, tap, type_id

__all__ = ["make_counter", "make_terminal", "staff"]  # fixtures
SHOTS = Path("/tmp/shots-lookup")
HOME_HALL = "370112-HSL"  # where the worker registered
HOME_NAME = "市中区七贤街道零工驿站"
NUMBER = id_number(date(1968, 5, 20), seq=217)


@dataclass
class City:
    client: TestClient
    worker_id: str
    card: str

    def connect(self, services: Services, hall_id: str) -> Provisioning:
        """This hall's terminal, provisioned: it may ask the hub now."""
        terminal_id, token = add_terminal(self.client.app.state.engine, hall_id, "touch")
        creds = Provisioning(hub=TEST_HUB_URL, terminal=terminal_id, hall=hall_id,
                             token=token, city_keys=(CITY_PUBLIC,))
        services.directory = HubDirectory(creds, self.client)
        return creds


@pytest.fixture
def city(tmp_path: Path, catalogue: Catalogue, clock: FixedClock) -> Iterator[City]:
    """A hub, and a worker registered at another hall and synced to it."""
    engine = make_engine(database_url(None, tmp_path))
    migrate(engine)
    app = create_app(engine, catalogue, keys=HUB_KEYS, city_key=CITY_KEY)
    with TestClient(app) as client:
        terminal_id, token = add_terminal(engine, HOME_HALL, "counter", hall_name=HOME_NAME)
        store = Store(tmp_path / "home.sqlite3")
        home = Services(store, HallSettings(hall_id=HOME_HALL, terminal_id=terminal_id,
                                            blind_index_key=b"h" * 32), catalogue, clock)
        made = home.register_worker(worker_draft(name="王建明", id_number=NUMBER,
                                                 phone="13905319876", trades=["C01"]))
        assert isinstance(made, Ok)
        creds = Provisioning(hub=TEST_HUB_URL, terminal=terminal_id, hall=HOME_HALL,
                             token=token, city_keys=(CITY_PUBLIC,))
        report = SyncAgent(store, creds, client, card_key=home.card_public_key()).sync_once()
        assert report.ok and report.rejected == 0, report
        yield City(client, made.value.id, home.card_text(made.value.id))
        store.close()
    engine.dispose()


def sync(services: Services, creds: Provisioning, city: City) -> None:
    report = SyncAgent(services.store, creds, city.client,
                       card_key=services.card_public_key()).sync_once()
    assert report.ok and report.rejected == 0, report


def texts(widget: object) -> str:
    return "\n".join(label.text() for label in cast("QLabel", widget).findChildren(QLabel)
                     if label.isVisible())


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_typed_at_check_in_the_city_finds_them_and_they_are_checked_in(
        qtbot: QtBot, services: Services, make_terminal: Factory, city: City,
        language: str) -> None:
    city.connect(services, services.settings.hall_id)
    window = make_terminal()
    if window.session.t.language != language:
        window.toggle_language()
    tap(qtbot, window.page("home").buttons["checkin"])  # type: ignore[attr-defined]
    screen = cast("CheckInScreen", window.page("checkin"))
    taps = 1 + type_id(qtbot, screen.entry.keypad.keys, NUMBER)  # the 18th asks the city
    qtbot.waitUntil(lambda: not screen.city.busy)
    assert screen.number.text() == "1" and taps == 19
    shown = texts(screen)
    found = (f"已在{HOME_NAME}登记，可直接签到" if language == "zh_CN"
             else f"Already registered at {HOME_NAME}")
    assert found in shown and "王*明" in shown
    assert "王建明" not in shown and NUMBER not in shown
    assert whole(window) == []
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / f"checkin-found-in-city-{language}.png")
    window.set_large_text(True)  # 大字: every line and the button still whole
    qtbot.wait(1)
    grab(window, SHOTS / f"checkin-found-in-city-{language}-large.png")
    assert whole(window) == []
    # the next visit: known here, no hub needed (and the same number today)
    screen.reset()
    services.directory = None
    screen.check_in(NUMBER)
    assert screen.number.text() == "1" and screen._already


def test_an_unknown_number_still_leads_to_registration(
        qtbot: QtBot, services: Services, make_terminal: Factory, city: City) -> None:
    city.connect(services, services.settings.hall_id)
    window = make_terminal()
    window.show_screen("checkin")
    screen = cast("CheckInScreen", window.page("checkin"))
    screen.check_in(id_number(date(1990, 2, 3), seq=44))
    assert "全市" in screen.greeting.text()  # asking, said on the screen
    qtbot.waitUntil(lambda: not screen.city.busy)
    assert screen.register_button.isVisible()
    assert services.find_worker_by_id_number(id_number(date(1990, 2, 3), seq=44)) is None


def test_a_scanned_card_greets_the_worker_of_another_hall(
        qtbot: QtBot, services: Services, make_terminal: Factory, city: City) -> None:
    creds = city.connect(services, services.settings.hall_id)
    sync(services, creds, city)  # every hall's card keys
    window = make_terminal()
    window.on_scan(city.card)  # 0 taps
    screen = cast("CheckInScreen", window.page("checkin"))
    assert screen.number.text() == "1"  # numbered at once: the card is signed
    qtbot.waitUntil(lambda: not screen.city.busy)
    assert "王*明" in screen.greeting.text()
    assert f"已在{HOME_NAME}登记，可直接签到" in screen.detail.text()
    grab(window, SHOTS / "checkin-card-found-in-city-zh_CN.png")


def test_i_want_this_job_by_id_number_works_for_a_worker_of_another_hall(
        qtbot: QtBot, services: Services, make_terminal: Factory, city: City) -> None:
    city.connect(services, services.settings.hall_id)
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok)
    window = make_terminal()
    window.show_screen("jobs")
    screen = cast("JobsScreen", window.page("jobs"))
    assert screen.open_job_id(job.value.id)
    tap(qtbot, screen.want_button)
    type_id(qtbot, screen.want.keypad.keys, NUMBER)
    qtbot.waitUntil(lambda: not screen.city.busy)
    assert screen.wanted_number.text() == "1"
    assert f"已在{HOME_NAME}登记，无需在本站重新登记" in screen.wanted_detail.text()
    window.set_large_text(True)
    qtbot.wait(1)
    assert whole(window) == []
    assert [r.worker.name for r in Dispatch(services).requests()
            if r.worker is not None] == ["王*明"]
    grab(window, SHOTS / "want-found-in-city-zh_CN.png")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_counter_finds_them_in_the_whole_city_and_matches_them(
        qtbot: QtBot, services: Services, make_counter: CounterFactory, city: City,
        language: str) -> None:
    city.connect(services, services.settings.hall_id)
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok)
    window = make_counter()
    if window.ctx is not None and window.ctx.t.language != language:
        window.toggle_language()
    page = window.show_page(DESK)
    assert isinstance(page, DeskPage)
    page.search.setText(NUMBER)
    page.look_up()
    qtbot.waitUntil(lambda: not page.city.busy)
    assert page.city_box.isVisible() and page.city_open.isVisible()
    text = page.city_text.text()
    assert "王*明" in text and HOME_NAME in text and "1968" in text
    assert "王建明" not in text and "13905319876" not in text and NUMBER not in text
    page.city_open.click()
    assert page.worker_id == city.worker_id
    assert not page.edit_button.isEnabled() and not page.erase_button.isEnabled()
    grab(window, SHOTS / f"counter-city-search-{language}.png")
    fit = Dispatch(services).fit_workers(job.value.id)
    assert isinstance(fit, Ok)
    assert city.worker_id in [m.candidate.worker_id for m in fit.value]
    # an older worker, yet followed up ("131") by their home hall, not listed here
    assert city.worker_id not in [c.worker_id for c in hardship_cases(services)]


def test_an_id_card_on_the_reader_checks_in_a_worker_of_another_hall(
        qtbot: QtBot, services: Services, make_terminal: Factory, city: City) -> None:
    city.connect(services, services.settings.hall_id)
    window = make_terminal()
    window.on_id_card(NUMBER, "王建明")  # 0 taps
    screen = cast("CheckInScreen", window.page("checkin"))
    qtbot.waitUntil(lambda: not screen.city.busy)
    assert window.current == "checkin" and screen.number.text() == "1"
    assert "王建明" not in texts(screen)  # the reader's full name is not shown either
    # a newcomer on the reader goes straight into registration, name and number kept
    newcomer = id_number(date(1992, 8, 8), seq=88)
    window.on_id_card(newcomer, "李新")
    qtbot.waitUntil(lambda: not screen.city.busy)
    assert window.current == "register"


def test_a_card_scanned_at_the_counter_finds_the_worker_in_the_city(
        qtbot: QtBot, services: Services, make_counter: CounterFactory, city: City) -> None:
    creds = city.connect(services, services.settings.hall_id)
    sync(services, creds, city)  # the card keys
    window = make_counter()
    window.on_scan(city.card)
    page = window.show_page(DESK)
    assert isinstance(page, DeskPage)
    qtbot.waitUntil(lambda: not page.city.busy)
    assert "王*明" in page.city_text.text()
    page.city_open.click()
    assert page.worker_id == city.worker_id
