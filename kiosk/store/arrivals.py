"""A referral slip scanned at a terminal or counter (到岗): the arrival record, and the
referral of this hall marked `arrived`, audited, in the caller's transaction.

Both the scan here (kiosk.services.arrivals) and an arrival the hub passes on from
another hall (kiosk.store.sync_state) come through `mark_arrived`, so the rule is one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kiosk.core.ids import new_id
from kiosk.core.records import (
    Arrival,
    AuditAction,
    AuditEvent,
    Referral,
    ReferralStatus,
)
from kiosk.store.outbox import ChangeOp
from kiosk.store.store import Store, WriteTransaction

# A slip scanned before anything else was recorded: the referral becomes `arrived`.
# An outcome already recorded (hired, not hired, no-show) stays as it is.
ARRIVES_FROM = frozenset({ReferralStatus.REQUESTED, ReferralStatus.REFERRED})


def mark_arrived(tx: WriteTransaction, store: Store, arrival: Arrival, *, hall_id: str,
                 terminal_id: str, staff_id: str | None, now: datetime) -> Referral | None:
    """This hall's referral of the arrival marked `arrived` and audited (who: the staff
    member at the counter, else the terminal that read the slip); None when the referral
    is another hall's, unknown here, or has an outcome already."""
    referral = store.referrals.get(arrival.referral_id)
    if referral is None or referral.hall_id != hall_id or referral.status not in ARRIVES_FROM:
        return None
    updated = replace(referral, status=ReferralStatus.ARRIVED,
                      updated_at=max(now, referral.updated_at))
    tx.save(updated, ChangeOp.UPDATE)
    tx.save(AuditEvent(
        id=new_id(), hall_id=hall_id, terminal_id=terminal_id,
        staff_id=staff_id or arrival.terminal_id, action=AuditAction.ARRIVED,
        entity="referral", entity_id=referral.id,
        detail=f"slip read at {arrival.hall_id} {arrival.terminal_id}"[:200],
        created_at=now), ChangeOp.CREATE)
    return updated


def keep_arrival(tx: WriteTransaction, store: Store, arrival: Arrival) -> bool:
    """Store an arrival the hub passed on (never rewritten); False when it is here already."""
    if store.arrivals.get(arrival.id) is not None:
        return False
    store.arrivals.upsert(arrival)
    tx.changed.add("arrival")
    return True
