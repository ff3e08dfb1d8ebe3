"""The touchscreen's top bar says what a worker or staff walking by needs, nothing more."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.services.hall import Services
from kiosk.system.config import default_config
from kiosk.ui.terminal.window import TerminalWindow
from tests.conftest import worker_draft


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[TerminalWindow]:
    terminal = TerminalWindow(services, default_config("T01"), printing=False)
    qtbot.addWidget(terminal)
    terminal.resize(1920, 1080)
    terminal.show()
    yield terminal
    terminal.shutdown()


def test_workers_never_see_the_records_waiting_to_sync(
        window: TerminalWindow, services: Services) -> None:
    services.register_worker(worker_draft())
    assert services.pending_sync_count() > 0
    window.update_status()
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert not any("待上传" in text or str(services.pending_sync_count()) + " 条" in text
                   for text in texts)
