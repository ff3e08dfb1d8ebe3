"""`kiosk expire-copies`: the copies of other halls' workers unused here for [privacy]
city_copy_days are removed; the hall's own workers and the copies in use stay."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.app import open_app
from kiosk.cli import EXIT_OK, main
from kiosk.core.city_workers import CityProfile
from kiosk.core.errors import Ok
from kiosk.core.ids import new_id
from kiosk.core.records import Intention, Sex
from kiosk.system.config import Paths
from tests.conftest import FixedClock, worker_draft


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(data), *args])
    return code, capsys.readouterr().out


def profile(name: str) -> CityProfile:
    return CityProfile(
        worker_id=new_id(), name_masked=name, birth_year=1970, sex=Sex.MALE, trades=("C01",),
        certificates=(), intentions=(Intention.DAILY,), areas=(), available_from=date(2026, 1, 1),
        home_hall="370102-OTHER", home_hall_name="市中区零工市场", registered_on=date(2026, 1, 1),
        consent_version="2026-12")


def seen(data: Path, at: datetime, name: str) -> str:
    """A worker of another hall found and checked in at this hall at `at`; their id."""
    app = open_app(Paths.resolve(str(data)), clock=FixedClock(at))
    try:
        kept = app.services.keep_city_worker(profile(name))
        assert isinstance(app.services.check_in(kept.id), Ok)
        return kept.id
    finally:
        app.close()


def test_expire_copies_removes_the_copies_unused_for_the_configured_days(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "hall"
    assert run(capsys, data, "init")[0] == EXIT_OK
    config = data / "config.toml"
    config.write_text(config.read_text("utf-8").replace("city_copy_days = 90",
                                                        "city_copy_days = 30"), "utf-8")
    now = datetime.now(UTC)
    old = seen(data, now - timedelta(days=31), "赵*林")
    recent = seen(data, now - timedelta(days=29), "钱*")
    app = open_app(Paths.resolve(str(data)))
    own = app.services.register_worker(worker_draft())
    app.close()
    assert isinstance(own, Ok)
    code, out = run(capsys, data, "expire-copies", "--json")
    assert code == EXIT_OK
    assert json.loads(out) == {"expired": 1, "worker_ids": [old], "city_copy_days": 30}
    app = open_app(Paths.resolve(str(data)))
    try:
        assert app.services.worker(old) is None
        assert app.services.worker(recent) is not None
        assert app.services.worker(own.value.id) is not None  # the hall's own: never
    finally:
        app.close()
    code, out = run(capsys, data, "--lang", "en", "expire-copies")
    assert code == EXIT_OK
    assert out.strip() == "Copies of other halls' workers unused here for 30 days removed: 0."
