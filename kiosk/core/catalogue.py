"""The catalogue of 零工 trades (grouped by sector) and certificates, from `assets/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Trade:
    code: str  # stable: never reused or renumbered
    sector: str
    zh: str
    en: str
    pictogram: str
    initials: str  # pinyin initials, e.g. 水暖工 → SNG

    def label(self, language: str) -> str:
        return self.en if language == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Certificate:
    code: str
    zh: str
    en: str

    def label(self, language: str) -> str:
        return self.en if language == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Catalogue:
    version: int
    sectors: tuple[Sector, ...]
    trades: tuple[Trade, ...]
    certificates: tuple[Certificate, ...]

    def trade(self, code: str) -> Trade | None:
        return next((t for t in self.trades if t.code == code), None)

    def certificate(self, code: str) -> Certificate | None:
        return next((c for c in self.certificates if c.code == code), None)

    def trades_in(self, sector: str) -> tuple[Trade, ...]:
        return tuple(t for t in self.trades if t.sector == sector)

    def trades_by_initials(self, prefix: str) -> tuple[Trade, ...]:
        wanted = prefix.upper()
        return tuple(t for t in self.trades if t.initials.startswith(wanted))

    @property
    def trade_codes(self) -> frozenset[str]:
        return frozenset(t.code for t in self.trades)

    @property
    def certificate_codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.certificates)


def catalogue_from_data(data: dict[str, Any]) -> Catalogue:
    return Catalogue(
        version=int(data["version"]),
        sectors=tuple(Sector(**s) for s in data["sectors"]),
        trades=tuple(Trade(**t) for t in data["trades"]),
        certificates=tuple(Certificate(**c) for c in data["certificates"]),
    )


def load_catalogue() -> Catalogue:
    """The catalogue shipped in `assets/catalogue.json`."""
    text = resources.files("kiosk_assets").joinpath("catalogue.json").read_text("utf-8")
    return catalogue_from_data(json.loads(text))
