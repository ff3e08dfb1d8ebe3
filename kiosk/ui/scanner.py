"""Hall scanners are USB keyboards: they type a code and press Enter within milliseconds.

`WedgeScanner` watches key presses application-wide and tells such bursts from human
typing by timing: keys no more than `max_gap_ms` apart, at least `min_length` of them,
ended by Enter, are a scan. Scanned keys are swallowed (they must not land in a field);
slower typing passes through untouched. A burst that stops without Enter is let go.

Keys are timed by their events' timestamps (when the window system received them), not
when they are handled: a busy moment of the GUI thread in the middle of a scan (a screen
being built) holds the keys back, and timing them as handled would split the scan.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

MAX_GAP_MS = 35  # scanners type a key every 1–15 ms; people need 80 ms or more
MIN_LENGTH = 8  # the shortest payload worth reading
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class WedgeScanner(QObject):
    scanned = Signal(str)

    def __init__(self, max_gap_ms: int = MAX_GAP_MS, min_length: int = MIN_LENGTH,
                 parent: QObject | None = None, *, swallow: bool = True) -> None:
        """`swallow=False` (the counter, where people type into fields all day) lets every
        key through, so fast human typing never loses a character; only the Enter that
        ends a scan is kept back, and the window removes the code from the field."""
        super().__init__(parent)
        self.swallow = swallow
        self.max_gap = max_gap_ms / 1000
        self.min_length = min_length
        self._chars: list[str] = []
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.isAutoRepeat():
            return False
        typed = event.timestamp()  # ms; 0 for an event made without one
        return self.key(event.key(), event.text(), typed / 1000 if typed else time.monotonic())

    def key(self, key: int, text: str, now: float) -> bool:
        """One key press at `now` (seconds); True when it belongs to a scan (swallow it)."""
        burst = bool(self._chars) and now - self._last <= self.max_gap
        self._last = now
        if key in _ENTER:
            if burst and len(self._chars) >= self.min_length:
                code = "".join(self._chars)
                self._chars = []
                self.scanned.emit(code)
                return True
            self._chars = []
            return False
        if not text or not text.isprintable():
            self._chars = []
            return False
        self._chars = [*self._chars, text] if burst else [text]
        # The first key of a burst cannot be told from a person's: it goes through; the
        # owner of a focused field sees one stray character at most, and the touchscreen
        # has no text fields at all.
        return burst and self.swallow
