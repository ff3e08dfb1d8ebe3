"""The terminal's configuration: one TOML file, plus the per-installation secret key.

By default both live in platformdirs locations; `--data-dir D` (or KIOSK_DATA_DIR) puts the
config, database, key and backups together in D.
"""

from __future__ import annotations

import json
import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from kiosk.core.privacy import OlderWorkerRule, new_blind_index_key

if TYPE_CHECKING:
    from kiosk.core.scan import ScanKeys

APP_NAME = "linggong-kiosk"
CONFIG_FILE = "config.toml"
DATABASE_FILE = "kiosk.sqlite3"
KEY_FILE = "blind-index.key"
HALL_KINDS = ("零工市场", "零工驿站")


class ConfigError(Exception):
    """The configuration file is missing or wrong; the message says what to fix."""


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
    def backups(self) -> Path:
        return self.data_dir / "backups"


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

    def keys(self) -> ScanKeys:
        """The parsed keys; raises ValueError naming a bad one."""
        from kiosk.core.scan import ScanKeys  # noqa: PLC0415 - cryptography only when scanning

        return ScanKeys.from_texts(self.city_public_keys)


@dataclass(frozen=True, slots=True)
class Config:
    hall: HallInfo
    terminal_id: str
    language: str = "zh_CN"
    areas: tuple[str, ...] = ()
    older: OlderWorkerRule = field(default_factory=OlderWorkerRule)
    consent_version: str = "2026-11"
    printers: tuple[PrinterConfig, ...] = (DEFAULT_PRINTER,)
    board: BoardSettings = field(default_factory=BoardSettings)
    touch: TouchSettings = field(default_factory=TouchSettings)
    scan: ScanSettings = field(default_factory=ScanSettings)

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
    if not path.exists():
        raise ConfigError(f"{path}: no configuration yet; run `kiosk init` first")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    try:
        return _config_from_data(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _config_from_data(data: dict[str, Any]) -> Config:
    hall = HallInfo(**data["hall"])
    if hall.kind not in HALL_KINDS:
        raise ValueError(f"hall.kind must be one of {', '.join(HALL_KINDS)}")
    terminal = data["terminal"]
    policy = data.get("policy", {})
    return Config(
        hall=hall,
        terminal_id=str(terminal["id"]),
        language=str(terminal.get("language", "zh_CN")),
        areas=tuple(str(a) for a in policy.get("areas", ())),
        older=OlderWorkerRule(int(policy.get("older_age_men", 50)),
                              int(policy.get("older_age_women", 40))),
        consent_version=str(policy.get("consent_version", "2026-11")),
        printers=_printers_from_data(data.get("printers", {"ticket": {"directory": "prints"}})),
        board=_board_from_data(data.get("board", {})),
        touch=_touch_from_data(data.get("touch", {})),
        scan=_scan_from_data(data.get("scan", {})),
    )


def _scan_from_data(table: dict[str, Any]) -> ScanSettings:
    """`[scan]`, optional (older files have no such section)."""
    keys = table.get("city_public_keys", [])
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ValueError("scan.city_public_keys must be a list of base64 strings")
    settings = ScanSettings(tuple(keys))
    try:
        if keys:
            settings.keys()
    except ValueError as exc:
        raise ValueError(f"scan.city_public_keys: {exc}") from exc
    return settings


def _board_from_data(table: dict[str, Any]) -> BoardSettings:
    """`[board]`, every key optional (older files have no such section)."""
    d = BoardSettings()
    board = BoardSettings(
        page_seconds=int(table.get("page_seconds", d.page_seconds)),
        mode=str(table.get("mode", d.mode)),
        group_by_sector=table.get("group_by_sector", d.group_by_sector),
        qr=str(table.get("qr", d.qr)),
        job_url_template=str(table.get("job_url_template", d.job_url_template)),
        stale_after_minutes=int(table.get("stale_after_minutes", d.stale_after_minutes)))
    if not isinstance(board.group_by_sector, bool):
        raise ValueError("board.group_by_sector must be true or false")
    if not 3 <= board.page_seconds <= 600:
        raise ValueError("board.page_seconds must be between 3 and 600")
    if board.mode not in BOARD_MODES:
        raise ValueError(f"board.mode must be one of {', '.join(BOARD_MODES)}")
    if board.qr not in BOARD_QR_KINDS:
        raise ValueError(f"board.qr must be one of {', '.join(BOARD_QR_KINDS)}")
    if board.qr == "url" and "{id}" not in board.job_url_template:
        raise ValueError("board.job_url_template must contain {id}")
    if board.stale_after_minutes < 1:
        raise ValueError("board.stale_after_minutes must be 1 or more")
    return board


def _printers_from_data(tables: dict[str, Any]) -> tuple[PrinterConfig, ...]:
    printers = []
    for name, table in tables.items():
        settings = dict(table)
        transport = str(settings.pop("transport", "file"))
        if transport not in PRINTER_TRANSPORTS:
            raise ValueError(f"printers.{name}.transport must be one of "
                             f"{', '.join(PRINTER_TRANSPORTS)}")
        output = str(settings.pop("output", "escpos"))
        if output not in ("escpos", "pdf"):
            raise ValueError(f"printers.{name}.output must be escpos or pdf")
        printers.append(PrinterConfig(
            name=name, transport=transport, width_dots=int(settings.pop("width_dots", 384)),
            paper_mm=float(settings.pop("paper_mm", 58)), output=output,
            cut=bool(settings.pop("cut", True)), options=tuple(sorted(settings.items()))))
    return tuple(printers)


def write_config(path: Path, config: Config) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_config(config), "utf-8")


def _touch_from_data(table: dict[str, Any]) -> TouchSettings:
    """`[touch]`, every key optional (older files have no such section)."""
    d = TouchSettings()
    touch = TouchSettings(
        idle_seconds=int(table.get("idle_seconds", d.idle_seconds)),
        countdown_seconds=int(table.get("countdown_seconds", d.countdown_seconds)),
        screen_inches=float(table.get("screen_inches", d.screen_inches)),
        voice=table.get("voice", d.voice), large_text=table.get("large_text", d.large_text))
    for name in ("voice", "large_text"):
        if not isinstance(getattr(touch, name), bool):
            raise ValueError(f"touch.{name} must be true or false")
    if touch.idle_seconds < 30:
        raise ValueError("touch.idle_seconds must be 30 or more (no step may time out sooner)")
    if not 3 <= touch.countdown_seconds <= 60:
        raise ValueError("touch.countdown_seconds must be between 3 and 60")
    if not 7 <= touch.screen_inches <= 100:
        raise ValueError("touch.screen_inches must be between 7 and 100")
    return touch


def render_config(config: Config) -> str:
    hall = config.hall
    lines = ["# 零工驿站 terminal configuration", "", "[hall]"]
    lines += [f"{key} = {_toml_str(getattr(hall, key))}" for key in HallInfo.__dataclass_fields__]
    lines += ["", "[terminal]", f"id = {_toml_str(config.terminal_id)}",
              f"language = {_toml_str(config.language)}", "", "[policy]",
              f"areas = [{', '.join(_toml_str(a) for a in config.areas)}]",
              f"older_age_men = {config.older.men}", f"older_age_women = {config.older.women}",
              f"consent_version = {_toml_str(config.consent_version)}", ""]
    for printer in config.printers:
        lines += _render_printer(printer)
    board = config.board
    lines += ["[board]", f"page_seconds = {board.page_seconds}",
              f"mode = {_toml_str(board.mode)}",
              f"group_by_sector = {_toml_value(board.group_by_sector)}",
              f"qr = {_toml_str(board.qr)}",
              f"job_url_template = {_toml_str(board.job_url_template)}",
              f"stale_after_minutes = {board.stale_after_minutes}", ""]
    touch = config.touch
    lines += ["[touch]", f"idle_seconds = {touch.idle_seconds}",
              f"countdown_seconds = {touch.countdown_seconds}",
              f"screen_inches = {touch.screen_inches}",
              f"voice = {_toml_value(touch.voice)}",
              f"large_text = {_toml_value(touch.large_text)}", ""]
    keys = ", ".join(_toml_str(k) for k in config.scan.city_public_keys)
    lines += ["[scan]", f"city_public_keys = [{keys}]", ""]
    return "\n".join(lines)


def _render_printer(printer: PrinterConfig) -> list[str]:
    values: list[tuple[str, str | int | float | bool]] = [
        ("transport", printer.transport), ("width_dots", printer.width_dots),
        ("paper_mm", printer.paper_mm), ("output", printer.output), ("cut", printer.cut),
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
            raise ConfigError(f"{path}: the blind-index key file is damaged")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = new_blind_index_key()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    return key
