"""Guards against a broken Qt binding: failures here explain crashes elsewhere."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication


def test_processing_events_keeps_references_to_none(qapp: QApplication) -> None:
    """PySide6 6.12.0 dropped a reference to None per processEvents(): Python aborted
    ("deallocating None") after a long day of a board's event loop. pyproject excludes it."""
    before = sys.getrefcount(None)
    for _ in range(1000):
        qapp.processEvents()
    assert sys.getrefcount(None) - before > -100
