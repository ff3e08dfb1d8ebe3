"""The doctor's camera and voice checks: QtMultimedia is loaded in a child process
(`python -m kiosk.ui.media_probe`), so a library that cannot load (libpulse missing) is
reported instead of taking the doctor down, and the doctor itself loads no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

from kiosk.core.errors import N_
from kiosk.system.config import Config
from kiosk.system.findings import Finding, Status

PROBE_MODULE = "kiosk.ui.media_probe"
PROBE_TIMEOUT_S = 60.0


@dataclass(frozen=True, slots=True)
class MediaReport:
    loaded: bool
    error: str = ""
    cameras: tuple[str, ...] = ()
    audio_outputs: int = 0


def probe_media(timeout_s: float = PROBE_TIMEOUT_S) -> MediaReport:
    """What QtMultimedia sees on this machine, asked in a child process."""
    try:
        done = subprocess.run([sys.executable, "-m", PROBE_MODULE], capture_output=True,
                              text=True, timeout=timeout_s, check=False)
        found = json.loads(done.stdout.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, OSError, ValueError, IndexError) as exc:
        return MediaReport(False, f"the probe failed: {exc}")
    return MediaReport(bool(found["loaded"]), str(found["error"]),
                       tuple(str(c) for c in found["cameras"]), int(found["audio_outputs"]))


def media_findings(config: Config | None) -> list[Finding]:
    """The camera (when one is configured) and voice prompts (on a touchscreen with voice
    on); nothing when the kiosk would not load QtMultimedia at all."""
    camera = "" if config is None else config.scan.camera
    wants_voice = config is not None and "terminal" in config.roles and config.touch.voice
    if not camera and not wants_voice:
        return []
    report = probe_media()
    findings = [camera_finding(camera, report)] if camera else []
    if wants_voice:
        findings.append(voice_finding(report))
    return findings


def camera_finding(camera: str, report: MediaReport) -> Finding:
    params = {"camera": camera, "error": report.error}
    if not report.loaded:
        return Finding("camera", Status.FAIL, N_(
            "Camera {camera} is configured, but QtMultimedia cannot load ({error}): the "
            "windows run without it."), params)
    if not any(camera == "default" or camera in name for name in report.cameras):
        found = ", ".join(report.cameras) or "-"
        return Finding("camera", Status.FAIL, N_(
            "Camera {camera} is not connected (cameras found: {found})."),
            {**params, "found": found})
    return Finding("camera", Status.OK, N_("Camera {camera} is connected."), params)


def voice_finding(report: MediaReport) -> Finding:
    if not report.loaded:
        return Finding("voice", Status.WARN, N_(
            "Voice prompts are off: QtMultimedia cannot load ({error})."),
            {"error": report.error})
    if report.audio_outputs == 0:
        return Finding("voice", Status.WARN, N_(
            "Voice prompts are off: there is no audio output device."))
    return Finding("voice", Status.OK, N_("{count} audio output(s) for voice prompts."),
                   {"count": report.audio_outputs})
