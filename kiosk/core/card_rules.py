"""What a check-in does with a worker card (kiosk.core.cards reads and signs them): a card
the terminal can check and a worker it knows (or a good signature) give a queue number;
anything else makes an unverified check-in, numbered once the hub confirms the worker.

No cryptography here: the touchscreen imports this at start-up.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.core.errors import N_
from kiosk.core.records import Unverified

# What the worker is told on the screen and the ticket of an unverified check-in.
UNVERIFIED_TITLE = N_("Please go to the service desk to have your card checked.")
UNVERIFIED_ADVICE = N_(
    "This terminal could not check your card. Staff at the service desk will check it; "
    "you get your queue number as soon as the city confirms you are registered.")
# Why, for staff and the dry run.
UNVERIFIED_WHY: dict[Unverified, str] = {
    Unverified.LEGACY_CARD: N_("an old card (LGW1): this hall checks those with the city"),
    Unverified.UNKNOWN_KEY: N_("the card is signed by a terminal this terminal does not "
                               "know yet"),
    Unverified.BAD_SIGNATURE: N_("the card's signature is not valid (altered or forged)"),
    Unverified.UNKNOWN_WORKER: N_("this terminal does not know the worker, and the card "
                                  "is not signed"),
    Unverified.DELETED_WORKER: N_("this worker's data was deleted at their request"),
}


class CardProof(StrEnum):
    """What a scanned worker card proves by itself."""

    SIGNED = "signed"  # LGW2 whose signature a known terminal key verifies
    LEGACY = "legacy"  # LGW1: a public checksum only, anyone can make one
    UNKNOWN_KEY = "unknown_key"  # LGW2 signed by a key this terminal does not have
    BAD_SIGNATURE = "bad_signature"  # LGW2 whose key is known but the signature is wrong


class LegacyCards(StrEnum):
    """What the hall does with old `LGW1` cards while workers get new ones
    (`[scan] legacy_cards` in config.toml)."""

    ACCEPT = "accept"  # a worker this terminal knows is numbered; others wait for the hub
    UNVERIFIED = "unverified"  # every LGW1 check-in waits for the hub
    REFUSE = "refuse"  # LGW1 cards check nobody in: the worker asks at the desk


class WorkerStanding(StrEnum):
    """What this terminal knows of the worker a card names."""

    KNOWN = "known"
    UNKNOWN = "unknown"
    DELETED = "deleted"  # their personal data was deleted at their request


class LegacyRefused(Exception):
    """The hall refuses LGW1 cards (`legacy_cards = "refuse"`)."""


def standing(proof: CardProof, worker: WorkerStanding,
             legacy: LegacyCards = LegacyCards.ACCEPT) -> Unverified | None:
    """None when a check-in with this card gets its queue number now; otherwise why it
    waits for the hub. Raises LegacyRefused when the hall refuses LGW1 cards.

    A good signature proves a terminal of the city registered the worker: a worker of
    another hall (whom this terminal never saw) is numbered at once."""
    if proof is CardProof.LEGACY and legacy is LegacyCards.REFUSE:
        raise LegacyRefused
    if worker is WorkerStanding.DELETED:
        return Unverified.DELETED_WORKER
    if proof is CardProof.SIGNED:
        return None
    if proof is CardProof.UNKNOWN_KEY:
        return Unverified.UNKNOWN_KEY
    if proof is CardProof.BAD_SIGNATURE:
        return Unverified.BAD_SIGNATURE
    if legacy is LegacyCards.UNVERIFIED:
        return Unverified.LEGACY_CARD
    return None if worker is WorkerStanding.KNOWN else Unverified.UNKNOWN_WORKER
