"""What one request may cost the hub: body sizes and per-terminal request rates.

A terminal's token can be copied from a public hall, so a valid token is no reason to
let its holder inflate a gzip bomb or hammer the database. Rates are token buckets kept
in each server process (with `--workers N`, a terminal gets N times the rate at most).
The defaults let a terminal flush a backlog of a few days at full speed.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields

MiB = 1024 * 1024
# Environment variables of `kiosk-hub serve` (each server process reads them).
ENV_PREFIX = "KIOSK_HUB_LIMIT_"


@dataclass(frozen=True, slots=True)
class Limits:
    max_wire_bytes: int = 8 * MiB  # a request body as it arrives (compressed or not)
    max_body_bytes: int = 8 * MiB  # after gunzip: 500 of the largest records fit in 5 MiB
    max_inflation: int = 50  # gunzip may give at most this many times the wire size …
    inflation_floor: int = 1 * MiB  # … unless it stays below this
    push_per_s: float = 20.0  # batches of 500 a terminal may push per second, sustained
    push_burst: int = 100
    pull_per_s: float = 20.0  # feed pages per second
    pull_burst: int = 100
    # Worker lookups (sync.hub.lookup): a hall's morning of visitors from other halls, not
    # a walk through the space of ID numbers (30 at once, then one every 2 seconds).
    lookup_per_s: float = 0.5
    lookup_burst: int = 30

    def inflated_limit(self, wire_bytes: int) -> int:
        """The most bytes a gzip body of `wire_bytes` may inflate to."""
        by_ratio = max(self.inflation_floor, wire_bytes * self.max_inflation)
        return min(self.max_body_bytes, by_ratio)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Defaults, overridden by `KIOSK_HUB_LIMIT_<FIELD>` (e.g. KIOSK_HUB_LIMIT_PUSH_PER_S)."""
        env = os.environ if environ is None else environ
        values: dict[str, float | int] = {}
        for item in fields(cls):
            raw = env.get(ENV_PREFIX + item.name.upper())
            if raw:
                values[item.name] = float(raw) if item.type == "float" else int(raw)
        return cls(**values)  # type: ignore[arg-type]


class TokenBuckets:
    """One token bucket per key: `take(key)` is False when the key has no token left."""

    def __init__(self, per_s: float, burst: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_s = per_s
        self.burst = float(burst)
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, at)

    def take(self, key: str) -> bool:
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.per_s)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            return allowed

    def retry_after(self) -> int:
        """Whole seconds until one token is back (for the Retry-After header)."""
        return max(1, int(1 / self.per_s + 0.999)) if self.per_s > 0 else 60
