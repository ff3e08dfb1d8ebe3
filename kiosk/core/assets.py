"""Data files the city can update through the sync feed: the discrimination rules
(`post_rules`), the trade catalogue (`catalogue`), the terminals' card keys (`card_keys`:
each terminal's Ed25519 public key, which checks the worker cards it signs, kiosk.core.cards),
the city's notices (`city_notices`) and its policy pages (`policy_pages`,
kiosk.core.city_content), its training courses (`training_courses`, kiosk.core.training),
its safety briefings (`safety_briefings`) and weather stop-work notices (`stop_work`,
kiosk.core.safety_content). Both sides check an update with the same rules before using it:
the hub before publishing, the terminal before storing."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

from kiosk.core.catalogue import Catalogue, catalogue_from_data
from kiosk.core.city_content import (
    CITY_NOTICES,
    POLICY_PAGES,
    notices_from_data,
    pages_from_data,
)
from kiosk.core.safety_content import (
    SAFETY_BRIEFINGS,
    STOP_WORK,
    briefings_from_data,
    stop_work_from_data,
)
from kiosk.core.training import TRAINING_COURSES, courses_from_data

POST_RULES, CATALOGUE, CARD_KEYS = "post_rules", "catalogue", "card_keys"
NAMES = (POST_RULES, CATALOGUE, CARD_KEYS, CITY_NOTICES, POLICY_PAGES, TRAINING_COURSES,
         SAFETY_BRIEFINGS, STOP_WORK)
_CARD_KEY_FIELDS = frozenset({"terminal", "hall", "key"})
_KEY_BYTES = 32


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
        elif name in _CONTENT_READERS:
            _CONTENT_READERS[name](data)
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


def card_keys_from_data(data: dict[str, Any]) -> tuple[bytes, ...]:
    """The raw public keys of a `card_keys` asset: {version, keys: [{terminal, hall, key}]}
    with `key` the standard base64 of 32 bytes. Raises AssetProblem."""
    entries = data.get("keys")
    if not isinstance(entries, list) or set(data) != {"version", "keys"}:
        raise AssetProblem("card_keys is {version, keys: [{terminal, hall, key}]}")
    return tuple(_card_key(entry) for entry in entries)


def _card_key(entry: Any) -> bytes:
    if not isinstance(entry, dict) or set(entry) != _CARD_KEY_FIELDS or not all(
            isinstance(entry[k], str) and entry[k] for k in _CARD_KEY_FIELDS):
        raise AssetProblem("a card key is {terminal, hall, key}, all texts")
    try:
        raw = base64.b64decode(entry["key"], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise AssetProblem(f"the card key of {entry['terminal']} is not base64") from exc
    if len(raw) != _KEY_BYTES:
        raise AssetProblem(f"the card key of {entry['terminal']} is not 32 bytes")
    return raw


# The assets whose reader raises when a file is not valid (ContentProblem: an AssetProblem).
_CONTENT_READERS: dict[str, Callable[[Any], object]] = {
    CARD_KEYS: card_keys_from_data, CITY_NOTICES: notices_from_data,
    POLICY_PAGES: pages_from_data, TRAINING_COURSES: courses_from_data,
    SAFETY_BRIEFINGS: briefings_from_data, STOP_WORK: stop_work_from_data,
}
