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
from typing import Any

import platformdirs

from kiosk.core.privacy import OlderWorkerRule, new_blind_index_key

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


@dataclass(frozen=True, slots=True)
class Config:
    hall: HallInfo
    terminal_id: str
    language: str = "zh_CN"
    areas: tuple[str, ...] = ()
    older: OlderWorkerRule = field(default_factory=OlderWorkerRule)
    consent_version: str = "2026-11"


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
    )


def write_config(path: Path, config: Config) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_config(config), "utf-8")


def render_config(config: Config) -> str:
    hall = config.hall
    lines = ["# 零工驿站 terminal configuration", "", "[hall]"]
    lines += [f"{key} = {_toml_str(getattr(hall, key))}" for key in HallInfo.__dataclass_fields__]
    lines += ["", "[terminal]", f"id = {_toml_str(config.terminal_id)}",
              f"language = {_toml_str(config.language)}", "", "[policy]",
              f"areas = [{', '.join(_toml_str(a) for a in config.areas)}]",
              f"older_age_men = {config.older.men}", f"older_age_women = {config.older.women}",
              f"consent_version = {_toml_str(config.consent_version)}", ""]
    return "\n".join(lines)


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
