"""Camera scanning: video frames decoded with zxing-cpp, giving the same scanned text as a
keyboard-wedge scanner (the windows route both through one `on_scan`).

`FrameDecoder` takes frames from any source (`offer(QImage)`), decodes at most one at a
time off the GUI thread and at most every `interval_ms`, and says each code once: the same
code again within `repeat_ms` (a card held in front of the lens) is not a new scan.
`CameraFrames` is the real source: the configured camera through QtMultimedia. It is made
only when `[scan] camera` is set, so a terminal without a camera never loads QtMultimedia;
when QtMultimedia cannot load, the window carries on without the camera and says so.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QImage

from kiosk.core.errors import N_
from kiosk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)
INTERVAL_MS = 150  # a frame every 150 ms is plenty to catch a card shown to the lens
REPEAT_MS = 3000


def _decode(image: QImage) -> list[str]:
    import zxingcpp  # noqa: PLC0415 - only once a camera sends frames

    return [code.text for code in zxingcpp.read_barcodes(_grey(image))]


def _grey(image: QImage) -> Image.Image:
    from PIL import Image  # noqa: PLC0415 - only once a camera sends frames

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())
    return Image.frombuffer("L", (grey.width(), grey.height()), data, "raw", "L",
                            grey.bytesPerLine(), 1)


class FrameDecoder(QObject):
    scanned = Signal(str)

    def __init__(self, interval_ms: int = INTERVAL_MS, repeat_ms: int = REPEAT_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval = interval_ms / 1000
        self.repeat = repeat_ms / 1000
        self._busy = False
        self._last_offer = 0.0
        self._recent: dict[str, float] = {}
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.runner = TaskRunner(self, self.pool)

    def offer(self, image: QImage) -> bool:
        """A frame from the camera; False when it was skipped (busy or too soon)."""
        now = time.monotonic()
        if self._busy or now - self._last_offer < self.interval or image.isNull():
            return False
        self._busy = True
        self._last_offer = now
        frame = image.copy()
        # A damaged frame must not end the camera: its failure is logged, then skipped.
        self.runner.run(lambda: _decode(frame), self._decoded, lambda: self._decoded([]))
        return True

    def wait(self, timeout_ms: int = 5000) -> bool:
        """Until the decode in flight is done (tests, shutdown)."""
        return self.pool.waitForDone(timeout_ms)

    def _decoded(self, texts: object) -> None:  # the list of texts _decode returned
        self._busy = False
        now = time.monotonic()
        self._recent = {t: seen for t, seen in self._recent.items() if now - seen < self.repeat}
        for text in texts if isinstance(texts, list) else ():
            if text and text not in self._recent:
                self._recent[text] = now
                self.scanned.emit(text)


class CameraFrames(QObject):
    """The configured camera's frames into a decoder. `camera` is "default" or part of a
    camera's name; `available` is False when no such camera exists (the window carries on
    with the keyboard-wedge scanner alone)."""

    def __init__(self, camera: str, decoder: FrameDecoder, parent: QObject | None = None,
                 ) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import (  # noqa: PLC0415 - only with a camera configured
            QCamera,
            QMediaCaptureSession,
            QMediaDevices,
            QVideoSink,
        )

        self.decoder = decoder
        devices = QMediaDevices.videoInputs()
        chosen = next((d for d in devices if camera == "default" or camera in d.description()),
                      None)
        self.available = chosen is not None
        if chosen is None:
            log.warning("camera %r not found (%d cameras)", camera, len(devices))
            return
        self.camera = QCamera(chosen, self)
        self.session = QMediaCaptureSession(self)
        self.sink = QVideoSink(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(lambda frame: decoder.offer(frame.toImage()))
        self.camera.start()

    def stop(self) -> None:
        if self.available:
            self.camera.stop()
        self.decoder.wait()


# What staff read in the window's status line when the configured camera is off.
CAMERA_CANNOT_START = N_("Camera off (see kiosk doctor): use the scanner")
CAMERA_NOT_FOUND = N_("Camera not connected: use the scanner")


def attach_camera(camera: str, on_scan: object, parent: QObject,
                  ) -> tuple[FrameDecoder, CameraFrames | None, str]:
    """A decoder whose scans go to `on_scan`, fed by the configured camera if there is
    one ("" in the configuration: no camera), and the message for staff when the camera
    is configured but off ("" otherwise). QtMultimedia that cannot load (a library such
    as libpulse missing) leaves the window running without the camera."""
    decoder = FrameDecoder(parent=parent)
    decoder.scanned.connect(on_scan)
    if not camera:
        return decoder, None, ""
    try:
        frames = CameraFrames(camera, decoder, parent)
    except (ImportError, OSError) as exc:
        log.error("camera %r cannot start, QtMultimedia does not load: %s", camera, exc)
        return decoder, None, CAMERA_CANNOT_START
    return decoder, frames, "" if frames.available else CAMERA_NOT_FOUND
