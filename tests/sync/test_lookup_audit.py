"""`kiosk-hub lookups`: the city answers a worker's "who looked me up" from its audit of
worker lookups (by worker, by hall, by date range), and deletes the audit past its
retention; through the real CLI on PostgreSQL and SQLite."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.core.codec import iso_utc
from kiosk.core.errors import Ok
from sync.hub.cli import main
from sync.hub.lookup_audit import RETENTION_ENV
from sync.hub.schema import worker_lookups
from sync.lookup import HubDirectory
from tests.conftest import id_number, worker_draft
from tests.sync.conftest import HALL_A, HALL_B, Hub, Terminal

NUMBER = id_number(date(1969, 8, 8), seq=275)


def hub_cli(hub: Hub, capsys: pytest.CaptureFixture[str], *argv: str,
            lang: str = "en") -> tuple[int, str]:
    """`kiosk-hub lookups …` against the test hub's database: (exit code, stdout)."""
    url = hub.engine.url.render_as_string(hide_password=False)
    code = main(["--db", url, "--lang", lang, "lookups", *argv])
    return code, capsys.readouterr().out


def as_json(hub: Hub, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code, out = hub_cli(hub, capsys, *argv, "--json", lang="zh_CN")
    return code, json.loads(out)


def looked_up(hub: Hub, hall_a: Terminal, hall_b: Terminal) -> str:
    """Hall A's worker, asked for at hall B by number and by card, and at a second terminal
    of hall B for a number nobody has; the worker's id."""
    made = hall_a.services.register_worker(worker_draft(id_number=NUMBER))
    assert isinstance(made, Ok)
    assert hall_a.agent(hub.client).sync_once().ok
    counter = HubDirectory(hall_b.credentials, hub.client)
    assert counter.by_id_number(NUMBER) is not None
    assert counter.by_worker_id(made.value.id) is not None
    other = HubDirectory(hub.provision(HALL_B, "touchscreen 2"), hub.client)
    assert other.by_id_number(id_number(seq=991)) is None
    return made.value.id


def test_lookups_of_a_worker_list_the_terminal_the_hall_and_the_time(
        hub: Hub, hall_a: Terminal, hall_b: Terminal,
        capsys: pytest.CaptureFixture[str]) -> None:
    worker_id = looked_up(hub, hall_a, hall_b)
    code, rows = as_json(hub, capsys, "--worker", worker_id)
    assert code == 0
    terminal = hall_b.credentials.terminal
    assert [(r["terminal_id"], r["terminal_name"], r["hall_id"], r["by"], r["worker_id"])
            for r in rows] == [(terminal, "counter", HALL_B, "id_number", worker_id),
                               (terminal, "counter", HALL_B, "card", worker_id)]
    today = datetime.now(UTC).date().isoformat()
    assert all(r["at"].startswith(today) and r["at"].endswith("Z") for r in rows)
    # the same in words, in Chinese by default
    code, text = hub_cli(hub, capsys, "--worker", worker_id, lang="zh_CN")
    lines = text.splitlines()
    assert code == 0 and len(lines) == 2
    assert f"驿站 {HALL_B}  终端 {terminal} (counter)  按身份证号码  → {worker_id}" in lines[0]
    assert "按工作卡" in lines[1]
    # a hall's lookups: also the one that found nobody, from its other terminal
    code, rows = as_json(hub, capsys, "--hall", HALL_B)
    assert code == 0 and [(r["terminal_name"], r["worker_id"]) for r in rows] == [
        ("counter", worker_id), ("counter", worker_id), ("touchscreen 2", None)]
    assert as_json(hub, capsys, "--hall", HALL_A) == (0, [])
    # by date range (UTC days, both included)
    tomorrow = (datetime.now(UTC).date() + timedelta(days=1)).isoformat()
    yesterday = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
    assert len(as_json(hub, capsys, "--since", today, "--until", today)[1]) == 3
    assert as_json(hub, capsys, "--worker", worker_id, "--since", tomorrow) == (0, [])
    assert as_json(hub, capsys, "--hall", HALL_B, "--until", yesterday) == (0, [])
    assert hub_cli(hub, capsys, "--worker", "nobody") == (0, "No lookup matches.\n")


def audit_at(hub: Hub, *days_ago: int) -> None:
    now = datetime.now(UTC)
    with hub.engine.begin() as conn:
        for days in days_ago:
            conn.execute(worker_lookups.insert().values(
                at=iso_utc(now - timedelta(days=days)), terminal_id="T-OLD", hall_id=HALL_B,
                by="card", worker_id=f"w-{days}"))


def kept(hub: Hub) -> list[str]:
    with hub.engine.connect() as conn:
        return sorted(str(w) for w in conn.execute(select(worker_lookups.c.worker_id)).scalars())


def test_the_audit_is_deleted_past_its_retention(
        hub: Hub, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    audit_at(hub, 1, 364, 366, 400, 800)
    code, done = as_json(hub, capsys, "--purge")  # the default: a year
    assert code == 0 and (done["deleted"], done["older_than_days"]) == (3, 365)
    assert kept(hub) == ["w-1", "w-364"]
    monkeypatch.setenv(RETENTION_ENV, "400")  # the hub's configuration
    audit_at(hub, 390, 401)
    assert as_json(hub, capsys, "--purge")[1]["deleted"] == 1
    assert kept(hub) == ["w-1", "w-364", "w-390"]
    code, text = hub_cli(hub, capsys, "--purge", "--older-than", "380")  # the option wins
    assert code == 0 and text.startswith("1 lookups made before ")
    assert kept(hub) == ["w-1", "w-364"]


@pytest.mark.parametrize(("argv", "code"), [
    (["--purge", "--older-than", "30"], "retention_too_short"),
    (["--purge", "--older-than", "a year"], "bad_retention"),
    (["--purge", "--hall", HALL_B], "purge_alone"),
    (["--purge", "--since", "2026-01-01"], "purge_alone"),
    (["--worker", "w-1", "--older-than", "400"], "older_than_alone"),
    (["--since", "2026-13-01"], "bad_day"),
    (["--since", "2026-12-02", "--until", "2026-12-01"], "empty_range"),
    ([], "lookups_which"),
])
def test_bad_requests_are_refused_in_words_and_change_nothing(
        hub: Hub, capsys: pytest.CaptureFixture[str], argv: list[str], code: str) -> None:
    audit_at(hub, 1, 400)
    exit_code, answer = as_json(hub, capsys, *argv)
    assert exit_code == 2 and answer["ok"] is False
    assert [e["code"] for e in answer["errors"]] == [code]
    assert answer["errors"][0]["message"] != answer["errors"][0]["message_en"]  # translated
    assert kept(hub) == ["w-1", "w-400"]
