"""Running the agent again and again: every N seconds, backing off after failures."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from sync.agent import SyncAgent, SyncReport

log = logging.getLogger(__name__)
BACKOFF_CAP_S = 300.0


def next_delay(interval_s: float, failures: int, rand: Callable[[], float] = random.random,
               ) -> float:
    """After `failures` failures in a row: exponential backoff with full jitter, capped."""
    if failures == 0:
        return interval_s
    ceiling = min(BACKOFF_CAP_S, interval_s * float(2 ** min(failures, 16)))
    return max(1.0, ceiling * rand())


def run_forever(agent: SyncAgent, interval_s: float, stop: threading.Event,
                on_report: Callable[[SyncReport], None] | None = None) -> None:
    """Sync until `stop` is set: every `interval_s`, or later after failures."""
    failures = 0
    while not stop.is_set():
        report = agent.sync_once()
        failures = 0 if report.ok else failures + 1
        if on_report is not None:
            on_report(report)
        if not report.ok:
            log.warning("sync failed (%d in a row): %s", failures, "; ".join(report.errors))
        stop.wait(max(next_delay(interval_s, failures), report.retry_after_s or 0.0))
