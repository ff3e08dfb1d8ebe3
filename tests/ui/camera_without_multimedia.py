"""Run alone, with QtMultimedia made unloadable by the test (LD_LIBRARY_PATH): build a
touchscreen and a counter window with `[scan] camera = "default"` and print what staff
read in each window's status line, as JSON."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(data_dir: str) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import open_app
    from kiosk.system.config import Paths, load_config, write_config
    from kiosk.ui.counter.window import CounterWindow
    from kiosk.ui.terminal.window import TerminalWindow

    paths = Paths.resolve(Path(data_dir))
    config = load_config(paths.config_file)
    write_config(paths.config_file, replace(config, scan=replace(config.scan, camera="default")))
    app = open_app(paths)
    qt = QApplication(sys.argv[:1])
    terminal = TerminalWindow(app.services, app.config)
    counter = CounterWindow(app.services, app.config)
    terminal.show()
    qt.processEvents()
    print(json.dumps({"terminal": terminal.pending.text(), "counter": counter.pending.text(),
                      "camera": terminal.scan_inputs.camera is not None},
                     ensure_ascii=False))
    terminal.shutdown()
    counter.shutdown()


if __name__ == "__main__":
    main(sys.argv[1])
