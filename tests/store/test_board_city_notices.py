"""The board reads the city's notices from the asset the sync agent kept (its signature was
checked then): those for the hall's district and day, beside the hall's own by priority;
a kept file that no longer reads shows none and the board goes on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.core.drafts import NoticeDraft
from kiosk.core.errors import Ok
from kiosk.services.hall import Services
from kiosk.store.board import BoardReader
from kiosk.store.store import Store
from tests.conftest import HALL_MORNING

HALL = "370104-DDBL"


@pytest.fixture
def reader(store: Store) -> Iterator[BoardReader]:
    r = BoardReader(store.path, HALL)
    yield r
    r.close()


def keep(store: Store, data: Any) -> None:
    payload = json.dumps({"name": "city_notices", "version": 1, "data": data},
                         ensure_ascii=False)
    with store.write() as tx:
        tx.changed.add("asset")
        store.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                           ("asset.city_notices", payload))


def notice(text: str, priority: int, districts: list[str]) -> dict[str, Any]:
    return {"text_zh": text, "text_en": text.upper(), "starts_on": "2026-11-20",
            "ends_on": "2026-11-30", "priority": priority, "districts": districts}


def test_city_notices_for_this_district_join_the_halls_by_priority(
        services: Services, store: Store, reader: BoardReader) -> None:
    own = services.post_notice(NoticeDraft("本站", priority=4))
    assert isinstance(own, Ok)
    keep(store, {"version": 1, "notices": [notice("all", 2, []),
                                           notice("here", 6, ["370104", "370112"]),
                                           notice("elsewhere", 9, ["370112"])]})
    shown = reader.load(HALL_MORNING).notices
    assert [(n.text_zh, n.city) for n in shown] == [("here", True), ("本站", False),
                                                    ("all", True)]


def test_a_kept_file_that_does_not_read_shows_no_city_notice(
        services: Services, store: Store, reader: BoardReader) -> None:
    assert isinstance(services.post_notice(NoticeDraft("本站")), Ok)
    keep(store, {"version": 1, "notices": [{"text_zh": "broken"}]})
    assert [n.text_zh for n in reader.load(HALL_MORNING).notices] == ["本站"]
