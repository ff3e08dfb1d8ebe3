"""Hostile values in every field of every record type, pushed to real PostgreSQL and
SQLite hubs: the hub never answers 5xx, a bad change is rejected alone (the valid change
beside it is stored), nothing is stored that the terminal's own schema and rules refuse,
and the pull feed and the statistics stay valid JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import from_payload, to_payload
from kiosk.core.ids import new_id
from kiosk.core.record_rules import record_problem
from kiosk.core.records import ENTITY_TYPES
from kiosk.core.schema import check_payload
from sync import protocol
from sync.hub.schema import RECORD_TABLES
from tests.sync.conftest import HALL_A, Hub
from tests.sync.hostile import (
    World,
    change_of,
    make_world,
    push_dicts,
    record_change,
    strict_json,
    valid_records,
)

TYPES = sorted(ENTITY_TYPES)
FIELDS = {name: list(cls.__dataclass_fields__) for name, cls in ENTITY_TYPES.items()}

HOSTILE: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([
        "yes", "abc", "", " ", "\x00", "a\x07b", "\u202e反转", "9999-12-31",
        "9999-12-31T00:00:00.000Z", "2099-01-01T00:00:00.000Z", "not-a-date",
        "2026-11-23T00:00:00.000000000000000000000000Z", "2026-02-30", "0000-01-01",
        "1e308", "NaN", "x" * 100_000, "限男性 35岁以下 本地户口 回族勿扰", "C01", "open",
        "hired", "M", "daily"]),
    st.text(max_size=80),
    st.lists(st.one_of(st.text(max_size=8), st.integers()), max_size=5),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def stored_payloads(hub: Hub, record_type: str) -> list[dict[str, Any]]:
    with hub.engine.connect() as conn:
        return [json.loads(text) for (text,) in conn.execute(
            select(RECORD_TABLES[record_type].c.payload))]


def assert_terminal_would_keep(hub: Hub, catalogue: Catalogue) -> None:
    now = datetime.now(UTC)
    for record_type in TYPES:
        for payload in stored_payloads(hub, record_type):
            assert check_payload(record_type, payload, now) == [], (record_type, payload)
            record = from_payload(ENTITY_TYPES[record_type], payload)
            assert record_problem(record, catalogue, now.date()) is None, payload


def assert_feeds_and_stats_are_json(hub: Hub, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    after = 0
    while True:
        response = hub.client.get(protocol.PULL_PATH, params={"after": after}, headers=auth)
        assert response.status_code == 200
        page = strict_json(response.content)
        if not page["more"]:
            break
        after = page["next_cursor"]
    stats = hub.client.get("/v1/stats", headers=auth)
    assert stats.status_code == 200
    strict_json(stats.content)


def test_hostile_values_in_every_field_are_rejected_alone(hub: Hub, catalogue: Catalogue) -> None:
    creds = hub.provision(HALL_A)
    world = make_world(hub, creds)

    @given(st.sampled_from(TYPES), st.data())
    @settings(max_examples=120, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def one_push(record_type: str, data: st.DataObject) -> None:
        good = valid_records(world)
        payload = dict(to_payload(good[record_type]))
        field = data.draw(st.sampled_from([*FIELDS[record_type], "__envelope__"]))
        value = data.draw(HOSTILE)
        if field == "__envelope__":
            hostile = change_of(record_type, payload, created_at=value)  # type: ignore[arg-type]
        else:
            payload[field] = value
            hostile = change_of(record_type, payload)
        beside = record_change(good["notice"])
        status, answer = push_dicts(hub, creds, [hostile, beside])
        assert status < 500
        if status == 200:
            assert answer is not None
            assert answer.answers[1].result is protocol.Result.STORED, answer.answers[1]
            first = answer.answers[0]
            if first.result is protocol.Result.REJECTED:
                assert first.reason is not None and len(first.detail) <= 300

    one_push()
    assert_terminal_would_keep(hub, catalogue)
    assert_feeds_and_stats_are_json(hub, creds.token)


def test_the_issue_values_are_each_rejected(hub: Hub, catalogue: Catalogue) -> None:
    creds = hub.provision(HALL_A)
    world = make_world(hub, creds)
    job = to_payload(valid_records(world)["job"])
    cases: list[tuple[str, Any]] = [
        ("urgent", "yes"), ("certificates", "abc"), ("hours_per_day", float("nan")),
        ("hours_per_day", float("inf")), ("hours_per_day", 1e308), ("hours_per_day", -3),
        ("start_date", "9999-12-31"), ("updated_at", "9999-12-31T00:00:00.000Z"),
        ("description", "长" * 300_000)]
    for field, value in cases:
        status, answer = push_dicts(hub, creds, [change_of("job", {**job, field: value})])
        assert status == 200 and answer is not None, (field, status)
        assert answer.answers[0].result is protocol.Result.REJECTED, field
    bad_envelopes = ["not-a-date", "2026-11-23T00:00:00.000000000000000000000000Z"]
    for stamp in bad_envelopes:
        status, answer = push_dicts(hub, creds, [change_of("job", dict(job), created_at=stamp)])
        assert status == 200 and answer is not None
        assert answer.answers[0].result is protocol.Result.REJECTED
    assert_feeds_and_stats_are_json(hub, creds.token)
    assert_terminal_would_keep(hub, catalogue)


def test_unknown_type_operation_and_hash_are_rejected_per_change(hub: Hub) -> None:
    creds = hub.provision(HALL_A)
    notice = record_change(valid_records(World(HALL_A, creds.terminal, "", "", ""))["notice"])
    bad = [{**notice, "record_type": "payroll", "change_id": new_id()},
           {**notice, "op": "merge", "change_id": new_id()},
           {**notice, "content_hash": "abc", "change_id": new_id()}]
    status, answer = push_dicts(hub, creds, [*bad, notice])
    assert status == 200 and answer is not None
    assert [a.result.value for a in answer.answers] == ["rejected"] * 3 + ["stored"]
