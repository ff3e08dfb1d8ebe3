"""An ID-card reader watched off the GUI thread: the reader is asked for a card every
`POLL_S`; a card newly put on it is handed to the GUI as `card_read(id_number, name)`
(once, until it is taken away), a reader that fails as `problem(reason)` (for the staff
status line), and the watching goes on.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from kiosk.system.idcard import IdCardReader, ReaderError

log = logging.getLogger(__name__)
POLL_S = 0.3


class IdCardWatcher(QObject):
    card_read = Signal(str, str)  # ID number, name (queued to the GUI thread)
    problem = Signal(str)  # a ReaderError's reason; "" once the reader answers again

    def __init__(self, reader: IdCardReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._present: str | None = None  # the number of the card on the reader
        self._failing = False

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="idcard", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def poll_once(self) -> None:
        """One look at the reader (the thread's loop; tests call it directly)."""
        try:
            card = self.reader.read_card()
        except ReaderError as exc:
            log.warning("ID-card reader: %s", exc.reason)
            self._failing = True
            self.problem.emit(exc.reason)
            return
        if self._failing:
            self._failing = False
            self.problem.emit("")
        if card is None:
            self._present = None
        elif card.id_number != self._present:
            self._present = card.id_number
            self.card_read.emit(card.id_number, card.name)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            self._stop.wait(POLL_S)
