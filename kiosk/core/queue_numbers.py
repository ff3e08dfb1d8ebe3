"""Queue numbers with a terminal's letter (A012), as Chinese hall queue systems print them.

Each touchscreen of a hall numbers its own check-ins, so two of them would hand out the
same numbers: each has its own letter (`[terminal] queue_prefix`, unique in the hall, set at
provisioning). Without one, the letter is derived from the terminal's id, the same every
time. A number without a letter (older records) reads as before.
"""

from __future__ import annotations

import zlib

# The letters a hall's terminals use; a voice clip is recorded for each (kiosk.ui.voice).
PREFIX_LETTERS = "ABCDEFGH"


def is_queue_prefix(letter: str) -> bool:
    return len(letter) == 1 and letter in PREFIX_LETTERS


def derived_prefix(terminal_id: str) -> str:
    """A terminal's letter when none is configured: the same for the same id."""
    return PREFIX_LETTERS[zlib.crc32(terminal_id.encode("utf-8")) % len(PREFIX_LETTERS)]


def counter_kind(prefix: str) -> str:
    """The day's sequence a letter's numbers come from (kiosk.store.print_queue): each
    letter counts from 1, so A001 and B001 may both exist, as they should."""
    return f"checkin-{prefix}" if prefix else "checkin"


def queue_label(prefix: str, number: int) -> str:
    """What tickets, screens, the board and the voice say: A012; a number without a letter
    as it always was (12)."""
    return f"{prefix}{number:03d}" if prefix else str(number)


def ticket_label(prefix: str, number: int) -> str:
    """The ticket's huge number: A012, or 012 without a letter."""
    return f"{prefix}{number:03d}"
