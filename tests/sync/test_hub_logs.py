"""The hub's logs carry no personal data: SQL parameters are never logged (a statement that
fails inside PostgreSQL shows none), and one privacy filter scrubs every logger's lines."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from sync.hub.database import database_url, make_engine
from tests.conftest import id_number
from tests.sync.pg import PostgresServer

PROBE = Path(__file__).with_name("hub_log_probe.py")
NUMBER = id_number(date(1968, 7, 9), seq=457)
PHONE = "13905317788"


@pytest.fixture(params=["postgresql", "sqlite"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres")
        return server.new_database()
    return database_url(None, tmp_path)


def test_a_failing_statement_does_not_carry_its_parameters(url: str) -> None:
    engine = make_engine(url)
    try:
        with pytest.raises(DBAPIError) as failed, engine.begin() as conn:
            conn.execute(text("SELECT no_such_function(:number, :phone)"),
                         {"number": NUMBER, "phone": PHONE})
    finally:
        engine.dispose()
    assert NUMBER not in str(failed.value) and PHONE not in str(failed.value)


def test_every_logger_of_the_hub_scrubs_personal_data(url: str) -> None:
    done = subprocess.run([sys.executable, str(PROBE), url, NUMBER, PHONE],
                          capture_output=True, text=True, timeout=120, check=True)
    logged = done.stderr
    assert "push failed" in logged and "Traceback" in logged  # the lines were written
    assert logged.count("push failed") == 3
    assert NUMBER not in logged and NUMBER[:17] not in logged
    assert PHONE not in logged and "王小明" not in logged
