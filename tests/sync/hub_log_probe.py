"""Run alone: the hub's logging set up as `kiosk-hub` sets it up; a statement carrying an ID
number and a mobile number fails inside the database (URL in argv[1]) and is logged with
its traceback, by the hub's, SQLAlchemy's and uvicorn's loggers alike."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import text

from sync.hub.database import make_engine
from sync.hub.logs import setup_hub_logging

NUMBER, PHONE = sys.argv[2], sys.argv[3]


def main(url: str) -> None:
    setup_hub_logging(logging.INFO)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            # PostgreSQL echoes the value it could not cast in its own message
            conn.execute(text("SELECT CAST(:number AS integer), :phone"
                              if url.startswith("postgresql") else
                              "SELECT no_such_function(:number, :phone)"),
                         {"number": NUMBER, "phone": PHONE})
    except Exception as exc:
        for name in ("sync.hub.ingest", "sqlalchemy.engine", "uvicorn.error"):
            logging.getLogger(name).exception("push failed: %s", exc)
        logging.getLogger("uvicorn.error").error("worker %s phone %s", "王小明", PHONE)
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
