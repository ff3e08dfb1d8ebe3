"""The hub's logging: one privacy filter (kiosk.core.log_privacy) on every handler, for the
hub's own loggers, uvicorn's and SQLAlchemy's; SQL parameters are never logged at all
(`hide_parameters` on the engine, sync.hub.database). Lines go to stderr: the journal."""

from __future__ import annotations

import logging
import sys
from typing import Any

from kiosk.core.log_privacy import PrivacyFilter

PRIVACY_FILTER = "kiosk.core.log_privacy.PrivacyFilter"
SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "sqlalchemy")
FORMAT = "%(levelname)s %(name)s: %(message)s"


def log_config(level: str = "WARNING") -> dict[str, Any]:
    """uvicorn's `log_config`: its loggers and SQLAlchemy's write through the privacy
    filter. The root logger is left to `setup_hub_logging`."""
    handler = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
               "formatter": "plain", "filters": ["privacy"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"privacy": {"()": PRIVACY_FILTER}},
        "formatters": {"plain": {"format": FORMAT}},
        "handlers": {"stderr": handler},
        "loggers": {name: {"level": level, "handlers": ["stderr"], "propagate": False}
                    for name in SERVER_LOGGERS},
    }


def setup_hub_logging(level: int = logging.WARNING) -> None:
    """Every record to stderr through the privacy filter, unless logging is already set up
    (a test runner, an embedding program): then theirs stays as it is."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(PrivacyFilter())
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
