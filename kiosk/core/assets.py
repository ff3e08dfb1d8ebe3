"""Data files the city can update through the sync feed: the discrimination rules
(`post_rules`), the trade catalogue (`catalogue`), the city's notices (`city_notices`) and
its policy pages (`policy_pages`, kiosk.core.city_content). Both sides check an update with the
same rules before using it: the hub before publishing, the terminal before storing."""

from __future__ import annotations

from typing import Any

from kiosk.core.catalogue import Catalogue, catalogue_from_data
from kiosk.core.city_content import (
    CITY_NOTICES,
    POLICY_PAGES,
    notices_from_data,
    pages_from_data,
)

POST_RULES, CATALOGUE = "post_rules", "catalogue"
NAMES = (POST_RULES, CATALOGUE, CITY_NOTICES, POLICY_PAGES)


class AssetProblem(ValueError):
    """Why an asset update cannot be used (English, for the hub's operator and the log)."""


def check_asset(name: str, data: Any, current: Catalogue | None = None) -> int:
    """The update's version when it can replace the current one; raises AssetProblem.

    A catalogue must keep every trade and certificate code of `current`: records name them,
    and a code is never reused or removed (it may be renamed).
    """
    if name not in NAMES:
        raise AssetProblem(f"unknown asset {name!r}; known: {', '.join(NAMES)}")
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise AssetProblem("an asset is a JSON object with an integer version")
    try:
        if name == POST_RULES:
            # the rules' module is loaded only when rules come (not at every start)
            from kiosk.core.post_check import rules_from_data  # noqa: PLC0415

            rules_from_data(data)
        elif name == CITY_NOTICES:
            notices_from_data(data)
        elif name == POLICY_PAGES:
            pages_from_data(data)
        else:
            _check_catalogue(catalogue_from_data(data), current)
    except AssetProblem:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise AssetProblem(f"{name} is not valid: {exc}") from exc
    return int(data["version"])


def _check_catalogue(new: Catalogue, current: Catalogue | None) -> None:
    if current is None:
        return
    lost = sorted((current.trade_codes - new.trade_codes)
                  | (current.certificate_codes - new.certificate_codes))
    if lost:
        raise AssetProblem(f"the catalogue drops codes records use: {', '.join(lost)}")
