"""Signed worker cards (`LGW2`) with real Ed25519 keys, and what a check-in does with a card."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from kiosk.core import payloads
from kiosk.core.card_rules import (
    CardProof,
    LegacyCards,
    LegacyRefused,
    WorkerStanding,
    standing,
)
from kiosk.core.cards import (
    KEY_ID_CHARS,
    key_id,
    raw_public_key,
    sign_worker_card,
)
from kiosk.core.records import Unverified
from kiosk.core.scan import ScanError, ScanKeys, WorkerCard, parse_scan
from kiosk.core.schema import check_payload

WORKER = "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6"
OTHER = "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a7"
KEY = bytes(range(32))  # fixed so the documented example stays true
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def scan(text: str, *keys: bytes) -> WorkerCard | ScanError:
    result = parse_scan(text, keys=ScanKeys(card_keys=keys), now=NOW)
    assert isinstance(result, WorkerCard | ScanError), result
    return result


def test_a_signed_card_verifies_with_its_terminal_key_only() -> None:
    card = sign_worker_card(WORKER, KEY)
    assert len(card) == 137 and card.startswith(f"LGW2:{WORKER}:")
    assert card.split(":")[2] == key_id(raw_public_key(KEY))
    assert len(key_id(raw_public_key(KEY))) == KEY_ID_CHARS
    other = os.urandom(32)
    assert scan(card, raw_public_key(KEY)) == WorkerCard(WORKER, CardProof.SIGNED, card)
    assert scan(card, raw_public_key(other), raw_public_key(KEY)).proof is CardProof.SIGNED
    assert scan(card).proof is CardProof.UNKNOWN_KEY  # no keys at all
    assert scan(card, raw_public_key(other)).proof is CardProof.UNKNOWN_KEY


def test_a_card_moved_to_another_worker_or_altered_fails_its_signature() -> None:
    card = sign_worker_card(WORKER, KEY)
    key = raw_public_key(KEY)
    moved = card.replace(WORKER, OTHER)
    assert scan(moved, key).proof is CardProof.BAD_SIGNATURE
    signature = card.rsplit(":", 1)[1]
    flipped = signature[:10] + ("B" if signature[10] != "B" else "C") + signature[11:]
    assert scan(card.replace(signature, flipped), key).proof is CardProof.BAD_SIGNATURE
    # a key id of a key the terminal has, over a signature made by another key
    forged = sign_worker_card(WORKER, os.urandom(32)).rsplit(":", 1)[1]
    assert scan(f"LGW2:{WORKER}:{key_id(key)}:{forged}", key).proof is CardProof.BAD_SIGNATURE


def test_a_signed_card_read_with_caps_lock_is_the_same_card() -> None:
    card = sign_worker_card(WORKER, KEY)
    assert scan(card.swapcase(), raw_public_key(KEY)) == WorkerCard(
        WORKER, CardProof.SIGNED, card)


@pytest.mark.parametrize(("mangle", "code"), [
    (lambda c: c.rsplit(":", 1)[0], "truncated"),
    (lambda c: c[:-5], "truncated"),
    (lambda c: c + ":x", "malformed"),
    (lambda c: c[:-1] + "!", "bad_base64"),
    (lambda c: c + "AAAA", "bad_base64"),
    (lambda c: c.replace(c.split(":")[2], "abc"), "truncated"),
    (lambda c: c.replace(c.split(":")[2], "abc!defg"), "malformed"),
    (lambda c: c.replace(WORKER, WORKER.upper()), "malformed"),
])
def test_a_damaged_signed_card_is_refused_with_its_code(mangle: object, code: str) -> None:
    card = sign_worker_card(WORKER, KEY)
    result = scan(mangle(card), raw_public_key(KEY))  # type: ignore[operator]
    assert isinstance(result, ScanError) and result.code == code


KNOWN, UNKNOWN, DELETED = WorkerStanding.KNOWN, WorkerStanding.UNKNOWN, WorkerStanding.DELETED


@pytest.mark.parametrize(("proof", "worker", "legacy", "expected"), [
    (CardProof.SIGNED, KNOWN, LegacyCards.ACCEPT, None),
    (CardProof.SIGNED, UNKNOWN, LegacyCards.ACCEPT, None),  # another hall's worker
    (CardProof.SIGNED, DELETED, LegacyCards.ACCEPT, Unverified.DELETED_WORKER),
    (CardProof.SIGNED, UNKNOWN, LegacyCards.REFUSE, None),
    (CardProof.UNKNOWN_KEY, KNOWN, LegacyCards.ACCEPT, Unverified.UNKNOWN_KEY),
    (CardProof.BAD_SIGNATURE, KNOWN, LegacyCards.ACCEPT, Unverified.BAD_SIGNATURE),
    (CardProof.LEGACY, KNOWN, LegacyCards.ACCEPT, None),
    (CardProof.LEGACY, UNKNOWN, LegacyCards.ACCEPT, Unverified.UNKNOWN_WORKER),
    (CardProof.LEGACY, KNOWN, LegacyCards.UNVERIFIED, Unverified.LEGACY_CARD),
    (CardProof.LEGACY, DELETED, LegacyCards.ACCEPT, Unverified.DELETED_WORKER),
])
def test_what_a_card_does_at_check_in(proof: CardProof, worker: WorkerStanding,
                                      legacy: LegacyCards, expected: Unverified | None) -> None:
    assert standing(proof, worker, legacy) is expected


def test_a_hall_that_refuses_old_cards_refuses_them_whoever_they_name() -> None:
    for worker in WorkerStanding:
        with pytest.raises(LegacyRefused):
            standing(CardProof.LEGACY, worker, LegacyCards.REFUSE)


def test_a_check_in_payload_from_before_the_field_still_fits_the_schema() -> None:
    """Unsent check-ins written by an older terminal have no `unverified`: the hub takes
    them; a new one without a number must say why, in the schema's words."""
    old = {"id": "019a5b1c-0000-7000-8000-0000000000c1", "hall_id": "370104-DDBL",
           "worker_id": "019a5b1c-0000-7000-8000-0000000000a1", "day": "2026-11-23",
           "queue_no": 3, "created_at": "2026-11-23T01:00:00.000Z"}
    assert check_payload("checkin", old) == []
    assert check_payload("checkin", {**old, "queue_no": None,
                                     "unverified": "unknown_worker"}) == []
    assert [p.code for p in check_payload("checkin", {**old, "unverified": "made_up"})] == [
        "literal_error"]


def test_the_documented_examples_hold() -> None:
    assert payloads.worker_card(WORKER) == f"LGW1:{WORKER}:5E28E47B"
    assert sign_worker_card(WORKER, KEY) == DOC_EXAMPLE


# docs/scan-formats.md shows this card (Ed25519 signatures are deterministic)
DOC_EXAMPLE = ("LGW2:0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6:Vkdap1Rj:-WuV2_vqf-aqfg_p7M0b8AjC5vThe_"
               "46LVpqHkHm-EBcHLSEMx0SkMxsp4h3_lWq1lZnfqdMtytIw7wzPYFnBg")
