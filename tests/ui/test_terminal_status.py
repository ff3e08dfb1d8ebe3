"""The touchscreen's top bar says what a worker or staff walking by needs, nothing more."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.services.hall import Services
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import worker_draft


@pytest.fixture
def window(make_terminal: Callable[..., TerminalWindow]) -> TerminalWindow:
    return make_terminal()


def test_workers_never_see_the_records_waiting_to_sync(
        window: TerminalWindow, services: Services) -> None:
    services.register_worker(worker_draft())
    assert services.pending_sync_count() > 0
    window.update_status()
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert not any("待上传" in text or str(services.pending_sync_count()) + " 条" in text
                   for text in texts)
