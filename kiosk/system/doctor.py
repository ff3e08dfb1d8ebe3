"""`kiosk doctor`: can this machine serve the hall? One finding per check, no Qt.

Checks, in order: configuration, the Chinese font (it must actually draw 零工: each glyph
is rendered with pillow and compared with what the font draws for a code point it cannot
have), printers (reached through the printers' transports, paper asked for), scanner,
camera and voice (QtMultimedia loaded in a child process: kiosk.system.media),
database (SQLite `quick_check`, read-only), free disk, the city hub (an authenticated GET:
reachable and token valid), clock (not before the build, not far from the hub's Date
header), and the sync outbox (oldest unsent change, refused changes).

A finding is OK, WARN (works, but look at it), FAIL (the hall will notice) or SKIP (not
applicable here). `kiosk doctor` exits 1 when any check fails.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from kiosk.core.errors import N_
from kiosk.store.health import database_health
from kiosk.system import fonts
from kiosk.system.config import Config, ConfigError, Paths, PrinterConfig, load_config
from kiosk.system.file_modes import file_modes_finding
from kiosk.system.findings import Finding, Param, Status
from kiosk.system.fonts import (
    FALLBACK_HINT,
    FONT_FAMILY,
    FONT_INDEX,
    INSTALL_HINT,
    FontMissing,
    cjk_font_path,
    font_chain,
)
from kiosk.system.handwriting import handwriting_findings
from kiosk.system.media import media_findings
from printers.probe import PaperState, probe
from printers.transports import FailureReason, FileTransport, PrintFailure, Transport
from sync import protocol, provisioning, transport

# The oldest date this build can run at: the release's own date, or the package's build
# date (build-deb.sh writes BUILD_DATE into the venv) when there is one.
RELEASE_DATE = date(2026, 11, 23)
BUILD_DATE_FILE = "BUILD_DATE"
FONT_PROBE_TEXT = "零工"
FONT_PROBE_LATIN = "0A"  # Droid Sans Fallback has Chinese but no Latin letters or digits
NOTDEF_CODEPOINT = "\U0010fffd"  # private use, plane 16: no font draws it
DISK_FAIL_BYTES = 200 * 1024**2
DISK_WARN_BYTES = 1024**3
OUTBOX_WARN_AGE = timedelta(hours=1)
OUTBOX_FAIL_AGE = timedelta(hours=24)
CLOCK_WARN_SKEW = timedelta(minutes=1)
CLOCK_FAIL_SKEW = timedelta(minutes=5)
HUB_TIMEOUT_S = 5.0
PROBE_AFTER = 2**62  # past every cursor: the hub answers an empty page


PRINTER_FAILURES = {
    FailureReason.OFFLINE: N_("{name} ({transport}) is not connected: {detail}"),
    FailureReason.PAPER_OUT: N_("{name} ({transport}) is out of paper."),
    FailureReason.BUSY: N_("{name} ({transport}) is in use by another program: {detail}"),
    FailureReason.TIMEOUT: N_("{name} ({transport}) does not answer: {detail}"),
}


@dataclass(slots=True)
class Doctor:
    """The checks, with what a test (or another machine) may set differently."""

    paths: Paths
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    build_date: date | None = None  # default: BUILD_DATE in the venv, else RELEASE_DATE
    hub_timeout_s: float = HUB_TIMEOUT_S
    transport_for: Callable[[PrinterConfig, Path], Transport] | None = None
    _hub_date: datetime | None = None
    _newest_change: datetime | None = None

    def run(self) -> list[Finding]:
        config: Config | None = None
        findings: list[Finding] = []
        try:
            config = load_config(self.paths.config_file)
            findings.append(Finding("config", Status.OK, N_("{path} is valid."),
                                    {"path": str(self.paths.config_file)}))
        except ConfigError as exc:
            findings.append(Finding("config", Status.FAIL, N_(
                "{problem} (see `kiosk config check`)"), {"problem": exc}))
        findings.append(check_font())
        findings.append(check_rare_characters())
        findings += self._printers(config)
        findings.append(self._scanner(config))
        findings += media_findings(config)
        findings += handwriting_findings(config)
        findings += self._database()
        findings.append(file_modes_finding(self.paths))
        findings.append(self._disk())
        findings.append(self._hub(config))
        findings.append(self._clock())
        return findings

    # -- printers and scanner -------------------------------------------------------------
    def _printers(self, config: Config | None) -> Iterator[Finding]:
        if config is None:
            yield Finding("printer", Status.SKIP, N_("Needs a valid configuration."))
            return
        if not {"terminal", "counter"} & set(config.roles):
            yield Finding("printer", Status.SKIP, N_("The {role} role prints nothing."),
                          {"role": config.role})
            return
        if not config.printers:
            yield Finding("printer", Status.WARN, N_(
                "No printer is configured: no tickets can be printed."))
            return
        for printer in config.printers:
            yield self._printer(printer)

    def _printer(self, printer: PrinterConfig) -> Finding:
        make = self.transport_for or _default_transport
        transport = make(printer, self.paths.data_dir)
        params: dict[str, Param] = {"name": printer.name, "transport": printer.transport}
        try:
            paper = probe(transport)
        except PrintFailure as failure:
            message = PRINTER_FAILURES.get(failure.reason,
                                           PRINTER_FAILURES[FailureReason.TIMEOUT])
            return Finding("printer", Status.FAIL, message,
                           {**params, "reason": failure.reason.value,
                            "detail": failure.detail or failure.reason.value})
        if isinstance(transport, FileTransport):
            return Finding("printer", Status.OK, N_(
                "{name}: tickets are written to the folder {folder} (no printer)."),
                {**params, "folder": str(transport.directory)})
        if paper is PaperState.OUT:
            return Finding("printer", Status.FAIL, N_(
                "{name} ({transport}) is connected but out of paper."), params)
        if paper is PaperState.LOW:
            return Finding("printer", Status.WARN, N_(
                "{name} ({transport}) is connected; the paper roll is nearly used up."), params)
        if paper is PaperState.OK:
            return Finding("printer", Status.OK, N_(
                "{name} ({transport}) is connected and has paper."), params)
        return Finding("printer", Status.OK, N_(
            "{name} ({transport}) is connected; it cannot report its paper."), params)

    def _scanner(self, config: Config | None) -> Finding:
        if config is None:
            return Finding("scanner", Status.SKIP, N_("Needs a valid configuration."))
        device = config.scanner.device
        if not device:
            return Finding("scanner", Status.SKIP, N_(
                "No scanner device is configured (a scanner that types like a keyboard "
                "needs none)."))
        path = Path(device)
        if not path.exists():
            return Finding("scanner", Status.FAIL, N_(
                "{device} is not there: is the scanner plugged in?"), {"device": device})
        if not os.access(path, os.R_OK):
            return Finding("scanner", Status.WARN, N_(
                "{device} is there, but this user may not read it (udev rules of the "
                "package give the kiosk user access)."), {"device": device})
        return Finding("scanner", Status.OK, N_("{device} is plugged in."), {"device": device})

    # -- database, disk ------------------------------------------------------------------
    def _database(self) -> Iterator[Finding]:
        path = self.paths.database
        if not path.is_file():
            yield Finding("database", Status.FAIL, N_(
                "There is no database at {path}: run `kiosk init`."), {"path": str(path)})
            yield Finding("outbox", Status.SKIP, N_("Needs the database."))
            return
        try:
            health = database_health(path)
        except (sqlite3.Error, OSError) as exc:
            yield Finding("database", Status.FAIL, N_("{path} cannot be opened: {detail}"),
                          {"path": str(path), "detail": str(exc)})
            yield Finding("outbox", Status.SKIP, N_("Needs the database."))
            return
        if not health.ok:
            yield Finding("database", Status.FAIL, N_(
                "{path} is damaged ({detail}): restore the latest backup from {backups}."),
                {"path": str(path), "detail": "; ".join(health.problems),
                 "backups": str(self.paths.backups)})
            yield Finding("outbox", Status.SKIP, N_("Needs the database."))
            return
        size_mb = round(path.stat().st_size / 1024**2, 1)
        yield Finding("database", Status.OK, N_("{path} passes SQLite's quick check ({size})."),
                      {"path": str(path), "size": f"{size_mb} MB"})
        if health.newest_change_at is not None:
            self._newest_change = _parse_time(health.newest_change_at)
        yield self._outbox(health.outbox, health.oldest_unsent_at)

    def _outbox(self, counts: Mapping[str, int], oldest: str | None) -> Finding:
        quarantined, rejected = counts.get("quarantined", 0), counts.get("rejected", 0)
        unsent = counts.get("pending", 0) + counts.get("sending", 0)
        if quarantined:
            return Finding("outbox", Status.FAIL, N_(
                "{count} changes are kept aside because the hub refused this terminal: "
                "provision it again."), {"count": quarantined})
        age = None if oldest is None else self.now() - _parse_time(oldest)
        minutes = 0 if age is None else max(0, int(age.total_seconds() // 60))
        params: dict[str, Param] = {"count": unsent, "minutes": minutes,
                                        "rejected": rejected}
        if age is not None and age > OUTBOX_FAIL_AGE:
            return Finding("outbox", Status.FAIL, N_(
                "{count} changes are not sent; the oldest is {minutes} minutes old."), params)
        if rejected:
            return Finding("outbox", Status.WARN, N_(
                "The hub rejected {rejected} changes: staff must look at them."), params)
        if age is not None and age > OUTBOX_WARN_AGE:
            return Finding("outbox", Status.WARN, N_(
                "{count} changes are not sent; the oldest is {minutes} minutes old."), params)
        if unsent:
            return Finding("outbox", Status.OK, N_(
                "{count} changes wait to be sent; the oldest is {minutes} minutes old."),
                params)
        return Finding("outbox", Status.OK, N_("Everything is sent."), params)

    def _disk(self) -> Finding:
        where = self.paths.data_dir
        while not where.exists() and where != where.parent:
            where = where.parent
        free = shutil.disk_usage(where).free
        params: dict[str, Param] = {"free": _size(free), "path": str(where),
                                        "bytes": free}
        if free < DISK_FAIL_BYTES:
            return Finding("disk", Status.FAIL, N_(
                "Only {free} free on {path}: records and backups may fail."), params)
        if free < DISK_WARN_BYTES:
            return Finding("disk", Status.WARN, N_("Only {free} free on {path}."), params)
        return Finding("disk", Status.OK, N_("{free} free on {path}."), params)

    # -- hub and clock -------------------------------------------------------------------
    def _hub(self, config: Config | None) -> Finding:
        try:
            given = provisioning.load(self.paths.data_dir / provisioning.FILE_NAME)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return Finding("hub", Status.FAIL, N_("sync.json cannot be read: {detail}"),
                           {"detail": str(exc)})
        if given is None:
            return Finding("hub", Status.WARN, N_(
                "Not connected to a hub: the hall works offline (`kiosk provision`)."))
        params: dict[str, Param] = {"url": given.hub, "terminal": given.terminal}
        if transport.doctor_problem(given.hub) is not None:
            return Finding("hub", Status.FAIL, N_(
                "The hub {url} is not reached over HTTPS: the hall's network can see the "
                "token, ID numbers and phones. Provision it again with an https:// address."),
                params)
        if config is not None and given.hall != config.hall.id:
            return Finding("hub", Status.FAIL, N_(
                "The provisioning is for hall {hall}, not this hall: provision it again."),
                {**params, "hall": given.hall})
        return self._ask_hub(given, params)

    def _ask_hub(self, given: provisioning.Provisioning, params: dict[str, Param]) -> Finding:
        """An authenticated GET: an empty page of the pull feed (past every cursor)."""
        url = given.hub.rstrip("/") + protocol.PULL_PATH
        try:
            response = httpx.get(url, params={"after": PROBE_AFTER, "limit": 1},
                                 headers={"Authorization": f"Bearer {given.token}"},
                                 timeout=self.hub_timeout_s)
        except httpx.HTTPError as exc:
            return Finding("hub", Status.FAIL, N_("{url} cannot be reached: {detail}"),
                           {**params, "detail": f"{type(exc).__name__}: {exc}"})
        self._hub_date = _date_header(response)
        if response.status_code == httpx.codes.UNAUTHORIZED:
            return Finding("hub", Status.FAIL, N_(
                "{url} refused this terminal's token (revoked or unknown): provision it "
                "again."), params)
        if response.status_code != httpx.codes.OK:
            return Finding("hub", Status.FAIL, N_("{url} answered {status}."),
                           {**params, "status": response.status_code})
        millis = int(response.elapsed.total_seconds() * 1000)
        return Finding("hub", Status.OK, N_(
            "{url} answers in {millis} ms and knows this terminal ({terminal})."),
            {**params, "millis": millis})

    def _clock(self) -> Finding:
        now = self.now()
        shown = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        build = self.build_date or build_date()
        if now.date() < build:
            return Finding("clock", Status.FAIL, N_(
                "The clock says {now}, before this software was built ({build}): set the "
                "time (timedatectl)."), {"now": shown, "build": build.isoformat()})
        if self._newest_change is not None and self._newest_change - now > CLOCK_FAIL_SKEW:
            return Finding("clock", Status.FAIL, N_(
                "The clock says {now}, but a record was written at {newest}: the clock went "
                "back."), {"now": shown, "newest": self._newest_change.isoformat()})
        if self._hub_date is None:
            return Finding("clock", Status.OK, N_(
                "{now}; not compared with the hub (not reached)."), {"now": shown})
        skew = now - self._hub_date
        seconds = int(abs(skew.total_seconds()))
        params: dict[str, Param] = {"now": shown, "seconds": seconds}
        if abs(skew) > CLOCK_FAIL_SKEW:
            return Finding("clock", Status.FAIL, N_(
                "{now} is {seconds} seconds away from the hub's clock: set the time "
                "(timedatectl, NTP)."), params)
        if abs(skew) > CLOCK_WARN_SKEW:
            return Finding("clock", Status.WARN, N_(
                "{now} is {seconds} seconds away from the hub's clock."), params)
        return Finding("clock", Status.OK, N_(
            "{now}, within {seconds} seconds of the hub's clock."), params)


def check_font() -> Finding:
    """The CJK font exists and draws Chinese (and Latin digits and letters)."""
    try:
        path = cjk_font_path()
    except FontMissing as exc:
        return Finding("fonts", Status.FAIL, N_(
            "{family} is missing: Chinese would show as empty boxes. Install it with "
            "`{hint}`."), {"family": FONT_FAMILY, "hint": INSTALL_HINT, "detail": str(exc)})
    from PIL import ImageFont  # noqa: PLC0415 - pillow only when the check runs

    try:  # from an open file: given a name, pillow would look for the same name elsewhere
        with path.open("rb") as handle:
            font = ImageFont.truetype(handle, 48, index=FONT_INDEX)
    except OSError as exc:
        return Finding("fonts", Status.FAIL, N_("{path} cannot be read as a font: {detail}"),
                       {"path": str(path), "detail": str(exc)})
    missing = missing_glyphs(font, FONT_PROBE_TEXT + FONT_PROBE_LATIN)
    if missing:
        return Finding("fonts", Status.FAIL, N_(
            "{path} cannot draw {chars}: Chinese would show as empty boxes. Install "
            "{family} with `{hint}`."),
            {"path": str(path), "chars": "".join(missing), "family": FONT_FAMILY,
             "hint": INSTALL_HINT})
    return Finding("fonts", Status.OK, N_("{path} draws {sample}."),
                   {"path": str(path), "sample": FONT_PROBE_TEXT})


# GB 18030-2022 implementation level 1, as far as it can be listed here: the double-byte
# (GBK) part as Python's gb18030 codec decodes it, private-use code points aside, and the
# CJK Unified Ideographs U+4E00–U+9FEF and Extension A U+3400–U+4DB5.
GB18030_LEVEL1_RANGES = ((0x4E00, 0x9FEF), (0x3400, 0x4DB5))
RARE_NAME_SAMPLE = "䶮𠮷㛃𪚥"  # extensions A and B, from real names


def gb18030_level1() -> str:
    import unicodedata  # noqa: PLC0415 - only when the check runs

    chars = {chr(c) for a, b in GB18030_LEVEL1_RANGES for c in range(a, b + 1)}
    trails = [*range(0x40, 0x7F), *range(0x80, 0xFF)]
    for lead in range(0x81, 0xFF):
        for trail in trails:
            try:
                ch = bytes((lead, trail)).decode("gb18030")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(ch) not in ("Co", "Cn"):
                chars.add(ch)
    return "".join(sorted(chars))


def check_rare_characters() -> Finding:
    """The font chain draws GB 18030-2022 level 1 and rare name characters (ext. A–F)."""
    try:
        chain = font_chain()
    except FontMissing:
        return Finding("glyphs", Status.FAIL, N_("No font: no character can be drawn."))
    level1 = gb18030_level1()
    missing = fonts.missing(level1 + RARE_NAME_SAMPLE, chain)
    params: dict[str, str | int] = {"total": len(level1), "count": len(missing),
                                    "chars": missing[:20], "hint": FALLBACK_HINT}
    if any(ch in missing for ch in RARE_NAME_SAMPLE):
        return Finding("glyphs", Status.FAIL, N_(
            "Rare characters in names ({chars}) cannot be printed: install `{hint}`."), params)
    if missing:
        return Finding("glyphs", Status.WARN, N_(
            "{count} of the {total} characters of GB 18030-2022 level 1 cannot be drawn: "
            "{chars}."), params)
    return Finding("glyphs", Status.OK, N_(
        "All {total} characters of GB 18030-2022 level 1 and rare name characters can be "
        "drawn."), params)


def missing_glyphs(font: object, text: str) -> list[str]:
    """The characters of `text` the font draws as its missing-glyph box (or not at all)."""
    notdef = _draw(font, NOTDEF_CODEPOINT)
    return [ch for ch in text if (drawn := _draw(font, ch)) == notdef or not any(drawn)]


def _draw(font: object, char: str) -> bytes:
    from PIL import Image, ImageDraw  # noqa: PLC0415

    image = Image.new("L", (96, 96), 0)
    ImageDraw.Draw(image).text((16, 8), char, font=font, fill=255)  # type: ignore[arg-type]
    return image.tobytes()


def build_date() -> date:
    """BUILD_DATE in the venv's root (the .deb build writes it), else the release date."""
    marker = Path(sys.prefix) / BUILD_DATE_FILE
    try:
        return max(RELEASE_DATE, date.fromisoformat(marker.read_text("ascii").strip()))
    except (OSError, ValueError):
        return RELEASE_DATE


def exit_status(findings: list[Finding]) -> int:
    return 1 if any(f.status is Status.FAIL for f in findings) else 0


def _default_transport(printer: PrinterConfig, data_dir: Path) -> Transport:
    from kiosk.system.printer_profile import profile_from_config  # noqa: PLC0415 - rendering stack

    return profile_from_config(printer, data_dir).transport


def _date_header(response: httpx.Response) -> datetime | None:
    value = response.headers.get("date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _size(count: int) -> str:
    if count >= 1024**3:
        return f"{count / 1024**3:.1f} GB"
    return f"{count / 1024**2:.0f} MB"
