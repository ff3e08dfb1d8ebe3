"""The threads beside the windows: the print worker prints what the windows queue."""

from __future__ import annotations

import time
from pathlib import Path

from kiosk.app import open_app
from kiosk.app.background import start_background
from kiosk.cli import main
from kiosk.core.errors import Ok
from kiosk.system.config import Paths
from tests.conftest import worker_draft


def test_a_queued_card_is_printed_by_the_background_worker(tmp_path: Path) -> None:
    data = tmp_path / "hall"
    assert main(["--data-dir", str(data), "init", "--terminal-id", "T09"]) == 0
    app = open_app(Paths.resolve(data))
    background = start_background(app)
    try:
        assert background.sync is None  # not provisioned: no sync thread
        registered = app.services.register_worker(worker_draft(), print_card=True)
        assert isinstance(registered, Ok)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if app.store.print_queue.counts_by_state().get("printed") == 1:
                break
            time.sleep(0.1)
        assert app.store.print_queue.counts_by_state()["printed"] == 1
        printed = list((data / "prints").iterdir())
        assert len(printed) == 1 and printed[0].name.startswith("card-")
    finally:
        background.stop()
        app.close()
    assert not any(t.is_alive() for t in background.threads)
