"""Hazard tags of a job (危险作业), the protective equipment it requires and how the
employer insures it: their names for screens and slips, their pictograms, and whether a
job is hazardous.

`hazardous_by_tags` is a function of the job's tags alone, so other rules (a minor is
never sent to a hazardous trade) can join it without reading anything else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.core.records import Gear, Hazard, InsuranceKind

HAZARD_NAMES: dict[Hazard, str] = {
    Hazard.HEIGHT: N_("Work at height"),
    Hazard.HOT_WORK: N_("Hot work (welding, cutting)"),
    Hazard.CONFINED_SPACE: N_("Confined space"),
    Hazard.LIVE_ELECTRICAL: N_("Live electrical work"),
    Hazard.HEAT: N_("High heat"),
    Hazard.COLD: N_("Severe cold"),
    Hazard.MACHINERY: N_("Machinery"),
}
# Short names for a board card or a tick box (高处, 动火 …).
HAZARD_SHORT: dict[Hazard, str] = {
    Hazard.HEIGHT: N_("Height"), Hazard.HOT_WORK: N_("Hot work"),
    Hazard.CONFINED_SPACE: N_("Confined"), Hazard.LIVE_ELECTRICAL: N_("Live power"),
    Hazard.HEAT: N_("Heat"), Hazard.COLD: N_("Cold"), Hazard.MACHINERY: N_("Machines"),
}
GEAR_NAMES: dict[Gear, str] = {
    Gear.HELMET: N_("Safety helmet"),
    Gear.HARNESS: N_("Safety harness"),
    Gear.INSULATING_GLOVES: N_("Insulating gloves"),
    Gear.GOGGLES: N_("Safety goggles"),
    Gear.DUST_MASK: N_("Dust mask"),
    Gear.WELDING_MASK: N_("Welding mask"),
    Gear.SAFETY_SHOES: N_("Safety shoes"),
    Gear.GAS_DETECTOR: N_("Gas detector"),
    Gear.EAR_PROTECTION: N_("Ear plugs"),
    Gear.WARM_CLOTHING: N_("Warm work clothes"),
}
INSURANCE_NAMES: dict[InsuranceKind, str] = {
    InsuranceKind.DAILY_ACCIDENT: N_("One-day accident insurance"),
    InsuranceKind.EMPLOYER_LIABILITY: N_("Employer's liability insurance"),
    InsuranceKind.WORK_INJURY: N_("Work injury insurance"),
    InsuranceKind.NONE: N_("Not insured by the employer"),
}
INSURED = frozenset({InsuranceKind.DAILY_ACCIDENT, InsuranceKind.EMPLOYER_LIABILITY,
                     InsuranceKind.WORK_INJURY})
# The pictogram of each tag: assets/pictograms/hazard_<value>.svg
PICTOGRAM_PREFIX = "hazard_"


class Tagged(Protocol):
    @property
    def hazards(self) -> tuple[Hazard, ...]: ...


def hazardous_by_tags(job: Tagged) -> bool:
    """Whether the job's own tags make it hazardous work (any tag at all)."""
    return bool(job.hazards)


def pictogram_name(hazard: Hazard) -> str:
    return f"{PICTOGRAM_PREFIX}{hazard.value}"


def ordered(tags: Iterable[Hazard]) -> tuple[Hazard, ...]:
    """Tags once each, in the catalogue's order (as a form and a slip list them)."""
    chosen = set(tags)
    return tuple(h for h in Hazard if h in chosen)


def hazard_list(tags: Iterable[Hazard], language: str, *, short: bool = False) -> str:
    names = HAZARD_SHORT if short else HAZARD_NAMES
    return _joined((translate(names[h], language) for h in ordered(tags)), language)


def gear_list(gear: Iterable[Gear], language: str) -> str:
    chosen = set(gear)
    return _joined((translate(GEAR_NAMES[g], language) for g in Gear if g in chosen), language)


def insurance_text(kind: InsuranceKind | None, insured: bool, language: str) -> str:
    """What a worker reads about the job's insurance: the kind, or the old yes/no."""
    if kind is not None:
        return translate(INSURANCE_NAMES[kind], language)
    return translate(N_("Insured (kind not stated)"), language) if insured else ""


def insured(kind: InsuranceKind | None, insured_flag: bool) -> bool:
    return kind in INSURED if kind is not None else insured_flag


def _joined(parts: Iterable[str], language: str) -> str:
    return (", " if language == "en" else "、").join(parts)
