"""GET /v1/stats by role: a hall's token reads its own hall's rows and the city totals; a
city token reads every hall's rows (real hubs on PostgreSQL and SQLite)."""

from __future__ import annotations

import pytest

from sync.hub.terminals import CITY_ROLE, add_terminal
from tests.sync.conftest import HALL_A, HALL_B, Hub
from tests.sync.hostile import make_world


def stats(hub: Hub, token: str) -> dict[str, object]:
    response = hub.client.get("/v1/stats", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    return dict(response.json())


def test_a_hall_reads_its_own_rows_and_the_city_totals(hub: Hub) -> None:
    a, b = hub.provision(HALL_A), hub.provision(HALL_B)
    make_world(hub, a)
    make_world(hub, b)
    _, city_token = add_terminal(hub.engine, "CITY", "city office", role=CITY_ROLE)
    everything = stats(hub, city_token)
    own = stats(hub, a.token)
    halls = {row["hall"] for row in everything["per_hall_day"]}  # type: ignore[attr-defined]
    assert halls == {HALL_A, HALL_B}
    assert {row["hall"] for row in own["per_hall_day"]} == {HALL_A}  # type: ignore[attr-defined]
    assert own["city"] == everything["city"] and own["trades"] == everything["trades"]
    assert own["city"]["registrations"] == 2  # type: ignore[index]


def test_an_unknown_role_is_refused(hub: Hub) -> None:
    with pytest.raises(ValueError, match="role"):
        add_terminal(hub.engine, HALL_A, "x", role="admin")
