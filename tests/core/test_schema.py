"""The one record schema (kiosk.core.schema): what the terminal writes fits it, and what
a forged payload may hold does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.codec import to_payload
from kiosk.core.records import ENTITY_TYPES
from kiosk.core.schema import check_payload, check_record, stamp_problem
from tests.store import samples

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def job_payload() -> dict[str, object]:
    return dict(to_payload(samples.job(created_at=NOW, updated_at=NOW)))


def test_every_sample_record_fits_the_schema() -> None:
    records = samples.one_of_each(samples.job().id)
    assert {type(r) for r in records} == set(ENTITY_TYPES.values())
    for record in records:
        assert check_record(record, NOW + timedelta(days=1)) == [], record


@pytest.mark.parametrize(("field", "value", "code"), [
    ("urgent", "yes", "bool_type"), ("certificates", "abc", "list_type"),
    ("hours_per_day", float("nan"), "finite_number"), ("hours_per_day", 1e308, "less_than_equal"),
    ("hours_per_day", -3, "greater_than_equal"), ("headcount", True, "int_type"),
    ("headcount", 1.0, "int_type"), ("pay_unit", "week", "literal_error"),
    ("start_date", "9999-12-31", "outside_window"), ("start_date", "2026-02-30", "not_a_date"),
    ("updated_at", "9999-12-31T00:00:00.000Z", "outside_window"),
    ("updated_at", "2026-11-23 08:00:00", "string_pattern_mismatch"),
    ("title", "a\x00b", "string_pattern_mismatch"),
    ("title", "\u202e反", "string_pattern_mismatch"),
    ("description", "长" * 2001, "string_too_long"),
    ("employer_id", "e1", "string_pattern_mismatch"),
])
def test_a_forged_field_is_named_with_a_code(field: str, value: object, code: str) -> None:
    payload = {**job_payload(), field: value}
    problems = check_payload("job", payload, NOW)
    assert [(p.field.split(".")[0], p.code) for p in problems] == [(field, code)]


def test_a_clock_a_few_minutes_ahead_passes_and_further_does_not() -> None:
    ahead = NOW + timedelta(minutes=4)
    payload = {**job_payload(), "updated_at": ahead.isoformat(timespec="milliseconds")
               .replace("+00:00", "Z")}
    assert check_payload("job", payload, NOW) == []
    assert check_payload("job", payload, NOW - timedelta(minutes=2)) != []
    assert stamp_problem("2026-11-23T08:00:00.000Z", NOW) is None
    assert stamp_problem("2026-11-23T09:00:00.000Z", NOW) == "timestamp_window"
    assert stamp_problem("not-a-date", NOW) == "timestamp_format"


def test_missing_and_unknown_fields_and_types() -> None:
    payload = job_payload()
    del payload["title"]
    payload["extra"] = 1
    codes = {p.code for p in check_payload("job", payload)}
    assert codes == {"missing", "extra_forbidden"}
    assert [p.code for p in check_payload("payroll", {})] == ["unknown"]
