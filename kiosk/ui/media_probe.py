"""`python -m kiosk.ui.media_probe`: can QtMultimedia load here, and what does it see?

Prints one JSON object: {"loaded": bool, "error": str, "cameras": [names],
"audio_outputs": count}. `kiosk doctor` runs it in a child process, so the doctor itself
never loads Qt and a library that cannot load (libpulse missing) cannot take it down.
"""

from __future__ import annotations

import json
import sys


def probe() -> dict[str, object]:
    try:
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415
        from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415
    except ImportError as exc:
        return {"loaded": False, "error": str(exc), "cameras": [], "audio_outputs": 0}
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    found = {"loaded": True, "error": "",
             "cameras": [d.description() for d in QMediaDevices.videoInputs()],
             "audio_outputs": len(QMediaDevices.audioOutputs())}
    del app
    return found


if __name__ == "__main__":
    print(json.dumps(probe(), ensure_ascii=False))
