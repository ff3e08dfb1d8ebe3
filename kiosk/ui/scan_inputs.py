"""Both ways a code comes into a window as one `scanned` signal: a keyboard-wedge scanner
(watching the application's key presses) and, when `[scan] camera` is set, a camera."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.system.config import ScanSettings
from kiosk.ui.camera import attach_camera
from kiosk.ui.input_watch import unwatch_input, watch_input
from kiosk.ui.scanner import WedgeScanner


class ScanInputs(QObject):
    """`problem`: what staff should read about an input that is off ("" when none)."""

    scanned = Signal(str)

    def __init__(self, scan: ScanSettings, parent: QWidget, *, swallow: bool = True) -> None:
        """The keys typed at `parent`'s window (and its dialogs) only: another role's
        window in the same process keeps its own. `swallow=False` for windows where people
        type into fields (the counter)."""
        super().__init__(parent)
        self.scanner = WedgeScanner(scan.max_gap_ms, scan.min_length, parent=self,
                                    swallow=swallow)
        self.scanner.scanned.connect(self.scanned)
        self.decoder, self.camera, self.problem = attach_camera(
            scan.camera, self.scanned.emit, self)
        watch_input(self.scanner, within=parent)

    def stop(self) -> None:
        if self.camera is not None:
            self.camera.stop()
        self.decoder.wait()
        unwatch_input(self.scanner)
