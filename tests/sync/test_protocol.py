"""The wire format, provisioning strings, the hub schema and the retry schedule."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from sync import protocol, provisioning
from sync.hub.database import database_url, is_current, migrate
from sync.hub.schema import metadata
from sync.protocol import Change, PushRequest
from sync.runner import BACKOFF_CAP_S, next_delay

HASH = "0" * 64


def change(**overrides: object) -> Change:
    values: dict[str, object] = {
        "change_id": "c1", "record_type": "notice", "record_id": "n1", "op": "create",
        "payload": {"id": "n1", "text_zh": "通知"}, "content_hash": HASH,
        "created_at": "2026-11-23T00:00:00.000Z"}
    values.update(overrides)
    return Change.model_validate(values)


def test_a_push_request_round_trips_through_gzip() -> None:
    request = PushRequest(terminal_id="T01", hall_id="H", changes=[change()])
    body = protocol.encode(request)
    assert gzip.decompress(body).startswith(b"{")
    assert protocol.decode(PushRequest, body, "gzip") == request
    assert protocol.decode(PushRequest, protocol.encode(request, compress=False)) == request


@pytest.mark.parametrize("bad", [{"extra": 1}, {"payload": "text"}, {"change_id": ""}])
def test_changes_outside_v1_are_refused(bad: dict[str, object]) -> None:
    # An unknown record type, operation or a bad hash is the hub's to reject per change
    # (see test_schema_hub.py), so that one bad change never fails its batch.
    with pytest.raises(ValueError):
        change(**bad)


def test_batches_are_bounded_and_versioned() -> None:
    with pytest.raises(ValueError):
        PushRequest(terminal_id="T", hall_id="H", changes=[change()] * (protocol.MAX_BATCH + 1))
    with pytest.raises(ValueError):
        PushRequest.model_validate({"version": 2, "terminal_id": "T", "hall_id": "H",
                                    "changes": []})


def test_a_gzip_bomb_is_refused_not_expanded() -> None:
    bomb = gzip.compress(b"0" * (protocol.MAX_BODY_BYTES + 10))
    with pytest.raises(ValueError, match="too large"):
        protocol.gunzip(bomb)
    with pytest.raises(ValueError):
        protocol.gunzip(b"not gzip")


def test_provisioning_strings_round_trip_and_damage_is_reported(tmp_path: Path) -> None:
    given = provisioning.Provisioning(hub="https://hub.example:8443", terminal="T01",
                                      hall="370104-DDBL", token="s3cret-token")
    text = provisioning.encode(given)
    assert text.startswith("LGP1:") and "=" not in text
    assert provisioning.decode(text) == given
    for damaged in ("LGP2:abc", "LGP1:", "LGP1:!!!", "LGP1:" + text[5:15]):
        with pytest.raises(ValueError):
            provisioning.decode(damaged)
    path = tmp_path / provisioning.FILE_NAME
    provisioning.save(path, given)
    assert provisioning.load(path) == given and path.stat().st_mode & 0o777 == 0o600
    assert provisioning.load(tmp_path / "none.json") is None


def test_the_migrated_schema_is_the_one_the_code_uses(hub_engine: Engine) -> None:
    assert is_current(hub_engine)
    migrate(hub_engine)  # idempotent
    with hub_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_the_default_database_is_an_sqlite_file(tmp_path: Path) -> None:
    assert database_url(None, tmp_path) == f"sqlite:///{tmp_path}/kiosk-hub.sqlite3"
    assert database_url("postgresql://u@h/db").startswith("postgresql+psycopg://")


def test_backoff_grows_with_failures_and_is_capped() -> None:
    assert next_delay(30, 0) == 30
    assert next_delay(30, 1, rand=lambda: 1.0) == 60
    assert next_delay(30, 3, rand=lambda: 1.0) == 240
    assert next_delay(30, 50, rand=lambda: 1.0) == BACKOFF_CAP_S
    assert next_delay(30, 2, rand=lambda: 0.0) == 1.0  # jitter never means "at once"
