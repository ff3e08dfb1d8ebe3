"""The terminal's configuration: one TOML file, plus the per-installation secret key.

By default both live in platformdirs locations; `--data-dir D` (or KIOSK_DATA_DIR) puts the
config, database, key and backups together in D.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.core.city_content import district_code
from kiosk.core.city_workers import DEFAULT_CITY_COPY_DAYS, MAX_CITY_COPY_DAYS
from kiosk.core.counter_hours import CounterHours, parse_hhmm
from kiosk.core.errors import N_
from kiosk.core.i18n import LANGUAGES, translate
from kiosk.core.job_window import MAX_LISTED_DAYS, ListingRule
from kiosk.core.privacy import CONSENT_VERSION, OlderWorkerRule, new_blind_index_key
from kiosk.core.queue_numbers import PREFIX_LETTERS, derived_prefix
from kiosk.store.backup import backup_dir_of
from kiosk.store.private import private_dir

if TYPE_CHECKING:
    from kiosk.core.scan import ScanKeys

APP_NAME = "linggong-kiosk"
CONFIG_FILE = "config.toml"
DATABASE_FILE = "kiosk.sqlite3"
KEY_FILE = "blind-index.key"
CARD_KEY_FILE = "card-key.ed25519"  # the terminal's raw Ed25519 private key for worker cards
LEGACY_CARD_CHOICES = ("accept", "unverified", "refuse")
HALL_KINDS = ("零工市场", "零工驿站")


ROLES = ("terminal", "board", "counter")
LOG_LEVELS = ("debug", "info", "warning", "error")


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong in the configuration: the setting (`board.page_seconds`, or "" for
    the whole file), a catalogue message and its parameters. A warning does not stop the
    terminal (`kiosk config check` lists it); an error does."""

    key: str
    message: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    warning: bool = False

    def text(self, language: str = "en") -> str:
        body = translate(self.message, language).format(**self.params)
        return f"{self.key}: {body}" if self.key else body


class ConfigError(Exception):
    """The configuration file is missing or wrong; the message says what to fix.

    `str(error)` is English; `error.text(language)` is translated. `problems` lists every
    error found (not only the first)."""

    def __init__(self, path: Path | None, problems: str | Sequence[ConfigProblem]) -> None:
        self.path = path
        self.problems = ((ConfigProblem("", problems),) if isinstance(problems, str)
                         else tuple(problems))
        super().__init__(self.text("en"))

    def text(self, language: str = "en") -> str:
        lines = [p.text(language) for p in self.problems]
        if self.path is None:
            return "\n".join(lines)
        if len(lines) == 1:
            return f"{self.path}: {lines[0]}"
        return "\n  ".join([f"{self.path}:", *lines])


@dataclass(frozen=True, slots=True)
class Paths:
    config_dir: Path
    data_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | Path | None = None) -> Paths:
        chosen = data_dir or os.environ.get("KIOSK_DATA_DIR")
        if chosen:
            base = Path(chosen).expanduser().resolve()
            return cls(base, base)
        import platformdirs  # noqa: PLC0415 - halls pass a data dir; this costs a start 10 ms

        return cls(Path(platformdirs.user_config_dir(APP_NAME)),
                   Path(platformdirs.user_data_dir(APP_NAME)))

    @property
    def config_file(self) -> Path:
        return self.config_dir / CONFIG_FILE

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def key_file(self) -> Path:
        return self.data_dir / KEY_FILE

    @property
    def card_key_file(self) -> Path:
        return self.data_dir / CARD_KEY_FILE

    @property
    def backups(self) -> Path:
        return backup_dir_of(self.database)


@dataclass(frozen=True, slots=True)
class HallInfo:
    """The hall, named by the seeds' rule: 市 + 区/县 + 镇/街道 (or place) + 零工市场/零工驿站."""

    id: str
    city: str
    district: str
    street: str
    kind: str
    address: str = ""
    hours: str = ""
    hotline: str = ""
    complaint_channel: str = ""
    timezone: str = "Asia/Shanghai"

    @property
    def name(self) -> str:
        return f"{self.city}{self.district}{self.street}{self.kind}"

    @property
    def district_code(self) -> str:
        """The 6-digit district code the hall id starts with (370104), or "": the city's
        notices for chosen districts reach the halls whose id starts with one of them."""
        return district_code(self.id)


PRINTER_TRANSPORTS = ("file", "network", "usb", "serial", "device", "cups")


@dataclass(frozen=True, slots=True)
class PrinterConfig:
    """One `[printers.NAME]` table: the transport and its settings, as written."""

    name: str
    transport: str = "file"
    width_dots: int = 384  # 58 mm paper; 576 for 80 mm
    paper_mm: float = 58
    output: str = "escpos"  # or "pdf"
    cut: bool = True
    printable_mm: float = 0  # PDF tickets stay within it; 0: 48 mm of 58, 72 mm of 80
    options: tuple[tuple[str, str | int | float | bool], ...] = ()  # host, port, vendor_id …

    def option(self, key: str, default: str | int | float | bool) -> str | int | float | bool:
        return dict(self.options).get(key, default)


DEFAULT_PRINTER = PrinterConfig("ticket", options=(("directory", "prints"),))


BOARD_MODES = ("pages", "scroll")
BOARD_QR_KINDS = ("payload", "url")


@dataclass(frozen=True, slots=True)
class BoardSettings:
    """`[board]`: the hall's big screen. qr: "payload" (LGJ1:<id>) or "url" (the city's page)."""

    page_seconds: int = 12
    mode: str = "pages"  # or "scroll"
    group_by_sector: bool = False  # one trade group per screen
    qr: str = "payload"
    job_url_template: str = "https://example.gov.cn/lg/job/{id}"
    stale_after_minutes: int = 30
    # The panel's diagonal and how far away people read it: key facts are sized from these
    # (kiosk.core.legibility; a 55-inch 1080p panel read from 5 m needs 25 mm, ~40 px).
    diagonal_inches: float = 55.0
    viewing_distance_m: float = 5.0


@dataclass(frozen=True, slots=True)
class TouchSettings:
    """`[touch]`: the workers' touchscreen (the `terminal` role).

    idle_seconds without a touch, then a countdown of countdown_seconds, then every field is
    cleared and home is shown. screen_inches (the panel's diagonal) sizes touch targets in
    millimetres. voice: spoken prompts on at start; large_text: 大字 on at start.
    """

    idle_seconds: int = 60
    countdown_seconds: int = 10
    screen_inches: float = 21.5
    voice: bool = True
    large_text: bool = False


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """`[scan]`: city_public_keys, base64 Ed25519 keys whose signed pre-registrations
    (LGR1) this terminal accepts; two while the city rotates its key."""

    city_public_keys: tuple[str, ...] = ()
    # The QR stand on the touchscreen's home: the city's phone registration page.
    phone_registration_url: str = "https://example.gov.cn/lg/register?hall={hall}"
    # Keyboard-wedge scanners: keys at most this far apart, this many at least, then Enter.
    max_gap_ms: int = 35
    min_length: int = 8
    camera: str = ""  # "" no camera; "default", or part of the camera's name
    # Old unsigned LGW1 worker cards (kiosk.core.card_rules.LegacyCards): "accept" (a
    # worker this terminal knows is numbered, others wait for the hub), "unverified"
    # (every LGW1 check-in waits for the hub) or "refuse".
    legacy_cards: str = "accept"

    def registration_url(self, hall_id: str) -> str:
        return self.phone_registration_url.replace("{hall}", hall_id)

    def keys(self) -> ScanKeys:
        """The parsed keys; raises ValueError naming a bad one."""
        from kiosk.core.scan import ScanKeys  # noqa: PLC0415 - cryptography only when scanning

        return ScanKeys.from_texts(self.city_public_keys)

    def usable_keys(self) -> ScanKeys:
        """The keys, or none when one is bad (`load_config` has said which): a window
        goes on reading cards and job codes either way."""
        from kiosk.core.scan import ScanKeys  # noqa: PLC0415 - cryptography only when scanning

        try:
            return self.keys()
        except ValueError:
            return ScanKeys()


@dataclass(frozen=True, slots=True)
class DisplaySettings:
    """`[display]`: which screen to fill (none: the first), and when the screen sleeps.

    blank_from / blank_until ("HH:MM", hall time): the screen is switched off from
    blank_from until blank_until (packaging/kiosk-screen-hours); both empty: never off.
    """

    screen: int | None = None
    blank_from: str = ""
    blank_until: str = ""

    def blanking(self) -> bool:
        return bool(self.blank_from and self.blank_until)


@dataclass(frozen=True, slots=True)
class ScannerSettings:
    """`[scanner]`: a USB scanner that types like a keyboard needs no setting; `device` (an
    input device path such as /dev/input/by-id/…-event-kbd) lets `kiosk doctor` check it
    is plugged in."""

    device: str = ""


@dataclass(frozen=True, slots=True)
class PrivacySettings:
    """`[privacy]`: city_copy_days, the days a copy of another hall's worker (known through
    the hub) is kept after its last use here (kiosk.core.city_workers)."""

    city_copy_days: int = DEFAULT_CITY_COPY_DAYS


@dataclass(frozen=True, slots=True)
class CounterSettings:
    """`[counter]`: the window this counter calls numbers to (叫号), as the board shows it,
    and when staff are there ("HH:MM", hall time): an employer's receipt printed while the
    counter is closed says when it opens."""

    window: str = "1"
    opens: str = "08:30"
    closes: str = "17:30"

    def hours(self) -> CounterHours:
        return CounterHours(parse_hhmm(self.opens), parse_hhmm(self.closes))


@dataclass(frozen=True, slots=True)
class IdCardSettings:
    """`[idcard]`: a 二代身份证 reader on a serial port (its USB adapter's device path, such
    as /dev/ttyUSB0); "" for none. Readers in keyboard mode need no setting."""

    device: str = ""
    baud: int = 115200


@dataclass(frozen=True, slots=True)
class LogSettings:
    """`[logging]`: the level of the log files (data dir `logs/`); KIOSK_LOG_LEVEL wins."""

    level: str = "info"


@dataclass(frozen=True, slots=True)
class Config:
    hall: HallInfo
    terminal_id: str
    language: str = "zh_CN"
    role: str = "terminal"  # what this machine shows: terminal, board, counter (or a list)
    areas: tuple[str, ...] = ()
    older: OlderWorkerRule = field(default_factory=OlderWorkerRule)
    consent_version: str = CONSENT_VERSION
    long_wait_days: int = 30  # no hire for this many days: a hardship case (S6)
    listing: ListingRule = field(default_factory=ListingRule)  # jobs without an end date
    printers: tuple[PrinterConfig, ...] = (DEFAULT_PRINTER,)
    board: BoardSettings = field(default_factory=BoardSettings)
    touch: TouchSettings = field(default_factory=TouchSettings)
    scan: ScanSettings = field(default_factory=ScanSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)
    scanner: ScannerSettings = field(default_factory=ScannerSettings)
    log: LogSettings = field(default_factory=LogSettings)
    counter: CounterSettings = field(default_factory=CounterSettings)
    idcard: IdCardSettings = field(default_factory=IdCardSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    # [terminal] queue_prefix: this touchscreen's letter (A012), unique in the hall; ""
    # derives one from the terminal id (kiosk.core.queue_numbers).
    queue_prefix_setting: str = ""

    @property
    def queue_prefix(self) -> str:
        return self.queue_prefix_setting or derived_prefix(self.terminal_id)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.role.split(","))

    def printer(self, name: str | None = None) -> PrinterConfig | None:
        """The named printer, or the first one."""
        if name is None:
            return self.printers[0] if self.printers else None
        return next((p for p in self.printers if p.name == name), None)


def default_config(terminal_id: str | None = None) -> Config:
    """A working configuration for a demo hall in Jinan (槐荫区段店北路街道)."""
    return Config(
        hall=HallInfo(
            id="370104-DDBL", city="济南市", district="槐荫区", street="段店北路街道",
            kind="零工市场", address="济南市槐荫区段店北路188号",
            hours="周一至周日 06:00–18:00", hotline="0531-12333",
            complaint_channel="劳动保障监察投诉电话 12333，或到服务窗口登记",
        ),
        terminal_id=terminal_id or f"T{secrets.token_hex(3).upper()}",
        areas=("槐荫区", "市中区", "历下区", "天桥区", "历城区", "长清区", "高新区"),
    )


def load_config(path: Path) -> Config:
    """The configuration in `path`; raises ConfigError listing every error found."""
    config, problems = check_config(path)
    errors = [p for p in problems if not p.warning]
    if config is None or errors:
        raise ConfigError(path, errors)
    return config


def check_config(path: Path) -> tuple[Config | None, list[ConfigProblem]]:
    """Read and validate `path`: the configuration as read (defaults standing in for bad
    values; None when the file is missing or not TOML) and every problem found, errors and
    warnings (`kiosk config check`). Only a list without errors makes the result usable."""
    if not path.exists():
        return None, [ConfigProblem("", N_(
            "There is no configuration yet: run `kiosk init` first."))]
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return None, [ConfigProblem("", N_("This is not valid TOML: {detail}"),
                                    {"detail": str(exc)})]
    except OSError as exc:
        return None, [ConfigProblem("", N_("The file cannot be read: {detail}"),
                                    {"detail": str(exc)})]
    reader = _Reader()
    return _config_from_data(reader, data), reader.problems


_HALL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
_TERMINAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
_PHONE_LINE = re.compile(r"[0-9+()\- ]{3,24}")
_WINDOW = re.compile(r"[A-Za-z0-9]{1,8}")
_TIME_OF_DAY = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
_SECTIONS = ("hall", "terminal", "policy", "printers", "board", "touch", "scan", "display",
             "scanner", "logging", "counter", "idcard", "privacy")
_PRINTER_KEYS = ("transport", "width_dots", "paper_mm", "output", "cut", "printable_mm")
# The options each transport needs (and may have), as printing.py reads them.
_TRANSPORT_OPTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "file": ((), ("directory",)),
    "network": (("host",), ("port",)),
    "usb": (("vendor_id", "product_id"), ()),
    "serial": (("device",), ("baudrate",)),
    "device": (("device",), ()),
    "cups": (("queue",), ()),
}
_MISSING = object()


class _Reader:
    """Reads settings out of parsed TOML, noting every problem and going on with the
    default, so one check reports everything that is wrong at once."""

    def __init__(self) -> None:
        self.problems: list[ConfigProblem] = []

    def bad(self, key: str, message: str, **params: str | int) -> None:
        self.problems.append(ConfigProblem(key, message, params))

    def warn(self, key: str, message: str, **params: str | int) -> None:
        self.problems.append(ConfigProblem(key, message, params, warning=True))

    def table(self, data: Mapping[str, Any], key: str, *, required: bool = False,
              ) -> dict[str, Any]:
        value = data.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.bad(key, N_("This section is missing."))
            return {}
        if not isinstance(value, dict):
            self.bad(key, N_("must be a table of settings."))
            return {}
        return value

    def unknown(self, table: Mapping[str, Any], section: str, known: Iterable[str]) -> None:
        for key in sorted(set(table) - set(known)):
            self.warn(f"{section}.{key}" if section else key,
                      N_("is not a known setting (a typing mistake?)."))

    def text(self, table: Mapping[str, Any], section: str, key: str, default: str = "", *,
             required: bool = False, pattern: re.Pattern[str] | None = None,
             pattern_message: str = "") -> str:
        name = f"{section}.{key}"
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.bad(name, N_("is required."))
            return default
        if not isinstance(value, str):
            self.bad(name, N_("must be text."))
            return default
        if required and not value.strip():
            self.bad(name, N_("is required."))
            return default
        if pattern is not None and value and not pattern.fullmatch(value):
            self.bad(name, pattern_message)
            return default
        return value

    def integer(self, table: Mapping[str, Any], section: str, key: str, default: int, *,
                low: int | None = None, high: int | None = None) -> int:
        name = f"{section}.{key}"
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.bad(name, N_("must be a whole number."))
            return default
        return value if self._in_range(name, value, low, high) else default

    def number(self, table: Mapping[str, Any], section: str, key: str, default: float, *,
               low: float, high: float) -> float:
        name = f"{section}.{key}"
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.bad(name, N_("must be a number."))
            return default
        return float(value) if self._in_range(name, value, low, high) else default

    def _in_range(self, name: str, value: float, low: float | None, high: float | None,
                  ) -> bool:
        if low is not None and high is not None and not low <= value <= high:
            self.bad(name, N_("must be between {low} and {high}."), low=_num(low),
                     high=_num(high))
            return False
        if low is not None and value < low:
            self.bad(name, N_("must be {low} or more."), low=_num(low))
            return False
        return True

    def flag(self, table: Mapping[str, Any], section: str, key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.bad(f"{section}.{key}", N_("must be true or false."))
            return default
        return value

    def choice(self, table: Mapping[str, Any], section: str, key: str, default: str,
               choices: Sequence[str]) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or value not in choices:
            self.bad(f"{section}.{key}", N_("must be one of: {choices}."),
                     choices=", ".join(choices))
            return default
        return value

    def texts(self, table: Mapping[str, Any], section: str, key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.bad(f"{section}.{key}", N_("must be a list of texts."))
            return ()
        return tuple(value)


def _num(value: float) -> str | int:
    return int(value) if float(value).is_integer() else str(value)


def _config_from_data(reader: _Reader, data: dict[str, Any]) -> Config:
    reader.unknown(data, "", _SECTIONS)
    terminal = reader.table(data, "terminal", required=True)
    reader.unknown(terminal, "terminal", ("id", "language", "role", "queue_prefix"))
    policy = reader.table(data, "policy")
    reader.unknown(policy, "policy", ("areas", "older_age_men", "older_age_women",
                                      "consent_version", "long_wait_days", *_LISTED_DAYS))
    return Config(
        hall=_hall_from_data(reader, reader.table(data, "hall", required=True)),
        terminal_id=reader.text(terminal, "terminal", "id", "T0", required=True,
                                pattern=_TERMINAL_ID, pattern_message=N_(
                                    "must be letters, digits and hyphens, such as T01.")),
        language=reader.choice(terminal, "terminal", "language", "zh_CN", LANGUAGES),
        role=_role_from_data(reader, terminal),
        queue_prefix_setting=reader.choice(terminal, "terminal", "queue_prefix", "",
                                           tuple(PREFIX_LETTERS))
        if "queue_prefix" in terminal else "",
        areas=reader.texts(policy, "policy", "areas"),
        older=OlderWorkerRule(
            reader.integer(policy, "policy", "older_age_men", 50, low=16, high=100),
            reader.integer(policy, "policy", "older_age_women", 40, low=16, high=100)),
        consent_version=reader.text(policy, "policy", "consent_version", CONSENT_VERSION),
        long_wait_days=reader.integer(policy, "policy", "long_wait_days", 30, low=1, high=365),
        listing=_listing_from_data(reader, policy),
        printers=_printers_from_data(reader, data.get(
            "printers", {"ticket": {"directory": "prints"}})),
        board=_board_from_data(reader, reader.table(data, "board")),
        touch=_touch_from_data(reader, reader.table(data, "touch")),
        scan=_scan_from_data(reader, reader.table(data, "scan")),
        display=_display_from_data(reader, reader.table(data, "display")),
        scanner=_scanner_from_data(reader, reader.table(data, "scanner")),
        log=LogSettings(reader.choice(reader.table(data, "logging"), "logging", "level",
                                      "info", LOG_LEVELS)),
        counter=_counter_from_data(reader, reader.table(data, "counter")),
        idcard=_idcard_from_data(reader, reader.table(data, "idcard")),
        privacy=_privacy_from_data(reader, reader.table(data, "privacy")),
    )


def _privacy_from_data(reader: _Reader, table: dict[str, Any]) -> PrivacySettings:
    """`[privacy]`, optional (older files have no such section)."""
    reader.unknown(table, "privacy", PrivacySettings.__dataclass_fields__)
    return PrivacySettings(reader.integer(table, "privacy", "city_copy_days",
                                          DEFAULT_CITY_COPY_DAYS, low=1,
                                          high=MAX_CITY_COPY_DAYS))


_LISTED_DAYS = ("listed_days_daily", "listed_days_hourly", "listed_days_seasonal",
                "listed_days_long_term")


def _listing_from_data(reader: _Reader, policy: dict[str, Any]) -> ListingRule:
    """`[policy] listed_days_*`: per 用工方式, the days a job without an end date stays on
    the board and in the open-job lists, its start day included."""
    d = ListingRule()
    days = [reader.integer(policy, "policy", key, getattr(d, key.removeprefix("listed_days_")),
                           low=1, high=MAX_LISTED_DAYS) for key in _LISTED_DAYS]
    return ListingRule(*days)


def _idcard_from_data(reader: _Reader, table: dict[str, Any]) -> IdCardSettings:
    reader.unknown(table, "idcard", IdCardSettings.__dataclass_fields__)
    device = reader.text(table, "idcard", "device", "")
    if device and not device.startswith("/"):
        reader.bad("idcard.device", N_("must be an absolute path such as {example}."),
                   example="/dev/ttyUSB0")
        device = ""
    baud = reader.integer(table, "idcard", "baud", 115200, low=1200, high=921600)
    return IdCardSettings(device, baud)


def _hall_from_data(reader: _Reader, table: dict[str, Any]) -> HallInfo:
    """`[hall]`: who the hall is (required) and what it publishes (S8: warned when empty)."""
    reader.unknown(table, "hall", HallInfo.__dataclass_fields__)
    text = reader.text
    hall = HallInfo(
        id=text(table, "hall", "id", "", required=True, pattern=_HALL_ID, pattern_message=N_(
            "must be letters, digits and hyphens, such as 370104-DDBL.")),
        city=text(table, "hall", "city", "", required=True),
        district=text(table, "hall", "district", "", required=True),
        street=text(table, "hall", "street", "", required=True),
        kind=reader.choice(table, "hall", "kind", HALL_KINDS[0], HALL_KINDS),
        address=text(table, "hall", "address"),
        hours=text(table, "hall", "hours"),
        hotline=text(table, "hall", "hotline", pattern=_PHONE_LINE, pattern_message=N_(
            "must be a telephone number such as 0531-12333.")),
        complaint_channel=text(table, "hall", "complaint_channel"),
        timezone=text(table, "hall", "timezone", "Asia/Shanghai"))
    for key in ("address", "hours", "hotline", "complaint_channel"):  # S8: published
        raw = table.get(key, "")
        if isinstance(raw, str) and not raw.strip():
            reader.warn(f"hall.{key}", N_(
                "is empty: the hall's service information shows nothing for it."))
    try:
        ZoneInfo(hall.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        reader.bad("hall.timezone", N_("is not a known time zone, such as Asia/Shanghai."))
        return HallInfo(**{**_fields(hall), "timezone": "Asia/Shanghai"})
    return hall


def _fields(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def _role_from_data(reader: _Reader, terminal: dict[str, Any]) -> str:
    role = reader.text(terminal, "terminal", "role", "terminal")
    roles = role.split(",")
    if any(r not in ROLES for r in roles) or len(set(roles)) != len(roles):
        reader.bad("terminal.role", N_("must be one of: {choices}."), choices=", ".join(ROLES))
        return "terminal"
    return role


def _scan_from_data(reader: _Reader, table: dict[str, Any]) -> ScanSettings:
    """`[scan]`, optional (older files have no such section)."""
    reader.unknown(table, "scan", ("city_public_keys", "phone_registration_url", "max_gap_ms",
                                   "min_length", "camera", "legacy_cards"))
    d = ScanSettings()
    legacy = reader.choice(table, "scan", "legacy_cards", d.legacy_cards, LEGACY_CARD_CHOICES)
    url = reader.text(table, "scan", "phone_registration_url", d.phone_registration_url)
    if "{hall}" not in url:
        reader.bad("scan.phone_registration_url", N_("must contain {placeholder}."),
                   placeholder="{hall}")
        url = d.phone_registration_url
    gap = reader.integer(table, "scan", "max_gap_ms", d.max_gap_ms, low=5, high=200)
    length = reader.integer(table, "scan", "min_length", d.min_length, low=4, high=64)
    camera = reader.text(table, "scan", "camera", d.camera)
    keys = table.get("city_public_keys", [])
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        reader.bad("scan.city_public_keys", N_("must be a list of base64 strings."))
        return ScanSettings((), url, gap, length, camera, legacy)
    settings = ScanSettings(tuple(keys), url, gap, length, camera, legacy)
    try:
        if keys:
            settings.keys()
    except ValueError:
        reader.bad("scan.city_public_keys",
                   N_("A city public key in the configuration is not valid."))
        return ScanSettings((), url, gap, length, camera, legacy)
    return settings


def _board_from_data(reader: _Reader, table: dict[str, Any]) -> BoardSettings:
    """`[board]`, every key optional (older files have no such section)."""
    d = BoardSettings()
    reader.unknown(table, "board", BoardSettings.__dataclass_fields__)
    board = BoardSettings(
        page_seconds=reader.integer(table, "board", "page_seconds", d.page_seconds,
                                    low=3, high=600),
        mode=reader.choice(table, "board", "mode", d.mode, BOARD_MODES),
        group_by_sector=reader.flag(table, "board", "group_by_sector", d.group_by_sector),
        qr=reader.choice(table, "board", "qr", d.qr, BOARD_QR_KINDS),
        job_url_template=reader.text(table, "board", "job_url_template", d.job_url_template),
        stale_after_minutes=reader.integer(table, "board", "stale_after_minutes",
                                           d.stale_after_minutes, low=1),
        diagonal_inches=reader.number(table, "board", "diagonal_inches", d.diagonal_inches,
                                      low=20, high=150),
        viewing_distance_m=reader.number(table, "board", "viewing_distance_m",
                                         d.viewing_distance_m, low=1, high=15))
    if board.qr == "url" and "{id}" not in board.job_url_template:
        reader.bad("board.job_url_template", N_("must contain {placeholder}."),
                   placeholder="{id}")
    return board


def _touch_from_data(reader: _Reader, table: dict[str, Any]) -> TouchSettings:
    """`[touch]`, every key optional (older files have no such section)."""
    d = TouchSettings()
    reader.unknown(table, "touch", TouchSettings.__dataclass_fields__)
    # no step of the touchscreen may time out sooner than 30 seconds
    return TouchSettings(
        idle_seconds=reader.integer(table, "touch", "idle_seconds", d.idle_seconds, low=30),
        countdown_seconds=reader.integer(table, "touch", "countdown_seconds",
                                         d.countdown_seconds, low=3, high=60),
        screen_inches=reader.number(table, "touch", "screen_inches", d.screen_inches,
                                    low=7, high=100),
        voice=reader.flag(table, "touch", "voice", d.voice),
        large_text=reader.flag(table, "touch", "large_text", d.large_text))


def _counter_from_data(reader: _Reader, table: dict[str, Any]) -> CounterSettings:
    """`[counter]`, optional: its window and opening hours."""
    d = CounterSettings()
    window = reader.text(table, "counter", "window", d.window, pattern=_WINDOW,
                         pattern_message=N_("must be 1 to 8 letters or digits, such as 1 or A2."))
    opens, closes = (reader.text(table, "counter", key, default, pattern=_TIME_OF_DAY,
                                 pattern_message=N_("must be a time of day such as 06:30."))
                     for key, default in (("opens", d.opens), ("closes", d.closes)))
    if opens >= closes:
        reader.bad("counter.closes", N_("must be later than opens."))
        opens, closes = d.opens, d.closes
    return CounterSettings(window, opens, closes)


def _display_from_data(reader: _Reader, table: dict[str, Any]) -> DisplaySettings:
    """`[display]`, optional."""
    reader.unknown(table, "display", DisplaySettings.__dataclass_fields__)
    screen = (reader.integer(table, "display", "screen", 0, low=0, high=15)
              if "screen" in table else None)
    times = []
    for key in ("blank_from", "blank_until"):
        value = reader.text(table, "display", key, "", pattern=_TIME_OF_DAY, pattern_message=N_(
            "must be a time of day such as 06:30."))
        times.append(value)
    blank_from, blank_until = times
    if bool(blank_from) != bool(blank_until):
        reader.bad("display.blank_from", N_(
            "Give both blank_from and blank_until, or neither (the screen never sleeps)."))
        blank_from = blank_until = ""
    elif blank_from and blank_from == blank_until:
        reader.bad("display.blank_until", N_("must be different from blank_from."))
        blank_from = blank_until = ""
    return DisplaySettings(screen, blank_from, blank_until)


def _scanner_from_data(reader: _Reader, table: dict[str, Any]) -> ScannerSettings:
    reader.unknown(table, "scanner", ScannerSettings.__dataclass_fields__)
    device = reader.text(table, "scanner", "device", "")
    if device and not device.startswith("/"):
        reader.bad("scanner.device", N_("must be an absolute path such as {example}."),
                   example="/dev/input/by-id/usb-scanner-event-kbd")
        return ScannerSettings()
    return ScannerSettings(device)


def _printers_from_data(reader: _Reader, tables: Any) -> tuple[PrinterConfig, ...]:
    if not isinstance(tables, dict):
        reader.bad("printers", N_("must be a table of settings."))
        return ()
    printers = []
    for name, table in tables.items():
        section = f"printers.{name}"
        if not isinstance(table, dict):
            reader.bad(section, N_("must be a table of settings."))
            continue
        transport = reader.choice(table, section, "transport", "file", PRINTER_TRANSPORTS)
        width = reader.integer(table, section, "width_dots", 384, low=256, high=832)
        if width % 8:
            reader.bad(f"{section}.width_dots", N_(
                "must be a multiple of 8 (384 for 58 mm paper, 576 for 80 mm)."))
            width = 384
        printer = PrinterConfig(
            name=name, transport=transport, width_dots=width,
            paper_mm=reader.number(table, section, "paper_mm", 58, low=40, high=216),
            output=reader.choice(table, section, "output", "escpos", ("escpos", "pdf")),
            cut=reader.flag(table, section, "cut", True),
            printable_mm=reader.number(table, section, "printable_mm", 0, low=0, high=216),
            options=_printer_options(reader, section, transport, table))
        if printer.printable_mm > printer.paper_mm:
            reader.bad(f"{section}.printable_mm", N_("must not be wider than paper_mm."))
        printers.append(printer)
    return tuple(printers)


def _printer_options(reader: _Reader, section: str, transport: str, table: dict[str, Any],
                     ) -> tuple[tuple[str, str | int | float | bool], ...]:
    """What the transport needs (checked), and what it may have; other keys are warned."""
    options = {k: v for k, v in table.items() if k not in _PRINTER_KEYS}
    required, optional = _TRANSPORT_OPTIONS.get(transport, ((), ()))
    reader.unknown(options, section, (*required, *optional))
    for key in required:
        value = options.get(key)
        if value is None or value == "":
            reader.bad(f"{section}.{key}", N_("is required for the {transport} transport."),
                       transport=transport)
    for key in ("vendor_id", "product_id"):
        if key in options and not _usb_id(options[key]):
            reader.bad(f"{section}.{key}", N_(
                "must be a USB id such as 0x04b8 (a number up to 0xffff)."))
    if "port" in options:
        reader.integer(options, section, "port", 9100, low=1, high=65535)
    if "baudrate" in options:
        reader.integer(options, section, "baudrate", 9600, low=1200, high=921600)
    for key in ("device",):
        value = options.get(key)
        if isinstance(value, str) and value and not value.startswith("/"):
            reader.bad(f"{section}.{key}", N_("must be an absolute path such as {example}."),
                       example="/dev/usb/lp0")
    for key, value in options.items():
        if isinstance(value, list | dict):
            reader.bad(f"{section}.{key}", N_("must be text."))
    return tuple(sorted((k, v) for k, v in options.items() if not isinstance(v, list | dict)))


def _usb_id(value: object) -> bool:
    if isinstance(value, bool):
        return False
    try:
        number = value if isinstance(value, int) else int(str(value), 0)
    except ValueError:
        return False
    return 0 < number <= 0xFFFF


def write_config(path: Path, config: Config) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)  # (the config holds no secret)
    path.write_text(render_config(config), "utf-8")


def render_config(config: Config) -> str:
    hall = config.hall
    lines = ["# 零工驿站 terminal configuration", "", "[hall]"]
    lines += [f"{key} = {_toml_str(getattr(hall, key))}" for key in HallInfo.__dataclass_fields__]
    lines += ["", "[terminal]", f"id = {_toml_str(config.terminal_id)}",
              f"language = {_toml_str(config.language)}", f"role = {_toml_str(config.role)}",
              "# this touchscreen's queue letter (A012), one of A–H, unique in the hall"
              + ("" if config.queue_prefix_setting else " (now derived from the id)"),
              f"{'' if config.queue_prefix_setting else '# '}queue_prefix = "
              f"{_toml_str(config.queue_prefix)}",
              "", "[policy]",
              f"areas = [{', '.join(_toml_str(a) for a in config.areas)}]",
              f"older_age_men = {config.older.men}", f"older_age_women = {config.older.women}",
              f"consent_version = {_toml_str(config.consent_version)}",
              f"long_wait_days = {config.long_wait_days}",
              *(f"{key} = {getattr(config.listing, key.removeprefix('listed_days_'))}"
                for key in _LISTED_DAYS), ""]
    for printer in config.printers:
        lines += _render_printer(printer)
    if not config.printers:  # an empty table: no printer (a missing one means the default)
        lines += ["[printers]", ""]
    board = config.board
    lines += ["[board]", f"page_seconds = {board.page_seconds}",
              f"mode = {_toml_str(board.mode)}",
              f"group_by_sector = {_toml_value(board.group_by_sector)}",
              f"qr = {_toml_str(board.qr)}",
              f"job_url_template = {_toml_str(board.job_url_template)}",
              f"stale_after_minutes = {board.stale_after_minutes}",
              f"diagonal_inches = {board.diagonal_inches}",
              f"viewing_distance_m = {board.viewing_distance_m}", ""]
    touch = config.touch
    lines += ["[touch]", f"idle_seconds = {touch.idle_seconds}",
              f"countdown_seconds = {touch.countdown_seconds}",
              f"screen_inches = {touch.screen_inches}",
              f"voice = {_toml_value(touch.voice)}",
              f"large_text = {_toml_value(touch.large_text)}", ""]
    keys = ", ".join(_toml_str(k) for k in config.scan.city_public_keys)
    scan = config.scan
    lines += ["[scan]", f"city_public_keys = [{keys}]",
              f"phone_registration_url = {_toml_str(scan.phone_registration_url)}",
              f"max_gap_ms = {scan.max_gap_ms}", f"min_length = {scan.min_length}",
              '# a camera for QR codes: "default", or part of its name; "" for none',
              f"camera = {_toml_str(scan.camera)}",
              '# old unsigned worker cards (LGW1): "accept" (workers this terminal knows; '
              'others wait for the hub), "unverified" (all wait for the hub) or "refuse"',
              f"legacy_cards = {_toml_str(scan.legacy_cards)}", ""]
    display = config.display
    lines += ["[display]",
              "# which screen to fill (0, 1, …); without it the first"
              if display.screen is None else f"screen = {display.screen}",
              "# the screen is off from blank_from until blank_until (hall time); \"\": never",
              f"blank_from = {_toml_str(display.blank_from)}",
              f"blank_until = {_toml_str(display.blank_until)}", "",
              "[scanner]", "# an input device path lets `kiosk doctor` check the scanner",
              f"device = {_toml_str(config.scanner.device)}", "",
              "[logging]", f"level = {_toml_str(config.log.level)}", "",
              "[counter]", "# the window this counter calls queue numbers to",
              f"window = {_toml_str(config.counter.window)}",
              "# when staff are at the counter (hall time): employers' receipts say so",
              f"opens = {_toml_str(config.counter.opens)}",
              f"closes = {_toml_str(config.counter.closes)}", "",
              "[idcard]", "# a serial ID-card reader's device, e.g. /dev/ttyUSB0; \"\": none",
              f"device = {_toml_str(config.idcard.device)}", f"baud = {config.idcard.baud}", "",
              "[privacy]", "# days a copy of another hall's worker is kept after its last "
              "use here (1-180)",
              f"city_copy_days = {config.privacy.city_copy_days}", ""]
    return "\n".join(lines)


def _render_printer(printer: PrinterConfig) -> list[str]:
    values: list[tuple[str, str | int | float | bool]] = [
        ("transport", printer.transport), ("width_dots", printer.width_dots),
        ("paper_mm", printer.paper_mm), ("output", printer.output), ("cut", printer.cut),
        *((("printable_mm", printer.printable_mm),) if printer.printable_mm else ()),
        *printer.options]
    return [f"[printers.{printer.name}]",
            *(f"{key} = {_toml_value(value)}" for key, value in values), ""]


def _toml_value(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_str(value)
    return str(value)


def _toml_str(value: str) -> str:
    # A JSON string is a valid TOML basic string for the characters we write.
    return json.dumps(value, ensure_ascii=False)


def load_or_create_key(path: Path) -> bytes:
    """The per-installation blind-index key, created (mode 0600) on first use."""
    if path.exists():
        key = path.read_bytes()
        if len(key) < 16:
            raise ConfigError(path, N_("The blind-index key file is damaged."))
        return key
    return _create_key(path, new_blind_index_key())


def load_or_create_card_key(path: Path) -> bytes:
    """The terminal's Ed25519 card key (32 raw private bytes), created (mode 0600) on
    first start: it signs the worker cards this terminal prints (kiosk.core.cards)."""
    if path.exists():
        key = path.read_bytes()
        if len(key) != CARD_KEY_BYTES:
            raise ConfigError(path, N_("The card key file is damaged."))
        return key
    return _create_key(path, os.urandom(CARD_KEY_BYTES))


CARD_KEY_BYTES = 32


def _create_key(path: Path, key: bytes) -> bytes:
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    return key
