"""Employers registered as what they are (seed 000 §11): staff choose 直接用工, 劳务派遣,
职业中介 or 揽头 at the counter; the role is stored and synced with the employer, found
again by phone, and shown beside its name on the board's cards and at the touchscreen."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.core.drafts import EmployerDraft
from kiosk.core.errors import Err
from kiosk.core.records import EmployerRole
from kiosk.services.hall import Services
from kiosk.store.board import BoardReader
from kiosk.system.config import default_config
from kiosk.ui.board.format import Formatter
from tests.conftest import TODAY, id_number
from tests.ui.conftest import grab
from tests.ui.counter.conftest import Factory
from tests.ui.counter.test_post import fill, post_page

SHOTS = Path("/tmp/shots-cases")


def test_a_gang_master_is_registered_and_shown_as_such(make_counter: Factory,
                                                      services: Services) -> None:
    window = make_counter()
    window.resize(1366, 768)
    page = post_page(window)
    fill(page, description="")
    assert page.role.count() == len(EmployerRole)
    page.role.setCurrentIndex(page.role.findData("gang_master"))
    assert page.fields["id_number"].isVisible() and not page.fields["licence_no"].isVisible()
    page._line("id_number").setText(id_number(date(1972, 5, 1), seq=311))
    SHOTS.mkdir(exist_ok=True)
    grab(window, SHOTS / "counter-post-role-zh.png")
    window.toggle_language()
    grab(window, SHOTS / "counter-post-role-en.png")
    window.toggle_language()
    assert page.save()
    [employer] = services.store.employers.where()
    assert employer.role is EmployerRole.GANG_MASTER
    assert employer.display_name == "李*生" and employer.id_masked  # a person: name masked
    [change] = [c for c in services.store.outbox.unsent() if c.entity == "employer"]
    assert change.payload["role"] == "gang_master"  # synced with the employer

    page.find_phone.setText("13905317788")
    page.find_button.click()
    assert page.found.text() == "已找到：李先生（揽头）"

    [listing] = services.open_jobs()
    assert listing.employer_role == "gang_master"
    reader = BoardReader(services.store.path, services.settings.hall_id)
    try:
        [job] = reader.load(services.now()).jobs
    finally:
        reader.close()
    config = default_config("T01")
    for language, shown in (("zh_CN", "李*生（揽头）"), ("en", "李*生 (Gang-master)")):
        formatter = Formatter(catalogue=services.catalogue, language=language, today=TODAY,
                              tz=ZoneInfo("Asia/Shanghai"), board=config.board)
        assert formatter.card(job).employer == shown


def test_a_direct_employer_shows_its_name_alone_and_a_bad_role_is_refused(
        services: Services) -> None:
    before = services.store.employers.count()
    bad = services.register_employer(EmployerDraft(kind="individual", name="王师傅",
                                                   phone="13905310000", role="boss"))
    assert isinstance(bad, Err) and {e.code for e in bad.errors} == {"choice"}
    assert services.store.employers.count() == before
