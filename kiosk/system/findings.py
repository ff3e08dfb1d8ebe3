"""What `kiosk doctor` says about one check: its status, a catalogue message, parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, TypeAlias

from kiosk.core.errors import N_
from kiosk.core.i18n import translate


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"


TITLES = {
    "config": N_("Configuration"),
    "fonts": N_("Chinese font"),
    "glyphs": N_("Rare characters"),
    "printer": N_("Printer"),
    "scanner": N_("Scanner"),
    "database": N_("Database"),
    "disk": N_("Free disk"),
    "hub": N_("City hub"),
    "clock": N_("Clock"),
    "outbox": N_("Unsent changes"),
    "camera": N_("Camera"),
    "files": N_("Private files"),
    "voice": N_("Voice prompts"),
    "handwriting": N_("Handwriting"),
}


class Translatable(Protocol):
    def text(self, language: str = ...) -> str: ...


Param: TypeAlias = "str | int | Translatable"


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's result: a catalogue message and its parameters (a parameter with its
    own `text(language)`, such as a ConfigError, is translated too)."""

    check: str
    status: Status
    message: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def text(self, language: str = "en") -> str:
        values = {k: v if isinstance(v, str | int) else v.text(language)
                  for k, v in self.params.items()}
        return translate(self.message, language).format(**values)

    def line(self, language: str = "en") -> str:
        title = translate(TITLES[self.check], language)
        return f"{self.status.value.upper():<4}  {title}: {self.text(language)}"

    def to_json(self, language: str = "zh_CN") -> dict[str, object]:
        return {"check": self.check, "status": self.status.value,
                "message": self.text(language), "message_en": self.text("en"),
                "details": {k: v if isinstance(v, str | int) else v.text("en")
                            for k, v in self.params.items()}}
