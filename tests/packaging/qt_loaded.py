"""Run alone: start the kiosk's Qt parts offscreen and print every shared object loaded
from PySide6 (one path a line). tests/packaging/test_system_packages.py reads it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    import kiosk.ui.launch  # noqa: F401 - every window and widget module

    app = QApplication(sys.argv)
    QMediaDevices.audioOutputs()  # loads the multimedia backend
    effect = QSoundEffect()
    effect.setSource(QUrl.fromLocalFile("/nonexistent.wav"))
    QSvgRenderer(b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    app.processEvents()
    for path in _loaded(Path(__import__("PySide6").__file__).parent):
        print(path)


def _loaded(root: Path) -> list[str]:
    maps = Path("/proc/self/maps").read_text().splitlines()
    paths = {line.split()[-1] for line in maps if line.endswith(".so") or ".so." in line}
    return sorted(p for p in paths if p.startswith(str(root)))


if __name__ == "__main__":
    main()
