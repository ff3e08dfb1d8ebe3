"""Shared fixtures: a real SQLite store in a temp dir, services with a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core.catalogue import Catalogue, load_catalogue
from kiosk.core.drafts import EmployerDraft, JobDraft, WorkerDraft
from kiosk.core.fields import with_check_digit
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.store import Store

# 08:00 in Jinan on 2026-11-23 (UTC+8)
HALL_MORNING = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, moment: datetime = HALL_MORNING) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment += timedelta(**kwargs)


def id_number(birth: date = date(1975, 3, 14), area: str = "370104", seq: int = 123) -> str:
    """A valid 18-character ID number (odd seq → male, even → female)."""
    return with_check_digit(f"{area}{birth:%Y%m%d}{seq:03d}")


def worker_draft(**overrides: object) -> WorkerDraft:
    values: dict[str, object] = {
        "name": "张建国", "id_number": id_number(), "phone": "13805311234",
        "trades": ["C01", "C09"], "consent_given": True,
    }
    values.update(overrides)
    return WorkerDraft(**values)  # type: ignore[arg-type]


def employer_draft(**overrides: object) -> EmployerDraft:
    values: dict[str, object] = {
        "kind": "individual", "name": "李先生", "phone": "13905317788",
    }
    values.update(overrides)
    return EmployerDraft(**values)  # type: ignore[arg-type]


def job_draft(employer_id: str, **overrides: object) -> JobDraft:
    values: dict[str, object] = {
        "employer_id": employer_id, "trade": "C01", "title": "小区外墙砌砖",
        "place": "槐荫区腊山河西路 阳光小区", "start_date": TODAY, "pay_amount": "350",
        "pay_unit": "day", "settlement": "daily", "headcount": "3",
    }
    values.update(overrides)
    return JobDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "kiosk.sqlite3")
    yield s
    s.close()


@pytest.fixture
def settings() -> HallSettings:
    return HallSettings(hall_id="370104-DDBL", terminal_id="T01",
                        blind_index_key=b"k" * 32, areas=frozenset({"槐荫区", "市中区"}))


@pytest.fixture
def services(store: Store, settings: HallSettings, catalogue: Catalogue,
             clock: FixedClock) -> Services:
    return Services(store, settings, catalogue, clock)
