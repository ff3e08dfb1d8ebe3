"""The city's statistics count how long complaints stay open, from the casework steps' dates
the halls send: per hall, the open ones by age, the oldest and the median days to an end
(hall A's own figures only, for hall A's token)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kiosk.core.drafts import CaseStepDraft
from sync.hub.stats import stats_for
from tests.conftest import FixedClock
from tests.printers import ok
from tests.services.test_hall import complaint_draft
from tests.sync.conftest import HALL_A, HALL_B, Hub, Terminal

AUGUST = {"period_from": date(2026, 8, 1), "period_to": date(2026, 8, 31)}


def test_the_city_sees_days_open_per_hall(hub: Hub, hall_a: Terminal, hall_b: Terminal,
                                          clock: FixedClock) -> None:
    start = clock.moment
    clock.moment = datetime(2026, 9, 1, 2, 0, tzinfo=UTC)
    first = ok(hall_a.services.file_complaint(complaint_draft(**AUGUST)))
    clock.moment = datetime(2026, 10, 20, 2, 0, tzinfo=UTC)
    ok(hall_a.services.file_complaint(complaint_draft(kind="injury", amount="", **AUGUST)))
    clock.moment = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)
    third = ok(hall_a.services.file_complaint(complaint_draft(kind="deposit", amount="",
                                                              **AUGUST)))
    ok(hall_b.services.file_complaint(complaint_draft(**AUGUST)))
    clock.moment = start  # 2026-11-23
    staff = hall_a.services.as_staff("S001")
    ok(staff.add_case_step(first.id, CaseStepDraft("resolve", date(2026, 11, 5), outcome="付清")))
    ok(staff.add_case_step(third.id, CaseStepDraft("close", date(2026, 11, 20), outcome="撤回")))
    assert hall_a.agent(hub.client).sync_once().ok and hall_b.agent(hub.client).sync_once().ok
    with hub.engine.connect() as conn:
        city = stats_for(conn, None, today=date(2026, 11, 23))
        only_a = stats_for(conn, HALL_A)
    rows = {row["hall"]: row for row in city["days_open"]}
    assert set(rows) == {HALL_A, HALL_B}
    a = rows[HALL_A]
    assert a["open"] == 1 and a["ended"] == 2 and a["median_days_to_end"] == 37.5
    assert a["as_of"] == "2026-11-23" and a["oldest_open_days"] == 34
    assert a["open_by_age"] == {"0-7": 0, "8-30": 0, "31-90": 1, "91-": 0}
    assert rows[HALL_B]["open"] == 1 and rows[HALL_B]["median_days_to_end"] is None
    assert [row["hall"] for row in only_a["days_open"]] == [HALL_A]
