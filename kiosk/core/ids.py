"""Time-ordered UUIDs (RFC 9562 version 7), monotonic within a process."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_last_rand = 0
_RAND_BITS = 74
_RAND_MASK = (1 << _RAND_BITS) - 1


def new_id() -> str:
    """Return a new UUIDv7 string; ids made later in this process sort after earlier ones."""
    global _last_ms, _last_rand  # noqa: PLW0603 - module-level monotonic counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            _last_ms = now_ms
            _last_rand = int.from_bytes(os.urandom(10), "big") & (_RAND_MASK >> 1)
        else:
            _last_rand += 1 + (int.from_bytes(os.urandom(2), "big") & 0xFF)
            if _last_rand > _RAND_MASK:
                _last_ms += 1
                _last_rand = int.from_bytes(os.urandom(10), "big") & (_RAND_MASK >> 1)
        ms, rand = _last_ms, _last_rand
    return str(_compose(ms, rand))


def _compose(ms: int, rand: int) -> uuid.UUID:
    rand_a = rand >> 62  # 12 bits
    rand_b = rand & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= rand_a << 64
    value |= 0b10 << 62
    value |= rand_b
    return uuid.UUID(int=value)


def id_timestamp_ms(record_id: str) -> int:
    """The creation time (Unix milliseconds) carried in a UUIDv7."""
    return uuid.UUID(record_id).int >> 80


def is_valid_id(value: str) -> bool:
    """True when value is a canonical UUIDv7 string."""
    try:
        parsed = uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return False
    return parsed.version == 7 and str(parsed) == value
